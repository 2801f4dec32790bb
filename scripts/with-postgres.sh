#!/usr/bin/env bash
# Runs a command beside a PostgreSQL server of its own, for the tests: a new cluster (Debian's postgresql) in a
# temporary folder, listening on a Unix socket there and on no TCP port, stopped and removed when the command ends,
# however it ends. The command finds it in SONGBRIDGE_TEST_POSTGRES, a postgres:// URL naming the socket's folder.
#   scripts/with-postgres.sh swift test ...
# initdb refuses to run as root, so as root the cluster belongs to the postgres user (the package makes it). The
# server is made for speed, not safety (fsync off): the cluster is thrown away at the end. SONGBRIDGE_POSTGRES_SETTINGS
# adds settings of the server's own (make bench-scale gives it a central server's memory: "-c shared_buffers=4GB").
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "with-postgres: PostgreSQL's server is not installed (Debian package postgresql); run make setup" >&2
  exit 69
fi
dir=$(mktemp -d /tmp/songbridge-pg.XXXXXX)
run=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir"
  run=(runuser -u postgres --)
fi
stop() {
  "${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${run[@]}" "$bindir/initdb" -D "$dir/data" -U songbridge --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { echo "with-postgres: initdb failed: $(tail -n 1 "$dir/initdb.log")" >&2; exit 1; }
"${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-k $dir -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${SONGBRIDGE_POSTGRES_SETTINGS:-}" start >/dev/null \
  || { echo "with-postgres: the server did not start: $(tail -n 1 "$dir/server.log")" >&2; exit 1; }
# The archives connect as a role that is not a superuser (row-level security binds every role but superusers); the
# cluster's superuser, songbridge, makes their databases (owned by that role).
"${run[@]}" psql -X -q -h "$dir" -U songbridge postgres -c "CREATE ROLE archive LOGIN CREATEDB" >/dev/null \
  || { echo "with-postgres: could not make the archive role" >&2; exit 1; }
export SONGBRIDGE_TEST_POSTGRES="postgres://archive@localhost/postgres?host=$dir"
# The command runs as a child this script waits for, so an interrupt (Ctrl-C, a timeout) reaches the script at
# once: it passes it on, and the server is stopped either way.
"$@" &
child=$!
trap 'kill -TERM $child 2>/dev/null; wait $child; exit 130' INT TERM
wait $child
