/* What the hand-fused C peers (fused.c, fused_dense.c) share: the
 * statistics as wijksim computes them, the threads, the command line and
 * the output files. A peer defines its model's sizes and names, includes
 * this file, then defines prepare_model() and simulate_chunk():
 *
 *     enum { W = ..., I = ..., FIRST = ..., LAST = ..., Y = LAST - FIRST + 1,
 *            CELLS = (W + 1) * I * Y, K = ... };     (K: interventions)
 *     static const char *WIJKEN[W + 1] = {..., "city"};
 *     static const char *INDICATORS[I], *INTERVENTIONS[K], *FUNDING[K];
 *     #define PEER_NAME "fused"          (for the usage line)
 *     #define CHUNK 512                  (optional: draws per chunk)
 *     #include "fused_run.h"
 *
 * simulate_chunk(first, n, wk, counting) simulates draws first..first+n-1
 * (n <= B) and hands every year's row of each cell to record_row(); it adds
 * the chunk's spend to wk->cost[k][step].
 *
 * Statistics as wijksim computes them: means are sums over groups of 64
 * draws, each summed draw by draw, added in group order (DrawOrderSums), so
 * their bits depend neither on --threads nor on the chunking. Threads take
 * chunks of B draws in turn. Percentiles are exact while
 * draws x cells <= 16 Mi values (or draws <= 4096): every draw is kept and
 * the ranks selected. Above that, a histogram sketch per cell, with no
 * store of the draws: draws 0..4095 (the pilot) are simulated first and
 * kept; each cell's range is their [min, max] widened by 10 % each side,
 * cut into 2048 equal bins, with counts and exact extremes below and above
 * it; then the threads count the pilot and simulate and count the draws
 * after it, each into its own histograms, merged at the end; the group sums
 * of each chunk wait in a small ring until all chunks before it are added.
 * A quantile interpolates within its bin, exactly as QuantileSketch.swift.
 */
#ifndef WIJKSIM_BENCH_FUSED_RUN_H
#define WIJKSIM_BENCH_FUSED_RUN_H

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "draws.h"

#ifndef CHUNK
#define CHUNK 512
#endif
enum {
    B = CHUNK,             /* draws per chunk: the state of a chunk stays in cache */
    GROUP = 64,            /* draws per partial sum of the means (DrawOrderSums.group) */
    PILOT = 4096,          /* SketchedTally.pilotDraws */
    BINS = 2048            /* QuantileSketch.bins */
};
static const long long EXACT_LIMIT = 16LL << 20;   /* Aggregator.exactValueLimit */

static int draws = 10000, threads = 2, fixed = 0, sketch = 0;
static uint64_t seed = 11;
/* Exact: every draw, store[cell * stride + draw]; sketch: the pilot draws. */
static double *store;
static int stride;
static double cost_sum[K][Y - 1];
/* Chunks of B draws are handed out in order; a phase runs up to phase_end. */
static int next_chunk, phase_end;

static inline double ramp(double v, double n) { double r = (v + 1) / n; return r < 0 ? 0 : (r > 1 ? 1 : r); }

/* ---- the sketch (QuantileSketch.swift) ---- */
typedef struct { long long below, above; double minimum, maximum; } Tails;
static double sk_lo[CELLS], sk_hi[CELLS], sk_scale[CELLS];

/* Per thread: its cost sums and (sketch mode) its histograms. */
typedef struct {
    double cost[K][Y - 1];
    unsigned *bins;                /* [cell][BINS] */
    Tails tails[CELLS];
    double *group_sums;            /* this chunk's slot of the ring */
} Worker;

static void prepare_model(void);
static void simulate_chunk(int first, int n, Worker *wk, int counting);

/* Sketch mode: the sums of the cells in draw order. A chunk's group sums
   (ring[slot][cell][group]) are added once every chunk before it is in. */
enum { RING = 16, CHUNK_GROUPS = B / GROUP };
_Static_assert(B % GROUP == 0 && PILOT % B == 0, "chunks hold whole groups; the pilot whole chunks");
static double ring[RING][CELLS][CHUNK_GROUPS], sums[CELLS];
static int ring_groups[RING], ring_ready[RING], committed;
static pthread_mutex_t ring_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ring_free = PTHREAD_COND_INITIALIZER;

static double *claim_slot(int chunk) {
    pthread_mutex_lock(&ring_lock);
    while (chunk - committed >= RING) pthread_cond_wait(&ring_free, &ring_lock);
    pthread_mutex_unlock(&ring_lock);
    return &ring[chunk % RING][0][0];
}
static void commit_slot(int chunk, int groups) {
    pthread_mutex_lock(&ring_lock);
    ring_groups[chunk % RING] = groups;
    ring_ready[chunk % RING] = 1;
    while (ring_ready[committed % RING]) {
        int slot = committed % RING;
        for (int cell = 0; cell < CELLS; cell++)
            for (int g = 0; g < ring_groups[slot]; g++) sums[cell] += ring[slot][cell][g];
        ring_ready[slot] = 0;
        committed++;
    }
    pthread_cond_broadcast(&ring_free);
    pthread_mutex_unlock(&ring_lock);
}

/* Adds the sums of the groups of GROUP draws of v[0..n) to *total in draw
   order, each group summed draw by draw (v starts on a group boundary).
   Eight groups at a time so that the adds overlap. */
static void add_group_sums(const double *v, int n, double *total) {
    int g = 0;
    for (; g + 8 * GROUP <= n; g += 8 * GROUP) {
        double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        for (int d = 0; d < GROUP; d++)
            for (int k = 0; k < 8; k++) s[k] += v[g + k * GROUP + d];
        for (int k = 0; k < 8; k++) *total += s[k];
    }
    for (; g < n; g += GROUP) {
        double s = 0;
        int end = g + GROUP < n ? g + GROUP : n;
        for (int d = g; d < end; d++) s += v[d];
        *total += s;
    }
}

/* The sums of the groups of v[0..n) (n <= B, one chunk), each draw by draw. */
static void chunk_group_sums(const double *v, int n, double *out) {
    if (n == B) {
        double s[CHUNK_GROUPS] = {0};
        for (int d = 0; d < GROUP; d++)
            for (int g = 0; g < CHUNK_GROUPS; g++) s[g] += v[g * GROUP + d];
        for (int g = 0; g < CHUNK_GROUPS; g++) out[g] = s[g];
        return;
    }
    for (int g = 0; g * GROUP < n; g++) {
        double s = 0;
        int end = (g + 1) * GROUP < n ? (g + 1) * GROUP : n;
        for (int d = g * GROUP; d < end; d++) s += v[d];
        out[g] = s;
    }
}

/* Counts v[0..n) (n <= B) into the cell's histogram (as wjs_histogram) and its group sums. */
static inline void count_row(const double *restrict v, int n, int cell, Worker *wk) {
    int index[B];
    const double lo = sk_lo[cell], scale = sk_scale[cell];
    for (int b = 0; b < n; b++) {
        double x = (v[b] - lo) * scale;
        x = x < 0 ? -1.0 : (x >= (double)BINS ? (double)BINS : x);
        index[b] = (int)x;
    }
    unsigned *restrict bins = wk->bins + (size_t)cell * BINS;
    Tails *t = &wk->tails[cell];
    for (int b = 0; b < n; b++) {
        int k = index[b];
        if ((unsigned)k < (unsigned)BINS) bins[k]++;
        else if (k < 0) { t->below++; if (v[b] < t->minimum) t->minimum = v[b]; }
        else { t->above++; if (v[b] > t->maximum) t->maximum = v[b]; }
    }
    chunk_group_sums(v, n, wk->group_sums + cell * CHUNK_GROUPS);
}

/* A cell's row of one year for draws first..first+n-1: counted (sketch)
   or kept in the store (exact mode, pilot). */
static inline void record_row(const double *row, int first, int n, int cell, Worker *wk, int counting) {
    if (counting) count_row(row, n, cell, wk);
    else memcpy(store + (size_t)cell * stride + first, row, n * sizeof(double));
}

/* Exact mode and the pilot: simulate into the store. */
static void *simulate_worker(void *arg) {
    Worker *wk = arg;
    for (;;) {
        int d = __atomic_fetch_add(&next_chunk, 1, __ATOMIC_RELAXED) * B;
        if (d >= phase_end) return NULL;
        simulate_chunk(d, phase_end - d < B ? phase_end - d : B, wk, 0);
    }
}

/* Sketch mode: count the pilot's chunks from the store, simulate and count
   the chunks after it. */
static void *count_worker(void *arg) {
    Worker *wk = arg;
    for (;;) {
        int chunk = __atomic_fetch_add(&next_chunk, 1, __ATOMIC_RELAXED), d = chunk * B;
        if (d >= phase_end) return NULL;
        int n = phase_end - d < B ? phase_end - d : B;
        wk->group_sums = claim_slot(chunk);
        if (d < PILOT)
            for (int cell = 0; cell < CELLS; cell++) count_row(store + (size_t)cell * stride + d, n, cell, wk);
        else
            simulate_chunk(d, n, wk, 1);
        commit_slot(chunk, (n + GROUP - 1) / GROUP);
    }
}

static void swapd(double *a, int i, int j) { double t = a[i]; a[i] = a[j]; a[j] = t; }
static void select_k(double *a, int n, int k) {
    int lo = 0, hi = n - 1;
    while (hi > lo) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo]) swapd(a, mid, lo);
        if (a[hi] < a[lo]) swapd(a, hi, lo);
        if (a[hi] < a[mid]) swapd(a, hi, mid);
        double pivot = a[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { swapd(a, i, j); i++; j--; }
        }
        if (k <= j) hi = j; else if (k >= i) lo = i; else return;
    }
}
/* p05, p50, p95 as wijksim computes them: the median first, then each
   side, then the next order statistic from between the selected ranks. */
static double next_after(double *a, int n, int k, int bound) {
    double m = a[k + 1 < n ? k + 1 : n - 1];
    for (int i = k + 2; i <= bound; i++) if (a[i] < m) m = a[i];
    return m;
}
static void percentiles(double *a, int n, double out[3]) {
    double h50 = (n - 1) * 0.5, h05 = (n - 1) * 0.05, h95 = (n - 1) * 0.95;
    int k50 = (int)floor(h50), k05 = (int)floor(h05), k95 = (int)floor(h95);
    select_k(a, n, k50);
    select_k(a, k50 + 1, k05);
    select_k(a + k50, n - k50, k95 - k50);
    int k[3] = {k05, k50, k95}, bound[3] = {k50, k95, n - 1};
    double h[3] = {h05, h50, h95};
    for (int q = 0; q < 3; q++) {
        double f = h[q] - k[q];
        out[q] = (f > 0 && k[q] + 1 < n) ? a[k[q]] + f * (next_after(a, n, k[q], bound[q]) - a[k[q]]) : a[k[q]];
    }
}

static double stats[CELLS][4];
static void *stats_worker(void *arg) {
    int stripe = *(int *)arg;
    for (int cell = stripe; cell < CELLS; cell += threads) {
        double *row = store + (size_t)cell * stride, sum = 0;
        add_group_sums(row, draws, &sum);
        stats[cell][0] = sum / draws;
        percentiles(row, draws, &stats[cell][1]);
    }
    return NULL;
}

/* The sketch's estimate of the r-th smallest value (0-based) of a cell. */
static double order_statistic(const unsigned *bins, const Tails *t, int cell, long long r) {
    const double lo = sk_lo[cell], hi = sk_hi[cell];
    if (r < t->below) return t->minimum + ((double)r + 0.5) / (double)t->below * (lo - t->minimum);
    long long seen = t->below;
    const double width = (hi - lo) / (double)BINS;
    for (int b = 0; b < BINS; b++) {
        if (bins[b] == 0) continue;
        long long c = bins[b];
        if (r < seen + c) return lo + (double)b * width + ((double)(r - seen) + 0.5) / (double)c * width;
        seen += c;
    }
    return hi + ((double)(r - seen) + 0.5) / (double)(t->above > 1 ? t->above : 1) * (t->maximum - hi);
}
static double sketch_quantile(const unsigned *bins, const Tails *t, int cell, double p) {
    long long total = t->below + t->above;
    for (int b = 0; b < BINS; b++) total += bins[b];
    double h = (double)(total - 1) * p;
    long long lower = (long long)floor(h);
    double a = order_statistic(bins, t, cell, lower);
    if (!(h > (double)lower)) return a;
    return a + (h - (double)lower) * (order_statistic(bins, t, cell, lower + 1) - a);
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s OUT_DIR [--draws N] [--threads T] [--fixed] [--seed S]\n", PEER_NAME); return 2; }
    const char *out = argv[1];
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--draws") && i + 1 < argc) draws = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc) threads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--fixed")) fixed = 1;
        else { fprintf(stderr, "unknown argument %s\n", argv[i]); return 2; }
    }
    if (draws < 1) { fprintf(stderr, "--draws must be at least 1\n"); return 2; }
    if (threads < 1 || threads > 64) threads = 1;
    prepare_model();
    sketch = (long long)draws * CELLS > EXACT_LIMIT && draws > PILOT;
    stride = sketch ? PILOT : draws;
    store = malloc(sizeof(double) * (size_t)CELLS * stride);
    if (!store) { fprintf(stderr, "out of memory\n"); return 1; }
    pthread_t tid[64];
    Worker *workers = calloc(threads, sizeof(Worker));
    if (!workers) { fprintf(stderr, "out of memory\n"); return 1; }
    next_chunk = 0;
    phase_end = sketch ? PILOT : draws;
    for (int t = 0; t < threads; t++) pthread_create(&tid[t], NULL, simulate_worker, &workers[t]);
    for (int t = 0; t < threads; t++) pthread_join(tid[t], NULL);
    if (!sketch) {
        int stripes[64];
        for (int t = 0; t < threads; t++) { stripes[t] = t; pthread_create(&tid[t], NULL, stats_worker, &stripes[t]); }
        for (int t = 0; t < threads; t++) pthread_join(tid[t], NULL);
    } else {
        for (int cell = 0; cell < CELLS; cell++) {
            const double *v = store + (size_t)cell * stride;
            double low = INFINITY, high = -INFINITY;
            for (int d = 0; d < PILOT; d++) { low = fmin(low, v[d]); high = fmax(high, v[d]); }
            double margin = fmax((high - low) * 0.1, fmax(fmax(fabs(low), fabs(high)), 1) * 1e-9);
            sk_lo[cell] = low - margin;
            sk_hi[cell] = high + margin;
            sk_scale[cell] = (double)BINS / (high + margin - (low - margin));
        }
        next_chunk = 0;
        phase_end = draws;
        for (int t = 0; t < threads; t++) {
            Worker *wk = &workers[t];
            wk->bins = calloc((size_t)CELLS * BINS, sizeof(unsigned));
            if (!wk->bins) { fprintf(stderr, "out of memory\n"); return 1; }
            for (int cell = 0; cell < CELLS; cell++) wk->tails[cell] = (Tails){0, 0, INFINITY, -INFINITY};
            pthread_create(&tid[t], NULL, count_worker, wk);
        }
        for (int t = 0; t < threads; t++) pthread_join(tid[t], NULL);
        unsigned *bins = workers[0].bins;
        for (int t = 1; t < threads; t++)
            for (size_t k = 0; k < (size_t)CELLS * BINS; k++) bins[k] += workers[t].bins[k];
        for (int cell = 0; cell < CELLS; cell++) {
            Tails tail = workers[0].tails[cell];
            for (int t = 1; t < threads; t++) {
                const Tails *o = &workers[t].tails[cell];
                tail.below += o->below; tail.above += o->above;
                if (o->minimum < tail.minimum) tail.minimum = o->minimum;
                if (o->maximum > tail.maximum) tail.maximum = o->maximum;
            }
            const unsigned *b = bins + (size_t)cell * BINS;
            stats[cell][0] = sums[cell] / draws;
            stats[cell][1] = sketch_quantile(b, &tail, cell, 0.05);
            stats[cell][2] = sketch_quantile(b, &tail, cell, 0.5);
            stats[cell][3] = sketch_quantile(b, &tail, cell, 0.95);
        }
        for (int t = 0; t < threads; t++) free(workers[t].bins);
    }
    for (int t = 0; t < threads; t++)
        for (int k = 0; k < K; k++) for (int y = 0; y < Y - 1; y++) cost_sum[k][y] += workers[t].cost[k][y];
    mkdir(out, 0755);
    char path[4096];
    snprintf(path, sizeof path, "%s/trajectories.csv", out);
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); return 1; }
    fprintf(f, "variant,wijk,indicator,year,mean,p05,p50,p95\n");
    for (int i = 0; i < I; i++)
        for (int t = 0; t < Y; t++)
            for (int w = 0; w <= W; w++) {
                double *s = stats[(w * I + i) * Y + t];
                fprintf(f, "0,%s,%s,%d,%.17g,%.17g,%.17g,%.17g\n", WIJKEN[w], INDICATORS[i], FIRST + t, s[0], s[1], s[2], s[3]);
            }
    fclose(f);
    snprintf(path, sizeof path, "%s/costs.csv", out);
    f = fopen(path, "w");
    if (!f) { perror(path); return 1; }
    fprintf(f, "variant,intervention,funding,year,mean\n");
    for (int k = 0; k < K; k++)
        for (int t = 0; t < Y - 1; t++) fprintf(f, "0,%s,%s,%d,%.17g\n", INTERVENTIONS[k], FUNDING[k], FIRST + t, cost_sum[k][t] / draws);
    fclose(f);
    free(store);
    free(workers);
    return 0;
}

#endif
