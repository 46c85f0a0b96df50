# The two commands of the README:  make run  (the client on demo data)  and  make test  (every test).
# Both install the Debian packages they need when missing, configure and build first.

BUILD    ?= build
SANITIZE ?=
JOBS     ?= $(shell nproc)
DEMO_DIR ?= $(CURDIR)/.demo
CLI      := $(BUILD)/client/cli/ywtb-counter-cli

# CI builds with warnings as errors (.ci/run sets CI=true).
ifeq ($(CI),true)
  WERROR := ON
else
  WERROR ?= OFF
endif

.PHONY: run test build deps configure clean bench fuzz format format-check

run: build
	@bash scripts/run-demo.sh "$(BUILD)" "$(DEMO_DIR)"

# Every test runs once: no retries, so a flaky test shows as a failure and is fixed, or quarantined by name with
# its reason in tests/CMakeLists.txt. The one known (SANE's test backend can hang in its own thread cancellation,
# tests/CMakeLists.txt, scanner_tests) runs once too, under a 60 s timeout.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DYWTB_WERROR=$(WERROR) -DYWTB_SANITIZE="$(SANITIZE)"

deps:
	@bash scripts/install-deps.sh

clean:
	rm -rf $(BUILD) build-asan $(FUZZ_BUILD)

# Benchmarks (not part of the tests): figures go to bench/README.md. BENCH_DIR should be on the counter's disk.
BENCH_DIR ?= $(CURDIR)/.bench
bench: configure
	cmake --build $(BUILD) --target ywtb-bench-intake ywtb-bench-documents ywtb-bench-scan ywtb-bench-sync ywtb-bench-gui-memory ywtb-counter -j $(JOBS)
	$(BUILD)/bench/ywtb-bench-intake $(BENCH_DIR)/intake 100000 300
	@bash scripts/install-deps.sh scripts/bench-packages.txt
	$(BUILD)/bench/ywtb-bench-documents $(BENCH_DIR)/documents 200 7
	$(BUILD)/bench/ywtb-bench-scan $(BENCH_DIR)/scan 20 5 3 100
	$(BUILD)/bench/ywtb-bench-sync $(BENCH_DIR)/sync 10000 200 1
	bash bench/gui_launch_bench.sh $(BUILD) $(BENCH_DIR)/gui 10 0 100000
	rm -rf $(BENCH_DIR)/gui/memory && NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
	  $(BUILD)/bench/ywtb-bench-gui-memory $(BENCH_DIR)/gui/memory 200

# libFuzzer targets of the device parsers (fuzz/README.md): clang, a build of their libraries only, and each
# target run FUZZ_SECONDS on a copy of its seeds; fails on any crash or broken invariant.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 30
fuzz: deps
	@bash scripts/install-deps.sh scripts/fuzz-packages.txt
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DYWTB_WERROR=$(WERROR) -DYWTB_FUZZ=ON
	cmake --build $(FUZZ_BUILD) --target ywtb_fuzz_targets -j $(JOBS)
	bash fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# Every C++ file as clang-format writes it (.clang-format); CI checks it (scripts/check-format.sh).
format:
	@bash scripts/install-deps.sh scripts/format-packages.txt
	git ls-files '*.cpp' '*.h' | xargs clang-format-14 -i

format-check:
	@bash scripts/check-format.sh
