#!/usr/bin/env bash
# make bench, part 3: a 100 MB upload to the sandbox by ltx-prep beside curl -T
# to an upload URL of the same sandbox. Prints peak memory and throughput.
set -euo pipefail
BIN=$(realpath "$1"); MEDIA=$2; OUT=$3; RUNS=${BENCH_UPLOAD_RUNS:-5}
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
SIZE=$(stat -c %s "$FILE")
STORE=$(mktemp -d)
"$BIN" sandbox --port 0 --api-key bench --storage "$STORE" > "$OUT/sandbox.log" 2>&1 &
SBX=$!
trap 'kill $SBX 2>/dev/null; rm -rf "$STORE"' EXIT
for _ in $(seq 100); do grep -q "listening on" "$OUT/sandbox.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$OUT/sandbox.log" | grep -o '[0-9]*$')
export LTXV_API_KEY=bench LTX_API_BASE_URL=http://127.0.0.1:$PORT
# One ticket for curl (the sandbox lets a ticket be reused within its hour).
TICKET=$(curl -sS --fail -X POST -H "Authorization: Bearer bench" "$LTX_API_BASE_URL/v1/upload")
URL=$(echo "$TICKET" | python3 -c 'import json,sys; print(json.load(sys.stdin)["upload_url"])')
HEADER=$(echo "$TICKET" | python3 -c 'import json,sys; print("".join(f"{k}:{v}" for k,v in json.load(sys.stdin)["required_headers"].items()))')
hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$OUT/upload.json" \
  "$BIN upload $FILE" \
  "curl -sS --fail -o /dev/null -T $FILE -H $HEADER -H Content-Type:video/x-matroska -H Expect: $URL" >/dev/null
# Peak resident memory of each, from getrusage of the child.
python3 - "$BIN" "$FILE" "$URL" "$SIZE" "$OUT" "$HEADER" <<'PY'
import json, resource, subprocess, sys
binary, path, url, size, out, header = sys.argv[1:]
def peak(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB, max over children so far
ours = peak([binary, "upload", path])
theirs_proc = subprocess.run(["python3", "-c", "import resource,subprocess,sys; subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
                              "curl", "-sS", "--fail", "-o", "/dev/null", "-T", path, "-H", header, "-H", "Expect:", url],
                             capture_output=True, text=True, check=True)
theirs = int(theirs_proc.stdout.strip())
json.dump({"size": int(size), "ltx_prep_peak_kib": ours, "curl_peak_kib": theirs}, open(f"{out}/upload_memory.json", "w"))
PY
