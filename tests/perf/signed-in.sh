#!/usr/bin/env bash
# Signed-in pages under wrk: a learner's dashboard (/me) and a chapter outline with their place in it, 64 connections.
# Usage: tests/perf/signed-in.sh PUBLISHED_DIR [seconds] [runs]   (needs wrk; the load client built in Release)
# Starts the published app on a fresh SQLite database, has the load client make one learner with progress and a quiz
# attempt (the `script` scenario), signs that learner in through the login form with curl, and runs wrk with the cookie.
# SIGNED_IN_HOLD=SECONDS prints the cookie and the server's pid and waits that long first (to probe by hand).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
app=$(cd "$1" && pwd)
seconds=${2:-10}
runs=${3:-3}
port=${SIGNED_IN_PORT:-5122}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

(cd "$app" && ASPNETCORE_ENVIRONMENT=Production Database__DataDirectory="$work/data" Logging__LogLevel__Default=Warning \
  RateLimits__AccountPostsPerMinute=100000 exec dotnet Course.Web.dll --urls "$base" >"$work/server.log" 2>&1) &
server=$!
for _ in $(seq 1 240); do curl -sf -o /dev/null "$base/" && break; sleep 0.5; done

dotnet run -c Release --project "$root/tests/Course.Load" -- --server "$base" --scenario script --learners 1 --ramp 0 \
  --duration 120 --account-prefix perf >"$work/load.log" || { cat "$work/load.log"; exit 1; }

jar="$work/cookies"
form=$(curl -s -c "$jar" -b "$jar" "$base/account/login")
fields=()
while read -r name value; do fields+=(--data-urlencode "$name=$value"); done < <(
  grep -o '<input type="hidden" name="[^"]*" value="[^"]*"' <<<"$form" | sed 's/.*name="\([^"]*\)" value="\([^"]*\)"/\1 \2/')
curl -s -o /dev/null -c "$jar" -b "$jar" "${fields[@]}" --data-urlencode "Input.Email=perf-0@load.test" \
  --data-urlencode "Input.Password=load-client-password" "$base/account/login"
cookie=$(awk '!/^#/ || /^#HttpOnly_/ { sub(/^#HttpOnly_/, ""); if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$jar")
# The progress writer stores within 2 s of the learner's last step: wait for it, briefly.
for try in $(seq 1 10); do
  curl -s -H "Cookie: $cookie" "$base/me" | grep -q 'standing__bar' && break
  [ "$try" = 10 ] && { echo "the cookie does not open a dashboard with progress"; exit 1; }
  sleep 1
done

[ -n "${SIGNED_IN_HOLD:-}" ] && { echo "cookie: $cookie"; echo "server pid $server"; sleep "$SIGNED_IN_HOLD"; }
for page in /me /courses/ai-engineering/chapters/foundation-models; do
  for run in $(seq 1 "$runs"); do
    echo "== $page run $run (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    wrk -t2 -c64 -d"${seconds}s" --latency -H "Cookie: $cookie" "$base$page" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|errors'
  done
done
