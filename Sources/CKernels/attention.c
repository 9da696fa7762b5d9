// Flash-style attention: for a block of queries, walk the keys in blocks, keeping only a
// QB × KB tile of scores, a running row max m, a running denominator l and an unnormalised
// output accumulator. Memory per thread is O(QB·(KB + dv)), independent of the token count.
#include "ck_internal.h"

enum { QB = 32, KB = 128, MR = 4, QK_NR = CK_ATTN_KEY_ALIGN, PV_NR = CK_ATTN_VALUE_ALIGN };

CK_MULTIVERSION
void ck_attention_pack(float *kt, float *vp, const float *k, const float *v, long tk, long d, long dv,
                       long tk_padded, long dv_padded) {
    for (long p = 0; p < d; p++) {
        for (long j = 0; j < tk; j++) kt[p * tk_padded + j] = k[j * d + p];
        for (long j = tk; j < tk_padded; j++) kt[p * tk_padded + j] = 0;
    }
    for (long j = 0; j < tk_padded; j++)
        for (long c = 0; c < dv_padded; c++) vp[j * dv_padded + c] = (j < tk && c < dv) ? v[j * dv + c] : 0;
}

long ck_attention_scratch_floats(long d, long dv_padded) {
    return QB * KB + QB * dv_padded + QB * d + 2 * QB;
}

// s[MR][KB] = q[MR][d] · kt[d][cols], MR × QK_NR register tiles.
static inline void qk_tile(float *s, const float *q, const float *kt, long d, long tk_padded, long cols) {
    for (long j0 = 0; j0 < cols; j0 += QK_NR) {
        float acc[MR][QK_NR] = {{0}};
        for (long p = 0; p < d; p++) {
            const float *krow = kt + p * tk_padded + j0;
            for (int r = 0; r < MR; r++)
                for (int c = 0; c < QK_NR; c++) acc[r][c] += q[r * d + p] * krow[c];
        }
        for (int r = 0; r < MR; r++)
            for (int c = 0; c < QK_NR; c++) s[r * KB + j0 + c] = acc[r][c];
    }
}

// acc[MR][dv_padded] += p[MR][KB] · vp[rows][dv_padded], MR × PV_NR register tiles.
static inline void pv_tile(float *acc, const float *p, const float *vp, long rows, long dv_padded) {
    for (long c0 = 0; c0 < dv_padded; c0 += PV_NR) {
        float sum[MR][PV_NR];
        for (int r = 0; r < MR; r++)
            for (int c = 0; c < PV_NR; c++) sum[r][c] = acc[r * dv_padded + c0 + c];
        for (long j = 0; j < rows; j++) {
            const float *vrow = vp + j * dv_padded + c0;
            for (int r = 0; r < MR; r++)
                for (int c = 0; c < PV_NR; c++) sum[r][c] += p[r * KB + j] * vrow[c];
        }
        for (int r = 0; r < MR; r++)
            for (int c = 0; c < PV_NR; c++) acc[r * dv_padded + c0 + c] = sum[r][c];
    }
}

CK_MULTIVERSION
void ck_attention_rows(float *out, const float *q, const float *kt, const float *vp, long q_begin,
                       long q_end, long tk, long d, long dv, long tk_padded, long dv_padded,
                       float scale, int causal, float *scratch) {
    float *s = scratch, *acc = s + QB * KB, *qs = acc + QB * dv_padded, *m = qs + QB * d, *l = m + QB;
    for (long q0 = q_begin; q0 < q_end; q0 += QB) {
        long nq = q_end - q0 < QB ? q_end - q0 : QB;
        long rows = (nq + MR - 1) / MR * MR;
        // Scaled queries, zero rows past nq so the MR-row tiles never read garbage.
        for (long r = 0; r < rows; r++)
            for (long p = 0; p < d; p++) qs[r * d + p] = r < nq ? q[(q0 + r) * d + p] * scale : 0;
        for (long r = 0; r < QB; r++) { m[r] = -INFINITY; l[r] = 0; }
        memset(acc, 0, sizeof(float) * QB * dv_padded);
        long key_end = causal ? (q0 + nq < tk ? q0 + nq : tk) : tk;
        for (long k0 = 0; k0 < key_end; k0 += KB) {
            long nk = key_end - k0 < KB ? key_end - k0 : KB;
            long cols = (nk + QK_NR - 1) / QK_NR * QK_NR;
            for (long r = 0; r < rows; r += MR) qk_tile(s + r * KB, qs + r * d, kt + k0, d, tk_padded, cols);
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
            for (long r = 0; r < rows; r += MR) pv_tile(acc + r * dv_padded, s + r * KB, vp + k0 * dv_padded, cols, dv_padded);
        }
        for (long r = 0; r < nq; r++) {
            float inverse = 1.0f / l[r];
            for (long c = 0; c < dv; c++) out[(q0 + r) * dv + c] = acc[r * dv_padded + c] * inverse;
        }
    }
}
