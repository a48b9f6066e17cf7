/* wijksim's random draws for the C peers (fused.c, fused_dense.c).
 *
 * Uncertain parameters come from wijksim's counter RNG
 * (CounterRandom.swift): SplitMix64's finaliser combined over (seed,
 * instance, parameter, draw[, wijk]); the unit number is the top 53 bits
 * plus one half; the value is the inverse CDF of the truncated distribution
 * at lowP + u (highP - lowP), clamped to its support (Distribution.quantile
 * in CounterRandom.swift), with Wichura's AS241 for the normal quantile.
 * Plan.unit (Plan.swift) adds the wijk's key last for `per_wijk`.
 */
#ifndef WIJKSIM_BENCH_DRAWS_H
#define WIJKSIM_BENCH_DRAWS_H

#include <math.h>
#include <stdint.h>

static inline uint64_t mix(uint64_t z) {
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static inline uint64_t combine(uint64_t key, uint64_t value) { return mix(key ^ mix(value)); }
/* FNV-1a over the name's UTF-8 bytes, then mixed (CounterRandom.key). */
static inline uint64_t name_key(const char *name) {
    uint64_t h = 0xCBF29CE484222325ULL;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++) h = (h ^ *c) * 0x00000100000001B3ULL;
    return mix(h);
}
static inline double unit(uint64_t key) { return ((double)(key >> 11) + 0.5) * 0x1.0p-53; }
/* The key of (seed, instance, parameter), as Plan.swift makes it. */
static inline uint64_t parameter_key(uint64_t seed, const char *instance, const char *parameter) {
    return combine(combine(seed, name_key(instance)), name_key(parameter));
}

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
static inline double normal_cdf(double x) { return 0.5 * erfc(-x / sqrt(2.0)); }
static inline double clampd(double v, double lo, double hi) { return v < lo ? lo : (v > hi ? hi : v); }

/* A scenario's distribution (CONTRACT §2), truncated to [min, max] where given. */
typedef enum { TRIANGULAR, UNIFORM, NORMAL, LOGNORMAL } Shape;
typedef struct {
    Shape shape;
    double a, b, c;            /* triangular: low, mode, high; uniform: low, high; normal: mean, sd; lognormal: mu, sigma of the log */
    double low_p, high_p;      /* the CDF at min and max (0 and 1 without them) */
    double low, high;          /* the support, truncation included */
} Dist;

static double dist_cdf(const Dist *d, double x) {
    switch (d->shape) {
    case TRIANGULAR:
        if (x <= d->a) return 0;
        if (x >= d->c) return 1;
        if (x <= d->b) return (x - d->a) * (x - d->a) / ((d->c - d->a) * (d->b - d->a));
        return 1 - (d->c - x) * (d->c - x) / ((d->c - d->a) * (d->c - d->b));
    case UNIFORM: return fmin(1, fmax(0, (x - d->a) / (d->b - d->a)));
    case NORMAL: return normal_cdf((x - d->a) / d->b);
    case LOGNORMAL: return x > 0 ? normal_cdf((log(x) - d->a) / d->b) : 0;
    }
    return 0;
}
/* min, max: NAN for none. */
static Dist dist_make(Shape shape, double a, double b, double c, double min, double max) {
    Dist d = {shape, a, b, c, 0, 1, -INFINITY, INFINITY};
    switch (shape) {
    case TRIANGULAR: d.low = a; d.high = c; break;
    case UNIFORM: d.low = a; d.high = b; break;
    case NORMAL: break;
    case LOGNORMAL: d.a = log(a) - b * b / 2; d.low = 0; break;   /* a: the mean of the value, b: the sd of its log */
    }
    if (!isnan(min)) { d.low_p = dist_cdf(&d, min); d.low = fmax(d.low, min); }
    if (!isnan(max)) { d.high_p = dist_cdf(&d, max); d.high = fmin(d.high, max); }
    if (d.high < d.low) d.high = d.low;
    return d;
}
static inline Dist triangular(double low, double mode, double high) { return dist_make(TRIANGULAR, low, mode, high, NAN, NAN); }
static inline Dist uniform(double low, double high) { return dist_make(UNIFORM, low, high, 0, NAN, NAN); }
static inline Dist normal(double mean, double sd, double min, double max) { return dist_make(NORMAL, mean, sd, 0, min, max); }
static inline Dist lognormal(double mean, double sd_log, double min, double max) { return dist_make(LOGNORMAL, mean, sd_log, 0, min, max); }

/* The value at quantile u of the truncated distribution (Distribution.quantile). */
static inline double dist_quantile(const Dist *d, double u) {
    double p = d->low_p + u * (d->high_p - d->low_p), v;
    switch (d->shape) {
    case TRIANGULAR: {
        double split = (d->b - d->a) / (d->c - d->a);
        v = p < split ? d->a + sqrt((d->c - d->a) * (d->b - d->a) * p) : d->c - sqrt((d->c - d->a) * (d->c - d->b) * (1 - p));
        break;
    }
    case UNIFORM: v = d->a + p * (d->b - d->a); break;
    case NORMAL: v = d->a + d->b * normal_quantile(p); break;
    default: v = exp(d->a + d->b * normal_quantile(p)); break;
    }
    return fmin(fmax(v, d->low), d->high);
}
/* Draw `draw` of a parameter drawn once per draw (key: parameter_key). */
static inline double draw_value(const Dist *d, uint64_t key, uint64_t draw) {
    return dist_quantile(d, unit(combine(key, draw)));
}
/* Draw `draw` of a `per_wijk` parameter in the wijk whose name_key is wijk_key. */
static inline double draw_wijk_value(const Dist *d, uint64_t key, uint64_t draw, uint64_t wijk_key) {
    return dist_quantile(d, unit(combine(combine(key, draw), wijk_key)));
}

#endif
