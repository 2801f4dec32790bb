#!/usr/bin/env bash
# Real tunebooks that people typed, for comparing our ABC reader with abc2midi: the ABC collections music21 ships
# (O'Neill's 1850, Aird's Airs, Ryan's Mammoth Collection, the Essen folk song collection), taken from its wheel
# on PyPI into .corpus/ (not committed; the tunes are traditional, the files are music21's). Quiet when there.
set -euo pipefail
cd "$(dirname "$0")/.."
want=10.5.1
[ -f .corpus/.done-$want ] && exit 0
echo "corpus: fetching music21 $want's ABC collections from PyPI into .corpus/"
rm -rf .corpus && mkdir -p .corpus/wheel
python3 -m pip download -q --no-deps -d .corpus/wheel "music21==$want" || python3 -m pip download -q --no-deps -d .corpus/wheel "music21>=9"
python3 - <<'PY'
import zipfile, glob, os
wheel = glob.glob(".corpus/wheel/music21-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        parts = name.split("/")
        if name.endswith(".abc") and len(parts) >= 3 and parts[2] in ("oneills1850", "airdsAirs", "ryansMammoth", "essenFolksong"):
            out = os.path.join(".corpus", parts[2], "-".join(parts[3:]))
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(out, "wb") as f:
                f.write(z.read(name))
PY
rm -rf .corpus/wheel
touch .corpus/.done-$want
