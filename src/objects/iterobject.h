/* iterobject.h — iterator types and the container internals shared by
 * list.c, tuple.c, dict.c, dictviews.c, set.c, range.c and iterobject.c.
 *
 * Public part: the generic iterators (sequence iterator, callable iterator)
 * and the five builtin iterator types (enumerate, zip, map, filter,
 * reversed), which the builtins module exposes.
 *
 * Internal part: iterator layouts the specialising interpreter may want to
 * inline (FOR_ITER_LIST, FOR_ITER_RANGE, FOR_ITER_TUPLE), the dict views,
 * and small helpers (key hashing/equality, repr recursion guard, argument
 * checks with CPython's wording).
 */
#ifndef KRAIT_ITEROBJECT_H
#define KRAIT_ITEROBJECT_H

#include "object.h"

/* iter(seq) for objects that only have __getitem__. */
Value seqiter_new(Value seq);
/* iter(callable, sentinel). */
Value calliter_new(Value callable, Value sentinel);

extern Type Enumerate_Type, Zip_Type, Map_Type, Filter_Type, Reversed_Type;
extern Type SeqIter_Type, CallIter_Type;

/* ---- container iterators (readied by containers_init) ---- */
extern Type ListIter_Type, ListRevIter_Type, TupleIter_Type;
extern Type RangeIter_Type, LongRangeIter_Type;
extern Type DictKeyIter_Type, DictValueIter_Type, DictItemIter_Type;
extern Type DictRevKeyIter_Type, DictRevValueIter_Type, DictRevItemIter_Type;
extern Type DictKeys_Type, DictValues_Type, DictItems_Type;
extern Type SetIter_Type;

/* list_iterator / list_reverseiterator / tuple_iterator. seq becomes
 * VAL_NULL once exhausted. For the reverse iterator, index counts down and
 * is the index of the next item + 1 (0: done). */
typedef struct SeqIndexIterObject {
    Object base;
    Value seq;
    size_t index;
} SeqIndexIterObject;

/* range_iterator over int64 values: yields `next`, then next + step, … */
typedef struct RangeIterObject {
    Object base;
    int64_t next;
    int64_t step;
    uint64_t remaining;
} RangeIterObject;

Value list_iter_new(Value list);
Value list_reviter_new(Value list);
Value tuple_iter_new(Value tuple);

/* ---- dict views ---- */
typedef struct DictViewObject {
    Object base;
    Value dict;
} DictViewObject;

Value dictview_new(Type *view_type, Value dict);
/* Iterators over a dict: kind is one of the six DictXxxIter types. */
Value dictiter_new(Type *kind, Value dict);
/* Raw lookup with a precomputed hash: the value or VAL_NULL (error set
 * when a key comparison raised). */
Value dict_get_hashed(Value d, Value key, int64_t hash);
/* Iterate with hashes (for set construction from a dict). */
bool dict_next_hashed(Value d, size_t *pos, Value *key, Value *value, int64_t *hash);

/* ---- sets (set.c) ---- */
Value set_new_from(Type *type, Value iterable); /* iterable may be VAL_NULL */
int set_add(Value set, Value key);
int set_update_from(Value set, Value iterable);
/* `other.method(arg)` for set objects without attribute lookup. */
Value set_difference_update_value(Value set, Value other);
Value set_symmetric_difference_update_value(Value set, Value other);
Value set_intersection_value(Value set, Value other);
static inline bool val_is_anyset(Value v) {
    return val_is_ptr(v) && (type_is_subtype(TYPE(v), &Set_Type) ||
                             type_is_subtype(TYPE(v), &FrozenSet_Type));
}

/* ---- helpers shared by the container files (iterobject.c) ---- */
/* Hash for use as a dict/set key: str and small int fast paths. */
int key_hash(Value key, int64_t *out);
/* a == b for keys already known to have equal hashes: identity, then
 * exact-str and small-int fast paths, then obj_eq. -1 on error. */
int key_equal(Value stored, Value key);
/* Repr recursion guard: 1 when v is already being repr'd (print "[...]"),
 * 0 after entering, -1 on MemoryError. Pair every 0 with repr_leave. */
int repr_enter(Value v);
void repr_leave(Value v);
/* tp_iter of every iterator: returns itself. */
Value iter_self(Value v);
/* tp_hash of unhashable containers: TypeError "unhashable type: 'list'". */
int hash_unhashable(Value self, int64_t *out);
/* Message helpers with CPython's exact wording. `qualname` is "list.append". */
int check_no_kwargs(const char *qualname, Value kwnames);      /* "X() takes no keyword arguments" */
int check_one_arg(const char *qualname, size_t nargs);         /* METH_O: "X() takes exactly one argument (0 given)" */
int check_no_args(const char *qualname, size_t nargs);         /* METH_NOARGS */
/* _PyArg_CheckPositional: "pop expected at most 1 argument, got 2". */
int check_positional(const char *name, size_t nargs, size_t min, size_t max);
/* An index for sequence subscripting: int or __index__; IndexError
 * "cannot fit 'int' into an index-sized integer" when too big.
 * Returns 0 ok, -1 error, 1 if key is not index-like (no error set). */
int seq_index_of(Value key, int64_t *out);
/* __index__ clamped to int64 (CPython's _PyEval_SliceIndex): None not
 * accepted here. -1 on error ("slice indices must be ..."). */
int slice_index_clamped(Value v, int64_t *out);
/* The "can't multiply sequence by non-int" repeat count for seq * n:
 * 0 ok, 1 -> return NotImplemented, -1 error. */
int seq_repeat_count(Value n, int64_t *out);
/* Lexicographic comparison of two item arrays (tuples and lists). */
Value seq_richcompare(const Value *a, size_t na, const Value *b, size_t nb, int op);
/* The result of comparing two sequences whose common prefix is equal. */
Value compare_lengths(size_t na, size_t nb, int op);
/* Optional start/stop arguments of index(): clipped to [0, size]. */
int seq_index_bounds(Value *bounds, size_t nbounds, int64_t size, int64_t *start, int64_t *stop);
/* Raise KeyError(key) (a tuple key is wrapped so it prints right). */
Value raise_key_error(Value key);
/* Is exc a StopIteration / IndexError? Clears it when true. */
bool err_clear_if(Type *type);

#endif
