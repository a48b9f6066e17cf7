#!/usr/bin/env python3
"""The wijksim benchmark: two workloads, each run by wijksim and by two
peers that compute the same numbers:

  base   bench/workload/scenarios/bench.yaml: 7 wijken, 4 indicators, 4 plugins,
         20 steps, 4 uncertain parameters (one per wijk)
  dense  bench/workload-dense/scenarios/dense.yaml: 12 wijken, 6 indicators,
         4 plugins, 20 steps; exp, log, sqrt and ^ with per-wijk exponents,
         sim.where on comparisons, clamps; 12 uncertain parameters, 9 per wijk

  numpy  bench/peers/numpy_peer.py, numpy_dense_peer.py: what an analyst would write in NumPy
  fused  bench/peers/fused.c, fused_dense.c: one hand-fused C loop, the practical limit

    python3 bench/run.py                 full benchmark (both workloads, 20,000 and 100,000 draws, 5 runs)
    python3 bench/run.py --quick --guard 4   CI: 3 runs; fail below 4x NumPy at 100,000 draws in either workload
    python3 bench/run.py --draws 1000000 --runs 1   one size only
    python3 bench/run.py --workload dense    one workload only (base, dense or all)
    python3 bench/run.py --binary PATH   time that wijksim binary instead of building one
    python3 bench/run.py --sweep         wijksim run of a 10,000-variant sweep (10 draws each) per workload
    python3 bench/run.py --sweep --against OLD   the same, this build against another wijksim binary, over pairs
    python3 bench/run.py --scaling       wijksim's scaling table (base workload)
    python3 bench/run.py --threads-gain  2 threads vs 1, wijksim and fused, over many pairs
    python3 bench/run.py --against OLD   this build against another wijksim binary, over many pairs
    python3 bench/run.py --sensitivity   wijksim sensitivity against SALib + the NumPy peer (base workload)

Each program runs as a whole process (release build, one warm-up, then the
runs interleaved so that machine noise hits all alike); the table gives
medians of wall time and page faults (minor + major) and the largest peak
RSS. Before timing, a fixed-parameter version of each workload must give
the same numbers in all three (relative 1e-9), or the benchmark fails.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
PEERS = os.path.join(BENCH, "peers")
WORKLOAD = os.path.join(BENCH, "workload")
WIJKSIM = os.path.join(ROOT, ".build", "release", "wijksim")
STEPS = 20

# Each workload: its scenarios, its two peers, and its size for lane-years/s.
WORKLOADS = {
    "base": {
        "title": "base workload (bench.yaml)",
        "folder": WORKLOAD, "scenario": "bench.yaml", "fixed": "bench-fixed.yaml", "sweep": "bench-sweep.yaml",
        "numpy": os.path.join(PEERS, "numpy_peer.py"),
        "fused_source": os.path.join(PEERS, "fused.c"), "fused": os.path.join(ROOT, ".build", "bench", "fused"),
        "wijken": 7, "indicators": 4, "plugins": 4,
    },
    "dense": {
        "title": "dense workload (dense.yaml)",
        "folder": os.path.join(BENCH, "workload-dense"), "scenario": "dense.yaml", "fixed": "dense-fixed.yaml",
        "sweep": "dense-sweep.yaml",
        "numpy": os.path.join(PEERS, "numpy_dense_peer.py"),
        "fused_source": os.path.join(PEERS, "fused_dense.c"), "fused": os.path.join(ROOT, ".build", "bench", "fused_dense"),
        "wijken": 12, "indicators": 6, "plugins": 4,
    },
}


def scenario_path(workload, key="scenario"):
    spec = WORKLOADS[workload]
    return os.path.join(spec["folder"], "scenarios", spec[key])


def build(swift=True):
    """wijksim (unless --binary names one) and the fused peers."""
    if swift:
        # a statically linked Swift runtime: the binary runs on machines without
        # Swift, starts in 4 ms instead of 8 and calls the runtime directly
        subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "wijksim"], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL)
    for spec in WORKLOADS.values():
        os.makedirs(os.path.dirname(spec["fused"]), exist_ok=True)
        subprocess.run(["cc", "-O3", "-pthread", "-o", spec["fused"], spec["fused_source"], "-lm"], check=True)


def measured(command):
    """(wall seconds, peak RSS in MiB, CPU seconds, page faults) of one whole
    process; page faults are minor + major (getrusage's ru_minflt + ru_majflt)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    error = process.stderr.read().decode()
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}\n{error}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, usage.ru_minflt + usage.ru_majflt


def timed(command):
    """(wall seconds, peak RSS in MiB) of one whole process."""
    wall, rss, _, _ = measured(command)
    return wall, rss


def wijksim_command(binary, draws, threads, folder, workload="base"):
    return [binary, "run", scenario_path(workload), "--draws", str(draws), "--threads", str(threads), "--out", folder]


def commands(draws, out, workload="base"):
    spec = WORKLOADS[workload]
    out = f"{out}/{workload}"
    return {
        ("numpy", 1): [sys.executable, spec["numpy"], out + "/numpy", "--draws", str(draws)],
        ("fused", 1): [spec["fused"], out + "/fused1", "--draws", str(draws), "--threads", "1"],
        ("fused", 2): [spec["fused"], out + "/fused2", "--draws", str(draws), "--threads", "2"],
        ("wijksim", 1): wijksim_command(WIJKSIM, draws, 1, out + "/wijksim1", workload),
        ("wijksim", 2): wijksim_command(WIJKSIM, draws, 2, out + "/wijksim2", workload),
    }


def means(path):
    with open(path, newline="") as f:
        return {(r["wijk"], r["indicator"], int(float(r["year"]))): float(r["mean"]) for r in csv.DictReader(f)}


def costs(path):
    with open(path, newline="") as f:
        return {(r["intervention"], int(float(r["year"]))): float(r["mean"]) for r in csv.DictReader(f)}


def check_agreement(out, workload="base"):
    """Every peer must reproduce wijksim's numbers on the fixed-parameter workload."""
    spec = WORKLOADS[workload]
    out = f"{out}/{workload}"
    subprocess.run([WIJKSIM, "run", scenario_path(workload, "fixed"), "--out", out + "/fixed-wijksim"], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, spec["numpy"], out + "/fixed-numpy", "--draws", "4", "--fixed"], check=True)
    subprocess.run([spec["fused"], out + "/fixed-fused", "--draws", "4", "--fixed"], check=True)
    reference = means(out + "/fixed-wijksim/trajectories.csv")
    reference_costs = costs(out + "/fixed-wijksim/costs.csv")
    worst = {}
    for peer in ("numpy", "fused"):
        other = means(f"{out}/fixed-{peer}/trajectories.csv")
        other_costs = costs(f"{out}/fixed-{peer}/costs.csv")
        if set(other) != set(reference) or set(other_costs) != set(reference_costs):
            sys.exit(f"agreement ({workload}): {peer} does not write the same rows as wijksim")
        pairs = [(reference[k], other[k]) for k in reference] + [(reference_costs[k], other_costs[k]) for k in reference_costs]
        worst[peer] = max(abs(a - b) / max(1.0, abs(a), abs(b)) for a, b in pairs)
        if worst[peer] > 1e-9:
            sys.exit(f"agreement ({workload}): {peer} differs from wijksim by {worst[peer]:.3g} (relative), more than 1e-9")
    return worst


def benchmark(draws, runs, out, workload="base"):
    table = commands(draws, out, workload)
    spec = WORKLOADS[workload]
    samples = {key: [] for key in table}
    for key, command in table.items():           # warm-up
        measured(command)
    for _ in range(runs):
        for key, command in table.items():
            samples[key].append(measured(command))
    rows = []
    lane_years = draws * spec["wijken"] * STEPS
    med = {key: statistics.median(m[0] for m in s) for key, s in samples.items()}
    for (name, threads), s in samples.items():
        wall = med[(name, threads)]
        rows.append({
            "program": name, "threads": threads, "wall_s": wall,
            "wall_min_s": min(m[0] for m in s),
            "lane_years_per_s": lane_years / wall,
            "peak_rss_mib": max(m[1] for m in s),
            "page_faults": statistics.median(m[3] for m in s),
            "speedup_vs_numpy": med[("numpy", 1)] / wall,
            "ratio_to_fused": wall / med[("fused", threads)],
        })
    return rows


def print_table(rows, draws, workload="base"):
    spec = WORKLOADS[workload]
    print(f"\n{spec['title']}: {draws} draws x {spec['wijken']} wijken x {STEPS} years x {spec['plugins']} plugins "
          f"(medians; peak MiB the largest)")
    print(f"{'program':<9} {'threads':>7} {'wall s':>8} {'lane-years/s':>13} {'peak MiB':>9} {'faults':>9} "
          f"{'x NumPy':>8} {'/ fused':>8}")
    for r in rows:
        print(f"{r['program']:<9} {r['threads']:>7} {r['wall_s']:>8.3f} {r['lane_years_per_s']:>13.3g} "
              f"{r['peak_rss_mib']:>9.0f} {r['page_faults']:>9.0f} {r['speedup_vs_numpy']:>8.1f} {r['ratio_to_fused']:>8.2f}")
    def gain(program):
        one = next(r for r in rows if r["program"] == program and r["threads"] == 1)
        two = next(r for r in rows if r["program"] == program and r["threads"] == 2)
        return one["wall_s"] / two["wall_s"]
    # the fused loop's own gain is what this machine gives the same work on a second core
    print(f"2 threads vs 1: wijksim {gain('wijksim'):.2f}x, fused {gain('fused'):.2f}x")


def scaling(out):
    """wijksim alone over draws, variants, wijken and plugins (one run each after a warm-up)."""
    from scaling import cases
    rows = []
    for label, scenario, extra in cases(out):
        command = [WIJKSIM, "run", scenario, "--threads", "2"] + extra
        timed(command)
        wall, rss = timed(command)
        rows.append({"case": label, "wall_s": wall, "peak_rss_mib": rss})
        print(f"{label:<28} {wall:>8.2f} s {rss:>8.0f} MiB", flush=True)
    return rows


def sweep(runs, workloads):
    """`wijksim run` of each workload's 10,000-variant sweep (100 x 100 values
    of two parameters, 10 draws each) on 2 threads, without output files:
    one warm-up, then `runs` runs; medians of wall and page faults, the
    largest peak RSS."""
    rows = []
    print(f"\nSweeps of 10,000 variants x 10 draws, wijksim run on 2 threads, no output files (medians of {runs}; "
          f"peak MiB the largest)")
    print(f"{'workload':<9} {'lanes':>10} {'wall s':>8} {'lane-years/s':>13} {'peak MiB':>9} {'faults':>9}  scenario")
    for workload in workloads:
        spec = WORKLOADS[workload]
        scenario = scenario_path(workload, "sweep")
        command = [WIJKSIM, "run", scenario, "--threads", "2"]
        measured(command)
        samples = [measured(command) for _ in range(runs)]
        wall = statistics.median(m[0] for m in samples)
        lanes = 10000 * 10 * spec["wijken"]
        row = {"workload": workload, "scenario": os.path.relpath(scenario, ROOT), "variants": 10000, "draws": 10,
               "threads": 2, "lanes": lanes, "wall_s": wall, "wall_min_s": min(m[0] for m in samples),
               "lane_years_per_s": lanes * STEPS / wall,
               "peak_rss_mib": max(m[1] for m in samples), "page_faults": statistics.median(m[3] for m in samples),
               "cpu_s": statistics.median(m[2] for m in samples)}
        rows.append(row)
        print(f"{workload:<9} {lanes:>10} {wall:>8.3f} {row['lane_years_per_s']:>13.3g} {row['peak_rss_mib']:>9.0f} "
              f"{row['page_faults']:>9.0f}  {row['scenario']}", flush=True)
    return rows


def sweep_against(other, pairs, workloads):
    """This build's run of each workload's sweep (as `sweep` runs it) against
    `other`'s: `pairs` pairs, the two binaries' order alternating, after a
    warm-up of each; medians of wall and CPU time and of page faults, the
    largest peak RSS. The summaries printed must be the same but for the
    seconds."""
    binaries = {"this": WIJKSIM, "other": os.path.abspath(other)}
    rows = []
    print(f"\nSweeps of 10,000 variants x 10 draws, wijksim run on 2 threads, no output files: "
          f"{pairs} pairs of each binary (medians; peak MiB the largest)")
    for workload in workloads:
        scenario = scenario_path(workload, "sweep")
        summaries = {}
        for name, binary in binaries.items():      # warm-up, and the summaries to compare
            text = subprocess.run([binary, "run", scenario, "--threads", "2"], capture_output=True, text=True,
                                  check=True).stdout
            summaries[name] = [line.split(", seed")[0] for line in text.splitlines()]
        samples = {name: [] for name in binaries}
        for pair in range(pairs):
            for name in (list(binaries) if pair % 2 == 0 else list(binaries)[::-1]):
                samples[name].append(measured([binaries[name], "run", scenario, "--threads", "2"]))
        same = summaries["this"] == summaries["other"]
        print(f"{WORKLOADS[workload]['title']}: summaries {'identical' if same else 'DIFFER'}")
        row = {"workload": workload, "summaries_identical": same}
        for name, binary in binaries.items():
            s = samples[name]
            row[name] = {"binary": binary, "wall_s": statistics.median(m[0] for m in s),
                         "cpu_s": statistics.median(m[2] for m in s), "page_faults": statistics.median(m[3] for m in s),
                         "peak_rss_mib": max(m[1] for m in s)}
            r = row[name]
            print(f"{name:<6} {r['wall_s']:.3f} s (CPU {r['cpu_s']:.3f} s, {r['peak_rss_mib']:.0f} MiB, "
                  f"{r['page_faults']:.0f} faults)  {binary}", flush=True)
        rows.append(row)
    return rows


def threads_gain(draws, pairs, out, workload="base"):
    """What a second thread gains, for wijksim and for the fused loop (the
    machine's own limit for this work): `pairs` alternating pairs of a
    1-thread and a 2-thread run of each, the ratio of each pair; medians
    and quartiles, since single ratios on a shared machine scatter."""
    table = commands(draws, out, workload)
    ratios = {"wijksim": [], "fused": []}
    for program in ratios:                       # warm-up
        timed(table[(program, 1)]), timed(table[(program, 2)])
    for _ in range(pairs):
        for program in ratios:
            one, _ = timed(table[(program, 1)])
            two, _ = timed(table[(program, 2)])
            ratios[program].append(one / two)
    rows = []
    print(f"\n{WORKLOADS[workload]['title']}: 2 threads vs 1 at {draws} draws, {pairs} pairs of runs (ratio of each pair):")
    for program, values in ratios.items():
        q1, median, q3 = statistics.quantiles(values, n=4)
        rows.append({"program": program, "median": median, "q1": q1, "q3": q3, "ratios": values})
        print(f"{program:<9} median {median:.2f}x, middle half {q1:.2f}-{q3:.2f}x, range {min(values):.2f}-{max(values):.2f}x")
    return rows


def against(other, draws, pairs, out, workload="base"):
    """This build of wijksim against `other` (say, a build of an earlier
    commit): `pairs` pairs of runs of each on 1 and 2 threads, the two
    binaries' order alternating, and a check that both write the same bytes.
    Medians of wall and CPU time, of page faults and of each pair's 2-thread
    gain, the largest peak RSS: a change worth a few percent is only visible
    against its base in one run, since this shared machine's speed drifts
    between runs."""
    binaries = {"this": WIJKSIM, "other": os.path.abspath(other)}
    out = f"{out}/{workload}"
    def command(binary, threads, folder):
        return wijksim_command(binary, draws, threads, folder, workload)
    for name, binary in binaries.items():        # warm-up, and the files to compare
        measured(command(binary, 2, f"{out}/{name}"))
    differing = []
    for file in sorted(os.listdir(f"{out}/this")):
        with open(f"{out}/this/{file}", "rb") as a, open(f"{out}/other/{file}", "rb") as b:
            if a.read() != b.read():
                differing.append(file)
    samples = {name: {"wall1": [], "wall2": [], "cpu2": [], "gain": [], "faults2": [], "rss2": []} for name in binaries}
    for pair in range(pairs):
        for name in (list(binaries) if pair % 2 == 0 else list(binaries)[::-1]):
            one = measured(command(binaries[name], 1, f"{out}/{name}-1-{pair}"))
            two = measured(command(binaries[name], 2, f"{out}/{name}-2-{pair}"))
            s = samples[name]
            s["wall1"].append(one[0]), s["wall2"].append(two[0]), s["cpu2"].append(two[2])
            s["faults2"].append(two[3]), s["rss2"].append(two[1])
            s["gain"].append(one[0] / two[0])
    print(f"\n{WORKLOADS[workload]['title']}: {draws} draws, {pairs} pairs of each binary (medians; peak MiB the largest):")
    if differing:
        print(f"files: {', '.join(differing)} differ between the two binaries")
    else:
        print("files: identical")
    rows = []
    for name, s in samples.items():
        row = {"binary": binaries[name], **{k: statistics.median(v) for k, v in s.items() if k != "rss2"},
               "rss2": max(s["rss2"])}
        rows.append(row)
        print(f"{name:<6} 1 thread {row['wall1'] * 1000:7.1f} ms, 2 threads {row['wall2'] * 1000:7.1f} ms "
              f"(CPU {row['cpu2'] * 1000:7.1f} ms, {row['rss2']:.0f} MiB, {row['faults2']:.0f} faults), "
              f"2 threads vs 1 {row['gain']:.2f}x  {binaries[name]}")
    return {"files_identical": not differing, "differing_files": differing, "rows": rows}


def sensitivity_indices(path):
    with open(path, newline="") as f:
        return {(r["wijk"], r["indicator"], r["factor"]): r for r in csv.DictReader(f)}


def sensitivity(samples, runs, out):
    """`wijksim sensitivity --method sobol` against SALib sampling and
    analysing with the NumPy peer as the model (all evaluations at once, and
    once per call as EMA Workbench makes them), each a whole process: the
    same N, and every index of every wijk, indicator and factor must agree
    within the larger of the two 95% intervals."""
    scenario = os.path.join(WORKLOAD, "scenarios", "bench.yaml")
    peer = os.path.join(BENCH, "peers", "salib_peer.py")
    programs = {
        ("wijksim", 1): [WIJKSIM, "sensitivity", scenario, "--method", "sobol", "--samples", str(samples), "--threads", "1", "--out", out + "/ws1"],
        ("wijksim", 2): [WIJKSIM, "sensitivity", scenario, "--method", "sobol", "--samples", str(samples), "--threads", "2", "--out", out + "/ws2"],
        ("salib+numpy", 1): [sys.executable, peer, out + "/salib", "--samples", str(samples)],
    }
    per_call = ("salib+numpy, one call per evaluation", 1)
    for command in programs.values():   # warm-up, and the files to compare
        measured(command)
    measured_per_call = measured([sys.executable, peer, out + "/salib-per-call", "--samples", str(samples), "--per-call"])
    ours, theirs = sensitivity_indices(out + "/ws2/sensitivity.csv"), sensitivity_indices(out + "/salib/sensitivity.csv")
    if set(ours) != set(theirs):
        sys.exit("sensitivity: SALib's rows differ from wijksim's")
    checked, outside = 0, []
    for key, row in theirs.items():
        for index in ("S1", "ST"):
            a, b = float(ours[key][index]), float(row[index])
            limit = max(float(ours[key][index + "_conf"]), float(row[index + "_conf"]))
            checked += 1
            if abs(a - b) > limit + 1e-12:
                outside.append((key, index, a, b, limit))
    print(f"agreement: {checked - len(outside)} of {checked} indices (wijk, indicator, factor, S1/ST) within the larger 95% interval")
    for item in outside[:10]:
        print("  outside:", item)
    samples_wall = {key: [] for key in programs}
    cpu = {key: [] for key in programs}
    for _ in range(runs):
        for key, command in programs.items():
            wall, _, used, _ = measured(command)
            samples_wall[key].append(wall)
            cpu[key].append(used)
    rows = [{"program": key[0], "threads": key[1], "wall": statistics.median(samples_wall[key]),
             "cpu": statistics.median(cpu[key])} for key in programs]
    rows.append({"program": per_call[0], "threads": 1, "wall": measured_per_call[0], "cpu": measured_per_call[2]})
    reference = next(r["wall"] for r in rows if r["program"] == "salib+numpy")
    evaluations = samples * (4 + 2)
    print(f"\nSobol' indices of the benchmark workload: 4 factors, N = {samples}, {evaluations} evaluations, "
          f"{8 * 4} outputs (7 wijken and the city x 4 indicators) in 2042; medians of {runs} runs")
    print("| program | threads | wall s | evaluations/s | x SALib + NumPy |")
    print("| --- | --- | --- | --- | --- |")
    for r in rows:
        r["speedup_vs_salib"] = reference / r["wall"]
        print(f"| {r['program']} | {r['threads']} | {r['wall']:.3f} | {evaluations / r['wall']:.3g} | {r['speedup_vs_salib']:.1f} |")
    if outside:
        sys.exit(f"sensitivity: {len(outside)} indices differ from SALib's by more than their intervals")
    return {"samples": samples, "evaluations": evaluations, "agreement": {"checked": checked, "outside": len(outside)}, "rows": rows}


def guard_floors(text):
    """`--guard 6` (every workload) or `--guard base=6,dense=3.5`."""
    try:
        if "=" not in text:
            return {"*": float(text)}
        return {name.strip(): float(value) for name, value in (part.split("=") for part in text.split(","))}
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number or base=X,dense=Y, got {text!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workload", choices=["base", "dense", "all"], default="all",
                    help="which workload to run (default all: base, then dense); --scaling and --sensitivity use base")
    ap.add_argument("--draws", type=int, nargs="+", default=[20000, 100000],
                    help="workload sizes; the guard applies to the largest")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="3 runs (for CI)")
    ap.add_argument("--guard", type=guard_floors, metavar="X or base=X,dense=Y",
                    help="fail when wijksim (2 threads) is less than this many times faster than NumPy at the largest "
                         "size: one floor for every workload run, or one per workload")
    ap.add_argument("--binary", metavar="PATH",
                    help="the wijksim binary to time instead of .build/release/wijksim (no Swift build)")
    ap.add_argument("--json", help="where to write the results (default .build/bench/results.json, "
                                   "scaling.json, sweep.json, threads-gain.json, against.json or sensitivity.json)")
    ap.add_argument("--scaling", action="store_true", help="print and save wijksim's scaling table instead")
    ap.add_argument("--sweep", action="store_true",
                    help="instead: wijksim run of each workload's 10,000-variant sweep (10 draws each, 2 threads), "
                         "median of --runs runs")
    ap.add_argument("--threads-gain", action="store_true",
                    help="instead: 2 threads vs 1 for wijksim and fused over --pairs pairs at the largest --draws")
    ap.add_argument("--pairs", type=int, default=15)
    ap.add_argument("--against", metavar="BINARY",
                    help="instead: this build against another wijksim binary over --pairs pairs at the largest --draws")
    ap.add_argument("--sensitivity", action="store_true",
                    help="instead: wijksim sensitivity against SALib + the NumPy peer (Sobol', --samples N, --runs runs)")
    ap.add_argument("--samples", type=int, default=1024)
    ap.add_argument("--no-build", action="store_true", help="use the binaries already built")
    args = ap.parse_args()
    global WIJKSIM
    if args.binary:
        WIJKSIM = os.path.abspath(args.binary)
        if not os.access(WIJKSIM, os.X_OK):
            sys.exit(f"--binary: {args.binary} is not an executable file")
    if args.quick:
        args.runs = 3
    workloads = list(WORKLOADS) if args.workload == "all" else [args.workload]
    if args.json is None:
        name = ("scaling" if args.scaling else "sweep" if args.sweep else "threads-gain" if args.threads_gain
                else "against" if args.against else "sensitivity" if args.sensitivity else "results")
        args.json = os.path.join(ROOT, ".build", "bench", name + ".json")
    if not args.no_build:
        build(swift=not args.binary)
    sys.path.insert(0, BENCH)
    result = {"wijksim": WIJKSIM}
    with tempfile.TemporaryDirectory(prefix="wijksim-bench-") as out:
        if args.scaling:
            result["scaling"] = scaling(out)
        elif args.sensitivity:
            result["sensitivity"] = sensitivity(args.samples, args.runs, out)
        elif args.sweep and args.against:
            result["sweep_against"] = {"pairs": args.pairs, "rows": sweep_against(args.against, args.pairs, workloads)}
        elif args.sweep:
            result["sweep"] = {"runs": args.runs, "rows": sweep(args.runs, workloads)}
        elif args.against:
            draws = max(args.draws)
            result["against"] = {"draws": draws, "workloads": {
                workload: against(args.against, draws, args.pairs, out, workload) for workload in workloads}}
        elif args.threads_gain:
            draws = max(args.draws)
            result["threads_gain"] = {"draws": draws, "workloads": {
                workload: threads_gain(draws, args.pairs, out, workload) for workload in workloads}}
        else:
            result.update({"runs": args.runs, "workloads": {}})
            for workload in workloads:
                worst = check_agreement(out, workload)
                print(f"agreement on the fixed {workload} workload: numpy {worst['numpy']:.1e}, fused {worst['fused']:.1e} "
                      f"(max relative difference of means and costs)")
                result["workloads"][workload] = {"agreement": worst, "tables": []}
            for workload in workloads:
                for draws in args.draws:
                    rows = benchmark(draws, args.runs, out, workload)
                    print_table(rows, draws, workload)
                    result["workloads"][workload]["tables"].append({"draws": draws, "rows": rows})
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(result, f, indent=2)
    print(f"wrote {os.path.relpath(args.json, ROOT)}")
    if args.guard and "workloads" in result and not (args.against or args.threads_gain):
        failed = []
        for workload, data in result["workloads"].items():
            floor = args.guard.get(workload, args.guard.get("*"))
            if floor is None:
                continue
            largest = max(data["tables"], key=lambda t: t["draws"])
            ratio = next(r for r in largest["rows"] if r["program"] == "wijksim" and r["threads"] == 2)["speedup_vs_numpy"]
            draws = largest["draws"]
            verdict = "ok" if ratio >= floor else "BELOW"
            print(f"benchmark guard ({workload}): wijksim is {ratio:.1f}x NumPy at {draws} draws (floor {floor}x): {verdict}")
            if ratio < floor:
                failed.append(f"{workload} {ratio:.1f}x (floor {floor}x)")
        if failed:
            sys.exit(f"benchmark guard: below the floor in {', '.join(failed)}")


if __name__ == "__main__":
    main()
