// JPEG decode and encode through libjpeg-turbo, with its longjmp errors turned into status
// codes. Decoding keeps the APP1 Exif payload so Swift can honour the orientation tag.
#include "shim_common.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char *message;
    size_t capacity;
} jpeg_error_sink;

static void on_jpeg_error(j_common_ptr cinfo) {
    jpeg_error_sink *sink = (jpeg_error_sink *)cinfo->err;
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    sds_fail(0, sink->message, sink->capacity, "%s", text);
    longjmp(sink->jump, 1);
}

static void ignore_jpeg_message(j_common_ptr cinfo) { (void)cinfo; }

static const uint8_t exif_signature[6] = {'E', 'x', 'i', 'f', 0, 0};

static void keep_exif(j_decompress_ptr cinfo, sds_decoded_image *out) {
    for (jpeg_saved_marker_ptr marker = cinfo->marker_list; marker != NULL; marker = marker->next) {
        if (marker->marker != JPEG_APP0 + 1 || marker->data_length <= sizeof exif_signature) continue;
        if (memcmp(marker->data, exif_signature, sizeof exif_signature) != 0) continue;
        size_t count = marker->data_length - sizeof exif_signature;
        out->exif = sds_copy_bytes(marker->data + sizeof exif_signature, count);
        out->exif_count = out->exif != NULL ? count : 0;
        return;
    }
}

// PIL reads CMYK JPEGs as Adobe writes them, inverted (rawmode "CMYK;I": ink = 255 - stored),
// then converts with out = (255 - K) - MULDIV255(C, 255 - K). Here 255 - K is the stored K.
static void cmyk_to_rgb(const uint8_t *stored, uint8_t *rgb, size_t pixel_count) {
    for (size_t i = 0; i < pixel_count; i++) {
        int paper = stored[i * 4 + 3];
        for (int c = 0; c < 3; c++) {
            int ink = 255 - stored[i * 4 + c];
            int product = ink * paper + 128;
            int scaled = ((product >> 8) + product) >> 8;
            int value = paper - scaled;
            rgb[i * 3 + c] = (uint8_t)(value < 0 ? 0 : value > 255 ? 255 : value);
        }
    }
}

int sds_jpeg_decode(const uint8_t *data, size_t count, uint64_t max_pixels,
                    sds_decoded_image *out, char *message, size_t capacity) {
    memset(out, 0, sizeof *out);
    struct jpeg_decompress_struct cinfo;
    jpeg_error_sink sink;
    cinfo.err = jpeg_std_error(&sink.base);
    sink.base.error_exit = on_jpeg_error;
    sink.base.output_message = ignore_jpeg_message;
    sink.message = message;
    sink.capacity = capacity;
    uint8_t *volatile pixels = NULL;
    uint8_t *volatile scratch = NULL;
    volatile int status = SDS_ERR_CORRUPT;
    if (setjmp(sink.jump)) {
        free(pixels);
        free(scratch);
        sds_decoded_image_free(out);
        jpeg_destroy_decompress(&cinfo);
        return status;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)count);
    jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&cinfo, TRUE);
    int size_status = sds_check_size((int)cinfo.image_width, (int)cinfo.image_height, max_pixels, message, capacity);
    if (size_status != SDS_OK) {
        jpeg_destroy_decompress(&cinfo);
        return size_status;
    }
    keep_exif(&cinfo, out);
    int cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    if (cinfo.jpeg_color_space == JCS_GRAYSCALE) cinfo.out_color_space = JCS_GRAYSCALE;
    else if (cmyk) cinfo.out_color_space = JCS_CMYK;
    else cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);

    int channels = cmyk ? 3 : cinfo.output_components;
    size_t width = cinfo.output_width, height = cinfo.output_height;
    size_t row_samples = width * (size_t)cinfo.output_components;
    pixels = malloc(width * height * (size_t)channels);
    if (cmyk) scratch = malloc(row_samples);
    if (pixels == NULL || (cmyk && scratch == NULL)) {
        status = SDS_ERR_OUT_OF_MEMORY;
        ERREXIT(&cinfo, JERR_OUT_OF_MEMORY);
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        uint8_t *target = pixels + (size_t)cinfo.output_scanline * width * (size_t)channels;
        JSAMPROW row = cmyk ? scratch : target;
        jpeg_read_scanlines(&cinfo, &row, 1);
        if (cmyk) cmyk_to_rgb(scratch, target, width);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free(scratch);
    out->pixels = pixels;
    out->width = (int)width;
    out->height = (int)height;
    out->channels = channels;
    return SDS_OK;
}

int sds_jpeg_encode(const uint8_t *pixels, int width, int height, int channels, int quality,
                    const uint8_t *exif, size_t exif_count,
                    sds_buffer *out, char *message, size_t capacity) {
    out->bytes = NULL;
    out->count = 0;
    if ((channels != 1 && channels != 3) || width <= 0 || height <= 0 || width > 65500 || height > 65500) {
        return sds_fail(SDS_ERR_ENCODE, message, capacity,
                        "JPEG cannot hold %dx%d with %d channels (needs 1 or 3 channels, sides up to 65500)",
                        width, height, channels);
    }
    if (exif_count + sizeof exif_signature + 2 > 0xFFFF) {
        return sds_fail(SDS_ERR_ENCODE, message, capacity,
                        "EXIF block of %zu bytes does not fit a JPEG APP1 segment (64 KiB)", exif_count);
    }
    struct jpeg_compress_struct cinfo;
    jpeg_error_sink sink;
    cinfo.err = jpeg_std_error(&sink.base);
    sink.base.error_exit = on_jpeg_error;
    sink.base.output_message = ignore_jpeg_message;
    sink.message = message;
    sink.capacity = capacity;
    unsigned char *volatile bytes = NULL;
    unsigned long count = 0;
    uint8_t *volatile segment = NULL;
    if (setjmp(sink.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(bytes);
        free(segment);
        return SDS_ERR_ENCODE;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, (unsigned char **)&bytes, &count);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = channels;
    cinfo.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    if (exif != NULL && exif_count > 0) {
        segment = malloc(exif_count + sizeof exif_signature);
        if (segment == NULL) ERREXIT(&cinfo, JERR_OUT_OF_MEMORY);
        memcpy(segment, exif_signature, sizeof exif_signature);
        memcpy(segment + sizeof exif_signature, exif, exif_count);
        jpeg_write_marker(&cinfo, JPEG_APP0 + 1, segment, (unsigned int)(exif_count + sizeof exif_signature));
    }
    size_t row_bytes = (size_t)width * (size_t)channels;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * row_bytes);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    free(segment);
    out->bytes = bytes;
    out->count = count;
    return SDS_OK;
}
