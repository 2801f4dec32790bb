#!/usr/bin/env python3
"""The figures `make bench-server` measures, beside the issue's "now" and its targets, and beside the last recorded
run (scripts/bench-server-record.json, kept in git). Exits 1 if any figure is more than 25% worse than recorded
(latencies also by more than half a millisecond, below which a p99 is noise on a shared machine); otherwise the
run becomes the record. wrk's closed-loop figures are shown against the record but not held to it: a saturated
server's p99 and rate moved by 25-77% between three runs of the same build on this two-core machine, where the
paced figures moved by under 12%.

    bench-figures.py FIGURES.tsv RECORD.json      FIGURES.tsv: lines "name<TAB>value"
"""
import json, sys

# name: (what, unit, better, the issue's figure when it was filed, the target)
FIGURES = {
    "wrk.songs.rps":        ("GET /api/v1/songs, wrk 32 connections", "req/s", "higher", "1,300", None),
    "wrk.songs.p99":        ("  p99", "ms", "lower", "117", None),
    "wrk.songpage.rps":     ("song page /songs/5, wrk 32 connections", "req/s", "higher", "2,584", None),
    "wrk.songpage.p99":     ("  p99", "ms", "lower", "35", None),
    "wrk.search.rps":       ("JSON search, wrk 32 connections", "req/s", "higher", "1,296", None),
    "wrk.search.p99":       ("  p99", "ms", "lower", "55", None),
    "wrk.searchpage.rps":   ("search page /search?q=harbour, wrk 32 connections", "req/s", "higher", "348", None),
    "wrk.searchpage.p99":   ("  p99", "ms", "lower", "205", None),
    "paced.songjson.p99":   ("song JSON at 300 req/s, two renders running: p99", "ms", "lower", "-", 20),
    "paced.songpage.p99":   ("song page at 300 req/s, two renders running: p99", "ms", "lower", "-", 20),
    "paced.search.p99":     ("JSON search at 300 req/s, two renders running: p99", "ms", "lower", "-", 30),
    "paced.songs.p99":      ("song list at 300 req/s, two renders running: p99", "ms", "lower", "-", 50),
    "paced.searchpage.p99": ("search page at 300 req/s, two renders running: p99", "ms", "lower", "-", 60),
    "draft.wav.ms":         ("contribution to playable 3-minute draft, WAV (median)", "ms", "lower", "1,120-1,380", None),
    "draft.flac.ms":        ("  FLAC (median)", "ms", "lower", "1,290-1,530", None),
    "draft.ogg.ms":         ("  OGG (median)", "ms", "lower", "3,400-4,200", None),
    "firstsound.ms":        ("render POST to first sound of its stream (worst of 12)", "ms", "lower", "-", 300),
    "export.seconds":       ("export --all --zip, 10,005 songs (best of 3)", "s", "lower", "26", 10),
    "export.peakmb":        ("  peak memory", "MB", "lower", "-", None),
    "serve.rssmb":          ("serve's resident memory after the benchmark", "MB", "lower", "-", 300),
}

def main(figures_path, record_path):
    now = {}
    for line in open(figures_path):
        if "\t" in line:
            name, value = line.rstrip("\n").split("\t")
            now[name] = float(value)
    try:
        record = json.load(open(record_path))
    except FileNotFoundError:
        record = {}
    worse = []
    print(f"{'figure':58} {'issue':>12} {'target':>7} {'recorded':>9} {'now':>9}  change")
    for name, (what, unit, better, issue, target) in FIGURES.items():
        if name not in now:
            continue
        value, before = now[name], record.get(name)
        change, flag = "", ""
        if before:
            ratio = value / before if better == "lower" else before / value
            change = f"{(ratio - 1) * 100:+.0f}% {'worse' if ratio > 1 else 'better'}"
            if name.startswith("wrk."):
                change += " (closed loop: shown, not held to the record)"
            elif ratio > 1.25 and not (unit == "ms" and abs(value - before) <= 0.5):
                worse.append(name)
                flag = "  << more than 25% worse"
        missed = "  (misses the target)" if target is not None and (value > target if better == "lower" else value < target) else ""
        print(f"{what + ' (' + unit + ')':58} {issue:>12} {'' if target is None else target:>7} {'' if before is None else f'{before:g}':>9} {value:>9g}  {change}{flag}{missed}")
    if worse:
        print(f"\n{len(worse)} figure(s) more than 25% worse than the recorded run: {', '.join(worse)}")
        return 1
    # Figures this run did not measure keep their recorded values.
    json.dump({**{k: v for k, v in record.items() if k in FIGURES}, **{k: now[k] for k in FIGURES if k in now}}, open(record_path, "w"), indent=1, sort_keys=True)
    print(f"\nno figure is more than 25% worse than the recorded run; this run is now the record ({record_path})")
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
