#!/usr/bin/env bash
# FFmpeg's headers and pkg-config files of another Debian release, unpacked, not installed:
#
#   scripts/ffmpeg-headers.sh 7.1|9.0 [DEST]      (DEST defaults to .ffmpeg/VERSION)
#
# so ltx-prep can be compiled against the FFmpeg that Debian 13 (trixie, 7.1) and Debian sid
# (9.0) ship while this machine keeps its own (Debian 12's 5.1). The -dev packages come from
# Debian's package registry through apt with a sources list, lists and cache of their own
# under DEST (the machine's apt state is not touched), are unpacked with dpkg-deb -x into
# DEST/root, and DEST/pkgconfig gets their .pc files with /usr rewritten to DEST/root/usr.
# Only headers are usable: the shared libraries are not downloaded (compiling needs none).
#
# Prints DEST/pkgconfig, the directory to put in PKG_CONFIG_PATH. Does nothing when DEST
# already holds that version. Fails when the suite no longer has the version asked for
# (sid moves on), instead of compiling against another FFmpeg under the old name.
set -euo pipefail

version=${1:?usage: $0 7.1|9.0 [DEST]}
# Which Debian suite ships which FFmpeg (checked against the registry on 2026-12-06:
# trixie 7:7.1.5-0+deb13u1, sid 7:9.0.2-4, experimental none).
case "$version" in
    7.1) suite=trixie ;;
    9.0) suite=sid ;;
    *) echo "$0: no Debian suite known for FFmpeg $version (7.1 or 9.0)" >&2; exit 2 ;;
esac
dest=${2:-.ffmpeg/$version}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
stamp="$dest/complete"
if [[ -f "$stamp" ]]; then
    echo "$dest/pkgconfig"
    exit 0
fi

packages=(libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev)
apt="$dest/apt"
rm -rf "$apt" "$dest/root" "$dest/pkgconfig"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs" "$dest/root" "$dest/pkgconfig"
# The machine's keyring (debian-archive-keyring) verifies the suite's Release file.
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" \
    >"$apt/sources.list"
opts=(
    -o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o Dir::State::status=/dev/null
    -o Debug::NoLocking=1 -o APT::Sandbox::User=root -o Acquire::Languages=none
)
apt-get "${opts[@]}" -qq update >&2

# The upstream version Debian packages (epoch and revision stripped) must be the one asked for.
candidate=$(apt-cache "${opts[@]}" policy libavformat-dev | awk '/Candidate:/ { print $2 }')
upstream=${candidate#*:}
upstream=${upstream%%-*}
if [[ "$upstream" != "$version" && "$upstream" != "$version".* ]]; then
    echo "$0: Debian $suite has FFmpeg ${candidate:-none} (libavformat-dev), not $version; update the suite table in $0" >&2
    exit 1
fi

(cd "$apt/debs" && apt-get "${opts[@]}" -qq download "${packages[@]/%/=$candidate}" >&2)
for deb in "$apt/debs"/*.deb; do dpkg-deb -x "$deb" "$dest/root"; done

multiarch=$(gcc -print-multiarch 2>/dev/null || dpkg-architecture -qDEB_HOST_MULTIARCH)
for pc in "$dest/root/usr/lib/$multiarch/pkgconfig"/*.pc; do
    # Debian writes libdir and includedir as absolute /usr paths, not through ${prefix}.
    sed -E "s|^(prefix\|exec_prefix\|libdir\|includedir\|sharedlibdir)=/usr|\1=$dest/root/usr|" \
        "$pc" >"$dest/pkgconfig/$(basename "$pc")"
done
grep -q "^includedir=$dest/root/" "$dest/pkgconfig/libavformat.pc"

rm -rf "$apt"
echo "$suite libavformat-dev $candidate" >"$stamp"
echo "$dest/pkgconfig"
