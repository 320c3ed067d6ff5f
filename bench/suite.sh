# Sourced by the benchmark scripts: starts the suite with run.sh --no-build (its own ports and PostgreSQL,
# set by the caller's CUSTODIA_* variables), waits for its banner and sets $api, $admin and $out. The
# suite is stopped when the calling script exits.
start_suite() {
  api="http://127.0.0.1:$((8080 + CUSTODIA_PORT_OFFSET))/api/v1"
  mkdir -p "$CUSTODIA_HOME"
  out="$CUSTODIA_HOME/run.out"
  unset CUSTODIA_DB_URL
  # throw-away data: the system temp directory, not run.sh's default kept one
  export CUSTODIA_PG_HOME=${CUSTODIA_PG_HOME:-/tmp/custodia-pg-$CUSTODIA_PG_PORT}
  "$root/wildfly-config/bin/run.sh" --no-build > "$out" 2>&1 &
  run_pid=$!
  trap 'kill -TERM $run_pid 2>/dev/null; wait $run_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 240); do
    grep -q '^curl ' "$out" && break
    kill -0 $run_pid || { cat "$out"; exit 1; }
    sleep 1
  done
  admin=$(sed -n 's/^  Admin token: *\([^ ]*\).*/\1/p' "$out")
}

# new_tenant SLUG -> prints "tenant_id api_key" of a freshly bootstrapped tenant
new_tenant() {
  local created
  created=$(curl -sf -X POST "$api/tenants" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"slug\":\"$1-$RANDOM$RANDOM\",\"name\":\"Bench $1\"}")
  printf '%s %s\n' "$(printf '%s' "$created" | sed -n 's/.*"tenantId":"\([^"]*\)".*/\1/p')" \
    "$(printf '%s' "$created" | sed -n 's/.*"key":"\(cus_[^"]*\)".*/\1/p')"
}
