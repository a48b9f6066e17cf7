#!/usr/bin/env python3
"""Writes wijken-2017.csv, the start of the backcast (scenarios/backcast.yaml), from wijken.csv.

The repository has per-wijk values for 2022 only. The backcast starts in 2017,
the earliest year of an observed series that maps onto the model
(docs/monitoring.md), and is built like this:

- minimahuishoudens: every wijk's 2022 value times 17.3 / 16.7, so that the
  weighted city average is the observed 17.3% of 2017 (OIS Armoedemonitor
  2022) and the wijken keep their 2022 ratio to the city (schatting);
- werkloosheid: every wijk's value times 10.1 / 8.6; 10.1% is a schatting for
  2017: the observed 9.8% of 2018 plus one year of the 2018-2022 decline
  (-0.3 pp per year, Basismonitor Groningen);
- every other column: the 2022 value (no series before 2022 was found).

Usage: python3 build_backcast.py   (writes next to this file)
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FACTORS = {"minimahuishoudens": 17.3 / 16.7, "werkloosheid": 10.1 / 8.6}

with open(os.path.join(HERE, "wijken.csv"), newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
columns = {name: i for i, name in enumerate(header)}
for row in body:
    for name, factor in FACTORS.items():
        i = columns[name]
        row[i] = repr(round(float(row[i]) * factor, 4))
with open(os.path.join(HERE, "wijken-2017.csv"), "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(body)
