#!/usr/bin/env bash
# Server speed: wrk against the song list, a song page and a search on a 10,000-song archive, then the time from
# POSTing a contribution to a playable render of a three-minute draft. Run by `make bench-server`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/songbridge
DEV=.build/release/songbridge-dev
PORT=${PORT:-18990}
dir=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

echo "== A 10,000-song archive (generated) plus the demo songs"
$DEV generate --count 10000 --to "$dir/songs" >/dev/null
$BIN import Songs --archive "$dir/archive.sqlite" >/dev/null
$BIN import "$dir/songs" --archive "$dir/archive.sqlite" >/dev/null
# Twelve copies of The Tide Comes In, one for each contribution-to-render run below: each run adds a line to its
# own copy, so every draft is the song and one line (a draft sings every line, so one copy would grow each run).
mkdir -p "$dir/tides"
for n in $(seq 12); do
  sed "s/^{title: The Tide Comes In}/{title: The Tide Comes In (run $n)}/" Songs/the-tide-comes-in.cho > "$dir/tides/tide-$n.cho"
done
$BIN import "$dir/tides" --archive "$dir/archive.sqlite" >/dev/null
$BIN serve --archive "$dir/archive.sqlite" --port "$PORT" >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/v1/stops" >/dev/null && break; sleep 0.1; done

tide=$(curl -s "http://127.0.0.1:$PORT/api/v1/songs?q=tide" | python3 -c 'import json,sys; print([s["id"] for s in json.load(sys.stdin) if s["title"]=="The Tide Comes In"][0])')
echo
echo "== wrk: 2 threads, 32 connections, 5 s each (requests/s, p99 latency)"
for path in "/api/v1/songs" "/songs/$tide" "/api/v1/songs?q=harbour%20tide" "/search?q=harbour"; do
  out=$(wrk -t2 -c32 -d5s --latency "http://127.0.0.1:$PORT$path")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  printf "%-32s %10s req/s   p99 %8s   %s\n" "$path" "$rps" "$p99" "${errors:-no errors}"
done

echo
echo "== Export as one ZIP file: every song of the 10,000-song archive (songbridge export --all --zip), and over HTTP"
echo "   the songs of the busiest stop (GET /api/v1/export?stop=…; one export takes at most 1,000 songs)"
for _ in 1 2 3; do /usr/bin/time -f "   CLI, all songs: %e s, %M KB peak" $BIN export --all --zip "$dir/all.zip" --archive "$dir/archive.sqlite" >/dev/null; done
ls -l "$dir/all.zip" | awk '{printf "   %.1f MiB\n", $5 / 1048576}'
busiest=$(curl -s "http://127.0.0.1:$PORT/api/v1/stops" | python3 -c 'import json,sys; s=max((x for x in json.load(sys.stdin) if x["songs"] <= 1000), key=lambda x: x["songs"]); print(s["id"], s["songs"])')
set -- $busiest
for _ in 1 2 3; do curl -sf -o /dev/null -w "   HTTP, stop=$1 ($2 songs): %{time_total} s, %{size_download} bytes\n" "http://127.0.0.1:$PORT/api/v1/export?stop=$1"; done

echo
echo "== 1,000 requests at once with renders in flight (scripts/load-test.py): errors, latency, lost contributions"
python3 scripts/load-test.py "http://127.0.0.1:$PORT" "$dir/archive.sqlite" 1000

echo
echo "== Contribution to playable render (The Tide Comes In and the new line, at 0.43 speed: a 192 s draft), each"
echo "   format; the plain style, then the song's own (folk: busier, with an introduction and an ending)"
python3 - "$PORT" <<'PY'
import json, sys, time, urllib.request
port = sys.argv[1]
base = f"http://127.0.0.1:{port}"
with urllib.request.urlopen(base + "/api/v1/songs?limit=200&q=tide%20comes%20run") as r:
    copies = {s["title"]: s["id"] for s in json.load(r)}
def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
for run, (fmt, style) in enumerate([(f, s) for s in ("basic", None) for f in ("flac", "wav", "ogg")] * 2):
    song = copies[f"The Tide Comes In (run {run + 1})"]
    start = time.perf_counter()
    c = call("POST", f"/api/v1/songs/{song}/contributions", {"by": ["c-mh01"], "kind": "lyrics", "payload": f"The [G]gulls come home at [C]tea time {run}", "section": "Verse 1"})
    call("PATCH", f"/api/v1/contributions/{c['id']}", {"status": "accepted"})
    call("POST", f"/api/v1/songs/{song}/merge", {})
    asked = {"format": fmt, "tempoScale": 0.43}
    if style: asked["style"] = style
    job = call("POST", f"/api/v1/songs/{song}/renders", asked)
    while job["status"] in ("queued", "rendering"):
        time.sleep(0.01)
        job = call("GET", f"/api/v1/renders/{job['id']}")
    with urllib.request.urlopen(base + job["audio"]) as r:
        audio = r.read()
    elapsed = time.perf_counter() - start
    length = f", {(len(audio) - 44) / 176400:.1f} s" if fmt == "wav" else ""
    print(f"run {run + 1:2}: {elapsed * 1000:7.0f} ms from POST to a playable {len(audio) / 1024:5.0f} KiB {fmt.upper():4} ({style or 'song style'}, {job['status']}{length})")
PY
