# Set-up and everyday tasks. `make run` and `make test` are the two commands a new machine needs;
# both install the system library they need first.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps install run build test bench fuzz clean

# libedit-dev provides the line-editing headers and library the REPL links against.
deps:
	@$(MAKE) --no-print-directory install PACKAGES="libedit-dev"

# The tests also drive the REPL in a real terminal (tmux) and render exported notebooks in a browser (chromium).
test-deps:
	@$(MAKE) --no-print-directory install PACKAGES="libedit-dev tmux chromium"

install:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product surv

# Opens the REPL with the bundled cohort loaded.
run: build
	"$$($(SWIFT) build -c release --show-bin-path)/surv" --init "load aml; endpoint time, status; stratify by x"

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

# Each section runs in its own process so that its peak memory is its own.
bench: deps
	$(SWIFT) build -c release --product surv
	$(SWIFT) build -c release --product SurvBench
	@bin="$$($(SWIFT) build -c release --show-bin-path)"; csv="$$(mktemp -d)/cohort.csv"; \
	"$$bin/SurvBench" core && "$$bin/SurvBench" job && "$$bin/SurvBench" commands && "$$bin/SurvBench" notebook && "$$bin/SurvBench" startup && \
	"$$bin/SurvBench" write-csv "$$csv" && "$$bin/SurvBench" load-csv "$$csv"; status=$$?; rm -rf "$$(dirname "$$csv")"; exit $$status

clean:
	rm -rf .build
