/* slice.c — slice objects and the index arithmetic every sequence shares
 * (CPython's PySlice_Unpack / PySlice_AdjustIndices semantics). */
#include "slice.h"

#include "../vm/error.h"
#include "int.h"
#include "iterobject.h"
#include "str.h"
#include "tuple.h"

Value slice_new(Value start, Value stop, Value step) {
    SliceObject *s = obj_alloc(&Slice_Type, sizeof(SliceObject));
    if (!s) return err_no_memory();
    s->start = start ? start : VAL_NONE;
    s->stop = stop ? stop : VAL_NONE;
    s->step = step ? step : VAL_NONE;
    return val_from_ptr(s);
}

int slice_unpack(Value slice, int64_t *start, int64_t *stop, int64_t *step) {
    SliceObject *s = SLICE(slice);
    if (s->step == VAL_NONE) {
        *step = 1;
    } else {
        if (slice_index_clamped(s->step, step) < 0) return -1;
        if (*step == 0)
            return err_format_int(&Exc_ValueError, "slice step cannot be zero");
        /* so that -step cannot overflow in the callers' arithmetic */
        if (*step < -INT64_MAX) *step = -INT64_MAX;
    }
    if (s->start == VAL_NONE) {
        *start = *step < 0 ? INT64_MAX : 0;
    } else if (slice_index_clamped(s->start, start) < 0) {
        return -1;
    }
    if (s->stop == VAL_NONE) {
        *stop = *step < 0 ? INT64_MIN : INT64_MAX;
    } else if (slice_index_clamped(s->stop, stop) < 0) {
        return -1;
    }
    return 0;
}

static void clip_index(int64_t *index, int64_t length, int64_t step) {
    if (*index < 0) {
        *index += length;
        if (*index < 0) *index = step < 0 ? -1 : 0;
    } else if (*index >= length) {
        *index = step < 0 ? length - 1 : length;
    }
}

int64_t slice_adjust(int64_t length, int64_t *start, int64_t *stop, int64_t step) {
    clip_index(start, length, step);
    clip_index(stop, length, step);
    if (step < 0) {
        if (*stop < *start) return (int64_t)((uint64_t)(*start - *stop - 1) / (uint64_t)(-step)) + 1;
    } else if (*start < *stop) {
        return (int64_t)((uint64_t)(*stop - *start - 1) / (uint64_t)step) + 1;
    }
    return 0;
}

/* ---- Python-level behaviour ---- */

static Value slice_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("slice", kwnames) < 0) return VAL_NULL;
    if (check_positional("slice", nargs, 1, 3) < 0) return VAL_NULL;
    if (nargs == 1) return slice_new(VAL_NONE, args[0], VAL_NONE);
    return slice_new(args[0], args[1], nargs == 3 ? args[2] : VAL_NONE);
}

static Value slice_repr(Value self) {
    SliceObject *s = SLICE(self);
    return str_format_c("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

static Value slice_as_tuple(Value self) {
    SliceObject *s = SLICE(self);
    return tuple_pack(3, s->start, s->stop, s->step);
}

static Value slice_richcompare(Value a, Value b, int op) {
    if (!val_is_type_exact(a, &Slice_Type) || !val_is_type_exact(b, &Slice_Type))
        return VAL_NOTIMPL;
    if (a == b && (op == CMP_EQ || op == CMP_NE)) return val_bool(op == CMP_EQ);
    Value ta = slice_as_tuple(a), tb = slice_as_tuple(b);
    if (!ta || !tb) return VAL_NULL;
    return obj_richcompare(ta, tb, op);
}

/* CPython hashes a slice like the tuple (start, stop, step) but without
 * mixing in the length. */
static int slice_hash(Value self, int64_t *out) {
    SliceObject *s = SLICE(self);
    Value parts[3] = {s->start, s->stop, s->step};
    uint64_t acc = 2870177450012600261ULL;
    for (int i = 0; i < 3; i++) {
        int64_t h;
        if (obj_hash(parts[i], &h) < 0) return -1;
        acc += (uint64_t)h * 14029467366897019727ULL;
        acc = (acc << 31) | (acc >> 33);
        acc *= 11400714785074694791ULL;
    }
    *out = acc == (uint64_t)-1 ? 1546275796 : (int64_t)acc;
    return 0;
}

/* slice.indices(length) with the length and values in int64. */
static Value slice_indices(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("slice.indices", kwnames) < 0) return VAL_NULL;
    if (check_one_arg("slice.indices", nargs - 1) < 0) return VAL_NULL;
    int64_t length;
    if (obj_index_i64(args[1], &length) < 0) return VAL_NULL;
    if (length < 0) return err_format(&Exc_ValueError, "length should not be negative");
    int64_t start, stop, step;
    if (slice_unpack(args[0], &start, &stop, &step) < 0) return VAL_NULL;
    slice_adjust(length, &start, &stop, step);
    return tuple_pack(3, int_from_i64(start), int_from_i64(stop), int_from_i64(step));
}

static Value slice_get_start(Value self) { return SLICE(self)->start; }
static Value slice_get_stop(Value self) { return SLICE(self)->stop; }
static Value slice_get_step(Value self) { return SLICE(self)->step; }

static const MethodDef slice_methods[] = {
    {"indices", slice_indices, METH_DEFAULT,
     "S.indices(len) -> (start, stop, stride)\n\nAssuming a sequence of length len, calculate the start and stop\nindices, and the stride length of the extended slice described by\nS. Out of bounds indices are clipped in a manner consistent with the\nhandling of normal slices."},
    {NULL},
};

static const GetSetDef slice_getset[] = {
    {"start", slice_get_start, NULL},
    {"stop", slice_get_stop, NULL},
    {"step", slice_get_step, NULL},
    {NULL},
};

Type Slice_Type = {
    .base = {&Type_Type},
    .name = "slice",
    .basicsize = sizeof(SliceObject),
    .doc = "slice(stop)\nslice(start, stop[, step])\n\nCreate a slice object.  This is used for extended slicing (e.g. a[0:10:2]).",
    .tp_new = slice_tp_new,
    .tp_repr = slice_repr,
    .tp_hash = slice_hash,
    .tp_richcompare = slice_richcompare,
    .methods = slice_methods,
    .getset = slice_getset,
};
