#!/usr/bin/env python3
"""The dense benchmark workload (bench/workload-dense/scenarios/dense.yaml)
written the way an analyst would write it in NumPy: arrays of shape
(draws, wijken), one vectorised expression per plugin rule, each year's
mean and percentiles (np.percentile) taken as the year is simulated.

    numpy_dense_peer.py OUT_DIR [--draws N] [--fixed] [--seed S]

Writes OUT_DIR/trajectories.csv (variant,wijk,indicator,year,mean,p05,p50,p95)
and OUT_DIR/costs.csv. Uncertain parameters come from NumPy's own generator
(the same distributions as wijksim, not its numbers); with --fixed every one
takes dense-fixed.yaml's value, so the numbers must equal wijksim's.
"""
import argparse

import numpy as np

from peer_common import truncated_lognormal, truncated_normal, write

WIJKEN = ["Beekdal", "Dijkzicht", "Essenburg", "Hoogveld", "Kerkebuurt", "Lindehof", "Meerzicht",
          "Nieuwland", "Polderwijk", "Rivierenbuurt", "Schansveld", "Waterkant"]
W = len(WIJKEN)
HOUSEHOLDS = np.array([3400, 2300, 4100, 2800, 3600, 2200, 4800, 3900, 2600, 5200, 3100, 2500], float)
POPULATION = np.array([7200, 4600, 9300, 6200, 7400, 5100, 9900, 8800, 5900, 9400, 7100, 4800], float)
DWELLINGS = np.array([3550, 2400, 4250, 2900, 3800, 2300, 5000, 4100, 2700, 5600, 3250, 2650], float)
OUDEREN = np.array([1100, 900, 1300, 1500, 1900, 800, 2100, 1200, 1000, 2400, 1400, 700], float)
INDICATORS = ["energiearmoede", "schulden", "werkloosheid", "eenzaamheid", "vertrouwen", "woonkwaliteit"]
START = np.array([
    [14.5, 12.1, 16.8, 8.2, 7.4, 9.6, 5.9, 11.3, 6.8, 10.4, 13.2, 6.3],
    [11.2, 9.4, 12.6, 6.1, 5.2, 7.3, 4.1, 8.8, 4.9, 7.9, 10.1, 4.5],
    [9.8, 8.1, 11.4, 6.3, 5.4, 7.0, 4.6, 8.9, 5.1, 7.6, 9.3, 4.9],
    [52, 48, 55, 44, 41, 46, 38, 49, 40, 47, 51, 39],
    [5.4, 5.9, 5.1, 6.6, 6.9, 6.3, 7.2, 5.8, 7.0, 6.1, 5.6, 7.1],
    [5.6, 5.9, 5.2, 6.7, 7.0, 6.4, 7.3, 6.0, 7.1, 6.2, 5.7, 7.4],
], float)
LOW = [1, 1, 2, 20, 3, 3]
HIGH = [40, 30, 25, 70, 9, 9]
WEIGHTS = [HOUSEHOLDS, HOUSEHOLDS, POPULATION, OUDEREN, POPULATION, DWELLINGS]
FIRST, LAST = 2022, 2042
ISOLATIE = np.array([1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0], float)   # Beekdal, Dijkzicht, Essenburg, Nieuwland, Schansveld
ISOLATIE_FROM, ISOLATIE_TO = 2024, 2035
SCHULDHULP_FROM, SCHULDHULP_TO = 2023, 2042

FIXED = {"conjunctuur": 1.0, "prijsgroei": 0.03, "halftijd": 2.5,
         "trek": 0.1, "elasticiteit": 0.8, "draagkracht": 50.0, "gevoeligheid": 0.3, "verval": 0.03,
         "werking": 0.4, "prijs": 22000.0, "effect": 0.12, "schaal": 0.92}
PER_DRAW = ("conjunctuur", "prijsgroei", "halftijd")


def parameters(draws, fixed, seed):
    """The uncertain parameters: (draws, 1) for those drawn per draw, (draws, wijken) for per_wijk."""
    if fixed:
        return {name: np.full((draws, 1) if name in PER_DRAW else (draws, W), value) for name, value in FIXED.items()}
    rng = np.random.default_rng(seed)
    one, lanes = (draws, 1), (draws, W)
    return {
        "trek": rng.uniform(0.04, 0.16, lanes),
        "conjunctuur": truncated_normal(rng, 1, 0.4, 0, 2.5, one),
        "elasticiteit": rng.triangular(0.4, 0.8, 1.4, lanes),
        "prijsgroei": rng.triangular(0, 0.03, 0.08, one),
        "draagkracht": truncated_normal(rng, 50, 8, 30, 70, lanes),
        "gevoeligheid": truncated_lognormal(rng, 0.3, 0.5, 2, lanes),
        "verval": rng.uniform(0.01, 0.05, lanes),
        "werking": truncated_lognormal(rng, 0.4, 0.3, 2, lanes),
        "halftijd": rng.uniform(1, 4, one),
        "prijs": rng.triangular(15000, 22000, 35000, lanes),
        "effect": truncated_normal(rng, 0.12, 0.05, 0, 0.4, lanes),
        "schaal": rng.uniform(0.85, 1, lanes),
    }


def simulate(draws, p):
    """Means and percentiles per year, indicator and wijk (and the city); mean costs per step."""
    years = LAST - FIRST + 1
    x = [np.tile(START[i], (draws, 1)) for i in range(6)]
    wsum = [w.sum() for w in WEIGHTS]
    mean = np.empty((years, 6, W + 1))
    pct = np.empty((3, years, 6, W + 1))
    costs = np.zeros((2, years - 1))

    def record(t):
        for i in range(6):
            values = np.column_stack([x[i], (x[i] * WEIGHTS[i]).sum(axis=1) / wsum[i]])
            mean[t, i] = values.mean(axis=0)
            pct[:, t, i] = np.percentile(values, [5, 50, 95], axis=0)

    record(0)
    for t in range(years - 1):
        year = FIRST + t
        city = [((x[i] * WEIGHTS[i]).sum(axis=1) / wsum[i])[:, None] for i in range(6)]
        ea, sc, wl, ez, vt, wq = x
        adds = [None] * 6
        # economie (rule)
        verhouding = np.clip(city[2] / wl, 0.2, 5)
        schok = p["conjunctuur"] * np.exp(-t / 4) * START[2] / 10
        adds[2] = wl * (np.exp(p["trek"] * np.log(verhouding)) - 1) + schok
        doel = START[1] * (np.maximum(wl, 0.5) / START[2]) ** p["elasticiteit"]
        adds[1] = 0.25 * (doel - sc) + 0.02 * (city[1] - sc)
        druk = np.sqrt(np.clip(sc / city[1], 0, 4))
        adds[0] = 0.4 * (np.exp(p["prijsgroei"] * t) - 1) * druk + 0.05 * (city[0] - ea)
        # samenleven (rule)
        werk = np.sqrt(np.maximum(wl - city[2], 0))
        adds[3] = 0.08 * ez * (1 - ez / p["draagkracht"]) + 0.3 * werk
        sfeer = np.where(ez >= city[3] + 5, -0.05, np.where(ez <= city[3] - 5, 0.04, 0))
        schuld = np.log(np.clip(sc / city[1], 0.25, 4))
        wonen = np.log(np.clip(wq / city[5], 0.5, 2))
        adds[4] = 0.1 * (city[4] - vt) + sfeer - 0.1 * p["gevoeligheid"] * schuld + 0.1 * wonen
        adds[5] = -p["verval"] * (wq - 4) + 0.03 * (city[5] - wq)
        # isolatie (intervention in five wijken)
        active = 1.0 if ISOLATIE_FROM <= year <= ISOLATIE_TO else 0.0
        procent = 100 * active * 0.04
        opbouw = 1 - np.exp(-max(year - ISOLATIE_FROM + 1, 0) / p["halftijd"])
        factor = np.where(ea > city[0], 1, 0.5)
        adds[0] += ISOLATIE * (-p["werking"] * procent * opbouw * factor)
        adds[5] += ISOLATIE * (0.02 * procent * np.sqrt(np.clip(9 - wq, 0, 6)))
        costs[0, t] = (ISOLATIE * (active * 0.04 * DWELLINGS * p["prijs"])).sum(axis=1).mean()
        # schuldhulp (intervention everywhere)
        inzet = (1.0 if SCHULDHULP_FROM <= year <= SCHULDHULP_TO else 0.0) * 0.3
        adds[1] += -p["effect"] * inzet * sc * np.log(1 + sc / city[1])
        adds[2] += -0.05 * inzet * np.sqrt(wl)
        adds[3] += np.where(sc < 8, -0.2, -0.1) * inzet
        geholpen = inzet * HOUSEHOLDS * sc / 100
        costs[1, t] = (1200 * ((geholpen + 1) ** p["schaal"] - 1)).sum(axis=1).mean()
        for i in range(6):
            x[i] = np.clip(x[i] + adds[i], LOW[i], HIGH[i])
        record(t + 1)
    return mean, pct, costs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--draws", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--fixed", action="store_true")
    args = ap.parse_args()
    mean, pct, costs = simulate(args.draws, parameters(args.draws, args.fixed, args.seed))
    write(args.out, WIJKEN + ["city"], INDICATORS, FIRST, mean, pct,
          [("isolatie", "klimaatfonds", costs[0]), ("schuldhulp", "sociaal", costs[1])])


if __name__ == "__main__":
    main()
