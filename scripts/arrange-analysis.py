#!/usr/bin/env python3
"""What a musician listens for in an arrangement, measured from its MIDI file (mido).

For each file: the share of sung time with a chord part sounding above the tune; accompaniment notes a minor 2nd
or 9th from a sung chord tone; bass-tune parallel fifths and octaves on strong beats; whether it ends on the tonic
with the root in the bass, on a downbeat; and how many distinct rhythm patterns each part plays in a bar.

Tracks are told apart by name, as Songbridge writes them: "Melody" is the tune, "Bass" the bass, "Drums" (or
channel 10) the drums, "Voice n"/"Harmony" sung harmony (left out), and every other pitched track a chord part.
A file without a "Melody" track (an MMA groove) is measured for what needs no tune: endings and variety.

Usage: arrange-analysis.py [--json] FILE.mid[:LABEL[:KEY]] ...
       arrange-analysis.py [--json] --config entries.json
An entry of the config is {"label", "file", "key" (the home key, as D or Am; else the file's key signature),
"barBeats" (a bar in beats of the file, when its time signature does not say: MMA's 6/8 grooves play two beats a
bar), "melodyFrom" and "melodyScale" (a file without a tune is measured against another's Melody track, its ticks
times the scale, as MMA's groove is against the same song's tune)}.
"""
import json
import sys

import mido

NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]


def tonic_of(key):
    """The tonic pitch class of a mido key_signature value ('D', 'Am', 'Bbm')."""
    name = key[:-1] if key.endswith("m") else key
    flats = {"Db": "C#", "Gb": "F#", "Cb": "B", "D#": "Eb", "A#": "Bb", "G#": "Ab"}
    name = flats.get(name, name)
    return NAMES.index(name) if name in NAMES else 0


def read(path, bar_beats=None):
    mid = mido.MidiFile(path)
    tpq = mid.ticks_per_beat
    tracks = {}
    meter = (4, 4)
    key = None
    for i, track in enumerate(mid.tracks):
        name = f"track{i}"
        now = 0
        sounding = {}
        notes = []
        channel = None
        for msg in track:
            now += msg.time
            if msg.type == "track_name":
                name = msg.name
            elif msg.type == "time_signature" and now == 0:
                meter = (msg.numerator, msg.denominator)
            elif msg.type == "key_signature" and key is None:
                key = msg.key
            elif msg.type == "note_on" and msg.velocity > 0:
                channel = msg.channel
                sounding.setdefault((msg.channel, msg.note), []).append(now)
            elif msg.type in ("note_off", "note_on"):
                starts = sounding.get((msg.channel, msg.note))
                if starts:
                    on = starts.pop(0)
                    notes.append((on, now, msg.note))
        if notes:
            if channel == 9 or name.lower().startswith("drum") or name.lower() == "count-in":
                name = "Drums" if name.lower() != "count-in" else "Count-in"
            tracks.setdefault(name, []).extend(sorted(notes))
    bar = int(tpq * bar_beats) if bar_beats else tpq * 4 * meter[0] // meter[1]
    return tracks, tpq, meter, bar, key


def role(name):
    lower = name.lower()
    if lower == "melody":
        return "melody"
    if lower.startswith("bass") or lower.startswith("walk"):
        return "bass"
    if lower in ("drums", "count-in"):
        return "drums"
    if lower.startswith("voice") or lower.startswith("harmony"):
        return "harmony"
    return "chords"


def strong_beats(meter, tpq):
    """Ticks within a bar that are strong: 1 and 3 in 4/4, 1 in 3/4 and 2/4, 1 and 4 in 6/8."""
    num, den = meter
    beat = tpq * 4 // den
    if den == 8 and num % 3 == 0:
        return [i * 3 * beat for i in range(num // 3)]
    if num == 4:
        return [0, 2 * beat]
    return [0]


def sounding_at(notes, t):
    return [k for (on, off, k) in notes if on <= t < off]


def analyse(path, home=None, bar_beats=None, melody_from=None, melody_scale=1.0):
    tracks, tpq, meter, bar, key = read(path, bar_beats)
    key = home or key
    melody = tracks.get("Melody", [])
    if not melody and melody_from:
        other = read(melody_from)[0].get("Melody", [])
        melody = [(int(on * melody_scale), int(off * melody_scale), k) for (on, off, k) in other]
        tracks["Melody"] = melody
    bass = [n for name, ns in tracks.items() if role(name) == "bass" for n in ns]
    chords = {name: ns for name, ns in tracks.items() if role(name) == "chords"}
    chord_notes = [n for ns in chords.values() for n in ns]
    out = {"file": path, "meter": f"{meter[0]}/{meter[1]}"}

    if melody:
        # Sung time with a chord part above the tune.
        total = above = 0
        for (on, off, m) in melody:
            total += off - on
            edges = sorted({on, off} | {max(on, a) for (a, b, k) in chord_notes if a < off and b > on} | {min(off, b) for (a, b, k) in chord_notes if a < off and b > on})
            for s, e in zip(edges, edges[1:]):
                if any(k > m for (a, b, k) in chord_notes if a <= s and b >= e):
                    above += e - s
        out["above"] = above / total if total else 0.0
        # Accompaniment notes a minor 2nd or 9th from a sung chord tone (the tune's note a tone of what sounds).
        clashes = 0
        for (a, b, k) in chord_notes + bass:
            for (on, off, m) in melody:
                if on < b and off > a and abs(k - m) % 12 == 1:
                    pcs = {x % 12 for x in sounding_at(chord_notes + bass, max(a, on))}
                    if m % 12 in pcs:
                        clashes += 1
                        break
        out["clashes"] = clashes
        # Bass-tune parallel fifths and octaves on strong beats, both voices moving the same way.
        strong = strong_beats(meter, tpq)
        end = max(off for (_, off, _) in melody)
        start = min(on for (on, _, _) in melody)
        previous = None
        parallels = 0
        t0 = (start // bar) * bar
        for b0 in range(t0, end, bar):
            for s in strong:
                t = b0 + s
                m = sounding_at(melody, t)
                lows = sounding_at(bass, t)
                if not m or not lows:
                    previous = None
                    continue
                pair = (min(lows), max(m))
                if previous:
                    (pb, pm), (cb, cm) = previous, pair
                    iv0, iv1 = (pm - pb) % 12, (cm - cb) % 12
                    if iv0 == iv1 and iv1 in (0, 7) and pb != cb and pm != cm and (cb - pb > 0) == (cm - pm > 0):
                        parallels += 1
                previous = pair
        out["parallels"] = parallels
    # The ending: the last notes struck, on a downbeat, the root of the home key in the bass.
    pitched = [n for name, ns in tracks.items() if role(name) in ("bass", "chords") for n in ns]
    if pitched:
        last = max(on for (on, _, _) in pitched)
        final_bass = [k for (on, _, k) in bass if on == last] or [k for (on, _, k) in pitched if on == last]
        tonic = tonic_of(key or "C")
        out["ending"] = {
            "downbeat": last % bar == 0,
            "bass": NAMES[min(final_bass) % 12] + str(min(final_bass) // 12 - 1),
            "tonic_in_bass": min(final_bass) % 12 == tonic,
            "held_beats": round(max(off - on for (on, off, _) in pitched if on == last) / tpq, 2),
        }
        out["ends_home"] = out["ending"]["downbeat"] and out["ending"]["tonic_in_bass"]
    # Voicing: how wide the chord parts' strikes are (mean span in semitones of the notes struck together) and their
    # compass, to tell a guitar's shapes from a pianist's tenths from a close triad.
    strikes = {}
    for (on, _, k) in chord_notes:
        strikes.setdefault(on, []).append(k)
    chords_struck = [v for v in strikes.values() if len(v) >= 2]
    if chords_struck:
        out["voicing"] = {"span": round(sum(max(v) - min(v) for v in chords_struck) / len(chords_struck), 1),
                          "low": NAMES[min(min(v) for v in chords_struck) % 12] + str(min(min(v) for v in chords_struck) // 12 - 1),
                          "high": NAMES[max(max(v) for v in chords_struck) % 12] + str(max(max(v) for v in chords_struck) // 12 - 1)}
    # Rhythm patterns: per part, the distinct sets of onsets within a bar.
    variety = {}
    for name, ns in tracks.items():
        if role(name) in ("melody", "harmony") or name == "Count-in":
            continue
        bars = {}
        for (on, _, _) in ns:
            bars.setdefault(on // bar, set()).add(round((on % bar) / (tpq / 4)))   # to the nearest 16th: MMA nudges its timing at random
        variety[name] = len({tuple(sorted(v)) for v in bars.values()})
    out["variety"] = variety
    return out


def main(argv):
    as_json = "--json" in argv
    args = [a for a in argv if a != "--json"]
    entries = []
    if args[:1] == ["--config"]:
        entries = json.load(open(args[1]))
    else:
        for a in args:
            parts = a.split(":")
            entries.append({"file": parts[0], "label": parts[1] if len(parts) > 1 else parts[0], "key": parts[2] if len(parts) > 2 else None})
    rows = []
    for e in entries:
        r = analyse(e["file"], e.get("key"), e.get("barBeats"), e.get("melodyFrom"), e.get("melodyScale", 1.0))
        r["label"] = e["label"]
        rows.append(r)
    if as_json:
        print(json.dumps(rows, indent=1))
        return
    print(f"{'':34} {'above':>6} {'clash':>6} {'par.':>5}  {'ending':<26} {'voicing':<16} variety (patterns per part)")
    for r, e in zip(rows, entries):
        if e.get("quiet"):
            continue
        above = f"{r['above'] * 100:5.0f}%" if "above" in r else "     -"
        clash = f"{r['clashes']:6d}" if "clashes" in r else "     -"
        par = f"{r['parallels']:5d}" if "parallels" in r else "    -"
        e = r.get("ending")
        ending = f"{'home' if r.get('ends_home') else 'AWAY'} {e['bass']} {'down' if e['downbeat'] else 'off'} {e['held_beats']}b" if e else "-"
        variety = " ".join(f"{k} {v}" for k, v in sorted(r["variety"].items()))
        v = r.get("voicing")
        voicing = f"{v['span']:4.1f} {v['low']}-{v['high']}" if v else "-"
        print(f"{r['label'][:34]:34} {above} {clash} {par}  {ending:<26} {voicing:<16} {variety}")
    # The issue's targets, for every entry marked "judged": the tune above the chords at most 20% of sung time,
    # no more clashes than its "peer" (MMA on the same song), no parallels, the tonic in the bass on the last
    # downbeat, and at least three rhythm patterns in every part.
    by_label = {r["label"]: r for r in rows}
    judged = [(r, e) for r, e in zip(rows, entries) if e.get("judged")]
    failures = []
    for r, e in judged:
        if "above" in r and r["above"] > 0.20:
            failures.append(f"{r['label']}: chords above the tune {r['above'] * 100:.0f}% of sung time")
        peer = by_label.get(e.get("peer", ""))
        if "clashes" in r and peer and "clashes" in peer and r["clashes"] > peer["clashes"]:
            failures.append(f"{r['label']}: {r['clashes']} clashes, MMA {peer['clashes']}")
        if r.get("parallels"):
            failures.append(f"{r['label']}: {r['parallels']} parallel fifths or octaves")
        if not r.get("ends_home"):
            failures.append(f"{r['label']}: ends away from home ({r.get('ending')})")
        for part, n in r["variety"].items():
            if n < 3:
                failures.append(f"{r['label']}: {part} plays {n} rhythm pattern{'s' if n != 1 else ''}")
    if judged:
        print(f"targets: {len(judged)} arrangements judged ({sum(1 for e in entries if e.get('quiet'))} not shown), "
              + ("every target met" if not failures else f"{len(failures)} misses:"))
        for f in failures:
            print("  " + f)


if __name__ == "__main__":
    main(sys.argv[1:])
