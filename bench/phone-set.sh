#!/usr/bin/env bash
# bench/phone-set.sh [BIN]: the clips phones record, made on demand into bench/media/ (never
# committed), each run through `fix` and a whole-video `retake` against the sandbox, with one
# line per clip: what fix did, and what the retake gave back (frames copied, the tags, rotation).
#   HEVC Main 10 HLG 1080p30 and 4K30, hvc1 in MOV, turned for display, AAC (make bench's clips)
#   H.264 High 1080p60 with B-frames (an edit list for their delay), AAC, MP4
set -euo pipefail
BIN=$(realpath "${1:-../.build/release/ltx-prep}")
HERE=$(cd "$(dirname "$0")" && pwd)
MEDIA="$HERE/media"
W=$(mktemp -d)
trap 'kill "$SANDBOX" 2>/dev/null || true; rm -rf "$W"' EXIT
mkdir -p "$MEDIA"
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

phone() {  # phone NAME SIZE: as bench/run.sh makes it (an encode, then a remux that adds the rotation)
  [ -s "$MEDIA/$1" ] && return 0
  echo "generating $1" >&2
  ff -f lavfi -i "testsrc2=size=$2:rate=30" -f lavfi -i sine=frequency=440:sample_rate=48000 -t 60 \
    -c:v libx265 -preset ultrafast -crf 26 -pix_fmt yuv420p10le \
    -x265-params log-level=error:keyint=60:min-keyint=60:scenecut=0:colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc \
    -color_primaries bt2020 -color_trc arib-std-b67 -colorspace bt2020nc -tag:v hvc1 -c:a aac -b:a 128k -f mov "$W/enc.mov"
  ff -i "$W/enc.mov" -map 0 -c copy -tag:v hvc1 -metadata:s:v:0 rotate=270 -f mov "$MEDIA/$1"
}
phone phone_hevc_hlg10_1080p30_60s.mov 1920x1080
phone phone_hevc_hlg10_2160p30_60s.mov 3840x2160
if [ ! -s "$MEDIA/phone_h264_1080p60_bframes_20s.mp4" ]; then
  echo "generating phone_h264_1080p60_bframes_20s.mp4" >&2
  ff -f lavfi -i testsrc2=size=1920x1080:rate=60 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 20 \
    -c:v libx264 -preset veryfast -profile:v high -bf 3 -g 120 -pix_fmt yuv420p -c:a aac -b:a 128k "$MEDIA/phone_h264_1080p60_bframes_20s.mp4"
fi

"$BIN" sandbox --port 0 --api-key bench --storage "$W" > "$W/sandbox.out" 2>&1 &
SANDBOX=$!
for _ in $(seq 100); do grep -q "listening on" "$W/sandbox.out" && break; sleep 0.1; done
PORT=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$W/sandbox.out" | head -1)
export LTXV_API_KEY=bench LTX_API_BASE_URL="http://127.0.0.1:$PORT" XDG_STATE_HOME="$W/state"

printf '| clip | fix (a retake of 12 s for 4 s) | fix s | retake: frames copied of all | tags and rotation kept | retake s |\n|---|---|---:|---|---|---:|\n'
for clip in phone_hevc_hlg10_1080p30_60s.mov phone_hevc_hlg10_2160p30_60s.mov phone_h264_1080p60_bframes_20s.mp4; do
  in="$MEDIA/$clip"
  t0=$(date +%s.%N)
  fixed=$("$BIN" fix "$in" --start 12 --duration 4 -o "$W/fixed-${clip%.*}.mp4" --force --json | python3 -c '
import json, sys
o = json.loads(sys.stdin.read())
print(", ".join(op["action"] for op in o["plan"]["operations"]) or "none")')
  t1=$(date +%s.%N)
  "$BIN" retake "$in" --start 12 --duration 4 --prompt bench --yes --json -o "$W/out-$clip" > "$W/retake.json"
  t2=$(date +%s.%N)
  python3 - "$in" "$W/out-$clip" "$W/retake.json" "$BIN" "$clip" "$fixed" "$t0" "$t1" "$t2" <<'PY'
import json, subprocess, sys
src, out, report, binary, clip, fixed, t0, t1, t2 = sys.argv[1:]
ranges = json.load(open(report))["splice"]["result"]["ranges"]
copied = sum(r["last_frame"] - r["first_frame"] + 1 for r in ranges if r["source"] == "copied")
total = max(r["last_frame"] for r in ranges) + 1
def video(path):
    return json.loads(subprocess.run([binary, "probe", "--json", path], capture_output=True, text=True, check=True).stdout)["video"][0]
a, b = video(src), video(out)
keys = ["codec", "pixel_format", "color_transfer", "color_primaries", "rotation", "coded_width", "coded_height"]
kept = "all" if all(a.get(k) == b.get(k) for k in keys) else ", ".join(f"{k} {a.get(k)} -> {b.get(k)}" for k in keys if a.get(k) != b.get(k))
print(f"| {clip} | {fixed} | {float(t1) - float(t0):.1f} | {copied} of {total} | {kept} | {float(t2) - float(t1):.1f} |")
PY
done
