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
jdbc="jdbc:postgresql://127.0.0.1:$CUSTODIA_PG_PORT/custodia"
. "$root/bench/suite.sh"
start_suite

seeder() { java -cp "$root/bench/target/classes:$(cat "$root/bench/target/bench.classpath")" org.custodia.bench.AuditChainSeeder "$@"; }

read -r t1 k1 <<<"$(new_tenant verify)"
read -r t2 k2 <<<"$(new_tenant export)"
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
