"""peak_rss.py OUT.json OURS REFERENCE [RUNS]: the peak resident set of each
command (run directly, no shell, RUNS times, the largest kept), from wait4's
ru_maxrss in KiB, written as {"ours_kib", "reference_kib", "runs"}."""
import json
import os
import shlex
import subprocess
import sys


def peak(command, runs):
    worst = 0
    for _ in range(runs):
        p = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"peak_rss.py: failed ({status}): {command}")
        worst = max(worst, usage.ru_maxrss)
    return worst


out, ours, reference = sys.argv[1:4]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
json.dump({"ours_kib": peak(ours, runs), "reference_kib": peak(reference, runs), "runs": runs}, open(out, "w"))
