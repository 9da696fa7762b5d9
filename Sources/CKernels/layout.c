#include "ck_internal.h"

CK_MULTIVERSION
void ck_gather_rows(float *dst, const float *src, int outer_rank, const long *outer_shape, const long *outer_strides,
                    long inner_stride, long row_begin, long row_end, long width) {
    for (long r = row_begin; r < row_end; r++) {
        long offset = 0, rest = r;
        for (int d = outer_rank - 1; d >= 0; d--) {
            offset += (rest % outer_shape[d]) * outer_strides[d];
            rest /= outer_shape[d];
        }
        const float *from = src + offset;
        float *to = dst + r * width;
        if (inner_stride == 1) memcpy(to, from, sizeof(float) * width);
        else for (long i = 0; i < width; i++) to[i] = from[i * inner_stride];
    }
}
