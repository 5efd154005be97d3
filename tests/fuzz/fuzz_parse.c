/* fuzz_parse.c — parse_source on arbitrary bytes, as a file and (for short
 * inputs) as eval() and single-statement source, then the SyntaxError a
 * failure becomes, printed as str(). Never a crash, whatever the bytes:
 * parse_source promises that in parse/ast.h. */
#include <string.h>

#include "fuzz.h"
#include "parse/ast.h"

static void fuzz_setup(void) {}

/* Short inputs are also tried in the other modes: that covers their entry
 * paths without tripling the cost of every long one. */
#define OTHER_MODES_MAX 512

static void parse_one(const char *src, size_t size, const char *filename, ParseMode mode) {
    SyntaxErrorInfo info;
    Module *mod = parse_source(src, size, filename, mode, &info);
    if (mod) return;
    if (!info.type && err_occurred()) { /* MemoryError */
        err_clear();
        return;
    }
    if (!memchr(info.msg, 0, sizeof info.msg) || info.lineno < 0) {
        fprintf(stderr, "fuzz_parse: malformed error info\n");
        abort();
    }
    vm_raise_syntax_error(&info, str_from_cstr(filename));
    Value exc = err_fetch();
    if (exc && !obj_str(exc)) err_clear();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *src = (const char *)data;
    /* A name without '<' takes the wording CPython uses for files. */
    parse_one(src, size, "fuzz.py", PARSE_FILE);
    if (size <= OTHER_MODES_MAX) {
        parse_one(src, size, "<fuzz>", PARSE_EVAL);
        parse_one(src, size, "<fuzz>", PARSE_SINGLE);
    }
    if (err_occurred()) abort(); /* nothing may be left pending */
    return 0;
}
