/* json_encode.c — Python objects to JSON text, as CPython 3.13's C encoder
 * (_json.make_encoder) writes it: the same separators and indentation, the
 * same type dispatch order (None, True, False, str, int, float, list/tuple,
 * dict, default()), the same messages.
 *
 * Everything is written into one growable byte buffer that becomes the
 * result str at the end; exact str/int/float/list/dict take direct paths
 * with no intermediate objects. */
#include <math.h>
#include <string.h>

#include "../objects/dict.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../vm/error.h"
#include "json.h"

/* ---- the output buffer ---- */

typedef struct Out {
    char *data;
    size_t len, cap;
    bool on_heap;
} Out;

/* The buffer starts in the caller's stack space (small documents need no
 * allocation besides the result) and moves to the heap when it grows. */
static bool out_grow(Out *o, size_t extra) {
    size_t want = o->len + extra;
    size_t cap = o->cap * 2;
    while (cap < want) cap *= 2;
    char *p;
    if (o->on_heap) {
        p = (char *)gc_realloc(o->data, cap);
    } else {
        p = (char *)gc_alloc_atomic(cap);
        if (p) memcpy(p, o->data, o->len);
    }
    if (!p) {
        err_no_memory();
        return false;
    }
    o->data = p;
    o->cap = cap;
    o->on_heap = true;
    return true;
}

static inline bool out_reserve(Out *o, size_t extra) {
    return o->len + extra <= o->cap || out_grow(o, extra);
}

static inline bool out_add(Out *o, const char *p, size_t n) {
    if (!out_reserve(o, n)) return false;
    char *dst = o->data + o->len;
    /* most pieces are separators and short literals: skip the call */
    if (n <= 16) {
        for (size_t i = 0; i < n; i++) dst[i] = p[i];
    } else {
        memcpy(dst, p, n);
    }
    o->len += n;
    return true;
}

static inline bool out_addc(Out *o, char c) {
    if (!out_reserve(o, 1)) return false;
    o->data[o->len++] = c;
    return true;
}

#define OUT_LIT(o, lit) out_add((o), (lit), sizeof(lit) - 1)

/* ---- encoder state ---- */

typedef struct Encoder {
    const JsonEncodeOptions *opt;
    Out out;
    size_t level;           /* indentation depth */
    /* Containers (and default()-converted objects) whose encoding is in
     * progress: meeting one again is a cycle. Nesting is shallow in
     * practice, so a stack searched linearly beats hashing ids. */
    Value *markers;         /* initially inline_markers */
    size_t nmarkers, markers_cap;
    Value inline_markers[16];
} Encoder;

static int encode_value(Encoder *e, Value v);

static int marker_push(Encoder *e, Value v) {
    for (size_t i = 0; i < e->nmarkers; i++)
        if (e->markers[i] == v) return err_format_int(&Exc_ValueError, "Circular reference detected");
    if (e->nmarkers == e->markers_cap) {
        size_t cap = e->markers_cap * 2;
        Value *p = (Value *)gc_alloc(cap * sizeof(Value));
        if (!p) {
            err_no_memory();
            return -1;
        }
        memcpy(p, e->markers, e->nmarkers * sizeof(Value));
        e->markers = p;
        e->markers_cap = cap;
    }
    e->markers[e->nmarkers++] = v;
    return 0;
}

static inline void marker_pop(Encoder *e) { e->nmarkers--; }

/* "\n" followed by the indent repeated `level` times. */
static bool newline_indent(Encoder *e) {
    const JsonEncodeOptions *o = e->opt;
    if (!out_reserve(&e->out, 1 + o->indent_len * e->level)) return false;
    char *p = e->out.data + e->out.len;
    *p++ = '\n';
    for (size_t i = 0; i < e->level; i++) {
        memcpy(p, o->indent, o->indent_len);
        p += o->indent_len;
    }
    e->out.len = (size_t)(p - e->out.data);
    return true;
}

static bool item_separator(Encoder *e) {
    if (!out_add(&e->out, e->opt->item_sep, e->opt->item_sep_len)) return false;
    return !e->opt->has_indent || newline_indent(e);
}

/* ---- strings ---- */

/* escape_ascii[b] / escape_utf8[b]: does byte b need an escape in the
 * ensure_ascii=True / False modes? (Bytes >= 0x80 only in the first.) */
static unsigned char escape_ascii[256], escape_utf8[256];

static void escape_tables_init(void) {
    if (escape_ascii['"']) return;
    for (int b = 0; b < 256; b++) {
        bool special = b < 0x20 || b == '"' || b == '\\';
        escape_utf8[b] = special;
        escape_ascii[b] = special || b >= 0x7F;
    }
}

static const char hex_digits[] = "0123456789abcdef";

static char *put_u_escape(char *p, uint32_t unit) {
    p[0] = '\\';
    p[1] = 'u';
    p[2] = hex_digits[(unit >> 12) & 0xF];
    p[3] = hex_digits[(unit >> 8) & 0xF];
    p[4] = hex_digits[(unit >> 4) & 0xF];
    p[5] = hex_digits[unit & 0xF];
    return p + 6;
}

/* Write the escape of code point cp (a special ASCII char, or any
 * non-ASCII one in ensure_ascii mode); p has room for 12 bytes. */
static char *put_escape(char *p, uint32_t cp) {
    char short_form = 0;
    switch (cp) {
    case '"': short_form = '"'; break;
    case '\\': short_form = '\\'; break;
    case '\b': short_form = 'b'; break;
    case '\f': short_form = 'f'; break;
    case '\n': short_form = 'n'; break;
    case '\r': short_form = 'r'; break;
    case '\t': short_form = 't'; break;
    }
    if (short_form) {
        p[0] = '\\';
        p[1] = short_form;
        return p + 2;
    }
    if (cp >= 0x10000) { /* astral: a UTF-16 surrogate pair */
        uint32_t v = cp - 0x10000;
        p = put_u_escape(p, 0xD800 | (v >> 10));
        return put_u_escape(p, 0xDC00 | (v & 0x3FF));
    }
    return put_u_escape(p, cp);
}

/* Decode one code point of krait's internal UTF-8 (surrogates allowed). */
static inline uint32_t next_codepoint(const unsigned char *s, size_t *i) {
    uint32_t c = s[*i];
    if (c < 0x80) {
        *i += 1;
        return c;
    }
    if (c < 0xE0) {
        uint32_t cp = ((c & 0x1F) << 6) | (s[*i + 1] & 0x3F);
        *i += 2;
        return cp;
    }
    if (c < 0xF0) {
        uint32_t cp = ((c & 0x0F) << 12) | ((s[*i + 1] & 0x3F) << 6) | (s[*i + 2] & 0x3F);
        *i += 3;
        return cp;
    }
    uint32_t cp = ((c & 0x07) << 18) | ((s[*i + 1] & 0x3F) << 12) | ((s[*i + 2] & 0x3F) << 6) |
                  (s[*i + 3] & 0x3F);
    *i += 4;
    return cp;
}

/* Does any byte of w need an escape? Word-at-a-time tests (exact for
 * "some byte is"): has_below(w, n) flags a byte < n (n <= 128),
 * has_zero(w ^ c * ONES) a byte equal to c. */
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
static inline uint64_t has_zero(uint64_t w) { return (w - ONES) & ~w & HIGHS; }
static inline uint64_t has_below(uint64_t w, uint64_t n) { return (w - ONES * n) & ~w & HIGHS; }

static inline bool word_needs_escape(uint64_t w, bool ascii) {
    uint64_t hit = has_below(w, 0x20) | has_zero(w ^ (ONES * '"')) | has_zero(w ^ (ONES * '\\'));
    if (ascii) hit |= (w & HIGHS) | has_zero(w ^ (ONES * 0x7F));
    return hit != 0;
}

/* Process the text in blocks so the worst case (every byte escaped to 6)
 * only ever needs a bounded reservation, whatever the string's size. */
#define STRING_BLOCK 4096

static bool encode_string_data(Encoder *e, const char *data, size_t size) {
    const unsigned char *s = (const unsigned char *)data;
    bool ascii = e->opt->ensure_ascii;
    const unsigned char *table = ascii ? escape_ascii : escape_utf8;
    Out *o = &e->out;
    if (!out_addc(o, '"')) return false;
    size_t i = 0;
    while (i < size) {
        size_t block_end = size - i > STRING_BLOCK ? i + STRING_BLOCK : size;
        /* +4: the last code point may run past block_end; x6: escapes */
        if (!out_reserve(o, (block_end - i + 4) * 6)) return false;
        char *p = o->data + o->len;
        while (i < block_end) {
            /* eight plain bytes at a time, then byte by byte up to the
             * byte that needs an escape */
            while (i + 8 <= block_end) {
                uint64_t w;
                memcpy(&w, s + i, 8);
                if (word_needs_escape(w, ascii)) break;
                memcpy(p, &w, 8);
                p += 8;
                i += 8;
            }
            while (i < block_end && !table[s[i]]) *p++ = (char)s[i++];
            if (i >= block_end) break;
            /* Only ensure_ascii mode stops at bytes >= 0x80. */
            p = put_escape(p, next_codepoint(s, &i));
        }
        o->len = (size_t)(p - o->data);
    }
    return out_addc(o, '"');
}

/* ---- numbers ---- */

static bool encode_smallint(Encoder *e, int64_t v) {
    char buf[24];
    char *end = buf + sizeof buf, *p = end;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--p = '-';
    return out_add(&e->out, p, (size_t)(end - p));
}

/* int.__repr__ of any int (big ints, int subclasses such as IntEnum). */
__attribute__((noinline)) static bool encode_int(Encoder *e, Value v) {
    if (val_is_smallint(v)) return encode_smallint(e, val_as_smallint(v));
    Value text = int_to_str(v, 10);
    return text && out_add(&e->out, str_data(text), str_size(text));
}

/* repr(d) for the common floats with at most 6 decimals (prices, halves,
 * whole numbers), without the generic shortest-repr search; 0 when d is
 * not such a float. Exact: with |d * 10^k| < 2^52 the decimal spacing
 * 10^-k exceeds ulp(d), so at most one k-decimal number rounds to d, and
 * m / 10^k is correctly rounded by IEEE division, which makes the
 * round-trip test exact. The smallest k that round-trips is the shortest
 * repr, and 1e-4 <= |d| < 1e16 is where repr uses no exponent. */
static int short_float_repr(double d, char *buf) {
    static const double pow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    double mag = fabs(d);
    if (mag != 0 && mag < 1e-4) return 0;
    for (int k = 0; k <= 6; k++) {
        double scaled = mag * pow10[k];
        if (scaled >= 4503599627370496.0) return 0; /* 2^52 */
        double m = nearbyint(scaled);
        if (m / pow10[k] != mag) continue;
        uint64_t digits = (uint64_t)m, unit = (uint64_t)pow10[k];
        uint64_t whole = digits / unit, frac = digits % unit;
        char tmp[24];
        int n = 0;
        do {
            tmp[n++] = (char)('0' + whole % 10);
            whole /= 10;
        } while (whole);
        int len = 0;
        if (signbit(d)) buf[len++] = '-';
        while (n) buf[len++] = tmp[--n];
        buf[len++] = '.';
        if (k == 0) {
            buf[len++] = '0';
        } else {
            for (int i = k - 1; i >= 0; i--) {
                buf[len + i] = (char)('0' + frac % 10);
                frac /= 10;
            }
            len += k;
        }
        return len;
    }
    return 0;
}

/* float.__repr__, or NaN/Infinity/-Infinity (ValueError unless allow_nan).
 * Out of line: its buffer stays off the recursion's stack frames. */
__attribute__((noinline)) static bool encode_float(Encoder *e, Value v) {
    double d = float_value(v);
    if (isfinite(d)) {
        char buf[40];
        int n = short_float_repr(d, buf);
        if (!n) n = float_repr_buf(d, buf);
        return out_add(&e->out, buf, (size_t)n);
    }
    if (!e->opt->allow_nan) {
        Value r = obj_repr(v);
        if (!r) return false;
        err_format(&Exc_ValueError, "Out of range float values are not JSON compliant: %s", str_data(r));
        return false;
    }
    if (d > 0) return OUT_LIT(&e->out, "Infinity");
    if (d < 0) return OUT_LIT(&e->out, "-Infinity");
    return OUT_LIT(&e->out, "NaN");
}

/* ---- containers ---- */

static int encode_array(Encoder *e, Value seq) {
    bool is_list = val_is_list(seq);
    size_t n = is_list ? list_size(seq) : tuple_size(seq);
    if (n == 0) return OUT_LIT(&e->out, "[]") ? 0 : -1;
    if (e->opt->check_circular && marker_push(e, seq) < 0) return -1;
    if (!out_addc(&e->out, '[')) return -1;
    bool indent = e->opt->has_indent;
    if (indent) {
        e->level++;
        if (!newline_indent(e)) return -1;
    }
    /* A list may change size while default() or a hook runs: re-read it
     * on every step, as CPython does. */
    for (size_t i = 0; i < (is_list ? list_size(seq) : n); i++) {
        if (i && !item_separator(e)) return -1;
        Value item = is_list ? list_items(seq)[i] : tuple_items(seq)[i];
        if (encode_value(e, item) < 0) return -1;
    }
    if (indent) {
        e->level--;
        if (!newline_indent(e)) return -1;
    }
    if (!out_addc(&e->out, ']')) return -1;
    if (e->opt->check_circular) marker_pop(e);
    return 0;
}

/* A dict key as the text to quote: str as is; float, bool, None and int
 * converted like CPython. *skip set for other keys under skipkeys. */
static int encode_key(Encoder *e, Value key, bool *skip) {
    *skip = false;
    if (val_is_str(key)) return encode_string_data(e, str_data(key), str_size(key)) ? 0 : -1;
    Out *o = &e->out;
    bool ok;
    if (val_is_float(key)) {
        if (!out_addc(o, '"')) return -1;
        ok = encode_float(e, key) && out_addc(o, '"');
    } else if (key == VAL_TRUE) {
        ok = OUT_LIT(o, "\"true\"");
    } else if (key == VAL_FALSE) {
        ok = OUT_LIT(o, "\"false\"");
    } else if (key == VAL_NONE) {
        ok = OUT_LIT(o, "\"null\"");
    } else if (val_is_int(key)) {
        ok = out_addc(o, '"') && encode_int(e, key) && out_addc(o, '"');
    } else if (e->opt->skipkeys) {
        *skip = true;
        return 0;
    } else {
        return err_format_int(&Exc_TypeError, "keys must be str, int, float, bool or None, not %s",
                              val_type_name(key));
    }
    return ok ? 0 : -1;
}

static int encode_member(Encoder *e, Value key, Value value, bool *first) {
    /* The key's text is checked before the separator goes out, so a
     * skipped key leaves no trace; the buffer is rolled back instead of
     * encoding the key twice. */
    size_t mark = e->out.len;
    if (!*first && !item_separator(e)) return -1;
    bool skip;
    if (encode_key(e, key, &skip) < 0) return -1;
    if (skip) {
        e->out.len = mark;
        return 0;
    }
    *first = false;
    if (!out_add(&e->out, e->opt->key_sep, e->opt->key_sep_len)) return -1;
    return encode_value(e, value);
}

/* The (key, value) pairs to write, as a list of 2-tuples: for dict
 * subclasses (their items() may be overridden) and for sort_keys, where
 * CPython sorts the item tuples themselves (so unorderable keys raise the
 * same TypeError). */
static Value dict_item_list(Value d, bool sort) {
    Value items;
    if (val_is_type_exact(d, &Dict_Type)) {
        items = list_new(dict_size(d));
        if (!items) return VAL_NULL;
        size_t pos = 0;
        Value k, v;
        while (dict_next(d, &pos, &k, &v)) {
            Value pair = tuple_pack(2, k, v);
            if (!pair || list_append(items, pair) < 0) return VAL_NULL;
        }
    } else {
        Value view = obj_call_method(d, "items", NULL, 0);
        if (!view) return VAL_NULL;
        items = list_from_iterable(view);
        if (!items) return VAL_NULL;
    }
    if (sort && list_sort(items, VAL_NULL, false) < 0) return VAL_NULL;
    return items;
}

static int encode_members_from_items(Encoder *e, Value items, bool *first) {
    for (size_t i = 0; i < list_size(items); i++) {
        Value pair = list_items(items)[i];
        if (!val_is_tuple(pair) || tuple_size(pair) != 2)
            return err_format_int(&Exc_ValueError, "items must return 2-tuples");
        if (encode_member(e, tuple_items(pair)[0], tuple_items(pair)[1], first) < 0) return -1;
    }
    return 0;
}

static int encode_object(Encoder *e, Value d) {
    if (dict_size(d) == 0) return OUT_LIT(&e->out, "{}") ? 0 : -1;
    if (e->opt->check_circular && marker_push(e, d) < 0) return -1;
    if (!out_addc(&e->out, '{')) return -1;
    bool indent = e->opt->has_indent;
    if (indent) {
        e->level++;
        if (!newline_indent(e)) return -1;
    }
    bool first = true;
    if (e->opt->sort_keys || !val_is_type_exact(d, &Dict_Type)) {
        Value items = dict_item_list(d, e->opt->sort_keys);
        if (!items || encode_members_from_items(e, items, &first) < 0) return -1;
    } else {
        size_t pos = 0;
        Value k, v;
        while (dict_next(d, &pos, &k, &v))
            if (encode_member(e, k, v, &first) < 0) return -1;
    }
    if (indent) {
        e->level--;
        if (!newline_indent(e)) return -1;
    }
    if (!out_addc(&e->out, '}')) return -1;
    if (e->opt->check_circular) marker_pop(e);
    return 0;
}

/* Anything else: default(obj) is encoded in its place (JSONEncoder.default
 * raises the TypeError when no default= was given). */
static int encode_other(Encoder *e, Value v) {
    if (e->opt->check_circular && marker_push(e, v) < 0) return -1;
    Value replacement;
    if (e->opt->default_fn) {
        replacement = obj_call1(e->opt->default_fn, v);
        if (!replacement) return -1;
    } else {
        return err_format_int(&Exc_TypeError, "Object of type %s is not JSON serializable",
                              val_type_name(v));
    }
    if (json_enter_nesting(" while encoding a JSON object") < 0) return -1;
    int rc = encode_value(e, replacement);
    json_leave_nesting();
    if (rc < 0) return -1;
    if (e->opt->check_circular) marker_pop(e);
    return 0;
}

static int encode_nested(Encoder *e, Value v, bool array) {
    if (json_enter_nesting(" while encoding a JSON object") < 0) return -1;
    int rc = array ? encode_array(e, v) : encode_object(e, v);
    json_leave_nesting();
    return rc;
}

static int encode_value(Encoder *e, Value v) {
    Out *o = &e->out;
    if (val_is_smallint(v)) return encode_smallint(e, val_as_smallint(v)) ? 0 : -1;
    if (val_is_double(v)) return encode_float(e, v) ? 0 : -1;
    if (v == VAL_NONE) return OUT_LIT(o, "null") ? 0 : -1;
    if (v == VAL_TRUE) return OUT_LIT(o, "true") ? 0 : -1;
    if (v == VAL_FALSE) return OUT_LIT(o, "false") ? 0 : -1;
    Type *t = TYPE(v);
    if (t == &Str_Type) return encode_string_data(e, str_data(v), str_size(v)) ? 0 : -1;
    if (t == &List_Type || t == &Tuple_Type) return encode_nested(e, v, true);
    if (t == &Dict_Type) return encode_nested(e, v, false);
    /* subclasses, in CPython's order */
    if (val_is_str(v)) return encode_string_data(e, str_data(v), str_size(v)) ? 0 : -1;
    if (val_is_int(v)) return encode_int(e, v) ? 0 : -1;
    if (val_is_float(v)) return encode_float(e, v) ? 0 : -1;
    if (val_is_list(v) || val_is_tuple(v)) return encode_nested(e, v, true);
    if (val_is_dict(v)) return encode_nested(e, v, false);
    return encode_other(e, v);
}

Value json_encode(Value obj, const JsonEncodeOptions *opts) {
    escape_tables_init();
    char initial[1024];
    Encoder e = {.opt = opts, .out = {.data = initial, .cap = sizeof initial}};
    e.markers = e.inline_markers;
    e.markers_cap = sizeof e.inline_markers / sizeof e.inline_markers[0];
    if (encode_value(&e, obj) < 0) return VAL_NULL;
    return str_new(e.out.data, e.out.len);
}
