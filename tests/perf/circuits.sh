#!/usr/bin/env bash
# Measures the server memory one live player circuit costs, with real headless Chromium tabs.
# Usage: tests/perf/circuits.sh [tabs-per-wave]   (needs Chromium: apt-get install -y chromium)
set -euo pipefail
cd "$(dirname "$0")/../.."
tabs=${1:-60}
port=5198
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet publish src/Course.Web -c Release -o "$work/app" --nologo -v q >/dev/null
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production Database__DataDirectory="$work/data" Logging__LogLevel__Default=Warning \
  exec dotnet Course.Web.dll --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1) &
server=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.5; done
dotnet run -c Release --project tests/Course.Benchmarks -- circuits "http://127.0.0.1:$port/" "$server" "$tabs"
