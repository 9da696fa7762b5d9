// PNG decode and encode through libpng, with its longjmp errors turned into status codes.
#include "shim_common.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *message;
    size_t capacity;
} png_error_sink;

typedef struct {
    const uint8_t *data;
    size_t count;
    size_t offset;
} png_memory_reader;

typedef struct {
    uint8_t *bytes;
    size_t count;
    size_t capacity;
} png_memory_writer;

static void on_png_error(png_structp png, png_const_charp text) {
    png_error_sink *sink = png_get_error_ptr(png);
    sds_fail(0, sink->message, sink->capacity, "%s", text);
    png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void read_from_memory(png_structp png, png_bytep out, size_t length) {
    png_memory_reader *reader = png_get_io_ptr(png);
    if (reader->count - reader->offset < length) png_error(png, "file is truncated");
    memcpy(out, reader->data + reader->offset, length);
    reader->offset += length;
}

static void write_to_memory(png_structp png, png_bytep data, size_t length) {
    png_memory_writer *writer = png_get_io_ptr(png);
    if (writer->capacity - writer->count < length) {
        size_t capacity = writer->capacity * 2 + length + 4096;
        uint8_t *grown = realloc(writer->bytes, capacity);
        if (grown == NULL) png_error(png, "out of memory");
        writer->bytes = grown;
        writer->capacity = capacity;
    }
    memcpy(writer->bytes + writer->count, data, length);
    writer->count += length;
}

static void flush_memory(png_structp png) { (void)png; }

// PIL keeps a palette image whose tRNS marks exactly one entry fully transparent (all others
// opaque) as "P" with an integer transparency, and A1111 then ignores it; any other palette
// tRNS becomes an RGBA image. Returns 1 when the palette's tRNS should become alpha.
static int palette_transparency_is_alpha(png_structp png, png_infop info) {
    png_bytep alpha = NULL;
    int count = 0;
    png_color_16p color = NULL;
    if (!png_get_valid(png, info, PNG_INFO_tRNS)) return 0;
    png_get_tRNS(png, info, &alpha, &count, &color);
    int zeros = 0;
    for (int i = 0; i < count; i++) {
        if (alpha[i] == 0) zeros++;
        else if (alpha[i] != 255) return 1;
    }
    return zeros != 1;
}

int sds_png_decode(const uint8_t *data, size_t count, uint64_t max_pixels,
                   sds_decoded_image *out, char *message, size_t capacity) {
    memset(out, 0, sizeof *out);
    if (count < 8 || png_sig_cmp(data, 0, 8) != 0) {
        return sds_fail(SDS_ERR_CORRUPT, message, capacity, "not a PNG file (bad signature)");
    }
    png_error_sink sink = {message, capacity};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &sink, on_png_error, on_png_warning);
    if (png == NULL) return sds_fail(SDS_ERR_OUT_OF_MEMORY, message, capacity, "out of memory");
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        return sds_fail(SDS_ERR_OUT_OF_MEMORY, message, capacity, "out of memory");
    }
    png_memory_reader reader = {data, count, 0};
    uint8_t *volatile pixels = NULL;
    png_bytep *volatile rows = NULL;
    volatile int status = SDS_ERR_CORRUPT;
    if (setjmp(png_jmpbuf(png))) {
        free(pixels);
        free(rows);
        png_destroy_read_struct(&png, &info, NULL);
        return status;
    }
    png_set_read_fn(png, &reader, read_from_memory);
    png_read_info(png, info);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0;
    png_get_IHDR(png, info, &width, &height, &bit_depth, &color_type, NULL, NULL, NULL);
    if (width > 0x7fffffff || height > 0x7fffffff) {
        status = SDS_ERR_TOO_LARGE;
        png_error(png, "image dimensions are too large");
    }
    int size_status = sds_check_size((int)width, (int)height, max_pixels, message, capacity);
    if (size_status != SDS_OK) {
        png_destroy_read_struct(&png, &info, NULL);
        return size_status;
    }
    // 16-bit samples keep their high byte, as PIL does for RGB(A) and LA.
    if (bit_depth == 16) png_set_strip_16(png);
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_palette_to_rgb(png);
        if (png_get_valid(png, info, PNG_INFO_tRNS) && !palette_transparency_is_alpha(png, info)) {
            png_set_strip_alpha(png);
        }
    } else if (png_get_valid(png, info, PNG_INFO_tRNS)) {
        // A colour-key tRNS on gray/RGB stays out of the pixels, as in PIL.
        png_set_strip_alpha(png);
    }
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    int channels = png_get_channels(png, info);
    size_t row_bytes = png_get_rowbytes(png, info);
    if (channels < 1 || channels > 4 || row_bytes != (size_t)width * (size_t)channels) {
        status = SDS_ERR_UNSUPPORTED;
        png_error(png, "unexpected sample layout after conversion to 8 bits");
    }
    pixels = malloc(row_bytes * height);
    rows = malloc(sizeof(png_bytep) * height);
    if (pixels == NULL || rows == NULL) {
        status = SDS_ERR_OUT_OF_MEMORY;
        png_error(png, "out of memory");
    }
    for (png_uint_32 y = 0; y < height; y++) rows[y] = pixels + (size_t)y * row_bytes;
    png_read_image(png, rows);
    png_read_end(png, info);

    png_uint_32 exif_count = 0;
    png_bytep exif = NULL;
    if (png_get_eXIf_1(png, info, &exif_count, &exif) != 0 && exif != NULL && exif_count > 0) {
        out->exif = sds_copy_bytes(exif, exif_count);
        out->exif_count = out->exif != NULL ? exif_count : 0;
    }
    free(rows);
    out->pixels = pixels;
    out->width = (int)width;
    out->height = (int)height;
    out->channels = channels;
    png_destroy_read_struct(&png, &info, NULL);
    return SDS_OK;
}

int sds_png_encode(const uint8_t *pixels, int width, int height, int channels,
                   const sds_png_text *texts, int text_count, int compression_level,
                   sds_buffer *out, char *message, size_t capacity) {
    static const int color_types[] = {PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA,
                                      PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA};
    out->bytes = NULL;
    out->count = 0;
    if (channels < 1 || channels > 4 || width <= 0 || height <= 0) {
        return sds_fail(SDS_ERR_ENCODE, message, capacity, "cannot encode %dx%d with %d channels",
                        width, height, channels);
    }
    png_error_sink sink = {message, capacity};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, on_png_error, on_png_warning);
    if (png == NULL) return sds_fail(SDS_ERR_OUT_OF_MEMORY, message, capacity, "out of memory");
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        return sds_fail(SDS_ERR_OUT_OF_MEMORY, message, capacity, "out of memory");
    }
    png_memory_writer writer = {NULL, 0, 0};
    png_text *volatile chunks = NULL;
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        free(writer.bytes);
        free(chunks);
        free(rows);
        png_destroy_write_struct(&png, &info);
        return SDS_ERR_ENCODE;
    }
    png_set_write_fn(png, &writer, write_to_memory, flush_memory);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, color_types[channels - 1],
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, compression_level);
    if (text_count > 0) {
        chunks = calloc((size_t)text_count, sizeof(png_text));
        if (chunks == NULL) png_error(png, "out of memory");
        for (int i = 0; i < text_count; i++) {
            chunks[i].compression = texts[i].latin1 ? PNG_TEXT_COMPRESSION_NONE : PNG_ITXT_COMPRESSION_NONE;
            chunks[i].key = (png_charp)texts[i].key;
            chunks[i].text = (png_charp)texts[i].value;
        }
        png_set_text(png, info, chunks, text_count);
    }
    rows = malloc(sizeof(png_bytep) * (size_t)height);
    if (rows == NULL) png_error(png, "out of memory");
    size_t row_bytes = (size_t)width * (size_t)channels;
    for (int y = 0; y < height; y++) rows[y] = (png_bytep)pixels + (size_t)y * row_bytes;
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, NULL);
    free(chunks);
    free(rows);
    png_destroy_write_struct(&png, &info);
    out->bytes = writer.bytes;
    out->count = writer.count;
    return SDS_OK;
}
