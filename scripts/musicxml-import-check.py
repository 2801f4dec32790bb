#!/usr/bin/env python3
"""What music21 reads in MusicXML files (.mxl or .musicxml): for each file, its first part's notes in order
(each a list of MIDI pitches and its length in quarters as a fraction, grace notes left out) and each note's
syllables as [verse number, text]. Songbridge's MusicXML reader is compared with this in the tests. Files whose first part
holds more than one voice are left out (Songbridge reads the first voice only) and listed as skipped.

Usage: musicxml-import-check.py FILE... > notes.json"""
import json
import sys
from fractions import Fraction

import music21

out = {"files": {}, "skipped": []}
for path in sys.argv[1:]:
    try:
        score = music21.converter.parse(path)
    except Exception as error:  # a file music21 cannot read is not a comparison
        out["skipped"].append([path, str(error)[:200]])
        continue
    part = score.parts[0] if score.parts else score
    if list(part.recurse().getElementsByClass("Voice")):
        out["skipped"].append([path, "several voices"])
        continue
    notes = []
    for n in part.flatten().notes:
        if n.duration.isGrace:
            continue
        pitches = sorted(p.midi for p in n.pitches)
        q = Fraction(n.duration.quarterLength).limit_denominator(10000)
        lyrics = [[l.number, l.text] for l in n.lyrics if l.text]
        notes.append([pitches, [q.numerator, q.denominator], lyrics])
    out["files"][path] = notes
json.dump(out, sys.stdout)
