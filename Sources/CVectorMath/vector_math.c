#include "CVectorMath.h"
#include <math.h>

#if defined(__x86_64__) && defined(__GLIBC__)
#include <immintrin.h>

/* libmvec's vector ABI (x86_64 glibc >= 2.22): 'b' = SSE (2 lanes, any
   x86-64 CPU: glibc picks the SSE4 or SSE2 body at load time), 'd' = AVX2. */
__m128d _ZGVbN2v_exp(__m128d);
__m128d _ZGVbN2vv_pow(__m128d, __m128d);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_exp(__m256d);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4vv_pow(__m256d, __m256d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_exp(__m512d);
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

#define LOAD8(p, s, i) ((s) ? _mm512_loadu_pd((p) + (i)) : _mm512_set1_pd(*(p)))
#define LOAD4(p, s, i) ((s) ? _mm256_loadu_pd((p) + (i)) : _mm256_set1_pd(*(p)))
#define LOAD2(p, s, i) ((s) ? _mm_loadu_pd((p) + (i)) : _mm_set1_pd(*(p)))

/* The tail: the remaining lanes padded with 1.0 into one full group. */
static void pad(const double *x, size_t s, size_t i, size_t n, size_t width, double *into) {
    for (size_t k = 0; k < width; k++) into[k] = i + k < n ? x[s ? i + k : 0] : 1.0;
}

__attribute__((target("avx512f")))
static void exp8(const double *x, size_t sx, double *out, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm512_storeu_pd(out + i, _ZGVeN8v_exp(LOAD8(x, sx, i)));
    if (i < n) {
        double a[8], r[8];
        pad(x, sx, i, n, 8, a);
        _mm512_storeu_pd(r, _ZGVeN8v_exp(_mm512_loadu_pd(a)));
        for (size_t k = 0; i + k < n; k++) out[i + k] = r[k];
    }
}

__attribute__((target("avx512f")))
static void pow8(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm512_storeu_pd(out + i, _ZGVeN8vv_pow(LOAD8(x, sx, i), LOAD8(y, sy, i)));
    if (i < n) {
        double a[8], b[8], r[8];
        pad(x, sx, i, n, 8, a);
        pad(y, sy, i, n, 8, b);
        _mm512_storeu_pd(r, _ZGVeN8vv_pow(_mm512_loadu_pd(a), _mm512_loadu_pd(b)));
        for (size_t k = 0; i + k < n; k++) out[i + k] = r[k];
    }
}

__attribute__((target("avx2,fma")))
static void exp4(const double *x, size_t sx, double *out, size_t n) {
    size_t i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(out + i, _ZGVdN4v_exp(LOAD4(x, sx, i)));
    if (i < n) {
        double a[4], r[4];
        pad(x, sx, i, n, 4, a);
        _mm256_storeu_pd(r, _ZGVdN4v_exp(_mm256_loadu_pd(a)));
        for (size_t k = 0; i + k < n; k++) out[i + k] = r[k];
    }
}

__attribute__((target("avx2,fma")))
static void pow4(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n) {
    size_t i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(out + i, _ZGVdN4vv_pow(LOAD4(x, sx, i), LOAD4(y, sy, i)));
    if (i < n) {
        double a[4], b[4], r[4];
        pad(x, sx, i, n, 4, a);
        pad(y, sy, i, n, 4, b);
        _mm256_storeu_pd(r, _ZGVdN4vv_pow(_mm256_loadu_pd(a), _mm256_loadu_pd(b)));
        for (size_t k = 0; i + k < n; k++) out[i + k] = r[k];
    }
}

static void exp2lanes(const double *x, size_t sx, double *out, size_t n) {
    size_t i = 0;
    for (; i + 2 <= n; i += 2) _mm_storeu_pd(out + i, _ZGVbN2v_exp(LOAD2(x, sx, i)));
    if (i < n) {
        double a[2], r[2];
        pad(x, sx, i, n, 2, a);
        _mm_storeu_pd(r, _ZGVbN2v_exp(_mm_loadu_pd(a)));
        out[i] = r[0];
    }
}

static void pow2lanes(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n) {
    size_t i = 0;
    for (; i + 2 <= n; i += 2) _mm_storeu_pd(out + i, _ZGVbN2vv_pow(LOAD2(x, sx, i), LOAD2(y, sy, i)));
    if (i < n) {
        double a[2], b[2], r[2];
        pad(x, sx, i, n, 2, a);
        pad(y, sy, i, n, 2, b);
        _mm_storeu_pd(r, _ZGVbN2vv_pow(_mm_loadu_pd(a), _mm_loadu_pd(b)));
        out[i] = r[0];
    }
}

void wjs_exp(const double *x, size_t sx, double *out, size_t n) {
    switch (width()) {
    case 8: exp8(x, sx, out, n); break;
    case 4: exp4(x, sx, out, n); break;
    default: exp2lanes(x, sx, out, n);
    }
}

void wjs_pow(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n) {
    switch (width()) {
    case 8: pow8(x, sx, y, sy, out, n); break;
    case 4: pow4(x, sx, y, sy, out, n); break;
    default: pow2lanes(x, sx, y, sy, out, n);
    }
}

#else

void wjs_exp(const double *x, size_t sx, double *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = exp(x[sx ? i : 0]);
}

void wjs_pow(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = pow(x[sx ? i : 0], y[sy ? i : 0]);
}

#endif
