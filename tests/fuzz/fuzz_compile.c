/* fuzz_compile.c — source to code object (parse_source + compile_module,
 * through vm_compile exactly as compile() and the file runner use them) on
 * arbitrary bytes. Reaches the symbol table, the compiler and the
 * assembler with every tree the parser accepts. */
#include "fuzz.h"

static void fuzz_setup(void) {}

#define OTHER_MODES_MAX 512 /* as in fuzz_parse.c */

static void compile_one(const char *src, size_t size, const char *filename, ParseMode mode) {
    Value code = vm_compile(src, size, filename, mode);
    if (code) {
        if (!val_is_type_exact(code, &Code_Type)) abort();
        return;
    }
    if (!err_occurred()) {
        fprintf(stderr, "fuzz_compile: failed without an exception\n");
        abort();
    }
    Value exc = err_fetch();
    if (!obj_str(exc)) err_clear();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (fuzz_too_many_finally(data, size)) return -1;
    const char *src = (const char *)data;
    compile_one(src, size, "fuzz.py", PARSE_FILE);
    if (size <= OTHER_MODES_MAX) {
        compile_one(src, size, "<fuzz>", PARSE_EVAL);
        compile_one(src, size, "<fuzz>", PARSE_SINGLE);
    }
    return 0;
}
