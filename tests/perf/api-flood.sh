#!/usr/bin/env bash
# Does an API flood slow a signed-in learner mid-chapter? (docs/reliability.md, "Abuse")
# Usage: tests/perf/api-flood.sh PUBLISHED_DIR [LEARNERS=5] [SECONDS=60] [WRK_CONNECTIONS=64]
# Starts the published app (Release, Production, fresh SQLite, API limit at its default unless
# RateLimits__ApiRequestsPerMinute is set), then runs the load client's `play` scenario twice with the same learners:
# once on a quiet server, once while wrk floods the catalogue API (captions.vtt) from this address for the whole run.
# Prints both client reports, wrk's summary (its non-2xx count is the 429s), and the learners' p95 side by side.
# Run it on a quiet machine: client, flood and server share the cores. API_FLOOD_PORT moves the app (default 5181).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
app=$(cd "$1" && pwd)
learners=${2:-5}
seconds=${3:-60}
connections=${4:-64}
port=${API_FLOOD_PORT:-5181}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)" >&2; exit 2; }

(cd "$app" && ASPNETCORE_ENVIRONMENT=Production Database__DataDirectory="$work/data" Logging__LogLevel__Default=Warning \
  RateLimits__AccountPostsPerMinute=100000 exec dotnet Course.Web.dll --urls "$base" >"$work/server.log" 2>&1) &
server=$!
for _ in $(seq 1 240); do curl -sf -o /dev/null "$base/health/ready" && break; sleep 0.5; done
curl -sf -o /dev/null "$base/health/ready" || { echo "the app did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
dotnet build -c Release "$root/tests/Course.Load" --nologo -v q >/dev/null
client="$root/tests/Course.Load/bin/Release/net10.0/Course.Load.dll"
api="$base/api/courses/ai-engineering/chapters/foundation-models/captions.vtt"

play() { # $1: label; fresh signed-in learners each run (registered through the form)
  dotnet "$client" --server "$base" --server-pid "$server" --scenario play --learners "$learners" --ramp 5 \
    --duration "$seconds" --account-prefix "flood-$1" >"$work/$1.log" 2>&1 || true
  echo "== learners, $1"
  cat "$work/$1.log"
}

p95() { # $1: label, $2: interaction → its p95 in ms from the client's table
  awk -v name="$2" '$1 == name { print $4; found = 1 } END { if (!found) print "-" }' "$work/$1.log"
}

play quiet
wrk -t2 -c"$connections" -d"$((seconds + 5))s" "$api" >"$work/wrk.log" 2>&1 &
flood=$!
sleep 1
play flooded
wait "$flood" || true
echo "== wrk on $api ($connections connections, $((seconds + 5)) s)"
cat "$work/wrk.log"

echo "== learners' p95 (ms): $learners signed-in learners playing, $seconds s each"
printf '%-10s %10s %12s\n' interaction quiet flooded
for interaction in load next play pause; do
  printf '%-10s %10s %12s\n' "$interaction" "$(p95 quiet "$interaction")" "$(p95 flooded "$interaction")"
done
if grep -q " fail: \| crit: " "$work/server.log"; then echo "the server logged errors:"; grep -A3 " fail: \| crit: " "$work/server.log" | head -40; fi
