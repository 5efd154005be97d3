/* json_decode.c — JSON text to Python objects, following CPython 3.13's C
 * scanner (_json.scanner / scanstring): the same grammar (NaN, Infinity
 * and -Infinity accepted), the same error messages at the same positions.
 *
 * krait's str is UTF-8, so the scanner walks bytes; every byte JSON syntax
 * cares about is ASCII and never part of a multi-byte sequence. Positions
 * are byte offsets until an error is raised, when they become the code
 * point index CPython reports. */
#include <string.h>

#include "../objects/dict.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../vm/error.h"
#include "json.h"

/* Object keys repeat (every record of a list has the same ones): a small
 * direct-mapped cache of the key strs made so far lets a repeated key
 * reuse its str, with its hash already computed, instead of allocating a
 * new one. CPython's scanner keeps a memo dict for the same reason. */
#define KEY_CACHE_SIZE 128
#define KEY_CACHE_MAX_LEN 40

typedef struct Decoder {
    const char *s;
    size_t len;          /* bytes */
    Value doc;           /* the str being decoded (for errors) */
    const JsonDecodeOptions *opt;
    Value key_cache[KEY_CACHE_SIZE];
} Decoder;

static Value scan_value(Decoder *d, size_t idx, size_t *next);

static inline bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

static inline size_t skip_ws(const Decoder *d, size_t idx) {
    while (idx < d->len && is_ws(d->s[idx])) idx++;
    return idx;
}

/* Raise JSONDecodeError at a byte offset: CPython reports code point
 * indexes, so count the characters before it (errors only, so a walk). */
static Value fail(const Decoder *d, const char *msg, size_t byte_pos) {
    size_t cps = 0;
    for (size_t i = 0; i < byte_pos && i < d->len; i++)
        if (((unsigned char)d->s[i] & 0xC0) != 0x80) cps++;
    if (byte_pos > d->len) cps += byte_pos - d->len;
    return json_raise_decode_error(msg, d->doc, cps);
}

/* ---- strings ---- */

/* A small growable byte buffer for strings with escapes. */
typedef struct TextBuf {
    char *data;
    size_t len, cap;
    char inline_space[256];
} TextBuf;

static bool text_add(TextBuf *b, const char *p, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = b->cap * 2;
        while (cap < b->len + n) cap *= 2;
        char *fresh = (char *)gc_alloc_atomic(cap);
        if (!fresh) {
            err_no_memory();
            return false;
        }
        memcpy(fresh, b->data, b->len);
        b->data = fresh;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return true;
}

static bool text_add_cp(TextBuf *b, uint32_t cp) {
    char enc[4];
    int n;
    /* Surrogates are written as plain 3-byte sequences: krait's internal
     * form keeps lone ones, as CPython's str does. */
    if (cp < 0x80) {
        enc[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        enc[0] = (char)(0xC0 | (cp >> 6));
        enc[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        enc[0] = (char)(0xE0 | (cp >> 12));
        enc[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        enc[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        enc[0] = (char)(0xF0 | (cp >> 18));
        enc[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        enc[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        enc[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return text_add(b, enc, (size_t)n);
}

/* Four hex digits at s[at..at+4) (caller checked the length); -1 if any
 * is not a hex digit. */
static int32_t hex4(const char *s, size_t at) {
    int32_t v = 0;
    for (size_t i = at; i < at + 4; i++) {
        char c = s[i];
        int digit;
        if (c >= '0' && c <= '9') digit = c - '0';
        else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
        else return -1;
        v = (v << 4) | digit;
    }
    return v;
}

/* The escape whose backslash is at s[at - 1] and letter at s[at]; appends
 * its text and returns the index after it, or (size_t)-1 on error. */
static size_t scan_escape(Decoder *d, size_t at, TextBuf *b) {
    const char *s = d->s;
    char c = s[at];
    if (c != 'u') {
        char out;
        switch (c) {
        case '"': out = '"'; break;
        case '\\': out = '\\'; break;
        case '/': out = '/'; break;
        case 'b': out = '\b'; break;
        case 'f': out = '\f'; break;
        case 'n': out = '\n'; break;
        case 'r': out = '\r'; break;
        case 't': out = '\t'; break;
        default:
            fail(d, "Invalid \\escape", at - 1);
            return (size_t)-1;
        }
        return text_add(b, &out, 1) ? at + 1 : (size_t)-1;
    }
    /* \uXXXX: CPython demands the four digits AND one more character
     * (the closing quote at least) before the end of the document. */
    size_t end = at + 5;
    int32_t cp = end < d->len ? hex4(s, at + 1) : -1;
    if (cp < 0) {
        fail(d, "Invalid \\uXXXX escape", at);
        return (size_t)-1;
    }
    /* A high surrogate followed by \uXXXX: join them when the second is a
     * low surrogate; otherwise leave the second for the next round. */
    if (cp >= 0xD800 && cp <= 0xDBFF && end + 6 < d->len && s[end] == '\\' && s[end + 1] == 'u') {
        int32_t low = hex4(s, end + 2);
        if (low < 0) {
            fail(d, "Invalid \\uXXXX escape", end + 1);
            return (size_t)-1;
        }
        if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + (((cp - 0xD800) << 10) | (low - 0xDC00));
            end += 6;
        }
    }
    return text_add_cp(b, (uint32_t)cp) ? end : (size_t)-1;
}

static Value scan_string_escaped(Decoder *d, size_t idx, size_t j, size_t *next);

/* The string whose opening quote is at s[idx - 1]. */
static Value scan_string(Decoder *d, size_t idx, size_t *next) {
    const char *s = d->s;
    size_t len = d->len;
    bool strict = d->opt->strict;
    size_t j = idx;
    /* Fast path: no escapes at all. */
    while (j < len) {
        unsigned char c = (unsigned char)s[j];
        if (c == '"' || c == '\\') break;
        if (c <= 0x1F && strict) return fail(d, "Invalid control character at", j);
        j++;
    }
    if (j < len && s[j] == '"') {
        *next = j + 1;
        return str_new(s + idx, j - idx);
    }
    return scan_string_escaped(d, idx, j, next);
}

/* The rest of scan_string once an escape (or the end) was seen at j. Kept
 * out of line so its buffer is not on the stack of every nesting level. */
__attribute__((noinline)) static Value scan_string_escaped(Decoder *d, size_t idx, size_t j,
                                                          size_t *next) {
    const char *s = d->s;
    size_t len = d->len, begin = idx - 1;
    bool strict = d->opt->strict;
    TextBuf b;
    b.data = b.inline_space;
    b.len = 0;
    b.cap = sizeof b.inline_space;
    size_t chunk = idx;
    for (;;) {
        while (j < len) {
            unsigned char c = (unsigned char)s[j];
            if (c == '"' || c == '\\') break;
            if (c <= 0x1F && strict) return fail(d, "Invalid control character at", j);
            j++;
        }
        if (j >= len) return fail(d, "Unterminated string starting at", begin);
        if (!text_add(&b, s + chunk, j - chunk)) return VAL_NULL;
        if (s[j] == '"') break;
        if (j + 1 >= len) return fail(d, "Unterminated string starting at", begin);
        j = scan_escape(d, j + 1, &b);
        if (j == (size_t)-1) return VAL_NULL;
        chunk = j;
    }
    *next = j + 1;
    return str_new(b.data, b.len);
}

/* An object key (opening quote at s[idx - 1]): through the key cache when
 * it has no escapes and is short. */
static Value scan_key(Decoder *d, size_t idx, size_t *next) {
    const char *s = d->s;
    size_t len = d->len, limit = idx + KEY_CACHE_MAX_LEN;
    if (limit > len) limit = len;
    uint32_t h = 2166136261u; /* FNV-1a */
    size_t j = idx;
    for (; j < limit; j++) {
        unsigned char c = (unsigned char)s[j];
        if (c == '"' || c == '\\' || c <= 0x1F) break;
        h = (h ^ c) * 16777619u;
    }
    if (j >= limit || s[j] != '"') return scan_string(d, idx, next);
    size_t n = j - idx;
    Value *slot = &d->key_cache[(h ^ (h >> 15)) & (KEY_CACHE_SIZE - 1)];
    if (*slot && str_size(*slot) == n && memcmp(str_data(*slot), s + idx, n) == 0) {
        *next = j + 1;
        return *slot;
    }
    Value key = str_new(s + idx, n);
    if (!key) return VAL_NULL;
    *slot = key;
    *next = j + 1;
    return key;
}

/* ---- numbers ---- */

/* Clinger's fast path: a decimal whose digits fit in 2^53 and whose power
 * of ten is exact (|p| <= 22) converts with one correctly rounded IEEE
 * multiplication or division. false: use the general parser. The text is
 * already known to match the JSON number grammar. */
static bool fast_float(const char *text, size_t n, double *out) {
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    size_t i = 0;
    bool negative = text[0] == '-';
    if (negative) i++;
    uint64_t mantissa = 0;
    int scale = 0; /* power of ten to apply */
    for (; i < n && is_digit(text[i]); i++) {
        mantissa = mantissa * 10 + (uint64_t)(text[i] - '0');
        if (mantissa >= (1ULL << 53)) return false;
    }
    if (i < n && text[i] == '.') {
        for (i++; i < n && is_digit(text[i]); i++) {
            mantissa = mantissa * 10 + (uint64_t)(text[i] - '0');
            scale--;
            if (mantissa >= (1ULL << 53)) return false;
        }
    }
    if (i < n) { /* exponent */
        i++;
        bool exp_negative = false;
        if (text[i] == '+' || text[i] == '-') exp_negative = text[i++] == '-';
        int exponent = 0;
        for (; i < n; i++) {
            exponent = exponent * 10 + (text[i] - '0');
            if (exponent > 1000) return false;
        }
        scale += exp_negative ? -exponent : exponent;
    }
    if (scale < -22 || scale > 22) return false;
    double v = (double)mantissa;
    v = scale < 0 ? v / pow10[-scale] : v * pow10[scale];
    *out = negative ? -v : v;
    return true;
}

static Value number_from_text(Decoder *d, size_t start, size_t end, bool is_float) {
    const char *text = d->s + start;
    size_t n = end - start;
    Value hook = is_float ? d->opt->parse_float : d->opt->parse_int;
    if (hook) {
        Value str = str_new(text, n);
        return str ? obj_call1(hook, str) : VAL_NULL;
    }
    if (is_float) {
        double v;
        return fast_float(text, n, &v) ? val_from_double(v) : float_from_string(text, n);
    }
    /* up to 18 digits always fit in an int64 */
    size_t digits = text[0] == '-' ? n - 1 : n;
    if (digits <= 18) {
        int64_t v = 0;
        for (size_t i = n - digits; i < n; i++) v = v * 10 + (text[i] - '0');
        return int_from_i64(text[0] == '-' ? -v : v);
    }
    return int_from_string(text, n, 10);
}

static Value scan_number(Decoder *d, size_t idx, size_t *next) {
    const char *s = d->s;
    size_t len = d->len, start = idx;
    if (s[idx] == '-') {
        idx++;
        if (idx >= len) return fail(d, "Expecting value", start);
    }
    if (s[idx] >= '1' && s[idx] <= '9') {
        idx++;
        while (idx < len && is_digit(s[idx])) idx++;
    } else if (s[idx] == '0') {
        idx++;
    } else {
        return fail(d, "Expecting value", start);
    }
    bool is_float = false;
    if (idx + 1 < len && s[idx] == '.' && is_digit(s[idx + 1])) {
        is_float = true;
        idx += 2;
        while (idx < len && is_digit(s[idx])) idx++;
    }
    /* An exponent counts only with at least one digit; else back off and
     * leave the 'e' to be reported by the caller. */
    if (idx + 1 < len && (s[idx] == 'e' || s[idx] == 'E')) {
        size_t e_start = idx++;
        if (idx + 1 < len && (s[idx] == '-' || s[idx] == '+')) idx++;
        while (idx < len && is_digit(s[idx])) idx++;
        if (is_digit(s[idx - 1])) is_float = true;
        else idx = e_start;
    }
    *next = idx;
    return number_from_text(d, start, idx, is_float);
}

/* ---- constants ---- */

static bool matches(const Decoder *d, size_t idx, const char *word, size_t n) {
    return idx + n <= d->len && memcmp(d->s + idx, word, n) == 0;
}

static Value scan_constant(Decoder *d, const char *name, double value) {
    if (d->opt->parse_constant) {
        Value str = str_from_cstr(name);
        return str ? obj_call1(d->opt->parse_constant, str) : VAL_NULL;
    }
    return val_from_double(value);
}

/* ---- containers ---- */

static Value finish_object(Decoder *d, Value result) {
    if (d->opt->object_pairs_hook) return obj_call1(d->opt->object_pairs_hook, result);
    if (d->opt->object_hook) return obj_call1(d->opt->object_hook, result);
    return result;
}

/* The object whose '{' is at s[idx - 1]. */
static Value parse_object(Decoder *d, size_t idx, size_t *next) {
    const char *s = d->s;
    size_t len = d->len;
    bool pairs = d->opt->object_pairs_hook != VAL_NULL;
    Value result = pairs ? list_new(0) : dict_new();
    if (!result) return VAL_NULL;
    idx = skip_ws(d, idx);
    if (idx >= len || s[idx] != '}') {
        for (;;) {
            if (idx >= len || s[idx] != '"')
                return fail(d, "Expecting property name enclosed in double quotes", idx);
            Value key = scan_key(d, idx + 1, &idx);
            if (!key) return VAL_NULL;
            idx = skip_ws(d, idx);
            if (idx >= len || s[idx] != ':') return fail(d, "Expecting ':' delimiter", idx);
            idx = skip_ws(d, idx + 1);
            Value value = scan_value(d, idx, &idx);
            if (!value) return VAL_NULL;
            if (pairs) {
                Value pair = tuple_pack(2, key, value);
                if (!pair || list_append(result, pair) < 0) return VAL_NULL;
            } else if (dict_set(result, key, value) < 0) {
                return VAL_NULL;
            }
            idx = skip_ws(d, idx);
            if (idx < len && s[idx] == '}') break;
            if (idx >= len || s[idx] != ',') return fail(d, "Expecting ',' delimiter", idx);
            size_t comma = idx;
            idx = skip_ws(d, idx + 1);
            if (idx < len && s[idx] == '}')
                return fail(d, "Illegal trailing comma before end of object", comma);
        }
    }
    *next = idx + 1;
    return finish_object(d, result);
}

/* The array whose '[' is at s[idx - 1]. */
static Value parse_array(Decoder *d, size_t idx, size_t *next) {
    const char *s = d->s;
    size_t len = d->len;
    Value result = list_new(0);
    if (!result) return VAL_NULL;
    idx = skip_ws(d, idx);
    if (idx >= len || s[idx] != ']') {
        for (;;) {
            Value value = scan_value(d, idx, &idx);
            if (!value || list_append(result, value) < 0) return VAL_NULL;
            idx = skip_ws(d, idx);
            if (idx < len && s[idx] == ']') break;
            if (idx >= len || s[idx] != ',') return fail(d, "Expecting ',' delimiter", idx);
            size_t comma = idx;
            idx = skip_ws(d, idx + 1);
            if (idx < len && s[idx] == ']')
                return fail(d, "Illegal trailing comma before end of array", comma);
        }
    }
    *next = idx + 1;
    return result;
}

static Value scan_nested(Decoder *d, size_t idx, size_t *next, bool array) {
    if (json_enter_nesting(array ? " while decoding a JSON array from a unicode string"
                                 : " while decoding a JSON object from a unicode string") < 0)
        return VAL_NULL;
    Value v = array ? parse_array(d, idx + 1, next) : parse_object(d, idx + 1, next);
    json_leave_nesting();
    return v;
}

static Value scan_value(Decoder *d, size_t idx, size_t *next) {
    if (idx >= d->len) return fail(d, "Expecting value", idx);
    switch (d->s[idx]) {
    case '"':
        return scan_string(d, idx + 1, next);
    case '{':
        return scan_nested(d, idx, next, false);
    case '[':
        return scan_nested(d, idx, next, true);
    case 'n':
        if (matches(d, idx, "null", 4)) {
            *next = idx + 4;
            return VAL_NONE;
        }
        break;
    case 't':
        if (matches(d, idx, "true", 4)) {
            *next = idx + 4;
            return VAL_TRUE;
        }
        break;
    case 'f':
        if (matches(d, idx, "false", 5)) {
            *next = idx + 5;
            return VAL_FALSE;
        }
        break;
    case 'N':
        if (matches(d, idx, "NaN", 3)) {
            *next = idx + 3;
            return scan_constant(d, "NaN", __builtin_nan(""));
        }
        break;
    case 'I':
        if (matches(d, idx, "Infinity", 8)) {
            *next = idx + 8;
            return scan_constant(d, "Infinity", __builtin_inf());
        }
        break;
    case '-':
        if (matches(d, idx, "-Infinity", 9)) {
            *next = idx + 9;
            return scan_constant(d, "-Infinity", -__builtin_inf());
        }
        return scan_number(d, idx, next);
    default:
        return scan_number(d, idx, next);
    }
    return fail(d, "Expecting value", idx);
}

/* ---- entry points ---- */

static void decoder_init(Decoder *d, Value doc, const JsonDecodeOptions *opts) {
    d->s = str_data(doc);
    d->len = str_size(doc);
    d->doc = doc;
    d->opt = opts;
    memset(d->key_cache, 0, sizeof d->key_cache);
}

Value json_decode_document(Value doc, const JsonDecodeOptions *opts) {
    Decoder d;
    decoder_init(&d, doc, opts);
    size_t end;
    Value result = scan_value(&d, skip_ws(&d, 0), &end);
    if (!result) return VAL_NULL;
    end = skip_ws(&d, end);
    if (end != d.len) return fail(&d, "Extra data", end);
    return result;
}

Value json_decode_raw(Value doc, size_t start, const JsonDecodeOptions *opts, size_t *end) {
    Decoder d;
    decoder_init(&d, doc, opts);
    /* code point index -> byte offset (past the end stays past the end) */
    size_t pos = 0;
    for (size_t cps = 0; cps < start && pos < d.len; cps++) {
        pos++;
        while (pos < d.len && ((unsigned char)d.s[pos] & 0xC0) == 0x80) pos++;
    }
    /* CPython reports the index it was given, even past the end */
    if (pos >= d.len) return json_raise_decode_error("Expecting value", doc, start);
    size_t next;
    Value result = scan_value(&d, pos, &next);
    if (!result) return VAL_NULL;
    size_t cps = 0;
    for (size_t i = 0; i < next; i++)
        if (((unsigned char)d.s[i] & 0xC0) != 0x80) cps++;
    *end = cps;
    return result;
}
