#!/usr/bin/env bash
# Load smoke: one minute of the load client (5 signed-in learners, `mixed`) against the app built from this
# checkout, on a fresh SQLite database and a port the kernel picks. Fails (exit 1) when the client saw any
# error or the server logged an error; prints the client's report either way.
# Usage: tests/perf/smoke.sh [Debug|Release] [client options, which win over these]   (CI: after `dotnet test` built Debug)
set -euo pipefail
cd "$(dirname "$0")/../.."
config=${1:-Debug}
work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/Course.Web -c "$config" --nologo -v q >/dev/null
dotnet build tests/Course.Load -c "$config" --nologo -v q >/dev/null

# Production settings (JSON logs), the app's own output folder, port 0: Kestrel says which port it took.
(cd "src/Course.Web/bin/$config/net10.0" && ASPNETCORE_ENVIRONMENT=Production Database__DataDirectory="$work/data" \
  RateLimits__AccountPostsPerMinute=100000 exec dotnet Course.Web.dll --urls "http://127.0.0.1:0" >"$work/server.log" 2>&1) &
server=$!
url=
for _ in $(seq 1 120); do
  url=$(grep -o 'Now listening on: http://[0-9.]*:[0-9]*' "$work/server.log" | head -1 | sed 's/Now listening on: //') || true
  [ -n "$url" ] && curl -sf -o /dev/null "$url/health/ready" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { echo "smoke: the server exited"; cat "$work/server.log"; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { echo "smoke: the server never listened"; cat "$work/server.log"; exit 1; }

status=0
dotnet "tests/Course.Load/bin/$config/net10.0/Course.Load.dll" --server "$url" --server-pid "$server" \
  --scenario mixed --learners 5 --ramp 5 --duration 60 "${@:2}" || status=$?

# Circuit failures the client could not see (an exception in a handler the page survived) are logged by the server.
if grep -E '"LogLevel":"(Error|Critical)"' "$work/server.log" >/dev/null; then
  echo "smoke: the server logged errors:"
  grep -E '"LogLevel":"(Error|Critical)"' "$work/server.log" | head -20
  status=1
fi

echo "smoke: $([ "$status" -eq 0 ] && echo passed || echo failed)"
exit "$status"
