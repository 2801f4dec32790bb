#!/usr/bin/env python3
"""Plays MusicXML files in MuseScore (mscore3, headless) and compares the notes it plays with what Songbridge plays.

Usage: musescore-playback.py EXPECTED.json
EXPECTED.json: [{"file": "...musicxml", "notes": [["1/2", 67], ...]}, ...]: each note Songbridge plays, in order
of onset, as its onset in quarters (a fraction) and its MIDI pitch; repeats, endings and ABC's play order played out.
MuseScore converts every file to MIDI in one run (its batch job), its repeats played as a reader of the score would
play them; mido (PyPI) reads what it wrote. Prints one line per file that differs (the first difference) and exits
1 if any does.
"""
import json
import os
import subprocess
import sys
import tempfile
from fractions import Fraction

from midi_notes import note_ons


def played(path):
    """(onset in quarters, pitch) of every note MuseScore's MIDI file starts, in order."""
    return sorted((onset, pitch) for onset, _, pitch in note_ons(path))


def main():
    expected = json.load(open(sys.argv[1]))
    folder = tempfile.mkdtemp(prefix="musescore-")
    job = [{"in": item["file"], "out": os.path.join(folder, f"{i}.mid")} for i, item in enumerate(expected)]
    with open(os.path.join(folder, "job.json"), "w") as f:
        json.dump(job, f)
    # No display here: Qt draws offscreen.
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=folder)
    run = subprocess.run(["mscore3", "-j", os.path.join(folder, "job.json")], capture_output=True, text=True, env=environment, timeout=600)
    bad = 0
    for item, converted in zip(expected, job):
        if not os.path.exists(converted["out"]):
            bad += 1
            print(f"{item['file']}: MuseScore wrote no MIDI ({run.stderr.strip().splitlines()[-1:]})")
            continue
        got = played(converted["out"])
        want = sorted((Fraction(onset), pitch) for onset, pitch in item["notes"])
        # Onsets to a hundredth of a quarter: MuseScore's ticks cannot hold a seventh of a beat exactly.
        same = len(got) == len(want) and all(abs(g[0] - w[0]) < Fraction(1, 100) and g[1] == w[1] for g, w in zip(got, want))
        if same:
            continue
        bad += 1
        for i, (g, w) in enumerate(zip(got, want)):
            if abs(g[0] - w[0]) >= Fraction(1, 100) or g[1] != w[1]:
                print(f"{item['file']}: note {i}: MuseScore plays pitch {g[1]} at {float(g[0]):.3f} q, Songbridge {w[1]} at {float(w[0]):.3f} q")
                break
        else:
            print(f"{item['file']}: MuseScore plays {len(got)} notes, Songbridge {len(want)}")
    print(f"MuseScore played {len(expected) - bad} of {len(expected)} files as Songbridge plays them")
    sys.exit(1 if bad else 0)


main()
