// Helpers shared by the codec shims (not part of the public header).
#ifndef SDS_SHIM_COMMON_H
#define SDS_SHIM_COMMON_H

#include "include/codec_shims.h"

/// Writes a formatted message and returns `status`.
int sds_fail(int status, char *message, size_t capacity, const char *format, ...);
/// SDS_OK when width and height are positive and their product is within `max_pixels`.
int sds_check_size(int width, int height, uint64_t max_pixels, char *message, size_t capacity);
/// malloc'd copy of `count` bytes (never NULL-for-zero), or NULL when out of memory.
uint8_t *sds_copy_bytes(const uint8_t *bytes, size_t count);

#endif
