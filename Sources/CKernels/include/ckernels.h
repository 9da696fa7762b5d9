// Vectorised f32 kernels behind CPUBackend. Only the Tensor target imports this module.
// Every function is compiled for several x86 levels (AVX-512, AVX2+FMA, baseline) and picks
// one at load time (see ck_internal.h), so one binary runs on any x86-64 CPU.
// Ranges [begin, end) let the caller split work across threads.
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>

typedef enum {
    CK_SILU = 0,
    CK_GELU_EXACT = 1,
    CK_GELU_TANH = 2,
    CK_QUICK_GELU = 3,
    CK_IDENTITY = 4,
} ck_activation_kind;

typedef enum { CK_ADD = 0, CK_SUB = 1, CK_MUL = 2, CK_DIV = 3 } ck_binary_op;

/// dst[i] = act(src[i]) for i in [begin, end).
void ck_activation(float *dst, const float *src, long begin, long end, int kind);

/// dst[i] = src[i] * scale + offset for i in [begin, end).
void ck_affine(float *dst, const float *src, long begin, long end, float scale, float offset);

/// Broadcasting binary op on rows: the output is `rows × width`, row r of `a` starts at
/// a_row[r] (an element offset) and steps by a_step (0 or 1) along the row; the same for b.
void ck_binary_rows(float *dst, const float *a, const float *b, const long *a_row, const long *b_row,
                    long a_step, long b_step, long row_begin, long row_end, long width, int op);

/// Row-wise softmax over `width` for rows [begin, end).
void ck_softmax_rows(float *dst, const float *src, long begin, long end, long width);

/// Layer norm over `width` for rows [begin, end); gamma/beta may be NULL.
void ck_layer_norm_rows(float *dst, const float *src, long begin, long end, long width,
                        const float *gamma, const float *beta, float eps);

/// Group norm over groups [begin, end) of an NC... tensor: group index gi covers images
/// gi / groups, channels (gi % groups) * channels_per_group ..., `spatial` elements each.
/// `activation` is a ck_activation_kind applied after the affine (CK_IDENTITY for none).
void ck_group_norm(float *dst, const float *src, long begin, long end, long groups,
                   long channels_per_group, long spatial, const float *gamma, const float *beta,
                   float eps, int activation);

/// dst[r, i] = src[r, i] * gelu(src[r, half + i]) for rows [begin, end).
void ck_geglu_rows(float *dst, const float *src, long begin, long end, long half);

/// f32 <-> bf16 (round to nearest even, NaN stays NaN) for i in [begin, end).
void ck_f32_to_bf16(unsigned short *dst, const float *src, long begin, long end);
void ck_bf16_to_f32(float *dst, const unsigned short *src, long begin, long end);

/// IEEE half (f16) -> f32, exact, for i in [begin, end).
void ck_f16_to_f32(float *dst, const unsigned short *src, long begin, long end);
/// f32 -> IEEE half, round to nearest even (overflow to infinity, NaN stays NaN), for i in [begin, end).
void ck_f32_to_f16(unsigned short *dst, const float *src, long begin, long end);
/// dst[i] = src[i] rounded to the nearest bf16 value, kept as f32 (bf16 numerics on CPUs
/// without bf16 instructions).
void ck_round_to_bf16(float *dst, const float *src, long begin, long end);

/// Runs `count` dependent integer adds (one per cycle on any x86 core) and returns a value
/// the caller must use; timing it measures the core clock.
long ck_dependent_adds(long count);

/// Strided copy by output rows (permute): output row r (of `width` elements) starts in `src`
/// at Σ index_d(r) · outer_strides[d] over the outer dims and steps by inner_stride.
void ck_gather_rows(float *dst, const float *src, int outer_rank, const long *outer_shape, const long *outer_strides,
                    long inner_stride, long row_begin, long row_end, long width);

/// Attention tile sizes: keys are padded to a multiple of CK_ATTN_KEY_ALIGN and values'
/// width to a multiple of CK_ATTN_VALUE_ALIGN in the packed operands.
#define CK_ATTN_KEY_ALIGN 16
#define CK_ATTN_VALUE_ALIGN 8

/// Packs one head: kt = kᵀ in panels of CK_ATTN_KEY_ALIGN keys ([tk_padded / 16][d][16],
/// zero padded), vp[tk_padded][dv_padded] = v.
void ck_attention_pack(float *kt, float *vp, const float *k, const float *v, long tk, long d, long dv,
                       long tk_padded, long dv_padded);

/// Floats of per-thread scratch ck_attention_rows needs.
long ck_attention_scratch_floats(long d, long dv_padded);

/// Streaming-softmax attention for query rows [q_begin, q_end) of one head: never holds more
/// than a query-block × key-block tile of scores. q [tq, d], out [tq, dv].
void ck_attention_rows(float *out, const float *q, const float *kt, const float *vp, long q_begin,
                       long q_end, long tk, long d, long dv, long tk_padded, long dv_padded,
                       float scale, int causal, float *scratch);

#endif
