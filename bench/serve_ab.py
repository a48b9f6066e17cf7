#!/usr/bin/env python3
"""CPU per `POST /api/run` of two builds of `wijksim serve`, side by side.

Starts both servers (each BINARY is a `wijksim`, which starts the
`wijksim-serve` beside it) on loopback, warms both up, then sends batches of
requests to one and then the other, alternating which goes first, and reads
each server's CPU time from /proc before and after its batch. On a shared
machine whose speed drifts, alternating batches is what makes two builds
comparable; latency under load is `serve_load.py`'s job.

    python3 bench/serve_ab.py OLD/wijksim .build/release/wijksim
    python3 bench/serve_ab.py A B --scenario scenarios/regiodeal.yaml --rounds 20

Linux only (/proc/PID/stat).
"""
import argparse
import json
import os
import statistics
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_load  # noqa: E402  (start_server, sliders, post)


def server_pid(proc):
    """`wijksim serve` execs or starts `wijksim-serve`: the process that serves is its child, if any."""
    children = f"/proc/{proc.pid}/task/{proc.pid}/children"
    if os.path.exists(children):
        with open(children) as f:
            found = f.read().split()
        if found:
            return int(found[0])
    return proc.pid


def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) * 1000 / ticks


def batch(url, keys, draws, start, count):
    latencies = []
    for n in range(start, start + count):
        # a value never asked before: every request is a run, not a kept answer
        body = serve_load.request_body("new", keys, n, 0)
        body["draws"] = draws
        elapsed, _ = serve_load.post(url, body)
        latencies.append(elapsed * 1000)
    return latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binaries", nargs=2, metavar="BINARY")
    parser.add_argument("--scenario", default=os.path.join(serve_load.ROOT, "scenarios/programma.yaml"))
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=12, help="batches per server (at most 100)")
    parser.add_argument("--batch", type=int, default=10, help="requests per batch (at most 50)")
    args = parser.parse_args()
    rounds, size = min(args.rounds, 100), min(args.batch, 50)

    servers = []
    try:
        for binary in args.binaries:
            proc, url = serve_load.start_server(binary, args.scenario, args.draws)
            servers.append((binary, proc, url))
        with urllib.request.urlopen(servers[0][2] + "api/scenario", timeout=10) as response:
            keys = serve_load.sliders(json.load(response))
        for _, _, url in servers:
            batch(url, keys, args.draws, 0, 2 * size)
        cpu = [[] for _ in servers]
        latency = [[] for _ in servers]
        for r in range(rounds):
            order = range(len(servers)) if r % 2 == 0 else reversed(range(len(servers)))
            for k in order:
                _, proc, url = servers[k]
                pid = server_pid(proc)
                before = cpu_ms(pid)
                latency[k] += batch(url, keys, args.draws, r * size, size)
                cpu[k].append((cpu_ms(pid) - before) / size)
        for k, (binary, _, _) in enumerate(servers):
            print(f"{binary}: CPU per request median {statistics.median(cpu[k]):.1f} ms "
                  f"(batches {min(cpu[k]):.0f}-{max(cpu[k]):.0f}), latency median {statistics.median(latency[k]):.1f} ms")
    finally:
        for _, proc, _ in servers:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
