/* json.h — the json module (json.c: the module and its argument handling;
 * json_encode.c: Python objects -> JSON text; json_decode.c: JSON text ->
 * Python objects). Output and error messages follow CPython 3.13's json
 * with its C accelerator (_json), which is what `import json` runs there. */
#ifndef KRAIT_JSON_H
#define KRAIT_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "../objects/object.h"

/* Builds the module; registered as "json" by modules.c. */
Value json_module_init(void);

/* ---------------- internals shared by the json_*.c files ---------------- */

typedef struct JsonEncodeOptions {
    bool skipkeys, ensure_ascii, check_circular, allow_nan, sort_keys;
    bool has_indent;            /* indent is not None (even "" or 0) */
    const char *indent;         /* one level of indentation */
    size_t indent_len;
    const char *item_sep, *key_sep;
    size_t item_sep_len, key_sep_len;
    Value default_fn;           /* VAL_NULL: unknown objects raise TypeError */
} JsonEncodeOptions;

/* The JSON text of obj as a str. */
Value json_encode(Value obj, const JsonEncodeOptions *opts);

typedef struct JsonDecodeOptions {
    bool strict;                /* reject control characters in strings */
    Value object_hook;          /* VAL_NULL when None */
    Value object_pairs_hook;    /* VAL_NULL when None; wins over object_hook */
    Value parse_float;          /* VAL_NULL: float(text) */
    Value parse_int;            /* VAL_NULL: int(text) */
    Value parse_constant;       /* VAL_NULL: NaN/Infinity/-Infinity floats */
} JsonDecodeOptions;

/* A whole document: whitespace around one value, "Extra data" after it. */
Value json_decode_document(Value doc, const JsonDecodeOptions *opts);
/* JSONDecoder.raw_decode: one value starting at code point index start;
 * *end receives the code point index just past it. */
Value json_decode_raw(Value doc, size_t start, const JsonDecodeOptions *opts, size_t *end);

/* Raise json.JSONDecodeError(msg, doc, pos); pos is a code point index.
 * Always returns VAL_NULL. */
Value json_raise_decode_error(const char *msg, Value doc, size_t pos);

/* Nesting guard for the recursive encoder and decoder. CPython 3.13 counts
 * json nesting against its C recursion limit (about 10000 levels, not
 * sys.getrecursionlimit()), so krait keeps its own counter with that
 * limit and also checks the real C stack. -1 with RecursionError. */
int json_enter_nesting(const char *where);
void json_leave_nesting(void);

#endif
