#!/usr/bin/env bash
# Measures the catalogue and outline pages against the same HTML served as a static file, with wrk.
# Usage: tests/perf/pages.sh [seconds]   (needs wrk: apt-get install -y wrk)
# Publishes a throwaway copy of the app (Release, Production) to a temp folder; the repository is untouched.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
port=5199
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

copy() {
  rm -rf "$work/repo" && mkdir -p "$work/repo"
  git ls-files -z | xargs -0 -I{} cp --parents {} "$work/repo/"
}

start() {
  (cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production Database__DataDirectory="$work/data" Logging__LogLevel__Default=Warning \
    exec dotnet Course.Web.dll --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1) &
  server=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/" >/dev/null && return; sleep 0.5; done
  echo "server did not start"; cat "$work/server.log"; exit 1
}

# 1. Publish once and capture the pages' HTML.
copy
dotnet publish "$work/repo/src/Course.Web" -c Release -o "$work/app" --nologo -v q >/dev/null
start
mkdir -p "$work/repo/wwwroot-assets/bench"
curl -sf "http://127.0.0.1:$port/" >"$work/repo/wwwroot-assets/bench/catalogue.html"
curl -sf "http://127.0.0.1:$port/courses/ai-engineering/chapters/foundation-models" >"$work/repo/wwwroot-assets/bench/outline.html"
kill $server; wait $server 2>/dev/null || true

# 2. Publish again with those pages as static files, and measure all four.
dotnet publish "$work/repo/src/Course.Web" -c Release -o "$work/app" --nologo -v q >/dev/null
start
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for path in / /bench/catalogue.html /courses/ai-engineering/chapters/foundation-models /bench/outline.html; do
  curl -sf "http://127.0.0.1:$port$path" >/dev/null # warm up
  printf '%-55s ' "$path ($(curl -s "http://127.0.0.1:$port$path" | wc -c) bytes)"
  wrk -t2 -c64 -d"${seconds}s" "http://127.0.0.1:$port$path" | awk '/Requests\/sec/ {printf "%s req/s  ", $2} /Latency/ {printf "latency avg %s  ", $2} END {print ""}'
done
