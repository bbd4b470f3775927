#!/usr/bin/env python3
"""interleaved.py N CMD_A -- CMD_B [-- CMD_C ...]: runs the commands in turn, N times each after 3
warm-up rounds, and prints each one's median wall time and median CPU time (user + sys of the
child) in ms. Interleaving makes a busy machine's drift hit every command alike, where hyperfine's
back-to-back batches would credit it to whichever ran during the busy spell."""
import os, subprocess, sys, time, statistics, resource
args = sys.argv[2:]; n = int(sys.argv[1])
cmds = [c.split() for c in " ".join(args).split(" -- ")]
wall = [[] for _ in cmds]; cpu = [[] for _ in cmds]
for i in range(n + 3):
    for k, c in enumerate(cmds):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.perf_counter()
        subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t1 = time.perf_counter(); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if i >= 3:
            wall[k].append((t1 - t0) * 1000); cpu[k].append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
for k, c in enumerate(cmds):
    print("%-75s wall median %6.1f ms  cpu median %6.1f ms  (n=%d)" % (" ".join(c)[:75], statistics.median(wall[k]), statistics.median(cpu[k]), n))
