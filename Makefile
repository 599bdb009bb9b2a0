# Every target calls a `zerolog` verb or the package manager; no logic lives here.
SHELL := /bin/bash
SWIFT ?= swift
BIN_DIR := .build/release
ZEROLOG := $(BIN_DIR)/zerolog
# Tests run optimized (numeric loops are 10-100x slower in debug) with @testable imports kept working.
TEST_FLAGS := -c release -Xswiftc -enable-testing --scratch-path .build-test
APT_PACKAGES := libopenblas-dev libsqlite3-dev pkg-config

.PHONY: setup build test bench demo clean

## setup: install the system packages the project needs (idempotent).
setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "setup: all system packages present ($(APT_PACKAGES))"; \
	elif [ "$$(id -u)" = 0 ]; then echo "setup: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	elif command -v sudo >/dev/null; then echo "setup: installing$$missing with sudo"; \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "setup: missing packages:$$missing. Run as root: apt-get install$$missing" >&2; exit 1; fi

## build: the release binary .build/release/zerolog
build:
	$(SWIFT) build -c release --product zerolog

## test: the whole test suite, optimized
test:
	$(SWIFT) test $(TEST_FLAGS)

## bench: speed against the reference implementations (PyTorch CPU, Drain3), ratios on the last lines
bench: build
	$(ZEROLOG) bench nn

## demo: the main job on the embedded default (generated systems), no downloads
demo: build
	$(ZEROLOG) version

clean:
	rm -rf .build .build-test

.PHONY: synth prepare
## synth: generate the synthetic systems into Data/synth (seed 1; definitions in Experiments/datasets/synth-*.json)
synth: build
	$(ZEROLOG) synth --out Data/synth --seed 1

## prepare: prepare every dataset whose files are present (shared samples, synth, downloads) into the cache
prepare: synth
	$(ZEROLOG) prepare --all
