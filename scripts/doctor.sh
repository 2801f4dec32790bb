#!/usr/bin/env bash
# Checks that every outside program the tests and `make run` use is there and works, not only installed:
# TiMidity renders a note with the configuration we give it, FluidSynth finds the SoundFont and renders, Chromium
# starts headless, abc2midi reads a tune, Python has mido and schemathesis, the C libraries are found.
#   scripts/doctor.sh          report every check (make doctor); exit 1 if any failed
#   scripts/doctor.sh --quiet  print only failures, one line each (setup.sh runs it so)
#   --bench                    also the tools make bench, bench-server and bench-capture use (setup.sh bench adds it)
set -uo pipefail
quiet=0
bench=0
for arg in "$@"; do
  case $arg in
    --quiet) quiet=1 ;;
    --bench) bench=1 ;;
  esac
done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0

check() {  # check NAME PACKAGE ADVICE COMMAND...
  local name=$1 package=$2 advice=$3
  shift 3
  if out=$("$@" 2>&1); then
    [ $quiet -eq 1 ] || printf '  ok       %-28s (%s)\n' "$name" "$package"
  else
    failed=1
    printf 'doctor: %s does not work (Debian package %s): %s. %s\n' "$name" "$package" "$(printf '%s' "$out" | tail -n 1 | cut -c1-160)" "$advice" >&2
  fi
}

# Where Debian puts a SoundFont (either folder, as songbridge looks), or nothing.
sf2() { for f in "/usr/share/sounds/sf2/$1.sf2" "/usr/share/soundfonts/$1.sf2"; do [ -f "$f" ] && { echo "$f"; return; }; done; }
font=$(sf2 TimGM6mb)
fluidr3=$(sf2 FluidR3_GM)

# A one-note MIDI file (format 0, 480 ticks a quarter, middle C for a quarter note), written byte by byte.
printf 'MThd\x00\x00\x00\x06\x00\x00\x00\x01\x01\xe0MTrk\x00\x00\x00\x0d\x00\x90\x3c\x64\x83\x60\x80\x3c\x00\x00\xff\x2f\x00' > "$scratch/one.mid"
# TiMidity gets its instruments from us. It reads Debian's /etc/timidity/timidity.cfg before any -c file, and that
# maps every General MIDI program and drum to FluidR3_GM.sf2 (fluid-soundfont-gm, only TiMidity's Recommends; setup
# installs it for the transcriber's tests, but a machine may lack it): a "soundfont" line alone leaves those mappings
# in place, and without that font renders silence. So bank 0 and drum set 0 are mapped again, program by program, to
# TimGM6mb, the font the tests compare with (as Tests/SongSynthTests/TimiditySlowTests does).
{ echo "bank 0"; for n in $(seq 0 127); do echo "$n %font \"$font\" 0 $n"; done
  echo "drumset 0"; for n in $(seq 0 127); do echo "$n %font \"$font\" 128 0 $n"; done; } > "$scratch/timidity.cfg"
# Whether a WAV file holds sound, not only a header and silence.
cat > "$scratch/audible.py" <<'PY'
import sys, wave, array
w = wave.open(sys.argv[1]); samples = array.array("h", w.readframes(w.getnframes()))
peak = max((abs(x) for x in samples), default=0)
sys.exit(0 if peak > 300 else f"{sys.argv[1]}: silent (peak {peak} of 32767)")
PY

check "libvorbis encodes Ogg (headers and libraries)" libvorbis-dev "Run: apt-get install libvorbis-dev libogg-dev" \
  bash -c 'test -f /usr/include/vorbis/vorbisenc.h && test -f /usr/include/ogg/ogg.h && ldconfig -p | grep -q libvorbisenc.so.2 && ldconfig -p | grep -q libogg.so.0'
check "TimGM6mb SoundFont" timgm6mb-soundfont "Run: apt-get install timgm6mb-soundfont" test -n "$font"
check "fluidsynth renders sound" fluidsynth "Run: apt-get install fluidsynth" \
  bash -c "fluidsynth -ni -F '$scratch/fs.wav' -r 44100 '$font' '$scratch/one.mid' >/dev/null && python3 '$scratch/audible.py' '$scratch/fs.wav'"
check "FluidR3_GM SoundFont renders sound" fluid-soundfont-gm "Run: apt-get install fluid-soundfont-gm" \
  bash -c "test -n '$fluidr3' && fluidsynth -ni -F '$scratch/fr.wav' -r 44100 '$fluidr3' '$scratch/one.mid' >/dev/null && python3 '$scratch/audible.py' '$scratch/fr.wav'"
check "timidity renders sound" timidity "Run: apt-get install timidity" \
  bash -c "timidity -c '$scratch/timidity.cfg' -Ow -o '$scratch/tm.wav' '$scratch/one.mid' >/dev/null && python3 '$scratch/audible.py' '$scratch/tm.wav'"
check "abc2midi reads a tune" abcmidi "Run: apt-get install abcmidi" \
  bash -c "printf 'X:1\nT:t\nK:C\nCDEF|\n' > '$scratch/t.abc' && cd '$scratch' && abc2midi t.abc -o t.mid >/dev/null && test -s t.mid"
check "abcm2ps draws notation" abcm2ps "Run: apt-get install abcm2ps" \
  bash -c "printf 'X:1\nK:C\nCDEF|\n' > '$scratch/n.abc' && cd '$scratch' && abcm2ps -g -q -O - n.abc | grep -q '<svg'"
# The sync fault test fills a small disk: a tmpfs mounted in a user and mount namespace of its own (util-linux).
check "a small tmpfs in a namespace" util-linux "The kernel must allow user namespaces (sysctl kernel.unprivileged_userns_clone=1, or run as root)" \
  unshare --user --map-root-user --mount sh -c "mount -t tmpfs -o size=64k tmpfs '$scratch' && head -c 100000 /dev/zero > '$scratch/fill' 2>/dev/null; test \$(wc -c < '$scratch/fill') -lt 100000"
check "pdftotext reads a PDF" poppler-utils "Run: apt-get install poppler-utils" \
  bash -c "command -v pdftotext && command -v pdffonts && command -v pdftoppm"
check "zbarimg reads a QR code" zbar-tools "Run: apt-get install zbar-tools" \
  bash -c "command -v zbarimg"
check "unzip tests a ZIP file" unzip "Run: apt-get install unzip" \
  bash -c "cd '$scratch' && printf 'x' > z.txt && python3 -c 'import zipfile; zipfile.ZipFile(\"z.zip\", \"w\").write(\"z.txt\")' && unzip -tq z.zip >/dev/null"
check "DejaVu Sans for printed books" fonts-dejavu-core "Run: apt-get install fonts-dejavu-core" \
  test -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
check "chromium starts headless" chromium "Run: apt-get install chromium" \
  timeout 60 chromium --headless --no-sandbox --disable-gpu --dump-dom "data:text/html,<p>ok</p>"
check "libfluidsynth and libsndfile" "libfluidsynth-dev, libsndfile1-dev" "Run: apt-get install libfluidsynth-dev libsndfile1-dev" \
  pkg-config --exists fluidsynth sndfile
check "SQLite with FTS5" "libsqlite3-dev, sqlite3" "Run: apt-get install libsqlite3-dev sqlite3" \
  bash -c "sqlite3 :memory: 'CREATE VIRTUAL TABLE t USING fts5(x);' && pkg-config --exists sqlite3"
check "xmllint checks MusicXML against the 4.0 schema" libxml2-utils "Run: apt-get install libxml2-utils" bash -c "
  printf '<?xml version=\"1.0\"?><score-partwise version=\"4.0\"><part-list><score-part id=\"P1\"><part-name>V</part-name></score-part></part-list><part id=\"P1\"><measure number=\"1\"/></part></score-partwise>' |
  xmllint --nonet --noout --schema '$(cd "$(dirname "$0")/.." && pwd)/Tests/Fixtures/musicxml-4.0/musicxml.xsd' - 2>/dev/null"
check "MuseScore plays MusicXML headless" musescore3 "Run: apt-get install musescore3" bash -c "
  printf '<?xml version=\"1.0\"?><score-partwise version=\"4.0\"><part-list><score-part id=\"P1\"><part-name>V</part-name></score-part></part-list><part id=\"P1\"><measure number=\"1\"><attributes><divisions>1</divisions></attributes><note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration><type>quarter</type></note></measure></part></score-partwise>' > '$scratch/m.musicxml' &&
  QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR='$scratch' timeout 60 mscore3 -o '$scratch/m.mid' '$scratch/m.musicxml' >/dev/null 2>&1 &&
  python3 -c 'import mido, sys; sys.exit(0 if [m.note for m in mido.MidiFile(sys.argv[1]) if m.type == \"note_on\" and m.velocity] == [60] else 1)' '$scratch/m.mid'"
check "exiftool reads audio tags" libimage-exiftool-perl "Run: apt-get install libimage-exiftool-perl" bash -c "
  printf 'RIFF\\x30\\x00\\x00\\x00WAVELIST\\x12\\x00\\x00\\x00INFOINAM\\x06\\x00\\x00\\x00Tune\\x00\\x00' > '$scratch/t.wav' && exiftool -s3 -Title '$scratch/t.wav' | grep -qx Tune"
check "ALSA sequencer headers" libasound2-dev "Run: apt-get install libasound2-dev" pkg-config --exists alsa
check "zlib" zlib1g-dev "Run: apt-get install zlib1g-dev" pkg-config --exists zlib
check "python music21 reads MusicXML" "PyPI music21" "Run: python3 -m pip install music21" \
  python3 -c 'import music21; s = music21.converter.parse("<?xml version=\"1.0\"?><score-partwise version=\"4.0\"><part-list><score-part id=\"P1\"><part-name>V</part-name></score-part></part-list><part id=\"P1\"><measure number=\"1\"><attributes><divisions>1</divisions></attributes><note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration></note></measure></part></score-partwise>", format="musicxml"); assert [n.pitch.midi for n in s.flatten().notes] == [60]'
check "python mido and schemathesis" "PyPI mido, schemathesis" "Run: python3 -m pip install mido schemathesis" \
  bash -c 'python3 -c "import mido, schemathesis" && command -v st' 
# The HTTPS tests, tried as they use the tools: openssl makes a certificate for 127.0.0.1 and serves it, curl fetches
# a page trusting that certificate alone (given explicitly: ca-certificates, the system store, is only a Recommends
# of libcurl4) and openssl verifies it.
check "openssl makes and verifies a certificate" openssl "Run: apt-get install openssl" bash -c "
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=doctor -addext subjectAltName=IP:127.0.0.1 \
    -keyout '$scratch/key.pem' -out '$scratch/cert.pem' 2>/dev/null && openssl verify -CAfile '$scratch/cert.pem' '$scratch/cert.pem' >/dev/null"
check "curl fetches over HTTPS" curl "Run: apt-get install curl" bash -c "
  port=\$((20000 + RANDOM % 20000))
  openssl s_server -quiet -www -accept \$port -cert '$scratch/cert.pem' -key '$scratch/key.pem' >/dev/null 2>&1 & server=\$!
  trap 'kill \$server 2>/dev/null' EXIT
  for i in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null --cacert '$scratch/cert.pem' https://127.0.0.1:\$port/ && exit 0; sleep 0.3; done
  exit 1"
# A tablet's browser that installed the laptop's authority, as the HTTPS browser test makes one: certutil puts the
# certificate in a fresh NSS store (where Chromium on Linux looks for certificates a user trusts).
check "certutil makes a browser certificate store" libnss3-tools "Run: apt-get install libnss3-tools" bash -c "
  mkdir -p '$scratch/nssdb' && certutil -d 'sql:$scratch/nssdb' -N --empty-password &&
  certutil -d 'sql:$scratch/nssdb' -A -t C,, -n doctor -i '$scratch/cert.pem' && certutil -d 'sql:$scratch/nssdb' -L | grep -q doctor"
check "psql (PostgreSQL's client)" "postgresql-client, postgresql-client-common" "Run: apt-get install postgresql-client postgresql-client-common" bash -c "command -v psql >/dev/null && psql --version"
check "PostgreSQL starts, unaccent folds ŵ, pg_prewarm" postgresql "Run: apt-get install postgresql" ./scripts/check-postgres.sh
check "swift" "Swift 6.3" "Install Swift 6.3 and put it on PATH" swift --version

# The benchmarks' references, each tried once: installed without their Recommends, as setup installs them (mma
# recommends TiMidity only to play what it writes; nothing here plays).
if [ $bench -eq 1 ]; then
  check "mma writes MIDI" mma "Run: apt-get install mma" \
    bash -c "printf 'Tempo 120\nGroove Folk\n1 C\n2 G\n' > '$scratch/d.mma' && mma '$scratch/d.mma' -f '$scratch/d.mid' >/dev/null && test -s '$scratch/d.mid'"
  check "wrk runs" wrk "Run: apt-get install wrk" bash -c "command -v wrk >/dev/null && wrk --version 2>&1 | grep -q '^wrk '"
  check "aubionotes reads a take" aubio-tools "Run: apt-get install aubio-tools" \
    bash -c "test -s '$scratch/fs.wav' && aubionotes -i '$scratch/fs.wav' | grep -q ."
  check "python mir_eval" "PyPI mir_eval" "Run: python3 -m pip install mir_eval" python3 -c "import mir_eval"
fi

if [ $failed -ne 0 ]; then
  [ $quiet -eq 1 ] && echo "setup: a check above failed; scripts/doctor.sh shows every check" >&2
  exit 1
fi
[ $quiet -eq 1 ] || echo "doctor: everything the tests and make run use is here and works"
