#!/usr/bin/env bash
# What make doctor asks of PostgreSQL: a server of the tests' own starts on a Unix socket (scripts/with-postgres.sh),
# and its unaccent extension folds a Welsh letter (ŵ, U+0175) as the archive's search needs; pg_prewarm (which a
# central server warms its tables with) and pg_buffercache (which its test reads) are there.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/with-postgres.sh bash -c '
  folder=${SONGBRIDGE_TEST_POSTGRES#*host=}
  out=$(psql -X -q -t -A -h "$folder" -U songbridge postgres -c "CREATE EXTENSION unaccent" -c "SELECT unaccent(U&'"'"'D\0175r'"'"')")
  [ "$out" = "Dwr" ] || { echo "unaccent gave \"$out\" for Dŵr, not Dwr"; exit 1; }
  psql -X -q -h "$folder" -U songbridge postgres -c "CREATE EXTENSION pg_prewarm" -c "CREATE EXTENSION pg_buffercache" >/dev/null \
    || { echo "the pg_prewarm or pg_buffercache extension is missing"; exit 1; }'
