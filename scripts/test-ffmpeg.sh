#!/usr/bin/env bash
# Builds ltx-prep and runs its tests against another Debian release's FFmpeg
# (make test-ffmpeg FFMPEG=7.1|9.0):
#
#   scripts/test-ffmpeg.sh 7.1|9.0 [swift test arguments...]
#
# in a Debian root made with debootstrap (trixie for 7.1, sid for 9.0) that has that FFmpeg's
# -dev packages and its ffmpeg/ffprobe CLI, with this machine's Swift toolchain (/opt/swift)
# and this checkout bind-mounted at the same paths. The root is kept in $FFMPEG_ROOTS
# (default ~/.cache/ltx-prep/roots) and made again when missing or incomplete; sid's is not
# upgraded on later runs (delete it for a newer sid). Needs root (debootstrap, chroot, mount)
# and the network to Debian's package registry. The mounts live in a private mount namespace
# and vanish with it.
#
# The tests compare ltx-prep with fixtures/expected.tsv, what FFmpeg 5.1's ffprobe measured:
# facts of the files, which ltx-prep must report the same on every FFmpeg. The root's ffprobe
# measures the fixtures again (fixtures/probe-fixtures.sh, into the scratch path) and where it
# differs from that table is printed, for a person to judge: newer ffprobes print durations
# to the microsecond, and FFmpeg 7.1's calls ADTS HE-AAC "LC" where 5.1's said "HE-AAC".
#
# Without arguments the test targets that touch media run (not LTXClientTests or
# LTXJournalTests, which have no FFmpeg in them); arguments go to `swift test` instead, e.g.
# `--filter LTXMediaTests`, or `--filter .` for every target.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

version=${1:?usage: $0 7.1|9.0 [swift test arguments...]}
shift
case "$version" in
    7.1) suite=trixie ;;
    9.0) suite=sid ;;
    *) echo "$0: no Debian suite known for FFmpeg $version (7.1 or 9.0)" >&2; exit 2 ;;
esac
[[ $(id -u) == 0 ]] || { echo "$0: needs root (debootstrap, chroot, mount)" >&2; exit 1; }
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
roots=${FFMPEG_ROOTS:-$HOME/.cache/ltx-prep/roots}
root=$roots/debian-$suite
swift_dir=/opt/swift
scratch=.build-debian-$suite
start=$SECONDS

# What the toolchain needs beside itself (the Swift images' list for Debian: libc and
# libstdc++ headers through g++, libcurl, libxml2, sqlite, ncurses, zlib, git for SwiftPM),
# FFmpeg's -dev packages and CLI, python3 for fixtures/probe-fixtures.sh, libde265's decoder for the HEVC tests. The toolchain's
# clang links with ld.gold, which binutils 2.44 split out and deprecated (sid's lags behind
# its binutils): the build uses the toolchain's own ld.lld instead.
packages=(
    g++ libc6-dev git pkg-config libcurl4t64 libxml2 libsqlite3-0 libncurses6 zlib1g-dev tzdata
    libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev ffmpeg python3 libde265-examples
)
stamp=$root/.ltx-prep-root
want="$suite ${packages[*]}"

in_root() {
    # A private mount namespace: /proc, /dev, the toolchain (read-only) and this checkout
    # are mounted for one command and unmounted when it ends, however it ends.
    unshare --mount --propagation private bash -euo pipefail -c '
        root=$1 swift_dir=$2 repo=$3; shift 3
        mount -t proc proc "$root/proc"
        mount --rbind /dev "$root/dev"
        mount -t tmpfs tmpfs "$root/tmp"
        mkdir -p "$root$swift_dir" "$root$repo"
        mount --bind "$swift_dir" "$root$swift_dir"
        mount -o remount,bind,ro "$root$swift_dir"
        mount --bind "$repo" "$root$repo"
        cp /etc/resolv.conf /etc/hosts "$root/etc/"
        exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
            PATH="$swift_dir/usr/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" "$@"
    ' in_root "$root" "$swift_dir" "$repo" "$@"
}

if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "Making the Debian $suite root in $root (debootstrap, then ${#packages[@]} packages)..."
    command -v debootstrap >/dev/null || ./scripts/apt-ensure.sh debootstrap
    rm -rf "$root"
    mkdir -p "$roots"
    debootstrap --variant=minbase --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
        "$suite" "$root" "$mirror" >"$roots/debootstrap-$suite.log" 2>&1 \
        || { tail -20 "$roots/debootstrap-$suite.log" >&2; exit 1; }
    # The root's apt checks Release files' dates as this machine's does: where the registry
    # is a snapshot, this machine's apt is told not to, and sid's would look expired.
    apt_opts=""
    apt-config dump | grep -q '^Acquire::Check-Valid-Until "false"' && apt_opts="-o Acquire::Check-Valid-Until=false"
    in_root sh -c "apt-get $apt_opts update -qq && DEBIAN_FRONTEND=noninteractive apt-get $apt_opts install -y -qq --no-install-recommends ${packages[*]} >/dev/null && apt-get clean"
    echo "$want" >"$stamp"
    echo "Root made in $((SECONDS - start)) s"
fi
in_root sh -c 'echo "Debian $(cat /etc/debian_version): FFmpeg $(dpkg-query -W -f="\${Version}" libavformat-dev), libavformat $(pkg-config --modversion libavformat)"'

# SwiftPM fetches the dependencies out here, where git has this machine's network and
# caches; inside, the checkouts are only built.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift package resolve --scratch-path "$scratch" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }

# That FFmpeg's ffprobe on the fixtures, against the committed table (see the top).
# Only the committed table's files: the crafted ones are not in it (they have their own tests).
expected=$scratch/expected.tsv
in_root bash -c "cd '$repo' && EXPECTED_TSV='$repo/$expected.all' fixtures/probe-fixtures.sh"
awk -F'\t' 'NR == FNR { keep[$1] = 1; next } keep[$1]' fixtures/expected.tsv "$expected.all" >"$expected"
echo "ffprobe $version and the committed fixtures/expected.tsv (FFmpeg 5.1) differ in:"
diff fixtures/expected.tsv "$expected" || true

build_start=$SECONDS
in_root bash -c "cd '$repo' && swift build --build-tests --scratch-path '$scratch' -Xswiftc -use-ld=lld"
echo "Built in $((SECONDS - build_start)) s"
test_start=$SECONDS
status=0
args=" --filter 'LTXMediaTests|LTXPreflightTests|LTXWorkflowTests|LTXSandboxTests|ReadmeExamplesTests|ltx_prepTests'"
[[ $# -gt 0 ]] && args=$(printf ' %q' "$@")
in_root bash -c "cd '$repo' && swift test --skip-build --disable-xctest --scratch-path '$scratch'$args" || status=$?
echo "FFmpeg $version (Debian $suite): tests took $((SECONDS - test_start)) s, $((SECONDS - start)) s in all, exit $status"
exit $status
