#!/usr/bin/env bash
# make bench: ltx-prep beside the ffprobe/ffmpeg CLI on the same files, as wall-time
# ratios: medians of runs taking turns (interleaved.py) where runs are short or drift
# would decide, hyperfine's means elsewhere. Media is generated on demand
# into bench/media/ (ignored by git) and reused on the next run.
set -euo pipefail
BIN=$(realpath "${1:-../.build/release/ltx-prep}")
HERE=$(cd "$(dirname "$0")" && pwd)
MEDIA="$HERE/media"
OUT="$MEDIA/results"
RUNS=${BENCH_RUNS:-20}
mkdir -p "$MEDIA" "$OUT"

ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
# make_once NAME ffmpeg-args...: writes NAME through a temporary file, once.
make_once() {
  local name=$1; shift
  [ -s "$MEDIA/$name" ] && return 0
  echo "generating $name" >&2
  local tmp="$MEDIA/.tmp.$name"
  ff "$@" "$tmp" && mv "$tmp" "$MEDIA/$name"
}

SRC=(-f lavfi -i testsrc2=size=1920x1080:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000)
make_once h264_aac_1080p_20s.mp4 "${SRC[@]}" -t 20 -c:v libx264 -preset ultrafast -crf 28 -pix_fmt yuv420p -c:a aac -b:a 96k
make_once h264_aac_1080p_20s.mkv -i "$MEDIA/h264_aac_1080p_20s.mp4" -c copy
make_once h264_aac_1080p_20s.ts -i "$MEDIA/h264_aac_1080p_20s.mp4" -c copy
# A short clip: ffprobe's own work shrinks with the file, so the start-up ratio is hardest here
# (issue 30 measured check at 0.53x of ffprobe on a 1080p25 8 s H.264/AAC MP4).
make_once h264_aac_1080p_8s.mp4 "${SRC[@]}" -t 8 -c:v libx264 -preset ultrafast -crf 28 -pix_fmt yuv420p -c:a aac -b:a 96k
make_once hevc_aac_1080p_10s.mov "${SRC[@]}" -t 10 -c:v libx265 -preset ultrafast -crf 32 -x265-params log-level=error -tag:v hvc1 -c:a aac -b:a 96k
make_once vp9_opus_720p_10s.webm -f lavfi -i testsrc2=size=1280x720:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 10 -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 1M -c:a libopus -b:a 64k

# For fix: 60 s of 720p H.264 (2 s GOP) with a section mid-way, and 10 s of VP9.
make_once h264_aac_720p_60s.mp4 -f lavfi -i testsrc2=size=1280x720:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 60 \
  -c:v libx264 -preset veryfast -crf 26 -g 50 -pix_fmt yuv420p -c:a aac -b:a 96k -movflags +faststart

# 50 files for one `ltx-prep check` against 50 ffprobe runs: five kinds, ten copies each.
SMALL=(-f lavfi -i testsrc2=size=640x360:rate=24 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 4)
make_once small.mp4 "${SMALL[@]}" -c:v libx264 -preset veryfast -crf 30 -c:a aac -b:a 64k
make_once small.mov "${SMALL[@]}" -c:v libx264 -preset veryfast -crf 30 -c:a aac -b:a 64k -f mov
make_once small.mkv "${SMALL[@]}" -c:v libx264 -preset veryfast -crf 30 -c:a aac -b:a 64k
make_once small.m4a -f lavfi -i sine=frequency=440:sample_rate=48000 -t 6 -c:a aac -b:a 64k
make_once small.png -f lavfi -i testsrc2=size=1280x720 -frames:v 1
mkdir -p "$MEDIA/many"
for i in $(seq -w 1 10); do
  for k in mp4 mov mkv m4a png; do
    [ -e "$MEDIA/many/clip$i.$k" ] || cp "$MEDIA/small.$k" "$MEDIA/many/clip$i.$k"
  done
done
MANY=$(ls "$MEDIA"/many/* | tr '\n' ' ')
[ "$(ls "$MEDIA"/many | wc -l)" -eq 50 ]

hf() { hyperfine --style none --warmup 2 "$@" >/dev/null 2>&1; }
BIG=(h264_aac_1080p_20s.mp4 h264_aac_1080p_8s.mp4 h264_aac_1080p_20s.mkv h264_aac_1080p_20s.ts hevc_aac_1080p_10s.mov vp9_opus_720p_10s.webm)
for f in "${BIG[@]}"; do
  p="$MEDIA/$f"
  echo "timing $f" >&2
  # Taking turns, medians (interleaved.py): tens of milliseconds each, where a spell of load
  # during one side's batch would decide the ratio.
  python3 "$HERE/interleaved.py" --json "$OUT/probe.$f.json" "$RUNS" \
    "$BIN" probe --json "$p" -- ffprobe -v error -show_format -show_streams "$p" >/dev/null
  python3 "$HERE/interleaved.py" --json "$OUT/count.$f.json" --warmups 1 10 \
    "$BIN" probe --json "$p" -- ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$p" >/dev/null
  "$BIN" probe --json "$p" > "$OUT/ours.$f.json"
  ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$p" > "$OUT/ffprobe_count.$f.txt"
done

# Start-up (issue 12): check beside ffprobe and beside the floor, a C program that only links
# the same five FFmpeg libraries, so the table shows what is left above what loading FFmpeg costs.
# Interleaved medians: a one-off spell of load then hits all three alike.
FLOOR_BIN="$MEDIA/floor"
if [ ! -x "$FLOOR_BIN" ] || [ "$HERE/floor.c" -nt "$FLOOR_BIN" ]; then
  cc -O2 "$HERE/floor.c" -o "$FLOOR_BIN" $(pkg-config --cflags --libs libavformat libavcodec libavutil libswscale libswresample)
fi
# 40 runs: the MOV row sits near its 0.5x line, and 20 medians moved it by 0.02.
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-40}
for f in "${BIG[@]}"; do
  p="$MEDIA/$f"
  echo "timing start-up: $f" >&2
  python3 "$HERE/interleaved.py" --json "$OUT/startup.$f.json" "$STARTUP_RUNS" \
    "$BIN" check "$p" -- ffprobe -v error -show_format -show_streams "$p" -- "$FLOOR_BIN" >/dev/null
done
echo "timing 50 files" >&2
hf -i --runs 5 --export-json "$OUT/many.json" \
  "$BIN check --json $MANY" \
  "for f in $MANY; do ffprobe -v error -show_format -show_streams \$f >/dev/null; done"

W="$MEDIA/out"; mkdir -p "$W"
LONG="$MEDIA/h264_aac_720p_60s.mp4"
VP9="$MEDIA/vp9_opus_720p_10s.webm"
# fix_case NAME RUNS OURS REFERENCE: wall time, then the peak RSS of each (peak_rss.py). The two
# commands take turns (interleaved.py, one warm-up round): a fix runs seconds, and hyperfine's
# back-to-back batches let the machine's drift over a minute land on one side only.
fix_case() {
  python3 "$HERE/interleaved.py" --json "$OUT/$1.json" --warmups 1 "$2" "$3" -- "$4" >/dev/null
  python3 "$HERE/peak_rss.py" "$OUT/rss.$1.json" "$3" "$4"
}
echo "timing fix: window cut" >&2
# Our plan puts the 21 s window at 19.5 s (section 28-32 s, centred); ffmpeg is given the same.
fix_case fix.window "$RUNS" \
  "$BIN fix $LONG --start 28 --duration 4 -o $W/window.mp4 --force" \
  "ffmpeg -nostdin -v error -y -ss 19.5 -t 21 -i $LONG -c copy $W/window_ff.mp4"
echo "timing fix: VP9 to H.264" >&2
# fix writes the Opus track as AAC-LC (64 kb/s for this mono track): ffmpeg does the same.
# 7 runs: both sides run the same libx264, and with 3 one run gave 1.09x where 5 right after gave 1.01x.
fix_case fix.vp9 7 \
  "$BIN fix $VP9 -o $W/vp9.mp4 --force --preset veryfast --crf 23" \
  "ffmpeg -nostdin -v error -y -i $VP9 -c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p -c:a aac -b:a 64k $W/vp9_ff.mp4"
echo "timing fix: 60 s clip against a full re-encode" >&2
fix_case fix.naive 2 \
  "$BIN fix $LONG --start 28 --duration 4 -o $W/window.mp4 --force" \
  "ffmpeg -nostdin -v error -y -i $LONG -c:v libx264 -c:a aac $W/naive_ff.mp4"

# Whole-video retake: 60 s of 1080p H.264 (2 s GOP), a 4 s section at 30.5 s, the window's
# answer made as the sandbox makes it (a negative). ltx-prep's local work is the splice; the
# reference re-encodes the whole clip with the splice's own libx264 settings (fast, CRF 17).
SPL="$MEDIA/h264_aac_1080p_60s_gop2s.mp4"
make_once h264_aac_1080p_60s_gop2s.mp4 -f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 60 \
  -c:v libx264 -preset veryfast -crf 23 -g 60 -keyint_min 60 -sc_threshold 0 -pix_fmt yuv420p -c:a aac -b:a 128k -movflags +faststart
make_once answer_1080p_8s.mp4 -ss 28 -t 8 -i "$SPL" -vf negate -c:v libx264 -preset ultrafast -crf 23 -c:a aac
echo "timing the splice of a whole-video retake" >&2
hf -N --runs 3 --export-json "$OUT/splice.json" \
  "$BIN splice $SPL $MEDIA/answer_1080p_8s.mp4 --window-start 28 --start 30.5 --duration 4 -o $W/splice.mp4 --force" \
  "ffmpeg -nostdin -v error -y -i $SPL -c:v libx264 -preset fast -crf 17 -c:a aac $W/splice_ff.mp4"
"$BIN" splice "$SPL" "$MEDIA/answer_1080p_8s.mp4" --window-start 28 --start 30.5 --duration 4 -o "$W/splice.mp4" --force --json > "$OUT/splice.out.json"
# The floor under that ratio: ffmpeg encoding only the frames the splice encodes (from the
# report's ranges), with the same settings and, as the splice's runs between copied GOPs, no
# B-frames; it too decodes from the keyframe before them.
FLOOR=$(python3 -c '
import json, sys
ranges = json.load(open(sys.argv[1]))["result"]["ranges"]
encoded = [r for r in ranges if r["source"] != "copied"]
# One stretch of encoded frames (one section): a floor for several would encode what lies between.
if encoded and all(b["first_frame"] == a["last_frame"] + 1 for a, b in zip(encoded, encoded[1:])):
    print(encoded[0]["start"], sum(r["last_frame"] - r["first_frame"] + 1 for r in encoded))' "$OUT/splice.out.json" || true)
FSTART=${FLOOR% *} FCOUNT=${FLOOR#* }
if [ -n "$FLOOR" ]; then
  hf -N --runs 3 --export-json "$OUT/splice.floor.json" \
    "ffmpeg -nostdin -v error -y -ss $FSTART -i $SPL -frames:v $FCOUNT -c:v libx264 -preset fast -crf 17 -bf 0 -an $W/splice_floor.mp4"
else
  echo "no floor for the splice: its report has no single stretch of encoded frames" >&2
  rm -f "$OUT/splice.floor.json"
fi

# Whole-video extend: the same 60 s of 1080p, 4 s added at its end. The answer is made as the
# sandbox makes one (the context sent, then the last picture held, in negative). ltx-prep's
# local work is the join (every input packet copied, the 4 s encoded, the sound copied up to
# the seam); the reference re-encodes the whole clip with the same libx264 settings.
make_once extend_answer_1080p.mp4 -ss 57.567 -i "$SPL" -vf "tpad=stop_mode=clone:stop_duration=4,negate" -af "apad=pad_dur=4" \
  -c:v libx264 -preset ultrafast -crf 23 -c:a aac
echo "timing the join of a whole-video extend" >&2
hf -N --runs 3 --export-json "$OUT/extend.json" \
  "$BIN extend $SPL --duration 4 --answer $MEDIA/extend_answer_1080p.mp4 -o $W/extend.mp4 --force" \
  "ffmpeg -nostdin -v error -y -i $SPL -c:v libx264 -preset fast -crf 17 -c:a aac $W/extend_ff.mp4"
"$BIN" extend "$SPL" --duration 4 --answer "$MEDIA/extend_answer_1080p.mp4" -o "$W/extend.mp4" --force --json > "$OUT/extend.out.json"
# Bit-identical, checked rather than taken from the report: the input's pictures against the output's first ones.
python3 - "$SPL" "$W/extend.mp4" "$OUT/extend.kept.json" <<'PY'
import hashlib, json, subprocess, sys
def frames(path, limit=None):
    args = ["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", "0:v"] + (["-frames:v", str(limit)] if limit else []) + ["-f", "framemd5", "-"]
    return [l.split(",")[-1].strip() for l in subprocess.run(args, capture_output=True, text=True, check=True).stdout.splitlines() if not l.startswith("#")]
source = frames(sys.argv[1])
out = frames(sys.argv[2], len(source))
kept = sum(a == b for a, b in zip(source, out))
json.dump({"input_frames": len(source), "kept": kept}, open(sys.argv[3], "w"))
PY

# The review's cost (issue 33: at most 10 % more than the edit): the same whole-video retake of
# the 60 s 1080p clip against the sandbox, with --review and without. Each run starts from an
# empty journal, so each pays the sandbox and splices again: the two sides do the same edit.
REV="$MEDIA/review"; rm -rf "$REV"; mkdir -p "$REV/storage"
"$BIN" sandbox --port 0 --api-key bench --storage "$REV/storage" > "$REV/sandbox.log" 2>&1 &
SANDBOX_PID=$!
for _ in $(seq 50); do grep -q 'listening on' "$REV/sandbox.log" && break; sleep 0.1; done
REV_URL=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$REV/sandbox.log")
REV_ENV="LTXV_API_KEY=bench LTX_API_BASE_URL=$REV_URL XDG_STATE_HOME=$REV/state LTX_PREP_POLL_INTERVAL=0.05"
REV_RETAKE="$BIN retake $SPL --start 30.5 --duration 4 --prompt p -o $W/retake.mp4 --force --yes --quiet"
echo "timing a whole-video retake with --review and without" >&2
hf -N --runs 3 --prepare "rm -rf $REV/state" --export-json "$OUT/review.json" \
  "env $REV_ENV $REV_RETAKE --review $W/retake.html" "env $REV_ENV $REV_RETAKE"
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true

# phone_clip NAME SIZE: 60 s of HEVC Main 10 HLG at SIZE, 30 fps, 2 s open GOPs, AAC, hvc1 in
# MOV, then turned for display as an upright phone clip (a remux: the encode drops `rotate`).
phone_clip() {
  [ -s "$MEDIA/$1" ] && return 0
  make_once ".enc.$1" -f lavfi -i testsrc2=size=$2:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 60 \
    -c:v libx265 -preset ultrafast -crf 26 -pix_fmt yuv420p10le \
    -x265-params log-level=error:keyint=60:min-keyint=60:scenecut=0:colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc \
    -color_primaries bt2020 -color_trc arib-std-b67 -colorspace bt2020nc -tag:v hvc1 -c:a aac -b:a 128k -f mov
  make_once "$1" -i "$MEDIA/.enc.$1" -map 0 -c copy -tag:v hvc1 -metadata:s:v:0 rotate=270 -f mov
  rm -f "$MEDIA/.enc.$1"
}
# phone_case NAME CLIP: the splice of a 4 s section (one run each: the reference alone takes
# minutes on two cores), its report, and both peak RSS.
phone_case() {
  local ours="$BIN splice $MEDIA/$2 $MEDIA/phone_answer_1080x1920_8s.mp4 --window-start 28 --start 30.5 --duration 4 --mode replace_video -o $W/$1.mov --force"
  local ref="ffmpeg -nostdin -v error -y -i $MEDIA/$2 -c:v libx265 -preset fast -crf 17 -pix_fmt yuv420p10le -x265-params log-level=error -c:a copy $W/$1_ff.mov"
  # One run and no warm-up: hyperfine directly (hf's own --warmup 2 cannot be given twice).
  hyperfine --style none -N --runs 1 --export-json "$OUT/$1.json" "$ours" "$ref" >/dev/null 2>&1
  $ours --json > "$OUT/$1.out.json"
  python3 "$HERE/peak_rss.py" "$OUT/rss.$1.json" "$ours" "$ref" 1
}
# A phone's clip, at 1080p and at 4K. The answer is what the API gives for its window:
# upright, 1080x1920, 8-bit SDR H.264. ltx-prep re-encodes the GOPs around the section with
# libx265 (fast, CRF 17, 10-bit, the answer's pictures converted to HLG; past 1440p held under
# 1 GB, see MatchingEncoder); the reference re-encodes the whole clip at the preset's own settings.
# BENCH_PHONE=0 leaves them out (the 4K reference alone runs for many minutes on two cores);
# their rows then are not printed, rather than printed from an earlier run.
if [ "${BENCH_PHONE:-1}" = 0 ]; then
  echo "leaving out the phone clips (BENCH_PHONE=0)" >&2
  rm -f "$OUT"/phone.json "$OUT"/phone4k.json "$OUT"/phone.out.json "$OUT"/phone4k.out.json "$OUT"/rss.phone.json "$OUT"/rss.phone4k.json
else
  phone_clip phone_hevc_hlg10_1080p30_60s.mov 1920x1080
  phone_clip phone_hevc_hlg10_2160p30_60s.mov 3840x2160
  make_once phone_answer_1080x1920_8s.mp4 -f lavfi -i testsrc2=size=1080x1920:rate=30 -t 8 -vf negate -c:v libx264 -preset ultrafast -crf 23 -pix_fmt yuv420p
  echo "timing the HEVC 10-bit HLG splice of a phone clip, 1080p and 4K" >&2
  phone_case phone phone_hevc_hlg10_1080p30_60s.mov
  phone_case phone4k phone_hevc_hlg10_2160p30_60s.mov
fi

echo "timing the journal and a 200-item batch" >&2
"$BIN" jobs measure --count 200 --journal "$OUT/journal-bench.sqlite" > "$OUT/journal.json"
rm -f "$OUT"/journal-bench.sqlite*
B="$MEDIA/batch"; mkdir -p "$B"
for i in $(seq -w 1 200); do [ -e "$B/clip$i.mp4" ] || cp "$MEDIA/small.mp4" "$B/clip$i.mp4"; done
for i in $(seq -w 1 200); do
  echo "{\"command\":\"retake\",\"input\":\"$B/clip$i.mp4\",\"start\":1,\"duration\":2,\"prompt\":\"p$i\",\"output\":\"$B/out$i.mp4\"}"
done > "$MEDIA/batch.jsonl"
BATCH_ENV="LTXV_API_KEY=bench LTX_API_BASE_URL=http://127.0.0.1:9"
hf -i --runs 3 --export-json "$OUT/batch.json" \
  "env $BATCH_ENV $BIN batch $MEDIA/batch.jsonl --dry-run" \
  "for f in $B/clip*.mp4; do $BIN check --start 1 --duration 2 \$f >/dev/null; done"

echo "timing a 100 MB upload" >&2
"$HERE/upload.sh" "$BIN" "$MEDIA" "$OUT"

python3 "$HERE/table.py" "$OUT" "${BIG[@]}"

# What the start-up rows rely on in the release link (Makefile's RELEASE, Sources/CCommandLine).
DYNSYM=$(readelf --dyn-syms -W "$BIN" | grep -c ': ')
if nm "$BIN" | grep -q argvGrabber; then GRABBER="linked (start-up reads /proc/self/maps)"; else GRABBER="not linked"; fi
RUNPATH=$(readelf -d "$BIN" | sed -n 's/.*(\(RUNPATH\|RPATH\)).*\[\(.*\)\]/\2/p'); RUNPATH=${RUNPATH:-none}
echo
echo "Release binary: $DYNSYM dynamic symbols; the Swift runtime's /proc/self/maps argv reader: $GRABBER; library search path of its own: $RUNPATH."
