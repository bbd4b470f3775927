#!/usr/bin/env bash
# Compiles the C shim and LTXMedia against one FFmpeg's headers and fails on any warning
# from FFmpeg's headers or our code (make check-ffmpeg FFMPEG=...):
#
#   scripts/check-ffmpeg.sh 5.1|7.1|9.0
#
# 5.1 is the machine's own (Debian 12's -dev packages, installed by make deps); 7.1 and 9.0
# are unpacked by scripts/ffmpeg-headers.sh, not installed. Nothing is linked or run: that
# is make test-ffmpeg's job.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: $0 5.1|7.1|9.0}
swift=${SWIFT:-swift}
start=$SECONDS

if [[ "$version" == 5.1 ]]; then
    # The machine's FFmpeg, whatever PKG_CONFIG_PATH says: lavf 59 is FFmpeg 5.x.
    unset PKG_CONFIG_PATH
    lavf=$(pkg-config --modversion libavformat)
    [[ "$lavf" == 59.* ]] || { echo "$0: this machine's libavformat is $lavf, not FFmpeg 5.1's 59.x" >&2; exit 1; }
else
    PKG_CONFIG_PATH=$(scripts/ffmpeg-headers.sh "$version")
    export PKG_CONFIG_PATH
    lavf=$(pkg-config --modversion libavformat)
fi
cflags=$(pkg-config --cflags libavformat libavcodec libavutil libswscale libswresample)
if [[ "$version" != 5.1 && "$cflags" != *"/.ffmpeg/$version/"* ]]; then
    echo "$0: pkg-config gave '$cflags', not the unpacked FFmpeg $version" >&2
    exit 1
fi
echo "FFmpeg $version: libavformat $lavf, ${cflags:-system include paths}"

# The shim as a header of ours (not under [system] as in module.modulemap), so FFmpeg's headers are not system headers and gcc reports
# what they declare deprecated. Clang too where the Swift toolchain has it: it is what
# imports the shim into Swift.
compilers=(gcc)
clang=$(dirname "$(command -v "$swift")")/clang
[[ -x "$clang" ]] && compilers+=("$clang")
for cc in "${compilers[@]}"; do
    # shellcheck disable=SC2086 # cflags is a list of flags
    "$cc" -fsyntax-only -Wall -Wextra -Werror $cflags -x c-header Sources/CFFmpeg/shim.h
    echo "shim.h: no warning from $(basename "$cc")"
done

# LTXMedia with its own scratch path (.gitignore's .build-*/), every Swift warning an error.
# Warnings that SwiftPM prints about dependencies' manifests are not ours; any warning that
# names our sources or FFmpeg's headers is.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "$swift" build --target LTXMedia --scratch-path ".build-ffmpeg-$version" -Xswiftc -warnings-as-errors >"$log" 2>&1; then
    cat "$log"
    echo "$0: LTXMedia does not build against FFmpeg $version" >&2
    exit 1
fi
if grep -E "warning:" "$log" | grep -E "$PWD/(Sources|Tests)/|/libav|/libsw|\.ffmpeg/" >&2; then
    echo "$0: warnings against FFmpeg $version (above)" >&2
    exit 1
fi
echo "LTXMedia: built against FFmpeg $version with no warning ($((SECONDS - start)) s)"
