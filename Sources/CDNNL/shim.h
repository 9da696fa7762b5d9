// The one door to oneDNN (Debian's libdnnl-dev). Only the Tensor target imports this.
#include <oneapi/dnnl/dnnl.h>
