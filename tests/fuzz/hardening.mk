# hardening.mk — the sanitizer build and the libFuzzer harnesses; included
# by the Makefile. docs/hardening.md explains every setting.
#
#   make sanitize       krait-san and the C unit tests built with ASan +
#                       UBSan (gcc), the whole test suite run with them in
#                       one engine mode (SAN_MODE)
#   make fuzz           build the harnesses (clang) and run each one for
#                       FUZZ_SECONDS (default 60) from the seed corpus
#   make fuzz-regress   replay tests/fuzz/regressions/ through the harnesses
#   make test-limits    tests/limits/run.py (also part of `make test`)
#
# Both builds go through a sub-make of the ordinary rules with BUILD set to
# a directory of their own under build/ (so `make clean` and .gitignore
# already cover them) and the sanitizer flags passed in OPT, which CFLAGS
# starts with; the warning flags are appended as usual. krait-san itself
# sits beside krait because krait finds lib/ next to its executable.

SAN_BUILD := build/san
SAN_CC ?= $(CC)
SAN_MODE ?= default
# -fno-sanitize-recover: a UBSan finding aborts instead of printing and
# going on, so no report can hide in a test's stderr. The use-after-return
# instrumentation is compiled out: its fake stack frames would hide
# pointers from libgc's stack scan (SAN_NO_UAR is gcc's spelling).
SAN_NO_UAR ?= --param=asan-use-after-return=0
SAN_FLAGS := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
             -fno-sanitize-recover=all $(SAN_NO_UAR)

FUZZ_BUILD := build/fuzz
FUZZ_CC ?= clang-19
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 2
# fuzzer-no-link: coverage for libFuzzer in every object, while only the
# harness link brings in libFuzzer's main.
FUZZ_FLAGS := -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
              -fno-sanitize-recover=all -fsanitize-address-use-after-return=never
FUZZ_NAMES := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(addprefix $(FUZZ_BUILD)/bin/,$(FUZZ_NAMES))

# ---- rules the sub-makes use (BUILD is build/san or build/fuzz there) ----

# Every sanitized program carries the default options of san_defaults.c.
$(BUILD)/san_defaults.o: tests/fuzz/san_defaults.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# The krait and C unit test links, into the build directory and with the
# defaults added: keep in step with the Makefile's rules.
$(BUILD)/krait: $(OBJ) $(BUILD)/san_defaults.o
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/ctests/%: tests/c/%.c $(LIBOBJ) $(BUILD)/san_defaults.o tests/c/ctest.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isrc -o $@ $< $(LIBOBJ) $(BUILD)/san_defaults.o $(LDLIBS)

$(BUILD)/bin/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIBOBJ) $(BUILD)/san_defaults.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -Isrc -o $@ $< $(LIBOBJ) $(BUILD)/san_defaults.o $(LDLIBS)

# ---- entry points ----

# Limits tests/lang cannot hold (bad source files, programs CPython crashes
# on): tests/limits/run.py. `make test` runs them before the main suite.
test-limits: krait
	python3 tests/limits/run.py

test: test-limits

krait-san:
	+$(MAKE) BUILD=$(SAN_BUILD) CC="$(SAN_CC)" OPT="$(SAN_FLAGS)" \
	    $(SAN_BUILD)/krait $(patsubst $(BUILD)/tests/%,$(SAN_BUILD)/ctests/%,$(CTESTS))
	cp $(SAN_BUILD)/krait krait-san

sanitize: krait-san
	sh tests/fuzz/run_sanitized.sh krait-san $(SAN_BUILD) $(SAN_MODE)

fuzz-build:
	+$(MAKE) BUILD=$(FUZZ_BUILD) CC="$(FUZZ_CC)" OPT="$(FUZZ_FLAGS)" $(FUZZ_BINS)

fuzz: fuzz-build
	sh tests/fuzz/run_fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_NAMES)

fuzz-regress: fuzz-build
	sh tests/fuzz/replay.sh $(FUZZ_BUILD) $(FUZZ_NAMES)

.PHONY: test-limits krait-san sanitize fuzz-build fuzz fuzz-regress

clean: clean-hardening
clean-hardening:
	rm -f krait-san
.PHONY: clean-hardening
