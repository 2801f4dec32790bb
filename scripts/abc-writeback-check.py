#!/usr/bin/env python3
"""Our ABC export beside the tunebooks' originals, as abc2midi plays them: a measure of whether writing a tune back
changes its music to someone else's player.

Usage: scripts/abc-writeback-check.py [COUNT [SEED]]   (after make build; the tunebooks are in .corpus/)
COUNT random tunes (default 1000) from the four tunebooks are each written back by `songbridge transpose --by 0`,
both files are played by abc2midi, and the notes (onset in beats, channel, pitch) are compared. Prints each tune
that differs at its first difference, then how many differ. A difference can be abc2midi's own reading of two
equivalent notations (a hornpipe's `>` swung, explicit lengths not), so each is a place to look, not a verdict.
"""
import glob
import os
import random
import re
import subprocess
import sys
import tempfile

from midi_notes import note_ons

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
songbridge = os.path.join(root, ".build/release/songbridge")
if not os.path.exists(songbridge):
    songbridge = os.path.join(root, ".build/debug/songbridge")

tunes = []
for path in sorted(glob.glob(os.path.join(root, ".corpus/*/*.abc"))):
    text = open(path, encoding="utf-8", errors="replace").read()
    head = "" if text.startswith("X:") else text[: text.find("\nX:") + 1]
    tunes += [(path, head, part) for part in re.split(r"\n(?=X:)", text) if part.lstrip().startswith("X:")]
random.shuffle(tunes)


def notes(path):
    """(onset in beats to a hundredth, channel, pitch) of every note the file starts, sorted."""
    return sorted((round(float(onset), 2), channel, pitch) for onset, channel, pitch in note_ons(path))


differ = compared = 0
with tempfile.TemporaryDirectory() as folder:
    for k, (path, head, tune) in enumerate(tunes[:count]):
        original, written = os.path.join(folder, f"o{k}.abc"), os.path.join(folder, f"w{k}.abc")
        with open(original, "w") as f:
            f.write(head + tune)
        if subprocess.run([songbridge, "transpose", original, "--by", "0", "-o", written], capture_output=True).returncode != 0:
            continue
        for source in (original, written):
            subprocess.run(["abc2midi", source, "-o", source[:-4] + ".mid"], capture_output=True)
        if not (os.path.exists(original[:-4] + ".mid") and os.path.exists(written[:-4] + ".mid")):
            continue
        compared += 1
        theirs, ours = notes(original[:-4] + ".mid"), notes(written[:-4] + ".mid")
        if theirs != ours:
            differ += 1
            i = next((i for i, (a, b) in enumerate(zip(theirs, ours)) if a != b), min(len(theirs), len(ours)))
            print(f"{os.path.relpath(path, root)} {tune.splitlines()[0]}: {len(theirs)} notes, written back {len(ours)}; first difference "
                  f"{theirs[i] if i < len(theirs) else '-'} against {ours[i] if i < len(ours) else '-'}")
print(f"abc2midi plays {compared - differ} of {compared} tunes written back as it plays the originals")
