#!/usr/bin/env python3
"""Reads MusicXML files back with music21 and compares each with what Songbridge says it wrote.

Usage: musicxml-readback.py EXPECTED.json
EXPECTED.json: [{"file": "...musicxml", "events": [["n", [60, 64], "1/2", {"1": "Sun"}], ["r", [], "1", {}], ...]}, ...]
Each event: note or rest, its MIDI pitches (sorted), its length in quarters as a fraction, its words by verse.
Prints one line per file that differs (the first difference) and exits 1 if any does.
"""
import json
import sys
from fractions import Fraction

import music21


def events(path):
    score = music21.converter.parse(path, format="musicxml")
    out = []
    for element in score.parts[0].flatten().notesAndRests:
        # Chord symbols (<harmony>) come back as zero-length chords: they are not the tune's notes.
        if element.duration.isGrace or isinstance(element, music21.harmony.Harmony):
            continue
        kind = "r" if element.isRest else "n"
        pitches = [] if element.isRest else sorted(p.midi for p in element.pitches)
        words = {str(l.number): l.text for l in element.lyrics if l.text}
        out.append((kind, pitches, Fraction(element.duration.quarterLength).limit_denominator(10_000), words))
    return out


def main():
    expected = json.load(open(sys.argv[1]))
    bad = 0
    for item in expected:
        want = [(k, p, Fraction(q), w) for k, p, q, w in item["events"]]
        got = events(item["file"])
        if got == want:
            continue
        bad += 1
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                print(f"{item['file']}: event {i}: music21 read {g}, Songbridge wrote {w}")
                break
        else:
            print(f"{item['file']}: music21 read {len(got)} events, Songbridge wrote {len(want)}")
    print(f"music21 read {len(expected) - bad} of {len(expected)} files as written")
    sys.exit(1 if bad else 0)


main()
