#!/usr/bin/env bash
# What make doctor asks of PostgreSQL: a server of the tests' own starts on a Unix socket (scripts/with-postgres.sh),
# and its unaccent extension folds a Welsh letter (ŵ, U+0175) as the archive's search needs.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/with-postgres.sh bash -c '
  folder=${SONGBRIDGE_TEST_POSTGRES#*host=}
  out=$(psql -X -q -t -A -h "$folder" -U songbridge postgres -c "CREATE EXTENSION unaccent" -c "SELECT unaccent(U&'"'"'D\0175r'"'"')")
  [ "$out" = "Dwr" ] || { echo "unaccent gave \"$out\" for Dŵr, not Dwr"; exit 1; }'
