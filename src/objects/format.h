/* format.h — the format mini-language entry points the number types call,
 * and the internal interface the str/bytes area's files share (str.c,
 * str_methods.c, format.c, strformat.c, percent.c, bytes.c, bytearray.c).
 * Code outside that area should use str.h / bytes.h only, apart from
 * format_int and format_float. */
#ifndef KRAIT_FORMAT_H
#define KRAIT_FORMAT_H

#include "object.h"

/* format(v, spec) for ints (v any int, bool included) and floats; spec is
 * a str. ValueError with CPython's wording on a bad spec. */
Value format_int(Value v, Value spec);
Value format_float(double d, Value spec);

/* ---------------- area internals ---------------- */

/* A parsed standard format spec (format.c). */
typedef struct FormatSpec {
    uint32_t fill;      /* code point, default ' ' */
    char align;         /* '<' '>' '^' '=' or 0 */
    char sign;          /* '+' '-' ' ' or 0 */
    bool no_neg_zero;   /* 'z' */
    bool alternate;     /* '#' */
    bool zero_pad;      /* '0' before the width */
    int64_t width;      /* -1: none */
    char grouping;      /* ',' '_' or 0 */
    int64_t precision;  /* -1: none */
    char type;          /* 0: none */
} FormatSpec;
/* Parse spec (a str); a missing type becomes default_type (CPython's
 * default: 's' for str, 'd' for int, 0 for float). On a malformed spec
 * raise ValueError with CPython's wording and return -1. */
int format_spec_parse(Value spec, const char *typename, char default_type, FormatSpec *out);

/* format.c: digits of |v| in base (lowercase, no prefix), NUL-terminated
 * fresh memory; NULL with MemoryError set, or ValueError when base 10
 * passes sys.set_int_max_str_digits. */
char *format_int_digits(Value v, int base, size_t *n, bool *negative);

/* str.c */
Value str_new_known(const char *utf8, size_t size, size_t length, bool ascii);
Value str_empty(void);
Value str_char(uint32_t cp);                    /* one code point */
size_t str_byte_offset(Value s, size_t index);  /* code point -> byte */
Value str_substr(Value s, size_t start, size_t stop); /* code points */
/* Copy an exact str into an instance of str subclass `type`. */
Value str_subtype_copy(Type *type, Value s);
/* Size of the result of a repetition / concatenation, or MemoryError. */
bool str_check_size(size_t a, size_t times);
Value str_iter(Value s);

/* str_methods.c: "{}".format machinery lives in strformat.c */
Value strformat_vformat(Value fmt, Value *args, size_t nargs, Value mapping);

/* percent.c: fmt % args for str and for bytes/bytearray (returns bytes;
 * the caller converts to bytearray). */
Value str_percent_format(Value fmt, Value args);
Value bytes_percent_format(const char *fmt, size_t size, Value args);

struct Buf; /* unicode.h */

/* bytes.c: codecs, and what bytes and bytearray share. */
Value codec_encode(Value s, const char *encoding, const char *errors);
Value codec_decode(const char *data, size_t size, const char *encoding, const char *errors);
/* Read the bytes of a bytes/bytearray; false (no error) for other types. */
bool bytes_view(Value v, const char **data, size_t *size);
/* Append the bytes described by a bytes()/bytearray() source argument:
 * an int count, a bytes-like object, __bytes__, or an iterable of ints. */
bool bytes_fill_from(struct Buf *b, Value source);
/* An int in range(256), CPython's messages; range_msg is
 * "byte must be in range(0, 256)" or "bytes must be in range(0, 256)". */
int bytes_byte_arg(Value v, const char *range_msg, int *out);
/* b'...' text of raw bytes, wrapped as prefix + literal + suffix. */
Value bytes_repr_raw(const char *data, size_t size, const char *prefix, const char *suffix);
Value bytes_common_compare(Value a, Value b, int op);
int bytes_common_contains(Value self, Value item);
Value bytes_common_iter(Value self);
/* self[key] for bytes and bytearray: an int, or a new object of self's
 * kind for a slice. */
Value bytes_common_subscript(Value self, Value key);
Value bytes_common_concat(Value a, Value b);  /* result has a's kind */
Value bytes_common_repeat(Value self, Value count);

/* Methods with one C body for bytes and bytearray: each reads self with
 * bytes_view and builds results of self's kind. Both method tables list
 * them through this X-macro. */
#define BYTES_SHARED_METHODS(X) \
    X(capitalize) X(center) X(count) X(decode) X(endswith) X(expandtabs) \
    X(find) X(hex) X(index) X(isalnum) X(isalpha) X(isascii) X(isdigit) \
    X(islower) X(isspace) X(istitle) X(isupper) X(join) X(ljust) X(lower) \
    X(lstrip) X(partition) X(removeprefix) X(removesuffix) X(replace) \
    X(rfind) X(rindex) X(rjust) X(rpartition) X(rsplit) X(rstrip) X(split) \
    X(splitlines) X(startswith) X(strip) X(swapcase) X(title) X(translate) \
    X(upper) X(zfill)
#define DECLARE_BYTES_METHOD(n) Value bytes_m_##n(Value *args, size_t nargs, Value kwnames);
BYTES_SHARED_METHODS(DECLARE_BYTES_METHOD)
#undef DECLARE_BYTES_METHOD
#define BYTES_METHOD_ENTRY(n) {#n, bytes_m_##n, METH_DEFAULT, NULL},
Value bytes_m_fromhex(Value *args, size_t nargs, Value kwnames);   /* METH_CLASS */
Value bytes_m_maketrans(Value *args, size_t nargs, Value kwnames); /* METH_STATIC */

#endif
