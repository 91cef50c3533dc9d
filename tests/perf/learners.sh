#!/usr/bin/env bash
# Memory per live circuit and memory after learners leave, with the load client (docs/performance.md, figures 3-4).
# Usage: tests/perf/learners.sh PUBLISHED_DIR LEARNERS [scenario] [seconds]
# Needs dotnet-gcdump (dotnet tool install -g dotnet-gcdump). Starts the published app on a fresh SQLite database,
# then: a baseline after one warm-up learner (gcdump: managed heap after a full GC; VmRSS), N learners started over
# 20 s, the same readings while all N hold their circuits, and again once they have left (the client sends the
# disconnect beacon, as a closing tab does) and 10 s have passed. Prints the client's own report too.
# Per circuit = heap growth / live circuits (CircuitHost objects in the dump), since on a busy machine not all N may be live.
# LEARNERS_KEEP=DIR keeps the dumps. A last reading comes after the retention period (LEARNERS_RETENTION, 180 s).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
app=$(cd "$1" && pwd)
learners=$2
scenario=${3:-play}
seconds=${4:-90}
port=${LEARNERS_PORT:-5123}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
server=
export PATH="$PATH:$HOME/.dotnet/tools"
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

(cd "$app" && ASPNETCORE_ENVIRONMENT=Production Database__DataDirectory="$work/data" Logging__LogLevel__Default=Warning \
  RateLimits__AccountPostsPerMinute=100000 exec dotnet Course.Web.dll --urls "$base" >"$work/server.log" 2>&1) &
server=$!
for _ in $(seq 1 240); do curl -sf -o /dev/null "$base/" && break; sleep 0.5; done
dotnet build -c Release "$root/tests/Course.Load" --nologo -v q >/dev/null
client="$root/tests/Course.Load/bin/Release/net10.0/Course.Load.dll"

reading() { # $1: label
  local heap rss
  dotnet-gcdump collect -p "$server" -o "$work/$1.gcdump" >/dev/null 2>&1
  heap=$(dotnet-gcdump report "$work/$1.gcdump" | awk '/GC Heap bytes/ { gsub(",", "", $1); print $1; exit }')
  circuits=$(dotnet-gcdump report "$work/$1.gcdump" | awk '$3 == "Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost" { gsub(",", "", $2); n += $2 } END { print n + 0 }')
  rss=$(awk '/VmRSS/ { print $2 }' "/proc/$server/status")
  echo "$1: managed heap ${heap} bytes, live circuits ${circuits}, VmRSS ${rss} kB (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  cp "$work/$1.gcdump" "${LEARNERS_KEEP:-$work}/" 2>/dev/null || true
}

dotnet "$client" --server "$base" --scenario script --learners 1 --ramp 0 --duration 60 --account-prefix warm >/dev/null
reading baseline
dotnet "$client" --server "$base" --server-pid "$server" --scenario "$scenario" --learners "$learners" --ramp 20 \
  --duration "$seconds" >"$work/load.log" 2>&1 &
load=$!
sleep $((seconds - 20))
reading "with-$learners-learners"
wait "$load" || true
cat "$work/load.log"
sleep 10
reading "after-leaving"
# Circuits whose connection dropped are kept for the retention period (Circuits:DisconnectedRetentionSeconds, 180 s).
sleep "${LEARNERS_RETENTION:-180}"
reading "after-retention"
