#!/usr/bin/env bash
# Command 1: builds Custodia, starts PostgreSQL (a private one unless CUSTODIA_DB_URL is set), migrates,
# starts WildFly with the EAR, seeds a demo tenant and prints the URL, logins and a working curl.
# Ctrl-C stops WildFly and the PostgreSQL it started. Data stays between runs (see "Data:" in the banner).
#
#   wildfly-config/bin/run.sh [--no-build]     --no-build: start what the last build made (faster; after a
#                                              git pull, run without it)
#
# Configuration: environment variables, see README.md ("Configuration").
set -euo pipefail

usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; }
root=$(cd "$(dirname "$0")/../.." && pwd)
build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) usage; exit 0 ;;
    *) printf 'run.sh: unknown option %s\n\n' "$arg" >&2; usage >&2; exit 2 ;;
  esac
done

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
pg_home=$("$root/wildfly-config/bin/local-postgres.sh" home) # not exported: the script decides alike, and knows if it was set

say() { printf '[custodia] %s\n' "$*"; }

stop_all() {
  trap - INT TERM EXIT
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    say "stopping WildFly"
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$server_pid" 2>/dev/null; then
      say "WildFly did not stop within 60 s: killing it"
      pkill -KILL -P "$server_pid" 2>/dev/null || true
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
  fi
  rm -f "$home/server.pid"
  if [ "$pg_started" = 1 ]; then
    "$root/wildfly-config/bin/local-postgres.sh" stop || true
  fi
  say "stopped"
}
# one run per home: a second would rebuild and replace the EAR under the running server. The lock is held by
# this script and the WildFly it starts (which inherits it), so it holds as long as that server runs.
mkdir -p "$home" 2>/dev/null || true
if [ ! -w "$home" ] || { [ -e "$home/run.lock" ] && [ ! -w "$home/run.lock" ]; }; then
  say "$home is not writable by $(id -un) (made by another user, e.g. an earlier run as root?):"
  say "run as that user, or set CUSTODIA_HOME to a directory of your own."
  exit 1
fi
exec 9>>"$home/run.lock"
if ! flock -n 9; then
  say "Custodia is already running from $home ($base_url; run.sh pid $(cat "$home/run.pid" 2>/dev/null || echo '?'),"
  say "WildFly pid $(cat "$home/server.pid" 2>/dev/null || echo '?')). Use that one, or stop it first: Ctrl-C in its terminal, or"
  say "kill the run.sh pid (if that terminal is gone and only WildFly is left: kill the WildFly pid)."
  say "For a second suite beside it set another CUSTODIA_HOME, CUSTODIA_PORT_OFFSET and CUSTODIA_PG_PORT."
  exit 1
fi
for port in "$http_port" $((9990 + offset)); do
  if (exec 3<>"/dev/tcp/$bind/$port") 2>/dev/null; then
    say "port $port on $bind is in use by another program (or a Custodia started from another CUSTODIA_HOME);"
    say "stop it, or set CUSTODIA_PORT_OFFSET (HTTP is 8080 + offset, management 9990 + offset)."
    exit 1
  fi
done
echo $$ > "$home/run.pid"

# what belongs to the private database lives beside it, so the two are kept, moved or deleted together: the key
# store that unwraps its tenants' data keys, the admin token, the demo tenant's key and logins. With a database
# of the operator's own (CUSTODIA_DB_URL), the home keeps them.
if [ -z "${CUSTODIA_DB_URL:-}" ]; then
  state="${pg_home%/}.suite"
  export CUSTODIA_KEYSTORE=${CUSTODIA_KEYSTORE:-$state/custodia-kek.p12}
else
  state=$home
fi
(umask 077; mkdir -p "$state")

trap 'stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

if [ "$build" = 1 ]; then
  say "building (mvn -DskipTests install) ..."
  # .mvn/jvm.config keeps Maven 3.8's colour library from printing reset codes even in batch mode
  (cd "$root" && mvn -q -B -ntp -Dstyle.color=never -DskipTests install 9>&-)
fi
[ -f "$root/ear/target/custodia.ear" ] || { say "no EAR: run without --no-build first"; exit 1; }

if [ -z "${CUSTODIA_DB_URL:-}" ]; then
  # an earlier version kept these in the home: with the database they belong to, they move beside it
  if [ -f "$pg_home/data/PG_VERSION" ]; then
    for kept in server/data/custodia-kek.p12 admin.token demo.key demo.logins; do
      [ "$kept" = server/data/custodia-kek.p12 ] && [ "$CUSTODIA_KEYSTORE" != "$state/custodia-kek.p12" ] && continue
      if [ -f "$home/$kept" ] && [ ! -e "$state/$(basename "$kept")" ]; then
        cp -p "$home/$kept" "$state/$(basename "$kept")" && rm -f "$home/$kept"
        say "moved $home/$kept to $state, beside its database"
      fi
    done
  fi
  if [ "$("$root/wildfly-config/bin/local-postgres.sh" status 2>/dev/null)" != running ]; then
    "$root/wildfly-config/bin/local-postgres.sh" start 9>&- # PostgreSQL must not hold the run lock
    pg_started=1
  fi
  export CUSTODIA_DB_URL="jdbc:postgresql://127.0.0.1:$CUSTODIA_PG_PORT/custodia"
  export CUSTODIA_DB_ADMIN_URL="jdbc:postgresql://127.0.0.1:$CUSTODIA_PG_PORT/postgres"
  export CUSTODIA_DB_ADMIN_PASSWORD="$CUSTODIA_PG_PASSWORD"
fi

say "migrating $CUSTODIA_DB_URL as custodia_owner"
# its log goes to a file (shown when it fails); slf4j has no provider here, and says so unless told to be quiet
if ! java -cp "$root/ejb/target/classes:$(cat "$root/ejb/target/migration.classpath")" -Dslf4j.internal.verbosity=ERROR \
    org.custodia.platform.schema.DatabaseSetup > "$home/migration.log" 2>&1; then
  say "migration failed ($home/migration.log):"; tail -30 "$home/migration.log"; exit 1
fi

# the operator's token: the environment's, else the one generated on the first run (kept beside the database, 0600)
token_note="from CUSTODIA_ADMIN_TOKEN"
if [ -z "${CUSTODIA_ADMIN_TOKEN:-}" ]; then
  token_note="kept in $state/admin.token"
  if [ ! -s "$state/admin.token" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$state/admin.token")
  fi
  CUSTODIA_ADMIN_TOKEN=$(cat "$state/admin.token")
fi
export CUSTODIA_ADMIN_TOKEN
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
echo "$server_pid" > "$home/server.pid"

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
[ -f "$state/demo.key" ] && demo_key=$(cat "$state/demo.key")
if [ -z "$demo_key" ] || [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $demo_key" "$api/purposes")" != 200 ]; then
  slug="demo-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  created=$(curl -sf -X POST "$api/tenants" -H "Authorization: Bearer $CUSTODIA_ADMIN_TOKEN" \
    -H 'Content-Type: application/json' -d "{\"slug\":\"$slug\",\"name\":\"Demo Company\"}")
  demo_key=$(printf '%s' "$created" | sed -n 's/.*"key":"\(cus_[^"]*\)".*/\1/p')
  printf '%s' "$demo_key" > "$state/demo.key"
  chmod 600 "$state/demo.key"
  curl -sf -X POST "$api/purposes" -H "Authorization: Bearer $demo_key" -H 'Content-Type: application/json' \
    -d '{"key":"marketing-email","name":"Marketing email","description":"Product news by email"}' > /dev/null
  curl -sf -X POST "$api/consents" -H "Authorization: Bearer $demo_key" -H 'Content-Type: application/json' \
    -d '{"subject":"demo-user-1","purpose":"marketing-email","action":"grant"}' > /dev/null
  # demo people with generated passwords (the operator endpoint; real tenants invite by mail)
  tenant_id=$(printf '%s' "$created" | sed -n 's/.*"tenantId":"\([^"]*\)".*/\1/p')
  : > "$state/demo.logins"
  chmod 600 "$state/demo.logins"
  for who in admin:ADMIN dpo:APPROVER auditor:AUDITOR; do
    user=$(curl -sf -X POST "$api/admin/tenants/$tenant_id/users" -H "Authorization: Bearer $CUSTODIA_ADMIN_TOKEN" \
      -H 'Content-Type: application/json' -d "{\"email\":\"${who%%:*}@demo.example\",\"role\":\"${who##*:}\"}")
    password=$(printf '%s' "$user" | sed -n 's/.*"password":"\([^"]*\)".*/\1/p')
    printf '%s %-8s %-22s %s\n' "$slug" "${who##*:}" "${who%%:*}@demo.example" "$password" >> "$state/demo.logins"
  done
fi
# the demo logins that still work: each is tried (the password on curl's standard input, not its command line)
# and its session ended; one whose password is refused (changed since) moves to demo.logins.stale
logins=""
if [ -f "$state/demo.logins" ]; then
  kept=$(mktemp "$state/demo.logins.XXXXXX")
  headers=$(mktemp "$state/login-headers.XXXXXX")
  trap 'rm -f "$kept" "$headers"; stop_all' EXIT
  while read -r slug role email password; do
    answer=$(printf '{"tenant":"%s","email":"%s","password":"%s"}' "$slug" "$email" "$password" \
      | curl -s -D "$headers" -w '\n%{http_code}' -X POST "$api/auth/login" -H 'Content-Type: application/json' --data-binary @-)
    case "${answer##*$'\n'}" in
      200) note=""
        session=$(sed -n 's/^[Ss]et-[Cc]ookie: \([_A-Za-z-]*custodia_session=[^;]*\).*/\1/p' "$headers" | head -1)
        [ -n "$session" ] && curl -s -o /dev/null -X POST "$api/auth/logout" -H "Cookie: $session" ;;
      401)
        case "$answer" in
          *mfa-required*) note="  (+ TOTP code)" ;; # a second factor enrolled since: the password still works
          *invalid-credentials*) printf '%s %s %s %s\n' "$slug" "$role" "$email" "$password" >> "$state/demo.logins.stale"; continue ;;
          *) note="  (not checked)" ;;
        esac ;;
      429) note="  (too many failed sign-ins: wait a minute)" ;;
      *) note="  (not checked: HTTP ${answer##*$'\n'})" ;; # kept: only a refused password drops a line
    esac
    printf '%s %s %s %s\n' "$slug" "$role" "$email" "$password" >> "$kept"
    logins+=$(printf '    %-8s %-22s %s%s' "$role" "$email" "$password" "$note")$'\n'
  done < "$state/demo.logins"
  mv "$kept" "$state/demo.logins"
  rm -f "$headers"
  trap 'stop_all' EXIT
fi
demo_slug=$(awk 'NR==1 {print $1}' "$state/demo.logins" 2>/dev/null)
first_email=$(awk 'NR==1 {print $3}' "$state/demo.logins" 2>/dev/null)
first_password=$(awk 'NR==1 {print $4}' "$state/demo.logins" 2>/dev/null)
data_dir="$home (server, logs)"
case "$CUSTODIA_DB_URL" in
  "jdbc:postgresql://127.0.0.1:$CUSTODIA_PG_PORT/custodia") data_dir="$pg_home (database), $data_dir" ;;
esac

cat <<BANNER

  Custodia is running: $base_url  (console: $base_url/console/, API: $api)
  Database:            $CUSTODIA_DB_URL
  Data:                $data_dir
  Admin token:         $CUSTODIA_ADMIN_TOKEN   (kept in $home/admin.token; tenant bootstrap: POST $api/tenants)
  Demo tenant API key: $demo_key

BANNER
if [ -n "$logins" ]; then
  printf '  Demo logins (organisation "%s"; role, email, password):\n%s\n' "$demo_slug" "$logins"
else
  printf '  Demo logins: none of the generated passwords works any more (changed since); sign in with yours.\n\n'
fi
cat <<BANNER
  Try it (demo-user-1 granted marketing-email):
curl -s -H "Authorization: Bearer $demo_key" "$api/consents/check?subject=demo-user-1&purpose=marketing-email"
BANNER
if [ -n "$logins" ]; then
  printf '  Sign in (a session cookie for the console API):\n'
  printf '%s\n' "curl -s -c /tmp/custodia.cookies -X POST \"$api/auth/login\" -H 'Content-Type: application/json' -d '{\"tenant\":\"$demo_slug\",\"email\":\"$first_email\",\"password\":\"$first_password\"}'"
fi
printf '\n  Press Ctrl-C to stop.\n'

wait "$server_pid" || true
server_pid=""
say "WildFly exited"
