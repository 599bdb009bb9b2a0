# Every target calls a `zerolog` verb or the package manager; no logic lives here.
SHELL := /bin/bash
SWIFT ?= swift
BIN_DIR := .build/release
ZEROLOG := $(BIN_DIR)/zerolog
# Tests run optimized (numeric loops are 10-100x slower in debug) with @testable imports kept working.
TEST_FLAGS := -c release -Xswiftc -enable-testing --scratch-path .build-test
# Experiment specs with a target each (Experiments/<name>.json): run, then render Results/<name>.{md,tex,csv,svg}.
EXPERIMENTS := table1 table1-sample metalog-table1 metalog-table2 beta-sweep ablations label-ratio
DB ?= Results/results.sqlite
WORKERS ?= 1
APT_PACKAGES := libopenblas-dev libsqlite3-dev pkg-config

.PHONY: setup build test bench demo synth-transfer clean datasets $(EXPERIMENTS)

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
	$(ZEROLOG) bench drain

## demo: generate the synthetic systems, run Experiments/demo.json on them and print its table (no downloads)
demo: build
	$(ZEROLOG) synth --out Data/synth --seed 1
	$(ZEROLOG) run Experiments/demo.json --db $(DB) --workers $(WORKERS)
	$(ZEROLOG) report Experiments/demo.json --format all --out Results --db $(DB)

## synth-transfer: generate the synthetic systems at the size the issue's proof uses, run Experiments/synth-transfer.json
## (4 pairs × 5 rows × 5 seeds, about a second per job) and print its table
synth-transfer: build
	$(ZEROLOG) synth --out Data/synth --seed 1 --sessions 1000 --anomaly-rate 0.1 --dimension 16
	$(ZEROLOG) run Experiments/synth-transfer.json --db $(DB) --workers $(WORKERS)
	$(ZEROLOG) report Experiments/synth-transfer.json --format md --out Results --db $(DB)

## datasets: download and verify the full datasets (HDFS, BGL, OpenStack) and the GloVe vectors into Data/
datasets: build
	$(ZEROLOG) datasets fetch HDFS_v1
	$(ZEROLOG) datasets fetch BGL
	$(ZEROLOG) datasets fetch OpenStack
	$(ZEROLOG) datasets fetch glove.6B

## table1 table1-sample metalog-table1 metalog-table2 beta-sweep ablations label-ratio: run the spec, render its
## table and plots into Results/. `zerolog plan` checks first that every dataset is on disk (else: run `make datasets`;
## table1-sample needs only ../shared/datasets). WORKERS=n runs n worker processes.
$(EXPERIMENTS): build
	$(ZEROLOG) plan Experiments/$@.json --db $(DB) --summary
	$(ZEROLOG) run Experiments/$@.json --db $(DB) --workers $(WORKERS)
	$(ZEROLOG) report Experiments/$@.json --format all --out Results --db $(DB)

clean:
	rm -rf .build .build-test

.PHONY: synth prepare
## synth: generate the synthetic systems into Data/synth (seed 1; definitions in Experiments/datasets/synth-*.json)
synth: build
	$(ZEROLOG) synth --out Data/synth --seed 1

## prepare: prepare every dataset whose files are present (shared samples, synth, downloads) into the cache
prepare: synth
	$(ZEROLOG) prepare --all
