#!/usr/bin/env bash
# Melodic search figures (issue 16): an archive of the demo songs and the four real tunebooks (12,760 tunes) made
# with `songbridge reference import` (indexing time), accuracy on 500 spoiled queries beside the n-gram and contour
# baselines (songbridge-dev tune-search), "tunes like this" beside the full search, and latency of
# POST /api/v1/search/tune under wrk on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/songbridge
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=
archive=$work/tunes.sqlite
$bin import Songs --archive "$archive" > /dev/null
start=$(date +%s.%N)
for c in oneills1850 airdsAirs ryansMammoth essenFolksong; do
  find .corpus/$c -name '*.abc' | sort | xargs $bin reference import --archive "$archive" --name "$c" 2>/dev/null | tail -1
done
end=$(date +%s.%N)
echo "indexing: $(python3 -c "print(round($end - $start, 2))") s for every reference tune (reading the ABC included), whole processes"
.build/release/songbridge-dev tune-search
# The model's own ceiling: every tune aligned whole and the best 3,000 ranked by likelihood, so nothing the pipeline
# leaves out can cost a hit (about 500 ms a query; accuracy only).
.build/release/songbridge-dev tune-search --quick --hummed 0 --methods aligned --candidates 100000000 --rerank 3000
# "Tunes like this" as a song page asks it (each whole tune, a quarter of the work) beside the full search.
.build/release/songbridge-dev tune-search --likeness 1000
port=$((20000 + RANDOM % 20000))
$bin serve --archive "$archive" --port $port > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/stops" && break; sleep 0.1; done
# Phrases from the demo songs and common session tunes, typed as a person would (any key).
cat > "$work/post.lua" <<'LUA'
local bodies = {
  '{"abc": "K:G\\nD2 G2 G2 A2 | BA G2 G4 |"}',
  '{"abc": "K:D\\nd2fd AdFA|dfaf gefd|"}',
  '{"abc": "K:F\\nA2 A2 G2 F2 | G2 A2 F4 | d2 d2 c2 A2 |"}',
  '{"abc": "K:G\\nGABc dBAG|FGAB cAFD|"}',
  '{"abc": "K:Am\\nA2 EA cAEA|G2 DG BGDG|"}',
  '{"abc": "K:C\\nCDEF GABc|cBAG FEDC|"}',
  '{"notes": [{"pitch":62,"start":0,"length":1},{"pitch":67,"start":1,"length":1},{"pitch":67,"start":2,"length":1},{"pitch":69,"start":3,"length":1},{"pitch":71,"start":4,"length":0.5},{"pitch":69,"start":4.5,"length":0.5},{"pitch":67,"start":5,"length":2}]}',
}
local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format("POST", "/api/v1/search/tune", {["Content-Type"] = "application/json"}, bodies[i])
end
LUA
# One search first: the server reads the melodic index once (a third of a second), at start or at the first search.
curl -s -o /dev/null -X POST -H "Content-Type: application/json" -d '{"abc": "K:C\nCDEF GABc"}' "http://127.0.0.1:$port/api/v1/search/tune"
echo "POST /api/v1/search/tune, 12,765 tunes, 4 connections (the server's cap on searches at once), 20 s:"
wrk -t 2 -c 4 -d 20s --latency -s "$work/post.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|50%|90%|99%|Non-2xx|requests in"
