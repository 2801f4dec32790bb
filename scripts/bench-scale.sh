#!/usr/bin/env bash
# The charity's central archive at full size (make bench-scale; run beside a PostgreSQL server of its own by
# scripts/with-postgres.sh): 100,000 songs, 1,000,000 contributions, 50,000 people of 1,450 partner organisations,
# generated into PostgreSQL and into an SQLite file alike (songbridge-dev scale-archive). Each is then served by
# `songbridge serve` and asked at a fixed offered load (scripts/paced-load.py, open loop: 500 requests a second for
# 10 s on each path, timed from when each request was due) for a song's JSON, its page and two word searches; then a
# laptop of the tour pushes 10,000 new contributions into it with `songbridge sync push`. The same song and search
# asked again and again are answered from what the server keeps while the archive is unchanged (AnswerCache); two
# more paths ask a different song's page (and its JSON) and different words at every request, for the work of making an answer
# (a different song's page is asked at COLD_RATE a second too, 100 unless given, before the rest). Before serving,
# `songbridge prepare-pages` works out every page's drawings and likenesses (timed), as a merge through the server does
# for its song. The database has pg_prewarm, as the README has a central server's administrator add, and the rows at
# the full rate start once the server says it has read its files (and the tables) into memory.
# Every figure is printed for both engines side by side, with the issue's target.
#   SONGS=2000 PEOPLE=2000 ORGS=50 scripts/with-postgres.sh scripts/bench-scale.sh   (a quick, small run)
#   ENGINES=PostgreSQL KEPT_FROM=/tmp/kept.sqlite ...   (one engine, starting from a kept file an earlier run left)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/songbridge
DEV=.build/release/songbridge-dev
SONGS=${SONGS:-100000}
PEOPLE=${PEOPLE:-50000}
ORGS=${ORGS:-1450}
RATE=${RATE:-500}
EACH=${EACH:-10}
COLD_RATE=${COLD_RATE:-100}   # a different song's page at every request, asked again at this rate
ENGINES=${ENGINES:-SQLite PostgreSQL}   # one of them alone: ENGINES=PostgreSQL (the laptop is made with the first)
PORT=${PORT:-18995}
: "${SONGBRIDGE_TEST_POSTGRES:?bench-scale runs beside a PostgreSQL server: scripts/with-postgres.sh scripts/bench-scale.sh (make bench-scale does)}"
socket=${SONGBRIDGE_TEST_POSTGRES##*host=}
dir=$(mktemp -d /tmp/songbridge-scale.XXXXXX)
chmod 755 "$dir"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

psql -X -q -h "$socket" -U songbridge postgres -c "CREATE DATABASE scale OWNER archive" >/dev/null
# As the README has a central server's administrator do: the server reads the archive's tables into memory as it starts.
psql -X -q -h "$socket" -U songbridge scale -c "CREATE EXTENSION pg_prewarm" >/dev/null
declare -A where=([SQLite]="$dir/central.sqlite" [PostgreSQL]="postgres://archive@localhost/scale?host=$socket")
declare -A figure
# (Drawings are kept by what they draw, so a kept file from an earlier run of the same songs spares most of
# prepare-pages' drawing.)
if [ -n "${KEPT_FROM:-}" ]; then
  cp "$KEPT_FROM" "$dir/kept.sqlite"
  [ -f "$KEPT_FROM-wal" ] && cp "$KEPT_FROM-wal" "$dir/kept.sqlite-wal"
fi

# CPU time so far, in ticks of 1/100 s, of the server (with the programs it ran and waited for: abcm2ps drawing a
# page's notation) and (on PostgreSQL) of the cluster's processes.
ticks() {
  local own cluster=0 master
  own=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")
  if [ "$engine" = PostgreSQL ] && [ -r "$socket/data/postmaster.pid" ]; then
    master=$(head -n 1 "$socket/data/postmaster.pid")
    # The postmaster and its children, read from /proc (no procps needed): after "pid (name) ", the parent is the
    # second field and the user and system times the twelfth and thirteenth.
    cluster=$({ cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v m="$master" '{ pid = $1; sub(/^.*\) /, ""); if (pid == m || $2 == m) s += $12 + $13 } END { print s + 0 }')
  fi
  echo "$own $cluster"
}

# One paced row (rate, path): paced-load.py's figures with the server's and PostgreSQL's CPU per request added.
paced() {
  local before after
  before=$(ticks)
  python3 scripts/paced-load.py "http://127.0.0.1:$PORT" "$1" "$EACH" "$2" > "$dir/row.json"
  after=$(ticks)
  python3 -c 'import json, sys
r = json.load(open(sys.argv[1])); b = sys.argv[2].split(); a = sys.argv[3].split()
n = max(1, r["sent"])
r["serverMs"] = (int(a[0]) - int(b[0])) * 10 / n
r["databaseMs"] = (int(a[1]) - int(b[1])) * 10 / n
print(json.dumps(r))' "$dir/row.json" "$before" "$after"
}
token="scale-bench-token-0123456789abcdef"
first=${ENGINES%% *}
for engine in $ENGINES; do
  archive=${where[$engine]}
  echo "== $engine: generating $SONGS songs, $((SONGS * 10)) contributions, $PEOPLE people of $ORGS organisations"
  laptop=()
  [ "$engine" = "$first" ] && laptop=(--laptop "$dir/laptop.sqlite")
  start=$(date +%s.%N)
  $DEV scale-archive --archive "$archive" --songs "$SONGS" --people "$PEOPLE" --organisations "$ORGS" "${laptop[@]}"
  # (What autovacuum would soon do on a live server: the planner's statistics and the search index brought up to
  # date after the bulk load.)
  [ "$engine" = PostgreSQL ] && psql -X -q -h "$socket" -U songbridge scale -c "VACUUM ANALYZE" >/dev/null
  figure[$engine.generate]=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")
  # Every song page's drawings and likenesses worked out and kept, as a central server's keeper does after a bulk
  # import (one file for both engines: a drawing is kept by what it draws, so the second engine's run mostly reads).
  start=$(date +%s.%N)
  $BIN prepare-pages --archive "$archive" --kept "$dir/kept.sqlite"
  figure[$engine.prepare]=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")

  $BIN serve --archive "$archive" --kept "$dir/kept.sqlite" --port "$PORT" --token "$token" >"$dir/serve-$engine.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/api/v1/stops" >/dev/null && break; sleep 0.1; done
  song=$((SONGS / 2))
  # Two searches: one song by its whole title (a demo song's and its number: one match), and two words of the
  # generated lyrics, which every song made from the same demo song holds (a fifth of the archive: the worst case).
  title=$(curl -sf "http://127.0.0.1:$PORT/api/v1/songs/$song" | python3 -c 'import json, sys, urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["title"]))')
  # Then the same without the answers the server keeps while the archive is unchanged: a different song's page at
  # every request, and a different pair of the demo songs' words at every search (most pairs found in some songs).
  python3 - "$SONGS" "$((RATE * EACH))" "$((COLD_RATE * EACH))" "$dir" <<'PY'
import random, re, sys, glob, urllib.parse
songs, count, slow, folder = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rng = random.Random(18)
drawn = rng.sample(range(1, songs + 1), songs)
# First a different song's page at every request at a rate the server can keep up with, then others at the full
# rate (on a small archive, as many as there are).
with open(f"{folder}/slow-pages.txt", "w") as f:
    for n in drawn[:slow]: f.write(f"/songs/{n}\n")
with open(f"{folder}/pages.txt", "w") as f:
    for n in (drawn[slow:] + drawn[:slow])[:count]: f.write(f"/songs/{n}\n")
with open(f"{folder}/jsons.txt", "w") as f:
    for n in (drawn[:slow] + drawn[slow:])[-count:]: f.write(f"/api/v1/songs/{n}\n")
words = set()
for name in glob.glob("Songs/*.cho"):
    for line in open(name, encoding="utf-8"):
        if not line.startswith("{"): words.update(w.lower() for w in re.findall(r"[^\W\d_]{4,}", re.sub(r"\[[^]]*\]", "", line)))
words = sorted(words)
pairs = set()
while len(pairs) < min(count, len(words) * (len(words) - 1) // 2): pairs.add(tuple(sorted(rng.sample(words, 2))))
with open(f"{folder}/searches.txt", "w") as f:
    for a, b in sorted(pairs, key=lambda _: rng.random()): f.write("/api/v1/songs?q=" + urllib.parse.quote(a + " " + b) + "\n")
PY
  paths=("/api/v1/songs/$song" "/songs/$song" "/api/v1/songs?q=$title" "/api/v1/songs?q=harbour%20tide" "@$dir/pages.txt" "@$dir/searches.txt" "@$dir/jsons.txt")
  for p in "${paths[@]:0:4}"; do curl -sf -o /dev/null "http://127.0.0.1:$PORT$p" || { echo "bench-scale: $p does not answer on $engine" >&2; exit 1; }; done
  echo "   paced: $RATE requests a second for $EACH s on each path"
  # (The slower one first: one that the server cannot keep up with leaves it working through what was asked.)
  # Each path on its own, with the CPU the server (and PostgreSQL's processes) spent on it: on a shared host the
  # CPU a request costs moves far less from run to run than p99 does.
  : > "$dir/paced-$engine.jsonl"
  paced "$COLD_RATE" "@$dir/slow-pages.txt" >> "$dir/paced-$engine.jsonl"
  # The rows at $RATE/s measure a server that has read its files (and on PostgreSQL the archive's tables) into
  # memory, as its log says once done (the row above is the first after a start, while it reads).
  done_warming="file\(s\) into memory"
  [ "$engine" = PostgreSQL ] && done_warming="PostgreSQL read|tables warm as they are read|tables were not read"
  for _ in $(seq 1200); do grep -q -E "$done_warming" "$dir/serve-$engine.log" && break; sleep 0.1; done
  grep -E "into memory|as they are read|not read" "$dir/serve-$engine.log" | sed 's/^.*\] /   server: /' || true
  for p in "${paths[@]}"; do paced "$RATE" "$p" >> "$dir/paced-$engine.jsonl"; done
  n=0
  for name in slowpages songjson songpage title search pages searches jsons; do
    n=$((n + 1))
    line=$(sed -n "${n}p" "$dir/paced-$engine.jsonl")
    figure[$engine.$name]=$(echo "$line" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("p99 %7.2f ms  p50 %6.2f  (%d sent, %d errors)  CPU %.1f" % (r["p99"], r["p50"], r["sent"], r["errors"], r["serverMs"]) + (" + %.1f ms" % r["databaseMs"] if r["databaseMs"] else " ms"))')
  done
  cp "$dir/laptop.sqlite" "$dir/laptop-$engine.sqlite"
  start=$(date +%s.%N)
  $BIN sync push "http://127.0.0.1:$PORT" --token "$token" --archive "$dir/laptop-$engine.sqlite" >/dev/null
  figure[$engine.push]=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done

echo
row() { printf "%-44s %-68s %-68s %s\n" "$@"; }
row "at $SONGS songs, $((SONGS * 10)) contributions" "PostgreSQL" "SQLite" "target"
row "generated through sync (s)" "${figure[PostgreSQL.generate]:--}" "${figure[SQLite.generate]:--}" "-"
row "pages prepared (songbridge prepare-pages, s)" "${figure[PostgreSQL.prepare]:--}" "${figure[SQLite.prepare]:--}" "-"
row "song JSON at $RATE/s" "${figure[PostgreSQL.songjson]:--}" "${figure[SQLite.songjson]:--}" "p99 < 20 ms"
row "song page at $RATE/s" "${figure[PostgreSQL.songpage]:--}" "${figure[SQLite.songpage]:--}" "p99 < 20 ms"
row "search, one song by title, at $RATE/s" "${figure[PostgreSQL.title]:--}" "${figure[SQLite.title]:--}" "p99 < 50 ms"
row "search, words in a fifth of songs, at $RATE/s" "${figure[PostgreSQL.search]:--}" "${figure[SQLite.search]:--}" "p99 < 50 ms"
row "song JSON, a different song each time" "${figure[PostgreSQL.jsons]:--}" "${figure[SQLite.jsons]:--}" "p99 < 20 ms"
row "song page, a different song each time" "${figure[PostgreSQL.pages]:--}" "${figure[SQLite.pages]:--}" "p99 < 20 ms"
row "the same at $COLD_RATE/s" "${figure[PostgreSQL.slowpages]:--}" "${figure[SQLite.slowpages]:--}" "-"
row "search, different words each time" "${figure[PostgreSQL.searches]:--}" "${figure[SQLite.searches]:--}" "p99 < 50 ms"
row "sync push of 10,000 contributions (s)" "${figure[PostgreSQL.push]:--}" "${figure[SQLite.push]:--}" "< 5 s"
echo "(CPU: milliseconds a request spent by the server and the programs it ran (abcm2ps), and by PostgreSQL's processes on PostgreSQL.)"
