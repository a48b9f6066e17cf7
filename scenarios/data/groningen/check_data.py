#!/usr/bin/env python3
"""Checks the Groningen data files (stdlib only). Exit 0 when all checks pass.

What it checks:
- file layout: the columns of indicators.csv and wijken.csv (CONTRACT section 1);
- population and dwellings add up exactly to the CBS 2024 totals of the gemeente;
- the rows use the municipality's seven gebieden and name the policy wijken;
- every indicator value lies inside its [min, max];
- the weighted city average of every indicator equals its anchor (the row
  `Gemeente Groningen` in sources.csv) within rounding;
- every numeric value of wijken.csv has exactly one row in sources.csv with
  the same value, kind `bron` or `schatting` and a source text;
- the published orderings hold (Basismonitor 2016 kompas, Armoedemonitor
  2022, Stadsmonitor 2012, Enquete Leefbaarheid 2020, wijkkompas scores);
- the weight of every indicator is its denominator: jeugdcriminaliteit per
  12-24-year-old (youth_12_24), werkloosheid per member of the labour force.

Usage: python3 check_data.py [DIR]   (DIR defaults to this file's folder)
"""

import csv
import math
import os
import sys

CITY_POPULATION, CITY_DWELLINGS = 243768, 124258   # CBS KWB 2024, GM0014
ATTRIBUTES = ["households", "population", "youth", "pupils", "dwellings", "youth_12_24", "labour_force"]
GEBIEDEN = {"Centrum", "Oude Wijken", "Zuid", "West", "Oost", "Haren", "Ten Boer"}
REQUIRED_WIJKEN = ["Selwerd", "Paddepoel", "Vinkhuizen", "Tuinwijk", "Professorenbuurt",
                   "De Hoogte", "Indische Buurt", "Oosterparkwijk", "Beijum", "Lewenborg",
                   "De Wijert", "Ten Boer"]
CITY = "Gemeente Groningen"
TOLERANCE = 0.05 + 1e-9     # values carry one decimal

RED = ["De Hoogte", "Indische Buurt", "Selwerd"]                 # kompas 2016: rood op alle fronten
ATTENTION = ["Oosterparkwijk", "Vinkhuizen", "Paddepoel", "Beijum", "Lewenborg"]
ATTENTION_ALSO = ["Binnenstad"]                                  # kompas 2016: ook 'aandacht nodig'
WIJKKOMPAS = {"Paddepoel": 97, "Selwerd": 93, "Vinkhuizen": 92, "Tuinwijk": 105}   # stad = 100
IMPROVED = ["Tuinwijk", "De Wijert"]                             # verbeterd na herstructurering
MINIMA_HIGH = ["De Hoogte", "Indische Buurt", "Selwerd", "Paddepoel", "Oosterparkwijk"]
LOWEST_COHESION = {"Paddepoel", "Selwerd", "Indische Buurt", "De Hoogte", "Binnenstad"}
UNSAFE_ABOVE_CITY = ["Selwerd", "De Wijert", "Beijum", "De Hoogte", "Paddepoel", "Lewenborg"]
SOCIAL_RENT_HIGH = ["Selwerd", "Paddepoel", "Vinkhuizen"]


class Checker:
    def __init__(self):
        self.failures = 0

    def check(self, ok, message):
        if not ok:
            self.failures += 1
            print("FAIL  " + message)
        return ok


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def main():
    here = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    c = Checker()

    ind_header, indicators = read_csv(os.path.join(here, "indicators.csv"))
    c.check(ind_header == ["id", "title", "unit", "polarity", "weight", "min", "max"],
            f"indicators.csv header {ind_header}")
    ids = [i["id"] for i in indicators]
    meta = {i["id"]: i for i in indicators}
    for i in indicators:
        c.check(i["polarity"] in ("lower_better", "higher_better"), f"{i['id']}: polarity {i['polarity']}")
        c.check(float(i["min"]) < float(i["max"]), f"{i['id']}: min >= max")

    header, wijken = read_csv(os.path.join(here, "wijken.csv"))
    c.check(header == ["wijk", "gebied"] + ATTRIBUTES + ids,
            f"wijken.csv header {header} (expected wijk, gebied, {ATTRIBUTES}, {ids})")
    names = [w["wijk"] for w in wijken]
    c.check(len(set(names)) == len(names), "wijk names are not unique")
    for name in REQUIRED_WIJKEN:
        c.check(name in names, f"wijk {name} missing")
    c.check({w["gebied"] for w in wijken} == GEBIEDEN,
            f"gebieden {sorted({w['gebied'] for w in wijken})} != {sorted(GEBIEDEN)}")

    num = {w["wijk"]: {k: float(w[k]) for k in ATTRIBUTES + ids} for w in wijken}
    for i in ids:
        c.check(meta[i]["weight"] in ATTRIBUTES, f"{i}: weight column {meta[i]['weight']} unknown")
        lo, hi = float(meta[i]["min"]), float(meta[i]["max"])
        for w in names:
            c.check(lo <= num[w][i] <= hi, f"{w}.{i} = {num[w][i]} outside [{lo}, {hi}]")
    for w in names:
        for a in ATTRIBUTES:
            c.check(num[w][a] > 0 and num[w][a] == int(num[w][a]), f"{w}.{a} = {num[w][a]} not a positive count")

    pop = sum(num[w]["population"] for w in names)
    dwel = sum(num[w]["dwellings"] for w in names)
    print(f"population {pop:.0f} (CBS {CITY_POPULATION}), dwellings {dwel:.0f} (CBS {CITY_DWELLINGS})")
    c.check(pop == CITY_POPULATION, f"population sums to {pop}, CBS 2024: {CITY_POPULATION}")
    c.check(dwel == CITY_DWELLINGS, f"dwellings sum to {dwel}, CBS 2024: {CITY_DWELLINGS}")

    # sources.csv: one row per value, plus one anchor row per indicator
    s_header, sources = read_csv(os.path.join(here, "sources.csv"))
    c.check(s_header == ["wijk", "column", "value", "kind", "source"], f"sources.csv header {s_header}")
    seen = {}
    for r in sources:
        key = (r["wijk"], r["column"])
        c.check(key not in seen, f"sources.csv: duplicate row {key}")
        seen[key] = r
        c.check(r["kind"] in ("bron", "schatting"), f"sources.csv {key}: kind {r['kind']!r}")
        c.check(len(r["source"].strip()) > 20, f"sources.csv {key}: source text missing")
        if r["kind"] == "schatting" and r["wijk"] != CITY:
            c.check(r["source"].startswith("schatting"),
                    f"sources.csv {key}: an estimate must say 'schatting: ...' and how")
        c.check(r["wijk"] == CITY or r["wijk"] in names, f"sources.csv {key}: unknown wijk")
        c.check(r["column"] in ATTRIBUTES + ids, f"sources.csv {key}: unknown column")
    for w in names:
        for col in ATTRIBUTES + ids:
            r = seen.get((w, col))
            if c.check(r is not None, f"sources.csv: no row for {w}.{col}"):
                c.check(math.isclose(float(r["value"]), num[w][col], abs_tol=1e-9),
                        f"sources.csv {w}.{col}: value {r['value']} != wijken.csv {num[w][col]}")

    # weighted city averages against the anchors
    city = {}
    print(f"{'indicator':24} {'weight':10} {'city avg':>9} {'anchor':>7}  kind")
    for i in ids:
        wcol = meta[i]["weight"]
        total = sum(num[w][wcol] for w in names)
        city[i] = sum(num[w][i] * num[w][wcol] for w in names) / total
        anchor = seen.get((CITY, i))
        if c.check(anchor is not None, f"sources.csv: no anchor row ({CITY}, {i})"):
            a = float(anchor["value"])
            print(f"{i:24} {wcol:10} {city[i]:9.3f} {a:7.2f}  {anchor['kind']}")
            c.check(abs(city[i] - a) <= TOLERANCE, f"{i}: city average {city[i]:.3f} != anchor {a}")

    # orderings (docs/evidence.md section 1.3)
    def gap(w, i):   # positive = worse than the city
        d = num[w][i] - city[i]
        return d if meta[i]["polarity"] == "lower_better" else -d

    sd = {}
    for i in ids:
        wcol = meta[i]["weight"]
        total = sum(num[w][wcol] for w in names)
        sd[i] = math.sqrt(sum(num[w][wcol] * (num[w][i] - city[i]) ** 2 for w in names) / total)
    composite = {w: sum(gap(w, i) / sd[i] for i in ids) / len(ids) for w in names}
    print("composite deprivation (mean z, positive = worse than the city):")
    for w in sorted(names, key=lambda n: -composite[n]):
        print(f"  {w:20} {composite[w]:+.2f}")

    for w in RED:
        for i in ids:
            c.check(gap(w, i) > 0, f"{w} ('rood op alle fronten') is not worse than the city on {i}")
    c.check(min(composite[w] for w in RED) > max(composite[w] for w in ATTENTION),
            "a 'rood' wijk is not worse (composite) than every 'aandacht' wijk")
    for w in ATTENTION + ATTENTION_ALSO:
        c.check(composite[w] > 0, f"{w} ('aandacht nodig') is not worse than the city (composite)")
    for w, score in WIJKKOMPAS.items():   # wijkkompas: above 100 = better than the city
        c.check((composite[w] < 0) == (score > 100),
                f"{w}: wijkkompas {score} vs city 100, composite {composite[w]:+.2f}")
    c.check(meta["jeugdcriminaliteit"]["weight"] == "youth_12_24",
            "jeugdcriminaliteit (per 1000 12-24-jarigen) must be weighted by youth_12_24")
    c.check(meta["werkloosheid"]["weight"] == "labour_force",
            "werkloosheid (% beroepsbevolking) must be weighted by labour_force")
    for w in IMPROVED:
        c.check(composite[w] < min(composite[a] for a in ATTENTION),
                f"{w} (verbeterd) is not better than every 'aandacht' wijk")
    for w in MINIMA_HIGH:
        c.check(num[w]["minimahuishoudens"] >= 1.3 * city["minimahuishoudens"],
                f"{w}: minimahuishoudens {num[w]['minimahuishoudens']} not 'aanzienlijk hoger' (>= 1.3 x city)")
    lowest = set(sorted(names, key=lambda n: num[n]["sociale_cohesie"])[:len(LOWEST_COHESION)])
    c.check(lowest == LOWEST_COHESION, f"lowest sociale_cohesie {sorted(lowest)} != {sorted(LOWEST_COHESION)}")
    for w in UNSAFE_ABOVE_CITY:
        c.check(num[w]["onveiligheidsgevoel"] > city["onveiligheidsgevoel"],
                f"{w}: onveiligheidsgevoel not above the city")
    c.check(num["Paddepoel"]["onveiligheidsgevoel"] == 31.0, "Paddepoel onveiligheidsgevoel must be the published 31")
    for w in SOCIAL_RENT_HIGH:
        c.check(num[w]["goedkope_sociale_huur"] > city["goedkope_sociale_huur"],
                f"{w}: goedkope_sociale_huur not above the city")
    for w in ("Paddepoel", "Selwerd", "Vinkhuizen"):   # wijkkompas: Tuinwijk 105 vs 97/93/92
        c.check(composite["Tuinwijk"] < composite[w], f"Tuinwijk (kompas 105) not better than {w}")

    print("all checks passed" if c.failures == 0 else f"{c.failures} check(s) failed")
    return 0 if c.failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
