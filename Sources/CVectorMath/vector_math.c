#include "CVectorMath.h"
#include <math.h>

#if defined(__x86_64__) && defined(__GLIBC__)
#include <immintrin.h>

/* libmvec's vector ABI (x86_64 glibc >= 2.22): 'b' = SSE (2 lanes, any
   x86-64 CPU: glibc picks the SSE4 or SSE2 body at load time), 'd' = AVX2. */
__m128d _ZGVbN2v_exp(__m128d);
__m128d _ZGVbN2v_log(__m128d);
__m128d _ZGVbN2vv_pow(__m128d, __m128d);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_exp(__m256d);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_log(__m256d);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4vv_pow(__m256d, __m256d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_exp(__m512d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_log(__m512d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8vv_pow(__m512d, __m512d);

/* 8 lanes with AVX-512, 4 with AVX2 and FMA, else 2. */
static int width(void) {
    static int answer = 0;
    if (answer == 0) {
        __builtin_cpu_init();
        answer = __builtin_cpu_supports("avx512f") ? 8
               : (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? 4 : 2;
    }
    return answer;
}

/* The tail: the remaining lanes padded with 1.0 into one full group. */
static void pad(const double *x, size_t s, size_t i, size_t n, size_t width, double *into) {
    for (size_t k = 0; k < width; k++) into[k] = i + k < n ? x[s ? i + k : 0] : 1.0;
}

/* A unary function over n lanes, W at a time through libmvec's F; a
   stride of 0 repeats one number (SET1); the tail goes through a padded group. */
#define SIMD_UNARY(NAME, W, TARGET, LOADU, STOREU, SET1, F)                                              \
    TARGET static void NAME(const double *x, size_t sx, double *out, size_t n) {                         \
        size_t i = 0;                                                                                     \
        for (; i + W <= n; i += W) STOREU(out + i, F(sx ? LOADU(x + i) : SET1(*x)));                      \
        if (i < n) {                                                                                      \
            double a[W], r[W];                                                                            \
            pad(x, sx, i, n, W, a);                                                                       \
            STOREU(r, F(LOADU(a)));                                                                       \
            for (size_t k = 0; i + k < n; k++) out[i + k] = r[k];                                         \
        }                                                                                                 \
    }

/* pow likewise, with two operands */
#define SIMD_POW(W, TARGET, LOADU, STOREU, SET1, POW)                                                    \
    TARGET static void simd_pow##W(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n) { \
        size_t i = 0;                                                                                     \
        for (; i + W <= n; i += W)                                                                        \
            STOREU(out + i, POW(sx ? LOADU(x + i) : SET1(*x), sy ? LOADU(y + i) : SET1(*y)));             \
        if (i < n) {                                                                                      \
            double a[W], b[W], r[W];                                                                      \
            pad(x, sx, i, n, W, a);                                                                       \
            pad(y, sy, i, n, W, b);                                                                       \
            STOREU(r, POW(LOADU(a), LOADU(b)));                                                           \
            for (size_t k = 0; i + k < n; k++) out[i + k] = r[k];                                         \
        }                                                                                                 \
    }

#define AVX512 __attribute__((target("avx512f"))), _mm512_loadu_pd, _mm512_storeu_pd, _mm512_set1_pd
#define AVX2 __attribute__((target("avx2,fma"))), _mm256_loadu_pd, _mm256_storeu_pd, _mm256_set1_pd
#define SSE , _mm_loadu_pd, _mm_storeu_pd, _mm_set1_pd
/* one more expansion, so that AVX512 etc. become their four arguments */
#define POW_FOR(...) SIMD_POW(__VA_ARGS__)
#define UNARY_FOR(...) SIMD_UNARY(__VA_ARGS__)
POW_FOR(8, AVX512, _ZGVeN8vv_pow)
POW_FOR(4, AVX2, _ZGVdN4vv_pow)
POW_FOR(2, SSE, _ZGVbN2vv_pow)
UNARY_FOR(simd_exp8, 8, AVX512, _ZGVeN8v_exp)
UNARY_FOR(simd_exp4, 4, AVX2, _ZGVdN4v_exp)
UNARY_FOR(simd_exp2, 2, SSE, _ZGVbN2v_exp)
UNARY_FOR(simd_log8, 8, AVX512, _ZGVeN8v_log)
UNARY_FOR(simd_log4, 4, AVX2, _ZGVdN4v_log)
UNARY_FOR(simd_log2, 2, SSE, _ZGVbN2v_log)

void wjs_log(const double *x, size_t sx, double *out, size_t n) {
    switch (width()) {
    case 8: simd_log8(x, sx, out, n); break;
    case 4: simd_log4(x, sx, out, n); break;
    default: simd_log2(x, sx, out, n);
    }
}

void wjs_exp(const double *x, size_t sx, double *out, size_t n) {
    switch (width()) {
    case 8: simd_exp8(x, sx, out, n); break;
    case 4: simd_exp4(x, sx, out, n); break;
    default: simd_exp2(x, sx, out, n);
    }
}

void wjs_pow(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n) {
    switch (width()) {
    case 8: simd_pow8(x, sx, y, sy, out, n); break;
    case 4: simd_pow4(x, sx, y, sy, out, n); break;
    default: simd_pow2(x, sx, y, sy, out, n);
    }
}

#else

void wjs_exp(const double *x, size_t sx, double *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = exp(x[sx ? i : 0]);
}

void wjs_log(const double *x, size_t sx, double *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = log(x[sx ? i : 0]);
}

void wjs_pow(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = pow(x[sx ? i : 0], y[sy ? i : 0]);
}

#endif
