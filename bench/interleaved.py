#!/usr/bin/env python3
"""interleaved.py [--json PATH] [--warmups K] N CMD_A -- CMD_B [-- CMD_C ...]: runs the commands in
turn, N times each after K (default 3) warm-up rounds, and prints each one's median wall time and median CPU time (user + sys
of the child) in ms; with --json, also writes them (and every run's times) to PATH, for make bench's
table. Interleaving makes a busy machine's drift hit every command alike, where hyperfine's
back-to-back batches would credit it to whichever ran during the busy spell. Exit codes are
recorded, not acted on: `check` exits 1 for a file that breaks an API rule and is still timed."""
import json, os, subprocess, sys, time, statistics, resource
args = sys.argv[1:]
json_path = None
warmups = 3
while args[:1] in (["--json"], ["--warmups"]):
    if args[0] == "--json":
        json_path = args[1]
    else:
        warmups = int(args[1])
    args = args[2:]
n = int(args[0]); args = args[1:]
cmds = [c.split() for c in " ".join(args).split(" -- ")]
wall = [[] for _ in cmds]; cpu = [[] for _ in cmds]; codes = [set() for _ in cmds]
for i in range(n + warmups):
    for k, c in enumerate(cmds):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.perf_counter()
        done = subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t1 = time.perf_counter(); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if i >= warmups:
            wall[k].append((t1 - t0) * 1000); cpu[k].append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
            codes[k].add(done.returncode)
for k, c in enumerate(cmds):
    print("%-75s wall median %6.1f ms  cpu median %6.1f ms  (n=%d)" % (" ".join(c)[:75], statistics.median(wall[k]), statistics.median(cpu[k]), n))
if json_path:
    results = [{"command": " ".join(c), "wall_median_ms": statistics.median(wall[k]), "cpu_median_ms": statistics.median(cpu[k]),
                "exit_codes": sorted(codes[k]), "wall_ms": wall[k], "cpu_ms": cpu[k]} for k, c in enumerate(cmds)]
    with open(json_path, "w") as f:
        json.dump({"runs": n, "warmups": warmups, "results": results}, f, indent=1)
