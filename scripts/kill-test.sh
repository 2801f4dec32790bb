#!/usr/bin/env bash
# Nothing acknowledged is lost: import a large generated collection, kill the importer with SIGKILL at a random
# moment, then check the archive passes PRAGMA integrity_check and holds every song id the importer printed
# (it prints an id only after that song's transaction committed). Repeats ROUNDS times.
#   scripts/kill-test.sh [ROUNDS] [SONGS]
set -euo pipefail
rounds=${1:-20}
songs=${2:-2000}
cd "$(dirname "$0")/.."
swift build --product songbridge >/dev/null 2>&1 || swift build --product songbridge
swift build --product songbridge-dev >/dev/null 2>&1 || swift build --product songbridge-dev
bin=.build/debug/songbridge
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/debug/songbridge-dev generate --count "$songs" --to "$work/songs" >/dev/null
for round in $(seq 1 "$rounds"); do
  rm -f "$work"/archive.sqlite*
  "$bin" import "$work/songs" --archive "$work/archive.sqlite" > "$work/acked.txt" 2>/dev/null &
  pid=$!
  sleep "0.$(( (RANDOM % 9) + 1 ))$(( RANDOM % 10 ))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  check=$(sqlite3 "$work/archive.sqlite" "PRAGMA integrity_check;")
  stored=$(sqlite3 "$work/archive.sqlite" "SELECT id FROM song ORDER BY id;" | sort -n)
  missing=$(comm -23 <(sort -n "$work/acked.txt") <(echo "$stored") | wc -l)
  echo "round $round: integrity $check, $(wc -l < "$work/acked.txt") acknowledged, $(echo "$stored" | grep -c . || true) stored, $missing missing"
  if [ "$check" != "ok" ] || [ "$missing" -ne 0 ]; then echo "FAILED"; exit 1; fi
done
echo "all $rounds rounds kept every acknowledged song"
