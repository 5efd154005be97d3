/* str.c — the core of str: construction, the intern table, hashing,
 * equality, concatenation, repr, code-point access, the type's slots and
 * strings_init. Methods live in str_methods.c (with the Type itself).
 *
 * Strings are UTF-8. Exact strs are allocated atomic (their only pointer is
 * to the static Str_Type, which the collector need not follow). */
#define _GNU_SOURCE
#include "str.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../vm/error.h"
#include "format.h"
#include "function.h"
#include "int.h"
#include "list.h"
#include "bytes.h"
#include "slice.h"
#include "tuple.h"
#include "unicode.h"

#define DEFINE_NAME(n) Value name_##n;
COMMON_NAMES(DEFINE_NAME)
#undef DEFINE_NAME

/* ---- allocation ---- */

/* Largest text we agree to build; beyond it MemoryError without trying
 * (the collector would otherwise attempt absurd heap growth). */
#define STR_MAX_BYTES ((size_t)1 << 36)

bool str_check_size(size_t a, size_t times) {
    if (times != 0 && a > STR_MAX_BYTES / times) {
        err_no_memory();
        return false;
    }
    return true;
}

static StrObject *str_alloc(size_t size) {
    if (size > STR_MAX_BYTES) {
        err_no_memory();
        return NULL;
    }
    StrObject *s = (StrObject *)gc_alloc_atomic(sizeof(StrObject) + size + 1);
    if (!s) {
        err_no_memory();
        return NULL;
    }
    s->base.type = &Str_Type;
    s->hash = -1;
    s->size = size;
    s->interned = false;
    s->data[size] = '\0';
    return s;
}

static Value empty_str;
static Value *char_cache; /* latin-1 single-character strs, a GC root */

Value str_empty(void) {
    if (!empty_str) {
        StrObject *s = str_alloc(0);
        if (!s) return VAL_NULL;
        s->length = 0;
        s->ascii = true;
        empty_str = str_intern(val_from_ptr(s));
    }
    return empty_str;
}

Value str_new_known(const char *utf8, size_t size, size_t length, bool ascii) {
    StrObject *s = str_alloc(size);
    if (!s) return VAL_NULL;
    memcpy(s->data, utf8, size);
    s->length = length;
    s->ascii = ascii;
    return val_from_ptr(s);
}

Value str_char(uint32_t cp) {
    if (cp < 256) {
        if (!char_cache) {
            char_cache = (Value *)gc_alloc_root(256 * sizeof(Value));
            if (!char_cache) return err_no_memory();
        }
        if (!char_cache[cp]) {
            char enc[4];
            int n = utf8_encode(cp, enc);
            Value s = str_new_known(enc, n, 1, cp < 0x80);
            if (!s) return VAL_NULL;
            char_cache[cp] = str_intern(s);
        }
        return char_cache[cp];
    }
    char enc[4];
    int n = utf8_encode(cp, enc);
    return str_new_known(enc, n, 1, false);
}

Value str_new(const char *utf8, size_t size) {
    if (size == 0) return str_empty();
    if (size == 1 && (unsigned char)utf8[0] < 0x80) return str_char((unsigned char)utf8[0]);
    bool ascii;
    size_t length = utf8_count(utf8, size, &ascii);
    return str_new_known(utf8, size, length, ascii);
}

Value str_from_cstr(const char *s) { return str_new(s, strlen(s)); }

Value str_from_codepoint(uint32_t cp) { return str_char(cp); }

Value str_subtype_copy(Type *type, Value s) {
    size_t size = str_size(s);
    StrObject *o = (StrObject *)obj_alloc_var(type, sizeof(StrObject) + size + 1);
    if (!o) return err_no_memory();
    o->hash = -1;
    o->size = size;
    o->length = str_length(s);
    o->ascii = STR(s)->ascii;
    memcpy(o->data, str_data(s), size);
    o->data[size] = '\0';
    return val_from_ptr(o);
}

Value str_decode_utf8(const char *bytes, size_t size) {
    const char *reason;
    size_t badlen;
    size_t bad = utf8_validate(bytes, size, &reason, &badlen);
    if (bad < size) return codec_decode(bytes, size, "utf-8", "strict");
    return str_new(bytes, size);
}

/* ---- hashing and interning ---- */

int64_t str_hash(Value s) {
    StrObject *o = STR(s);
    if (o->hash != -1) return o->hash;
    o->hash = hash_text_like_cpython(o->data, o->size, o->length, o->ascii);
    return o->hash;
}

bool str_eq(Value a, Value b) {
    if (a == b) return true;
    StrObject *x = STR(a), *y = STR(b);
    if (x->size != y->size) return false;
    if (x->interned && y->interned) return false;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash) return false;
    return memcmp(x->data, y->data, x->size) == 0;
}

/* Open addressing (linear probing) over a GC-root array: it cannot be a
 * dict because strings_init runs before any dict works. */
static Value *intern_slots;
static size_t intern_cap, intern_count;

static bool intern_grow(void) {
    size_t cap = intern_cap ? intern_cap * 2 : 1024;
    Value *slots = (Value *)gc_alloc_root(cap * sizeof(Value));
    if (!slots) return false;
    for (size_t i = 0; i < intern_cap; i++) {
        Value s = intern_slots[i];
        if (!s) continue;
        size_t j = (size_t)str_hash(s) & (cap - 1);
        while (slots[j]) j = (j + 1) & (cap - 1);
        slots[j] = s;
    }
    if (intern_slots) gc_free_root(intern_slots);
    intern_slots = slots;
    intern_cap = cap;
    return true;
}

Value str_intern(Value s) {
    if (STR(s)->interned) return s;
    if (!val_is_str_exact(s)) {
        s = str_new_known(str_data(s), str_size(s), str_length(s), STR(s)->ascii);
        if (!s) return VAL_NULL;
    }
    if ((intern_count + 1) * 2 > intern_cap && !intern_grow()) return err_no_memory();
    size_t mask = intern_cap - 1;
    size_t j = (size_t)str_hash(s) & mask;
    while (intern_slots[j]) {
        Value t = intern_slots[j];
        if (STR(t)->hash == STR(s)->hash && STR(t)->size == STR(s)->size &&
            memcmp(str_data(t), str_data(s), str_size(s)) == 0)
            return t;
        j = (j + 1) & mask;
    }
    intern_slots[j] = s;
    intern_count++;
    STR(s)->interned = true;
    return s;
}

Value str_intern_cstr(const char *cs) {
    Value s = str_from_cstr(cs);
    if (!s) return VAL_NULL;
    return str_intern(s);
}

/* ---- code-point access ---- */

/* One remembered (string, index, byte offset) triple makes sequential
 * indexing of non-ASCII text (for i in range(len(s)): s[i]) linear. */
static struct {
    StrObject *str;
    size_t index, offset;
} offset_cache;

size_t str_byte_offset(Value s, size_t index) {
    StrObject *o = STR(s);
    if (o->ascii) return index;
    if (index >= o->length) return o->size;
    const char *d = o->data;
    /* start from whichever known position is nearest: the start, the end
     * or the cached one (walking either way) */
    size_t at = 0, off = 0, best = index;
    if (o->length - index < best) {
        at = o->length;
        off = o->size;
        best = o->length - index;
    }
    if (offset_cache.str == o) {
        size_t ci = offset_cache.index;
        size_t dist = ci > index ? ci - index : index - ci;
        if (dist < best) {
            at = ci;
            off = offset_cache.offset;
        }
    }
    while (at < index) {
        off++;
        while (off < o->size && utf8_is_cont((unsigned char)d[off])) off++;
        at++;
    }
    while (at > index) {
        off--;
        while (utf8_is_cont((unsigned char)d[off])) off--;
        at--;
    }
    offset_cache.str = o;
    offset_cache.index = index;
    offset_cache.offset = off;
    return off;
}

uint32_t str_codepoint_at(Value s, size_t i) {
    if (STR(s)->ascii) return (unsigned char)str_data(s)[i];
    const char *p = str_data(s) + str_byte_offset(s, i);
    return utf8_next(&p);
}

Value str_substr(Value s, size_t start, size_t stop) {
    if (start >= stop) return str_empty();
    if (start == 0 && stop >= str_length(s) && val_is_str_exact(s)) return s;
    size_t b0 = str_byte_offset(s, start);
    size_t b1 = str_byte_offset(s, stop);
    if (stop - start == 1) {
        const char *p = str_data(s) + b0;
        return str_char(utf8_next(&p));
    }
    return str_new_known(str_data(s) + b0, b1 - b0, stop - start, STR(s)->ascii);
}

/* ---- concatenation ---- */

Value str_concat(Value a, Value b) {
    size_t na = str_size(a), nb = str_size(b);
    if (nb == 0 && val_is_str_exact(a)) return a;
    if (na == 0 && val_is_str_exact(b)) return b;
    if (na + nb > STR_MAX_BYTES) return err_no_memory();
    StrObject *s = str_alloc(na + nb);
    if (!s) return VAL_NULL;
    memcpy(s->data, str_data(a), na);
    memcpy(s->data + na, str_data(b), nb);
    s->length = str_length(a) + str_length(b);
    s->ascii = STR(a)->ascii && STR(b)->ascii;
    return val_from_ptr(s);
}

/* ---- repr ---- */

static bool repr_escape(Buf *b, uint32_t cp, uint32_t quote) {
    switch (cp) {
    case '\\': return buf_add(b, "\\\\", 2);
    case '\n': return buf_add(b, "\\n", 2);
    case '\r': return buf_add(b, "\\r", 2);
    case '\t': return buf_add(b, "\\t", 2);
    }
    if (cp == quote) {
        buf_addc(b, '\\');
        return buf_addc(b, (char)cp);
    }
    if (uni_isprintable(cp)) return buf_add_cp(b, cp);
    if (cp < 0x100) return buf_printf(b, "\\x%02x", cp);
    if (cp < 0x10000) return buf_printf(b, "\\u%04x", cp);
    return buf_printf(b, "\\U%08x", cp);
}

Value str_repr(Value s) {
    const char *p = str_data(s), *end = p + str_size(s);
    bool has_single = memchr(p, '\'', str_size(s)) != NULL;
    bool has_double = memchr(p, '"', str_size(s)) != NULL;
    uint32_t quote = (has_single && !has_double) ? '"' : '\'';
    Buf b;
    buf_init(&b);
    buf_addc(&b, (char)quote);
    while (p < end) {
        /* copy runs of plain printable ASCII at once */
        const char *run = p;
        while (p < end && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F &&
               *p != '\\' && (unsigned char)*p != quote)
            p++;
        if (p > run) buf_add(&b, run, p - run);
        if (p >= end) break;
        if (!repr_escape(&b, utf8_next(&p), quote)) return VAL_NULL;
    }
    buf_addc(&b, (char)quote);
    return buf_to_str(&b);
}

/* ---- join ---- */

Value str_join(Value sep, Value iterable) {
    Value items;
    if (val_is_tuple(iterable) || val_is_list(iterable)) {
        items = iterable;
    } else {
        Value it = obj_iter(iterable);
        if (!it) {
            if (err_matches(&Exc_TypeError)) {
                err_clear();
                return err_format(&Exc_TypeError, "can only join an iterable");
            }
            return VAL_NULL;
        }
        items = tuple_from_iterable(it);
        if (!items) return VAL_NULL;
    }
    size_t n;
    Value *vals;
    if (val_is_tuple(items)) {
        n = tuple_size(items);
        vals = tuple_items(items);
    } else {
        n = list_size(items);
        vals = list_items(items);
    }
    if (n == 1 && val_is_str_exact(vals[0])) return vals[0];
    size_t total = 0, length = 0;
    bool ascii = STR(sep)->ascii;
    for (size_t i = 0; i < n; i++) {
        if (!val_is_str(vals[i]))
            return err_format(&Exc_TypeError, "sequence item %zu: expected str instance, %s found",
                              i, val_type_name(vals[i]));
        total += str_size(vals[i]);
        length += str_length(vals[i]);
        ascii = ascii && STR(vals[i])->ascii;
    }
    if (n > 1) {
        if (!str_check_size(str_size(sep), n - 1)) return VAL_NULL;
        total += str_size(sep) * (n - 1);
        length += str_length(sep) * (n - 1);
    }
    StrObject *r = str_alloc(total);
    if (!r) return VAL_NULL;
    char *o = r->data;
    for (size_t i = 0; i < n; i++) {
        /* re-read size: a list could not have changed (no Python code ran) */
        if (i > 0) {
            memcpy(o, str_data(sep), str_size(sep));
            o += str_size(sep);
        }
        memcpy(o, str_data(vals[i]), str_size(vals[i]));
        o += str_size(vals[i]);
    }
    r->length = length;
    r->ascii = ascii;
    return val_from_ptr(r);
}

/* ---- str_format_c ---- */

static bool format_value(Buf *b, char conv, Value v) {
    Value s;
    if (!v) return buf_adds(b, "<NULL>");
    if (conv == 'T') return buf_adds(b, val_type_name(v));
    if (conv == 'R') s = obj_repr(v);
    else if (conv == 'U' && val_is_str(v)) s = v;
    else s = obj_str(v);
    if (!s) return false;
    return buf_add(b, str_data(s), str_size(s));
}

/* Handle one C conversion with snprintf; spec holds "%...conv". */
static bool format_c_arg(Buf *b, const char *spec, const char *len, char conv, va_list *ap) {
    switch (conv) {
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
        if (!strcmp(len, "ll")) return buf_printf(b, spec, va_arg(*ap, long long));
        if (!strcmp(len, "l")) return buf_printf(b, spec, va_arg(*ap, long));
        if (!strcmp(len, "z")) return buf_printf(b, spec, va_arg(*ap, size_t));
        return buf_printf(b, spec, va_arg(*ap, int));
    case 'c': return buf_add_cp(b, (uint32_t)va_arg(*ap, int));
    case 'p': return buf_printf(b, "%p", va_arg(*ap, void *));
    case 'f': case 'g': case 'e': return buf_printf(b, spec, va_arg(*ap, double));
    case 's': {
        const char *s = va_arg(*ap, const char *);
        return buf_printf(b, spec, s ? s : "(null)");
    }
    }
    return buf_adds(b, spec);
}

Value str_format_c(const char *fmt, ...) {
    Buf b;
    buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            buf_adds(&b, p);
            break;
        }
        buf_add(&b, p, pct - p);
        p = pct + 1;
        if (*p == '%') {
            buf_addc(&b, '%');
            p++;
            continue;
        }
        /* flags, width, precision (".*" takes an int), length modifier */
        char spec[32], len[3] = "";
        size_t k = 0;
        spec[k++] = '%';
        int star_prec = -1;
        while (*p && strchr("-+ #0123456789.", *p) && k < 20) {
            if (*p == '.' && p[1] == '*') {
                star_prec = va_arg(ap, int);
                k += (size_t)snprintf(spec + k, sizeof spec - k, ".%d", star_prec);
                p += 2;
                continue;
            }
            spec[k++] = *p++;
        }
        while (*p == 'l' || *p == 'z' || *p == 'h') {
            size_t l = strlen(len);
            if (l < 2) len[l] = *p, len[l + 1] = '\0';
            p++;
        }
        char conv = *p ? *p++ : '%';
        if (conv == 'R' || conv == 'S' || conv == 'T' || conv == 'U') {
            if (!format_value(&b, conv, va_arg(ap, Value))) {
                va_end(ap);
                return VAL_NULL;
            }
            continue;
        }
        for (const char *l = len; *l; l++) spec[k++] = *l;
        spec[k++] = conv;
        spec[k] = '\0';
        if (!format_c_arg(&b, spec, len, conv, &ap)) break;
    }
    va_end(ap);
    return buf_to_str(&b);
}

/* ---- type slots ---- */

Value str_tp_repr(Value self) { return str_repr(self); }

Value str_tp_str(Value self) {
    if (val_is_str_exact(self)) return self;
    return str_new_known(str_data(self), str_size(self), str_length(self), STR(self)->ascii);
}

int str_tp_hash(Value self, int64_t *out) {
    *out = str_hash(self);
    return 0;
}

Value str_tp_richcompare(Value a, Value b, int op) {
    if (!val_is_str(a) || !val_is_str(b)) return VAL_NOTIMPL;
    if (op == CMP_EQ) return val_bool(str_eq(a, b));
    if (op == CMP_NE) return val_bool(!str_eq(a, b));
    size_t na = str_size(a), nb = str_size(b);
    int c = memcmp(str_data(a), str_data(b), na < nb ? na : nb);
    if (c == 0) c = na < nb ? -1 : na > nb ? 1 : 0;
    switch (op) {
    case CMP_LT: return val_bool(c < 0);
    case CMP_LE: return val_bool(c <= 0);
    case CMP_GT: return val_bool(c > 0);
    default: return val_bool(c >= 0);
    }
}

int64_t str_tp_length(Value self) { return (int64_t)str_length(self); }

int str_tp_contains(Value self, Value item) {
    if (!val_is_str(item))
        return err_format_int(&Exc_TypeError, "'in <string>' requires string as left operand, not %s",
                              val_type_name(item));
    if (str_size(item) == 0) return 1;
    return memmem(str_data(self), str_size(self), str_data(item), str_size(item)) != NULL;
}

static Value str_slice(Value s, Value slice) {
    int64_t start, stop, step;
    if (slice_unpack(slice, &start, &stop, &step) < 0) return VAL_NULL;
    int64_t n = slice_adjust((int64_t)str_length(s), &start, &stop, step);
    if (n <= 0) return str_empty();
    if (step == 1) return str_substr(s, (size_t)start, (size_t)start + n);
    Buf b;
    buf_init(&b);
    if (STR(s)->ascii) {
        if (!buf_reserve(&b, n)) return VAL_NULL;
        for (int64_t i = 0, j = start; i < n; i++, j += step) b.data[b.len++] = str_data(s)[j];
        return str_new_known(b.data, b.len, n, true);
    }
    for (int64_t i = 0, j = start; i < n; i++, j += step)
        if (!buf_add_cp(&b, str_codepoint_at(s, (size_t)j))) return VAL_NULL;
    return buf_to_str(&b);
}

Value str_tp_subscript(Value self, Value key) {
    if (val_is_type_exact(key, &Slice_Type)) return str_slice(self, key);
    if (!val_is_int(key) && !val_type(key)->nb_index)
        return err_format(&Exc_TypeError, "string indices must be integers, not '%s'",
                          val_type_name(key));
    int64_t i;
    if (obj_index_i64(key, &i) < 0) {
        if (err_matches(&Exc_OverflowError)) {
            err_clear();
            return err_format(&Exc_IndexError, "cannot fit 'int' into an index-sized integer");
        }
        return VAL_NULL;
    }
    int64_t len = (int64_t)str_length(self);
    if (i < 0) i += len;
    if (i < 0 || i >= len) return err_format(&Exc_IndexError, "string index out of range");
    return str_char(str_codepoint_at(self, (size_t)i));
}

/* A heap class (defined in Python) may implement the reflected operator:
 * let the abstract protocol try it instead of raising here. */
static bool other_may_reflect(Value other, int nb) {
    Type *t = val_type(other);
    return (t->flags & TPFLAG_HEAPTYPE) && t->nb_binary[nb] != NULL;
}

Value str_nb_add(Value a, Value b) {
    if (val_is_str(a) && val_is_str(b)) return str_concat(a, b);
    if (!val_is_str(a)) return VAL_NOTIMPL;
    if (other_may_reflect(b, NB_ADD)) return VAL_NOTIMPL;
    return err_format(&Exc_TypeError, "can only concatenate str (not \"%s\") to str",
                      val_type_name(b));
}

static Value str_repeat(Value s, int64_t n) {
    if (n <= 0 || str_size(s) == 0) return str_empty();
    if (n == 1 && val_is_str_exact(s)) return s;
    size_t size = str_size(s);
    if ((uint64_t)n > STR_MAX_BYTES || !str_check_size(size, (size_t)n)) return err_no_memory();
    StrObject *r = str_alloc(size * (size_t)n);
    if (!r) return VAL_NULL;
    if (size == 1) {
        memset(r->data, str_data(s)[0], (size_t)n);
    } else {
        memcpy(r->data, str_data(s), size);
        size_t done = size, total = size * (size_t)n;
        while (done < total) { /* double the filled prefix each round */
            size_t chunk = done < total - done ? done : total - done;
            memcpy(r->data + done, r->data, chunk);
            done += chunk;
        }
    }
    r->length = str_length(s) * (size_t)n;
    r->ascii = STR(s)->ascii;
    return val_from_ptr(r);
}

/* Sequence repetition shared in spirit with bytes: count must be an index. */
Value str_nb_multiply(Value a, Value b) {
    Value s = val_is_str(a) ? a : b;
    Value count = val_is_str(a) ? b : a;
    if (!val_is_str(s)) return VAL_NOTIMPL;
    if (!val_is_int(count) && !val_type(count)->nb_index) {
        if (other_may_reflect(count, NB_MULTIPLY)) return VAL_NOTIMPL;
        return err_format(&Exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                          val_type_name(count));
    }
    int64_t n;
    if (obj_index_i64(count, &n) < 0) return VAL_NULL;
    return str_repeat(s, n);
}

Value str_nb_remainder(Value a, Value b) {
    if (!val_is_str(a)) return VAL_NOTIMPL;
    /* a str subclass on the right with its own __rmod__ goes first */
    if (val_type(b) != val_type(a) && other_may_reflect(b, NB_REMAINDER) &&
        type_is_subtype(val_type(b), &Str_Type))
        return VAL_NOTIMPL;
    return str_percent_format(a, b);
}

/* ---- iteration ---- */

typedef struct StrIterObject {
    Object base;
    Value str;
    size_t offset;
} StrIterObject;

static Value striter_next(Value self) {
    StrIterObject *it = (StrIterObject *)val_as_ptr(self);
    if (!it->str) return VAL_NULL;
    if (it->offset >= str_size(it->str)) {
        it->str = VAL_NULL;
        return VAL_NULL;
    }
    const char *p = str_data(it->str) + it->offset;
    const char *start = p;
    uint32_t cp = utf8_next(&p);
    it->offset += (size_t)(p - start);
    return str_char(cp);
}

static Value striter_self(Value self) { return self; }

static Value striter_length_hint(Value *args, size_t nargs, Value kwnames) {
    StrIterObject *it = (StrIterObject *)val_as_ptr(args[0]);
    if (!it->str) return val_from_smallint(0);
    size_t rest = utf8_count(str_data(it->str) + it->offset, str_size(it->str) - it->offset, NULL);
    return int_from_i64((int64_t)rest);
}

static const MethodDef striter_methods[] = {
    {"__length_hint__", striter_length_hint, METH_DEFAULT, NULL},
    {NULL},
};

/* CPython names the iterator of an all-ASCII str differently; the two
 * types share everything else. */
Type StrIter_Type = {
    .base = {&Type_Type},
    .name = "str_iterator",
    .basicsize = sizeof(StrIterObject),
    .tp_iter = striter_self,
    .tp_iternext = striter_next,
    .methods = striter_methods,
};

Type StrAsciiIter_Type = {
    .base = {&Type_Type},
    .name = "str_ascii_iterator",
    .basicsize = sizeof(StrIterObject),
    .tp_iter = striter_self,
    .tp_iternext = striter_next,
    .methods = striter_methods,
};

Value str_iter(Value s) {
    static bool ready;
    if (!ready) {
        if (type_ready(&StrIter_Type) < 0 || type_ready(&StrAsciiIter_Type) < 0) return VAL_NULL;
        ready = true;
    }
    Type *t = STR(s)->ascii ? &StrAsciiIter_Type : &StrIter_Type;
    StrIterObject *it = (StrIterObject *)obj_alloc(t, sizeof(StrIterObject));
    if (!it) return err_no_memory();
    it->str = s;
    it->offset = 0;
    return val_from_ptr(it);
}

Value str_tp_iter(Value self) { return str_iter(self); }

/* ---- construction: str(object='', encoding='utf-8', errors='strict') ---- */

static const char *cstr_arg(Value v, const char *fname, const char *argname, bool *bad) {
    if (!v) return NULL;
    if (!val_is_str(v)) {
        err_format(&Exc_TypeError, "%s() argument '%s' must be str, not %s", fname, argname,
                   val_type_name(v));
        *bad = true;
        return NULL;
    }
    return str_data(v);
}

Value str_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"object", "encoding", "errors", NULL};
    Value argv[3];
    if (kwnames == VAL_NULL && nargs > 3)
        return err_format(&Exc_TypeError, "str expected at most 3 arguments, got %zu", nargs);
    if (args_parse("str", args, nargs, kwnames, names, 0, 0, argv) < 0) return VAL_NULL;
    Value result;
    if (!argv[1] && !argv[2]) {
        result = argv[0] ? obj_str(argv[0]) : str_empty();
    } else {
        bool bad = false;
        const char *enc = cstr_arg(argv[1], "str", "encoding", &bad);
        const char *errs = cstr_arg(argv[2], "str", "errors", &bad);
        if (bad) return VAL_NULL;
        const char *data;
        size_t size;
        Value obj = argv[0] ? argv[0] : bytes_new("", 0);
        if (!bytes_view(obj, &data, &size))
            return err_format(&Exc_TypeError, "decoding to str: need a bytes-like object, %s found",
                              val_type_name(obj));
        result = codec_decode(data, size, enc ? enc : "utf-8", errs ? errs : "strict");
    }
    if (!result || type == &Str_Type) return result;
    return str_subtype_copy(type, result);
}

/* ---- init ---- */

void strings_init(void) {
    /* towupper & co. (unicode.c) need a Unicode-aware LC_CTYPE; without
     * one, non-ASCII case mapping and isalpha degrade to "unchanged"/false. */
    if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "C.utf8"))
        setlocale(LC_CTYPE, "en_US.UTF-8");
#define INTERN_NAME(n) name_##n = str_intern_cstr(#n);
    COMMON_NAMES(INTERN_NAME)
#undef INTERN_NAME
    str_empty();
    for (uint32_t c = 0; c < 128; c++) str_char(c);
}
