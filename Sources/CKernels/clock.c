#include "ckernels.h"

long ck_dependent_adds(long count) {
    long value = 0;
#if defined(__x86_64__)
    // Eight adds per iteration, each depending on the last: the chain runs at one add per
    // cycle, and the loop overhead executes in parallel with it.
    for (long i = 0; i < count; i += 8) {
        __asm__ volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                         "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0"
                         : "+r"(value));
    }
#else
    for (long i = 0; i < count; i++) __asm__ volatile("" : "+r"(value));
#endif
    return value;
}
