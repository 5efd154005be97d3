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

/* bytes.c: codecs and the buffer view shared by bytes and bytearray. */
Value codec_encode(Value s, const char *encoding, const char *errors);
Value codec_decode(const char *data, size_t size, const char *encoding, const char *errors);
/* Read the bytes of a bytes/bytearray; false (no error) for other types. */
bool bytes_view(Value v, const char **data, size_t *size);
/* bytes(x) / bytearray(x) argument conversion into a fresh buffer. */
Value bytes_from_object(Value v);   /* returns bytes */
/* The methods bytes and bytearray share, operating on raw memory; `make`
 * builds the result type (bytes_new or bytearray_new). */
typedef Value (*BytesMaker)(const char *data, size_t size);
Value bytes_common_method(const char *name, Value self, Value *args, size_t nargs,
                          Value kwnames, BytesMaker make);
Value bytes_common_getitem(Value self, Value key, BytesMaker make);
Value bytes_common_compare(Value a, Value b, int op);
int bytes_common_contains(Value self, Value item);
Value bytes_common_repr(const char *data, size_t size, const char *prefix, const char *suffix);
/* Convert a byte value argument (int in range(256)), CPython messages. */
int bytes_byte_arg(Value v, int *out);
/* Iterator over raw bytes of bytes/bytearray (yields ints). */
Value bytes_iter(Value obj);
Value bytes_fromhex_raw(Value s, BytesMaker make);

#endif
