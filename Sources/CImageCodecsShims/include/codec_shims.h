// Error-code wrappers around libpng, libjpeg-turbo and libwebp. libpng and libjpeg report
// errors by longjmp, which Swift cannot survive, so every codec call lives here in C and
// returns a status plus a message. Buffers handed out are malloc'd; free them with sds_free.
#ifndef SDS_CODEC_SHIMS_H
#define SDS_CODEC_SHIMS_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    SDS_OK = 0,
    SDS_ERR_CORRUPT = 1,       // the bytes are not a valid image of the claimed format
    SDS_ERR_UNSUPPORTED = 2,   // valid but a variant we do not decode (e.g. animated WebP)
    SDS_ERR_TOO_LARGE = 3,     // width*height exceeds the caller's pixel limit
    SDS_ERR_OUT_OF_MEMORY = 4,
    SDS_ERR_ENCODE = 5,        // the encoder refused the input
} sds_status;

typedef struct {
    uint8_t *bytes;
    size_t count;
} sds_buffer;

/// A decoded image: 8-bit samples, row-major, `channels` interleaved (1 gray, 2 gray+alpha,
/// 3 RGB, 4 RGBA). `exif` holds the TIFF-structured EXIF payload (no "Exif\0\0" prefix) when
/// the file carried one, else NULL.
typedef struct {
    uint8_t *pixels;
    int width;
    int height;
    int channels;
    uint8_t *exif;
    size_t exif_count;
} sds_decoded_image;

/// One PNG text chunk. `latin1` != 0: `value` is Latin-1 bytes, written as tEXt; otherwise
/// `value` is UTF-8, written as an uncompressed iTXt. `key` is always Latin-1.
typedef struct {
    const char *key;
    const char *value;
    int latin1;
} sds_png_text;

void sds_free(void *pointer);
void sds_decoded_image_free(sds_decoded_image *image);

int sds_png_decode(const uint8_t *data, size_t count, uint64_t max_pixels,
                   sds_decoded_image *out, char *message, size_t message_capacity);
int sds_png_encode(const uint8_t *pixels, int width, int height, int channels,
                   const sds_png_text *texts, int text_count, int compression_level,
                   sds_buffer *out, char *message, size_t message_capacity);

int sds_jpeg_decode(const uint8_t *data, size_t count, uint64_t max_pixels,
                    sds_decoded_image *out, char *message, size_t message_capacity);
/// `channels` is 1 or 3. `exif` (TIFF payload without the "Exif\0\0" prefix) may be NULL.
int sds_jpeg_encode(const uint8_t *pixels, int width, int height, int channels, int quality,
                    const uint8_t *exif, size_t exif_count,
                    sds_buffer *out, char *message, size_t message_capacity);

int sds_webp_decode(const uint8_t *data, size_t count, uint64_t max_pixels,
                    sds_decoded_image *out, char *message, size_t message_capacity);
/// `channels` is 3 or 4. `quality` 0...100; `lossless` != 0 encodes losslessly.
int sds_webp_encode(const uint8_t *pixels, int width, int height, int channels,
                    float quality, int lossless, const uint8_t *exif, size_t exif_count,
                    sds_buffer *out, char *message, size_t message_capacity);

#endif
