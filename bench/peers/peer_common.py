"""What the NumPy peers (numpy_peer.py, numpy_dense_peer.py) share: the
random draws an analyst would make with NumPy's own generator (truncation
by redrawing), sim.ramp, and the two output files in wijksim's columns."""
import csv
import os

import numpy as np


def ramp(v, n):
    """sim.ramp: clamp((v + 1) / n, 0, 1)."""
    return np.clip((v + 1) / n, 0, 1)


def truncated_normal(rng, mean, sd, low, high, shape):
    """normal(mean, sd) on [low, high]: the draws outside it drawn again."""
    values = rng.normal(mean, sd, shape)
    bad = (values < low) | (values > high)
    while bad.any():
        values[bad] = rng.normal(mean, sd, bad.sum())
        bad = (values < low) | (values > high)
    return values


def truncated_lognormal(rng, mean, sd_log, high, shape):
    """A lognormal with the given mean (of the value) and sd of its log, below `high`."""
    mu = np.log(mean) - sd_log ** 2 / 2
    values = np.exp(rng.normal(mu, sd_log, shape))
    bad = values > high
    while bad.any():
        values[bad] = np.exp(rng.normal(mu, sd_log, bad.sum()))
        bad = values > high
    return values


def write(out_dir, names, indicators, first, mean, pct, costs):
    """trajectories.csv and costs.csv as wijksim writes them.

    names: the wijken and "city"; mean[year, indicator, wijk], pct[q, year,
    indicator, wijk] for p05, p50, p95; costs: (intervention, funding,
    mean per step year)."""
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "trajectories.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["variant", "wijk", "indicator", "year", "mean", "p05", "p50", "p95"])
        for i, ind in enumerate(indicators):
            for t in range(mean.shape[0]):
                for k, name in enumerate(names):
                    w.writerow([0, name, ind, first + t, repr(float(mean[t, i, k])),
                                repr(float(pct[0, t, i, k])), repr(float(pct[1, t, i, k])), repr(float(pct[2, t, i, k]))])
    with open(os.path.join(out_dir, "costs.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["variant", "intervention", "funding", "year", "mean"])
        for name, funding, per_step in costs:
            for step, value in enumerate(per_step):
                w.writerow([0, name, funding, first + step, repr(float(value))])
