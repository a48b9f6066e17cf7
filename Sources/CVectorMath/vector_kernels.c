#include "CVectorKernels.h"
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && defined(__ELF__)
#define WIDE __attribute__((target_clones("avx2", "default")))
#else
#define WIDE
#endif

#define EXPONENT 0x7FF0000000000000ULL

static inline uint64_t bits(double v) {
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return b;
}

/* One loop per stride case, so each is a plain loop the compiler widens. */
#define BINARY(name, EXPR)                                                                         \
    WIDE void name(const double *restrict x, size_t sx, const double *restrict y, size_t sy,       \
                   double *restrict out, size_t n) {                                               \
        if (sx && sy) {                                                                            \
            for (size_t i = 0; i < n; i++) { double a = x[i], b = y[i]; out[i] = (EXPR); }         \
        } else if (sx) {                                                                           \
            double b = *y;                                                                         \
            for (size_t i = 0; i < n; i++) { double a = x[i]; out[i] = (EXPR); }                   \
        } else if (sy) {                                                                           \
            double a = *x;                                                                         \
            for (size_t i = 0; i < n; i++) { double b = y[i]; out[i] = (EXPR); }                   \
        } else {                                                                                   \
            double a = *x, b = *y, r = (EXPR);                                                     \
            for (size_t i = 0; i < n; i++) out[i] = r;                                             \
        }                                                                                          \
    }

#define CLAMP(v, lo, hi) ((v) < (lo) ? (lo) : ((v) > (hi) ? (hi) : (v)))

BINARY(wjs_add, a + b)
BINARY(wjs_sub, a - b)
BINARY(wjs_mul, a * b)
BINARY(wjs_div, a / b)
BINARY(wjs_min, (a != a || b != b) ? a + b : (b < a ? b : a))
BINARY(wjs_max, (a != a || b != b) ? a + b : (b > a ? b : a))
BINARY(wjs_gt, a > b ? 1.0 : 0.0)
BINARY(wjs_ge, a >= b ? 1.0 : 0.0)
BINARY(wjs_lt, a < b ? 1.0 : 0.0)
BINARY(wjs_le, a <= b ? 1.0 : 0.0)
BINARY(wjs_ramp, CLAMP((a + 1) / b, 0.0, 1.0))

#define UNARY(name, EXPR)                                                                          \
    WIDE void name(const double *restrict x, size_t sx, double *restrict out, size_t n) {          \
        if (sx) {                                                                                  \
            for (size_t i = 0; i < n; i++) { double a = x[i]; out[i] = (EXPR); }                   \
        } else {                                                                                   \
            double a = *x, r = (EXPR);                                                             \
            for (size_t i = 0; i < n; i++) out[i] = r;                                             \
        }                                                                                          \
    }

UNARY(wjs_neg, -a)
UNARY(wjs_abs, __builtin_fabs(a))
UNARY(wjs_sqrt, __builtin_sqrt(a))

/* Three operands: a loop per stride case (a number passed as an operand
   is common: sim.where(c, 0.2, 0)), each a plain loop the compiler widens. */
#define TERNARY_LOOP(EXPR, SX, SY, SZ)                                                             \
    for (size_t i = 0; i < n; i++) {                                                               \
        double a = x[SX ? i : 0], b = y[SY ? i : 0], c = z[SZ ? i : 0];                            \
        out[i] = (EXPR);                                                                           \
    }
#define TERNARY(name, EXPR)                                                                        \
    WIDE void name(const double *restrict x, size_t sx, const double *restrict y, size_t sy,       \
                   const double *restrict z, size_t sz, double *restrict out, size_t n) {          \
        if (sx) {                                                                                  \
            if (sy) { if (sz) { TERNARY_LOOP(EXPR, 1, 1, 1) } else { TERNARY_LOOP(EXPR, 1, 1, 0) } } \
            else { if (sz) { TERNARY_LOOP(EXPR, 1, 0, 1) } else { TERNARY_LOOP(EXPR, 1, 0, 0) } }  \
        } else {                                                                                   \
            if (sy) { if (sz) { TERNARY_LOOP(EXPR, 0, 1, 1) } else { TERNARY_LOOP(EXPR, 0, 1, 0) } } \
            else { if (sz) { TERNARY_LOOP(EXPR, 0, 0, 1) } else { TERNARY_LOOP(EXPR, 0, 0, 0) } }  \
        }                                                                                          \
    }

TERNARY(wjs_where, a != 0 ? b : c)
TERNARY(wjs_clamp, CLAMP(a, b, c))

WIDE int wjs_masked_add(const double *restrict v, size_t sv, const double *restrict mask,
                        double *restrict sums, size_t n) {
    uint64_t bad = 0;
    if (sv) {
        for (size_t i = 0; i < n; i++) {
            double counted = mask[i] != 0 ? v[i] : 0.0;
            sums[i] += counted;
            bad |= (bits(counted) & EXPONENT) == EXPONENT;
        }
    } else {
        double s = *v;
        for (size_t i = 0; i < n; i++) {
            double counted = mask[i] != 0 ? s : 0.0;
            sums[i] += counted;
            bad |= (bits(counted) & EXPONENT) == EXPONENT;
        }
    }
    return bad == 0;
}

WIDE void wjs_replay_adds(const double *const *values, const int32_t *lane, size_t count, double *restrict sums,
                          size_t w, size_t blocks) {
    /* block by block: each block's lanes are one run of the sums, and each
       wijk's values one sequential stream (wijk by wijk, the adds to a block
       went a cache line apart) */
    for (size_t b = 0; b < blocks; b++) {
        double *restrict block = sums + b * w;
        for (size_t j = 0; j < count; j++) block[lane[j]] += values[j][b];
    }
}

WIDE int wjs_reached_add(const double *restrict v, size_t sv, const int32_t *restrict reached, size_t width, size_t w,
                         size_t blocks, int is_spend, double *restrict target, int32_t trace_wijk,
                         double *restrict trace) {
    uint64_t bad = 0;
    if (is_spend) {
        for (size_t b = 0; b < blocks; b++) {
            double sum = 0;
            for (size_t j = 0; j < width; j++) sum += v[sv ? b * width + j : 0];
            target[b] += sum;
            bad |= (bits(sum) & EXPONENT) == EXPONENT;
        }
        return bad == 0;
    }
    for (size_t b = 0; b < blocks; b++) {
        for (size_t j = 0; j < width; j++) {
            double value = v[sv ? b * width + j : 0];
            target[b * w + (size_t)reached[j]] += value;
            bad |= (bits(value) & EXPONENT) == EXPONENT;
        }
    }
    if (bad) return 0;
    if (trace_wijk >= 0) {
        for (size_t j = 0; j < width; j++) {
            if (reached[j] != trace_wijk) continue;
            for (size_t b = 0; b < blocks; b++) trace[b] += v[sv ? b * width + j : 0];
        }
    }
    return 1;
}

WIDE int wjs_masked_block_add(const double *restrict v, size_t sv, const double *restrict mask, size_t w,
                              size_t blocks, double *restrict block_sums) {
    uint64_t bad = 0;
    for (size_t b = 0; b < blocks; b++) {
        double sum = 0;
        for (size_t k = 0; k < w; k++) {
            size_t lane = b * w + k;
            sum += mask[lane] != 0 ? v[sv ? lane : 0] : 0.0;
        }
        block_sums[b] += sum;
        bad |= (bits(sum) & EXPONENT) == EXPONENT;
    }
    return bad == 0;
}

WIDE void wjs_histogram(const double *restrict v, size_t n, double lo, double scale, uint16_t *restrict bins,
                        int nbins, wjs_tails *restrict tails) {
    enum { GROUP = 256 };
    int index[GROUP];
    const double top = (double)nbins;
    long zero = 0;
    for (size_t start = 0; start < n; start += GROUP) {
        size_t m = n - start < GROUP ? n - start : GROUP;
        const double *w = v + start;
        for (size_t i = 0; i < m; i++) {
            double x = (w[i] - lo) * scale;
            x = x < 0 ? -1.0 : (x >= top ? top : x);
            index[i] = (int)x;
            zero += w[i] <= 0;
        }
        for (size_t i = 0; i < m; i++) {
            int k = index[i];
            if ((unsigned)k < (unsigned)nbins) {
                bins[k]++;
            } else if (k < 0) {
                tails->below++;
                if (w[i] < tails->minimum) tails->minimum = w[i];
            } else {
                tails->above++;
                if (w[i] > tails->maximum) tails->maximum = w[i];
            }
        }
    }
    tails->at_most_zero += zero;
}

/* Both below: a group of blocks at a time, wijk by wijk inside it: the
   group's state stays in the first-level cache, each row gets a run of
   contiguous writes, and the sums run over the group's blocks at once; each
   block still adds its wijken in wijk order, so the averages are the same
   numbers as a block-by-block loop's. */
enum { RECORD_GROUP = 16 };

/* Blocks b0..<b0+m of a recorded state: rows and averages. */
static inline void record_group(const double *restrict s, size_t w, size_t b0, size_t m, const double *restrict weight,
                                double total, double *const *rows, double *restrict city) {
    double sum[RECORD_GROUP] = {0};
    for (size_t k = 0; k < w; k++) {
        double *restrict row = rows[k] + b0;
        /* the next group's part of the row: the rows are a run's draw store,
           far larger than the caches, and waiting for each line before writing
           it was most of this function's time (serve: 57.5 -> 54 ms a request) */
        __builtin_prefetch(row + RECORD_GROUP, 1, 3);
        __builtin_prefetch(row + RECORD_GROUP + 8, 1, 3);
        double wk = weight[k];
        for (size_t j = 0; j < m; j++) {
            double v = s[j * w + k];
            row[j] = v;
            sum[j] += wk * v;
        }
    }
    double *restrict average = rows[w] + b0;
    for (size_t j = 0; j < m; j++) {
        double a = sum[j] / total;
        average[j] = a;
        city[b0 + j] = a;
    }
}

/* As `record_group` for all `blocks` at once, when only some of the
   city's wijken are simulated (`w` lanes a block). First the simulated
   wijken's rows, a group of blocks at a time as `record_group` writes them
   (every simulated wijk's row is written); then the averages wijk by wijk
   over every block, reading those rows back while they are in the cache
   and each untouched wijk's reference row in one sequential pass. Each block
   still adds every wijk in wijk order, from 0, with the same operations as
   `record_group`, so the averages are the same numbers. A null row (an
   untouched wijk's, but in the end year) is not written. The simulated
   wijken's rows must each be their own (a draw store's): the averages read
   them back, so rows that share a scratch row (`WatchedDraws`) would not do. */
static inline __attribute__((always_inline)) void record_with_others(
    const double *restrict s, size_t w, size_t blocks, const wjs_other_wijken *others,
    const double *restrict weight, double total, double *const *rows, double *restrict city) {
    size_t n = others->wijken;
    for (size_t b0 = 0; b0 < blocks; b0 += RECORD_GROUP) {
        size_t m = blocks - b0 < RECORD_GROUP ? blocks - b0 : RECORD_GROUP;
        for (size_t k = 0; k < n; k++) {
            int32_t lane = others->lane[k];
            if (lane < 0) continue;
            double *restrict row = rows[k] + b0;
            __builtin_prefetch(row + RECORD_GROUP, 1, 3);
            __builtin_prefetch(row + RECORD_GROUP + 8, 1, 3);
            for (size_t j = 0; j < m; j++) row[j] = s[(b0 + j) * w + (size_t)lane];
        }
    }
    for (size_t b = 0; b < blocks; b++) city[b] = 0;
    for (size_t k = 0; k < n; k++) {
        double wk = weight[k];
        const double *restrict from = others->lane[k] >= 0 ? rows[k] : others->draws[k];
        double *restrict row = others->lane[k] >= 0 ? 0 : rows[k];
        if (row) for (size_t b = 0; b < blocks; b++) { double v = from[b]; row[b] = v; city[b] += wk * v; }
        else for (size_t b = 0; b < blocks; b++) city[b] += wk * from[b];
    }
    double *restrict average = rows[n];
    for (size_t b = 0; b < blocks; b++) {
        double a = city[b] / total;
        average[b] = a;
        city[b] = a;
    }
}

WIDE void wjs_record_city(const double *restrict state, size_t w, size_t blocks, const double *restrict weight,
                          double total, double *const *rows, double *restrict city, const wjs_other_wijken *others) {
    if (others) {
        record_with_others(state, w, blocks, others, weight, total, rows, city);
        return;
    }
    for (size_t b0 = 0; b0 < blocks; b0 += RECORD_GROUP) {
        size_t m = blocks - b0 < RECORD_GROUP ? blocks - b0 : RECORD_GROUP;
        record_group(state + b0 * w, w, b0, m, weight, total, rows, city);
    }
}

/* state = clamp(state + add, lo, hi), add = 0, over n lanes; nonzero when
   a sum was NaN or infinite. */
static inline __attribute__((always_inline)) uint64_t clamp_and_clear(double *restrict s, double *restrict d, size_t n,
                                                                      double lo, double hi) {
    uint64_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        double value = s[i] + d[i];
        bad |= (bits(value) & EXPONENT) == EXPONENT;
        s[i] = CLAMP(value, lo, hi);
        d[i] = 0;
    }
    return bad;
}

WIDE int wjs_step_and_record(double *restrict state, double *restrict add, double lo, double hi, size_t w,
                             size_t blocks, const double *restrict weight, double total, double *const *rows,
                             double *restrict city, const wjs_other_wijken *others) {
    if (others) {
        uint64_t bad = clamp_and_clear(state, add, blocks * w, lo, hi);
        record_with_others(state, w, blocks, others, weight, total, rows, city);
        return bad == 0;
    }
    uint64_t bad = 0;
    for (size_t b0 = 0; b0 < blocks; b0 += RECORD_GROUP) {
        size_t m = blocks - b0 < RECORD_GROUP ? blocks - b0 : RECORD_GROUP;
        double *s = state + b0 * w;
        bad |= clamp_and_clear(s, add + b0 * w, m * w, lo, hi);
        record_group(s, w, b0, m, weight, total, rows, city);
    }
    return bad == 0;
}

WIDE void wjs_min_max(const double *restrict v, size_t n, double *lo, double *hi) {
    double a = v[0], b = v[0];
    for (size_t i = 1; i < n; i++) {
        a = v[i] < a ? v[i] : a;
        b = v[i] > b ? v[i] : b;
    }
    *lo = a;
    *hi = b;
}

/* The bucket indices of m values: (x − lo) · scale truncated, kept inside
   [0, nb − 1] before the conversion (the top value lands in the last bucket;
   nothing converted is out of range). Shared by counting and gathering, so
   both put every value in the same bucket. */
static inline void bucket_indices(const double *restrict v, size_t m, double lo, double scale, int nb,
                                  int *restrict index) {
    const double top = (double)(nb - 1);
    for (size_t i = 0; i < m; i++) {
        double t = (v[i] - lo) * scale;
        t = t < 0 ? 0 : (t < top ? t : top);
        index[i] = (int)t;
    }
}

enum { BUCKET_GROUP = 256 };

WIDE void wjs_bucket_count(const double *restrict v, size_t n, double lo, double scale, int nb,
                           int32_t *restrict counts) {
    int index[BUCKET_GROUP];
    for (size_t start = 0; start < n; start += BUCKET_GROUP) {
        size_t m = n - start < BUCKET_GROUP ? n - start : BUCKET_GROUP;
        bucket_indices(v + start, m, lo, scale, nb, index);
        for (size_t i = 0; i < m; i++) counts[index[i]]++;
    }
}

WIDE void wjs_bucket_gather(const double *restrict v, size_t n, double lo, double scale, int nb,
                            const int32_t *restrict slot, double *const *out, size_t *restrict filled) {
    int index[BUCKET_GROUP];
    for (size_t start = 0; start < n; start += BUCKET_GROUP) {
        size_t m = n - start < BUCKET_GROUP ? n - start : BUCKET_GROUP;
        bucket_indices(v + start, m, lo, scale, nb, index);
        for (size_t i = 0; i < m; i++) {
            int32_t s = slot[index[i]];
            if (s >= 0) out[s][filled[s]++] = v[start + i];
        }
    }
}

typedef double wjs_v4d __attribute__((vector_size(32)));
typedef long wjs_v4l __attribute__((vector_size(32)));

/* Four values at a time: the compares give all-ones lanes, which are
   subtracted from the counts, and a keep mask per value; then the appends,
   one store per value and an index that moves only for kept ones. A plain
   loop of the same arithmetic was left scalar by the compiler (a quarter of
   a 20,000-draw run). */
WIDE size_t wjs_window_tally_portable(const double *restrict v, size_t n, const wjs_windows *restrict w,
                                      wjs_window_counts *restrict c, double *restrict kept) {
    enum { GROUP = 256 };
    long keep[GROUP];
    const wjs_v4d lo0 = {w->lo[0], w->lo[0], w->lo[0], w->lo[0]}, hi0 = {w->hi[0], w->hi[0], w->hi[0], w->hi[0]};
    const wjs_v4d lo1 = {w->lo[1], w->lo[1], w->lo[1], w->lo[1]}, hi1 = {w->hi[1], w->hi[1], w->hi[1], w->hi[1]};
    const wjs_v4d lo2 = {w->lo[2], w->lo[2], w->lo[2], w->lo[2]}, hi2 = {w->hi[2], w->hi[2], w->hi[2], w->hi[2]};
    const long k0 = w->keep[0] ? -1 : 0, k1 = w->keep[1] ? -1 : 0, k2 = w->keep[2] ? -1 : 0;
    const wjs_v4l keep0 = {k0, k0, k0, k0}, keep1 = {k1, k1, k1, k1}, keep2 = {k2, k2, k2, k2};
    const wjs_v4d zero = {0, 0, 0, 0};
    wjs_v4l b0 = {0}, b1 = {0}, b2 = {0}, i0 = {0}, i1 = {0}, i2 = {0}, z = {0};
    wjs_v4d lowest = {c->minimum, c->minimum, c->minimum, c->minimum};
    wjs_v4d highest = {c->maximum, c->maximum, c->maximum, c->maximum};
    size_t appended = 0;
    for (size_t start = 0; start < n; start += GROUP) {
        size_t m = n - start < GROUP ? n - start : GROUP;
        const double *x = v + start;
        size_t i = 0;
        for (; i + 4 <= m; i += 4) {
            wjs_v4d t;
            memcpy(&t, x + i, sizeof t);
            wjs_v4l in0 = (t >= lo0) & (t <= hi0), in1 = (t >= lo1) & (t <= hi1), in2 = (t >= lo2) & (t <= hi2);
            b0 -= t < lo0;
            b1 -= t < lo1;
            b2 -= t < lo2;
            i0 -= in0;
            i1 -= in1;
            i2 -= in2;
            z -= t <= zero;
            wjs_v4l lower = t < lowest, higher = t > highest;
            lowest = (wjs_v4d)(((wjs_v4l)t & lower) | ((wjs_v4l)lowest & ~lower));
            highest = (wjs_v4d)(((wjs_v4l)t & higher) | ((wjs_v4l)highest & ~higher));
            wjs_v4l k = (in0 & keep0) | (in1 & keep1) | (in2 & keep2);
            memcpy(keep + i, &k, sizeof k);
        }
        for (; i < m; i++) {
            double t = x[i];
            long in0 = (t >= w->lo[0]) & (t <= w->hi[0]), in1 = (t >= w->lo[1]) & (t <= w->hi[1]);
            long in2 = (t >= w->lo[2]) & (t <= w->hi[2]);
            b0[0] += t < w->lo[0];
            b1[0] += t < w->lo[1];
            b2[0] += t < w->lo[2];
            i0[0] += in0;
            i1[0] += in1;
            i2[0] += in2;
            z[0] += t <= 0;
            lowest[0] = t < lowest[0] ? t : lowest[0];
            highest[0] = t > highest[0] ? t : highest[0];
            keep[i] = (in0 & (k0 & 1)) | (in1 & (k1 & 1)) | (in2 & (k2 & 1));
        }
        for (i = 0; i < m; i++) {
            kept[appended] = x[i];
            appended += keep[i] & 1;
        }
    }
    c->below[0] += b0[0] + b0[1] + b0[2] + b0[3];
    c->below[1] += b1[0] + b1[1] + b1[2] + b1[3];
    c->below[2] += b2[0] + b2[1] + b2[2] + b2[3];
    c->inside[0] += i0[0] + i0[1] + i0[2] + i0[3];
    c->inside[1] += i1[0] + i1[1] + i1[2] + i1[3];
    c->inside[2] += i2[0] + i2[1] + i2[2] + i2[3];
    c->at_most_zero += z[0] + z[1] + z[2] + z[3];
    for (int l = 0; l < 4; l++) {
        c->minimum = lowest[l] < c->minimum ? lowest[l] : c->minimum;
        c->maximum = highest[l] > c->maximum ? highest[l] : c->maximum;
    }
    return appended;
}

/* ---- Statistics of short rows (a sweep's variants of a few draws) ---- */

static const double wjs_levels[3] = {0.05, 0.5, 0.95};

/* The value at level p of n sorted values, as `Selection.percentiles` gives
   it: linear interpolation between the closest ranks. */
static inline double small_level(const double *a, size_t n, double p) {
    double h = (double)(n - 1) * p;
    size_t k = (size_t)h;
    double f = h - (double)k;
    if (!(f > 0) || k + 1 >= n) return a[k];
    return a[k] + f * (a[k + 1] - a[k]);
}

/* One row: its draw-order sum, and the stable insertion sort of
   `Selection.sortSmall` on a copy. */
static void small_row(const double *x, size_t n, double *out) {
    double a[64];
    double s = 0.0;
    for (size_t d = 0; d < n; d++) {
        s += x[d];
        a[d] = x[d];
    }
    for (size_t i = 1; i < n; i++) {
        double t = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > t) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = t;
    }
    out[0] = (0.0 + s) / (double)n;
    for (int l = 0; l < 3; l++) out[1 + l] = small_level(a, n, wjs_levels[l]);
}

void wjs_small_row_statistics_portable(const double *v, size_t n, size_t rows, size_t row_stride, double *out,
                                       size_t out_stride) {
    for (size_t r = 0; r < rows; r++) small_row(v + r * row_stride, n, out + r * out_stride);
}

#if defined(__x86_64__) && defined(__GLIBC__)
#include <immintrin.h>

/* With AVX-512, eight values at a time: each compare is a mask, counted
   with popcnt, and the kept values are compressed in a register and
   stored as a whole vector (a compressing store to memory is slow on some
   cores), the index moving by how many were kept: no per-value loop. */
__attribute__((target("avx512f,popcnt"))) static size_t window_tally_512(const double *restrict v, size_t n,
                                                                         const wjs_windows *restrict w,
                                                                         wjs_window_counts *restrict c,
                                                                         double *restrict kept) {
    const __m512d lo0 = _mm512_set1_pd(w->lo[0]), hi0 = _mm512_set1_pd(w->hi[0]);
    const __m512d lo1 = _mm512_set1_pd(w->lo[1]), hi1 = _mm512_set1_pd(w->hi[1]);
    const __m512d lo2 = _mm512_set1_pd(w->lo[2]), hi2 = _mm512_set1_pd(w->hi[2]);
    const __mmask8 keep0 = w->keep[0] ? 0xFF : 0, keep1 = w->keep[1] ? 0xFF : 0, keep2 = w->keep[2] ? 0xFF : 0;
    const __m512d zero = _mm512_setzero_pd();
    const __m512i one = _mm512_set1_epi64(1);
    __m512d lowest = _mm512_set1_pd(c->minimum), highest = _mm512_set1_pd(c->maximum);
    /* the counts stay in vector lanes (a masked add each): moving every
       mask to a general register to count it was the loop's bottleneck */
    __m512i b0 = _mm512_setzero_si512(), b1 = b0, b2 = b0, i0 = b0, i1 = b0, i2 = b0, z = b0;
    size_t appended = 0;
    for (size_t i = 0; i < n; i += 8) {
        __mmask8 lanes = n - i >= 8 ? 0xFF : (__mmask8)((1u << (n - i)) - 1);
        __m512d t = _mm512_maskz_loadu_pd(lanes, v + i);
        __mmask8 in0 = _mm512_mask_cmp_pd_mask(_mm512_mask_cmp_pd_mask(lanes, t, lo0, _CMP_GE_OQ), t, hi0, _CMP_LE_OQ);
        __mmask8 in1 = _mm512_mask_cmp_pd_mask(_mm512_mask_cmp_pd_mask(lanes, t, lo1, _CMP_GE_OQ), t, hi1, _CMP_LE_OQ);
        __mmask8 in2 = _mm512_mask_cmp_pd_mask(_mm512_mask_cmp_pd_mask(lanes, t, lo2, _CMP_GE_OQ), t, hi2, _CMP_LE_OQ);
        b0 = _mm512_mask_add_epi64(b0, _mm512_mask_cmp_pd_mask(lanes, t, lo0, _CMP_LT_OQ), b0, one);
        b1 = _mm512_mask_add_epi64(b1, _mm512_mask_cmp_pd_mask(lanes, t, lo1, _CMP_LT_OQ), b1, one);
        b2 = _mm512_mask_add_epi64(b2, _mm512_mask_cmp_pd_mask(lanes, t, lo2, _CMP_LT_OQ), b2, one);
        i0 = _mm512_mask_add_epi64(i0, in0, i0, one);
        i1 = _mm512_mask_add_epi64(i1, in1, i1, one);
        i2 = _mm512_mask_add_epi64(i2, in2, i2, one);
        z = _mm512_mask_add_epi64(z, _mm512_mask_cmp_pd_mask(lanes, t, zero, _CMP_LE_OQ), z, one);
        lowest = _mm512_mask_min_pd(lowest, lanes, t, lowest);
        highest = _mm512_mask_max_pd(highest, lanes, t, highest);
        __mmask8 keep = (in0 & keep0) | (in1 & keep1) | (in2 & keep2);
        _mm512_storeu_pd(kept + appended, _mm512_maskz_compress_pd(keep, t));
        appended += __builtin_popcount(keep);
    }
    c->below[0] += _mm512_reduce_add_epi64(b0); c->below[1] += _mm512_reduce_add_epi64(b1);
    c->below[2] += _mm512_reduce_add_epi64(b2);
    c->inside[0] += _mm512_reduce_add_epi64(i0); c->inside[1] += _mm512_reduce_add_epi64(i1);
    c->inside[2] += _mm512_reduce_add_epi64(i2);
    c->at_most_zero += _mm512_reduce_add_epi64(z);
    c->minimum = _mm512_reduce_min_pd(lowest);
    c->maximum = _mm512_reduce_max_pd(highest);
    return appended;
}
/* Eight rows at a time, one per lane: the draws moved into lanes, summed
   in draw order, and sorted by insertion with min and max (no branch).
   Where values tie, any sort gives the same bits, except for -0 against +0
   (and NaN, which a run never keeps): a batch holding one goes row by row
   through the stable sort instead. Inlined into a copy per row length up
   to 16, so that the loops unroll and the rows stay in registers (the
   one loop for every length spilled them: 18 against 6 ns a row of 10). */
__attribute__((target("avx512f"), always_inline)) static inline void small_rows_body(
    const double *restrict v, size_t n, size_t rows, size_t row_stride, double *restrict out, size_t out_stride) {
    __m512d x[64];
    double lanes[64 * 8];
    size_t k[3];
    double f[3];
    int between[3];
    for (int l = 0; l < 3; l++) {
        double h = (double)(n - 1) * wjs_levels[l];
        k[l] = (size_t)h;
        f[l] = h - (double)k[l];
        between[l] = f[l] > 0 && k[l] + 1 < n;
    }
    const __m512i low = _mm512_set_epi64(11, 10, 3, 2, 9, 8, 1, 0), high = _mm512_set_epi64(15, 14, 7, 6, 13, 12, 5, 4);
    const __m512i negative_zero = _mm512_set1_epi64((long long)0x8000000000000000ULL);
    const __m512d count = _mm512_set1_pd((double)n), zero = _mm512_setzero_pd();
    size_t r = 0;
    for (; r + 8 <= rows; r += 8) {
        const double *base = v + r * row_stride;
        /* through memory rather than by gathers, which were slower here */
        for (size_t i = 0; i < 8; i++)
            for (size_t d = 0; d < n; d++) lanes[d * 8 + i] = base[i * row_stride + d];
        __m512d s = zero;
        __mmask8 odd = 0;
        for (size_t d = 0; d < n; d++) {
            __m512d t = _mm512_loadu_pd(lanes + d * 8);
            s = _mm512_add_pd(s, t);
            odd |= _mm512_cmp_pd_mask(t, t, _CMP_UNORD_Q) |
                   _mm512_cmpeq_epi64_mask(_mm512_castpd_si512(t), negative_zero);
            x[d] = t;
        }
        if (odd) {
            for (size_t i = 0; i < 8; i++) small_row(base + i * row_stride, n, out + (r + i) * out_stride);
            continue;
        }
        for (size_t i = 1; i < n; i++) {
            __m512d c = x[i];
            for (size_t j = 0; j < i; j++) {
                __m512d lower = _mm512_min_pd(x[j], c);
                c = _mm512_max_pd(x[j], c);
                x[j] = lower;
            }
            x[i] = c;
        }
        __m512d level[3];
        for (int l = 0; l < 3; l++) {
            __m512d a = x[k[l]];
            if (between[l]) a = _mm512_add_pd(a, _mm512_mul_pd(_mm512_set1_pd(f[l]), _mm512_sub_pd(x[k[l] + 1], a)));
            level[l] = a;
        }
        /* lanes to rows: each row's four statistics as one 32-byte store
           (four scatters were most of the time left here) */
        __m512d mean = _mm512_div_pd(_mm512_add_pd(zero, s), count);
        __m512d ab_even = _mm512_unpacklo_pd(mean, level[0]), ab_odd = _mm512_unpackhi_pd(mean, level[0]);
        __m512d cd_even = _mm512_unpacklo_pd(level[1], level[2]), cd_odd = _mm512_unpackhi_pd(level[1], level[2]);
        __m512d rows02 = _mm512_permutex2var_pd(ab_even, low, cd_even), rows46 = _mm512_permutex2var_pd(ab_even, high, cd_even);
        __m512d rows13 = _mm512_permutex2var_pd(ab_odd, low, cd_odd), rows57 = _mm512_permutex2var_pd(ab_odd, high, cd_odd);
        double *o = out + r * out_stride;
        _mm256_storeu_pd(o, _mm512_castpd512_pd256(rows02));
        _mm256_storeu_pd(o + 2 * out_stride, _mm512_extractf64x4_pd(rows02, 1));
        _mm256_storeu_pd(o + 4 * out_stride, _mm512_castpd512_pd256(rows46));
        _mm256_storeu_pd(o + 6 * out_stride, _mm512_extractf64x4_pd(rows46, 1));
        _mm256_storeu_pd(o + out_stride, _mm512_castpd512_pd256(rows13));
        _mm256_storeu_pd(o + 3 * out_stride, _mm512_extractf64x4_pd(rows13, 1));
        _mm256_storeu_pd(o + 5 * out_stride, _mm512_castpd512_pd256(rows57));
        _mm256_storeu_pd(o + 7 * out_stride, _mm512_extractf64x4_pd(rows57, 1));
    }
    for (; r < rows; r++) small_row(v + r * row_stride, n, out + r * out_stride);
}

#define WJS_SMALL_ROWS_OF(N)                                                                                    \
    __attribute__((target("avx512f"))) static void small_rows_##N(const double *v, size_t rows, size_t rs,       \
                                                                   double *out, size_t os) {                     \
        small_rows_body(v, N, rows, rs, out, os);                                                                 \
    }
WJS_SMALL_ROWS_OF(2) WJS_SMALL_ROWS_OF(3) WJS_SMALL_ROWS_OF(4) WJS_SMALL_ROWS_OF(5) WJS_SMALL_ROWS_OF(6)
WJS_SMALL_ROWS_OF(7) WJS_SMALL_ROWS_OF(8) WJS_SMALL_ROWS_OF(9) WJS_SMALL_ROWS_OF(10) WJS_SMALL_ROWS_OF(11)
WJS_SMALL_ROWS_OF(12) WJS_SMALL_ROWS_OF(13) WJS_SMALL_ROWS_OF(14) WJS_SMALL_ROWS_OF(15) WJS_SMALL_ROWS_OF(16)

__attribute__((target("avx512f"))) static void small_rows_512(const double *v, size_t n, size_t rows,
                                                                size_t row_stride, double *out,
                                                                size_t out_stride) {
    typedef void (*fixed)(const double *, size_t, size_t, double *, size_t);
    static const fixed of_length[17] = {0, 0, small_rows_2, small_rows_3, small_rows_4, small_rows_5,
                                        small_rows_6, small_rows_7, small_rows_8, small_rows_9,
                                        small_rows_10, small_rows_11, small_rows_12, small_rows_13,
                                        small_rows_14, small_rows_15, small_rows_16};
    if (n >= 2 && n <= 16) return of_length[n](v, rows, row_stride, out, out_stride);
    small_rows_body(v, n, rows, row_stride, out, out_stride);
}
#endif

size_t wjs_window_tally(const double *v, size_t n, const wjs_windows *w, wjs_window_counts *c, double *kept) {
#if defined(__x86_64__) && defined(__GLIBC__)
    static int wide = -1;
    if (wide < 0) {
        __builtin_cpu_init();
        wide = __builtin_cpu_supports("avx512f");
    }
    if (wide) return window_tally_512(v, n, w, c, kept);
#endif
    return wjs_window_tally_portable(v, n, w, c, kept);
}

void wjs_small_row_statistics(const double *v, size_t n, size_t rows, size_t row_stride, double *out,
                              size_t out_stride) {
#if defined(__x86_64__) && defined(__GLIBC__)
    static int wide = -1;
    if (wide < 0) {
        __builtin_cpu_init();
        wide = __builtin_cpu_supports("avx512f");
    }
    if (wide) return small_rows_512(v, n, rows, row_stride, out, out_stride);
#endif
    wjs_small_row_statistics_portable(v, n, rows, row_stride, out, out_stride);
}

void wjs_prefetch_for_write(const void *p, size_t bytes) {
    const char *c = (const char *)p;
    for (size_t i = 0; i < bytes; i += 64) __builtin_prefetch(c + i, 1, 3);
}
