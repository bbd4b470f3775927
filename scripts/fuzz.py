#!/usr/bin/env python3
"""Mutation fuzzing of `ltx-prep check --json` and `probe --json`.

Makes N mutants of the committed fixtures (bit flips, byte runs, truncations,
header-field patches, cut-outs) with a fixed seed in a temporary folder, runs
the binary on each with a per-run time limit, and prints what came back:
exit-code histogram, crashes (killed by a signal), hangs (past the limit),
and runs whose stdout is not exactly one JSON object. Bounded in count and in
total time; not part of `make test`. Python 3 standard library only.

    scripts/fuzz.py --binary .build/debug/ltx-prep [--count 1000] [--seed 1]
                    [--run-timeout 20] [--total-timeout 1800] [--jobs 2] [--keep DIR]

Exit status: 0 when no crash, hang or invalid JSON was seen, else 1.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MEDIA_SUFFIXES = (".mp4", ".mov", ".mkv", ".webm", ".ts", ".avi", ".m4a", ".aac", ".wav", ".mp3",
                  ".ogg", ".png", ".jpg", ".webp", ".bmp", ".gif")
# Larger files make slow mutants without reaching new code.
MAX_SEED_BYTES = 100_000
INTERESTING_32 = [0, 1, 7, 8, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF]


def seeds(folder):
    names = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(MEDIA_SUFFIXES) and 0 < os.path.getsize(path) <= MAX_SEED_BYTES:
            names.append(path)
    return names


def bit_flips(data, rng):
    for _ in range(rng.randint(1, 16)):
        i = rng.randrange(len(data))
        data[i] ^= 1 << rng.randrange(8)
    return "bit-flips"


def byte_run(data, rng):
    start = rng.randrange(len(data))
    length = min(rng.randint(1, 256), len(data) - start)
    fill = rng.choice([None, 0x00, 0xFF])
    for i in range(start, start + length):
        data[i] = rng.randrange(256) if fill is None else fill
    return "byte-run"


def truncation(data, rng):
    keep = rng.randint(1, max(1, len(data) - 1))
    del data[keep:]
    return "truncation"


def header_field(data, rng):
    # Sizes, counts and dimensions live in the first few hundred bytes of
    # every container: overwrite one 16- or 32-bit big- or little-endian field.
    limit = max(1, min(len(data) - 4, 2048))
    at = rng.randrange(limit)
    value = rng.choice(INTERESTING_32 + [len(data), rng.randrange(1 << 32)])
    fmt = rng.choice([">I", "<I", ">H", "<H"])
    if fmt.endswith("H"):
        value &= 0xFFFF
    struct.pack_into(fmt, data, at, value)
    return "header-field"


def cut_out(data, rng):
    start = rng.randrange(len(data))
    del data[start:start + rng.randint(1, 4096)]
    return "cut-out"


MUTATORS = [bit_flips, byte_run, truncation, header_field, cut_out]


def make_mutants(sources, count, rng, folder):
    mutants = []
    for n in range(count):
        source = rng.choice(sources)
        with open(source, "rb") as f:
            data = bytearray(f.read())
        mutator = rng.choice(MUTATORS)
        kind = mutator(data, rng)
        if not data:
            data = bytearray(b"\0")
        base = os.path.basename(source)
        stem, ext = os.path.splitext(base)
        path = os.path.join(folder, "%05d-%s-%s%s" % (n, stem, kind, ext))
        with open(path, "wb") as f:
            f.write(data)
        mutants.append(path)
    return mutants


def run_one(binary, command, path, run_timeout):
    """(command, path, outcome, exit code or None, detail)."""
    args = [binary, command, "--json", "--timeout", str(max(1, run_timeout // 2)), path]
    try:
        p = subprocess.run(args, capture_output=True, timeout=run_timeout, env=dict(os.environ, NO_COLOR="1"))
    except subprocess.TimeoutExpired:
        return command, path, "hang", None, "no exit within %d s" % run_timeout
    if p.returncode < 0:
        return command, path, "crash", p.returncode, "signal %d" % -p.returncode
    lines = p.stdout.decode("utf-8", "replace").splitlines()
    obj = None
    if len(lines) == 1:
        try:
            obj = json.loads(lines[0])
        except ValueError:
            pass
    if not isinstance(obj, dict):
        return command, path, "invalid-json", p.returncode, "%d stdout lines" % len(lines)
    # An unreadable file's line is {"error": {"kind": ...}} (check) or the same without "file" (probe).
    error = obj.get("error")
    return command, path, "ok", p.returncode, error.get("kind", "?") if isinstance(error, dict) else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/ltx-prep"))
    ap.add_argument("--fixtures", default=os.path.join(ROOT, "fixtures"))
    ap.add_argument("--count", type=int, default=1000, help="mutants to make (default 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--run-timeout", type=int, default=20, help="seconds before one run counts as a hang")
    ap.add_argument("--total-timeout", type=int, default=1800, help="seconds for the whole fuzz; unrun mutants are reported")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--keep", help="copy mutants that crashed, hung or gave invalid JSON here")
    args = ap.parse_args()

    if not os.access(args.binary, os.X_OK):
        sys.exit("fuzz.py: %s: not an executable (build it first: swift build --product ltx-prep)" % args.binary)
    sources = seeds(args.fixtures)
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="ltx-fuzz-")
    started = time.monotonic()
    try:
        mutants = make_mutants(sources, args.count, rng, work)
        runs = [(c, m) for m in mutants for c in ("check", "probe")]
        results = []
        skipped = 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            pending = {}
            queue = iter(runs)
            def submit():
                nonlocal skipped
                for command, path in queue:
                    if time.monotonic() - started > args.total_timeout:
                        skipped += 1
                        continue
                    pending[pool.submit(run_one, args.binary, command, path, args.run_timeout)] = path
                    return
            for _ in range(args.jobs * 2):
                submit()
            while pending:
                done, _ = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
                for future in done:
                    del pending[future]
                    results.append(future.result())
                    if len(results) % 200 == 0:
                        print("fuzz: %d of %d runs" % (len(results), len(runs)), file=sys.stderr, flush=True)
                    submit()
        elapsed = time.monotonic() - started

        outcomes = collections.Counter(r[2] for r in results)
        codes = collections.Counter(r[3] for r in results if r[3] is not None)
        kinds = collections.Counter(r[4] for r in results if r[2] == "ok" and r[4])
        bad = [r for r in results if r[2] != "ok"]
        print("ltx-prep fuzz: seed %d, %d seed files, %.0f s" % (args.seed, len(sources), elapsed))
        print("| %-24s | %8s |" % ("figure", "count"))
        print("|%s|%s|" % ("-" * 26, "-" * 10))
        for label, value in [("mutants", len(mutants)), ("runs", len(results)), ("runs skipped (time cap)", skipped),
                             ("crashes (signals)", outcomes["crash"]), ("hangs (time-outs)", outcomes["hang"]),
                             ("invalid JSON", outcomes["invalid-json"])]:
            print("| %-24s | %8d |" % (label, value))
        for code in sorted(codes):
            print("| %-24s | %8d |" % ("exit %d" % code, codes[code]))
        for kind in sorted(kinds):
            print("| %-24s | %8d |" % ("error kind %s" % kind, kinds[kind]))
        for command, path, outcome, code, detail in bad[:50]:
            print("%s %s %s: %s" % (outcome, command, os.path.basename(path), detail))
        if bad and args.keep:
            os.makedirs(args.keep, exist_ok=True)
            for _, path, _, _, _ in bad:
                shutil.copy(path, args.keep)
            print("kept %d mutants in %s" % (len({r[1] for r in bad}), args.keep))
        return 1 if bad else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
