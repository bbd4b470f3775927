# ltx-prep: every target installs what it needs from Debian's packages first.

SWIFT       ?= swift
PREFIX      ?= /usr/local
ARGS        ?= --help
# FFmpeg's C libraries, which the CFFmpeg system-library target links.
APT_LIBS    := pkg-config libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev
# Only for making fixtures and for benchmarks: the ffmpeg CLI, a timer, and a C compiler for
# the bench's start-up floor (bench/floor.c; gcc only recommends the C library's headers).
APT_TOOLS   := ffmpeg hyperfine python3 curl gcc libc6-dev
# What the tests check the binary's output with: the ffmpeg CLI (remuxes, clips made on demand),
# libde265's decoder, a second HEVC decoder beside FFmpeg's, and headless Chromium with its
# WebDriver server, which open the HTML pages (check --html) as a person's browser would.
APT_TEST_TOOLS := ffmpeg libde265-examples chromium chromium-driver

FUZZ_ARGS   ?=
# The FFmpeg versions check-ffmpeg compiles against: Debian 12's (this machine's), Debian 13's
# and sid's (unpacked by scripts/ffmpeg-headers.sh). One at a time: FFMPEG=7.1.
FFMPEG      ?= 5.1 7.1 9.0

.PHONY: deps deps-tools build test check-ffmpeg test-ffmpeg run bench fixtures install clean openapi schemathesis fuzz

# Idempotent: installs only the packages that are missing.
deps:
	@./scripts/apt-ensure.sh $(APT_LIBS)

deps-tools: deps
	@./scripts/apt-ensure.sh $(APT_TOOLS)

build: deps
	$(SWIFT) build

test: deps
	@./scripts/apt-ensure.sh $(APT_TEST_TOOLS)
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

# The C shim (gcc and clang, -Wall -Wextra -Werror) and LTXMedia (-warnings-as-errors) built
# against each FFmpeg in $(FFMPEG), headers only: about 20 s a version (see README).
check-ffmpeg: deps
	@./scripts/apt-ensure.sh gcc libc6-dev
	@for v in $(FFMPEG); do ./scripts/check-ffmpeg.sh $$v || exit 1; done

# Builds ltx-prep and runs the tests (TEST_ARGS go to swift test, e.g. --filter LTXMediaTests)
# in a cached Debian root with that FFmpeg and its CLI: FFMPEG=7.1 (trixie) or 9.0 (sid).
# Not in CI: a first run takes 15 to 20 minutes and a 1.2 GB root (README, "FFmpeg versions").
TEST_ARGS   ?=
test-ffmpeg:
	@case "$(FFMPEG)" in 7.1|9.0) ;; *) echo "make test-ffmpeg FFMPEG=7.1 or FFMPEG=9.0 (5.1 is make test)"; exit 2 ;; esac
	./scripts/test-ffmpeg.sh $(FFMPEG) $(TEST_ARGS)

# The build's progress goes to stderr, so that stdout is the command's own.
run: deps
	@$(SWIFT) build --product ltx-prep >&2
	@.build/debug/ltx-prep $(ARGS)

# The Swift runtime linked statically: start-up loads 11 fewer shared libraries
# (check of a small file, 60 interleaved runs: 68.4 -> 57.9 ms median; see README).
# Left position-independent on purpose: -Xlinker -no-pie was measured (the loader then applies
# 604 relocations instead of 96,103; probe --json of the bench WebM, 60 interleaved runs:
# 61.1 -> 58.6 ms CPU median) and taken out again, because a binary that parses untrusted
# media should keep its address randomised for 2-3 ms.
# --no-export-dynamic: the static runtime's link flags export every symbol of the program
# (39,470 in .dynsym), and the runtime's start-up dladdr() walks that whole table to find its
# own path; nothing looks our symbols up at run time. 575 entries are left, all imports.
# --disable-local-rpath: no $ORIGIN RUNPATH (every library was looked for beside the binary
# first: 37 failed system calls); nothing is installed beside it.
# -disable-concrete-type-metadata-mangled-name-accessors: generic types are built through
# their metadata accessors, not demangled at run time; demangling checks each generic
# requirement by scanning the program's 8,497 conformance records, which `perf` showed as
# most of check's own start-up work (six of its seven scans; Format.join avoids the last).
# Both flags and Format.join, check of the bench HEVC MOV, 300 runs taking turns on one core:
# 47.1 -> 45.8 ms median, against the floor's 43.1 ms (README "Benchmarks").
RELEASE     := build -c release --product ltx-prep --static-swift-stdlib -Xlinker --no-export-dynamic --disable-local-rpath \
               -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors

# Release build beside the ffmpeg/ffprobe CLI on the same files; media made on demand.
bench: deps-tools
	$(SWIFT) $(RELEASE)
	./bench/run.sh .build/release/ltx-prep

# Regenerate the committed fixtures (needs the ffmpeg CLI).
fixtures: deps-tools
	cd fixtures && ./make-fixtures.sh

# Regenerate Sources/LTXContract/Generated from openapi.yaml (committed; see the script).
openapi:
	./scripts/openapi-generate.sh

# The sandbox against its own contract: schemathesis sends what openapi.yaml allows and
# checks every answer against it. Not in CI (minutes, and PyPI).
schemathesis: deps
	@python3 -m pip show schemathesis >/dev/null 2>&1 || python3 -m pip install -q schemathesis
	$(SWIFT) build --product ltx-prep -q
	./scripts/schemathesis.sh .build/debug/ltx-prep

# Mutants of the fixtures through check --json and probe --json: crashes, hangs, invalid
# JSON, exit codes. Bounded (1,000 mutants, 30 minutes by default); not in CI.
fuzz: deps
	$(SWIFT) build --product ltx-prep -q
	python3 scripts/fuzz.py --binary .build/debug/ltx-prep $(FUZZ_ARGS)

install: deps
	$(SWIFT) $(RELEASE)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build/release/ltx-prep $(DESTDIR)$(PREFIX)/bin/ltx-prep

clean:
	rm -rf .build .build-ffmpeg-* .build-debian-* .ffmpeg bench/media
