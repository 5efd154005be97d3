# krait — build with `make`; `make test` runs every test.
CC ?= gcc
OPT ?= -O2
WERROR ?=
CFLAGS ?= $(OPT) -g
CFLAGS += -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
          -Wno-missing-field-initializers -fno-strict-aliasing $(WERROR)
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

test: krait ctests
	python3 tools/run_tests.py

clean:
	rm -rf $(BUILD) krait

.PHONY: all test ctests clean
