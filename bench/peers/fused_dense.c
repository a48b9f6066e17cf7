/* The dense benchmark workload (bench/workload-dense/scenarios/dense.yaml)
 * as one hand-fused loop per lane: no interpreter, no temporaries, all four
 * plugins' rules inlined, each lane's state updated in place once the
 * year's city averages are known (a lane's adds read only its own state and
 * the city). The practical limit for wijksim's engine on this workload.
 *
 *     fused_dense OUT_DIR [--draws N] [--threads T] [--fixed] [--seed S]
 *
 * Writes OUT_DIR/trajectories.csv and OUT_DIR/costs.csv like
 * numpy_dense_peer.py. Uncertain parameters are wijksim's own draws
 * (draws.h: 3 per draw, 9 per wijk); with --fixed they take
 * dense-fixed.yaml's values. Statistics, threads and files: fused_run.h
 * (exact percentiles up to 16 Mi values, i.e. 10,242 draws of this
 * workload's 1,638 cells; a histogram sketch above).
 * Transcendental functions are glibc's scalar libm, one lane at a time
 * (`cc -O3` without -ffast-math does not call the vector libmvec).
 */
enum { W = 12, I = 6, FIRST = 2022, LAST = 2042, Y = LAST - FIRST + 1, CELLS = (W + 1) * I * Y, K = 2 };
static const char *WIJKEN[W + 1] = {"Beekdal", "Dijkzicht", "Essenburg", "Hoogveld", "Kerkebuurt", "Lindehof", "Meerzicht",
                                    "Nieuwland", "Polderwijk", "Rivierenbuurt", "Schansveld", "Waterkant", "city"};
static const char *INDICATORS[I] = {"energiearmoede", "schulden", "werkloosheid", "eenzaamheid", "vertrouwen", "woonkwaliteit"};
static const char *INTERVENTIONS[K] = {"isolatie", "schuldhulp"}, *FUNDING[K] = {"klimaatfonds", "sociaal"};
#define PEER_NAME "fused_dense"
#define CHUNK 256
#include "fused_run.h"

enum { EA, SC, WL, EZ, VT, WK };   /* the indicators, in indicators.csv's order */
static const double HOUSEHOLDS[W] = {3400, 2300, 4100, 2800, 3600, 2200, 4800, 3900, 2600, 5200, 3100, 2500};
static const double POPULATION[W] = {7200, 4600, 9300, 6200, 7400, 5100, 9900, 8800, 5900, 9400, 7100, 4800};
static const double DWELLINGS[W] = {3550, 2400, 4250, 2900, 3800, 2300, 5000, 4100, 2700, 5600, 3250, 2650};
static const double OUDEREN[W] = {1100, 900, 1300, 1500, 1900, 800, 2100, 1200, 1000, 2400, 1400, 700};
static const double START[I][W] = {
    {14.5, 12.1, 16.8, 8.2, 7.4, 9.6, 5.9, 11.3, 6.8, 10.4, 13.2, 6.3},
    {11.2, 9.4, 12.6, 6.1, 5.2, 7.3, 4.1, 8.8, 4.9, 7.9, 10.1, 4.5},
    {9.8, 8.1, 11.4, 6.3, 5.4, 7.0, 4.6, 8.9, 5.1, 7.6, 9.3, 4.9},
    {52, 48, 55, 44, 41, 46, 38, 49, 40, 47, 51, 39},
    {5.4, 5.9, 5.1, 6.6, 6.9, 6.3, 7.2, 5.8, 7.0, 6.1, 5.6, 7.1},
    {5.6, 5.9, 5.2, 6.7, 7.0, 6.4, 7.3, 6.0, 7.1, 6.2, 5.7, 7.4}};
static const double LOW[I] = {1, 1, 2, 20, 3, 3}, HIGH[I] = {40, 30, 25, 70, 9, 9};
static const double *WEIGHT[I] = {HOUSEHOLDS, HOUSEHOLDS, POPULATION, OUDEREN, POPULATION, DWELLINGS};
/* isolatie: Beekdal, Dijkzicht, Essenburg, Nieuwland, Schansveld, 2024-2035 */
static const int ISOLATIE[W] = {1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0};
enum { ISOLATIE_FROM = 2024, ISOLATIE_TO = 2035, SCHULDHULP_FROM = 2023, SCHULDHULP_TO = 2042 };

/* The fixed parameters (the plugins' defaults). */
static const double DUUR = 4, AANPASSING = 0.25, GEVOELIGHEID_PRIJS = 0.4;             /* economie */
static const double GROEI = 0.08, WERKDRUK = 0.3, HERSTEL = 0.1, MARGE = 5;           /* samenleven */
static const double TEMPO = 0.04, KWALITEIT = 0.02;                                   /* isolatie */
static const double BEREIK = 0.3, WERK = 0.05, DREMPEL = 8, PRIJS_HULP = 1200;        /* schuldhulp */

/* The uncertain ones: per draw, then per wijk, with dense-fixed.yaml's values. */
enum { CONJUNCTUUR, PRIJSGROEI, HALFTIJD, DRAW_PARAMS };
enum { TREK, ELASTICITEIT, DRAAGKRACHT, GEVOELIGHEID, VERVAL, WERKING, PRIJS, EFFECT, SCHAAL, WIJK_PARAMS };
static const char *DRAW_NAMES[DRAW_PARAMS][2] = {{"economie", "conjunctuur"}, {"economie", "prijsgroei"}, {"isolatie", "halftijd"}};
static const char *WIJK_NAMES[WIJK_PARAMS][2] = {
    {"economie", "trek"}, {"economie", "elasticiteit"}, {"samenleven", "draagkracht"}, {"samenleven", "gevoeligheid"},
    {"samenleven", "verval"}, {"isolatie", "werking"}, {"isolatie", "prijs"}, {"schuldhulp", "effect"}, {"schuldhulp", "schaal"}};
static const double DRAW_FIXED[DRAW_PARAMS] = {1, 0.03, 2.5};
static const double WIJK_FIXED[WIJK_PARAMS] = {0.1, 0.8, 50, 0.3, 0.03, 0.4, 22000, 0.12, 0.92};
static Dist draw_dist[DRAW_PARAMS], wijk_dist[WIJK_PARAMS];
static uint64_t draw_key[DRAW_PARAMS], wijk_param_key[WIJK_PARAMS], key_wijk[W];

static void prepare_model(void) {
    draw_dist[CONJUNCTUUR] = normal(1, 0.4, 0, 2.5);
    draw_dist[PRIJSGROEI] = triangular(0, 0.03, 0.08);
    draw_dist[HALFTIJD] = uniform(1, 4);
    wijk_dist[TREK] = uniform(0.04, 0.16);
    wijk_dist[ELASTICITEIT] = triangular(0.4, 0.8, 1.4);
    wijk_dist[DRAAGKRACHT] = normal(50, 8, 30, 70);
    wijk_dist[GEVOELIGHEID] = lognormal(0.3, 0.5, NAN, 2);
    wijk_dist[VERVAL] = uniform(0.01, 0.05);
    wijk_dist[WERKING] = lognormal(0.4, 0.3, NAN, 2);
    wijk_dist[PRIJS] = triangular(15000, 22000, 35000);
    wijk_dist[EFFECT] = normal(0.12, 0.05, 0, 0.4);
    wijk_dist[SCHAAL] = uniform(0.85, 1);
    for (int k = 0; k < DRAW_PARAMS; k++) draw_key[k] = parameter_key(seed, DRAW_NAMES[k][0], DRAW_NAMES[k][1]);
    for (int k = 0; k < WIJK_PARAMS; k++) wijk_param_key[k] = parameter_key(seed, WIJK_NAMES[k][0], WIJK_NAMES[k][1]);
    for (int w = 0; w < W; w++) key_wijk[w] = name_key(WIJKEN[w]);
}

/* max without fmax's NaN rules (a call into libm at -O3 on x86-64): no NaN reaches the state. */
static inline double maxd(double a, double b) { return a > b ? a : b; }

/* Draws first..first+n-1, lanes laid out [indicator][wijk][draw] so that
   every inner loop runs over contiguous draws. */
static void simulate_chunk(int first, int n, Worker *wk, int counting) {
    static _Thread_local double x[I][W][B], city[I][B];
    static _Thread_local double dp[DRAW_PARAMS][B], wp[WIJK_PARAMS][W][B];
    static _Thread_local double prijs[B], opbouw[B];
    double wsum[I];
    for (int i = 0; i < I; i++) { wsum[i] = 0; for (int w = 0; w < W; w++) wsum[i] += WEIGHT[i][w]; }
    for (int k = 0; k < DRAW_PARAMS; k++)
        for (int b = 0; b < n; b++)
            dp[k][b] = fixed ? DRAW_FIXED[k] : draw_value(&draw_dist[k], draw_key[k], (uint64_t)(first + b));
    for (int k = 0; k < WIJK_PARAMS; k++)
        for (int w = 0; w < W; w++) {
            if ((k == WERKING || k == PRIJS) && !ISOLATIE[w]) continue;      /* isolatie's lanes only */
            for (int b = 0; b < n; b++)
                wp[k][w][b] = fixed ? WIJK_FIXED[k]
                                    : draw_wijk_value(&wijk_dist[k], wijk_param_key[k], (uint64_t)(first + b), key_wijk[w]);
        }
    for (int i = 0; i < I; i++)
        for (int w = 0; w < W; w++)
            for (int b = 0; b < n; b++) x[i][w][b] = START[i][w];
    for (int t = 0; t < Y; t++) {
        for (int i = 0; i < I; i++) {
            for (int b = 0; b < n; b++) city[i][b] = 0;
            for (int w = 0; w < W; w++)
                for (int b = 0; b < n; b++) city[i][b] += WEIGHT[i][w] * x[i][w][b];
            for (int b = 0; b < n; b++) city[i][b] /= wsum[i];
            for (int w = 0; w <= W; w++)
                record_row(w < W ? x[i][w] : city[i], first, n, (w * I + i) * Y + t, wk, counting);
        }
        if (t == Y - 1) break;
        const int year = FIRST + t;
        const double schok_tijd = exp(-t / DUUR);
        const double a_iso = (year >= ISOLATIE_FROM && year <= ISOLATIE_TO) ? 1 : 0, since_iso = year - ISOLATIE_FROM;
        const double procent = 100 * a_iso * TEMPO;
        const double inzet = ((year >= SCHULDHULP_FROM && year <= SCHULDHULP_TO) ? 1 : 0) * BEREIK;
        const double opbouw_tijd = -maxd(since_iso + 1, 0);
        for (int b = 0; b < n; b++) {
            prijs[b] = exp(dp[PRIJSGROEI][b] * t);
            opbouw[b] = 1 - exp(opbouw_tijd / dp[HALFTIJD][b]);
        }
        double spend_iso = 0, spend_hulp = 0;
        for (int w = 0; w < W; w++) {
            double *ea = x[EA][w], *sc = x[SC][w], *wl = x[WL][w], *ez = x[EZ][w], *vt = x[VT][w], *wq = x[WK][w];
            const double sc0 = START[SC][w], wl0 = START[WL][w], iso = ISOLATIE[w];
            const double households = HOUSEHOLDS[w], dwellings = DWELLINGS[w];
            for (int b = 0; b < n; b++) {
                const double e = ez[b];
                /* economie */
                double verhouding = clampd(city[WL][b] / wl[b], 0.2, 5);
                double schok = dp[CONJUNCTUUR][b] * schok_tijd * wl0 / 10;
                double add_wl = wl[b] * (exp(wp[TREK][w][b] * log(verhouding)) - 1) + schok;
                double doel = sc0 * pow(maxd(wl[b], 0.5) / wl0, wp[ELASTICITEIT][w][b]);
                double add_sc = AANPASSING * (doel - sc[b]) + 0.02 * (city[SC][b] - sc[b]);
                double druk = sqrt(clampd(sc[b] / city[SC][b], 0, 4));
                double add_ea = GEVOELIGHEID_PRIJS * (prijs[b] - 1) * druk + 0.05 * (city[EA][b] - ea[b]);
                /* samenleven */
                double werk = sqrt(maxd(wl[b] - city[WL][b], 0));
                double add_ez = GROEI * e * (1 - e / wp[DRAAGKRACHT][w][b]) + WERKDRUK * werk;
                double sfeer = e >= city[EZ][b] + MARGE ? -0.05 : (e <= city[EZ][b] - MARGE ? 0.04 : 0);
                double schuld = log(clampd(sc[b] / city[SC][b], 0.25, 4));
                double wonen = log(clampd(wq[b] / city[WK][b], 0.5, 2));
                double add_vt = HERSTEL * (city[VT][b] - vt[b]) + sfeer - 0.1 * wp[GEVOELIGHEID][w][b] * schuld + 0.1 * wonen;
                double add_wq = -wp[VERVAL][w][b] * (wq[b] - 4) + 0.03 * (city[WK][b] - wq[b]);
                /* isolatie */
                if (iso != 0) {
                    double factor = ea[b] > city[EA][b] ? 1 : 0.5;
                    add_ea += -wp[WERKING][w][b] * procent * opbouw[b] * factor;
                    add_wq += KWALITEIT * procent * sqrt(clampd(9 - wq[b], 0, 6));
                    spend_iso += a_iso * TEMPO * dwellings * wp[PRIJS][w][b];
                }
                /* schuldhulp */
                double relatief = log(1 + sc[b] / city[SC][b]);
                add_sc += -wp[EFFECT][w][b] * inzet * sc[b] * relatief;
                add_wl += -WERK * inzet * sqrt(wl[b]);
                add_ez += (sc[b] < DREMPEL ? -0.2 : -0.1) * inzet;
                double geholpen = inzet * households * sc[b] / 100;
                spend_hulp += PRIJS_HULP * (pow(geholpen + 1, wp[SCHAAL][w][b]) - 1);
                /* x(t+1) = clamp(x(t) + adds) */
                ea[b] = clampd(ea[b] + add_ea, LOW[EA], HIGH[EA]);
                sc[b] = clampd(sc[b] + add_sc, LOW[SC], HIGH[SC]);
                wl[b] = clampd(wl[b] + add_wl, LOW[WL], HIGH[WL]);
                ez[b] = clampd(e + add_ez, LOW[EZ], HIGH[EZ]);
                vt[b] = clampd(vt[b] + add_vt, LOW[VT], HIGH[VT]);
                wq[b] = clampd(wq[b] + add_wq, LOW[WK], HIGH[WK]);
            }
        }
        wk->cost[0][t] += spend_iso;
        wk->cost[1][t] += spend_hulp;
    }
}
