#include "ck_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

// IEEE half to f32, exact for every input (subnormals, infinities, NaN payloads). Written
// with selects instead of branches so it vectorises.
CK_MULTIVERSION
static void f16_to_f32_portable(float *dst, const unsigned short *src, long begin, long end) {
    for (long i = begin; i < end; i++) {
        uint32_t h = src[i];
        uint32_t sign = (h & 0x8000u) << 16;
        uint32_t exponent = (h >> 10) & 0x1Fu;
        uint32_t mantissa = h & 0x3FFu;
        // Normal numbers: rebias the exponent (15 -> 127), widen the mantissa.
        uint32_t normal = ((exponent + 112u) << 23) | (mantissa << 13);
        // Infinity / NaN keep an all-ones exponent and the payload.
        uint32_t special = 0x7F800000u | (mantissa << 13);
        // Subnormals (and zero): mantissa × 2^-24, exact in f32.
        float subnormal_value = (float)mantissa * 5.9604644775390625e-8f;
        uint32_t subnormal;
        memcpy(&subnormal, &subnormal_value, sizeof subnormal);
        uint32_t bits = exponent == 0 ? subnormal : (exponent == 31 ? special : normal);
        bits |= sign;
        memcpy(&dst[i], &bits, sizeof bits);
    }
}

#if defined(__x86_64__)
// F16C converts eight halves per instruction, exactly; it is what makes per-call widening of
// compact weights cheap next to the matmul that reads them.
__attribute__((target("avx2,f16c")))
static void f16_to_f32_f16c(float *dst, const unsigned short *src, long begin, long end) {
    long i = begin;
    for (; i + 8 <= end; i += 8) {
        _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(src + i))));
    }
    f16_to_f32_portable(dst, src, i, end);
}
#endif

void ck_f16_to_f32(float *dst, const unsigned short *src, long begin, long end) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx2")) {
        f16_to_f32_f16c(dst, src, begin, end);
        return;
    }
#endif
    f16_to_f32_portable(dst, src, begin, end);
}

// f32 to IEEE half with round-to-nearest-even, branch-free so it vectorises. Normal results
// rebias the exponent (127 -> 15) and round the 13 dropped mantissa bits (a carry may step
// into the exponent, which is the correct rounding). Results below 2^-14 are subnormal halves:
// adding 0.5 makes the FPU round |x| to a multiple of 2^-24, which is the subnormal spacing.
CK_MULTIVERSION
void ck_f32_to_f16(unsigned short *dst, const float *src, long begin, long end) {
    for (long i = begin; i < end; i++) {
        uint32_t bits;
        memcpy(&bits, &src[i], sizeof bits);
        uint32_t sign = (bits >> 16) & 0x8000u;
        uint32_t magnitude = bits & 0x7FFFFFFFu;
        uint32_t normal = (magnitude - (112u << 23) + 0xFFFu + ((magnitude >> 13) & 1u)) >> 13;
        float shifted = fabsf(src[i]) + 0.5f;
        uint32_t shifted_bits;
        memcpy(&shifted_bits, &shifted, sizeof shifted_bits);
        uint32_t subnormal = shifted_bits - 0x3F000000u;
        uint32_t special = 0x7C00u | (magnitude > 0x7F800000u ? (0x0200u | ((magnitude >> 13) & 0x3FFu)) : 0u);
        uint32_t half = magnitude >= 0x477FF000u ? special : (magnitude < 0x38800000u ? subnormal : normal);
        dst[i] = (unsigned short)(sign | half);
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
