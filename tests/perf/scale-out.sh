#!/usr/bin/env bash
# Figure 7 (docs/performance.md): the `mixed` load on PostgreSQL through nginx with two app instances, against one
# instance alone on the same database and cores. The proxy is deploy/nginx/nginx.conf (the compose profile's) with
# only its addresses, ports and file paths changed for a local run.
# Usage: tests/perf/scale-out.sh PUBLISHED_DIR LEARNERS [seconds] [runs]
# Needs nginx (apt-get install -y nginx-light) and PostgreSQL: SCALE_OUT_POSTGRES="Host=…;Port=…;Username=…" or, as
# root with Debian's postgresql package, a throwaway cluster started here. Learners are spread over 8 loopback
# addresses (127.0.1.1 … 127.0.8.1) so ip_hash sends them to both instances, each learner to one.
# SCALE_OUT_PACE=0 takes the think times out (each learner acts as soon as it sees the effect): throughput at saturation.
# Each run: one instance alone (direct), then two behind nginx, each on a new database; prints the client's summary,
# the interactions per second of each, the ratio, and how many learners each instance served.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
app=$(cd "$1" && pwd)
learners=$2
seconds=${3:-60}
runs=${4:-3}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${pgdata:-}" ]; then runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

postgres=${SCALE_OUT_POSTGRES:-}
if [ -z "$postgres" ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
  chown postgres "$work"; pgdata="$work/pg"
  runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$work/pg.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p ${SCALE_OUT_PG_PORT:-55595} -k $work -c max_connections=300" start >/dev/null || { cat "$work/pg.log"; exit 1; }
  postgres="Host=127.0.0.1;Port=${SCALE_OUT_PG_PORT:-55595};Username=postgres"
fi

dotnet build -c Release "$root/tests/Course.Load" --nologo -v q >/dev/null
client="$root/tests/Course.Load/bin/Release/net10.0/Course.Load.dll"
addresses=$(seq -s, -f '127.0.%g.1' 1 8)

serve() { # $1: port, $2: database; the instance's pid in $served
  (cd "$app" && ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres \
    ConnectionStrings__Course="$postgres;Database=$2;Maximum Pool Size=40" Database__MigrateOnStartup=false \
    ASPNETCORE_FORWARDEDHEADERS_ENABLED=true Logging__LogLevel__Default=Warning RateLimits__AccountPostsPerMinute=100000 \
    RateLimits__CircuitsPerAddress=100000 exec dotnet Course.Web.dll --urls "http://127.0.0.1:$1" >"$work/server-$1.log" 2>&1) &
  served=$!
  pids+=("$served")
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$1/" && return; sleep 0.25; done
  echo "the instance on port $1 did not start:"; cat "$work/server-$1.log"; exit 1
}

migrate() { # $1: database
  (cd "$app" && ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres Logging__LogLevel__Default=Warning \
    ConnectionStrings__Course="$postgres;Database=$1" dotnet Course.Web.dll migrate >"$work/migrate.log" 2>&1) \
    || { cat "$work/migrate.log"; exit 1; }
}

load() { # $1: server address, $2: label; prints the summary and leaves interactions per second in $rate
  dotnet "$client" --server "$1" --scenario mixed --learners "$learners" --ramp 10 --duration "$seconds" --pace "${SCALE_OUT_PACE:-1}" \
    --source-addresses "$addresses" --account-prefix "$2" >"$work/$2.log" 2>&1 || true
  sed -n '/^interaction/,$p' "$work/$2.log"
  total=$(awk '/^\[/ { for (i = 1; i < NF; i++) if ($i == "interactions") n = $(i + 1) } END { print n + 0 }' "$work/$2.log")
  rate=$(awk -v n="$total" -v s="$seconds" 'BEGIN { printf "%.1f", n / s }')
  grep -q '^errors: 0$' "$work/$2.log" || echo "$2: the client met errors (above)"
}

sed -e 's/^error_log .*/error_log '"${work//\//\\/}"'\/nginx-error.log notice;/' \
    -e 's/^pid .*/pid '"${work//\//\\/}"'\/nginx.pid;/' \
    -e 's/access_log .* main;/access_log '"${work//\//\\/}"'\/nginx-access.log main;/' \
    -e 's/server app1:8080/server 127.0.0.1:5192/' -e 's/server app2:8080/server 127.0.0.1:5193/' \
    -e 's/listen 80;/listen 127.0.0.1:5191;/' "$root/deploy/nginx/nginx.conf" >"$work/nginx.conf"

for run in $(seq 1 "$runs"); do
  echo "== run $run (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  migrate "alone$run"; serve 5192 "alone$run"; alone=$served
  echo "-- one instance alone"
  load "http://127.0.0.1:5192" "alone$run"; alone_rate=$rate
  kill "$alone"; wait "$alone" 2>/dev/null || true

  migrate "pair$run"; serve 5192 "pair$run"; first=$served; serve 5193 "pair$run"; second=$served
  : >"$work/nginx-access.log"
  nginx -c "$work/nginx.conf" -p "$work" -g "daemon off;" 2>>"$work/nginx-error.log" &
  proxy=$!; pids+=("$proxy")
  for _ in $(seq 1 40); do curl -sf -o /dev/null "http://127.0.0.1:5191/" && break; sleep 0.25; done
  echo "-- two instances behind nginx"
  load "http://127.0.0.1:5191" "pair$run"; pair_rate=$rate
  # Each learner's hub connections (negotiate and WebSocket) went to one instance: every client address to one upstream.
  echo "hub requests per client address → instance:"
  awk '/_blazor/ { split($0, u, "upstream="); split(u[2], a, " "); print $1, a[1] }' "$work/nginx-access.log" | sort | uniq -c
  split=$(awk '/_blazor/ { split($0, u, "upstream="); split(u[2], a, " "); print $1, a[1] }' "$work/nginx-access.log" | sort -u | awk '{ print $1 }' | uniq -d | wc -l)
  echo "client addresses that reached both instances: $split"
  kill "$proxy" "$first" "$second"; wait "$proxy" "$first" "$second" 2>/dev/null || true
  for port in 5192 5193; do
    errors=$(grep -c '"LogLevel":"Error"' "$work/server-$port.log" || true)
    echo "instance $port logged $errors error(s)"
  done
  echo "run $run: one instance $alone_rate interactions/s, two behind nginx $pair_rate interactions/s, ratio $(awk -v a="$pair_rate" -v b="$alone_rate" 'BEGIN { printf "%.2f", a / b }')"
done
