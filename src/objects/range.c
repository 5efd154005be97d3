/* range.c — range objects. start/stop/step/length are kept as int Values
 * so huge ranges work; the common case (everything fits in int64) takes
 * int64 fast paths, and iteration then uses RangeIterObject, which
 * allocates nothing per step beyond what int_from_i64 needs. */
#include "../vm/error.h"
#include "int.h"
#include "iterobject.h"
#include "slice.h"
#include "str.h"
#include "tuple.h"

typedef struct RangeObject {
    Object base;
    Value start, stop, step, length; /* ints; step != 0 */
} RangeObject;

#define RANGE(v) ((RangeObject *)val_as_ptr(v))

/* ---- int helpers ---- */

static Value int_add(Value a, Value b) { return obj_binary_op(a, b, NB_ADD); }
static Value int_sub(Value a, Value b) { return obj_binary_op(a, b, NB_SUBTRACT); }
static Value int_mul(Value a, Value b) { return obj_binary_op(a, b, NB_MULTIPLY); }

/* len(range(start, stop, step)) with int Values. */
static Value compute_length(Value start, Value stop, Value step) {
    int64_t a, b, s;
    if (int_as_i64(start, &a) && int_as_i64(stop, &b) && int_as_i64(step, &s)) {
        __int128 lo = s > 0 ? a : b, hi = s > 0 ? b : a, st = s > 0 ? s : -(__int128)s;
        if (lo >= hi) return val_from_smallint(0);
        __int128 n = (hi - lo - 1) / st + 1; /* < 2^64: fits in a u64 */
        return int_from_u64((uint64_t)n);
    }
    bool positive = int_sign(step) > 0;
    Value lo = positive ? start : stop, hi = positive ? stop : start;
    Value st = positive ? step : obj_negative(step);
    if (st == VAL_NULL) return VAL_NULL;
    int ge = obj_richcompare_bool(lo, hi, CMP_GE);
    if (ge < 0) return VAL_NULL;
    if (ge) return val_from_smallint(0);
    Value diff = int_sub(int_sub(hi, lo), val_from_smallint(1));
    if (diff == VAL_NULL) return VAL_NULL;
    Value q = obj_binary_op(diff, st, NB_FLOOR_DIVIDE);
    return q == VAL_NULL ? VAL_NULL : int_add(q, val_from_smallint(1));
}

static Value range_make(Type *type, Value start, Value stop, Value step) {
    Value length = compute_length(start, stop, step);
    if (length == VAL_NULL) return VAL_NULL;
    RangeObject *r = obj_alloc(type, sizeof(RangeObject));
    if (!r) return err_no_memory();
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = length;
    return val_from_ptr(r);
}

static Value range_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("range", kwnames) < 0) return VAL_NULL;
    if (check_positional("range", nargs, 1, 3) < 0) return VAL_NULL;
    Value v[3];
    for (size_t i = 0; i < nargs; i++) {
        v[i] = obj_index(args[i]);
        if (v[i] == VAL_NULL) return VAL_NULL;
    }
    if (nargs == 1) return range_make(type, val_from_smallint(0), v[0], val_from_smallint(1));
    Value step = nargs == 3 ? v[2] : val_from_smallint(1);
    if (int_sign(step) == 0) return err_format(&Exc_ValueError, "range() arg 3 must not be zero");
    return range_make(type, v[0], v[1], step);
}

/* ---- sequence protocol ---- */

static int64_t range_len(Value self) {
    int64_t n;
    if (!int_as_i64(RANGE(self)->length, &n))
        return err_format_int(&Exc_OverflowError, "Python int too large to convert to C ssize_t");
    return n;
}

static int range_bool(Value self) { return int_sign(RANGE(self)->length) != 0; }

/* start + i * step */
static Value range_item_at(RangeObject *r, Value i) {
    int64_t a, s, k;
    if (int_as_i64(r->start, &a) && int_as_i64(r->step, &s) && int_as_i64(i, &k)) {
        __int128 v = (__int128)a + (__int128)k * s;
        if (v >= INT64_MIN && v <= INT64_MAX) return int_from_i64((int64_t)v);
    }
    Value prod = int_mul(i, r->step);
    return prod == VAL_NULL ? VAL_NULL : int_add(r->start, prod);
}

static Value range_slice(RangeObject *r, Value slice) {
    int64_t length;
    if (!int_as_i64(r->length, &length))
        return err_format(&Exc_OverflowError, "Python int too large to convert to C ssize_t");
    int64_t start, stop, step;
    if (slice_unpack(slice, &start, &stop, &step) < 0) return VAL_NULL;
    slice_adjust(length, &start, &stop, step);
    Value new_start = range_item_at(r, int_from_i64(start));
    Value new_stop = range_item_at(r, int_from_i64(stop));
    Value new_step = int_mul(r->step, int_from_i64(step));
    if (!new_start || !new_stop || !new_step) return VAL_NULL;
    return range_make(&Range_Type, new_start, new_stop, new_step);
}

static Value range_subscript(Value self, Value key) {
    RangeObject *r = RANGE(self);
    if (val_is_type_exact(key, &Slice_Type)) return range_slice(r, key);
    if (!val_is_int(key) && !val_type(key)->nb_index)
        return err_format(&Exc_TypeError, "range indices must be integers or slices, not %s",
                          val_type_name(key));
    Value i = obj_index(key);
    if (i == VAL_NULL) return VAL_NULL;
    if (int_sign(i) < 0) {
        i = int_add(i, r->length);
        if (i == VAL_NULL) return VAL_NULL;
    }
    int in_range = int_sign(i) >= 0 ? obj_richcompare_bool(i, r->length, CMP_LT) : 0;
    if (in_range < 0) return VAL_NULL;
    if (!in_range) return err_format(&Exc_IndexError, "range object index out of range");
    return range_item_at(r, i);
}

/* x in r for an int x, in O(1). */
static int range_contains_int(RangeObject *r, Value x) {
    bool up = int_sign(r->step) > 0;
    int c1 = up ? obj_richcompare_bool(r->start, x, CMP_LE) : obj_richcompare_bool(x, r->start, CMP_LE);
    if (c1 <= 0) return c1;
    int c2 = up ? obj_richcompare_bool(x, r->stop, CMP_LT) : obj_richcompare_bool(r->stop, x, CMP_LT);
    if (c2 <= 0) return c2;
    Value off = int_sub(x, r->start);
    Value rem = off ? obj_binary_op(off, r->step, NB_REMAINDER) : VAL_NULL;
    if (rem == VAL_NULL) return -1;
    return int_sign(rem) == 0;
}

static bool is_exact_int(Value v) {
    return val_is_smallint(v) || val_is_type_exact(v, &Int_Type) || val_is_bool(v);
}

static int range_contains(Value self, Value x) {
    if (is_exact_int(x)) return range_contains_int(RANGE(self), x);
    Value it = obj_iter(self);
    if (it == VAL_NULL) return -1;
    for (;;) {
        Value item = obj_next(it);
        if (item == VAL_NULL) return err_occurred() ? -1 : 0;
        int eq = obj_eq(item, x);
        if (eq != 0) return eq;
    }
}

static Value range_m_count(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("range.count", kwnames) < 0) return VAL_NULL;
    if (check_one_arg("range.count", nargs - 1) < 0) return VAL_NULL;
    if (is_exact_int(args[1])) {
        int r = range_contains_int(RANGE(args[0]), args[1]);
        return r < 0 ? VAL_NULL : val_from_smallint(r);
    }
    Value it = obj_iter(args[0]);
    if (it == VAL_NULL) return VAL_NULL;
    int64_t count = 0;
    for (;;) {
        Value item = obj_next(it);
        if (item == VAL_NULL) return err_occurred() ? VAL_NULL : int_from_i64(count);
        int eq = obj_eq(item, args[1]);
        if (eq < 0) return VAL_NULL;
        count += eq;
    }
}

static Value range_m_index(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("range.index", kwnames) < 0) return VAL_NULL;
    if (check_one_arg("range.index", nargs - 1) < 0) return VAL_NULL;
    RangeObject *r = RANGE(args[0]);
    Value x = args[1];
    if (is_exact_int(x)) {
        int c = range_contains_int(r, x);
        if (c < 0) return VAL_NULL;
        if (c) {
            Value off = int_sub(x, r->start);
            return off ? obj_binary_op(off, r->step, NB_FLOOR_DIVIDE) : VAL_NULL;
        }
        Value msg = str_format_c("%R is not in range", x);
        return msg ? err_set_object(&Exc_ValueError, msg) : VAL_NULL;
    }
    Value it = obj_iter(args[0]);
    if (it == VAL_NULL) return VAL_NULL;
    for (int64_t i = 0;; i++) {
        Value item = obj_next(it);
        if (item == VAL_NULL) {
            if (err_occurred()) return VAL_NULL;
            return err_format(&Exc_ValueError, "sequence.index(x): x not in sequence");
        }
        int eq = obj_eq(item, x);
        if (eq < 0) return VAL_NULL;
        if (eq) return int_from_i64(i);
    }
}

/* ---- object protocol ---- */

static Value range_repr(Value self) {
    RangeObject *r = RANGE(self);
    if (r->step == val_from_smallint(1)) return str_format_c("range(%R, %R)", r->start, r->stop);
    return str_format_c("range(%R, %R, %R)", r->start, r->stop, r->step);
}

/* Ranges are equal when they produce the same sequence. */
static int range_equal(RangeObject *a, RangeObject *b) {
    if (a == b) return 1;
    int eq = obj_eq(a->length, b->length);
    if (eq <= 0) return eq;
    if (int_sign(a->length) == 0) return 1;
    eq = obj_eq(a->start, b->start);
    if (eq <= 0) return eq;
    if (a->length == val_from_smallint(1)) return 1;
    return obj_eq(a->step, b->step);
}

static Value range_richcompare(Value a, Value b, int op) {
    if (!val_is_type_exact(b, &Range_Type) || (op != CMP_EQ && op != CMP_NE)) return VAL_NOTIMPL;
    int eq = range_equal(RANGE(a), RANGE(b));
    if (eq < 0) return VAL_NULL;
    return val_bool(op == CMP_EQ ? eq : !eq);
}

/* CPython hashes (len, start, step) with None for what does not matter. */
static int range_hash(Value self, int64_t *out) {
    RangeObject *r = RANGE(self);
    Value start = VAL_NONE, step = VAL_NONE;
    if (int_sign(r->length) != 0) {
        start = r->start;
        if (r->length != val_from_smallint(1)) step = r->step;
    }
    Value t = tuple_pack(3, r->length, start, step);
    if (t == VAL_NULL) return -1;
    return obj_hash(t, out);
}

/* ---- iteration ---- */

typedef struct LongRangeIterObject {
    Object base;
    Value next, step, remaining;
} LongRangeIterObject;

static Value make_iter(Value start, Value step, Value length) {
    int64_t a, s, n;
    if (int_as_i64(start, &a) && int_as_i64(step, &s) && int_as_i64(length, &n)) {
        __int128 last = (__int128)a + (__int128)(n > 0 ? n - 1 : 0) * s;
        if (last >= INT64_MIN && last <= INT64_MAX) {
            RangeIterObject *it = obj_alloc(&RangeIter_Type, sizeof(RangeIterObject));
            if (!it) return err_no_memory();
            it->next = a;
            it->step = s;
            it->remaining = (uint64_t)n;
            return val_from_ptr(it);
        }
    }
    LongRangeIterObject *it = obj_alloc(&LongRangeIter_Type, sizeof(LongRangeIterObject));
    if (!it) return err_no_memory();
    it->next = start;
    it->step = step;
    it->remaining = length;
    return val_from_ptr(it);
}

static Value range_tp_iter(Value self) {
    RangeObject *r = RANGE(self);
    return make_iter(r->start, r->step, r->length);
}

static Value range_m_reversed(Value *args, size_t nargs, Value kwnames) {
    if (check_no_args("range.__reversed__", nargs - 1) < 0) return VAL_NULL;
    RangeObject *r = RANGE(args[0]);
    if (int_sign(r->length) == 0) return make_iter(r->start, r->step, r->length);
    Value last_index = int_sub(r->length, val_from_smallint(1));
    if (last_index == VAL_NULL) return VAL_NULL;
    Value last = range_item_at(r, last_index);
    Value step = obj_negative(r->step);
    if (!last || !step) return VAL_NULL;
    return make_iter(last, step, r->length);
}

static Value rangeiter_next(Value self) {
    RangeIterObject *it = val_as_ptr(self);
    if (it->remaining == 0) return VAL_NULL;
    int64_t v = it->next;
    it->remaining--;
    /* unsigned add: stepping past the last value may leave int64 */
    it->next = (int64_t)((uint64_t)v + (uint64_t)it->step);
    if (smallint_fits(v)) return val_from_smallint(v);
    return int_from_i64(v);
}

static Value rangeiter_length_hint(Value *args, size_t nargs, Value kwnames) {
    return int_from_u64(((RangeIterObject *)val_as_ptr(args[0]))->remaining);
}

static Value longrangeiter_next(Value self) {
    LongRangeIterObject *it = val_as_ptr(self);
    if (int_sign(it->remaining) <= 0) return VAL_NULL;
    Value v = it->next;
    Value next = int_add(v, it->step);
    Value rem = int_sub(it->remaining, val_from_smallint(1));
    if (!next || !rem) return VAL_NULL;
    it->next = next;
    it->remaining = rem;
    return v;
}

static Value longrangeiter_length_hint(Value *args, size_t nargs, Value kwnames) {
    return ((LongRangeIterObject *)val_as_ptr(args[0]))->remaining;
}

static const MethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_length_hint, METH_DEFAULT, NULL},
    {NULL},
};

static const MethodDef longrangeiter_methods[] = {
    {"__length_hint__", longrangeiter_length_hint, METH_DEFAULT, NULL},
    {NULL},
};

Type RangeIter_Type = {
    .base = {&Type_Type},
    .name = "range_iterator",
    .basicsize = sizeof(RangeIterObject),
    .tp_iter = iter_self,
    .tp_iternext = rangeiter_next,
    .methods = rangeiter_methods,
};

Type LongRangeIter_Type = {
    .base = {&Type_Type},
    .name = "longrange_iterator",
    .basicsize = sizeof(LongRangeIterObject),
    .tp_iter = iter_self,
    .tp_iternext = longrangeiter_next,
    .methods = longrangeiter_methods,
};

static Value range_get_start(Value self) { return RANGE(self)->start; }
static Value range_get_stop(Value self) { return RANGE(self)->stop; }
static Value range_get_step(Value self) { return RANGE(self)->step; }

static const GetSetDef range_getset[] = {
    {"start", range_get_start, NULL},
    {"stop", range_get_stop, NULL},
    {"step", range_get_step, NULL},
    {NULL},
};

static const MethodDef range_methods[] = {
    {"count", range_m_count, METH_DEFAULT, "rangeobject.count(value) -> integer -- return number of occurrences of value"},
    {"index", range_m_index, METH_DEFAULT, "rangeobject.index(value) -> integer -- return index of value.\nRaise ValueError if the value is not present."},
    {"__reversed__", range_m_reversed, METH_DEFAULT, "Return a reverse iterator."},
    {NULL},
};

Type Range_Type = {
    .base = {&Type_Type},
    .name = "range",
    .basicsize = sizeof(RangeObject),
    .doc = "range(stop) -> range object\nrange(start, stop[, step]) -> range object\n\nReturn an object that produces a sequence of integers from start (inclusive)\nto stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\nstart defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\nThese are exactly the valid indices for a list of 4 elements.\nWhen step is given, it specifies the increment (or decrement).",
    .tp_new = range_tp_new,
    .tp_repr = range_repr,
    .tp_hash = range_hash,
    .tp_richcompare = range_richcompare,
    .tp_iter = range_tp_iter,
    .nb_bool = range_bool,
    .sq_length = range_len,
    .mp_subscript = range_subscript,
    .sq_contains = range_contains,
    .methods = range_methods,
    .getset = range_getset,
};
