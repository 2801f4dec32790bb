#!/usr/bin/env bash
# Server speed on a 10,000-song archive: wrk's closed loop, then a paced load of 300 requests a second while two
# renders run, the export, contribution to playable draft, time to first sound and serve's memory; at the end each
# figure beside the issue's and the last recorded run (scripts/bench-figures.py), failing if one got 25% worse.
# Run by `make bench-server`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BENCH_BIN:-.build/release/songbridge}   # BENCH_BIN=another build: the same bench on it, to tell a change from the machine
DEV=.build/release/songbridge-dev
PORT=${PORT:-18990}
dir=$(mktemp -d)
pid=""
figures="$dir/figures.tsv"
figure() { printf "%s\t%s\n" "$1" "$2" >> "$figures"; }
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
for named in "songs /api/v1/songs" "songpage /songs/$tide" "search /api/v1/songs?q=harbour%20tide" "searchpage /search?q=harbour"; do
  set -- $named
  curl -sf -o /dev/null "http://127.0.0.1:$PORT$2"   # once first: the page's notation is drawn on the first visit
  out=$(wrk -t2 -c32 -d5s --latency "http://127.0.0.1:$PORT$2")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  printf "%-32s %10s req/s   p99 %8s   %s\n" "$2" "$rps" "$p99" "${errors:-no errors}"
  figure "wrk.$1.rps" "$rps"
  figure "wrk.$1.p99" "$(echo "$p99" | awk '/us$/ {printf "%.3f", $1 / 1000; next} /ms$/ {printf "%.3f", $1 + 0; next} /s$/ {printf "%.3f", $1 * 1000}')"
done

echo
echo "== Paced: 300 requests a second for 8 s each (scripts/paced-load.py, open loop), while two renders run at low"
echo "   priority the whole time (p50, p99, max in ms, from when each request was due)"
python3 - "$PORT" "$tide" 60 <<'PY' &
import sys, time, threading
sys.path.insert(0, "scripts")
from songbridge_api import Server
server, song, seconds = Server(sys.argv[1]), sys.argv[2], float(sys.argv[3])
end = time.time() + seconds
def keep(n):
    k = 0
    while time.time() < end:
        k += 1   # a new tempo each time, so each is a new render rather than the cached one
        job = server.call("POST", f"/api/v1/songs/{song}/renders", {"format": "flac", "style": "basic", "tempoScale": round(0.3 + 0.002 * k + 0.001 * n, 3)})
        server.until_done(job, 0.1, deadline=end)
threads = [threading.Thread(target=keep, args=(n,)) for n in range(2)]
for t in threads: t.start()
for t in threads: t.join()
PY
renders=$!
sleep 1
python3 scripts/paced-load.py "http://127.0.0.1:$PORT" 300 8 "/api/v1/songs/$tide" "/songs/$tide" "/api/v1/songs?q=harbour%20tide" "/api/v1/songs" "/search?q=harbour" > "$dir/paced.jsonl"
kill "$renders" 2>/dev/null || true
sleep 3   # the renders it asked for finish before the next measurement
python3 - "$dir/paced.jsonl" "$figures" <<'PY'
import json, sys
names = ["songjson", "songpage", "search", "songs", "searchpage"]
with open(sys.argv[2], "a") as out:
    for name, line in zip(names, open(sys.argv[1])):
        r = json.loads(line)
        print(f"{r['path']:32} {r['sent']:5} sent  {r['errors']} errors   p50 {r['p50']:6.2f}   p99 {r['p99']:6.2f}   max {r['max']:7.2f}")
        out.write(f"paced.{name}.p99\t{r['p99']}\n")
PY

echo
echo "== Export as one ZIP file: every song of the 10,000-song archive (songbridge export --all --zip), and over HTTP"
echo "   the songs of the busiest stop (GET /api/v1/export?stop=…; one export takes at most 1,000 songs)"
for _ in 1 2 3; do /usr/bin/time -a -o "$dir/export.times" -f "%e %M" $BIN export --all --zip "$dir/all.zip" --archive "$dir/archive.sqlite" >/dev/null; done
awk '{printf "   CLI, all songs: %s s, %s KB peak\n", $1, $2}' "$dir/export.times"
figure export.seconds "$(sort -n "$dir/export.times" | head -1 | awk '{print $1}')"
figure export.peakmb "$(sort -n -k2 "$dir/export.times" | tail -1 | awk '{printf "%.0f", $2 / 1024}')"
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
python3 - "$PORT" "$figures" <<'PY'
import sys, time, urllib.request
sys.path.insert(0, "scripts")
from songbridge_api import Server
server = Server(sys.argv[1])
call = server.call
drafts = {}
copies = server.copies_of_the_tide()
def first_sound(job, asked_at):
    if "stream" not in job:
        return "(already rendered)"
    server.first_sound(job)
    return f"{(time.perf_counter() - asked_at) * 1000:.0f} ms after the render POST"
for run, (fmt, style) in enumerate([(f, s) for s in ("basic", None) for f in ("flac", "wav", "ogg")] * 2):
    song = copies[f"The Tide Comes In (run {run + 1})"]
    start = time.perf_counter()
    c = call("POST", f"/api/v1/songs/{song}/contributions", {"by": ["c-mh01"], "kind": "lyrics", "payload": f"The [G]gulls come home at [C]tea time {run}", "section": "Verse 1"})
    call("PATCH", f"/api/v1/contributions/{c['id']}", {"status": "accepted"})
    call("POST", f"/api/v1/songs/{song}/merge", {})
    asked = {"format": fmt, "tempoScale": 0.43}
    if style: asked["style"] = style
    asked_at = time.perf_counter()
    job = call("POST", f"/api/v1/songs/{song}/renders", asked)
    first = first_sound(job, asked_at)
    job = server.until_done(job, 0.01)
    with urllib.request.urlopen(server.base + job["audio"]) as r:
        audio = r.read()
    elapsed = time.perf_counter() - start
    length = f", {(len(audio) - 44) / 176400:.1f} s" if fmt == "wav" else ""
    print(f"run {run + 1:2}: {elapsed * 1000:7.0f} ms from POST to a playable {len(audio) / 1024:5.0f} KiB {fmt.upper():4} ({style or 'song style'}, {job['status']}{length}); first sound {first}")
    drafts.setdefault(fmt, []).append(elapsed * 1000)
with open(sys.argv[2], "a") as out:
    for fmt, times in drafts.items():
        out.write(f"draft.{fmt}.ms\t{sorted(times)[len(times) // 2]:.0f}\n")
PY

echo
echo "== Time to first sound: from POSTing a render to the first 2,048 frames of its stream (what the page plays at"
echo "   once), for drafts of 1.5 to 6 minutes; each listener then hangs up, and the render goes on to the cache"
python3 - "$PORT" "$figures" <<'PY'
import sys, time
sys.path.insert(0, "scripts")
from songbridge_api import Server
server = Server(sys.argv[1])
copies = sorted(server.copies_of_the_tide().values())
firsts = []
for run, scale in enumerate([1.0, 0.43, 0.3, 0.25] * 3):
    song = copies[run % len(copies)]
    asked_at = time.perf_counter()
    job = server.call("POST", f"/api/v1/songs/{song}/renders", {"format": "flac", "style": "basic", "tempoScale": scale, "key": ["A", "Bb", "C", "D"][run // 4]})
    cues = len(job["lines"])
    got = server.first_sound(job)
    first = time.perf_counter() - asked_at
    firsts.append(first)
    job = server.until_done(job, 0.05)
    longest = int.from_bytes(got[40:44], "little") / 176400
    print(f"   {longest / 60:4.1f} min draft: first sound {first * 1000:5.0f} ms after the POST ({len(got)} bytes; {cues} line cues came with the job); render then {job['status']}")
firsts.sort()
print(f"   time to first sound: median {firsts[len(firsts) // 2] * 1000:.0f} ms, worst {firsts[-1] * 1000:.0f} ms (target under 300 ms)")
with open(sys.argv[2], "a") as out:
    out.write(f"firstsound.ms\t{firsts[-1] * 1000:.1f}\n")
PY

echo
sleep 2   # the last renders finish
rss=$(ps -o rss= -p "$pid" | awk '{printf "%.0f", $1 / 1024}')
echo "== serve's resident memory after the benchmark: $rss MB (target under 300 MB)"
figure serve.rssmb "$rss"

echo
echo "== The figures beside the issue's and the last recorded run (scripts/bench-server-record.json)"
python3 scripts/bench-figures.py "$figures" scripts/bench-server-record.json
