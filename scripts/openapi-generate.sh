#!/usr/bin/env bash
# Regenerates Sources/LTXContract/Generated from openapi.yaml with the pinned
# swift-openapi-generator CLI (scripts/openapi-generator/Package.swift).
# The generated files are committed: the build plugin would make every clean
# build, CI's included, compile the generator, OpenAPIKit and Yams first.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --package-path scripts/openapi-generator --product swift-openapi-generator -q
generator="$(swift build --package-path scripts/openapi-generator --show-bin-path)/swift-openapi-generator"
out=Sources/LTXContract/Generated
rm -rf "$out"
args=(generate openapi.yaml --config Sources/LTXContract/openapi-generator-config.yaml --output-directory "$out")
"$generator" "${args[@]}" >/dev/null 2>&1 || "$generator" "${args[@]}"
# Foundation's value types come from FoundationEssentials on Linux: importing
# them through `Foundation` would link libFoundation and ICU into every binary.
for f in "$out"/*.swift; do
    sed -i '/import struct Foundation\./!s/\bFoundation\.\(URL\|Data\|Date\)\b/\1/g' "$f"
    sed -i 's/^public import struct Foundation\.\(URL\|Data\|Date\)$/#if canImport(FoundationEssentials)\npublic import struct FoundationEssentials.\1\n#else\npublic import struct Foundation.\1\n#endif/' "$f"
    # A plain import is public in Swift 6 mode; `public import` of a module a file
    # does not use publicly warns on Swift 6.3, which lacks the generator's
    # @diagnose(UnusedImportAccess) (6.4+). Same meaning, no warning.
    sed -i 's/^\(@_spi(Generated) \|@preconcurrency \)\{0,1\}public import /\1import /' "$f"
done
echo "regenerated $out from openapi.yaml"
