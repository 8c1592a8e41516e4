# Set-up and everyday tasks. `make run` and `make test` are the two commands a new machine needs;
# both install the system libraries they need first.

SWIFT ?= swift
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps install run build test check run-tests test-count bench bench-python oracles fuzz fuzz-build clean graall graall-check graall-embed

# libedit-dev provides the line-editing headers and library the REPL links against; the cmark-gfm
# packages, the Markdown parser (and its table extension) that renders prose in exported notebooks;
# libreadstat-dev, the reader and writer of Stata, SPSS and SAS files.
SYSTEM_LIBRARIES := libedit-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libreadstat-dev

deps:
	@$(MAKE) --no-print-directory install PACKAGES="$(SYSTEM_LIBRARIES)"

# The tests also drive the REPL in a real terminal (tmux), render exported notebooks in a browser (chromium)
# and written figures with librsvg (rsvg-convert).
test-deps:
	@$(MAKE) --no-print-directory install PACKAGES="$(SYSTEM_LIBRARIES) tmux chromium librsvg2-bin"

install:
	@missing=""; for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product surv

# Opens the REPL with the reconstructed GRAALL cohort loaded (overall survival in use, by cohort). The
# notebooks are files of this repository, not of the program (which runs from any folder), so the word on
# where they are is the Makefile's, printed before the prompt opens; `load graall` says itself that the
# patients are synthetic.
RUN_INIT := load graall; stratify by cohort
run: build
	@bin="$$($(SWIFT) build -c release --show-bin-path)"; surv="$${bin#$(CURDIR)/}/surv"; \
	[ .build/release/surv -ef "$$bin/surv" ] && surv=.build/release/surv; \
	printf '%s\n' "" \
		"The GRAALL blinatumomab cohort (Cabannes-Hamy et al., Haematologica 2022)," \
		"reconstructed from the paper's summaries: 73 synthetic patients, not real ones." \
		"  The paper, reproduced: notebooks/graall-2022.surv.md (Markdown); as a page:" \
		"    $$surv export notebooks/graall-2022.surv.md --html graall.html" \
		"  Lessons: notebooks/lessons/ (README.md lists the five)" \
		"  At the prompt,  open \"notebooks/graall-2022.surv.md\"  replays a notebook" \
		"  into this session to carry on from its end; about graall: the dictionary." \
		""; \
	"$$bin/surv" --init "$(RUN_INIT)"

# The whole suite: every test, then a short fuzzing pass (a crash, sanitizer report or hang fails it).
# It closes on the test count in every case, failures included, so the last line says what ran.
test: test-deps
	@status=0; $(MAKE) --no-print-directory run-tests || status=1; \
	if [ $$status = 0 ]; then $(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(TEST_FUZZ_SECONDS) || status=1; fi; \
	$(MAKE) --no-print-directory test-count; exit $$status

# The tests alone, for a quick loop while working (closes on the count too).
check: test-deps
	@status=0; $(MAKE) --no-print-directory run-tests || status=1; $(MAKE) --no-print-directory test-count; exit $$status

run-tests:
	@mkdir -p .build && rm -f .build/test-output.log
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing 2>&1 | tee .build/test-output.log

# XCTest's summary reads "Executed N tests, with F failures", or "... with S tests skipped and F failures";
# the last one is the whole run's. A build that never ran a test prints "tests: none ran".
test-count:
	@awk '/Executed [0-9]+ tests?, with / { line = $$0 } \
	END { if (line == "") { print "tests: none ran"; exit } \
	  match(line, /Executed [0-9]+/); n = substr(line, RSTART + 9, RLENGTH - 9) + 0; \
	  s = 0; if (match(line, /[0-9]+ tests? skipped/)) { s = substr(line, RSTART, RLENGTH) + 0 } \
	  match(line, /[0-9]+ failures?/); f = substr(line, RSTART, RLENGTH) + 0; \
	  printf "tests: %d passed, %d failed, %d skipped\n", n - f - s, f, s }' .build/test-output.log 2>/dev/null || echo "tests: none ran"

# Each section runs in its own process so that its peak memory is its own. The last runs the whole job
# through the surv executable on the generated CSV, beside the same job in lifelines.
bench: deps
	$(SWIFT) build -c release --product surv
	$(SWIFT) build -c release --product SurvBench
	@$(MAKE) --no-print-directory bench-python || echo "no lifelines: the whole-job benchmark runs without its comparison"
	@bin="$$($(SWIFT) build -c release --show-bin-path)"; csv="$$(mktemp -d)/cohort.csv"; \
	"$$bin/SurvBench" core && "$$bin/SurvBench" competing && "$$bin/SurvBench" table1 && "$$bin/SurvBench" split && "$$bin/SurvBench" job && "$$bin/SurvBench" session && "$$bin/SurvBench" commands && "$$bin/SurvBench" notebook && "$$bin/SurvBench" startup && \
	"$$bin/SurvBench" write-csv "$$csv" && "$$bin/SurvBench" load-csv "$$csv" && "$$bin/SurvBench" stata && \
	SURV_BENCH_PYTHON="$(CURDIR)/$(BENCH_VENV)/bin/python" "$$bin/SurvBench" surv-job "$$csv"; \
	status=$$?; rm -rf "$$(dirname "$$csv")"; exit $$status

# lifelines and pandas for the whole-job comparison, in a virtual environment of their own (PyPI access
# needed once). Only the benchmark uses them; building and testing surv never do.
BENCH_VENV := .build/bench-venv
bench-python:
	@$(BENCH_VENV)/bin/python -c "import lifelines, pandas" 2>/dev/null || \
	{ python3 -m venv $(BENCH_VENV) && $(BENCH_VENV)/bin/pip install -q lifelines pandas; }

# The reference values the tests compare against are R's, written by the R scripts kept beside them
# (never typed by hand). This reruns every script with Debian's R and the packages they load; review
# the JSON diff afterwards. (Sources/SurvData/Bundled/export_bundled.R regenerates the bundled data's
# Swift files; it is run by hand when a data set is added.)
R_PACKAGES := r-base-core r-cran-survival r-cran-jsonlite r-cran-cmprsk r-cran-mass locales
ORACLE_SCRIPTS := Tests/SurvCoreTests/Oracle/export_datasets.R Tests/SurvCoreTests/Oracle/km.R \
	Tests/SurvCoreTests/Oracle/logrank.R Tests/SurvCoreTests/Oracle/cox.R Tests/SurvCoreTests/Oracle/zph.R \
	Tests/SurvCoreTests/Oracle/zph_plot.R \
	Tests/SurvCoreTests/Oracle/timefix.R \
	Tests/SurvCoreTests/Oracle/tables.R Tests/SurvCoreTests/Oracle/distributions.R \
	Tests/SurvCoreTests/Oracle/cmprsk.R Tests/SurvCoreTests/Oracle/counting.R Tests/SurvCoreTests/Oracle/counting_edges.R \
	Tests/SurvCoreTests/Oracle/zph_counting.R \
	Tests/SurvDataTests/Reference/bundled_datasets.R Tests/SurvSessionTests/Reference/session.R \
	Tests/PublishedTargetsTests/Reference/graall_targets.R

oracles:
	@$(MAKE) --no-print-directory install PACKAGES="$(R_PACKAGES)"
	@# The scripts sort factor levels under en_US.UTF-8, the order surv uses; generate that locale if it is missing.
	@locale -a | grep -qi '^en_US.utf-\?8$$' || { $(SUDO) sed -i 's/^# *en_US.UTF-8/en_US.UTF-8/' /etc/locale.gen && $(SUDO) locale-gen; }
	@for script in $(ORACLE_SCRIPTS); do \
		echo "== $$script"; (cd "$$(dirname "$$script")" && Rscript "$$(basename "$$script")") || exit 1; done
	@git status --short -- Tests

# The reconstructed GRAALL cohort (examples/graall/DICTIONARY.md): a release-built generator rebuilds the
# CSV from the targets table and the fixed seeds, byte for byte, and embeds it with the dictionary in the
# program. A maintainer's tool, not part of `make test` (it anneals for several minutes);
# `graall-check` rebuilds without writing and fails if the committed file differs; `graall-embed` only
# re-embeds the committed CSV and dictionary (after editing the dictionary). Afterwards run `make oracles`
# for R's reference values of the targets.
GRAALL_GENERATOR = $(SWIFT) build -c release --product GraallGenerator && "$$($(SWIFT) build -c release --show-bin-path)/GraallGenerator"

graall:
	$(GRAALL_GENERATOR)

graall-check:
	$(GRAALL_GENERATOR) check

graall-embed:
	$(GRAALL_GENERATOR) embed

# Fuzzing (docs/fuzzing.md): a release build with libFuzzer and AddressSanitizer in its own scratch
# folder, then FUZZ_SECONDS of fuzzing for each mode in FUZZ_MODES. New corpus entries and crash
# inputs go under FUZZ_WORK; the committed seeds and past crashes are read, never written.
# Fails if any mode finds a crash, after every mode has had its turn.
FUZZ_SECONDS ?= 60
TEST_FUZZ_SECONDS ?= 20
FUZZ_MODES ?= language session csv stat
FUZZ_WORK ?= .build-fuzz/work
FUZZ_ARGS ?=
FUZZ_BUILD = $(SWIFT) build -c release --product SurvFuzz --scratch-path .build-fuzz \
	-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING

fuzz-build: deps
	$(FUZZ_BUILD)

fuzz: fuzz-build
	@bin="$$($(FUZZ_BUILD) --show-bin-path)/SurvFuzz"; failed=""; \
	for mode in $(FUZZ_MODES); do \
		mkdir -p "$(FUZZ_WORK)/corpus/$$mode" "$(FUZZ_WORK)/crashes" "$(FUZZ_WORK)/tmp"; \
		echo "== fuzzing $$mode for $(FUZZ_SECONDS) s"; \
		SURV_FUZZ_MODE=$$mode TMPDIR="$$(cd "$(FUZZ_WORK)/tmp" && pwd)" "$$bin" \
			-max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -print_final_stats=1 \
			-dict=Tests/SurvFuzzCorpus/surv.dict \
			-artifact_prefix="$(FUZZ_WORK)/crashes/$$mode-" $(FUZZ_ARGS) \
			"$(FUZZ_WORK)/corpus/$$mode" Tests/SurvFuzzCorpus/seeds \
			$$([ -d Tests/SurvFuzzCorpus/crashes ] && echo Tests/SurvFuzzCorpus/crashes) \
			|| failed="$$failed $$mode"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzzing found a crash in:$$failed (inputs in $(FUZZ_WORK)/crashes)"; exit 1; fi

clean:
	rm -rf .build .build-fuzz

# Differential test against R's survival package on DIFF_N random cohorts (Tests/Differential/README.md).
# For developers only (needs R; not part of `make test`). Fails on any unexplained difference.
DIFF_N ?= 200
DIFF_SEED ?= 1
DIFF_ARGS ?=
.PHONY: differential
differential: deps
	@$(MAKE) --no-print-directory install PACKAGES="r-base-core r-cran-survival r-cran-cmprsk r-cran-jsonlite python3"
	$(SWIFT) build -c release --product surv
	python3 Tests/Differential/differential.py --surv "$$($(SWIFT) build -c release --show-bin-path)/surv" \
		-n $(DIFF_N) --seed $(DIFF_SEED) $(DIFF_ARGS)
