# Switchyard: two commands matter, `make run` and `make test` (see README.md).
SWIFT  ?= swift
CONFIG ?= contrib/example/switchyard.yaml

.PHONY: all deps test-deps build release run test unit e2e bench fuzz clean models

all: build

deps:
	@scripts/ensure-deps.sh build

test-deps:
	@scripts/ensure-deps.sh test

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## Build and run the gateway on the embedded defaults: LMTP on 127.0.0.1:2424, Maildirs in ./var.
run: build
	@mkdir -p var
	$(SWIFT) run switchyard serve --config $(CONFIG)

## Everything: unit tests, then the end-to-end tests with real clients (swaks, Postfix, Exim, doveadm).
test: deps test-deps
	SWITCHYARD_E2E=1 $(SWIFT) test

## End-to-end tests only: swaks, smtp-source, Postfix, Exim and doveadm against the real binary.
e2e: deps test-deps
	SWITCHYARD_E2E=1 $(SWIFT) test --filter EndToEndTests

## Benchmark (reported, not asserted): Switchyard (release) vs Dovecot LMTP -> bench/RESULTS.md.
bench: release test-deps
	bench/lmtp.sh $(BENCH_ARGS)

## Unit tests only (no real MTAs needed).
unit: deps
	$(SWIFT) test

## Rebuild the shipped intent models from ../shared/data (minutes; never part of `make test`).
SHARED ?= ../shared
models: release
	.build/release/switchyard train --csv $(SHARED)/data/intent/banking77/train.csv --out models/banking77.syim \
		--name banking77 --seed 42 --dev-split 0.1
	.build/release/switchyard train --csv $(SHARED)/data/intent/clinc150/train.csv --out models/clinc150.syim \
		--name clinc150 --seed 42 --dev-split 0.1
	.build/release/switchyard eval --csv $(SHARED)/data/intent/clinc150/val.csv --model models/clinc150.syim

## libFuzzer + ASan on the MIME parser for FUZZ_SECONDS (see fuzz/README.md).
FUZZ_SECONDS ?= 600
fuzz: deps
	cd fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
	@mkdir -p fuzz/.work/corpus fuzz/.work/crashes
	fuzz/.build/release/MIMEFuzz fuzz/.work/corpus ../shared/corpora -max_total_time=$(FUZZ_SECONDS) \
		-max_len=65536 -rss_limit_mb=2048 -timeout=10 -artifact_prefix=fuzz/.work/crashes/ -print_final_stats=1

clean:
	rm -rf .build var
