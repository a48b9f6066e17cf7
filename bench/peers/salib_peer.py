#!/usr/bin/env python3
"""Sobol' indices of the benchmark workload the way an analyst would get
them in Python: SALib samples the unit hypercube (Saltelli's scheme on a
Sobol' sequence), SciPy maps each coordinate through the parameter's
distribution (truncation as wijksim does it: the inverse CDF on the
truncated interval), the NumPy peer (numpy_peer.py) computes the model, and
SALib analyses every wijk (and the city) and indicator in the last year.

    salib_peer.py OUT_DIR [--samples N] [--per-call]

Writes OUT_DIR/sensitivity.csv with wijksim's columns
(wijk,indicator,year,factor,S1,S1_conf,ST,ST_conf). The factors are the
workload's distributed parameters; `wonen.werking` (per_wijk) is one factor,
the same quantile in every wijk, as in wijksim. By default all N(k+2)
evaluations go to NumPy at once, as draws (its fastest use); with
--per-call the model is called once per evaluation, as EMA Workbench does.
"""
import argparse
import csv
import os
import sys

import numpy as np
from scipy import stats
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_peer as peer  # noqa: E402

FACTORS = ["ontwikkeling.trek", "gezondheid.effect", "buurt.daling", "wonen.werking"]
YEAR = peer.LAST


def quantiles(u):
    """The parameters at the unit-hypercube points u (evaluations × 4)."""
    n = u.shape[0]
    trek = stats.triang(c=0.5, loc=0.05, scale=0.1).ppf(u[:, 0])
    sigma = 0.4
    mu = np.log(0.3) - sigma ** 2 / 2
    top = stats.norm.cdf((np.log(5) - mu) / sigma)             # lognormal, max 5
    effect = np.exp(mu + sigma * stats.norm.ppf(u[:, 1] * top))
    low, high = stats.norm.cdf(-3), stats.norm.cdf(7)           # normal(3, 1) in [0, 10]
    daling = 3 + stats.norm.ppf(low + u[:, 2] * (high - low))
    werking = np.tile((0.3 + 0.4 * u[:, 3])[:, None], (1, 7))
    return trek.reshape(n, 1), effect.reshape(n, 1), daling.reshape(n, 1), werking


def evaluate(u, per_call):
    """trajectories of the last year: (indicator, wijk or city, evaluation)."""
    trek, effect, daling, werking = quantiles(u)
    if not per_call:
        out, _ = peer.run(u.shape[0], trek, effect, daling, werking)
        return out[-1]
    result = np.empty((4, 8, u.shape[0]))
    for e in range(u.shape[0]):
        out, _ = peer.run(1, trek[e:e + 1], effect[e:e + 1], daling[e:e + 1], werking[e:e + 1])
        result[:, :, e] = out[-1][:, :, 0]
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--samples", type=int, default=1024)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--per-call", action="store_true")
    args = ap.parse_args()
    problem = {"num_vars": 4, "names": FACTORS, "bounds": [[0, 1]] * 4}
    u = sobol_sample.sample(problem, args.samples, calc_second_order=False, seed=args.seed)
    u = np.clip(u, 2.0 ** -33, 1 - 2.0 ** -33)
    y = evaluate(u, args.per_call)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "sensitivity.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["wijk", "indicator", "year", "factor", "S1", "S1_conf", "ST", "ST_conf"])
        for k, wijk in enumerate(peer.WIJKEN + ["city"]):
            for i, indicator in enumerate(peer.INDICATORS):
                values = y[i, k]
                if np.var(values) <= (1e-12 * np.abs(values).max()) ** 2:
                    rows = [(0.0, 0.0, 0.0, 0.0)] * 4
                else:
                    s = sobol_analyze.analyze(problem, values, calc_second_order=False, seed=args.seed)
                    rows = zip(s["S1"], s["S1_conf"], s["ST"], s["ST_conf"])
                for name, (s1, s1c, st, stc) in zip(FACTORS, rows):
                    w.writerow([wijk, indicator, YEAR, name, repr(float(s1)), repr(float(s1c)), repr(float(st)), repr(float(stc))])


if __name__ == "__main__":
    main()
