#!/usr/bin/env bash
# Audit chain at scale, on a server limited to a 512 MB heap: verification of a 1,000,000-event chain
# (against the raw JDBC read of the same rows as baseline) and a streamed export of 100,000 events.
#
#   mvn -q -DskipTests install && bench/audit-chain.sh       # BENCH_VERIFY_EVENTS, BENCH_EXPORT_EVENTS
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
verify_events=${BENCH_VERIFY_EVENTS:-1000000}
export_events=${BENCH_EXPORT_EVENTS:-100000}

export CUSTODIA_HOME=${CUSTODIA_HOME:-$root/bench/target/audit-home}
export CUSTODIA_PORT_OFFSET=${CUSTODIA_PORT_OFFSET:-800}
export CUSTODIA_PG_PORT=${CUSTODIA_PG_PORT:-25435}
export CUSTODIA_JAVA_OPTS="-Xms256m -Xmx512m"
unset CUSTODIA_DB_URL
api="http://127.0.0.1:$((8080 + CUSTODIA_PORT_OFFSET))/api/v1"
jdbc="jdbc:postgresql://127.0.0.1:$CUSTODIA_PG_PORT/custodia"
mkdir -p "$CUSTODIA_HOME"
out="$CUSTODIA_HOME/run.out"

"$root/wildfly-config/bin/run.sh" --no-build > "$out" 2>&1 &
run_pid=$!
trap 'kill -TERM $run_pid 2>/dev/null; wait $run_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do grep -q '^curl ' "$out" && break; kill -0 $run_pid || { cat "$out"; exit 1; }; sleep 1; done
admin=$(sed -n 's/^  Admin token: *\([^ ]*\).*/\1/p' "$out")

tenant() { # slug -> "tenant_id api_key"
  local created
  created=$(curl -sf -X POST "$api/tenants" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"slug\":\"$1-$RANDOM$RANDOM\",\"name\":\"Bench $1\"}")
  printf '%s %s\n' "$(printf '%s' "$created" | sed -n 's/.*"tenantId":"\([^"]*\)".*/\1/p')" \
    "$(printf '%s' "$created" | sed -n 's/.*"key":"\(cus_[^"]*\)".*/\1/p')"
}
seeder() { java -cp "$root/bench/target/classes:$(cat "$root/bench/target/bench.classpath")" org.custodia.bench.AuditChainSeeder "$@"; }

read -r t1 k1 <<<"$(tenant verify)"
read -r t2 k2 <<<"$(tenant export)"
seeder seed "$jdbc" postgres postgres "$t1" "$verify_events"
seeder seed "$jdbc" postgres postgres "$t2" "$export_events"

baseline=$(seeder read "$jdbc" postgres postgres "$t1" | sed -n "s/.* in \([0-9.]*\) s.*/\1/p" | tail -1)
v1=$(curl -s -o "$CUSTODIA_HOME/verify1.json" -w '%{time_total}' -H "Authorization: Bearer $k1" "$api/audit/verify")
v2=$(curl -s -o "$CUSTODIA_HOME/verify2.json" -w '%{time_total}' -H "Authorization: Bearer $k1" "$api/audit/verify")
grep -q '"intact":true' "$CUSTODIA_HOME/verify2.json" || { echo "chain not intact:"; cat "$CUSTODIA_HOME/verify2.json"; exit 1; }
e1=$(curl -s -o "$CUSTODIA_HOME/export.ndjson" -w '%{time_total}' -H "Authorization: Bearer $k2" "$api/audit/export?format=ndjson")
lines=$(wc -l < "$CUSTODIA_HOME/export.ndjson")
e2=$(curl -s -o "$CUSTODIA_HOME/export.csv" -w '%{time_total}' -H "Authorization: Bearer $k2" "$api/audit/export?format=csv")
csv_lines=$(wc -l < "$CUSTODIA_HOME/export.csv")
alive=$(curl -s -o /dev/null -w '%{http_code}' "$api/ping")

cat <<TABLE
server heap -Xmx512m; chain of $(sed -n 's/.*"eventCount":\([0-9]*\).*/\1/p' "$CUSTODIA_HOME/verify2.json") events
| measurement | seconds |
|---|---|
| baseline: raw JDBC read of the chain's rows, no hashing | $baseline |
| GET /audit/verify, first call | $v1 |
| GET /audit/verify, second call | $v2 |
| GET /audit/export?format=ndjson ($((lines - 1)) events + manifest) | $e1 |
| GET /audit/export?format=csv ($((csv_lines - 1)) events + header) | $e2 |
verify/baseline ratio (second call): $(awk -v a="$v2" -v b="$baseline" 'BEGIN {printf "%.2f", a / b}'); server alive after exports: HTTP $alive
TABLE
