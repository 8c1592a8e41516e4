# Set-up and everyday tasks. `make run` and `make test` are the two commands a new machine needs;
# both install the system library they need first.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps run build test bench fuzz clean

# libedit-dev provides the line-editing headers and library the REPL links against.
deps:
	@dpkg -s libedit-dev >/dev/null 2>&1 || { \
		echo "installing libedit-dev"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libedit-dev; }

build: deps
	$(SWIFT) build -c release --product surv

# Opens the REPL with the bundled cohort loaded.
run: build
	"$$($(SWIFT) build -c release --show-bin-path)/surv" --init "load aml; endpoint time, status; stratify by x"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Each section runs in its own process so that its peak memory is its own.
bench: deps
	$(SWIFT) build -c release --product surv
	$(SWIFT) build -c release --product SurvBench
	@bin="$$($(SWIFT) build -c release --show-bin-path)"; csv="$$(mktemp -d)/cohort.csv"; \
	"$$bin/SurvBench" core && "$$bin/SurvBench" job && "$$bin/SurvBench" commands && "$$bin/SurvBench" startup && \
	"$$bin/SurvBench" write-csv "$$csv" && "$$bin/SurvBench" load-csv "$$csv"; status=$$?; rm -rf "$$(dirname "$$csv")"; exit $$status

clean:
	rm -rf .build
