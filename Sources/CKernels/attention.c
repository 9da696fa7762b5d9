// Flash-style attention: for a block of queries, walk the keys in blocks, keeping only a
// QB × KB tile of scores, a running row max m, a running denominator l and an unnormalised
// output accumulator. Memory per thread is O(QB·(KB + dv)), independent of the token count.
#include "ck_internal.h"

// Register tiles: scores 4 queries × 16 keys, output 8 queries × 8 values; both keep eight
// independent FMA chains in flight (two FMA units × four cycles latency on AVX2 cores).
enum { QB = 32, KB = 128, QK_MR = 4, QK_NR = CK_ATTN_KEY_ALIGN, PV_MR = 8, PV_NR = CK_ATTN_VALUE_ALIGN };

CK_MULTIVERSION
void ck_attention_pack(float *kt, float *vp, const float *k, const float *v, long tk, long d, long dv,
                       long tk_padded, long dv_padded) {
    // Panels of QK_NR keys, each d × QK_NR contiguous: the score tile streams through one
    // small panel instead of d rows a whole head apart (which alias in the L1 cache).
    for (long j0 = 0; j0 < tk_padded; j0 += QK_NR)
        for (long p = 0; p < d; p++)
            for (long c = 0; c < QK_NR; c++) kt[j0 * d + p * QK_NR + c] = j0 + c < tk ? k[(j0 + c) * d + p] : 0;
    for (long j = 0; j < tk_padded; j++)
        for (long c = 0; c < dv_padded; c++) vp[j * dv_padded + c] = (j < tk && c < dv) ? v[j * dv + c] : 0;
}

long ck_attention_scratch_floats(long d, long dv_padded) {
    return QB * KB + QB * dv_padded + QB * d + 2 * QB;
}

// Eight floats as one value: one AVX register in the AVX2/AVX-512 clones, two SSE registers
// in the baseline one. Register tiles are written with it so they stay in registers.
typedef float v8f __attribute__((vector_size(32)));

CK_INLINE v8f load8(const float *p) { v8f v; memcpy(&v, p, sizeof v); return v; }
CK_INLINE void store8(float *p, v8f v) { memcpy(p, &v, sizeof v); }

// s[QK_MR][KB] = q[QK_MR][d] · kᵀ for `cols` keys from their panels: 4 × 16 tile, eight
// accumulators.
CK_INLINE void qk_tile(float *s, const float *q, const float *panels, long d, long cols) {
    for (long j0 = 0; j0 < cols; j0 += QK_NR) {
        const float *panel = panels + j0 * d;
        v8f a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0}, b0 = {0}, b1 = {0}, b2 = {0}, b3 = {0};
        for (long p = 0; p < d; p++) {
            v8f k0 = load8(panel + p * QK_NR), k1 = load8(panel + p * QK_NR + 8);
            float q0 = q[p], q1 = q[d + p], q2 = q[2 * d + p], q3 = q[3 * d + p];
            a0 += q0 * k0; b0 += q0 * k1;
            a1 += q1 * k0; b1 += q1 * k1;
            a2 += q2 * k0; b2 += q2 * k1;
            a3 += q3 * k0; b3 += q3 * k1;
        }
        store8(s + j0, a0); store8(s + j0 + 8, b0);
        store8(s + KB + j0, a1); store8(s + KB + j0 + 8, b1);
        store8(s + 2 * KB + j0, a2); store8(s + 2 * KB + j0 + 8, b2);
        store8(s + 3 * KB + j0, a3); store8(s + 3 * KB + j0 + 8, b3);
    }
}

// acc[PV_MR][dv_padded] += p[PV_MR][KB] · vp[rows][dv_padded]: 8 × 8 tile, eight accumulators.
CK_INLINE void pv_tile(float *acc, const float *p, const float *vp, long rows, long dv_padded) {
    for (long c0 = 0; c0 < dv_padded; c0 += PV_NR) {
        v8f sum[PV_MR];
        for (int r = 0; r < PV_MR; r++) sum[r] = load8(acc + r * dv_padded + c0);
        for (long j = 0; j < rows; j++) {
            v8f v = load8(vp + j * dv_padded + c0);
            for (int r = 0; r < PV_MR; r++) sum[r] += p[r * KB + j] * v;
        }
        for (int r = 0; r < PV_MR; r++) store8(acc + r * dv_padded + c0, sum[r]);
    }
}

CK_MULTIVERSION
void ck_attention_rows(float *out, const float *q, const float *kt, const float *vp, long q_begin,
                       long q_end, long tk, long d, long dv, long tk_padded, long dv_padded,
                       float scale, int causal, float *scratch) {
    float *s = scratch, *acc = s + QB * KB, *qs = acc + QB * dv_padded, *m = qs + QB * d, *l = m + QB;
    for (long q0 = q_begin; q0 < q_end; q0 += QB) {
        long nq = q_end - q0 < QB ? q_end - q0 : QB;
        long rows = (nq + PV_MR - 1) / PV_MR * PV_MR;  // a multiple of both tile heights
        // Scaled queries, zero rows past nq so the tiles never read garbage.
        for (long r = 0; r < rows; r++)
            for (long p = 0; p < d; p++) qs[r * d + p] = r < nq ? q[(q0 + r) * d + p] * scale : 0;
        for (long r = 0; r < QB; r++) { m[r] = -INFINITY; l[r] = 0; }
        memset(acc, 0, sizeof(float) * QB * dv_padded);
        long key_end = causal ? (q0 + nq < tk ? q0 + nq : tk) : tk;
        for (long k0 = 0; k0 < key_end; k0 += KB) {
            long nk = key_end - k0 < KB ? key_end - k0 : KB;
            long cols = (nk + QK_NR - 1) / QK_NR * QK_NR;
            for (long r = 0; r < rows; r += QK_MR) qk_tile(s + r * KB, qs + r * d, kt + k0 * d, d, cols);
            for (long r = 0; r < nq; r++) {
                float *row = s + r * KB;
                long visible = causal ? q0 + r + 1 - k0 : nk;
                if (visible > nk) visible = nk;
                if (visible <= 0) { for (long j = 0; j < cols; j++) row[j] = 0; continue; }
                float peak = fmaxf(m[r], ck_max(row, visible));
                float correction = ck_exp(m[r] - peak);
                for (long j = 0; j < visible; j++) row[j] = ck_exp(row[j] - peak);
                float total = ck_sum(row, visible);
                for (long j = visible; j < cols; j++) row[j] = 0;
                l[r] = l[r] * correction + total;
                m[r] = peak;
                for (long c = 0; c < dv_padded; c++) acc[r * dv_padded + c] *= correction;
            }
            for (long r = 0; r < rows; r += PV_MR) pv_tile(acc + r * dv_padded, s + r * KB, vp + k0 * dv_padded, cols, dv_padded);
        }
        for (long r = 0; r < nq; r++) {
            float inverse = 1.0f / l[r];
            for (long c = 0; c < dv; c++) out[(q0 + r) * dv + c] = acc[r * dv_padded + c] * inverse;
        }
    }
}
