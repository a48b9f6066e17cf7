/* The benchmark workload (bench/workload/scenarios/bench.yaml) as one
 * hand-fused loop over all lanes: no interpreter, no temporaries, every
 * plugin rule inlined. This is the practical limit for wijksim's engine.
 *
 *     fused OUT_DIR [--draws N] [--threads T] [--fixed] [--seed S]
 *
 * Writes OUT_DIR/trajectories.csv and OUT_DIR/costs.csv like numpy_peer.py.
 * Uncertain parameters come from wijksim's counter RNG (SplitMix64's
 * finaliser over (seed, instance, parameter, draw, wijk), inverse CDF of the
 * truncated distribution, AS241 for the normal quantile), so the draws are
 * wijksim's; with --fixed they take bench-fixed.yaml's values.
 *
 * Statistics as wijksim computes them: means are sums over groups of 64
 * draws, each summed draw by draw, added in group order (DrawOrderSums), so
 * their bits depend neither on --threads nor on the chunking. Threads take
 * chunks of 512 draws in turn. Percentiles are exact while
 * draws x cells <= 16 Mi values (or draws <= 4096): every draw is kept and
 * the ranks selected. Above that, a histogram sketch per cell, with no
 * store of the draws: draws 0..4095 (the pilot) are simulated first and
 * kept; each cell's range is their [min, max] widened by 10 % each side,
 * cut into 2048 equal bins, with counts and exact extremes below and above
 * it; then the threads count the pilot and simulate and count the draws
 * after it, each into its own histograms, merged at the end; the group sums
 * of each chunk wait in a small ring until all chunks before it are added.
 * A quantile interpolates within its bin, exactly as QuantileSketch.swift.
 * Memory: 22 MB of pilot plus 5.5 MB of histograms per thread, at any size.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { W = 7, I = 4, FIRST = 2022, LAST = 2042, Y = LAST - FIRST + 1, CELLS = (W + 1) * I * Y };
static const char *WIJKEN[W + 1] = {"Noorderhaven", "Kadewijk", "Zuiderveld", "Klaverhof", "Molenbuurt", "Stadshart", "Oeverland", "city"};
static const char *INDICATORS[I] = {"armoede", "participatie", "overlast", "gezondheid"};
static const double HOUSEHOLDS[W] = {3200, 2100, 4100, 2600, 3800, 5400, 3000};
static const double POPULATION[W] = {6100, 3900, 8900, 5800, 7200, 8600, 6400};
static const double DWELLINGS[W] = {3350, 2250, 4300, 2700, 3950, 5900, 3100};
static const double START[I][W] = {
    {14.2, 11.6, 13.1, 9.2, 7.4, 5.3, 8.1},
    {58.5, 62.0, 60.5, 65.5, 68.0, 71.5, 66.0},
    {46, 34, 29, 21, 25, 38, 27},
    {62, 66, 64, 71, 74, 76, 72}};
static const double LOW[I] = {4, 45, 12, 40}, HIGH[I] = {30, 80, 90, 95};
static const double BUURT[W] = {1, 1, 1, 0, 0, 0, 0};

enum {
    B = 512,               /* draws per chunk: the state of a chunk stays in cache */
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
static double cost_sum[2][Y - 1];
/* Chunks of B draws are handed out in order; a phase runs up to phase_end. */
static int next_chunk, phase_end;

/* ---- wijksim's counter RNG (CounterRandom.swift) ---- */
static uint64_t mix(uint64_t z) {
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static uint64_t combine(uint64_t key, uint64_t value) { return mix(key ^ mix(value)); }
static uint64_t name_key(const char *name) {
    uint64_t h = 0xCBF29CE484222325ULL;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++) h = (h ^ *c) * 0x00000100000001B3ULL;
    return mix(h);
}
static double unit(uint64_t key) { return ((double)(key >> 11) + 0.5) * 0x1.0p-53; }
/* Wichura's AS241, as CounterRandom.normalQuantile. */
static double normal_quantile(double p) {
    double q = p - 0.5;
    if (fabs(q) <= 0.425) {
        double r = 0.180625 - q * q;
        double num = (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
            + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
            + 133.14166789178437745) * r + 3.387132872796366608);
        double den = (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
            + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
            + 42.313330701600911252) * r + 1.0);
        return q * num / den;
    }
    double r = q < 0 ? p : 1 - p, value;
    r = sqrt(-log(r));
    if (r <= 5) {
        r -= 1.6;
        value = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
            + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
            + 4.6303378461565452959) * r + 1.42343711074968357734)
            / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
            + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
            + 2.05319162663775882187) * r + 1.0);
    } else {
        r -= 5;
        value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
            + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
            + 5.4637849111641143699) * r + 6.6579046435011037772)
            / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
            + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
            + 0.59983220655588793769) * r + 1.0);
    }
    return q < 0 ? -value : value;
}
static double normal_cdf(double x) { return 0.5 * erfc(-x / sqrt(2.0)); }
static double ramp(double v, double n) { double r = (v + 1) / n; return r < 0 ? 0 : (r > 1 ? 1 : r); }
static double clampd(double v, double lo, double hi) { return v < lo ? lo : (v > hi ? hi : v); }

/* Per (instance, parameter) keys, wijk keys and the distributions' constants. */
static uint64_t key_trek, key_effect, key_daling, key_werking, key_wijk[W];
static double effect_mu, effect_high_p, daling_low_p, daling_high_p;
static void prepare_random(void) {
    key_trek = combine(combine(seed, name_key("ontwikkeling")), name_key("trek"));
    key_effect = combine(combine(seed, name_key("gezondheid")), name_key("effect"));
    key_daling = combine(combine(seed, name_key("buurt")), name_key("daling"));
    key_werking = combine(combine(seed, name_key("wonen")), name_key("werking"));
    for (int w = 0; w < W; w++) key_wijk[w] = name_key(WIJKEN[w]);
    effect_mu = log(0.3) - 0.4 * 0.4 / 2;                                  /* lognormal(mean 0.3, sd 0.4), max 5 */
    effect_high_p = normal_cdf((log(5.0) - effect_mu) / 0.4);
    daling_low_p = normal_cdf((0 - 3.0) / 1.0);                            /* normal(3, 1) on [0, 10] */
    daling_high_p = normal_cdf((10 - 3.0) / 1.0);
}

/* ---- the sketch (QuantileSketch.swift) ---- */
typedef struct { long long below, above; double minimum, maximum; } Tails;
static double sk_lo[CELLS], sk_hi[CELLS], sk_scale[CELLS];

/* Per thread: its cost sums and (sketch mode) its histograms. */
typedef struct {
    double cost[2][Y - 1];
    unsigned *bins;                /* [cell][BINS] */
    Tails tails[CELLS];
    double *group_sums;            /* this chunk's slot of the ring */
} Worker;

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

/* Draws first..first+n-1, lanes laid out [indicator][wijk][draw] so that
   every inner loop runs over contiguous draws and vectorises. Each year's
   values go into the store (exact mode, pilot) or are counted (sketch). */
static void simulate_chunk(int first, int n, Worker *wk, int counting) {
    static _Thread_local double x[I][W][B], x0[I][W][B], add[I][W][B], city[I][B];
    static _Thread_local double trek[B], effect[B], daling[B], werking[W][B];
    const double *weight[I] = {HOUSEHOLDS, POPULATION, POPULATION, POPULATION};
    double wsum[I];
    for (int i = 0; i < I; i++) { wsum[i] = 0; for (int w = 0; w < W; w++) wsum[i] += weight[i][w]; }
    for (int b = 0; b < n; b++) {
        trek[b] = 0.1; effect[b] = 0.3; daling[b] = 3;
        for (int w = 0; w < W; w++) werking[w][b] = 0.5;
        if (fixed) continue;
        uint64_t draw = (uint64_t)(first + b);
        /* triangular(0.05, 0.1, 0.15) */
        double p = unit(combine(key_trek, draw));
        double v = p < (0.1 - 0.05) / (0.15 - 0.05) ? 0.05 + sqrt((0.15 - 0.05) * (0.1 - 0.05) * p)
                                                     : 0.15 - sqrt((0.15 - 0.05) * (0.15 - 0.1) * (1 - p));
        trek[b] = clampd(v, 0.05, 0.15);
        /* lognormal(mean 0.3, sd of log 0.4) truncated at 5 */
        p = unit(combine(key_effect, draw)) * effect_high_p;
        effect[b] = clampd(exp(effect_mu + 0.4 * normal_quantile(p)), 0, 5);
        /* normal(3, 1) truncated to [0, 10] */
        p = daling_low_p + unit(combine(key_daling, draw)) * (daling_high_p - daling_low_p);
        daling[b] = clampd(3 + 1.0 * normal_quantile(p), 0, 10);
        /* uniform(0.3, 0.7) per wijk */
        uint64_t werking_key = combine(key_werking, draw);
        for (int w = 0; w < W; w++) werking[w][b] = clampd(0.3 + unit(combine(werking_key, key_wijk[w])) * (0.7 - 0.3), 0.3, 0.7);
    }
    for (int i = 0; i < I; i++)
        for (int w = 0; w < W; w++)
            for (int b = 0; b < n; b++) x[i][w][b] = x0[i][w][b] = START[i][w];
    for (int t = 0; t < Y; t++) {
        for (int i = 0; i < I; i++) {
            for (int b = 0; b < n; b++) city[i][b] = 0;
            for (int w = 0; w < W; w++)
                for (int b = 0; b < n; b++) city[i][b] += weight[i][w] * x[i][w][b];
            for (int b = 0; b < n; b++) city[i][b] /= wsum[i];
            for (int w = 0; w <= W; w++) {
                const double *row = w < W ? x[i][w] : city[i];
                int cell = (w * I + i) * Y + t;
                if (counting) count_row(row, n, cell, wk);
                else memcpy(store + (size_t)cell * stride + first, row, n * sizeof(double));
            }
        }
        if (t == Y - 1) break;
        int year = FIRST + t;
        double golf = -0.5 * exp(-(year - FIRST) / 3.0);
        double a_buurt = (year >= 2024 && year <= 2032) ? 1 : 0, since_buurt = year - 2024;
        double werk = a_buurt * ramp(since_buurt, 2) + (1 - a_buurt) * ramp(since_buurt, 1) * 0.25;
        double a_wonen = (year >= 2023 && year <= 2042) ? 1 : 0, procent = 100 * a_wonen * 0.015;
        double spend_buurt = 0, spend_wonen = 0;
        for (int w = 0; w < W; w++) {
            double *a = x[0][w], *p = x[1][w], *o = x[2][w], *g = x[3][w];
            for (int b = 0; b < n; b++) {
                add[0][w][b] = a[b] * (pow(city[0][b] / a[b], trek[b]) - 1) + golf * x0[0][w][b] / 10;
                add[1][w][b] = trek[b] * (city[1][b] - p[b]) - golf;
                add[2][w][b] = 0.01 * x0[2][w][b] + 0.15 * (x0[2][w][b] - o[b]);
                double boven = fmax(p[b] - city[1][b], 0);
                add[3][w][b] = effect[b] * sqrt(boven) + 0.05 * (city[3][b] - g[b]) + (g[b] < 65 ? 0.2 : 0);
                double factor = (a[b] - city[0][b] > 1.5) ? 1 : 0.4;
                add[0][w][b] += -werking[w][b] * procent * factor;
                add[2][w][b] += -0.8 * procent;
            }
            if (BUURT[w] != 0) {
                for (int b = 0; b < n; b++) {
                    add[2][w][b] += -fmin(0.6 * daling[b] * werk, 2);
                    add[1][w][b] += 0.6 * 0.6 * werk;
                }
                spend_buurt += n * a_buurt * 0.6 * 35 * POPULATION[w];
            }
            spend_wonen += n * a_wonen * 0.015 * DWELLINGS[w] * 28000;
        }
        for (int i = 0; i < I; i++)
            for (int w = 0; w < W; w++)
                for (int b = 0; b < n; b++) x[i][w][b] = clampd(x[i][w][b] + add[i][w][b], LOW[i], HIGH[i]);
        wk->cost[0][t] += spend_buurt;
        wk->cost[1][t] += spend_wonen;
    }
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
    if (argc < 2) { fprintf(stderr, "usage: fused OUT_DIR [--draws N] [--threads T] [--fixed] [--seed S]\n"); return 2; }
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
    prepare_random();
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
        for (int k = 0; k < 2; k++) for (int y = 0; y < Y - 1; y++) cost_sum[k][y] += workers[t].cost[k][y];
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
    const char *names[2] = {"buurt", "wonen"};
    for (int k = 0; k < 2; k++)
        for (int t = 0; t < Y - 1; t++) fprintf(f, "0,%s,fonds,%d,%.17g\n", names[k], FIRST + t, cost_sum[k][t] / draws);
    fclose(f);
    free(store);
    free(workers);
    return 0;
}
