#!/usr/bin/env bash
# The consent issue's benchmark, one run on one server:
#  1. bulk import of BENCH_SUBJECTS x BENCH_PURPOSES records (default 100,000 x 10 = 1,000,000 CSV lines),
#     timed end to end (upload, parse, validate, write events and projection, batch by batch);
#  2. GET /api/v1/ping (no-op baseline) vs GET /api/v1/consents/check (API key, permission and rate limit
#     checked on every call; random subject and purpose of the imported set) at each of BENCH_CONNECTIONS,
#     interleaved (ping, check, ping, check) with wrk; prints req/s, p99 and the check/ping ratios.
#
#   bench/consent-check-vs-ping.sh            # builds nothing; run `mvn -DskipTests install` first
#
#   BENCH_DURATION (default 15s per round), BENCH_CONNECTIONS (default "16 64"), BENCH_THREADS (default 2)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duration=${BENCH_DURATION:-15s}
connection_counts=${BENCH_CONNECTIONS:-16 64}
threads=${BENCH_THREADS:-2}
subjects=${BENCH_SUBJECTS:-100000}
purposes=${BENCH_PURPOSES:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

export CUSTODIA_HOME=${CUSTODIA_HOME:-$root/bench/target/home}
export CUSTODIA_PORT_OFFSET=${CUSTODIA_PORT_OFFSET:-700}
export CUSTODIA_PG_PORT=${CUSTODIA_PG_PORT:-25434}
. "$root/bench/suite.sh"
start_suite
read -r tenant key <<<"$(new_tenant bench)"
# authentication and rate limiting stay on the path; the benchmark tenant's limits are raised
curl -sf -o /dev/null -X PUT "$api/admin/tenants/$tenant/rate-limits" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"checksPerMinute":10000000,"mutationsPerMinute":10000000}'
for p in $(seq 1 "$purposes"); do
  curl -sf -o /dev/null -X POST "$api/purposes" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d "{\"key\":\"purpose-$p\",\"name\":\"Benchmark purpose $p\"}"
done

csv="$CUSTODIA_HOME/import.csv"
awk -v s="$subjects" -v p="$purposes" 'BEGIN {
  print "subject,purpose,action,recordedAt"
  for (i = 1; i <= s; i++) for (j = 1; j <= p; j++) printf "subject-%d,purpose-%d,grant,2025-06-01T00:00:00Z\n", i, j
}' > "$csv"
lines=$((subjects * purposes))
echo "importing $lines records ($(du -h "$csv" | cut -f1)) ..."
started=$(date +%s.%N)
curl -sf -o "$CUSTODIA_HOME/import.json" -X POST "$api/consents/imports" -H "Authorization: Bearer $key" \
  -H 'Content-Type: text/csv' --data-binary @"$csv"
import_seconds=$(echo "$(date +%s.%N) - $started" | bc)
imported=$(sed -n 's/.*"imported":\([0-9]*\).*/\1/p' "$CUSTODIA_HOME/import.json")
[ "$imported" = "$lines" ] || { echo "import incomplete: $(cat "$CUSTODIA_HOME/import.json")" >&2; exit 1; }

lua="$CUSTODIA_HOME/check.lua"
cat > "$lua" <<LUA
request = function()
  return wrk.format("GET", "/api/v1/consents/check?subject=subject-" .. math.random(1, $subjects)
    .. "&purpose=purpose-" .. math.random(1, $purposes), { ["Authorization"] = "Bearer $key" })
end
LUA

measure() { # name url connections [script] -> "req/s p99_ms"
  local args=(-t"$threads" -c"$3" -d"$duration" --latency)
  [ -n "${4:-}" ] && args+=(-s "$4")
  wrk "${args[@]}" "$2" > "$CUSTODIA_HOME/$1.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$CUSTODIA_HOME/$1.txt")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$CUSTODIA_HOME/$1.txt")
  grep -q 'Non-2xx' "$CUSTODIA_HOME/$1.txt" && { echo "non-2xx responses in $1" >&2; cat "$CUSTODIA_HOME/$1.txt" >&2; exit 1; }
  echo "$rps $p99"
}

echo "warming up (every subject and purpose once through the cache, then load) ..."
wrk -t"$threads" -c16 -d20s -s "$lua" "$api/consents/check" > /dev/null
wrk -t"$threads" -c16 -d5s "$api/ping" > /dev/null

printf '\nbulk import: %s records in %.1f s (%.0f records/s)\n\n' "$lines" "$import_seconds" "$(echo "$lines / $import_seconds" | bc -l)"
printf '%s subjects x %s purposes, %s per round, 2 interleaved rounds per endpoint\n' "$subjects" "$purposes" "$duration"
printf '| connections | ping req/s | check req/s | ratio | ping p99 ms | check p99 ms | p99 ratio |\n|---|---|---|---|---|---|---|\n'
for c in $connection_counts; do
  read -r p1 p1l <<<"$(measure "ping1-$c" "$api/ping" "$c")"
  read -r c1 c1l <<<"$(measure "check1-$c" "$api/consents/check" "$c" "$lua")"
  read -r p2 p2l <<<"$(measure "ping2-$c" "$api/ping" "$c")"
  read -r c2 c2l <<<"$(measure "check2-$c" "$api/consents/check" "$c" "$lua")"
  awk -v c="$c" -v p1="$p1" -v p2="$p2" -v c1="$c1" -v c2="$c2" -v p1l="$p1l" -v p2l="$p2l" -v c1l="$c1l" -v c2l="$c2l" 'BEGIN {
    ping = (p1 + p2) / 2; check = (c1 + c2) / 2; pl = (p1l > p2l ? p1l : p2l); cl = (c1l > c2l ? c1l : c2l)
    printf "| %s | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f |\n", c, ping, check, check / ping, pl, cl, cl / pl
  }'
done
