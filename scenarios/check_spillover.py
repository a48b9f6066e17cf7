#!/usr/bin/env python3
"""Spillover check and 2042 headline for the shipped scenarios (stdlib only).

For every scenario (default: every scenarios/*.yaml except basis.yaml) this
runs

    wijksim compare basis.yaml SCENARIO --out OUT/<stem>

and reads the paired differences in OUT/<stem>/comparison.csv (CONTRACT §7:
diff = improvement over basis in the same draw, + = better). A wijk that no
intervention of the scenario targets (the `wijken` of every intervention in
OUT/<stem>/<stem>/scenario.json) must not change at all: no plugin models a
spillover, so the largest |diff_mean| over untargeted wijken, indicators,
years and variants must be 0 (tolerance 1e-9). If a plugin ever models a
documented spillover, list its plugin id in DOCUMENTED_SPILLOVER with the
source, and the check reports but does not fail on it.

It also prints the 2042 headline: per indicator, the plan's improvement in
2042 summed over the targeted wijken that start worse than the city, as a
share of their summed 2042 gap in basis ("closes N % of the gap that basis
leaves in 2042").

Usage (from the repository root or anywhere):
    python3 scenarios/check_spillover.py [--wijksim PATH] [--out DIR] [SCENARIO.yaml ...]
Exit 0 when no untargeted wijk changes, 1 otherwise, 2 when wijksim fails.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TOLERANCE = 1e-9
# plugin id -> source of the documented spillover it models (none today)
DOCUMENTED_SPILLOVER = {}


def run_compare(wijksim, stem, out):
    dest = os.path.join(out, stem)
    cmd = [wijksim, "compare", "basis.yaml", stem + ".yaml", "--out", dest]
    r = subprocess.run(cmd, cwd=HERE, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr}\n")
        sys.exit(2)
    return dest


def targeted_wijken(dest, stem):
    with open(os.path.join(dest, stem, "scenario.json"), encoding="utf-8") as f:
        scenario = json.load(f)
    targeted, spill = set(), []
    for inst in scenario.get("interventions", []):
        targeted.update(inst["wijken"])
        if inst["plugin"] in DOCUMENTED_SPILLOVER:
            spill.append(inst["name"])
    return scenario["name"], targeted, spill


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wijksim", default=os.path.join(ROOT, ".build", "release", "wijksim"))
    ap.add_argument("--out", default=None, help="folder for the compare outputs (default: a temp folder)")
    ap.add_argument("scenarios", nargs="*")
    args = ap.parse_args()
    wijksim = os.path.abspath(args.wijksim)
    out = os.path.abspath(args.out) if args.out else tempfile.mkdtemp(prefix="wijksim-spillover-")
    os.makedirs(out, exist_ok=True)
    stems = [os.path.splitext(os.path.basename(s))[0] for s in args.scenarios] or sorted(
        f[:-5] for f in os.listdir(HERE) if f.endswith(".yaml") and f != "basis.yaml")

    failed = False
    print(f"{'scenario':28} {'untargeted max |diff|':>22}  where")
    headlines = {}
    for stem in stems:
        dest = run_compare(wijksim, stem, out)
        name, targeted, spill = targeted_wijken(dest, stem)
        rows = read_csv(os.path.join(dest, "comparison.csv"))
        worst, where = 0.0, "-"
        for r in rows:
            if r["scenario"] != name or r["wijk"] == "city" or r["wijk"] in targeted:
                continue
            d = abs(float(r["diff_mean"]))
            if d > worst:
                worst, where = d, f"{r['wijk']} {r['indicator']} {r['year']} (variant {r['variant']})"
        ok = worst <= TOLERANCE or bool(spill)
        failed |= not ok
        note = "" if ok else "  FAIL: an untargeted wijk changed"
        if spill and worst > TOLERANCE:
            note = f"  documented spillover: {', '.join(spill)}"
        print(f"{stem:28} {worst:22.3g}  {where}{note}")

        # headline: 2042, variant 0, targeted wijken that start worse than the city
        gaps = {(g["wijk"], g["indicator"]): g for g in read_csv(os.path.join(dest, "basis", "gaps.csv"))
                if g["variant"] == "0"}
        last = max(int(r["year"]) for r in rows)
        line = {}
        for r in rows:
            if (r["scenario"] != name or r["variant"] != "0" or int(r["year"]) != last
                    or r["wijk"] not in targeted):
                continue
            g = gaps[(r["wijk"], r["indicator"])]
            if float(g["gap_start"]) <= 0:
                continue
            acc = line.setdefault(r["indicator"], [0.0, 0.0])
            acc[0] += float(r["diff_mean"])
            acc[1] += float(g["gap_end"])
        headlines[stem] = (last, line, len(targeted))

    print()
    print("2042 headline (variant 0): plan's improvement summed over the targeted wijken that start")
    print("worse than the city, as a share of their summed 2042 gap in basis")
    for stem, (last, line, n) in headlines.items():
        parts = [f"{ind} {100 * d / g:.1f}%" for ind, (d, g) in sorted(line.items())
                 if g > 0 and abs(d) > 1e-12]
        print(f"  {stem} ({n} wijken): " + (", ".join(parts) if parts else "no change"))
    print()
    print("outputs in", out)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
