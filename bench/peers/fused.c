/* The benchmark workload (bench/workload/scenarios/bench.yaml) as one
 * hand-fused loop over all lanes: no interpreter, no temporaries, every
 * plugin rule inlined. This is the practical limit for wijksim's engine.
 *
 *     fused OUT_DIR [--draws N] [--threads T] [--fixed] [--seed S]
 *
 * Writes OUT_DIR/trajectories.csv like numpy_peer.py. Uncertain parameters
 * come from a SplitMix64 stream per draw with inverse-CDF sampling (the
 * same amount of work as wijksim's counter RNG, not the same numbers);
 * with --fixed they take bench-fixed.yaml's values and must equal wijksim's.
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

static int draws = 10000, threads = 2, fixed = 0;
static uint64_t seed = 11;
static double *store;        /* store[cell * draws + draw] */
static double cost_sum[2][Y - 1];
static pthread_mutex_t cost_lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t splitmix(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static double unit(uint64_t *s) { return ((double)(splitmix(s) >> 11) + 0.5) * 0x1.0p-53; }
/* Acklam's inverse normal CDF (relative error 1e-9): enough for a peer. */
static double normal_quantile(double p) {
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    double q, r;
    if (p < 0.02425) { q = sqrt(-2 * log(p)); return (((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q+c[5]) / ((((d[0]*q+d[1])*q+d[2])*q+d[3])*q+1); }
    if (p > 1 - 0.02425) { q = sqrt(-2 * log(1 - p)); return -(((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q+c[5]) / ((((d[0]*q+d[1])*q+d[2])*q+d[3])*q+1); }
    q = p - 0.5; r = q * q;
    return (((((a[0]*r+a[1])*r+a[2])*r+a[3])*r+a[4])*r+a[5])*q / (((((b[0]*r+b[1])*r+b[2])*r+b[3])*r+b[4])*r+1);
}
static double ramp(double v, double n) { double r = (v + 1) / n; return r < 0 ? 0 : (r > 1 ? 1 : r); }
static double clampd(double v, double lo, double hi) { return v < lo ? lo : (v > hi ? hi : v); }

enum { B = 512 };   /* draws per chunk: the state of a chunk stays in cache */

/* Draws first..first+n-1, lanes laid out [indicator][wijk][draw] so that
   every inner loop runs over contiguous draws and vectorises. */
static void simulate_chunk(int first, int n, double local_cost[2][Y - 1]) {
    static _Thread_local double x[I][W][B], x0[I][W][B], add[I][W][B], city[I][B];
    static _Thread_local double trek[B], effect[B], daling[B], werking[W][B];
    const double *weight[I] = {HOUSEHOLDS, POPULATION, POPULATION, POPULATION};
    double wsum[I];
    for (int i = 0; i < I; i++) { wsum[i] = 0; for (int w = 0; w < W; w++) wsum[i] += weight[i][w]; }
    for (int b = 0; b < n; b++) {
        trek[b] = 0.1; effect[b] = 0.3; daling[b] = 3;
        for (int w = 0; w < W; w++) werking[w][b] = 0.5;
        if (fixed) continue;
        uint64_t s = seed * 0x2545F4914F6CDD1DULL + (uint64_t)(first + b);
        double u = unit(&s);   /* triangular(0.05, 0.1, 0.15) */
        trek[b] = u < 0.5 ? 0.05 + sqrt(u * 0.1 * 0.05) : 0.15 - sqrt((1 - u) * 0.1 * 0.05);
        double sigma = 0.4;
        effect[b] = fmin(exp(log(0.3) - sigma * sigma / 2 + sigma * normal_quantile(unit(&s))), 5);
        double lo = 0.5 * erfc(3 / sqrt(2.0)), hi = 0.5 * erfc(-7 / sqrt(2.0));   /* N(3,1) on [0,10] */
        daling[b] = 3 + normal_quantile(lo + unit(&s) * (hi - lo));
        for (int w = 0; w < W; w++) werking[w][b] = 0.3 + 0.4 * unit(&s);
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
            for (int w = 0; w < W; w++) memcpy(store + ((size_t)(w * I + i) * Y + t) * draws + first, x[i][w], n * sizeof(double));
            memcpy(store + ((size_t)(W * I + i) * Y + t) * draws + first, city[i], n * sizeof(double));
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
        local_cost[0][t] += spend_buurt;
        local_cost[1][t] += spend_wonen;
    }
}

typedef struct { int first, last; } Range;

static void *worker(void *arg) {
    Range *r = arg;
    double local_cost[2][Y - 1] = {{0}};
    for (int d = r->first; d < r->last; d += B) simulate_chunk(d, r->last - d < B ? r->last - d : B, local_cost);
    pthread_mutex_lock(&cost_lock);
    for (int k = 0; k < 2; k++) for (int t = 0; t < Y - 1; t++) cost_sum[k][t] += local_cost[k][t];
    pthread_mutex_unlock(&cost_lock);
    return NULL;
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
        double *row = store + (size_t)cell * draws, sum = 0;
        for (int d = 0; d < draws; d++) sum += row[d];
        stats[cell][0] = sum / draws;
        percentiles(row, draws, &stats[cell][1]);
    }
    return NULL;
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
    store = malloc(sizeof(double) * (size_t)CELLS * draws);
    if (!store) { fprintf(stderr, "out of memory\n"); return 1; }
    pthread_t tid[64];
    Range ranges[64];
    if (threads < 1 || threads > 64) threads = 1;
    for (int t = 0; t < threads; t++) {
        ranges[t].first = (int)((long long)draws * t / threads);
        ranges[t].last = (int)((long long)draws * (t + 1) / threads);
        pthread_create(&tid[t], NULL, worker, &ranges[t]);
    }
    for (int t = 0; t < threads; t++) pthread_join(tid[t], NULL);
    int stripes[64];
    for (int t = 0; t < threads; t++) { stripes[t] = t; pthread_create(&tid[t], NULL, stats_worker, &stripes[t]); }
    for (int t = 0; t < threads; t++) pthread_join(tid[t], NULL);
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
    fprintf(f, "variant,intervention,funding,year,mean\n");
    const char *names[2] = {"buurt", "wonen"};
    for (int k = 0; k < 2; k++)
        for (int t = 0; t < Y - 1; t++) fprintf(f, "0,%s,fonds,%d,%.17g\n", names[k], FIRST + t, cost_sum[k][t] / draws);
    fclose(f);
    free(store);
    return 0;
}
