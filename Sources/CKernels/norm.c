#include "ck_internal.h"

// Σ (x - mean)², the second pass of a two-pass variance (stable for large means).
static inline float ck_squared_deviation(const float *x, long n, float mean) {
    float lanes[CK_LANES] = {0};
    long i = 0;
    for (; i + CK_LANES <= n; i += CK_LANES)
        for (int l = 0; l < CK_LANES; l++) {
            float d = x[i + l] - mean;
            lanes[l] += d * d;
        }
    float total = 0;
    for (; i < n; i++) total += (x[i] - mean) * (x[i] - mean);
    for (int l = 0; l < CK_LANES; l++) total += lanes[l];
    return total;
}

CK_MULTIVERSION
void ck_softmax_rows(float *dst, const float *src, long begin, long end, long width) {
    for (long r = begin; r < end; r++) {
        const float *x = src + r * width;
        float *y = dst + r * width;
        float peak = ck_max(x, width);
        for (long i = 0; i < width; i++) y[i] = ck_exp(x[i] - peak);
        float inverse = 1.0f / ck_sum(y, width);
        for (long i = 0; i < width; i++) y[i] *= inverse;
    }
}

CK_MULTIVERSION
void ck_layer_norm_rows(float *dst, const float *src, long begin, long end, long width,
                        const float *gamma, const float *beta, float eps) {
    for (long r = begin; r < end; r++) {
        const float *x = src + r * width;
        float *y = dst + r * width;
        float mean = ck_sum(x, width) / (float)width;
        float inv = 1.0f / sqrtf(ck_squared_deviation(x, width, mean) / (float)width + eps);
        for (long i = 0; i < width; i++) {
            float g = gamma ? gamma[i] : 1.0f, b = beta ? beta[i] : 0.0f;
            y[i] = (x[i] - mean) * inv * g + b;
        }
    }
}

CK_MULTIVERSION
void ck_group_norm(float *dst, const float *src, long begin, long end, long groups,
                   long channels_per_group, long spatial, const float *gamma, const float *beta,
                   float eps, int activation) {
    long size = channels_per_group * spatial;
    for (long gi = begin; gi < end; gi++) {
        const float *x = src + gi * size;
        float *y = dst + gi * size;
        float mean = ck_sum(x, size) / (float)size;
        float inv = 1.0f / sqrtf(ck_squared_deviation(x, size, mean) / (float)size + eps);
        for (long c = 0; c < channels_per_group; c++) {
            long channel = (gi % groups) * channels_per_group + c;
            // Fold normalisation and affine into one multiply-add per element.
            float scale = inv * (gamma ? gamma[channel] : 1.0f);
            float shift = (beta ? beta[channel] : 0.0f) - mean * scale;
            const float *xc = x + c * spatial;
            float *yc = y + c * spatial;
            if (activation == CK_SILU) {
                for (long i = 0; i < spatial; i++) {
                    float v = xc[i] * scale + shift;
                    yc[i] = v * ck_sigmoid(v);
                }
            } else {
                for (long i = 0; i < spatial; i++) yc[i] = xc[i] * scale + shift;
                if (activation != CK_IDENTITY) ck_activation(yc, yc, 0, spatial, activation);
            }
        }
    }
}
