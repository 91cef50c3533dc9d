#!/usr/bin/env bash
# Start-up of a published app to its first 200 on `/` (the catalogue), on an existing database or a new one.
# Usage: tests/perf/startup.sh PUBLISHED_DIR existing|new [runs]
#   existing: the database is made once beforehand (migrated and seeded), each run starts on it
#   new:      each run starts on an empty folder (the app migrates and seeds)
# Prints each run's milliseconds from the process start to the first 200, then the median. Extra settings go in the
# environment (e.g. DOTNET_TieredPGO=0, DOTNET_TC_QuickJitForLoops=1, DOTNET_ReadyToRun=0).
set -euo pipefail
app=$(cd "$1" && pwd)
mode=$2
runs=${3:-5}
port=${STARTUP_PORT:-5121}
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

start() { # $1: data folder; prints milliseconds to the first 200 and stops the server
  local began now
  began=$(date +%s%N)
  (cd "$app" && ASPNETCORE_ENVIRONMENT=Production Database__DataDirectory="$1" Logging__LogLevel__Default=Warning \
    exec dotnet Course.Web.dll --urls "http://127.0.0.1:$port" >>"$work/server.log" 2>&1) &
  server=$!
  until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" 2>/dev/null | grep -q 200; do
    kill -0 "$server" 2>/dev/null || { echo "the server exited:" >&2; cat "$work/server.log" >&2; exit 1; }
    sleep 0.05
  done
  now=$(date +%s%N)
  kill "$server"; wait "$server" 2>/dev/null || true; server=
  echo $(( (now - began) / 1000000 ))
}

if [ "$mode" = existing ]; then
  start "$work/data" >/dev/null # migrate and seed once
fi

times=()
for i in $(seq 1 "$runs"); do
  if [ "$mode" = new ]; then rm -rf "$work/data"; fi
  ms=$(start "$work/data")
  times+=("$ms")
  echo "run $i: $ms ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "$mode database: median $median ms of $runs runs (load average $(cut -d' ' -f1-3 /proc/loadavg))"
