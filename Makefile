# krait — build with `make`; `make test` runs every test.
CC ?= gcc
OPT ?= -O2
WERROR ?=
CFLAGS ?= $(OPT) -g
WARN := -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
        -Wno-missing-field-initializers -fno-strict-aliasing
CFLAGS += $(WARN) $(WERROR)
LDLIBS = -Wl,--as-needed -lgc -lgmp -lpcre2-8 -lm

BUILD ?= build
SRC := $(sort $(wildcard src/*/*.c))
MAIN := src/vm/main.c
OBJ := $(patsubst src/%.c,$(BUILD)/%.o,$(SRC))
LIBOBJ := $(filter-out $(BUILD)/vm/main.o,$(OBJ))
HDR := $(wildcard src/*/*.h src/*/*.def)

all: krait

krait: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: src/%.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# C unit tests: each tests/c/test_*.c links against everything but main.
CTESTS := $(patsubst tests/c/%.c,$(BUILD)/tests/%,$(wildcard tests/c/test_*.c))
$(BUILD)/tests/%: tests/c/%.c $(LIBOBJ) tests/c/ctest.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isrc -o $@ $< $(LIBOBJ) $(LDLIBS)

ctests: $(CTESTS)

# The benchmark smoke run comes first so that the suite's own
# "N passed, N failed" line is the last thing printed.
test: krait ctests
	python3 bench/smoke.py
	python3 tools/run_tests.py

clean:
	rm -rf $(BUILD) krait

.PHONY: all test ctests clean

# Sanitizer builds and fuzzing (make sanitize, fuzz, fuzz-regress) live in
# their own file; docs/hardening.md explains them.
include tests/fuzz/hardening.mk

# Benchmarks: bench/run.py times every workload (krait JIT on/off and the
# other Pythons found), draws the warm-up curves and writes bench/RESULTS.md.
# Timings never fail the build. CALLGRIND=fib[,name...] adds callgrind
# instruction counts; BENCH_ARGS passes options (bench/run.py --help).
CALLGRIND ?=
BENCH_ARGS ?=
bench: krait
	python3 bench/run.py $(if $(CALLGRIND),--callgrind $(CALLGRIND)) $(BENCH_ARGS)

# Every workload once at a tiny size, checked against CPython 3.13's output
# (bench/smoke/); a few seconds, ends with "N passed, N failed".
bench-smoke: krait
	python3 bench/smoke.py

.PHONY: bench bench-smoke

# ---- JIT stencils (owner: the JIT area; docs/jit.md) --------------------
# clang compiles src/jit/stencils/ once per micro-op; the extractor
# (tools/jit/extract.c, built with $(CC)) reads those ELF objects and writes
# $(BUILD)/gen/jit_stencils.h, which only src/jit/stencil_table.c includes.
# Without a clang that has preserve_none + musttail the script writes a
# header saying so: krait still builds and the JIT reports itself
# unavailable. `make JIT_CLANG=` forces that path.
JIT_CLANG ?= $(shell command -v clang-19 || command -v clang)
JIT_GEN := $(BUILD)/gen/jit_stencils.h
JIT_EXTRACT := $(BUILD)/tools/jit_extract

$(JIT_EXTRACT): tools/jit/extract.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $<

$(JIT_GEN): tools/jit/build_stencils.sh $(JIT_EXTRACT) $(wildcard src/jit/stencils/*.c) $(HDR)
	sh tools/jit/build_stencils.sh "$(JIT_CLANG)" $(BUILD)/jit/stencils $(JIT_EXTRACT) $@

$(BUILD)/jit/stencil_table.o: src/jit/stencil_table.c $(HDR) $(JIT_GEN)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -I$(BUILD)/gen -c -o $@ $<

# The no-clang build must keep compiling: check stencil_table.c against the
# header the script writes when clang is missing (part of `make ctests`).
jit-noclang-check:
	@sh tools/jit/build_stencils.sh "" $(BUILD)/jit/noclang none $(BUILD)/jit/noclang/gen/jit_stencils.h 2>/dev/null
	$(CC) $(CFLAGS) -Werror -I$(BUILD)/jit/noclang/gen -fsyntax-only src/jit/stencil_table.c

ctests: jit-noclang-check
.PHONY: jit-noclang-check
# ---- end of JIT stencils ------------------------------------------------
