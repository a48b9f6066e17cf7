/* The benchmark workload (bench/workload/scenarios/bench.yaml) as one
 * hand-fused loop over all lanes: no interpreter, no temporaries, every
 * plugin rule inlined. This is the practical limit for wijksim's engine.
 *
 *     fused OUT_DIR [--draws N] [--threads T] [--fixed] [--seed S]
 *
 * Writes OUT_DIR/trajectories.csv and OUT_DIR/costs.csv like numpy_peer.py.
 * Uncertain parameters are wijksim's own draws (draws.h); with --fixed they
 * take bench-fixed.yaml's values. The statistics, threads and files are
 * fused_run.h's, shared with fused_dense.c: exact percentiles up to 16 Mi
 * values, a histogram sketch above, means in 64-draw groups in draw order.
 * Memory: 22 MB of pilot plus 5.5 MB of histograms per thread, at any size.
 */
enum { W = 7, I = 4, FIRST = 2022, LAST = 2042, Y = LAST - FIRST + 1, CELLS = (W + 1) * I * Y, K = 2 };
static const char *WIJKEN[W + 1] = {"Noorderhaven", "Kadewijk", "Zuiderveld", "Klaverhof", "Molenbuurt", "Stadshart", "Oeverland", "city"};
static const char *INDICATORS[I] = {"armoede", "participatie", "overlast", "gezondheid"};
static const char *INTERVENTIONS[K] = {"buurt", "wonen"}, *FUNDING[K] = {"fonds", "fonds"};
#define PEER_NAME "fused"
#include "fused_run.h"

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

/* Per (instance, parameter) keys, wijk keys and the distributions. */
static uint64_t key_trek, key_effect, key_daling, key_werking, key_wijk[W];
static Dist dist_trek, dist_effect, dist_daling, dist_werking;
static void prepare_model(void) {
    key_trek = parameter_key(seed, "ontwikkeling", "trek");
    key_effect = parameter_key(seed, "gezondheid", "effect");
    key_daling = parameter_key(seed, "buurt", "daling");
    key_werking = parameter_key(seed, "wonen", "werking");
    for (int w = 0; w < W; w++) key_wijk[w] = name_key(WIJKEN[w]);
    dist_trek = triangular(0.05, 0.1, 0.15);
    dist_effect = lognormal(0.3, 0.4, NAN, 5);           /* mean 0.3, sd of the log 0.4, max 5 */
    dist_daling = normal(3, 1, 0, 10);
    dist_werking = uniform(0.3, 0.7);                    /* per wijk */
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
        trek[b] = draw_value(&dist_trek, key_trek, draw);
        effect[b] = draw_value(&dist_effect, key_effect, draw);
        daling[b] = draw_value(&dist_daling, key_daling, draw);
        for (int w = 0; w < W; w++) werking[w][b] = draw_wijk_value(&dist_werking, key_werking, draw, key_wijk[w]);
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
                record_row(row, first, n, cell, wk, counting);
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
