#ifndef WIJKSIM_CVECTORKERNELS_H
#define WIJKSIM_CVECTORKERNELS_H

#include <stddef.h>
#include <stdint.h>

/// The lane loops behind plugin arithmetic, `sim.*` and `ctx:add`. They are
/// in C for one reason: each is compiled twice, for AVX2 and for any
/// x86-64, and the loader picks one (`target_clones`), so the loops run 4
/// lanes wide where the CPU can, without building wijksim per machine.
/// Only exact IEEE operations (no contraction into FMA), so both versions
/// give the same bits. A stride of 0 repeats one number over all lanes.

typedef void (*wjs_binary_kernel)(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n);
typedef void (*wjs_unary_kernel)(const double *x, size_t sx, double *out, size_t n);
typedef void (*wjs_ternary_kernel)(const double *x, size_t sx, const double *y, size_t sy,
                                   const double *z, size_t sz, double *out, size_t n);

void wjs_add(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n);
void wjs_sub(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n);
void wjs_mul(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n);
void wjs_div(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n);
/// NaN in either argument gives NaN (a + b), whatever the order.
void wjs_min(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n);
void wjs_max(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n);
void wjs_gt(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n);
void wjs_ge(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n);
void wjs_lt(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n);
void wjs_le(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n);
/// clamp((x + 1) / y, 0, 1)
void wjs_ramp(const double *x, size_t sx, const double *y, size_t sy, double *out, size_t n);

void wjs_neg(const double *x, size_t sx, double *out, size_t n);
void wjs_abs(const double *x, size_t sx, double *out, size_t n);
void wjs_sqrt(const double *x, size_t sx, double *out, size_t n);

/// x != 0 ? y : z
void wjs_where(const double *x, size_t sx, const double *y, size_t sy, const double *z, size_t sz, double *out, size_t n);
/// x < y ? y : (x > z ? z : x): a NaN passes through
void wjs_clamp(const double *x, size_t sx, const double *y, size_t sy, const double *z, size_t sz, double *out, size_t n);

/// sums[i] += mask[i] != 0 ? v[i] : 0; returns 0 when a counted value is NaN or infinite.
int wjs_masked_add(const double *v, size_t sv, const double *mask, double *sums, size_t n);
/// A kept step's adds to one indicator, again (`AddLanes`): for each block b
/// and each of `count` wijken in order, sums[b * w + lane[j]] += values[j][b].
void wjs_replay_adds(const double *const *values, const int32_t *lane, size_t count, double *sums, size_t w, size_t blocks);
/// block_sums[b] += Σ over the w lanes of block b of (mask != 0 ? v : 0), in
/// lane order; returns 0 when a block's sum is NaN or infinite.
int wjs_masked_block_add(const double *v, size_t sv, const double *mask, size_t w, size_t blocks, double *block_sums);
/// The same two for a value computed only in the lanes of the `width`
/// wijken in `reached` (ascending; `v` holds `width` lanes per block):
/// `target[b × w + reached[j]] += v` for an add (and, when `trace_wijk` is
/// among them, its value into `trace[b]`), or `target[b] +=` the sum over
/// the block's reached lanes in wijk order for a spend. The lanes left out
/// are those a mask would have made 0, and adding 0 changes no sum (a sum
/// that starts at +0 never becomes −0), so the numbers are the masked ones.
int wjs_reached_add(const double *v, size_t sv, const int32_t *reached, size_t width, size_t w, size_t blocks,
                    int is_spend, double *target, int32_t trace_wijk, double *trace);

/// The city's wijken when a run simulates only some of them (the others'
/// draws are a reference run's, `UntouchedWijken`): per wijk its lane in a
/// block (0..<w), or -1 with its values for the blocks being recorded in
/// draws[k] (from the first of them on).
typedef struct {
    size_t wijken;
    const int32_t *lane;
    const double *const *draws;
} wjs_other_wijken;

/// One indicator after a step: the city average of each block (Σ weight ×
/// state over its w wijken, in wijk order, / total) into `city[block]`, and
/// the state and the average copied out by wijk: rows[k][b] = state[b·w + k]
/// for k < w, rows[w][b] = the average.
/// With `others` (else null): w is the simulated wijken's lanes a block,
/// `weight` and `rows` are per wijk of the city (others->wijken of them, and
/// the average after them), every wijk counts in the average in wijk order,
/// a null rows[k] is not written, and the simulated wijken's rows must be
/// distinct (they are read back for the average).
void wjs_record_city(const double *state, size_t w, size_t blocks, const double *weight, double total,
                     double *const *rows, double *city, const wjs_other_wijken *others);

/// A step's end for one indicator, in one pass instead of three: state =
/// clamp(state + add, lo, hi), add = 0, then as `wjs_record_city`. Returns 0
/// when a sum was NaN or infinite (the state and rows are then not to be used).
/// `others` as for `wjs_record_city`.
int wjs_step_and_record(double *state, double *add, double lo, double hi, size_t w, size_t blocks,
                        const double *weight, double total, double *const *rows, double *city,
                        const wjs_other_wijken *others);

/// What a histogram count leaves outside its bins.
typedef struct {
    long below, above, at_most_zero;
    double minimum, maximum;
} wjs_tails;

/// Counts v[0..<n] into bins[0..<nbins] over [lo, lo + nbins / scale):
/// values below or above go to `tails` (count and extreme), and every
/// value <= 0 is counted too. Bin indices are computed a group at a time,
/// then counted, so the index arithmetic runs 4 lanes wide. The bins are
/// 16 bits (half the memory to move): the caller empties them before a
/// bin could pass 65,535.
void wjs_histogram(const double *v, size_t n, double lo, double scale, uint16_t *bins, int nbins, wjs_tails *tails);

/// The smallest and largest of v[0..<n] (n >= 1, no NaN).
void wjs_min_max(const double *v, size_t n, double *lo, double *hi);

/// Exact order statistics by buckets: counts[b] += the values of v[0..<n]
/// in bucket b of nb over [lo, lo + nb / scale] (the top value in the last).
void wjs_bucket_count(const double *v, size_t n, double lo, double scale, int nb, int32_t *counts);

/// Each value whose bucket b has slot[b] >= 0 goes to out[slot[b]][filled[slot[b]]++],
/// bucketed exactly as `wjs_bucket_count` does.
void wjs_bucket_gather(const double *v, size_t n, double lo, double scale, int nb, const int32_t *slot,
                       double *const *out, size_t *filled);

/// Up to three disjoint intervals [lo, hi] of one cell, ascending, around
/// the values a pilot puts at the ranks p05, p50 and p95 need (`count` of
/// them; unused ones are empty). keep[j] is 0 for an interval that holds a
/// single value (lo == hi): its values are only counted.
typedef struct {
    double lo[3], hi[3];
    int count;
    int keep[3];
} wjs_windows;

/// Per interval, the values below it and inside it; the values <= 0; the extremes.
typedef struct {
    long below[3], inside[3];
    long at_most_zero;
    double minimum, maximum;
} wjs_window_counts;

/// Counts v[0..<n] against `w` into `c` and appends every value that lies
/// inside an interval with keep = 1 to kept, which has room for n + 8 (values
/// are written a whole group at a time, and the next group overwrites those
/// not kept: no branch per value). Returns how many values were appended.
size_t wjs_window_tally(const double *v, size_t n, const wjs_windows *w, wjs_window_counts *c, double *kept);

/// `wjs_window_tally` without AVX-512 (four lanes with AVX2, else plain C):
/// what machines without AVX-512 run, callable for tests on those with it.
size_t wjs_window_tally_portable(const double *v, size_t n, const wjs_windows *w, wjs_window_counts *c, double *kept);

/// Statistics of `rows` rows of n values each (1 <= n <= 64), row r at
/// v + r * row_stride: out[r * out_stride + 0..3] = the mean (the sum draw by
/// draw from 0, as `DrawOrderSums` adds a group, then divided by n), p05, p50
/// and p95 (linear interpolation between closest ranks, as
/// `Selection.percentiles` gives them after its stable sort). The rows are
/// not changed. A sweep's variants of a few draws each have millions of such
/// rows: sorting them one by one was a fifth of a 10,000-variant run.
void wjs_small_row_statistics(const double *v, size_t n, size_t rows, size_t row_stride, double *out,
                              size_t out_stride);

/// `wjs_small_row_statistics` one row at a time, without AVX-512: what
/// machines without it run, callable for tests on those with it.
void wjs_small_row_statistics_portable(const double *v, size_t n, size_t rows, size_t row_stride, double *out,
                                       size_t out_stride);

/// Asks for the cache lines of p[0..<bytes], to be written soon.
void wjs_prefetch_for_write(const void *p, size_t bytes);

#endif
