/* unicode.h — UTF-8 encoding/decoding, code-point classification and case
 * mapping, and a growable byte buffer used by every text producer of the
 * str/bytes area. Implemented in objects/unicode.c.
 *
 * Classification follows Python's str predicates. Printable, decimal,
 * digit and numeric use tables generated from CPython 3.13's unicodedata;
 * alpha, lower, upper and the one-to-one case mappings use <wctype.h> under
 * the "C.UTF-8" LC_CTYPE locale (glibc's Unicode data, which may lag the
 * Unicode version CPython ships); the one-to-many mappings (ß -> SS, …) and
 * casefold come from the generated table. */
#ifndef KRAIT_UNICODE_H
#define KRAIT_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../vm/value.h"

/* ---- UTF-8 ---- */

/* Bytes needed to encode cp (1..4). */
static inline int utf8_width(uint32_t cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}
/* Encode cp into out (>= 4 bytes); returns the byte count. Surrogates are
 * encoded as plain 3-byte sequences (krait's internal form keeps them). */
int utf8_encode(uint32_t cp, char *out);
/* Decode the code point starting at *p (trusted, internal UTF-8) and
 * advance *p past it. */
static inline uint32_t utf8_next(const char **p) {
    const unsigned char *s = (const unsigned char *)*p;
    uint32_t c = s[0];
    if (c < 0x80) { *p += 1; return c; }
    if (c < 0xE0) { *p += 2; return ((c & 0x1F) << 6) | (s[1] & 0x3F); }
    if (c < 0xF0) {
        *p += 3;
        return ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    *p += 4;
    return ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}
/* Is b a continuation byte (10xxxxxx)? */
static inline bool utf8_is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }
/* Count code points in trusted UTF-8; sets *ascii when all bytes < 0x80. */
size_t utf8_count(const char *s, size_t size, bool *ascii);
/* Validate untrusted UTF-8 strictly (no surrogates, no overlongs). Returns
 * the byte offset of the first bad sequence, or size when all is valid;
 * *reason receives CPython's reason text ("invalid start byte", …) and
 * *badlen the number of bytes the error covers. */
size_t utf8_validate(const char *s, size_t size, const char **reason, size_t *badlen);
/* Byte offset of code point index i (walks; i <= length). */
size_t utf8_offset(const char *s, size_t size, size_t i);

/* ---- classification (Python semantics) ---- */
bool uni_isspace(uint32_t cp);
bool uni_isalpha(uint32_t cp);
bool uni_isdecimal(uint32_t cp);
bool uni_isdigit(uint32_t cp);
bool uni_isnumeric(uint32_t cp);
bool uni_isalnum(uint32_t cp);
bool uni_islower(uint32_t cp);
bool uni_isupper(uint32_t cp);
bool uni_istitle(uint32_t cp);   /* titlecase letter (Lt) */
bool uni_iscased(uint32_t cp);
bool uni_isprintable(uint32_t cp);
bool uni_isidstart(uint32_t cp);
bool uni_isidcontinue(uint32_t cp);
bool uni_islinebreak(uint32_t cp); /* the boundaries str.splitlines uses */
/* Decimal digit value 0..9, or -1. */
int uni_decimal_value(uint32_t cp);

/* ---- case mapping: full mappings write up to 3 code points to out and
 * return how many ---- */
enum { CASE_UPPER, CASE_LOWER, CASE_TITLE, CASE_FOLD };
int uni_case_map(uint32_t cp, int which, uint32_t out[3]);

/* ---- hashing: CPython's values under PYTHONHASHSEED=0 (never -1) ---- */
uint64_t siphash13(const void *data, size_t size);   /* zero key */
int64_t hash_bytes_like_cpython(const void *data, size_t size);
int64_t hash_text_like_cpython(const char *utf8, size_t size, size_t length, bool ascii);

/* ---- a growable byte buffer (memory from gc_alloc_atomic) ---- */
typedef struct Buf {
    char *data;
    size_t len, cap;
    bool failed;                /* an allocation failed: MemoryError */
    char small[200];
} Buf;

void buf_init(Buf *b);
bool buf_reserve(Buf *b, size_t extra);  /* false on MemoryError (set) */
bool buf_add(Buf *b, const void *p, size_t n);
bool buf_addc(Buf *b, char c);
bool buf_adds(Buf *b, const char *s);
bool buf_add_cp(Buf *b, uint32_t cp);
bool buf_fill(Buf *b, char c, size_t n);
bool buf_fill_cp(Buf *b, uint32_t cp, size_t n);
bool buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Make a str / bytes from the contents (VAL_NULL + MemoryError if failed). */
Value buf_to_str(Buf *b);
Value buf_to_bytes(Buf *b);

#endif
