#!/usr/bin/env bash
# make bench, part 3: a 100 MB upload to the sandbox by ltx-prep beside curl -T
# to an upload URL of the same sandbox, alternating, BENCH_UPLOAD_RUNS times each.
# Writes upload.json: per run, wall time and peak RSS of the process (wait4),
# and the transfer time each tool reports for its PUT (ltx-prep --json
# "seconds", curl -w %{time_total}: both from connecting to the answer).
# Two placements: "shared" (client and sandbox scheduled on any core), then
# "pinned" (sandbox on core 0, client on core 1), which is closer to the real
# case of a storage server on another machine: on a 2-core box the two
# otherwise compete for the same CPUs.
set -euo pipefail
BIN=$(realpath "$1"); MEDIA=$2; OUT=$3; RUNS=${BENCH_UPLOAD_RUNS:-9}
FILE="$MEDIA/upload_100mb.mkv"
# An earlier version could leave a file over the 100 MB limit.
[ -s "$FILE" ] && [ "$(stat -c %s "$FILE")" -gt 100000000 ] && rm -f "$FILE"
if [ ! -s "$FILE" ]; then
  echo "generating upload_100mb.mkv" >&2
  # -fs stops near the size given (it overshoots by a few MB) and still writes a valid file.
  ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=25 -t 120 \
    -c:v libx264 -preset ultrafast -crf 1 -fs 88000000 "$MEDIA/.tmp.upload.mkv"
  [ "$(stat -c %s "$MEDIA/.tmp.upload.mkv")" -le 100000000 ] || { echo "upload media over 100 MB" >&2; exit 1; }
  mv "$MEDIA/.tmp.upload.mkv" "$FILE"
fi
STORE=$(mktemp -d)
"$BIN" sandbox --port 0 --api-key bench --storage "$STORE" > "$OUT/sandbox.log" 2>&1 &
SBX=$!
trap 'kill $SBX 2>/dev/null; rm -rf "$STORE"' EXIT
for _ in $(seq 100); do grep -q "listening on" "$OUT/sandbox.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$OUT/sandbox.log" | grep -o '[0-9]*$')
export LTXV_API_KEY=bench LTX_API_BASE_URL=http://127.0.0.1:$PORT
python3 - "$BIN" "$FILE" "$RUNS" "$OUT" "$STORE" "$SBX" <<'PY'
import json, os, subprocess, sys, time, urllib.request
binary, path, runs, out, store, sandbox = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
base = os.environ["LTX_API_BASE_URL"]
# One ticket for curl (the sandbox lets a ticket be reused within its hour).
req = urllib.request.Request(base + "/v1/upload", method="POST", headers={"Authorization": "Bearer bench"})
ticket = json.load(urllib.request.urlopen(req))
headers = sum((["-H", f"{k}: {v}"] for k, v in ticket["required_headers"].items()), [])
curl = ["curl", "-sS", "--fail", "-o", "/dev/null", "-w", "%{time_total}", "-T", path, *headers,
        "-H", "Content-Type: video/x-matroska", "-H", "Expect:", ticket["upload_url"]]
ours = [binary, "upload", path, "--json"]

def run(cmd):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout = p.stdout.read(); p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} failed with {p.returncode}")
    for f in os.listdir(store):  # keep the sandbox's disk use flat between runs
        if f.startswith("upload-"): os.unlink(os.path.join(store, f))
    return wall, usage.ru_maxrss, stdout.decode()

def measure(prefix):
    results = {"ltx_prep": [], "curl": []}
    run(prefix + ours); run(prefix + curl)  # warm-up: page cache, sandbox
    for i in range(runs):
        for name, cmd in (("ltx_prep", ours), ("curl", curl)) if i % 2 == 0 else (("curl", curl), ("ltx_prep", ours)):
            wall, rss, text = run(prefix + cmd)
            transfer = json.loads(text)["seconds"] if name == "ltx_prep" else float(text)
            results[name].append({"wall_s": wall, "transfer_s": transfer, "peak_rss_kib": rss})
    return results

results = {"size": os.path.getsize(path), "shared": measure([])}
if os.cpu_count() >= 2:
    subprocess.run(["taskset", "-a", "-p", "-c", "0", sandbox], check=True, stdout=subprocess.DEVNULL)
    results["pinned"] = measure(["taskset", "-c", "1"])
json.dump(results, open(f"{out}/upload.json", "w"), indent=1)
PY
