#include "ck_internal.h"

// One loop per activation so each vectorises without a per-element switch.
CK_MULTIVERSION
void ck_activation(float *dst, const float *src, long begin, long end, int kind) {
    switch (kind) {
    case CK_SILU:
        for (long i = begin; i < end; i++) dst[i] = src[i] * ck_sigmoid(src[i]);
        break;
    case CK_GELU_EXACT:
        for (long i = begin; i < end; i++) dst[i] = ck_gelu_exact(src[i]);
        break;
    case CK_GELU_TANH:
        for (long i = begin; i < end; i++) dst[i] = ck_apply(CK_GELU_TANH, src[i]);
        break;
    case CK_QUICK_GELU:
        for (long i = begin; i < end; i++) dst[i] = src[i] * ck_sigmoid(1.702f * src[i]);
        break;
    default:
        for (long i = begin; i < end; i++) dst[i] = src[i];
    }
}

CK_MULTIVERSION
void ck_affine(float *dst, const float *src, long begin, long end, float scale, float offset) {
    for (long i = begin; i < end; i++) dst[i] = src[i] * scale + offset;
}

// The op and the two broadcast steps are hoisted out of the row so the inner loops are
// plain vector loops.
#define CK_ROW_LOOP(EXPR)                                                                   \
    do {                                                                                    \
        if (a_step && b_step) { for (long i = 0; i < width; i++) { float x = pa[i], y = pb[i]; out[i] = EXPR; } } \
        else if (a_step) { float y = pb[0]; for (long i = 0; i < width; i++) { float x = pa[i]; out[i] = EXPR; } } \
        else if (b_step) { float x = pa[0]; for (long i = 0; i < width; i++) { float y = pb[i]; out[i] = EXPR; } } \
        else { float x = pa[0], y = pb[0]; for (long i = 0; i < width; i++) out[i] = EXPR; } \
    } while (0)

CK_MULTIVERSION
void ck_binary_rows(float *dst, const float *a, const float *b, const long *a_row, const long *b_row,
                    long a_step, long b_step, long row_begin, long row_end, long width, int op) {
    for (long r = row_begin; r < row_end; r++) {
        const float *pa = a + a_row[r], *pb = b + b_row[r];
        float *out = dst + r * width;
        switch (op) {
        case CK_ADD: CK_ROW_LOOP(x + y); break;
        case CK_SUB: CK_ROW_LOOP(x - y); break;
        case CK_MUL: CK_ROW_LOOP(x * y); break;
        default: CK_ROW_LOOP(x / y); break;
        }
    }
}

CK_MULTIVERSION
void ck_geglu_rows(float *dst, const float *src, long begin, long end, long half) {
    for (long r = begin; r < end; r++) {
        const float *a = src + r * 2 * half, *gate = a + half;
        float *out = dst + r * half;
        for (long i = 0; i < half; i++) out[i] = a[i] * ck_gelu_exact(gate[i]);
    }
}

CK_MULTIVERSION
void ck_f32_to_bf16(unsigned short *dst, const float *src, long begin, long end) {
    for (long i = begin; i < end; i++) {
        uint32_t bits;
        memcpy(&bits, &src[i], sizeof bits);
        uint32_t rounded = (bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16;
        int is_nan = (bits & 0x7FFFFFFFu) > 0x7F800000u;
        dst[i] = (unsigned short)(is_nan ? ((bits >> 16) | 0x40u) : rounded);
    }
}

CK_MULTIVERSION
void ck_bf16_to_f32(float *dst, const unsigned short *src, long begin, long end) {
    for (long i = begin; i < end; i++) {
        uint32_t bits = (uint32_t)src[i] << 16;
        memcpy(&dst[i], &bits, sizeof bits);
    }
}

CK_MULTIVERSION
void ck_round_to_bf16(float *dst, const float *src, long begin, long end) {
    for (long i = begin; i < end; i++) {
        uint32_t bits;
        memcpy(&bits, &src[i], sizeof bits);
        int is_nan = (bits & 0x7FFFFFFFu) > 0x7F800000u;
        uint32_t rounded = (bits + 0x7FFFu + ((bits >> 16) & 1u)) & 0xFFFF0000u;
        rounded = is_nan ? (bits | 0x00400000u) : rounded;
        memcpy(&dst[i], &rounded, sizeof rounded);
    }
}
