/* tuple.c — tuples: immutable arrays of Values stored inline after the
 * header. The empty tuple is a static singleton. */
#include "tuple.h"

#include <stdarg.h>

#include "../vm/error.h"
#include "int.h"
#include "iterobject.h"
#include "list.h"
#include "slice.h"
#include "str.h"

/* The empty tuple lives in static storage so it exists before any area is
 * initialised (the type system builds mro tuples very early). */
static TupleObject empty_tuple = {.base = {&Tuple_Type}, .size = 0};
#define EMPTY_TUPLE val_from_ptr(&empty_tuple)

static Value tuple_alloc(Type *type, size_t n) {
    if (n > (SIZE_MAX - sizeof(TupleObject)) / sizeof(Value)) return err_no_memory();
    TupleObject *t = obj_alloc_var(type, sizeof(TupleObject) + n * sizeof(Value));
    if (!t) return err_no_memory();
    t->size = n;
    return val_from_ptr(t);
}

Value tuple_new(size_t n) {
    if (n == 0) return EMPTY_TUPLE;
    return tuple_alloc(&Tuple_Type, n);
}

Value tuple_from_array(const Value *items, size_t n) {
    Value t = tuple_new(n);
    if (t != VAL_NULL && n) memcpy(tuple_items(t), items, n * sizeof(Value));
    return t;
}

Value tuple_pack(size_t n, ...) {
    Value t = tuple_new(n);
    if (t == VAL_NULL) return VAL_NULL;
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) tuple_items(t)[i] = va_arg(ap, Value);
    va_end(ap);
    return t;
}

Value tuple_from_iterable(Value it) {
    if (val_is_type_exact(it, &Tuple_Type)) return it;
    if (val_is_list(it)) return tuple_from_array(list_items(it), list_size(it));
    Value list = list_from_iterable(it);
    if (list == VAL_NULL) return VAL_NULL;
    return tuple_from_array(list_items(list), list_size(list));
}

/* ---- construction ---- */

static Value tuple_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    if (type == &Tuple_Type && check_no_kwargs("tuple", kwnames) < 0) return VAL_NULL;
    if (check_positional("tuple", nargs, 0, 1) < 0) return VAL_NULL;
    Value exact = nargs ? tuple_from_iterable(args[0]) : EMPTY_TUPLE;
    if (exact == VAL_NULL || type == &Tuple_Type) return exact;
    Value sub = tuple_alloc(type, tuple_size(exact));
    if (sub != VAL_NULL && tuple_size(exact))
        memcpy(tuple_items(sub), tuple_items(exact), tuple_size(exact) * sizeof(Value));
    return sub;
}

/* ---- object protocol ---- */

static Value tuple_repr(Value self) {
    size_t n = tuple_size(self);
    if (n == 0) return str_from_cstr("()");
    int rec = repr_enter(self);
    if (rec < 0) return VAL_NULL;
    if (rec > 0) return str_from_cstr("(...)");
    Value parts = list_new(n);
    Value result = VAL_NULL;
    if (parts == VAL_NULL) goto done;
    for (size_t i = 0; i < n; i++) {
        Value r = obj_repr(tuple_items(self)[i]);
        if (r == VAL_NULL || list_append(parts, r) < 0) goto done;
    }
    Value body = str_join(str_from_cstr(", "), parts);
    if (body == VAL_NULL) goto done;
    result = str_format_c(n == 1 ? "(%U,)" : "(%U)", body);
done:
    repr_leave(self);
    return result;
}

/* CPython's xxHash-based tuple hash, bit for bit. */
static int tuple_hash(Value self, int64_t *out) {
    size_t n = tuple_size(self);
    uint64_t acc = 2870177450012600261ULL;
    for (size_t i = 0; i < n; i++) {
        int64_t h;
        if (key_hash(tuple_items(self)[i], &h) < 0) return -1;
        acc += (uint64_t)h * 14029467366897019727ULL;
        acc = (acc << 31) | (acc >> 33);
        acc *= 11400714785074694791ULL;
    }
    acc += n ^ (2870177450012600261ULL ^ 3527539ULL);
    *out = acc == (uint64_t)-1 ? 1546275796 : (int64_t)acc;
    return 0;
}

Value compare_lengths(size_t na, size_t nb, int op) {
    int c = na < nb ? -1 : na > nb ? 1 : 0;
    switch (op) {
    case CMP_LT: return val_bool(c < 0);
    case CMP_LE: return val_bool(c <= 0);
    case CMP_EQ: return val_bool(c == 0);
    case CMP_NE: return val_bool(c != 0);
    case CMP_GT: return val_bool(c > 0);
    default: return val_bool(c >= 0);
    }
}

/* Lexicographic comparison shared by tuples and lists: find the first
 * index where the items differ, then compare those (or the lengths). */
Value seq_richcompare(const Value *a, size_t na, const Value *b, size_t nb, int op) {
    if (na != nb && (op == CMP_EQ || op == CMP_NE)) return val_bool(op == CMP_NE);
    size_t i;
    for (i = 0; i < na && i < nb; i++) {
        int eq = obj_eq(a[i], b[i]);
        if (eq < 0) return VAL_NULL;
        if (!eq) break;
    }
    if (i >= na || i >= nb) return compare_lengths(na, nb, op);
    if (op == CMP_EQ) return VAL_FALSE;
    if (op == CMP_NE) return VAL_TRUE;
    return obj_richcompare(a[i], b[i], op);
}

static Value tuple_richcompare(Value a, Value b, int op) {
    if (!val_is_tuple(a) || !val_is_tuple(b)) return VAL_NOTIMPL;
    return seq_richcompare(tuple_items(a), tuple_size(a), tuple_items(b), tuple_size(b), op);
}

static int64_t tuple_len(Value self) { return (int64_t)tuple_size(self); }

static int tuple_contains(Value self, Value item) {
    size_t n = tuple_size(self);
    for (size_t i = 0; i < n; i++) {
        int eq = obj_eq(tuple_items(self)[i], item);
        if (eq != 0) return eq;
    }
    return 0;
}

static Value tuple_slice(Value self, Value slice) {
    int64_t start, stop, step;
    if (slice_unpack(slice, &start, &stop, &step) < 0) return VAL_NULL;
    int64_t n = slice_adjust((int64_t)tuple_size(self), &start, &stop, step);
    if (n == (int64_t)tuple_size(self) && step == 1 && val_is_type_exact(self, &Tuple_Type))
        return self;
    Value result = tuple_new((size_t)n);
    if (result == VAL_NULL) return VAL_NULL;
    Value *src = tuple_items(self), *dst = tuple_items(result);
    for (int64_t i = 0, j = start; i < n; i++, j += step) dst[i] = src[j];
    return result;
}

static Value tuple_subscript(Value self, Value key) {
    int64_t i;
    int r = seq_index_of(key, &i);
    if (r < 0) return VAL_NULL;
    if (r == 0) {
        int64_t n = (int64_t)tuple_size(self);
        if (i < 0) i += n;
        if (i < 0 || i >= n) return err_format(&Exc_IndexError, "tuple index out of range");
        return tuple_items(self)[i];
    }
    if (val_is_type_exact(key, &Slice_Type)) return tuple_slice(self, key);
    return err_format(&Exc_TypeError, "tuple indices must be integers or slices, not %s",
                      val_type_name(key));
}

static Value tuple_concat(Value a, Value b) {
    if (!val_is_tuple(a)) return VAL_NOTIMPL;
    if (!val_is_tuple(b))
        return err_format(&Exc_TypeError, "can only concatenate tuple (not \"%s\") to tuple",
                          val_type_name(b));
    size_t na = tuple_size(a), nb = tuple_size(b);
    if (nb == 0 && val_is_type_exact(a, &Tuple_Type)) return a;
    if (na == 0 && val_is_type_exact(b, &Tuple_Type)) return b;
    Value t = tuple_new(na + nb);
    if (t == VAL_NULL) return VAL_NULL;
    memcpy(tuple_items(t), tuple_items(a), na * sizeof(Value));
    memcpy(tuple_items(t) + na, tuple_items(b), nb * sizeof(Value));
    return t;
}

static Value tuple_repeat(Value a, Value b) {
    Value seq = val_is_tuple(a) ? a : b;
    Value count = seq == a ? b : a;
    int64_t n;
    int r = seq_repeat_count(count, &n);
    if (r < 0) return VAL_NULL;
    if (r > 0) return VAL_NOTIMPL;
    size_t size = tuple_size(seq);
    if (n <= 0 || size == 0) return tuple_new(0);
    if (n == 1 && val_is_type_exact(seq, &Tuple_Type)) return seq;
    if ((uint64_t)n > SIZE_MAX / sizeof(Value) / size) return err_no_memory();
    Value t = tuple_new(size * (size_t)n);
    if (t == VAL_NULL) return VAL_NULL;
    Value *dst = tuple_items(t);
    for (int64_t i = 0; i < n; i++, dst += size)
        memcpy(dst, tuple_items(seq), size * sizeof(Value));
    return t;
}

/* ---- methods ---- */

static Value tuple_count(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("tuple.count", kwnames) < 0) return VAL_NULL;
    if (check_one_arg("tuple.count", nargs - 1) < 0) return VAL_NULL;
    int64_t count = 0;
    size_t n = tuple_size(args[0]);
    for (size_t i = 0; i < n; i++) {
        int eq = obj_eq(tuple_items(args[0])[i], args[1]);
        if (eq < 0) return VAL_NULL;
        count += eq;
    }
    return int_from_i64(count);
}

/* index() bounds: like CPython's _PyEval_SliceIndexNotNone. */
int seq_index_bounds(Value *bounds, size_t nbounds, int64_t size, int64_t *start, int64_t *stop) {
    *start = 0;
    *stop = size;
    for (size_t i = 0; i < nbounds; i++) {
        int64_t *out = i == 0 ? start : stop;
        if (!val_is_smallint(bounds[i]) && !val_is_int(bounds[i]) &&
            !val_type(bounds[i])->nb_index)
            return err_format_int(&Exc_TypeError,
                                  "slice indices must be integers or have an __index__ method");
        if (slice_index_clamped(bounds[i], out) < 0) return -1;
        if (*out < 0) {
            *out += size;
            if (*out < 0) *out = 0;
        }
    }
    if (*stop > size) *stop = size;
    return 0;
}

static Value tuple_index(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("tuple.index", kwnames) < 0) return VAL_NULL;
    if (check_positional("index", nargs - 1, 1, 3) < 0) return VAL_NULL;
    Value self = args[0];
    int64_t start, stop;
    if (seq_index_bounds(args + 2, nargs - 2, (int64_t)tuple_size(self), &start, &stop) < 0)
        return VAL_NULL;
    for (int64_t i = start; i < stop && i < (int64_t)tuple_size(self); i++) {
        int eq = obj_eq(tuple_items(self)[i], args[1]);
        if (eq < 0) return VAL_NULL;
        if (eq) return int_from_i64(i);
    }
    return err_format(&Exc_ValueError, "tuple.index(x): x not in tuple");
}

static Value tuple_getnewargs(Value *args, size_t nargs, Value kwnames) {
    return tuple_pack(1, tuple_from_array(tuple_items(args[0]), tuple_size(args[0])));
}

/* ---- iterator ---- */

Value tuple_iter_new(Value tuple) {
    SeqIndexIterObject *it = obj_alloc(&TupleIter_Type, sizeof(SeqIndexIterObject));
    if (!it) return err_no_memory();
    it->seq = tuple;
    return val_from_ptr(it);
}

static Value tupleiter_next(Value self) {
    SeqIndexIterObject *it = val_as_ptr(self);
    if (it->seq == VAL_NULL) return VAL_NULL;
    if (it->index < tuple_size(it->seq)) return tuple_items(it->seq)[it->index++];
    it->seq = VAL_NULL;
    return VAL_NULL;
}

static Value tupleiter_length_hint(Value *args, size_t nargs, Value kwnames) {
    SeqIndexIterObject *it = val_as_ptr(args[0]);
    if (it->seq == VAL_NULL) return val_from_smallint(0);
    return int_from_i64((int64_t)(tuple_size(it->seq) - it->index));
}

static const MethodDef tupleiter_methods[] = {
    {"__length_hint__", tupleiter_length_hint, METH_DEFAULT, NULL},
    {NULL},
};

Type TupleIter_Type = {
    .base = {&Type_Type},
    .name = "tuple_iterator",
    .basicsize = sizeof(SeqIndexIterObject),
    .tp_iter = iter_self,
    .tp_iternext = tupleiter_next,
    .methods = tupleiter_methods,
};

static const MethodDef tuple_methods[] = {
    {"count", tuple_count, METH_DEFAULT, "Return number of occurrences of value."},
    {"index", tuple_index, METH_DEFAULT,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"__getnewargs__", tuple_getnewargs, METH_DEFAULT, NULL},
    {NULL},
};

Type Tuple_Type = {
    .base = {&Type_Type},
    .name = "tuple",
    .basicsize = sizeof(TupleObject),
    .flags = TPFLAG_TUPLE_SUBCLASS | TPFLAG_BASETYPE,
    .doc = "Built-in immutable sequence.\n\nIf no argument is given, the constructor returns an empty tuple.\nIf iterable is specified the tuple is initialized from iterable's items.\n\nIf the argument is a tuple, the return value is the same object.",
    .tp_new = tuple_tp_new,
    .tp_repr = tuple_repr,
    .tp_hash = tuple_hash,
    .tp_richcompare = tuple_richcompare,
    .tp_iter = tuple_iter_new,
    .nb_binary = {[NB_ADD] = tuple_concat, [NB_MULTIPLY] = tuple_repeat},
    .sq_length = tuple_len,
    .mp_subscript = tuple_subscript,
    .sq_contains = tuple_contains,
    .methods = tuple_methods,
};
