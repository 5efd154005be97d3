/* fuzz.h — what the libFuzzer harnesses (tests/fuzz/fuzz_*.c) share.
 * Each harness is its own program: this header defines libFuzzer's
 * one-time initialiser, which brings the runtime up exactly as krait's
 * main does before running anything, plus a few helpers.
 *
 * Every harness must be deterministic for a given input (libFuzzer replays
 * inputs to minimise them) and must not keep Values anywhere libgc cannot
 * see: locals and the statics below are scanned, malloc memory is not. */
#ifndef KRAIT_FUZZ_H
#define KRAIT_FUZZ_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "objects/str.h"
#include "vm/error.h"
#include "vm/runtime.h"
#include "vm/vm.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Each harness may define this to finish its own set-up. */
static void fuzz_setup(void);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    if (runtime_init() != 0) {
        fputs("fuzz: runtime_init failed\n", stderr);
        abort();
    }
    fuzz_setup();
    return 0;
}

/* Programs print; libFuzzer's own output and sanitizer reports use stderr,
 * so stdout goes to /dev/null, and stdin too (input() sees end of file). */
static inline void fuzz_quiet_stdio(void) {
    int null = open("/dev/null", O_RDWR);
    if (null < 0) return;
    dup2(null, 0);
    dup2(null, 1);
    if (null > 1) close(null);
}

/* A source compile() would accept as text: valid UTF-8 (no surrogates or
 * overlong forms), no NUL, no carriage return. parse_source rejects or
 * normalises anything else before its tokenizer runs, so a harness that
 * drives the tokenizer directly feeds it only what it can really get. */
static inline int fuzz_clean_utf8(const uint8_t *s, size_t n) {
    for (size_t i = 0; i < n;) {
        uint8_t c = s[i];
        if (c == 0 || c == '\r') return 0;
        if (c < 0x80) { i++; continue; }
        size_t need;
        uint8_t lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) need = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F; /* no surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return 0;
        }
        if (i + need >= n) return 0; /* cut short */
        if (s[i + 1] < lo || s[i + 1] > hi) return 0;
        for (size_t k = 2; k <= need; k++)
            if ((s[i + k] & 0xC0) != 0x80) return 0;
        i += need + 1;
    }
    return 1;
}

/* A finally body is compiled twice (normal and exceptional exit) and once
 * more at every return/break/continue that leaves it, as in CPython, so k
 * nested finally clauses cost up to 2^k copies: 21 of them (the nesting
 * limit) take seconds and gigabytes in krait and in CPython alike. That is
 * expected, not a bug, so the harnesses that compile skip such inputs
 * rather than report them as timeouts or out-of-memory. */
#define FUZZ_MAX_FINALLY 10
static inline int fuzz_too_many_finally(const uint8_t *data, size_t size) {
    int count = 0;
    for (size_t i = 0; i + 7 <= size; i++)
        if (data[i] == 'f' && memcmp(data + i, "finally", 7) == 0 && ++count > FUZZ_MAX_FINALLY)
            return 1;
    return 0;
}

#endif
