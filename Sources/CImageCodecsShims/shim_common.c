#include "shim_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sds_free(void *pointer) { free(pointer); }

void sds_decoded_image_free(sds_decoded_image *image) {
    if (image == NULL) return;
    free(image->pixels);
    free(image->exif);
    image->pixels = NULL;
    image->exif = NULL;
    image->exif_count = 0;
}

int sds_fail(int status, char *message, size_t capacity, const char *format, ...) {
    if (message != NULL && capacity > 0) {
        va_list arguments;
        va_start(arguments, format);
        vsnprintf(message, capacity, format, arguments);
        va_end(arguments);
    }
    return status;
}

int sds_check_size(int width, int height, uint64_t max_pixels, char *message, size_t capacity) {
    if (width <= 0 || height <= 0) {
        return sds_fail(SDS_ERR_CORRUPT, message, capacity, "image has an empty size %dx%d", width, height);
    }
    if ((uint64_t)width * (uint64_t)height > max_pixels) {
        return sds_fail(SDS_ERR_TOO_LARGE, message, capacity,
                        "image is %dx%d, more than the %llu pixels allowed", width, height,
                        (unsigned long long)max_pixels);
    }
    return SDS_OK;
}

uint8_t *sds_copy_bytes(const uint8_t *bytes, size_t count) {
    uint8_t *copy = malloc(count > 0 ? count : 1);
    if (copy != NULL && count > 0) memcpy(copy, bytes, count);
    return copy;
}
