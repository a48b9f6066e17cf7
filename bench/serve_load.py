#!/usr/bin/env python3
"""Latency of `POST /api/run` under 1 and 4 concurrent clients (issue 19).

Starts `wijksim serve SCENARIO --port 0` on loopback (or uses --url), then
each client sends requests one after another, for a bounded number of
requests and seconds, after two uncounted requests per client at that
concurrency. What the requests ask (--mode):

  new     (default) each moves one slider to a value never asked before,
          so every request is a run (the server keeps answers it gave)
  slider  each client drags one slider over 19 stops and back, then the
          next, as at the table: on the way back the values were asked
          before, and the server answers them from its kept answers
  same    every request the same (as wrk with one body)
 Prints median, p90, p99 and max per
concurrency and, with --check, fails when the 4-client median is over
50 ms or its p99 over 150 ms.

    python3 bench/serve_load.py                       # release build, programma.yaml, 1,000 draws
    python3 bench/serve_load.py --scenario scenarios/regiodeal.yaml --requests 200

Loopback only: the URL must be 127.x.x.x or localhost.
"""
import argparse
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start_server(binary, scenario, draws):
    args = [binary, "serve", scenario, "--port", "0"]
    if draws:
        args += ["--draws", str(draws)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if "http://" in line:
            url = line[line.index("http://"):].split()[0]
            return proc, url
    proc.kill()
    raise SystemExit("the server did not print its URL: " + proc.stderr.read())


def sliders(scenario_json):
    """(key, min, max) for every intervention parameter with a finite range."""
    out = []
    for intervention in scenario_json["interventions"]:
        for p in intervention["params"]:
            lo, hi = p["min"], p["max"]
            if lo is None or hi is None or hi <= lo:
                continue
            out.append((intervention["name"] + "." + p["name"], lo, hi))
    return out


def post(url, body, timeout=30):
    data = json.dumps(body).encode()
    req = urllib.request.Request(url + "api/run", data=data, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=timeout) as response:
        payload = response.read()
    elapsed = time.perf_counter() - start
    return elapsed, payload


_fresh = itertools.count(1)
_start = random.random()


def request_body(mode, keys, n, offset):
    key, lo, hi = keys[(n + offset) % len(keys)]
    if mode == "same":
        key, lo, hi = keys[0]
        return {"params": {key: lo + (hi - lo) / 3}}
    if mode == "slider":
        # one slider at a time, dragged over 19 stops of its range and back (36 requests), then the next
        m = n + 5 * offset
        key, lo, hi = keys[(m // 36 + offset) % len(keys)]
        stop = m % 36
        return {"params": {key: lo + (hi - lo) * ((stop if stop <= 18 else 36 - stop) / 18)}}
    # a value no request of this process (nor, but by a one-in-2^52 chance, of another) asked
    step = (_start + next(_fresh) * 0.6180339887498949) % 1.0
    return {"params": {key: lo + (hi - lo) * step}}


def client(url, keys, draws, count, seconds, offset, latencies, errors, mode="new"):
    deadline = time.time() + seconds
    for n in range(count):
        if time.time() > deadline:
            break
        body = request_body(mode, keys, n, offset)
        if draws:
            body["draws"] = draws
        try:
            elapsed, payload = post(url, body)
            if not payload.startswith(b'{"draws"'):
                errors.append(payload[:200])
            latencies.append(elapsed)
        except Exception as error:  # counted, not raised: the table says how many failed
            errors.append(str(error))


def measure(url, keys, draws, clients, requests, seconds, mode="new"):
    latencies, errors = [], []
    threads = [threading.Thread(target=client, args=(url, keys, draws, requests // clients, seconds, k, latencies, errors, mode))
               for k in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    latencies.sort()
    ms = [x * 1000 for x in latencies]

    def pct(p):
        return ms[min(len(ms) - 1, int(round(p * (len(ms) - 1))))] if ms else float("nan")
    return {"clients": clients, "requests": len(ms), "errors": len(errors), "median": statistics.median(ms) if ms else float("nan"),
            "p90": pct(0.90), "p99": pct(0.99), "max": ms[-1] if ms else float("nan"), "per_second": len(ms) / wall}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/wijksim"))
    parser.add_argument("--scenario", default=os.path.join(ROOT, "scenarios/programma.yaml"))
    parser.add_argument("--url", help="an already running server (loopback only)")
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=400, help="per concurrency level (at most 2,000)")
    parser.add_argument("--seconds", type=float, default=60, help="per concurrency level (at most 120)")
    parser.add_argument("--clients", default="1,4")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--mode", choices=["new", "slider", "same"], default="new", help="what the requests ask (above)")
    parser.add_argument("--check", action="store_true", help="fail if 4 clients see a median over 50 ms or a p99 over 150 ms")
    args = parser.parse_args()
    requests = min(args.requests, 2000)
    seconds = min(args.seconds, 120)

    proc = None
    if args.url:
        url = args.url if args.url.endswith("/") else args.url + "/"
        host = urllib.parse.urlparse(url).hostname
        if not (host == "localhost" or host.startswith("127.") or host == "::1"):
            raise SystemExit("serve_load.py sends load to loopback only, not " + host)
    else:
        proc, url = start_server(args.binary, args.scenario, args.draws)
    try:
        with urllib.request.urlopen(url + "api/scenario", timeout=10) as response:
            scenario = json.load(response)
        keys = sliders(scenario)
        measure(url, keys, args.draws, 1, args.warmup, 30)  # first runs: the baseline's part, page faults
        print(f"{scenario['name']}: POST /api/run, {args.draws} draws, {len(keys)} sliders, requests: {args.mode}; {os.cpu_count()} cores")
        print(f"{'clients':>7} {'requests':>8} {'errors':>6} {'median ms':>9} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7} {'req/s':>6}")
        rows = []
        for clients in [int(c) for c in args.clients.split(",")]:
            # not counted: the first requests at a new concurrency make the Lua
            # states and buffers that more requests at once need (steady state
            # is what the table gives; the cold ones are in the README's text)
            measure(url, keys, args.draws, clients, 2 * clients, 30, args.mode)
            r = measure(url, keys, args.draws, clients, requests, seconds, args.mode)
            rows.append(r)
            print(f"{r['clients']:>7} {r['requests']:>8} {r['errors']:>6} {r['median']:>9.1f} {r['p90']:>7.1f} {r['p99']:>7.1f} {r['max']:>7.1f} {r['per_second']:>6.1f}")
        if args.check:
            four = [r for r in rows if r["clients"] == 4]
            bad = [r for r in four if r["median"] > 50 or r["p99"] > 150 or r["errors"]]
            if bad:
                raise SystemExit("serve_load: over the bound (4 clients: median ≤ 50 ms, p99 ≤ 150 ms, no errors)")
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
