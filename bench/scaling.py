"""The cases of wijksim's scaling table: the benchmark workload with one
dimension changed at a time (draws, sweep variants, wijken, plugin instances).
Scenario files for the synthetic cases are written into a scratch folder."""
import os

WORKLOAD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "workload")

INDICATORS = os.path.join(WORKLOAD, "data", "indicators.csv")
PLUGINS = os.path.join(WORKLOAD, "plugins")
BENCH = os.path.join(WORKLOAD, "scenarios", "bench.yaml")


def synthetic_wijken(path, n):
    """n made-up wijken, deterministic, inside every indicator's range."""
    with open(path, "w") as f:
        f.write("wijk,gebied,households,population,dwellings,armoede,participatie,overlast,gezondheid\n")
        for k in range(n):
            u = ((k * 7919) % 1000) / 1000
            households = 1500 + (k * 37) % 4000
            f.write(f"W{k:03d},G{k % 7},{households},{2 * households + 100},{households + 150},"
                    f"{5 + 10 * u:.2f},{58 + 14 * (1 - u):.2f},{20 + 25 * u:.2f},{62 + 14 * (1 - u):.2f}\n")


def scenario(path, wijken_file, draws, sweep=None, copies=1, plugins=4):
    rules = ["  - plugin: ontwikkeling\n    params:\n      trek: {dist: triangular, low: 0.05, mode: 0.1, high: 0.15}\n"]
    if plugins >= 4:
        rules.append("  - plugin: gezondheid\n    params:\n      effect: {dist: lognormal, mean: 0.3, sd: 0.4, max: 5}\n")
    interventions = []
    if plugins >= 4:
        interventions = [
            "  - plugin: buurtwerk\n    wijken: {targets}\n    from: 2024\n    to: 2032\n"
            "    params:\n      daling: {{dist: normal, mean: 3, sd: 1, min: 0, max: 10}}\n    funding: fonds\n",
            "  - plugin: woningaanpak\n    wijken: all\n    from: 2023\n"
            "    params:\n      werking: {{dist: uniform, low: 0.3, high: 0.7, per_wijk: true}}\n    funding: fonds\n",
        ]
    with open(path, "w") as f:
        f.write(f"name: scaling\nyears: {{from: 2022, to: 2042}}\n")
        f.write(f"data: {{indicators: {INDICATORS}, wijken: {wijken_file}}}\nplugins: [{PLUGINS}]\n")
        f.write("rules:\n" + "".join(rules * copies))
        if interventions:
            targets = "[Noorderhaven, Kadewijk, Zuiderveld]" if "workload" in wijken_file else "[W000, W001, W002]"
            f.write("interventions:\n" + "".join(i.format(targets=targets) for i in interventions * copies))
        f.write(f"funding:\n  fonds: {{budget: 100000000, from: 2022, to: 2042}}\ndraws: {draws}\nseed: 11\n")
        if sweep:
            f.write("sweep:\n" + "".join(f"  {k}: {v}\n" for k, v in sweep.items()))


def cases(out):
    default_wijken = os.path.join(WORKLOAD, "data", "wijken.csv")
    result = []
    for draws in (1000, 10000, 100000, 1000000):
        result.append((f"draws {draws}", BENCH, ["--draws", str(draws)]))
    for n, values in ((1, None), (100, 10), (10000, 100)):
        path = os.path.join(out, f"variants-{n}.yaml")
        sweep = None
        if values:
            sweep = {"ontwikkeling.golf": [round(-1 + 2 * i / (values - 1), 6) for i in range(values)],
                     "woningaanpak.snelheid": [round(0.005 + 0.02 * i / (values - 1), 6) for i in range(values)]}
        scenario(path, default_wijken, draws=10, sweep=sweep)
        result.append((f"variants {n} (x 10 draws)", path, []))
    for n in (7, 45, 500):
        wijken = os.path.join(out, f"wijken-{n}.csv")
        synthetic_wijken(wijken, n)
        path = os.path.join(out, f"wijken-{n}.yaml")
        scenario(path, wijken, draws=1000)
        result.append((f"wijken {n} (x 1000 draws)", path, []))
    for plugins, copies in ((1, 1), (4, 1), (16, 4)):
        path = os.path.join(out, f"plugins-{plugins}.yaml")
        scenario(path, default_wijken, draws=10000, copies=copies, plugins=plugins)
        result.append((f"plugins {plugins} (x 10000 draws)", path, []))
    return result
