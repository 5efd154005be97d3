/* bytearray.c — the mutable byte buffer: storage management, item and
 * slice assignment, the mutating methods and ByteArray_Type. The read-only
 * methods are bytes.c's shared ones (BYTES_SHARED_METHODS). */
#include <stdio.h>
#include <string.h>

#include "../vm/error.h"
#include "bytes.h"
#include "format.h"
#include "function.h"
#include "int.h"
#include "slice.h"
#include "str.h"
#include "tuple.h"
#include "unicode.h"

#define SELF args[0]
#define BA(v) BYTEARRAY(v)

/* ---- storage ---- */

/* Make room for `size` bytes (+1 for a NUL so data is a C string). */
static bool ba_reserve(ByteArrayObject *ba, size_t size) {
    if (size + 1 <= ba->capacity) return true;
    if (size > ((size_t)1 << 36)) {
        err_no_memory();
        return false;
    }
    size_t cap = ba->capacity * 2;
    if (cap < size + 1) cap = size + 1;
    if (cap < 16) cap = 16;
    char *data = (char *)gc_alloc_atomic(cap);
    if (!data) {
        err_no_memory();
        return false;
    }
    if (ba->size) memcpy(data, ba->data, ba->size);
    ba->data = data;
    ba->capacity = cap;
    return true;
}

static bool ba_resize(ByteArrayObject *ba, size_t size) {
    if (!ba_reserve(ba, size)) return false;
    ba->size = size;
    ba->data[size] = '\0';
    return true;
}

/* Replace ba[start:stop] (step 1) by `n` bytes from src. */
static bool ba_splice(ByteArrayObject *ba, size_t start, size_t stop, const char *src, size_t n) {
    size_t old = ba->size, removed = stop - start;
    size_t size = old - removed + n;
    /* src may point into ba's own buffer: copy it first */
    char *copy = NULL;
    if (n && src >= ba->data && src < ba->data + ba->capacity) {
        copy = (char *)gc_alloc_atomic(n);
        if (!copy) {
            err_no_memory();
            return false;
        }
        memcpy(copy, src, n);
        src = copy;
    }
    if (!ba_reserve(ba, size)) return false;
    memmove(ba->data + start + n, ba->data + stop, old - stop);
    if (n) memcpy(ba->data + start, src, n);
    ba->size = size;
    ba->data[size] = '\0';
    return true;
}

Value bytearray_new(const char *data, size_t size) {
    ByteArrayObject *ba = (ByteArrayObject *)obj_alloc(&ByteArray_Type, sizeof(ByteArrayObject));
    if (!ba) return err_no_memory();
    if (!ba_resize(ba, size)) return VAL_NULL;
    if (size) memcpy(ba->data, data, size);
    return val_from_ptr(ba);
}

/* ---- construction ---- */

static Value ba_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    /* a subclass's basicsize includes its AttrStore (fixed-size base) */
    size_t size = type->basicsize > sizeof(ByteArrayObject) ? type->basicsize
                                                            : sizeof(ByteArrayObject);
    ByteArrayObject *ba = (ByteArrayObject *)obj_alloc(type, size);
    if (!ba) return err_no_memory();
    if (!ba_resize(ba, 0)) return VAL_NULL;
    return val_from_ptr(ba);
}

static int ba_tp_init(Value self, Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"source", "encoding", "errors", NULL};
    Value a[3];
    if (args_parse("bytearray", args, nargs, kwnames, names, 0, 0, a) < 0) return -1;
    for (int i = 1; i < 3; i++)
        if (a[i] && !val_is_str(a[i]))
            return err_format_int(&Exc_TypeError, "bytearray() argument '%s' must be str, not %s",
                                  names[i], val_type_name(a[i]));
    Buf b;
    buf_init(&b);
    if (a[1] || a[2]) {
        if (!a[0] || !val_is_str(a[0]))
            return err_format_int(&Exc_TypeError, a[1] ? "encoding without a string argument"
                                                        : "errors without a string argument");
        if (!a[1]) return err_format_int(&Exc_TypeError, "string argument without an encoding");
        Value enc = codec_encode(a[0], str_data(a[1]), a[2] ? str_data(a[2]) : "strict");
        if (!enc) return -1;
        buf_add(&b, BYTES(enc)->data, BYTES(enc)->size);
    } else if (a[0] && !bytes_fill_from(&b, a[0])) {
        return -1;
    }
    if (b.failed) return -1;
    ByteArrayObject *ba = BA(self);
    if (!ba_resize(ba, b.len)) return -1;
    if (b.len) memcpy(ba->data, b.data, b.len);
    return 0;
}

/* ---- slots ---- */

static Value ba_tp_repr(Value self) {
    char prefix[128];
    snprintf(prefix, sizeof prefix, "%s(", val_type_name(self));
    return bytes_repr_raw(BA(self)->data, BA(self)->size, prefix, ")");
}

static int ba_tp_hash(Value self, int64_t *out) {
    return err_format_int(&Exc_TypeError, "unhashable type: '%s'", val_type_name(self));
}

static int64_t ba_tp_length(Value self) { return (int64_t)BA(self)->size; }

static Value ba_nb_remainder(Value a, Value b) {
    if (!val_is_ptr(a) || !type_is_subtype(TYPE(a), &ByteArray_Type)) return VAL_NOTIMPL;
    Value r = bytes_percent_format(BA(a)->data, BA(a)->size, b);
    return r ? bytearray_new(BYTES(r)->data, BYTES(r)->size) : VAL_NULL;
}

static Value ba_inplace_add(Value a, Value b) {
    const char *d;
    size_t n;
    if (!bytes_view(b, &d, &n))
        return err_format(&Exc_TypeError, "can't concat %s to %s", val_type_name(b),
                          val_type_name(a));
    ByteArrayObject *ba = BA(a);
    if (!ba_splice(ba, ba->size, ba->size, d, n)) return VAL_NULL;
    return a;
}

static Value ba_inplace_multiply(Value a, Value b) {
    if (!val_is_int(b) && !val_type(b)->nb_index)
        return err_format(&Exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                          val_type_name(b));
    int64_t times;
    if (obj_index_i64(b, &times) < 0) return VAL_NULL;
    ByteArrayObject *ba = BA(a);
    size_t n = ba->size;
    if (times <= 0 || n == 0) {
        ba_resize(ba, 0);
        return a;
    }
    if (!str_check_size(n, (size_t)times) || !ba_resize(ba, n * (size_t)times)) return VAL_NULL;
    for (int64_t i = 1; i < times; i++) memcpy(ba->data + n * i, ba->data, n);
    return a;
}

/* Collect the bytes of a slice-assignment value. */
static bool assign_source(Value v, Buf *b) {
    const char *d;
    size_t n;
    if (bytes_view(v, &d, &n)) return buf_add(b, d, n);
    if (val_is_int(v) || val_is_str(v) || val_type(v)->nb_index) {
        err_format(&Exc_TypeError,
                   "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        return false;
    }
    Value it = obj_iter(v);
    if (!it) {
        if (err_matches(&Exc_TypeError)) {
            err_clear();
            err_format(&Exc_TypeError,
                       "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        }
        return false;
    }
    Value item;
    while ((item = obj_next(it)) != VAL_NULL) {
        int byte;
        if (bytes_byte_arg(item, "byte must be in range(0, 256)", &byte) < 0) return false;
        buf_addc(b, (char)byte);
    }
    return !err_occurred() && !b->failed;
}

static int ba_ass_slice(ByteArrayObject *ba, Value slice, Value v) {
    int64_t start, stop, step;
    if (slice_unpack(slice, &start, &stop, &step) < 0) return -1;
    int64_t count = slice_adjust((int64_t)ba->size, &start, &stop, step);
    Buf b;
    buf_init(&b);
    if (v && !assign_source(v, &b)) return -1;
    if (step == 1) {
        if (stop < start) stop = start;
        return ba_splice(ba, (size_t)start, (size_t)stop, b.data, v ? b.len : 0) ? 0 : -1;
    }
    if (!v) {
        /* delete the selected positions, compacting the rest */
        if (count <= 0) return 0;
        bool *drop = (bool *)gc_alloc_atomic(ba->size);
        if (!drop) {
            err_no_memory();
            return -1;
        }
        memset(drop, 0, ba->size);
        for (int64_t i = 0, j = start; i < count; i++, j += step) drop[j] = true;
        size_t w = 0;
        for (size_t r = 0; r < ba->size; r++)
            if (!drop[r]) ba->data[w++] = ba->data[r];
        ba_resize(ba, w);
        return 0;
    }
    if ((int64_t)b.len != count)
        return err_format_int(&Exc_ValueError,
                              "attempt to assign bytes of size %zu to extended slice of size %lld",
                              b.len, (long long)count);
    for (int64_t i = 0, j = start; i < count; i++, j += step) ba->data[j] = b.data[i];
    return 0;
}

static int ba_tp_ass_subscript(Value self, Value key, Value v) {
    ByteArrayObject *ba = BA(self);
    if (val_is_type_exact(key, &Slice_Type)) return ba_ass_slice(ba, key, v);
    if (!val_is_int(key) && !val_type(key)->nb_index)
        return err_format_int(&Exc_TypeError, "bytearray indices must be integers or slices, not %s",
                              val_type_name(key));
    int64_t i;
    if (obj_index_i64(key, &i) < 0) return -1;
    if (i < 0) i += (int64_t)ba->size;
    if (i < 0 || i >= (int64_t)ba->size)
        return err_format_int(&Exc_IndexError, "bytearray index out of range");
    if (!v) return ba_splice(ba, (size_t)i, (size_t)i + 1, NULL, 0) ? 0 : -1;
    int byte;
    if (bytes_byte_arg(v, "byte must be in range(0, 256)", &byte) < 0) return -1;
    ba->data[i] = (char)byte;
    return 0;
}

/* ---- mutating methods ---- */

static bool exact_args(const char *name, size_t nargs, size_t want, Value kwnames) {
    if (kwnames && tuple_size(kwnames) > 0) {
        err_format(&Exc_TypeError, "bytearray.%s() takes no keyword arguments", name);
        return false;
    }
    if (nargs - 1 != want) {
        if (want == 0)
            err_format(&Exc_TypeError, "bytearray.%s() takes no arguments (%zu given)", name,
                       nargs - 1);
        else
            err_format(&Exc_TypeError, "bytearray.%s() takes exactly one argument (%zu given)",
                       name, nargs - 1);
        return false;
    }
    return true;
}

static Value ba_m_append(Value *args, size_t nargs, Value kwnames) {
    if (!exact_args("append", nargs, 1, kwnames)) return VAL_NULL;
    int byte;
    if (bytes_byte_arg(args[1], "byte must be in range(0, 256)", &byte) < 0) return VAL_NULL;
    ByteArrayObject *ba = BA(SELF);
    if (!ba_resize(ba, ba->size + 1)) return VAL_NULL;
    ba->data[ba->size - 1] = (char)byte;
    return VAL_NONE;
}

static Value ba_m_extend(Value *args, size_t nargs, Value kwnames) {
    if (!exact_args("extend", nargs, 1, kwnames)) return VAL_NULL;
    Value src = args[1];
    Buf b;
    buf_init(&b);
    const char *d;
    size_t n;
    if (bytes_view(src, &d, &n)) {
        buf_add(&b, d, n);
    } else {
        if (val_is_str(src))
            return err_format(&Exc_TypeError, "expected iterable of integers; got: 'str'");
        Value it = obj_iter(src);
        if (!it) {
            if (err_matches(&Exc_TypeError)) {
                err_clear();
                return err_format(&Exc_TypeError, "can't extend bytearray with %s",
                                  val_type_name(src));
            }
            return VAL_NULL;
        }
        Value item;
        while ((item = obj_next(it)) != VAL_NULL) {
            int byte;
            if (bytes_byte_arg(item, "byte must be in range(0, 256)", &byte) < 0) return VAL_NULL;
            buf_addc(&b, (char)byte);
        }
        if (err_occurred()) return VAL_NULL;
    }
    if (b.failed) return VAL_NULL;
    ByteArrayObject *ba = BA(SELF);
    return ba_splice(ba, ba->size, ba->size, b.data, b.len) ? VAL_NONE : VAL_NULL;
}

static Value ba_m_pop(Value *args, size_t nargs, Value kwnames) {
    if (kwnames && tuple_size(kwnames) > 0)
        return err_format(&Exc_TypeError, "bytearray.pop() takes no keyword arguments");
    if (nargs > 2)
        return err_format(&Exc_TypeError, "pop expected at most 1 argument, got %zu", nargs - 1);
    ByteArrayObject *ba = BA(SELF);
    int64_t i = -1;
    if (nargs == 2) {
        if (!val_is_int(args[1]) && !val_type(args[1])->nb_index)
            return err_format(&Exc_TypeError, "'%s' object cannot be interpreted as an integer",
                              val_type_name(args[1]));
        if (obj_index_i64(args[1], &i) < 0) return VAL_NULL;
    }
    if (ba->size == 0) return err_format(&Exc_IndexError, "pop from empty bytearray");
    if (i < 0) i += (int64_t)ba->size;
    if (i < 0 || i >= (int64_t)ba->size) return err_format(&Exc_IndexError, "pop index out of range");
    int byte = (unsigned char)ba->data[i];
    ba_splice(ba, (size_t)i, (size_t)i + 1, NULL, 0);
    return val_from_smallint(byte);
}

static Value ba_m_insert(Value *args, size_t nargs, Value kwnames) {
    if (kwnames && tuple_size(kwnames) > 0)
        return err_format(&Exc_TypeError, "bytearray.insert() takes no keyword arguments");
    if (nargs != 3)
        return err_format(&Exc_TypeError, "insert expected 2 arguments, got %zu", nargs - 1);
    int64_t i;
    if (!val_is_int(args[1]) && !val_type(args[1])->nb_index)
        return err_format(&Exc_TypeError, "'%s' object cannot be interpreted as an integer",
                          val_type_name(args[1]));
    if (obj_index_i64(args[1], &i) < 0) return VAL_NULL;
    int byte;
    if (bytes_byte_arg(args[2], "byte must be in range(0, 256)", &byte) < 0) return VAL_NULL;
    ByteArrayObject *ba = BA(SELF);
    int64_t n = (int64_t)ba->size;
    if (i < 0 && (i += n) < 0) i = 0;
    if (i > n) i = n;
    char c = (char)byte;
    return ba_splice(ba, (size_t)i, (size_t)i, &c, 1) ? VAL_NONE : VAL_NULL;
}

static Value ba_m_remove(Value *args, size_t nargs, Value kwnames) {
    if (!exact_args("remove", nargs, 1, kwnames)) return VAL_NULL;
    int byte;
    if (bytes_byte_arg(args[1], "byte must be in range(0, 256)", &byte) < 0) return VAL_NULL;
    ByteArrayObject *ba = BA(SELF);
    char *at = ba->size ? memchr(ba->data, byte, ba->size) : NULL;
    if (!at) return err_format(&Exc_ValueError, "value not found in bytearray");
    size_t i = (size_t)(at - ba->data);
    ba_splice(ba, i, i + 1, NULL, 0);
    return VAL_NONE;
}

static Value ba_m_reverse(Value *args, size_t nargs, Value kwnames) {
    if (!exact_args("reverse", nargs, 0, kwnames)) return VAL_NULL;
    ByteArrayObject *ba = BA(SELF);
    for (size_t i = 0, j = ba->size; i + 1 < j; i++, j--) {
        char t = ba->data[i];
        ba->data[i] = ba->data[j - 1];
        ba->data[j - 1] = t;
    }
    return VAL_NONE;
}

static Value ba_m_clear(Value *args, size_t nargs, Value kwnames) {
    if (!exact_args("clear", nargs, 0, kwnames)) return VAL_NULL;
    ba_resize(BA(SELF), 0);
    return VAL_NONE;
}

static Value ba_m_copy(Value *args, size_t nargs, Value kwnames) {
    if (!exact_args("copy", nargs, 0, kwnames)) return VAL_NULL;
    return bytearray_new(BA(SELF)->data, BA(SELF)->size);
}

static Value ba_m___alloc__(Value *args, size_t nargs, Value kwnames) {
    if (!exact_args("__alloc__", nargs, 0, kwnames)) return VAL_NULL;
    return int_from_i64((int64_t)BA(SELF)->capacity);
}

static const MethodDef bytearray_methods[] = {
    BYTES_SHARED_METHODS(BYTES_METHOD_ENTRY)
    {"fromhex", bytes_m_fromhex, METH_CLASS, NULL},
    {"maketrans", bytes_m_maketrans, METH_STATIC, NULL},
    {"append", ba_m_append, METH_DEFAULT, NULL},
    {"extend", ba_m_extend, METH_DEFAULT, NULL},
    {"pop", ba_m_pop, METH_DEFAULT, NULL},
    {"insert", ba_m_insert, METH_DEFAULT, NULL},
    {"remove", ba_m_remove, METH_DEFAULT, NULL},
    {"reverse", ba_m_reverse, METH_DEFAULT, NULL},
    {"clear", ba_m_clear, METH_DEFAULT, NULL},
    {"copy", ba_m_copy, METH_DEFAULT, NULL},
    {"__alloc__", ba_m___alloc__, METH_DEFAULT, NULL},
    {NULL},
};

Type ByteArray_Type = {
    .base = {&Type_Type},
    .name = "bytearray",
    .basicsize = sizeof(ByteArrayObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "bytearray(iterable_of_ints) -> bytearray\nbytearray(string, encoding[, errors]) -> bytearray",
    .tp_new = ba_tp_new,
    .tp_init = ba_tp_init,
    .tp_repr = ba_tp_repr,
    .tp_str = ba_tp_repr,
    .tp_hash = ba_tp_hash,
    .tp_richcompare = bytes_common_compare,
    .tp_iter = bytes_common_iter,
    .nb_binary = {[NB_ADD] = bytes_common_concat, [NB_MULTIPLY] = bytes_common_repeat,
                  [NB_REMAINDER] = ba_nb_remainder},
    .nb_inplace = {[NB_ADD] = ba_inplace_add, [NB_MULTIPLY] = ba_inplace_multiply},
    .sq_length = ba_tp_length,
    .mp_subscript = bytes_common_subscript,
    .mp_ass_subscript = ba_tp_ass_subscript,
    .sq_contains = bytes_common_contains,
    .methods = bytearray_methods,
};
