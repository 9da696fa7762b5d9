// The one door to the image codec libraries (Debian's libpng-dev, libjpeg62-turbo-dev,
// libwebp-dev, zlib1g-dev). Only the CImageCodecsShims C target includes these headers;
// Swift reaches them through that target's error-code functions, never directly, because
// libpng and libjpeg report errors by longjmp.
#include <stdio.h>
#include <png.h>
#include <jpeglib.h>
#include <webp/encode.h>
#include <webp/decode.h>
#include <webp/mux.h>
#include <zlib.h>
