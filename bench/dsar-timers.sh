#!/usr/bin/env bash
# Issue 12's DSAR timer benchmark, one run on one server:
#  1. GET /api/v1/ping (no-op baseline) vs POST /api/v1/dsars (staff intake: API key, permission, rate limit,
#     deadline, audit, process start with its three timers) at BENCH_CONNECTIONS, same Java client, ping before
#     and after; the intake creates BENCH_REQUESTS open ACCESS requests (CCPA) all received at the same instant,
#     so they share one due instant (the end of the tenant's local day of the legal deadline);
#  2. the tenant's warning lead is set before the intake so that every request's warning timer falls due at
#     the same instant, BENCH_WARNING_DELAY seconds after the lead is set: one window of BENCH_REQUESTS timer
#     jobs, each mailing the two APPROVER users through the outbox to an SMTP sink started here;
#  3. how late each timer job ran, each mail was queued, marked sent and received by the SMTP server, against
#     its warning instant (DsarTimerReport), and the server's heap before, during and after the window
#     (jcmd GC.heap_info outside the window, the GC log within it: no JVM is started during the window).
#
#   mvn -q -DskipTests install && bench/dsar-timers.sh
#
#   BENCH_THREAD_DUMP_AT (seconds into the window for one thread dump into $CUSTODIA_HOME/threads.txt; off),
#   BENCH_REQUESTS (default 10000), BENCH_CONNECTIONS (16), BENCH_PING_SECONDS (15),
#   BENCH_WARNING_DELAY (seconds from setting the lead to the warning instant, default 420: the intake and the
#   requests' first steps must be over by then), BENCH_PATIENCE (seconds after the warning instant, default 300)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
requests=${BENCH_REQUESTS:-10000}
connections=${BENCH_CONNECTIONS:-16}
ping_seconds=${BENCH_PING_SECONDS:-15}
warning_delay=${BENCH_WARNING_DELAY:-420}
patience=${BENCH_PATIENCE:-300}
approvers=2

# its own home, never the caller's CUSTODIA_HOME: it is emptied below
export CUSTODIA_HOME=$root/bench/target/dsar-home
export CUSTODIA_PORT_OFFSET=${CUSTODIA_PORT_OFFSET:-900}
export CUSTODIA_PG_PORT=${CUSTODIA_PG_PORT:-25436}
export CUSTODIA_SMTP_PORT=${CUSTODIA_SMTP_PORT:-26025}
rm -rf "$CUSTODIA_HOME"
mkdir -p "$CUSTODIA_HOME"
gc_log="$CUSTODIA_HOME/gc.log"
export CUSTODIA_JAVA_OPTS="${CUSTODIA_JAVA_OPTS:--Xms512m -Xmx2g} -Xlog:gc:file=$gc_log:utctime"
jdbc="jdbc:postgresql://127.0.0.1:$CUSTODIA_PG_PORT/custodia"
bench_cp="$root/bench/target/classes:$(cat "$root/bench/target/bench.classpath")"
bench() { java -cp "$bench_cp" "$@"; }

. "$root/bench/suite.sh"
start_suite
# the SMTP server the suite mails to (its mail session connects per message): records arrival time and subject.
# Every background process ends with the script: each holds the build lock's descriptor.
sink_file="$CUSTODIA_HOME/smtp-received.tsv"
vmstat_pid=""
java -cp "$bench_cp" org.custodia.bench.SmtpSink "$CUSTODIA_SMTP_PORT" "$sink_file" > "$CUSTODIA_HOME/smtp-sink.out" 2>&1 &
sink_pid=$!
trap 'kill -TERM $run_pid $sink_pid $vmstat_pid 2>/dev/null; wait $run_pid 2>/dev/null || true' EXIT
trap 'exit 1' INT TERM
server_pid=$(pgrep -f "jboss-modules.jar.*jboss.server.base.dir=$CUSTODIA_HOME/server" | head -1)
heap() { jcmd "$server_pid" GC.heap_info | awk '/garbage-first heap/ {print $3, $4, $5, $6} /Metaspace/ {print "metaspace used", $3}' | tr '\n' ' '; }
status() { bench org.custodia.bench.DsarTimerReport status "$jdbc" postgres postgres "$tenant"; }

read -r tenant key <<<"$(new_tenant dsar)"
curl -sf -o /dev/null -X PUT "$api/admin/tenants/$tenant/rate-limits" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"checksPerMinute":10000000,"mutationsPerMinute":10000000}'
for n in $(seq 1 $approvers); do # created by the operator: active, address proven, so the warning reaches them
  curl -sf -o /dev/null -X POST "$api/admin/tenants/$tenant/users" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' -d "{\"email\":\"dpo$n@bench.example\",\"role\":\"APPROVER\"}"
done
echo "engine: $(grep -o 'job executor:[^"]*' "$CUSTODIA_HOME/server/log/server.log" | head -1)"
heap_start=$(heap)

# every request is received at one instant: one due instant; a probe of another type reads it
received=$(date -u +%Y-%m-%dT%H:%M:%SZ)
probe=$(curl -sf -X POST "$api/dsars" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d "{\"type\":\"ERASURE\",\"jurisdiction\":\"US_CA_CCPA\",\"identity\":\"VERIFIED\",\"subject\":\"probe\",\"receivedAt\":\"$received\"}")
due=$(printf '%s' "$probe" | sed -n 's/.*"dueAt":"\([^"]*\)".*/\1/p')
warn_epoch=$(( $(date +%s) + warning_delay ))
lead=$(( $(date -d "$due" +%s) - warn_epoch ))
curl -sf -o /dev/null -X PUT "$api/settings/sla" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "{\"rows\":[
  {\"process\":\"dsar\",\"type\":\"ACCESS\",\"warningBefore\":\"PT${lead}S\",\"escalationAfter\":\"P1D\"},
  {\"process\":\"dsar\",\"type\":\"*\",\"warningBefore\":\"P7D\",\"escalationAfter\":\"P1D\"}]}"
echo "received $received, due $due, warning lead PT${lead}S: warnings fall due at $(date -u -d "@$warn_epoch" +%H:%M:%S)"

# warm-up (JIT): 500 ERASURE requests (their warnings are days away) and 5 s of ping, not measured
bench org.custodia.bench.HttpLoad intake "$api/dsars" "$connections" 500 "$key" "$received" ERASURE warm > /dev/null
bench org.custodia.bench.HttpLoad ping "$api/ping" "$connections" 5 > /dev/null
read -r p1_n p1_s p1_rps p1_p50 p1_p99 p1_max p1_err <<<"$(bench org.custodia.bench.HttpLoad ping "$api/ping" "$connections" "$ping_seconds")"
read -r in_n in_s in_rps in_p50 in_p99 in_max in_err <<<"$(bench org.custodia.bench.HttpLoad intake "$api/dsars" "$connections" "$requests" "$key" "$received")"
[ "$in_err" = 0 ] || { echo "intake: $in_err requests failed" >&2; exit 1; }
read -r p2_n p2_s p2_rps p2_p50 p2_p99 p2_max p2_err <<<"$(bench org.custodia.bench.HttpLoad ping "$api/ping" "$connections" "$ping_seconds")"
heap_after_intake=$(heap)

# the requests' first steps (acknowledge, discovery, package) run on the job executor until each waits for review
while :; do
  read -r total in_review async_jobs queued unsent <<<"$(status)"
  [ "$async_jobs" = 0 ] && [ "$in_review" = "$requests" ] && break
  [ "$(date +%s)" -ge "$warn_epoch" ] && { echo "WARNING: $async_jobs first-step jobs still queued at the warning instant" >&2; break; }
  sleep 5
done
steps_done=$(date -u +%H:%M:%S)
heap_before=$(heap)
echo "open ACCESS requests: $total, in review: $in_review at $steps_done"

# during the window only vmstat samples (a C program); the heap is read from the GC log. A JVM started every
# poll (jcmd, a status query) took a third of a core from the server under test on this 2-core machine.
while [ "$(date +%s)" -lt $((warn_epoch - 10)) ]; do sleep 1; done
vmstat -n 2 > "$CUSTODIA_HOME/vmstat.txt" &
vmstat_pid=$!
expected=$((requests * approvers))
dump_pid=""
if [ -n "${BENCH_THREAD_DUMP_AT:-}" ]; then # one thread dump that many seconds into the window (one jcmd JVM)
  dump_delay=$((warn_epoch + BENCH_THREAD_DUMP_AT - $(date +%s)))
  [ "$dump_delay" -lt 0 ] && dump_delay=0
  ( sleep "$dump_delay"; jcmd "$server_pid" Thread.print > "$CUSTODIA_HOME/threads.txt" ) &
  dump_pid=$!
fi
# the database sessions it samples go to stderr, kept for the report; a failure shows them with its error
done_epoch=$(bench org.custodia.bench.DsarTimerReport wait "$jdbc" postgres postgres "$tenant" "$expected" $((warn_epoch + patience)) \
  2> "$CUSTODIA_HOME/db-sessions.txt") || { cat "$CUSTODIA_HOME/db-sessions.txt" >&2; exit 1; }
[ -n "$dump_pid" ] && wait "$dump_pid"
[ "$done_epoch" = timeout ] && echo "WARNING: the warning mails were not all queued and sent ${patience}s after the instant" >&2
window_end=$done_epoch
[ "$done_epoch" = timeout ] && window_end=$(date +%s)
sleep 4
kill $vmstat_pid; vmstat_pid=""
heap_after=$(heap)
jcmd "$server_pid" GC.run > /dev/null
heap_live=$(heap)

window_from=$(date -u -d "@$warn_epoch" +%Y-%m-%dT%H:%M:%S)
window_to=$(date -u -d "@$window_end" +%Y-%m-%dT%H:%M:%S)
gc_window=$(awk -v from="$window_from" -v to="$window_to" '
  { t = substr($1, 2, 19) }
  t >= from && t <= to && /Pause/ {
    n++; split($0, a, " "); for (i in a) if (a[i] ~ /^[0-9]+M->[0-9]+M\([0-9]+M\)$/) { split(a[i], h, /[M>()-]+/); if (h[1] > peak) peak = h[1]; if (h[2] > live) live = h[2] }
    ms = $NF; sub(/ms/, "", ms); pause += ms; if (ms > longest) longest = ms
  }
  END { printf "%d pauses, %.0f ms in all, longest %.1f ms; heap before a collection at most %d MB, after at most %d MB", n, pause, longest, peak, live }' "$gc_log")

cat <<REPORT

$requests open ACCESS requests (CCPA, received $received, due $due) on one node, $approvers APPROVER users;
warning instant $(date -u -d "@$warn_epoch" +%H:%M:%S) UTC; first steps of every request done at $steps_done; last warning mail out $(( window_end - warn_epoch )) s after the instant (polled every second)

| load ($connections connections, one Java client) | requests | seconds | req/s | p50 ms | p99 ms | max ms |
|---|---|---|---|---|---|---|
| GET /ping before | $p1_n | $p1_s | $p1_rps | $p1_p50 | $p1_p99 | $p1_max |
| POST /dsars (staff intake) | $in_n | $in_s | $in_rps | $in_p50 | $in_p99 | $in_max |
| GET /ping after (first steps running) | $p2_n | $p2_s | $p2_rps | $p2_p50 | $p2_p99 | $p2_max |
intake/ping ratio (ping before): $(awk -v a="$in_rps" -v b="$p1_rps" 'BEGIN {printf "%.3f", a / b}')

$(bench org.custodia.bench.DsarTimerReport report "$jdbc" postgres postgres "$tenant" "$sink_file")

server heap (G1: total, used; metaspace used):
| moment | heap |
|---|---|
| after start, tenant set up | $heap_start |
| after the intake | $heap_after_intake |
| first steps done, before the window | $heap_before |
| after the window | $heap_after |
| after a full collection (live set) | $heap_live |
GC during the window: $gc_window
$(cat "$CUSTODIA_HOME/db-sessions.txt")
CPU during the window (vmstat every 2 s, WildFly, PostgreSQL and the sink together): $(awk 'NR > 3 && $1 ~ /^[0-9]+$/ {n++; us += $13; sy += $14; id += $15; wa += $16; r += $1} END {if (n) printf "user %.0f %%, system %.0f %%, idle %.0f %%, I/O wait %.0f %%, %.1f runnable on average (%d samples)", us/n, sy/n, id/n, wa/n, r/n, n}' "$CUSTODIA_HOME/vmstat.txt")
job executor: $(grep -o 'job executor:[^"]*' "$CUSTODIA_HOME/server/log/server.log" | head -1)
REPORT
