/* bytes.c — immutable bytes: construction, repr, hashing, the slots bytes
 * shares with bytearray (compare, contains, subscript, iterate, concat,
 * repeat), the methods both types share (BYTES_SHARED_METHODS, format.h;
 * one C body each, reading self through bytes_view) and Bytes_Type. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "../vm/error.h"
#include "bytes.h"
#include "format.h"
#include "function.h"
#include "int.h"
#include "list.h"
#include "slice.h"
#include "str.h"
#include "tuple.h"
#include "unicode.h"

static bool is_bytearray(Value v) {
    return val_is_ptr(v) && type_is_subtype(TYPE(v), &ByteArray_Type);
}
static bool is_bytes(Value v) {
    return val_is_ptr(v) && (TYPE(v) == &Bytes_Type || (TYPE(v)->flags & TPFLAG_BYTES_SUBCLASS));
}

/* ---- construction ---- */

static Value empty_bytes;

static BytesObject *bytes_alloc(Type *type, size_t size) {
    if (size > ((size_t)1 << 36)) {
        err_no_memory();
        return NULL;
    }
    BytesObject *b;
    if (type == &Bytes_Type) {
        b = (BytesObject *)gc_alloc_atomic(sizeof(BytesObject) + size + 1);
        if (b) b->base.type = type;
    } else {
        b = (BytesObject *)obj_alloc_var(type, sizeof(BytesObject) + size + 1);
    }
    if (!b) {
        err_no_memory();
        return NULL;
    }
    b->hash = -1;
    b->size = size;
    b->data[size] = '\0';
    return b;
}

Value bytes_new(const char *data, size_t size) {
    if (size == 0 && empty_bytes) return empty_bytes;
    BytesObject *b = bytes_alloc(&Bytes_Type, size);
    if (!b) return VAL_NULL;
    if (size) memcpy(b->data, data, size);
    if (size == 0) {
        /* the empty bytes is a singleton, as in CPython; keep it rooted */
        static Value *root;
        if (!root && (root = (Value *)gc_alloc_root(sizeof(Value)))) *root = val_from_ptr(b);
        empty_bytes = val_from_ptr(b);
    }
    return val_from_ptr(b);
}

bool bytes_view(Value v, const char **data, size_t *size) {
    if (is_bytes(v)) {
        *data = BYTES(v)->data;
        *size = BYTES(v)->size;
        return true;
    }
    if (is_bytearray(v)) {
        *data = BYTEARRAY(v)->data ? BYTEARRAY(v)->data : "";
        *size = BYTEARRAY(v)->size;
        return true;
    }
    return false;
}

int bytes_byte_arg(Value v, const char *range_msg, int *out) {
    if (!val_is_int(v) && !val_type(v)->nb_index)
        return err_format_int(&Exc_TypeError, "'%s' object cannot be interpreted as an integer",
                              val_type_name(v));
    int64_t i;
    if (obj_index_i64(v, &i) < 0) {
        if (!err_matches(&Exc_OverflowError)) return -1;
        err_clear();
        i = -1;
    }
    if (i < 0 || i > 255) return err_format_int(&Exc_ValueError, "%s", range_msg);
    *out = (int)i;
    return 0;
}

bool bytes_fill_from(Buf *b, Value src) {
    const char *data;
    size_t size;
    if (bytes_view(src, &data, &size)) return buf_add(b, data, size);
    if (val_is_str(src)) {
        err_format(&Exc_TypeError, "string argument without an encoding");
        return false;
    }
    Value meth = val_is_ptr(src) ? type_lookup(val_type(src), name___bytes__) : VAL_NULL;
    if (meth) {
        Value r = obj_call_method(src, "__bytes__", NULL, 0);
        if (!r) return false;
        if (!bytes_view(r, &data, &size) || is_bytearray(r)) {
            err_format(&Exc_TypeError, "__bytes__ returned non-bytes (type %s)", val_type_name(r));
            return false;
        }
        return buf_add(b, data, size);
    }
    if (val_is_int(src) || val_type(src)->nb_index) {
        int64_t n;
        if (obj_index_i64(src, &n) < 0) return false;
        if (n < 0) {
            err_format(&Exc_ValueError, "negative count");
            return false;
        }
        if (!str_check_size((size_t)n, 1)) return false;
        return buf_fill(b, 0, (size_t)n);
    }
    Value it = obj_iter(src);
    if (!it) {
        if (err_matches(&Exc_TypeError)) {
            err_clear();
            err_format(&Exc_TypeError, "cannot convert '%s' object to bytes", val_type_name(src));
        }
        return false;
    }
    Value item;
    while ((item = obj_next(it)) != VAL_NULL) {
        int byte;
        if (bytes_byte_arg(item, "bytes must be in range(0, 256)", &byte) < 0) return false;
        if (!buf_addc(b, (char)byte)) return false;
    }
    return !err_occurred();
}

static Value bytes_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"source", "encoding", "errors", NULL};
    Value a[3];
    if (args_parse("bytes", args, nargs, kwnames, names, 0, 0, a) < 0) return VAL_NULL;
    for (int i = 1; i < 3; i++)
        if (a[i] && !val_is_str(a[i]))
            return err_format(&Exc_TypeError, "bytes() argument '%s' must be str, not %s",
                              names[i], val_type_name(a[i]));
    Value result;
    if (a[1] || a[2]) {
        if (!a[0] || !val_is_str(a[0]))
            return err_format(&Exc_TypeError, a[1] ? "encoding without a string argument"
                                                   : "errors without a string argument");
        if (!a[1]) return err_format(&Exc_TypeError, "string argument without an encoding");
        result = codec_encode(a[0], str_data(a[1]), a[2] ? str_data(a[2]) : "strict");
    } else if (!a[0]) {
        result = bytes_new("", 0);
    } else if (val_is_type_exact(a[0], &Bytes_Type) && type == &Bytes_Type) {
        return a[0];
    } else {
        Buf b;
        buf_init(&b);
        if (!bytes_fill_from(&b, a[0])) return VAL_NULL;
        result = buf_to_bytes(&b);
    }
    if (!result || type == &Bytes_Type) return result;
    BytesObject *sub = bytes_alloc(type, BYTES(result)->size);
    if (!sub) return VAL_NULL;
    memcpy(sub->data, BYTES(result)->data, sub->size);
    return val_from_ptr(sub);
}

/* ---- repr ---- */

Value bytes_repr_raw(const char *data, size_t size, const char *prefix, const char *suffix) {
    bool has_single = memchr(data, '\'', size) != NULL;
    bool has_double = memchr(data, '"', size) != NULL;
    char quote = (has_single && !has_double) ? '"' : '\'';
    Buf b;
    buf_init(&b);
    buf_adds(&b, prefix);
    buf_addc(&b, 'b');
    buf_addc(&b, quote);
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == quote || c == '\\') {
            buf_addc(&b, '\\');
            buf_addc(&b, (char)c);
        } else if (c == '\t') buf_add(&b, "\\t", 2);
        else if (c == '\n') buf_add(&b, "\\n", 2);
        else if (c == '\r') buf_add(&b, "\\r", 2);
        else if (c < 0x20 || c >= 0x7F) buf_printf(&b, "\\x%02x", c);
        else buf_addc(&b, (char)c);
    }
    buf_addc(&b, quote);
    buf_adds(&b, suffix);
    return buf_to_str(&b);
}

Value bytes_repr(Value b) { return bytes_repr_raw(BYTES(b)->data, BYTES(b)->size, "", ""); }

static Value bytes_tp_repr(Value self) { return bytes_repr(self); }

/* ---- hashing and comparison ---- */

static int bytes_tp_hash(Value self, int64_t *out) {
    BytesObject *b = BYTES(self);
    if (b->hash == -1) b->hash = hash_bytes_like_cpython(b->data, b->size);
    *out = b->hash;
    return 0;
}

Value bytes_common_compare(Value a, Value b, int op) {
    const char *da, *db;
    size_t na, nb;
    if (!bytes_view(a, &da, &na) || !bytes_view(b, &db, &nb)) return VAL_NOTIMPL;
    if (op == CMP_EQ || op == CMP_NE) {
        bool eq = na == nb && memcmp(da, db, na) == 0;
        return val_bool(op == CMP_EQ ? eq : !eq);
    }
    int c = memcmp(da, db, na < nb ? na : nb);
    if (c == 0) c = na < nb ? -1 : na > nb ? 1 : 0;
    switch (op) {
    case CMP_LT: return val_bool(c < 0);
    case CMP_LE: return val_bool(c <= 0);
    case CMP_GT: return val_bool(c > 0);
    default: return val_bool(c >= 0);
    }
}

/* ---- container protocol ---- */

static int64_t bytes_tp_length(Value self) { return (int64_t)BYTES(self)->size; }

int bytes_common_contains(Value self, Value item) {
    const char *d, *sub;
    size_t n, m;
    bytes_view(self, &d, &n);
    if (val_is_int(item) || (!bytes_view(item, &sub, &m) && val_type(item)->nb_index)) {
        int byte;
        if (bytes_byte_arg(item, "byte must be in range(0, 256)", &byte) < 0) return -1;
        return memchr(d, byte, n) != NULL;
    }
    if (!bytes_view(item, &sub, &m))
        return err_format_int(&Exc_TypeError, "a bytes-like object is required, not '%s'",
                              val_type_name(item));
    if (m == 0) return 1;
    return memmem(d, n, sub, m) != NULL;
}

static Value make_like(Value self, const char *data, size_t size) {
    return is_bytearray(self) ? bytearray_new(data, size) : bytes_new(data, size);
}

Value bytes_common_subscript(Value self, Value key) {
    const char *d;
    size_t n;
    bytes_view(self, &d, &n);
    if (val_is_type_exact(key, &Slice_Type)) {
        int64_t start, stop, step;
        if (slice_unpack(key, &start, &stop, &step) < 0) return VAL_NULL;
        int64_t count = slice_adjust((int64_t)n, &start, &stop, step);
        if (count <= 0) return make_like(self, "", 0);
        if (step == 1) return make_like(self, d + start, (size_t)count);
        Buf b;
        buf_init(&b);
        if (!buf_reserve(&b, (size_t)count)) return VAL_NULL;
        for (int64_t i = 0, j = start; i < count; i++, j += step) b.data[b.len++] = d[j];
        return make_like(self, b.data, b.len);
    }
    if (!val_is_int(key) && !val_type(key)->nb_index)
        return err_format(&Exc_TypeError, "%s indices must be integers or slices, not %s",
                          is_bytearray(self) ? "bytearray" : "byte", val_type_name(key));
    int64_t i;
    if (obj_index_i64(key, &i) < 0) {
        if (!err_matches(&Exc_OverflowError)) return VAL_NULL;
        err_clear();
        return err_format(&Exc_IndexError, "cannot fit 'int' into an index-sized integer");
    }
    if (i < 0) i += (int64_t)n;
    if (i < 0 || i >= (int64_t)n)
        return err_format(&Exc_IndexError, is_bytearray(self) ? "bytearray index out of range"
                                                              : "index out of range");
    return val_from_smallint((unsigned char)d[i]);
}

Value bytes_common_concat(Value a, Value b) {
    const char *da, *db;
    size_t na, nb;
    if (!bytes_view(a, &da, &na)) return VAL_NOTIMPL;
    if (!bytes_view(b, &db, &nb)) {
        Type *t = val_type(b);
        if ((t->flags & TPFLAG_HEAPTYPE) && t->nb_binary[NB_ADD]) return VAL_NOTIMPL;
        return err_format(&Exc_TypeError, "can't concat %s to %s", val_type_name(b),
                          is_bytearray(a) ? "bytearray" : "bytes");
    }
    Buf buf;
    buf_init(&buf);
    if (!buf_reserve(&buf, na + nb)) return VAL_NULL;
    buf_add(&buf, da, na);
    buf_add(&buf, db, nb);
    return make_like(a, buf.data, buf.len);
}

Value bytes_common_repeat(Value a, Value b) {
    const char *d;
    size_t n;
    Value self = bytes_view(a, &d, &n) ? a : b;
    Value count = self == a ? b : a;
    if (!bytes_view(self, &d, &n)) return VAL_NOTIMPL;
    if (!val_is_int(count) && !val_type(count)->nb_index) {
        Type *t = val_type(count);
        if ((t->flags & TPFLAG_HEAPTYPE) && t->nb_binary[NB_MULTIPLY]) return VAL_NOTIMPL;
        return err_format(&Exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                          val_type_name(count));
    }
    int64_t times;
    if (obj_index_i64(count, &times) < 0) return VAL_NULL;
    if (times <= 0 || n == 0) return make_like(self, "", 0);
    if ((uint64_t)times > ((uint64_t)1 << 36) || !str_check_size(n, (size_t)times))
        return err_no_memory();
    Buf buf;
    buf_init(&buf);
    if (!buf_reserve(&buf, n * (size_t)times)) return VAL_NULL;
    for (int64_t i = 0; i < times; i++) buf_add(&buf, d, n);
    return make_like(self, buf.data, buf.len);
}

static Value bytes_nb_remainder(Value a, Value b) {
    const char *d;
    size_t n;
    if (!bytes_view(a, &d, &n)) return VAL_NOTIMPL;
    Value r = bytes_percent_format(d, n, b);
    if (!r || !is_bytearray(a)) return r;
    return bytearray_new(BYTES(r)->data, BYTES(r)->size);
}

/* ---- iteration ---- */

typedef struct BytesIterObject {
    Object base;
    Value seq;   /* bytes or bytearray; VAL_NULL once exhausted */
    size_t index;
} BytesIterObject;

static Value bytesiter_next(Value self) {
    BytesIterObject *it = (BytesIterObject *)val_as_ptr(self);
    const char *d = NULL;
    size_t n = 0;
    if (!it->seq) return VAL_NULL;
    bytes_view(it->seq, &d, &n); /* re-read: a bytearray may have changed */
    if (it->index >= n) {
        it->seq = VAL_NULL;
        return VAL_NULL;
    }
    return val_from_smallint((unsigned char)d[it->index++]);
}

static Value bytesiter_self(Value self) { return self; }

static Value bytesiter_length_hint(Value *args, size_t nargs, Value kwnames) {
    BytesIterObject *it = (BytesIterObject *)val_as_ptr(args[0]);
    const char *d;
    size_t n = 0;
    if (it->seq) bytes_view(it->seq, &d, &n);
    return int_from_i64(n > it->index ? (int64_t)(n - it->index) : 0);
}

static const MethodDef bytesiter_methods[] = {
    {"__length_hint__", bytesiter_length_hint, METH_DEFAULT, NULL},
    {NULL},
};

Type BytesIter_Type = {
    .base = {&Type_Type},
    .name = "bytes_iterator",
    .basicsize = sizeof(BytesIterObject),
    .tp_iter = bytesiter_self,
    .tp_iternext = bytesiter_next,
    .methods = bytesiter_methods,
};

Type ByteArrayIter_Type = {
    .base = {&Type_Type},
    .name = "bytearray_iterator",
    .basicsize = sizeof(BytesIterObject),
    .tp_iter = bytesiter_self,
    .tp_iternext = bytesiter_next,
    .methods = bytesiter_methods,
};

Value bytes_common_iter(Value self) {
    static bool ready;
    if (!ready) {
        if (type_ready(&BytesIter_Type) < 0 || type_ready(&ByteArrayIter_Type) < 0)
            return VAL_NULL;
        ready = true;
    }
    Type *t = is_bytearray(self) ? &ByteArrayIter_Type : &BytesIter_Type;
    BytesIterObject *it = (BytesIterObject *)obj_alloc(t, sizeof(BytesIterObject));
    if (!it) return err_no_memory();
    it->seq = self;
    return val_from_ptr(it);
}

/* ---- methods shared by bytes and bytearray ---- */

#define SELF args[0]

static const char *kind_name(Value self) { return is_bytearray(self) ? "bytearray" : "bytes"; }

static bool bm_no_kwargs(Value self, const char *name, Value kwnames) {
    if (kwnames && tuple_size(kwnames) > 0) {
        err_format(&Exc_TypeError, "%s.%s() takes no keyword arguments", kind_name(self), name);
        return false;
    }
    return true;
}

static bool bm_no_args(Value *args, size_t nargs, Value kwnames, const char *name) {
    if (!bm_no_kwargs(SELF, name, kwnames)) return false;
    if (nargs != 1) {
        err_format(&Exc_TypeError, "%s.%s() takes no arguments (%zu given)", kind_name(SELF), name,
                   nargs - 1);
        return false;
    }
    return true;
}

static bool bm_count(const char *name, size_t n, size_t min, size_t max) {
    if (n < min) {
        err_format(&Exc_TypeError, "%s expected at least %zu argument%s, got %zu", name, min,
                   min == 1 ? "" : "s", n);
        return false;
    }
    if (n > max) {
        err_format(&Exc_TypeError, "%s expected at most %zu argument%s, got %zu", name, max,
                   max == 1 ? "" : "s", n);
        return false;
    }
    return true;
}

static bool buffer_arg(Value v, const char **d, size_t *n) {
    if (bytes_view(v, d, n)) return true;
    err_format(&Exc_TypeError, "a bytes-like object is required, not '%s'", val_type_name(v));
    return false;
}

static bool bm_index(Value v, int64_t *out) {
    if (!val_is_int(v) && !val_type(v)->nb_index) {
        err_format(&Exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   val_type_name(v));
        return false;
    }
    return obj_index_i64(v, out) == 0;
}

static bool bm_slice_index(Value v, int64_t *out) {
    if (!v || val_is_none(v)) return true;
    if (!val_is_int(v) && !val_type(v)->nb_index) {
        err_format(&Exc_TypeError,
                   "slice indices must be integers or None or have an __index__ method");
        return false;
    }
    if (obj_index_i64(v, out) < 0) {
        if (!err_matches(&Exc_OverflowError)) return false;
        err_clear();
        *out = obj_richcompare_bool(v, val_from_smallint(0), CMP_LT) == 1 ? INT64_MIN / 2
                                                                          : INT64_MAX / 2;
    }
    return true;
}

static void clamp_range(size_t len, int64_t *start, int64_t *end) {
    if (*end > (int64_t)len) *end = (int64_t)len;
    else if (*end < 0 && (*end += (int64_t)len) < 0) *end = 0;
    if (*start < 0 && (*start += (int64_t)len) < 0) *start = 0;
}

static const char *rsearch(const char *hay, size_t n, const char *needle, size_t m) {
    if (m > n) return NULL;
    for (size_t i = n - m + 1; i-- > 0;)
        if (memcmp(hay + i, needle, m) == 0) return hay + i;
    return NULL;
}

/* find/rfind/index/rindex/count: mode 'f', 'r' or 'c'. -2 on error. */
static int64_t bm_search(const char *name, Value *args, size_t nargs, Value kwnames, char mode) {
    if (!bm_no_kwargs(SELF, name, kwnames) || !bm_count(name, nargs - 1, 1, 3)) return -2;
    const char *d, *sub;
    size_t n, m;
    char byte;
    bytes_view(SELF, &d, &n);
    Value arg = args[1];
    if (!bytes_view(arg, &sub, &m)) {
        if (!val_is_int(arg) && !val_type(arg)->nb_index) {
            err_format(&Exc_TypeError, "argument should be integer or bytes-like object, not '%s'",
                       val_type_name(arg));
            return -2;
        }
        int b;
        if (bytes_byte_arg(arg, "byte must be in range(0, 256)", &b) < 0) return -2;
        byte = (char)b;
        sub = &byte;
        m = 1;
    }
    int64_t start = 0, end = INT64_MAX;
    if (!bm_slice_index(nargs > 2 ? args[2] : VAL_NULL, &start)) return -2;
    if (!bm_slice_index(nargs > 3 ? args[3] : VAL_NULL, &end)) return -2;
    clamp_range(n, &start, &end);
    if (start > (int64_t)n || end < start) return mode == 'c' ? 0 : -1;
    const char *hay = d + start;
    size_t len = (size_t)(end - start);
    if (mode == 'c') {
        if (m == 0) return (int64_t)len + 1;
        int64_t count = 0;
        const char *p = hay, *stop = hay + len;
        while ((p = memmem(p, stop - p, sub, m)) != NULL) count++, p += m;
        return count;
    }
    const char *f = mode == 'f' ? memmem(hay, len, sub, m) : rsearch(hay, len, sub, m);
    if (m == 0) return mode == 'f' ? start : end;
    return f ? (int64_t)(f - d) : -1;
}

Value bytes_m_find(Value *args, size_t nargs, Value kwnames) {
    int64_t r = bm_search("find", args, nargs, kwnames, 'f');
    return r == -2 ? VAL_NULL : int_from_i64(r);
}
Value bytes_m_rfind(Value *args, size_t nargs, Value kwnames) {
    int64_t r = bm_search("rfind", args, nargs, kwnames, 'r');
    return r == -2 ? VAL_NULL : int_from_i64(r);
}
Value bytes_m_index(Value *args, size_t nargs, Value kwnames) {
    int64_t r = bm_search("index", args, nargs, kwnames, 'f');
    if (r == -1) return err_format(&Exc_ValueError, "subsection not found");
    return r == -2 ? VAL_NULL : int_from_i64(r);
}
Value bytes_m_rindex(Value *args, size_t nargs, Value kwnames) {
    int64_t r = bm_search("rindex", args, nargs, kwnames, 'r');
    if (r == -1) return err_format(&Exc_ValueError, "subsection not found");
    return r == -2 ? VAL_NULL : int_from_i64(r);
}
Value bytes_m_count(Value *args, size_t nargs, Value kwnames) {
    int64_t r = bm_search("count", args, nargs, kwnames, 'c');
    return r == -2 ? VAL_NULL : int_from_i64(r);
}

static int bm_affix_match(const char *d, size_t n, Value affix, int64_t start, int64_t end,
                          bool at_end) {
    const char *a;
    size_t m;
    bytes_view(affix, &a, &m);
    clamp_range(n, &start, &end);
    if (start > (int64_t)n || end - start < (int64_t)m) return 0;
    return memcmp(at_end ? d + end - m : d + start, a, m) == 0;
}

static Value bm_affix(const char *name, Value *args, size_t nargs, Value kwnames, bool at_end) {
    if (!bm_no_kwargs(SELF, name, kwnames) || !bm_count(name, nargs - 1, 1, 3)) return VAL_NULL;
    const char *d, *tmp;
    size_t n, tn;
    bytes_view(SELF, &d, &n);
    int64_t start = 0, end = INT64_MAX;
    if (!bm_slice_index(nargs > 2 ? args[2] : VAL_NULL, &start)) return VAL_NULL;
    if (!bm_slice_index(nargs > 3 ? args[3] : VAL_NULL, &end)) return VAL_NULL;
    Value arg = args[1];
    if (val_is_tuple(arg)) {
        for (size_t i = 0; i < tuple_size(arg); i++) {
            Value a = tuple_items(arg)[i];
            if (!bytes_view(a, &tmp, &tn))
                return err_format(&Exc_TypeError, "tuple for %s must only contain bytes, not %s",
                                  name, val_type_name(a));
            if (bm_affix_match(d, n, a, start, end, at_end)) return VAL_TRUE;
        }
        return VAL_FALSE;
    }
    if (!bytes_view(arg, &tmp, &tn))
        return err_format(&Exc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %s",
                          name, val_type_name(arg));
    return val_bool(bm_affix_match(d, n, arg, start, end, at_end));
}
Value bytes_m_startswith(Value *args, size_t nargs, Value kwnames) {
    return bm_affix("startswith", args, nargs, kwnames, false);
}
Value bytes_m_endswith(Value *args, size_t nargs, Value kwnames) {
    return bm_affix("endswith", args, nargs, kwnames, true);
}

/* ---- ASCII case and predicates ---- */

static bool b_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static bool b_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static bool b_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool b_alpha(unsigned char c) { return b_lower(c) || b_upper(c); }
static bool b_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static bool b_alnum(unsigned char c) { return b_alpha(c) || b_digit(c); }

typedef enum { BC_LOWER, BC_UPPER, BC_SWAP, BC_TITLE, BC_CAPITALIZE } BytesCase;

static Value bm_case(Value *args, size_t nargs, Value kwnames, const char *name, BytesCase mode) {
    if (!bm_no_args(args, nargs, kwnames, name)) return VAL_NULL;
    const char *d;
    size_t n;
    bytes_view(SELF, &d, &n);
    Buf b;
    buf_init(&b);
    if (!buf_reserve(&b, n)) return VAL_NULL;
    bool prev_cased = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)d[i];
        bool up;
        switch (mode) {
        case BC_UPPER: up = true; break;
        case BC_SWAP: up = b_lower(c); break;
        case BC_TITLE: up = !prev_cased; break;
        case BC_CAPITALIZE: up = i == 0; break;
        default: up = false;
        }
        prev_cased = b_alpha(c);
        if (up && b_lower(c)) c -= 32;
        else if (!up && b_upper(c)) c += 32;
        b.data[b.len++] = (char)c;
    }
    return make_like(SELF, b.data, b.len);
}

#define BYTES_CASE(n, mode) \
    Value bytes_m_##n(Value *args, size_t nargs, Value kwnames) { \
        return bm_case(args, nargs, kwnames, #n, mode); \
    }
BYTES_CASE(lower, BC_LOWER)
BYTES_CASE(upper, BC_UPPER)
BYTES_CASE(swapcase, BC_SWAP)
BYTES_CASE(title, BC_TITLE)
BYTES_CASE(capitalize, BC_CAPITALIZE)

static Value bm_all(Value *args, size_t nargs, Value kwnames, const char *name,
                    bool (*pred)(unsigned char)) {
    if (!bm_no_args(args, nargs, kwnames, name)) return VAL_NULL;
    const char *d;
    size_t n;
    bytes_view(SELF, &d, &n);
    if (n == 0) return VAL_FALSE;
    for (size_t i = 0; i < n; i++)
        if (!pred((unsigned char)d[i])) return VAL_FALSE;
    return VAL_TRUE;
}

#define BYTES_PRED(n, pred) \
    Value bytes_m_##n(Value *args, size_t nargs, Value kwnames) { \
        return bm_all(args, nargs, kwnames, #n, pred); \
    }
BYTES_PRED(isalnum, b_alnum)
BYTES_PRED(isalpha, b_alpha)
BYTES_PRED(isdigit, b_digit)
BYTES_PRED(isspace, b_space)

Value bytes_m_isascii(Value *args, size_t nargs, Value kwnames) {
    if (!bm_no_args(args, nargs, kwnames, "isascii")) return VAL_NULL;
    const char *d;
    size_t n;
    bytes_view(SELF, &d, &n);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)d[i] >= 0x80) return VAL_FALSE;
    return VAL_TRUE;
}

static Value bm_cased(Value *args, size_t nargs, Value kwnames, const char *name, bool lower) {
    if (!bm_no_args(args, nargs, kwnames, name)) return VAL_NULL;
    const char *d;
    size_t n;
    bytes_view(SELF, &d, &n);
    bool cased = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)d[i];
        if (lower ? b_upper(c) : b_lower(c)) return VAL_FALSE;
        if (lower ? b_lower(c) : b_upper(c)) cased = true;
    }
    return val_bool(cased);
}
Value bytes_m_islower(Value *args, size_t nargs, Value kwnames) {
    return bm_cased(args, nargs, kwnames, "islower", true);
}
Value bytes_m_isupper(Value *args, size_t nargs, Value kwnames) {
    return bm_cased(args, nargs, kwnames, "isupper", false);
}

Value bytes_m_istitle(Value *args, size_t nargs, Value kwnames) {
    if (!bm_no_args(args, nargs, kwnames, "istitle")) return VAL_NULL;
    const char *d;
    size_t n;
    bytes_view(SELF, &d, &n);
    bool cased = false, prev = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)d[i];
        if (b_upper(c)) {
            if (prev) return VAL_FALSE;
            prev = cased = true;
        } else if (b_lower(c)) {
            if (!prev) return VAL_FALSE;
            prev = cased = true;
        } else {
            prev = false;
        }
    }
    return val_bool(cased);
}

/* ---- strip / split / partition ---- */

static Value bm_strip(Value *args, size_t nargs, Value kwnames, const char *name, bool left,
                      bool right) {
    if (!bm_no_kwargs(SELF, name, kwnames) || !bm_count(name, nargs - 1, 0, 1)) return VAL_NULL;
    const char *d, *chars = NULL;
    size_t n, nchars = 0;
    bytes_view(SELF, &d, &n);
    if (nargs > 1 && !val_is_none(args[1]) && !buffer_arg(args[1], &chars, &nchars))
        return VAL_NULL;
    size_t lo = 0, hi = n;
#define STRIPPABLE(c) (chars ? memchr(chars, (c), nchars) != NULL : b_space((unsigned char)(c)))
    if (left)
        while (lo < hi && STRIPPABLE(d[lo])) lo++;
    if (right)
        while (hi > lo && STRIPPABLE(d[hi - 1])) hi--;
#undef STRIPPABLE
    if (lo == 0 && hi == n && val_is_type_exact(SELF, &Bytes_Type)) return SELF;
    return make_like(SELF, d + lo, hi - lo);
}
Value bytes_m_strip(Value *args, size_t nargs, Value kwnames) {
    return bm_strip(args, nargs, kwnames, "strip", true, true);
}
Value bytes_m_lstrip(Value *args, size_t nargs, Value kwnames) {
    return bm_strip(args, nargs, kwnames, "lstrip", true, false);
}
Value bytes_m_rstrip(Value *args, size_t nargs, Value kwnames) {
    return bm_strip(args, nargs, kwnames, "rstrip", false, true);
}

static bool bm_push(Value list, Value self, const char *p, size_t n) {
    Value piece = make_like(self, p, n);
    return piece && list_append(list, piece) == 0;
}

static void reverse_list(Value list) {
    Value *it = list_items(list);
    for (size_t i = 0, j = list_size(list); i + 1 < j; i++, j--) {
        Value t = it[i];
        it[i] = it[j - 1];
        it[j - 1] = t;
    }
}

static Value bm_split(Value *args, size_t nargs, Value kwnames, const char *name, bool right) {
    static const char *const names[] = {"sep", "maxsplit", NULL};
    Value a[2];
    if (args_parse(name, args + 1, nargs - 1, kwnames, names, 0, 0, a) < 0) return VAL_NULL;
    int64_t maxsplit = -1;
    if (a[1] && !bm_index(a[1], &maxsplit)) return VAL_NULL;
    if (maxsplit < 0) maxsplit = -1;
    const char *d, *sep = NULL;
    size_t n, m = 0;
    bytes_view(SELF, &d, &n);
    if (a[0] && !val_is_none(a[0]) && !buffer_arg(a[0], &sep, &m)) return VAL_NULL;
    if (sep && m == 0) return err_format(&Exc_ValueError, "empty separator");
    Value list = list_new(0);
    if (!list) return VAL_NULL;
    if (!sep) {
        size_t lo = 0, hi = n;
        while (true) {
            if (!right) {
                while (lo < hi && b_space(d[lo])) lo++;
                if (lo >= hi) break;
                if (maxsplit == 0) {
                    if (!bm_push(list, SELF, d + lo, hi - lo)) return VAL_NULL;
                    break;
                }
                size_t q = lo;
                while (q < hi && !b_space(d[q])) q++;
                if (!bm_push(list, SELF, d + lo, q - lo)) return VAL_NULL;
                lo = q;
            } else {
                while (hi > lo && b_space(d[hi - 1])) hi--;
                if (hi <= lo) break;
                if (maxsplit == 0) {
                    if (!bm_push(list, SELF, d + lo, hi - lo)) return VAL_NULL;
                    break;
                }
                size_t q = hi;
                while (q > lo && !b_space(d[q - 1])) q--;
                if (!bm_push(list, SELF, d + q, hi - q)) return VAL_NULL;
                hi = q;
            }
            maxsplit--;
        }
    } else if (!right) {
        const char *p = d, *end = d + n, *f;
        while (maxsplit != 0 && (f = memmem(p, end - p, sep, m)) != NULL) {
            if (!bm_push(list, SELF, p, f - p)) return VAL_NULL;
            p = f + m;
            maxsplit--;
        }
        if (!bm_push(list, SELF, p, end - p)) return VAL_NULL;
    } else {
        const char *end = d + n, *f;
        while (maxsplit != 0 && (f = rsearch(d, end - d, sep, m)) != NULL) {
            if (!bm_push(list, SELF, f + m, end - (f + m))) return VAL_NULL;
            end = f;
            maxsplit--;
        }
        if (!bm_push(list, SELF, d, end - d)) return VAL_NULL;
    }
    if (right) reverse_list(list);
    return list;
}
Value bytes_m_split(Value *args, size_t nargs, Value kwnames) {
    return bm_split(args, nargs, kwnames, "split", false);
}
Value bytes_m_rsplit(Value *args, size_t nargs, Value kwnames) {
    return bm_split(args, nargs, kwnames, "rsplit", true);
}

Value bytes_m_splitlines(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"keepends", NULL};
    Value a[1];
    if (args_parse("splitlines", args + 1, nargs - 1, kwnames, names, 0, 0, a) < 0)
        return VAL_NULL;
    int keep = 0;
    if (a[0] && (keep = obj_truthy(a[0])) < 0) return VAL_NULL;
    const char *d;
    size_t n;
    bytes_view(SELF, &d, &n);
    Value list = list_new(0);
    if (!list) return VAL_NULL;
    size_t line = 0, i = 0;
    while (i < n) {
        char c = d[i];
        if (c != '\n' && c != '\r') {
            i++;
            continue;
        }
        size_t eol = i++;
        if (c == '\r' && i < n && d[i] == '\n') i++;
        if (!bm_push(list, SELF, d + line, (keep ? i : eol) - line)) return VAL_NULL;
        line = i;
    }
    if (line < n && !bm_push(list, SELF, d + line, n - line)) return VAL_NULL;
    return list;
}

static Value bm_partition(Value *args, size_t nargs, Value kwnames, const char *name, bool right) {
    if (!bm_no_kwargs(SELF, name, kwnames)) return VAL_NULL;
    if (nargs != 2)
        return err_format(&Exc_TypeError, "%s.%s() takes exactly one argument (%zu given)",
                          kind_name(SELF), name, nargs - 1);
    const char *d, *sep;
    size_t n, m;
    bytes_view(SELF, &d, &n);
    if (!buffer_arg(args[1], &sep, &m)) return VAL_NULL;
    if (m == 0) return err_format(&Exc_ValueError, "empty separator");
    const char *f = right ? rsearch(d, n, sep, m) : memmem(d, n, sep, m);
    Value whole = make_like(SELF, d, n), e1 = make_like(SELF, "", 0), e2 = make_like(SELF, "", 0);
    if (!whole || !e1 || !e2) return VAL_NULL;
    if (!f) return right ? tuple_pack(3, e1, e2, whole) : tuple_pack(3, whole, e1, e2);
    Value before = make_like(SELF, d, f - d), mid = make_like(SELF, sep, m);
    Value after = make_like(SELF, f + m, d + n - (f + m));
    if (!before || !mid || !after) return VAL_NULL;
    return tuple_pack(3, before, mid, after);
}
Value bytes_m_partition(Value *args, size_t nargs, Value kwnames) {
    return bm_partition(args, nargs, kwnames, "partition", false);
}
Value bytes_m_rpartition(Value *args, size_t nargs, Value kwnames) {
    return bm_partition(args, nargs, kwnames, "rpartition", true);
}

/* ---- join / replace / affixes / padding ---- */

Value bytes_m_join(Value *args, size_t nargs, Value kwnames) {
    if (!bm_no_kwargs(SELF, "join", kwnames)) return VAL_NULL;
    if (nargs != 2)
        return err_format(&Exc_TypeError, "%s.join() takes exactly one argument (%zu given)",
                          kind_name(SELF), nargs - 1);
    const char *sep;
    size_t m;
    bytes_view(SELF, &sep, &m);
    Value it = obj_iter(args[1]);
    if (!it) {
        if (err_matches(&Exc_TypeError)) {
            err_clear();
            return err_format(&Exc_TypeError, "can only join an iterable");
        }
        return VAL_NULL;
    }
    Buf b;
    buf_init(&b);
    Value item;
    size_t i = 0;
    while ((item = obj_next(it)) != VAL_NULL) {
        const char *d;
        size_t n;
        if (!bytes_view(item, &d, &n))
            return err_format(&Exc_TypeError, "sequence item %zu: expected a bytes-like object, %s found",
                              i, val_type_name(item));
        if (i++ > 0) buf_add(&b, sep, m);
        buf_add(&b, d, n);
    }
    if (err_occurred()) return VAL_NULL;
    if (b.failed) return VAL_NULL;
    return make_like(SELF, b.data, b.len);
}

Value bytes_m_replace(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"", "", "count", NULL};
    Value a[3];
    if (args_parse("replace", args + 1, nargs - 1, kwnames, names, 2, 2, a) < 0) return VAL_NULL;
    const char *d, *old, *rep;
    size_t n, m, r;
    bytes_view(SELF, &d, &n);
    if (!buffer_arg(a[0], &old, &m) || !buffer_arg(a[1], &rep, &r)) return VAL_NULL;
    int64_t count = -1;
    if (a[2] && !bm_index(a[2], &count)) return VAL_NULL;
    Buf b;
    buf_init(&b);
    const char *p = d, *end = d + n, *f;
    if (m == 0) {
        while (count != 0) {
            buf_add(&b, rep, r);
            count--;
            if (p >= end) break;
            buf_addc(&b, *p++);
        }
        buf_add(&b, p, end - p);
    } else {
        while (count != 0 && (f = memmem(p, end - p, old, m)) != NULL) {
            buf_add(&b, p, f - p);
            buf_add(&b, rep, r);
            p = f + m;
            count--;
        }
        buf_add(&b, p, end - p);
    }
    if (b.failed) return VAL_NULL;
    return make_like(SELF, b.data, b.len);
}

static Value bm_remove_affix(Value *args, size_t nargs, Value kwnames, const char *name,
                             bool suffix) {
    if (!bm_no_kwargs(SELF, name, kwnames)) return VAL_NULL;
    if (nargs != 2)
        return err_format(&Exc_TypeError, "%s.%s() takes exactly one argument (%zu given)",
                          kind_name(SELF), name, nargs - 1);
    const char *d, *a;
    size_t n, m;
    bytes_view(SELF, &d, &n);
    if (!buffer_arg(args[1], &a, &m)) return VAL_NULL;
    if (m > 0 && m <= n && memcmp(suffix ? d + n - m : d, a, m) == 0)
        return make_like(SELF, suffix ? d : d + m, n - m);
    return make_like(SELF, d, n);
}
Value bytes_m_removeprefix(Value *args, size_t nargs, Value kwnames) {
    return bm_remove_affix(args, nargs, kwnames, "removeprefix", false);
}
Value bytes_m_removesuffix(Value *args, size_t nargs, Value kwnames) {
    return bm_remove_affix(args, nargs, kwnames, "removesuffix", true);
}

static Value bm_justify(Value *args, size_t nargs, Value kwnames, const char *name, char how) {
    if (!bm_no_kwargs(SELF, name, kwnames) || !bm_count(name, nargs - 1, 1, 2)) return VAL_NULL;
    int64_t width;
    if (!bm_index(args[1], &width)) return VAL_NULL;
    char fill = ' ';
    if (nargs > 2) {
        const char *f;
        size_t fn;
        if (!bytes_view(args[2], &f, &fn) || fn != 1)
            return err_format(&Exc_TypeError,
                              "%s() argument 2 must be a byte string of length 1, not %s", name,
                              val_type_name(args[2]));
        fill = f[0];
    }
    const char *d;
    size_t n;
    bytes_view(SELF, &d, &n);
    int64_t marg = width - (int64_t)n;
    if (marg <= 0) return make_like(SELF, d, n);
    int64_t left = how == '<' ? 0 : how == '>' ? marg : marg / 2 + (marg & width & 1);
    if (!str_check_size((size_t)marg, 1)) return VAL_NULL;
    Buf b;
    buf_init(&b);
    buf_fill(&b, fill, (size_t)left);
    buf_add(&b, d, n);
    buf_fill(&b, fill, (size_t)(marg - left));
    if (b.failed) return VAL_NULL;
    return make_like(SELF, b.data, b.len);
}
Value bytes_m_center(Value *args, size_t nargs, Value kwnames) {
    return bm_justify(args, nargs, kwnames, "center", '^');
}
Value bytes_m_ljust(Value *args, size_t nargs, Value kwnames) {
    return bm_justify(args, nargs, kwnames, "ljust", '<');
}
Value bytes_m_rjust(Value *args, size_t nargs, Value kwnames) {
    return bm_justify(args, nargs, kwnames, "rjust", '>');
}

Value bytes_m_zfill(Value *args, size_t nargs, Value kwnames) {
    if (!bm_no_kwargs(SELF, "zfill", kwnames)) return VAL_NULL;
    if (nargs != 2)
        return err_format(&Exc_TypeError, "%s.zfill() takes exactly one argument (%zu given)",
                          kind_name(SELF), nargs - 1);
    int64_t width;
    if (!bm_index(args[1], &width)) return VAL_NULL;
    const char *d;
    size_t n;
    bytes_view(SELF, &d, &n);
    int64_t fill = width - (int64_t)n;
    if (fill <= 0) return make_like(SELF, d, n);
    if (!str_check_size((size_t)fill, 1)) return VAL_NULL;
    size_t sign = n > 0 && (d[0] == '+' || d[0] == '-') ? 1 : 0;
    Buf b;
    buf_init(&b);
    buf_add(&b, d, sign);
    buf_fill(&b, '0', (size_t)fill);
    buf_add(&b, d + sign, n - sign);
    if (b.failed) return VAL_NULL;
    return make_like(SELF, b.data, b.len);
}

Value bytes_m_expandtabs(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"tabsize", NULL};
    Value a[1];
    if (args_parse("expandtabs", args + 1, nargs - 1, kwnames, names, 0, 0, a) < 0)
        return VAL_NULL;
    int64_t tabsize = 8;
    if (a[0] && !bm_index(a[0], &tabsize)) return VAL_NULL;
    const char *d;
    size_t n;
    bytes_view(SELF, &d, &n);
    Buf b;
    buf_init(&b);
    int64_t col = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i] == '\t') {
            if (tabsize > 0) {
                int64_t spaces = tabsize - col % tabsize;
                buf_fill(&b, ' ', (size_t)spaces);
                col += spaces;
            }
        } else {
            buf_addc(&b, d[i]);
            col = (d[i] == '\n' || d[i] == '\r') ? 0 : col + 1;
        }
    }
    if (b.failed) return VAL_NULL;
    return make_like(SELF, b.data, b.len);
}

/* ---- decode / hex / fromhex / translate / maketrans ---- */

Value bytes_m_decode(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"encoding", "errors", NULL};
    Value a[2];
    if (args_parse("decode", args + 1, nargs - 1, kwnames, names, 0, 0, a) < 0) return VAL_NULL;
    for (int i = 0; i < 2; i++)
        if (a[i] && !val_is_str(a[i]))
            return err_format(&Exc_TypeError, "decode() argument '%s' must be str, not %s",
                              names[i], val_type_name(a[i]));
    const char *d;
    size_t n;
    bytes_view(SELF, &d, &n);
    return codec_decode(d, n, a[0] ? str_data(a[0]) : "utf-8", a[1] ? str_data(a[1]) : "strict");
}

Value bytes_m_hex(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"sep", "bytes_per_sep", NULL};
    Value a[2];
    if (args_parse("hex", args + 1, nargs - 1, kwnames, names, 0, 0, a) < 0) return VAL_NULL;
    const char *d;
    size_t n;
    bytes_view(SELF, &d, &n);
    char sep = 0;
    int64_t per = 1;
    if (a[0]) {
        const char *sd;
        size_t sn;
        if (val_is_str(a[0])) sd = str_data(a[0]), sn = str_size(a[0]);
        else if (!bytes_view(a[0], &sd, &sn))
            return err_format(&Exc_TypeError, "object of type '%s' has no len()",
                              val_type_name(a[0]));
        if (sn != 1) return err_format(&Exc_ValueError, "sep must be length 1.");
        if ((unsigned char)sd[0] >= 0x80) return err_format(&Exc_ValueError, "sep must be ASCII.");
        sep = sd[0];
    }
    if (a[1] && !bm_index(a[1], &per)) return VAL_NULL;
    Buf b;
    buf_init(&b);
    size_t group = per == 0 ? 0 : (size_t)(per < 0 ? -per : per);
    for (size_t i = 0; i < n; i++) {
        /* separators count from the right for positive bytes_per_sep */
        if (sep && group && i > 0) {
            bool boundary = per > 0 ? (n - i) % group == 0 : i % group == 0;
            if (boundary) buf_addc(&b, sep);
        }
        buf_printf(&b, "%02x", (unsigned char)d[i]);
    }
    return buf_to_str(&b);
}

static int hexval(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
    return -1;
}

Value bytes_m_fromhex(Value *args, size_t nargs, Value kwnames) {
    if (nargs != 2)
        return err_format(&Exc_TypeError, "fromhex() takes exactly one argument (%zu given)",
                          nargs - 1);
    Value s = args[1];
    if (!val_is_str(s))
        return err_format(&Exc_TypeError, "fromhex() argument must be str, not %s",
                          val_type_name(s));
    const char *p = str_data(s);
    size_t n = str_size(s), i = 0;
    Buf b;
    buf_init(&b);
    while (i < n) {
        if (b_space((unsigned char)p[i])) {
            i++;
            continue;
        }
        int hi = hexval((unsigned char)p[i]);
        if (hi < 0)
            return err_format(&Exc_ValueError,
                              "non-hexadecimal number found in fromhex() arg at position %zu", i);
        int lo = i + 1 < n ? hexval((unsigned char)p[i + 1]) : -1;
        if (lo < 0)
            return err_format(&Exc_ValueError,
                              "non-hexadecimal number found in fromhex() arg at position %zu", i + 1);
        buf_addc(&b, (char)(hi * 16 + lo));
        i += 2;
    }
    if (b.failed) return VAL_NULL;
    Type *cls = val_as_type(args[0]);
    if (type_is_subtype(cls, &ByteArray_Type)) {
        Value r = bytearray_new(b.data, b.len);
        return (!r || cls == &ByteArray_Type) ? r : obj_call1(args[0], r);
    }
    Value r = bytes_new(b.data, b.len);
    return (!r || cls == &Bytes_Type) ? r : obj_call1(args[0], r);
}

Value bytes_m_translate(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"", "delete", NULL};
    Value a[2];
    if (args_parse("translate", args + 1, nargs - 1, kwnames, names, 1, 1, a) < 0) return VAL_NULL;
    const char *table = NULL, *del = NULL;
    size_t tn = 0, dn = 0;
    if (!val_is_none(a[0])) {
        if (!buffer_arg(a[0], &table, &tn)) return VAL_NULL;
        if (tn != 256)
            return err_format(&Exc_ValueError, "translation table must be 256 characters long");
    }
    if (a[1] && !buffer_arg(a[1], &del, &dn)) return VAL_NULL;
    const char *d;
    size_t n;
    bytes_view(SELF, &d, &n);
    Buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (del && memchr(del, d[i], dn)) continue;
        buf_addc(&b, table ? table[(unsigned char)d[i]] : d[i]);
    }
    if (b.failed) return VAL_NULL;
    return make_like(SELF, b.data, b.len);
}

Value bytes_m_maketrans(Value *args, size_t nargs, Value kwnames) {
    if (nargs != 2)
        return err_format(&Exc_TypeError, "maketrans expected 2 arguments, got %zu", nargs);
    const char *from, *to;
    size_t fn, tn;
    if (!buffer_arg(args[0], &from, &fn) || !buffer_arg(args[1], &to, &tn)) return VAL_NULL;
    if (fn != tn) return err_format(&Exc_ValueError, "maketrans arguments must have same length");
    char table[256];
    for (int i = 0; i < 256; i++) table[i] = (char)i;
    for (size_t i = 0; i < fn; i++) table[(unsigned char)from[i]] = to[i];
    return bytes_new(table, 256);
}

/* ---- bytes-only methods ---- */

static Value bytes_m___bytes__(Value *args, size_t nargs, Value kwnames) {
    if (val_is_type_exact(args[0], &Bytes_Type)) return args[0];
    return bytes_new(BYTES(args[0])->data, BYTES(args[0])->size);
}

static Value bytes_m___getnewargs__(Value *args, size_t nargs, Value kwnames) {
    Value copy = bytes_new(BYTES(args[0])->data, BYTES(args[0])->size);
    return copy ? tuple_pack(1, copy) : VAL_NULL;
}

static const MethodDef bytes_methods[] = {
    BYTES_SHARED_METHODS(BYTES_METHOD_ENTRY)
    {"fromhex", bytes_m_fromhex, METH_CLASS, NULL},
    {"maketrans", bytes_m_maketrans, METH_STATIC, NULL},
    {"__bytes__", bytes_m___bytes__, METH_DEFAULT, NULL},
    {"__getnewargs__", bytes_m___getnewargs__, METH_DEFAULT, NULL},
    {NULL},
};

Type Bytes_Type = {
    .base = {&Type_Type},
    .name = "bytes",
    .basicsize = sizeof(BytesObject),
    .flags = TPFLAG_BYTES_SUBCLASS | TPFLAG_BASETYPE,
    .doc = "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes",
    .tp_new = bytes_tp_new,
    .tp_repr = bytes_tp_repr,
    .tp_str = bytes_tp_repr,
    .tp_hash = bytes_tp_hash,
    .tp_richcompare = bytes_common_compare,
    .tp_iter = bytes_common_iter,
    .nb_binary = {[NB_ADD] = bytes_common_concat, [NB_MULTIPLY] = bytes_common_repeat,
                  [NB_REMAINDER] = bytes_nb_remainder},
    .sq_length = bytes_tp_length,
    .mp_subscript = bytes_common_subscript,
    .sq_contains = bytes_common_contains,
    .methods = bytes_methods,
};
