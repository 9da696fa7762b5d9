// WebP decode and encode through libwebp; EXIF travels in the RIFF "EXIF" chunk via libwebpmux.
#include "shim_common.h"

#include <stdlib.h>
#include <string.h>

#include <webp/decode.h>
#include <webp/encode.h>
#include <webp/mux.h>

static void keep_exif(const uint8_t *data, size_t count, sds_decoded_image *out) {
    WebPData bitstream = {data, count};
    WebPMux *mux = WebPMuxCreate(&bitstream, 0);
    if (mux == NULL) return;
    WebPData chunk = {NULL, 0};
    if (WebPMuxGetChunk(mux, "EXIF", &chunk) == WEBP_MUX_OK && chunk.size > 0) {
        const uint8_t *payload = chunk.bytes;
        size_t payload_count = chunk.size;
        // Some writers keep JPEG's "Exif\0\0" prefix inside the chunk.
        if (payload_count > 6 && memcmp(payload, "Exif\0\0", 6) == 0) {
            payload += 6;
            payload_count -= 6;
        }
        out->exif = sds_copy_bytes(payload, payload_count);
        out->exif_count = out->exif != NULL ? payload_count : 0;
    }
    WebPMuxDelete(mux);
}

int sds_webp_decode(const uint8_t *data, size_t count, uint64_t max_pixels,
                    sds_decoded_image *out, char *message, size_t capacity) {
    memset(out, 0, sizeof *out);
    WebPBitstreamFeatures features;
    VP8StatusCode code = WebPGetFeatures(data, count, &features);
    if (code != VP8_STATUS_OK) {
        return sds_fail(SDS_ERR_CORRUPT, message, capacity, "not a valid WebP file (libwebp status %d)", (int)code);
    }
    if (features.has_animation) {
        return sds_fail(SDS_ERR_UNSUPPORTED, message, capacity, "animated WebP is not supported; send a still image");
    }
    int size_status = sds_check_size(features.width, features.height, max_pixels, message, capacity);
    if (size_status != SDS_OK) return size_status;
    int channels = features.has_alpha ? 4 : 3;
    size_t stride = (size_t)features.width * (size_t)channels;
    size_t size = stride * (size_t)features.height;
    uint8_t *pixels = malloc(size);
    if (pixels == NULL) return sds_fail(SDS_ERR_OUT_OF_MEMORY, message, capacity, "out of memory");
    uint8_t *decoded = features.has_alpha
        ? WebPDecodeRGBAInto(data, count, pixels, size, (int)stride)
        : WebPDecodeRGBInto(data, count, pixels, size, (int)stride);
    if (decoded == NULL) {
        free(pixels);
        return sds_fail(SDS_ERR_CORRUPT, message, capacity, "WebP image data is corrupt or truncated");
    }
    keep_exif(data, count, out);
    out->pixels = pixels;
    out->width = features.width;
    out->height = features.height;
    out->channels = channels;
    return SDS_OK;
}

static int attach_exif(const uint8_t *image, size_t image_count, const uint8_t *exif, size_t exif_count,
                       sds_buffer *out, char *message, size_t capacity) {
    WebPMux *mux = WebPMuxNew();
    if (mux == NULL) return sds_fail(SDS_ERR_OUT_OF_MEMORY, message, capacity, "out of memory");
    WebPData bitstream = {image, image_count};
    WebPData chunk = {exif, exif_count};
    WebPData assembled = {NULL, 0};
    WebPMuxError error = WebPMuxSetImage(mux, &bitstream, 1);
    if (error == WEBP_MUX_OK) error = WebPMuxSetChunk(mux, "EXIF", &chunk, 1);
    if (error == WEBP_MUX_OK) error = WebPMuxAssemble(mux, &assembled);
    WebPMuxDelete(mux);
    if (error != WEBP_MUX_OK) {
        return sds_fail(SDS_ERR_ENCODE, message, capacity, "could not add EXIF to the WebP file (mux error %d)", (int)error);
    }
    out->bytes = sds_copy_bytes(assembled.bytes, assembled.size);
    out->count = assembled.size;
    WebPDataClear(&assembled);
    if (out->bytes == NULL) return sds_fail(SDS_ERR_OUT_OF_MEMORY, message, capacity, "out of memory");
    return SDS_OK;
}

int sds_webp_encode(const uint8_t *pixels, int width, int height, int channels,
                    float quality, int lossless, const uint8_t *exif, size_t exif_count,
                    sds_buffer *out, char *message, size_t capacity) {
    out->bytes = NULL;
    out->count = 0;
    if ((channels != 3 && channels != 4) || width <= 0 || height <= 0 ||
        width > WEBP_MAX_DIMENSION || height > WEBP_MAX_DIMENSION) {
        return sds_fail(SDS_ERR_ENCODE, message, capacity,
                        "WebP cannot hold %dx%d with %d channels (needs 3 or 4, sides up to %d)",
                        width, height, channels, WEBP_MAX_DIMENSION);
    }
    WebPConfig config;
    WebPPicture picture;
    if (!WebPConfigInit(&config) || !WebPPictureInit(&picture)) {
        return sds_fail(SDS_ERR_ENCODE, message, capacity, "libwebp version mismatch");
    }
    config.quality = quality;
    config.lossless = lossless ? 1 : 0;
    config.method = 4;
    picture.use_argb = config.lossless;
    picture.width = width;
    picture.height = height;
    int stride = width * channels;
    int imported = channels == 4 ? WebPPictureImportRGBA(&picture, pixels, stride)
                                 : WebPPictureImportRGB(&picture, pixels, stride);
    if (!imported) {
        WebPPictureFree(&picture);
        return sds_fail(SDS_ERR_OUT_OF_MEMORY, message, capacity, "out of memory");
    }
    WebPMemoryWriter writer;
    WebPMemoryWriterInit(&writer);
    picture.writer = WebPMemoryWrite;
    picture.custom_ptr = &writer;
    int encoded = WebPEncode(&config, &picture);
    int error_code = picture.error_code;
    WebPPictureFree(&picture);
    if (!encoded) {
        WebPMemoryWriterClear(&writer);
        return sds_fail(SDS_ERR_ENCODE, message, capacity, "WebP encoding failed (libwebp error %d)", error_code);
    }
    int status = SDS_OK;
    if (exif != NULL && exif_count > 0) {
        status = attach_exif(writer.mem, writer.size, exif, exif_count, out, message, capacity);
    } else {
        out->bytes = sds_copy_bytes(writer.mem, writer.size);
        out->count = writer.size;
        if (out->bytes == NULL) status = sds_fail(SDS_ERR_OUT_OF_MEMORY, message, capacity, "out of memory");
    }
    WebPMemoryWriterClear(&writer);
    return status;
}
