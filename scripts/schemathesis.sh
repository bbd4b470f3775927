#!/usr/bin/env bash
# Runs schemathesis against a sandbox started here, with the key it accepts.
set -euo pipefail
binary="$1"
cd "$(dirname "$0")/.."
port=$((20000 + RANDOM % 20000))
storage="$(mktemp -d)"
"$binary" sandbox --port "$port" --api-key schemathesis --storage "$storage" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$storage"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
schemathesis run openapi.yaml --url "http://127.0.0.1:$port" -H "Authorization: Bearer schemathesis" \
    --checks all --max-examples "${MAX_EXAMPLES:-30}" "$@"
