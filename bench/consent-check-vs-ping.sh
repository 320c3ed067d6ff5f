#!/usr/bin/env bash
# Loads GET /api/v1/ping (no-op baseline) and GET /api/v1/consents/check (API key, permission and rate
# limit checked on every call) on the same running server, in
# one run, interleaved (ping, check, ping, check), with wrk; prints req/s, p99 and the check/ping ratio.
#
#   bench/consent-check-vs-ping.sh            # builds nothing; run `mvn -DskipTests install` first
#
#   BENCH_DURATION (default 15s per round), BENCH_CONNECTIONS (default 16), BENCH_THREADS (default 2)
#   BENCH_SUBJECTS (default 1000 subjects with a grant, the checks spread over them)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duration=${BENCH_DURATION:-15s}
connections=${BENCH_CONNECTIONS:-16}
threads=${BENCH_THREADS:-2}
subjects=${BENCH_SUBJECTS:-1000}
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

echo "seeding $subjects subjects with a grant ..."
curl -s -o /dev/null -X POST "$api/purposes" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"key":"bench","name":"Benchmark purpose"}'
for i in $(seq 1 "$subjects"); do
  printf '{"subject":"bench-%d","purpose":"bench","action":"grant"}\n' "$i"
done | xargs -P 4 -I{} -d '\n' curl -s -o /dev/null -X POST "$api/consents" -H "Authorization: Bearer $key" \
  -H 'Content-Type: application/json' -d '{}'

lua="$CUSTODIA_HOME/check.lua"
cat > "$lua" <<LUA
request = function()
  return wrk.format("GET", "/api/v1/consents/check?subject=bench-" .. math.random(1, $subjects) .. "&purpose=bench",
    { ["Authorization"] = "Bearer $key" })
end
LUA

measure() { # name url [script] -> "req/s p99_ms"
  local args=(-t"$threads" -c"$connections" -d"$duration" --latency)
  [ -n "${3:-}" ] && args+=(-s "$3")
  wrk "${args[@]}" "$2" > "$CUSTODIA_HOME/$1.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$CUSTODIA_HOME/$1.txt")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$CUSTODIA_HOME/$1.txt")
  grep -q 'Non-2xx' "$CUSTODIA_HOME/$1.txt" && { echo "non-2xx responses in $1" >&2; cat "$CUSTODIA_HOME/$1.txt" >&2; exit 1; }
  echo "$rps $p99"
}

echo "warming up ..."
wrk -t"$threads" -c"$connections" -d5s "$api/ping" > /dev/null
wrk -t"$threads" -c"$connections" -d5s -s "$lua" "$api/consents/check" > /dev/null

read -r p1 p1l <<<"$(measure ping1 "$api/ping")"
read -r c1 c1l <<<"$(measure check1 "$api/consents/check" "$lua")"
read -r p2 p2l <<<"$(measure ping2 "$api/ping")"
read -r c2 c2l <<<"$(measure check2 "$api/consents/check" "$lua")"

awk -v p1="$p1" -v p2="$p2" -v c1="$c1" -v c2="$c2" -v p1l="$p1l" -v p2l="$p2l" -v c1l="$c1l" -v c2l="$c2l" \
    -v conn="$connections" -v dur="$duration" 'BEGIN {
  ping = (p1 + p2) / 2; check = (c1 + c2) / 2
  pl = (p1l > p2l ? p1l : p2l); cl = (c1l > c2l ? c1l : c2l)
  printf "connections=%s duration=%s per round, 2 interleaved rounds each\n", conn, dur
  printf "| endpoint | req/s (mean of 2) | p99 ms (worst of 2) |\n|---|---|---|\n"
  printf "| GET /api/v1/ping | %.0f | %.2f |\n", ping, pl
  printf "| GET /api/v1/consents/check | %.0f | %.2f |\n", check, cl
  printf "throughput ratio check/ping = %.2f, p99 ratio check/ping = %.2f\n", check / ping, cl / pl
}'
