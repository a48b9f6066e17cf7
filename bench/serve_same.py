#!/usr/bin/env python3
"""Do two builds of `wijksim serve` give the same answers, byte for byte?

Starts both servers (each BINARY is a `wijksim`, which starts the
`wijksim-serve` beside it) on loopback for SCENARIO at 1,000 draws, then
asks both the scenario as it is and N random requests: one or two sliders
moved to new values, now and then an intervention's window moved or the
intervention switched off, now and then other draws. An engine change that
only makes `serve` faster must leave every answer's bytes as they were.

    python3 bench/serve_same.py OLD/wijksim .build/release/wijksim
    python3 bench/serve_same.py A B --scenario scenarios/regiodeal.yaml --requests 200

Exits 1 when some answer differs (or is an error for one build only).
"""
import argparse
import json
import os
import random
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_load  # noqa: E402  (start_server, sliders)


def ask(url, body):
    request = urllib.request.Request(url.rstrip("/") + "/api/run", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        return b"HTTP %d " % error.code + error.read()


def bodies(scenario, n, seed):
    rnd = random.Random(seed)
    keys = serve_load.sliders(scenario)
    interventions = scenario["interventions"]
    out = [{}]
    if not keys:
        # nothing to move: the scenario as it is, at other draws and seeds
        return out + [{"draws": 300}, {"seed": seed}, {"draws": 500, "seed": seed + 1}]
    for _ in range(n):
        body = {"params": {}}
        for _ in range(rnd.choice([1, 1, 1, 2])):
            key, low, high = rnd.choice(keys)
            body["params"][key] = low + (high - low) * rnd.random()
        r = rnd.random()
        if r < 0.1:
            body["interventions"] = {rnd.choice(interventions)["name"]: {"active": False}}
        elif r < 0.2:
            i = rnd.choice(interventions)
            body["interventions"] = {i["name"]: {"from": min(i["to"], i["from"] + 1)}}
        if rnd.random() < 0.05:
            body["draws"] = 300
        out.append(body)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--scenario", default=os.path.join(serve_load.ROOT, "scenarios/programma.yaml"))
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    old, old_url = serve_load.start_server(args.old, args.scenario, 1000)
    new, new_url = serve_load.start_server(args.new, args.scenario, 1000)
    try:
        with urllib.request.urlopen(old_url.rstrip("/") + "/api/scenario") as response:
            scenario = json.loads(response.read())
        same = differ = errors = 0
        for body in bodies(scenario, args.requests, args.seed):
            a, b = ask(old_url, body), ask(new_url, body)
            errors += a.startswith(b"HTTP")
            if a == b:
                same += 1
            else:
                differ += 1
                print("differs:", json.dumps(body)[:200], f"({len(a)} vs {len(b)} bytes)")
        print(f"{os.path.basename(args.scenario)}: {same} answers the same, {differ} differ"
              f" ({errors} errors from the first build)")
        return 1 if differ else 0
    finally:
        old.kill()
        new.kill()


if __name__ == "__main__":
    sys.exit(main())
