PORT ?= 8080
# bash with pipefail: a failed build must stop make, not hide behind the filter that drops a harmless warning.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# Songbridge: `make run` sets up and runs the main job; `make test` sets up and runs every test.
SWIFT ?= swift
BIN = .build/debug/songbridge

.PHONY: all setup doctor build run test test-fast install corpus bench bench-server bench-capture bench-search bench-arrange bench-harmony bench-scale fuzz clean
PREFIX ?= /usr/local

all: build

setup:
	@./scripts/setup.sh

# What the tests and make run use, each tried once: what is there and works, and what is missing.
doctor:
	@./scripts/doctor.sh

build: setup
	@$(SWIFT) build 2>&1 | { grep -v "prohibited flag" || true; }

# The main job on the embedded defaults: build a fresh demo archive from Songs/, check every song, show one
# transposed, then render every song to MIDI (with its words) and to audio under out/.
run: build
	@mkdir -p out
	@rm -f out/demo-archive.sqlite out/demo-archive.sqlite-wal out/demo-archive.sqlite-shm
	@echo "== A fresh demo archive from Songs/ (out/demo-archive.sqlite)"
	@$(BIN) import Songs --archive out/demo-archive.sqlite > /dev/null
	@$(BIN) list --archive out/demo-archive.sqlite
	@echo
	@echo "== Checking every song in Songs/"
	@$(BIN) check Songs/*.cho
	@echo
	@echo "== The Tide Comes In, moved up a tone (G to A) for higher voices"
	@$(BIN) transpose Songs/the-tide-comes-in.cho --to A
	@echo
	@echo "== Rendering every song to out/"
	@mkdir -p out
	@for f in Songs/*.cho; do n=$$(basename $$f .cho); $(BIN) render $$f --midi out/$$n.mid --audio out/$$n.wav || exit 1; done
	@echo
	@echo "== Serving the demo archive: open the address below to browse, listen and add a line (Ctrl-C stops)"
	@$(BIN) serve --archive out/demo-archive.sqlite --port $(PORT)

# At most six tests run at once. Unbounded, every suite starts at once on two cores: a render a test waits for, or a
# browser playing a song, then shares the machine with hundreds of others, and a fixed wait runs out. Six keeps both
# cores busy (most tests wait on a program or a browser) and the whole run is quicker, not slower: 6 min 20 s here
# against 7 min 32 s unbounded. (Swift Testing's flag, in Swift 6.3.)
TEST_WIDTH ?= 6
TEST_FLAGS = --experimental-maximum-parallelization-width $(TEST_WIDTH)

# The tests run beside a PostgreSQL server of their own (a new cluster on a Unix socket in a temporary folder,
# stopped and removed afterwards), for the archive conformance suite's PostgreSQL half.
test: setup
	./scripts/with-postgres.sh $(SWIFT) test $(TEST_FLAGS)

# The inner loop: every test but the slow system ones (browser, fuzzing, load, renders through the CLI and
# FluidSynth), whose suites are named …SlowTests. make test still runs them all.
test-fast: setup
	./scripts/with-postgres.sh $(SWIFT) test $(TEST_FLAGS) --skip SlowTests

# The installed CLI: Swift's libraries linked in, and its symbols kept to itself (--no-export-dynamic: the dynamic
# symbol table falls from about 52,000 entries to 721, and every start is 1.4 ms quicker; nothing loads plug-ins
# that need them), and no $ORIGIN in its library path (its Swift libraries are inside it: the loader looked for each
# system library in a dozen folders beside it first, 45 failed file lookups at every start).
STATIC_BUILD = $(SWIFT) build -c release --product songbridge --static-swift-stdlib --scratch-path .build-static -Xlinker --no-export-dynamic --disable-local-rpath

# For a tour laptop: a release build with Swift's libraries linked in, installed with its resources (styles,
# lexicon, page templates) beside it in $(PREFIX)/lib/songbridge, and $(PREFIX)/bin/songbridge pointing at it.
# scripts/songbridge.service starts `songbridge serve` at boot (see the README).
install: setup
	@$(STATIC_BUILD) 2>&1 | { grep -v -E "prohibited flag|warning: the use of .mktemp." || true; }
	@install -d $(DESTDIR)$(PREFIX)/lib/songbridge $(DESTDIR)$(PREFIX)/bin
	@install -m 755 .build-static/release/songbridge $(DESTDIR)$(PREFIX)/lib/songbridge/songbridge
	@for r in .build-static/release/*.resources; do rm -rf "$(DESTDIR)$(PREFIX)/lib/songbridge/$$(basename $$r)"; cp -R "$$r" $(DESTDIR)$(PREFIX)/lib/songbridge/; done
	@ln -sf ../lib/songbridge/songbridge $(DESTDIR)$(PREFIX)/bin/songbridge
	@echo "installed $(DESTDIR)$(PREFIX)/bin/songbridge ($$($(DESTDIR)$(PREFIX)/bin/songbridge --version 2>/dev/null || echo songbridge))"

# Speed figures: tunes read per second from a 1,000-tune ABC collection, and more.
bench:
	@./scripts/setup.sh bench
	@$(SWIFT) build -c release 2>&1 | { grep -v "prohibited flag" || true; }
	@# The CLI as it would be installed: Swift's libraries linked in, so it starts in a few milliseconds.
	@$(STATIC_BUILD) 2>&1 | { grep -v -E "prohibited flag|warning: the use of .mktemp." || true; }
	@# (Beside a PostgreSQL server of its own: the sync figures are given for both engines.)
	./scripts/with-postgres.sh .build/release/songbridge-dev bench
	.build/release/songbridge-dev bench --only longest
	.build/release/songbridge-dev musicxml
	.build/release/songbridge-dev songbook

# The server under wrk on a 10,000-song archive, and contribution-to-render time.
bench-server:
	@./scripts/setup.sh bench
	@$(SWIFT) build -c release 2>&1 | { grep -v "prohibited flag" || true; }
	./scripts/bench-server.sh

# Transcription accuracy beside aubionotes, scored by mir_eval: the corpus fixtures' first tunes rendered by FluidSynth
# in a sung voice (Voice Oohs), a whistled one (flute) and a choir, clean and degraded; then the clean set in FluidR3_GM's
# voices.
bench-capture:
	@./scripts/setup.sh bench
	@$(SWIFT) build -c release --product songbridge 2>&1 | { grep -v "prohibited flag" || true; }
	python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 53
	python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 53 --snr 20
	python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 73
	python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 52
	python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 53 --vibrato 30 --drift 30 --snr 20
	python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 53 --vibrato 50
	python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 53 --reverb 0.8
	python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 53 --snr 30
	python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 53 --snr 10
	python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 53 --transpose -12
	python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 53 --transpose 12
	python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 53 --dropouts 1
	@# The same clean set in another SoundFont's voices (FluidR3_GM, which the rules were not made on): a check that
	@# the transcriber hears voices, not one font.
	SONGBRIDGE_SOUNDFONT=FluidR3_GM python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 53
	SONGBRIDGE_SOUNDFONT=FluidR3_GM python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 73
	SONGBRIDGE_SOUNDFONT=FluidR3_GM python3 scripts/transcription-accuracy.py .build/release/songbridge Tests/Fixtures/corpus/*.abc Songs/*.cho --lead 52
	.build/release/songbridge-dev bench --only transcribe

# Melodic search: indexing the four real tunebooks, accuracy on 500 spoiled queries beside an n-gram and a contour
# baseline, and tune-search latency over HTTP under wrk.
# Arrangements judged as a musician would (scripts/arrange-analysis.py, mido), beside MMA on the same chords: the demo
# songs in their styles and a chart in every style and meter; then the arrangement's speed in process.
bench-arrange:
	@./scripts/setup.sh bench
	@$(SWIFT) build -c release --product songbridge-dev 2>&1 | { grep -v "prohibited flag" || true; }
	.build/release/songbridge-dev arrange

# The harmoniser's model learnt from the Nottingham Music Database's chords and judged: 5-fold cross-validation on its
# tunes and the demo songs against their songwriters' chords (never learnt from). NMD is a folder of its ABC files
# (ABC_cleaned of github.com/jukedeck/nottingham-dataset; not on PyPI, so not fetched by setup). Add
# HARMONY_WRITE=Sources/Arrangement/HarmonyModel+Learned.swift to write the model it learns.
NMD ?= .nottingham
bench-harmony:
	@$(SWIFT) build -c release --product songbridge-dev 2>&1 | { grep -v "prohibited flag" || true; }
	@test -d "$(NMD)" || { echo "bench-harmony: no Nottingham Music Database at $(NMD): give NMD=FOLDER of its ABC files (ABC_cleaned of github.com/jukedeck/nottingham-dataset)" >&2; exit 66; }
	.build/release/songbridge-dev harmony $(NMD)/*.abc $(if $(HARMONY_WRITE),--write $(HARMONY_WRITE))

# The central archive at full size (100,000 songs, 1,000,000 contributions, 1,450 organisations) on PostgreSQL and
# on SQLite: paced load on a song's JSON, its page and search, and a laptop's push of 10,000 contributions.
# PostgreSQL gets a central server's memory, as the README advises (a quarter of this 24 GB machine's for its buffers).
bench-scale:
	@./scripts/setup.sh bench
	@$(SWIFT) build -c release 2>&1 | { grep -v "prohibited flag" || true; }
	SONGBRIDGE_POSTGRES_SETTINGS="-c shared_buffers=4GB -c effective_cache_size=16GB" ./scripts/with-postgres.sh ./scripts/bench-scale.sh

bench-search:
	@./scripts/setup.sh bench
	@$(SWIFT) build -c release 2>&1 | { grep -v "prohibited flag" || true; }
	./scripts/bench-tune-search.sh

# Every tune of four real tunebooks (12,760 tunes: O'Neill's, Aird's, Ryan's, Essen) read by Songbridge and by
# abc2midi, note for note; the pass rate by collection and each difference. make test runs a sample of 200.
corpus: setup
	@$(SWIFT) build -c release --product songbridge-dev 2>&1 | { grep -v "prohibited flag" || true; }
	@$(SWIFT) build -c release --product songbridge 2>&1 | { grep -v "prohibited flag" || true; }
	.build/release/songbridge-dev corpus --verbose
	@# Our ABC export of 1,000 of them beside the originals, both played by abc2midi.
	python3 scripts/abc-writeback-check.py 1000

# A longer fuzz run of both readers than the test suite's bounded one.
fuzz: setup
	$(SWIFT) run -c release songbridge-dev fuzz --iterations 200000

clean:
	rm -rf .build out
