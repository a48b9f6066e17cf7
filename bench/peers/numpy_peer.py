#!/usr/bin/env python3
"""The benchmark workload (bench/workload/scenarios/bench.yaml) written the
way an analyst would write it in NumPy: arrays of shape (draws, wijken), one
vectorised expression per plugin rule, percentiles with np.percentile.

    numpy_peer.py OUT_DIR [--draws N] [--fixed] [--seed S]

Writes OUT_DIR/trajectories.csv (variant,wijk,indicator,year,mean,p05,p50,p95)
and OUT_DIR/costs.csv. With --fixed, every uncertain parameter takes the
central value of bench-fixed.yaml, so the numbers must equal wijksim's.
"""
import argparse

import numpy as np

from peer_common import ramp, truncated_normal, write as write_files

WIJKEN = ["Noorderhaven", "Kadewijk", "Zuiderveld", "Klaverhof", "Molenbuurt", "Stadshart", "Oeverland"]
HOUSEHOLDS = np.array([3200, 2100, 4100, 2600, 3800, 5400, 3000], float)
POPULATION = np.array([6100, 3900, 8900, 5800, 7200, 8600, 6400], float)
DWELLINGS = np.array([3350, 2250, 4300, 2700, 3950, 5900, 3100], float)
INDICATORS = ["armoede", "participatie", "overlast", "gezondheid"]
START = np.array([
    [14.2, 11.6, 13.1, 9.2, 7.4, 5.3, 8.1],
    [58.5, 62.0, 60.5, 65.5, 68.0, 71.5, 66.0],
    [46, 34, 29, 21, 25, 38, 27],
    [62, 66, 64, 71, 74, 76, 72],
], float)
LOW = [4, 45, 12, 40]
HIGH = [30, 80, 90, 95]
WEIGHTS = [HOUSEHOLDS, POPULATION, POPULATION, POPULATION]
FIRST, LAST = 2022, 2042
BUURT = np.array([1, 1, 1, 0, 0, 0, 0], float)       # buurtwerk targets three wijken
BUURT_FROM, BUURT_TO = 2024, 2032
WONEN_FROM, WONEN_TO = 2023, 2042


def parameters(draws, fixed, seed):
    """Per draw (and per wijk for werking) values of the uncertain parameters."""
    shape = (draws, 1)
    if fixed:
        return (np.full(shape, 0.1), np.full(shape, 0.3), np.full(shape, 3.0), np.full((draws, 7), 0.5))
    rng = np.random.default_rng(seed)
    trek = rng.triangular(0.05, 0.1, 0.15, shape)
    sigma = 0.4
    effect = np.exp(rng.normal(np.log(0.3) - sigma ** 2 / 2, sigma, shape))
    effect = np.where(effect > 5, 5, effect)
    daling = truncated_normal(rng, 3, 1, 0, 10, shape)
    werking = rng.uniform(0.3, 0.7, (draws, 7))
    return trek, effect, daling, werking


def simulate(draws, fixed, seed):
    return run(draws, *parameters(draws, fixed, seed))


def run(draws, trek, effect, daling, werking):
    """The model for given parameters: arrays of shape (draws, 1), werking (draws, 7)."""
    years = LAST - FIRST + 1
    x = [np.tile(START[i], (draws, 1)) for i in range(4)]
    x0 = [a.copy() for a in x]
    wsum = [w.sum() for w in WEIGHTS]
    # trajectories[year, indicator, wijk or city, draw]
    out = np.empty((years, 4, 8, draws))
    costs = np.zeros((2, years - 1, draws))

    def record(t):
        for i in range(4):
            out[t, i, :7, :] = x[i].T
            out[t, i, 7, :] = (x[i] * WEIGHTS[i]).sum(axis=1) / wsum[i]

    record(0)
    for step in range(years - 1):
        year = FIRST + step
        city = [((x[i] * WEIGHTS[i]).sum(axis=1) / wsum[i])[:, None] for i in range(4)]
        a, p, o, g = x
        adds = [np.zeros_like(a) for _ in range(4)]
        # ontwikkeling (rule)
        golf = -0.5 * np.exp(-(year - FIRST) / 3.0)
        adds[0] += a * ((city[0] / a) ** trek - 1) + golf * x0[0] / 10
        adds[1] += trek * (city[1] - p) - golf
        adds[2] += 0.01 * x0[2] + 0.15 * (x0[2] - o)
        # gezondheid (rule)
        boven = np.maximum(p - city[1], 0)
        impuls = np.where(g < 65, 0.2, 0)
        adds[3] += effect * np.sqrt(boven) + 0.05 * (city[3] - g) + impuls
        # buurtwerk (intervention in three wijken)
        active = 1.0 if BUURT_FROM <= year <= BUURT_TO else 0.0
        since = year - BUURT_FROM
        werk = active * ramp(since, 2) + (1 - active) * ramp(since, 1) * 0.25
        adds[2] += BUURT * -np.minimum(0.6 * daling * werk, 2)
        adds[1] += BUURT * (0.6 * 0.6 * werk)
        costs[0, step] = (active * 0.6 * 35 * POPULATION * BUURT).sum()
        # woningaanpak (intervention everywhere)
        active = 1.0 if WONEN_FROM <= year <= WONEN_TO else 0.0
        procent = 100 * active * 0.015
        factor = np.where(a - city[0] > 1.5, 1, 0.4)
        adds[0] += -werking * procent * factor
        adds[2] += -0.8 * procent
        costs[1, step] = (active * 0.015 * DWELLINGS * 28000).sum()
        for i in range(4):
            x[i] = np.clip(x[i] + adds[i], LOW[i], HIGH[i])
        record(step + 1)
    return out, costs


def write(out_dir, out, costs):
    pct = np.percentile(out, [5, 50, 95], axis=3)
    write_files(out_dir, WIJKEN + ["city"], INDICATORS, FIRST, out.mean(axis=3), pct,
                [("buurt", "fonds", costs[0].mean(axis=1)), ("wonen", "fonds", costs[1].mean(axis=1))])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--draws", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--fixed", action="store_true")
    args = ap.parse_args()
    out, costs = simulate(args.draws, args.fixed, args.seed)
    write(args.out, out, costs)


if __name__ == "__main__":
    main()
