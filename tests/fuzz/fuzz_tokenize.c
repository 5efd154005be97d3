/* fuzz_tokenize.c — the tokenizer alone, on every token of the input.
 *
 * parse_source stops at the first syntax error, so most of a mutated file
 * is never tokenized through it; here the whole input is. Inputs go
 * through the same gate as parse_source's (fuzz_clean_utf8, BOM skipped),
 * and every token must lie inside the source, in order. */
#include <setjmp.h>
#include <string.h>

#include "fuzz.h"
#include "parse/tokenizer.h"

static void fuzz_setup(void) {}

/* A token outside [begin, end] or running backwards is a tokenizer bug
 * even when nothing crashes: the parser slices source text with these. */
static void check_token(const Token *t, const char *begin, const char *end,
                        const char *prev_end) {
    if (t->start < begin || t->end > end || t->start > t->end || t->start < prev_end ||
        t->lineno < 1 || t->end_lineno < t->lineno) {
        fprintf(stderr, "fuzz_tokenize: bad token kind %d at line %d\n", t->kind, t->lineno);
        abort();
    }
}

/* Out of line so no local of the caller changes between setjmp and an
 * error's longjmp. */
static void tokenize_all(Tokenizer *tz, const char *begin, const char *end) {
    Token t;
    const char *prev_end = begin;
    /* every token consumes a byte except DEDENTs, one per open indent */
    for (size_t n = 0; n <= 2 * (size_t)(end - begin) + TOK_MAX_INDENT + 2; n++) {
        tok_next(tz, &t);
        check_token(&t, begin, end, prev_end);
        if (t.kind != T_DEDENT && t.kind != T_INDENT) prev_end = t.end;
        if (t.kind == T_ENDMARKER) return;
    }
    fputs("fuzz_tokenize: no ENDMARKER\n", stderr);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!fuzz_clean_utf8(data, size)) return -1;
    const char *src = (const char *)data, *end = src + size;
    if (size >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) src += 3;
    SyntaxErrorInfo info;
    memset(&info, 0, sizeof info);
    jmp_buf escape;
    Tokenizer tz;
    ErrorSink sink = {.info = &info, .src = src, .src_end = end, .escape = &escape,
                      .main_tokenizer = &tz, .tokenizing = true};
    if (setjmp(escape)) {
        if (!info.type || !memchr(info.msg, 0, sizeof info.msg)) abort();
        return 0;
    }
    tok_init(&tz, &sink, src, end, 1, src);
    tokenize_all(&tz, src, end);
    return 0;
}
