// Shared inline math for the kernels: exp, erf, activations written so the compiler
// vectorises loops that call them (no branches, no libm calls).
#ifndef CK_INTERNAL_H
#define CK_INTERNAL_H

#include <math.h>
#include <stdint.h>
#include <string.h>
#include "ckernels.h"

// One clone per x86 level, chosen by the loader (ifunc) from cpuid: AVX-512, AVX2+FMA, SSE2.
#if defined(__x86_64__) && defined(__linux__)
#define CK_MULTIVERSION __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define CK_MULTIVERSION
// Sum and max with CK_LANES independent partials (vectorises without reassociation).
static inline float ck_sum(const float *x, long n) {
    float lanes[CK_LANES] = {0};
    long i = 0;
    for (; i + CK_LANES <= n; i += CK_LANES)
        for (int l = 0; l < CK_LANES; l++) lanes[l] += x[i + l];
    float total = 0;
    for (; i < n; i++) total += x[i];
    for (int l = 0; l < CK_LANES; l++) total += lanes[l];
    return total;
}

static inline float ck_max(const float *x, long n) {
    float lanes[CK_LANES];
    for (int l = 0; l < CK_LANES; l++) lanes[l] = -INFINITY;
    long i = 0;
    for (; i + CK_LANES <= n; i += CK_LANES)
        for (int l = 0; l < CK_LANES; l++) lanes[l] = fmaxf(lanes[l], x[i + l]);
    float best = -INFINITY;
    for (; i < n; i++) best = fmaxf(best, x[i]);
    for (int l = 0; l < CK_LANES; l++) best = fmaxf(best, lanes[l]);
    return best;
}

#endif

// Reductions keep this many independent partial sums so they vectorise without
// reassociating floating-point math.
#define CK_LANES 16

static inline float ck_exp(float x) {
    x = fminf(fmaxf(x, -87.0f), 88.0f);
    float n = rintf(x * 1.44269504088896341f);
    float r = x - n * 0.693145751953125f - n * 1.42860682030941723212e-6f;
    float p = 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    int32_t bits = ((int32_t)n + 127) << 23;
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

// Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), odd extension.
static inline float ck_erf(float x) {
    float ax = fabsf(x);
    float t = 1.0f / (1.0f + 0.3275911f * ax);
    float poly = ((((1.061405429f * t - 1.453152027f) * t + 1.421413741f) * t - 0.284496736f) * t + 0.254829592f) * t;
    float y = 1.0f - poly * ck_exp(-ax * ax);
    return copysignf(y, x);
}

static inline float ck_sigmoid(float x) { return 1.0f / (1.0f + ck_exp(-x)); }

static inline float ck_tanh(float x) { return 1.0f - 2.0f / (ck_exp(2.0f * x) + 1.0f); }

static inline float ck_gelu_exact(float x) { return 0.5f * x * (1.0f + ck_erf(x * 0.70710678118654752f)); }

static inline float ck_apply(int kind, float x) {
    switch (kind) {
    case CK_SILU: return x * ck_sigmoid(x);
    case CK_GELU_EXACT: return ck_gelu_exact(x);
    case CK_GELU_TANH: return 0.5f * x * (1.0f + ck_tanh(0.79788456080286536f * (x + 0.044715f * x * x * x)));
    case CK_QUICK_GELU: return x * ck_sigmoid(1.702f * x);
    default: return x;
    }
}

// Sum and max with CK_LANES independent partials (vectorises without reassociation).
static inline float ck_sum(const float *x, long n) {
    float lanes[CK_LANES] = {0};
    long i = 0;
    for (; i + CK_LANES <= n; i += CK_LANES)
        for (int l = 0; l < CK_LANES; l++) lanes[l] += x[i + l];
    float total = 0;
    for (; i < n; i++) total += x[i];
    for (int l = 0; l < CK_LANES; l++) total += lanes[l];
    return total;
}

static inline float ck_max(const float *x, long n) {
    float lanes[CK_LANES];
    for (int l = 0; l < CK_LANES; l++) lanes[l] = -INFINITY;
    long i = 0;
    for (; i + CK_LANES <= n; i += CK_LANES)
        for (int l = 0; l < CK_LANES; l++) lanes[l] = fmaxf(lanes[l], x[i + l]);
    float best = -INFINITY;
    for (; i < n; i++) best = fmaxf(best, x[i]);
    for (int l = 0; l < CK_LANES; l++) best = fmaxf(best, lanes[l]);
    return best;
}

#endif
