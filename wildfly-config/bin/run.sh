#!/usr/bin/env bash
# Command 1: builds Custodia, starts PostgreSQL (a private one unless CUSTODIA_DB_URL is set), migrates,
# starts WildFly with the EAR, seeds a demo tenant and prints the URL, credentials and a working curl.
# Ctrl-C stops WildFly and the PostgreSQL it started.
#
#   wildfly-config/bin/run.sh [--no-build]
#
# Configuration: environment variables, see README.md ("Configuration").
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=1
[ "${1:-}" = "--no-build" ] && build=0

home=${CUSTODIA_HOME:-$root/.custodia}
offset=${CUSTODIA_PORT_OFFSET:-0}
bind=${CUSTODIA_BIND_ADDRESS:-127.0.0.1}
http_port=$((8080 + offset))
base_url="http://$bind:$http_port"
wildfly="$root/wildfly-config/target/wildfly-39.0.1.Final"
server_pid=""
pg_started=0
export CUSTODIA_PG_PORT=${CUSTODIA_PG_PORT:-15432}
export CUSTODIA_PG_PASSWORD=${CUSTODIA_PG_PASSWORD:-postgres}

say() { printf '[custodia] %s\n' "$*"; }

stop_all() {
  trap - INT TERM EXIT
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    say "stopping WildFly"
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
  fi
  if [ "$pg_started" = 1 ]; then
    "$root/wildfly-config/bin/local-postgres.sh" stop || true
  fi
  say "stopped"
}
trap 'stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

if [ "$build" = 1 ]; then
  say "building (mvn -DskipTests install) ..."
  (cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests install)
fi
[ -f "$root/ear/target/custodia.ear" ] || { say "no EAR: run without --no-build first"; exit 1; }

if [ -z "${CUSTODIA_DB_URL:-}" ]; then
  if [ "$("$root/wildfly-config/bin/local-postgres.sh" status 2>/dev/null)" != running ]; then
    "$root/wildfly-config/bin/local-postgres.sh" start
    pg_started=1
  fi
  export CUSTODIA_DB_URL="jdbc:postgresql://127.0.0.1:$CUSTODIA_PG_PORT/custodia"
  export CUSTODIA_DB_ADMIN_URL="jdbc:postgresql://127.0.0.1:$CUSTODIA_PG_PORT/postgres"
  export CUSTODIA_DB_ADMIN_PASSWORD="$CUSTODIA_PG_PASSWORD"
fi

say "migrating $CUSTODIA_DB_URL as custodia_owner"
java -cp "$root/ejb/target/classes:$(cat "$root/ejb/target/migration.classpath")" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.custodia.platform.schema.DatabaseSetup 2>&1 \
  | grep -vE '^(INFO|[A-Z][a-z]{2} [0-9]+, [0-9]{4}|Standard Commons Logging)' || true

export CUSTODIA_ADMIN_TOKEN=${CUSTODIA_ADMIN_TOKEN:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=' )}
export CUSTODIA_PUBLIC_URL=${CUSTODIA_PUBLIC_URL:-$base_url}

# a server base directory of our own: fresh configuration from the build, our deployment, our logs
mkdir -p "$home/server/deployments" "$home/server/log"
rm -rf "$home/server/configuration" "$home/server/deployments/"custodia.ear*
cp -r "$wildfly/standalone/configuration" "$home/server/configuration"
cp "$root/ear/target/custodia.ear" "$home/server/deployments/custodia.ear"

say "starting WildFly on $base_url (log: $home/server/log/server.log)"
LAUNCH_JBOSS_IN_BACKGROUND=1 JAVA_OPTS="${CUSTODIA_JAVA_OPTS:--Xms512m -Xmx2g}" \
  "$wildfly/bin/standalone.sh" -c custodia.xml -b "$bind" -Djboss.server.base.dir="$home/server" \
  -Djboss.socket.binding.port-offset="$offset" > "$home/server/log/console.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 180); do
  [ -f "$home/server/deployments/custodia.ear.deployed" ] && break
  if [ -f "$home/server/deployments/custodia.ear.failed" ] || ! kill -0 "$server_pid" 2>/dev/null; then
    say "deployment failed:"; cat "$home/server/deployments/custodia.ear.failed" 2>/dev/null || tail -20 "$home/server/log/console.log"
    exit 1
  fi
  sleep 1
done
[ -f "$home/server/deployments/custodia.ear.deployed" ] || { say "timed out waiting for the deployment"; exit 1; }

# the demo tenant: reuse its key while it still works, else bootstrap a new one
api="$base_url/api/v1"
demo_key=""
[ -f "$home/demo.key" ] && demo_key=$(cat "$home/demo.key")
if [ -z "$demo_key" ] || [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $demo_key" "$api/purposes")" != 200 ]; then
  slug="demo-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  created=$(curl -sf -X POST "$api/tenants" -H "Authorization: Bearer $CUSTODIA_ADMIN_TOKEN" \
    -H 'Content-Type: application/json' -d "{\"slug\":\"$slug\",\"name\":\"Demo Company\"}")
  demo_key=$(printf '%s' "$created" | sed -n 's/.*"key":"\(cus_[^"]*\)".*/\1/p')
  printf '%s' "$demo_key" > "$home/demo.key"
  chmod 600 "$home/demo.key"
  curl -sf -X POST "$api/purposes" -H "Authorization: Bearer $demo_key" -H 'Content-Type: application/json' \
    -d '{"key":"marketing-email","name":"Marketing email","description":"Product news by email"}' > /dev/null
  curl -sf -X POST "$api/consents" -H "Authorization: Bearer $demo_key" -H 'Content-Type: application/json' \
    -d '{"subject":"demo-user-1","purpose":"marketing-email","action":"grant"}' > /dev/null
  # demo people with generated passwords (the operator endpoint; real tenants invite by mail)
  tenant_id=$(printf '%s' "$created" | sed -n 's/.*"tenantId":"\([^"]*\)".*/\1/p')
  : > "$home/demo.logins"
  chmod 600 "$home/demo.logins"
  for who in admin:ADMIN dpo:APPROVER auditor:AUDITOR; do
    user=$(curl -sf -X POST "$api/admin/tenants/$tenant_id/users" -H "Authorization: Bearer $CUSTODIA_ADMIN_TOKEN" \
      -H 'Content-Type: application/json' -d "{\"email\":\"${who%%:*}@demo.example\",\"role\":\"${who##*:}\"}")
    password=$(printf '%s' "$user" | sed -n 's/.*"password":"\([^"]*\)".*/\1/p')
    printf '%s %-8s %-22s %s\n' "$slug" "${who##*:}" "${who%%:*}@demo.example" "$password" >> "$home/demo.logins"
  done
fi
demo_slug=$(awk 'NR==1 {print $1}' "$home/demo.logins" 2>/dev/null)
demo_admin_password=$(awk 'NR==1 {print $4}' "$home/demo.logins" 2>/dev/null)

cat <<BANNER

  Custodia is running: $base_url  (API: $api)
  Database:            $CUSTODIA_DB_URL
  Admin token:         $CUSTODIA_ADMIN_TOKEN   (tenant bootstrap: POST $api/tenants)
  Demo tenant API key: $demo_key

  Demo logins (organisation "$demo_slug"; role, email, password):
$(awk '{printf "    %-8s %-22s %s\n", $2, $3, $4}' "$home/demo.logins" 2>/dev/null)

  Try it (demo-user-1 granted marketing-email):
curl -s -H "Authorization: Bearer $demo_key" "$api/consents/check?subject=demo-user-1&purpose=marketing-email"
  Sign in (a session cookie for the console API):
curl -s -c /tmp/custodia.cookies -X POST "$api/auth/login" -H 'Content-Type: application/json' -d '{"tenant":"$demo_slug","email":"admin@demo.example","password":"$demo_admin_password"}'

  Press Ctrl-C to stop.
BANNER

wait "$server_pid" || true
server_pid=""
say "WildFly exited"
