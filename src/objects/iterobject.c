/* iterobject.c — the generic iterators (sequence and callable iterators),
 * the builtin iterator types enumerate/zip/map/filter/reversed, helpers
 * shared by the container files, and containers_init. */
#include "iterobject.h"

#include <stdarg.h>

#include "../vm/error.h"
#include "int.h"
#include "list.h"
#include "str.h"
#include "tuple.h"

/* ------------------------------------------------------------------ */
/* shared helpers                                                      */

int key_hash(Value key, int64_t *out) {
    if (val_is_smallint(key)) {
        int64_t i = val_as_smallint(key);
        *out = i == -1 ? -2 : i;
        return 0;
    }
    if (val_is_str_exact(key)) {
        int64_t h = STR(key)->hash;
        *out = h != -1 ? h : str_hash(key);
        return 0;
    }
    return obj_hash(key, out);
}

int key_equal(Value stored, Value key) {
    if (stored == key) return 1;
    if (val_is_str_exact(stored) && val_is_str_exact(key)) return str_eq(stored, key);
    if (val_both_smallint(stored, key)) return 0;
    return obj_eq(stored, key);
}

/* Objects whose repr is in progress (a stack: reprs nest). */
static Value *repr_stack;
static size_t repr_depth, repr_capacity;

int repr_enter(Value v) {
    for (size_t i = 0; i < repr_depth; i++)
        if (repr_stack[i] == v) return 1;
    if (repr_depth == repr_capacity) {
        size_t cap = repr_capacity ? repr_capacity * 2 : 16;
        Value *grown = gc_alloc(cap * sizeof(Value));
        if (!grown) { err_no_memory(); return -1; }
        if (repr_depth) memcpy(grown, repr_stack, repr_depth * sizeof(Value));
        repr_stack = grown;
        repr_capacity = cap;
    }
    repr_stack[repr_depth++] = v;
    return 0;
}

void repr_leave(Value v) {
    /* Normally v is on top; search anyway so an unbalanced caller cannot
     * leave a stale entry that would hide a later repr. */
    for (size_t i = repr_depth; i > 0; i--) {
        if (repr_stack[i - 1] == v) {
            memmove(&repr_stack[i - 1], &repr_stack[i], (repr_depth - i) * sizeof(Value));
            repr_depth--;
            repr_stack[repr_depth] = VAL_NULL;
            return;
        }
    }
}

Value iter_self(Value v) { return v; }

int hash_unhashable(Value self, int64_t *out) {
    (void)out;
    return err_format_int(&Exc_TypeError, "unhashable type: '%s'", val_type_name(self));
}

int check_no_kwargs(const char *qualname, Value kwnames) {
    if (kwnames != VAL_NULL && tuple_size(kwnames) > 0)
        return err_format_int(&Exc_TypeError, "%s() takes no keyword arguments", qualname);
    return 0;
}

int check_one_arg(const char *qualname, size_t nargs) {
    if (nargs != 1)
        return err_format_int(&Exc_TypeError, "%s() takes exactly one argument (%zu given)",
                              qualname, nargs);
    return 0;
}

int check_no_args(const char *qualname, size_t nargs) {
    if (nargs != 0)
        return err_format_int(&Exc_TypeError, "%s() takes no arguments (%zu given)", qualname,
                              nargs);
    return 0;
}

int check_positional(const char *name, size_t nargs, size_t min, size_t max) {
    if (nargs < min)
        return err_format_int(&Exc_TypeError, "%s expected %s%zu argument%s, got %zu", name,
                              min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
    if (nargs > max)
        return err_format_int(&Exc_TypeError, "%s expected %s%zu argument%s, got %zu", name,
                              min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
    return 0;
}

static bool has_index(Value v) {
    return val_is_int(v) || val_type(v)->nb_index != NULL;
}

int seq_index_of(Value key, int64_t *out) {
    if (val_is_smallint(key)) {
        *out = val_as_smallint(key);
        return 0;
    }
    if (!has_index(key)) return 1;
    Value i = obj_index(key);
    if (i == VAL_NULL) return -1;
    if (!int_as_i64(i, out))
        return err_format_int(&Exc_IndexError, "cannot fit '%s' into an index-sized integer",
                              val_type_name(key));
    return 0;
}

int slice_index_clamped(Value v, int64_t *out) {
    if (val_is_smallint(v)) {
        *out = val_as_smallint(v);
        return 0;
    }
    if (!has_index(v))
        return err_format_int(&Exc_TypeError,
                              "slice indices must be integers or None or have an __index__ method");
    Value i = obj_index(v);
    if (i == VAL_NULL) return -1;
    if (!int_as_i64(i, out)) *out = int_sign(i) < 0 ? INT64_MIN : INT64_MAX;
    return 0;
}

int seq_repeat_count(Value n, int64_t *out) {
    if (val_is_smallint(n)) {
        *out = val_as_smallint(n);
        return 0;
    }
    if (!has_index(n)) {
        Type *t = val_type(n);
        /* A class with __rmul__ gets its chance through the abstract layer. */
        if ((t->flags & TPFLAG_HEAPTYPE) && t->nb_binary[NB_MULTIPLY]) return 1;
        return err_format_int(&Exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                              type_name(t));
    }
    Value i = obj_index(n);
    if (i == VAL_NULL) return -1;
    if (!int_as_i64(i, out))
        return err_format_int(&Exc_OverflowError, "cannot fit '%s' into an index-sized integer",
                              val_type_name(n));
    return 0;
}

Value raise_key_error(Value key) {
    Value exc = exc_new(&Exc_KeyError, &key, 1);
    if (exc == VAL_NULL) return VAL_NULL;
    return err_raise(exc);
}

bool err_clear_if(Type *type) {
    if (err_occurred() != VAL_NULL && err_matches(type)) {
        err_clear();
        return true;
    }
    return false;
}

/* Allocate an instance of a possibly subclassed fixed-size type. */
static void *alloc_instance(Type *type, size_t size) {
    size_t want = type->basicsize > size ? type->basicsize : size;
    void *o = obj_alloc(type, want);
    if (!o) err_no_memory();
    return o;
}

static Value kwarg_name_at(Value kwnames, size_t i) { return tuple_items(kwnames)[i]; }
static size_t kwarg_count(Value kwnames) { return kwnames ? tuple_size(kwnames) : 0; }

/* ------------------------------------------------------------------ */
/* sequence iterator: iter(obj) when obj only has __getitem__          */

typedef struct SeqIterObject {
    Object base;
    Value seq;        /* VAL_NULL once exhausted */
    int64_t index;
} SeqIterObject;

Value seqiter_new(Value seq) {
    SeqIterObject *it = alloc_instance(&SeqIter_Type, sizeof(SeqIterObject));
    if (!it) return VAL_NULL;
    it->seq = seq;
    return val_from_ptr(it);
}

static Value seqiter_next(Value self) {
    SeqIterObject *it = val_as_ptr(self);
    if (it->seq == VAL_NULL) return VAL_NULL;
    Value item = obj_getitem(it->seq, int_from_i64(it->index));
    if (item == VAL_NULL) {
        if (err_clear_if(&Exc_IndexError) || err_clear_if(&Exc_StopIteration))
            it->seq = VAL_NULL;
        return VAL_NULL;
    }
    it->index++;
    return item;
}

Type SeqIter_Type = {
    .base = {&Type_Type},
    .name = "iterator",
    .basicsize = sizeof(SeqIterObject),
    .tp_iter = iter_self,
    .tp_iternext = seqiter_next,
};

/* ------------------------------------------------------------------ */
/* callable iterator: iter(callable, sentinel)                         */

typedef struct CallIterObject {
    Object base;
    Value callable;   /* VAL_NULL once exhausted */
    Value sentinel;
} CallIterObject;

Value calliter_new(Value callable, Value sentinel) {
    CallIterObject *it = alloc_instance(&CallIter_Type, sizeof(CallIterObject));
    if (!it) return VAL_NULL;
    it->callable = callable;
    it->sentinel = sentinel;
    return val_from_ptr(it);
}

static Value calliter_next(Value self) {
    CallIterObject *it = val_as_ptr(self);
    if (it->callable == VAL_NULL) return VAL_NULL;
    Value result = obj_call0(it->callable);
    if (result == VAL_NULL) {
        if (err_clear_if(&Exc_StopIteration)) it->callable = VAL_NULL;
        return VAL_NULL;
    }
    int eq = obj_eq(it->sentinel, result);
    if (eq < 0) return VAL_NULL;
    if (eq) {
        it->callable = VAL_NULL;
        return VAL_NULL;
    }
    return result;
}

Type CallIter_Type = {
    .base = {&Type_Type},
    .name = "callable_iterator",
    .basicsize = sizeof(CallIterObject),
    .tp_iter = iter_self,
    .tp_iternext = calliter_next,
};

/* ------------------------------------------------------------------ */
/* enumerate(iterable, start=0)                                        */

typedef struct EnumerateObject {
    Object base;
    Value iter;
    int64_t count;    /* used while big_count is NULL */
    Value big_count;  /* the count once it left int64 */
} EnumerateObject;

static Value enumerate_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    size_t nkw = kwarg_count(kwnames);
    if (nargs + nkw > 2)
        return err_format(&Exc_TypeError, "enumerate() takes at most 2 arguments (%zu given)",
                          nargs + nkw);
    Value iterable = nargs > 0 ? args[0] : VAL_NULL;
    Value start = nargs > 1 ? args[1] : VAL_NULL;
    for (size_t i = 0; i < nkw; i++) {
        Value name = kwarg_name_at(kwnames, i);
        Value *slot = NULL;
        const char *s = str_data(name);
        if (strcmp(s, "iterable") == 0) slot = &iterable;
        else if (strcmp(s, "start") == 0) slot = &start;
        if (!slot)
            return err_format(&Exc_TypeError,
                              "enumerate() got an unexpected keyword argument '%s'", s);
        if (*slot != VAL_NULL)
            return err_format(&Exc_TypeError,
                              "argument for enumerate() given by name ('%s') and position (%d)",
                              s, slot == &iterable ? 1 : 2);
        *slot = args[nargs + i];
    }
    if (iterable == VAL_NULL)
        return err_format(&Exc_TypeError, "enumerate() missing required argument 'iterable'");
    Value iter = obj_iter(iterable);
    if (iter == VAL_NULL) return VAL_NULL;
    EnumerateObject *en = alloc_instance(type, sizeof(EnumerateObject));
    if (!en) return VAL_NULL;
    en->iter = iter;
    if (start != VAL_NULL) {
        Value s = obj_index(start);
        if (s == VAL_NULL) return VAL_NULL;
        if (!int_as_i64(s, &en->count)) en->big_count = s;
    }
    return val_from_ptr(en);
}

static Value enumerate_next(Value self) {
    EnumerateObject *en = val_as_ptr(self);
    Value item = obj_next(en->iter);
    if (item == VAL_NULL) return VAL_NULL;
    Value index;
    if (en->big_count == VAL_NULL) {
        index = int_from_i64(en->count);
        if (en->count == INT64_MAX) en->big_count = obj_binary_op(index, val_from_smallint(1), NB_ADD);
        else en->count++;
    } else {
        index = en->big_count;
        en->big_count = obj_binary_op(index, val_from_smallint(1), NB_ADD);
    }
    if (index == VAL_NULL) return VAL_NULL;
    return tuple_pack(2, index, item);
}

Type Enumerate_Type = {
    .base = {&Type_Type},
    .name = "enumerate",
    .basicsize = sizeof(EnumerateObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "Return an enumerate object.",
    .tp_new = enumerate_new,
    .tp_iter = iter_self,
    .tp_iternext = enumerate_next,
};

/* ------------------------------------------------------------------ */
/* zip(*iterables, strict=False)                                       */

typedef struct ZipObject {
    Object base;
    Value iters;      /* tuple of iterators */
    bool strict;
    bool done;
} ZipObject;

/* A tuple of iter(x) for every x in args. */
static Value iter_all(Value *args, size_t n) {
    Value iters = tuple_new(n);
    if (iters == VAL_NULL) return VAL_NULL;
    for (size_t i = 0; i < n; i++) {
        Value it = obj_iter(args[i]);
        if (it == VAL_NULL) return VAL_NULL;
        tuple_items(iters)[i] = it;
    }
    return iters;
}

static Value zip_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    bool strict = false;
    for (size_t i = 0; i < kwarg_count(kwnames); i++) {
        const char *s = str_data(kwarg_name_at(kwnames, i));
        if (strcmp(s, "strict") != 0)
            return err_format(&Exc_TypeError, "zip() got an unexpected keyword argument '%s'", s);
        int t = obj_truthy(args[nargs + i]);
        if (t < 0) return VAL_NULL;
        strict = t;
    }
    Value iters = iter_all(args, nargs);
    if (iters == VAL_NULL) return VAL_NULL;
    ZipObject *z = alloc_instance(type, sizeof(ZipObject));
    if (!z) return VAL_NULL;
    z->iters = iters;
    z->strict = strict;
    return val_from_ptr(z);
}

static const char *arg_plural(size_t i) { return i == 1 ? " " : "s 1-"; }

/* Iterator i (> 0) ran out while 0..i-1 did not, or iterator 0 ran out
 * and the others must be exhausted too: the strict=True checks. */
static Value zip_strict_fail(ZipObject *z, size_t i) {
    if (i > 0)
        return err_format(&Exc_ValueError, "zip() argument %zu is shorter than argument%s%zu",
                          i + 1, arg_plural(i), i);
    size_t n = tuple_size(z->iters);
    for (i = 1; i < n; i++) {
        Value item = obj_next(tuple_items(z->iters)[i]);
        if (item != VAL_NULL)
            return err_format(&Exc_ValueError, "zip() argument %zu is longer than argument%s%zu",
                              i + 1, arg_plural(i), i);
        if (err_occurred()) return VAL_NULL;
    }
    return VAL_NULL;
}

static Value zip_next(Value self) {
    ZipObject *z = val_as_ptr(self);
    size_t n = tuple_size(z->iters);
    if (n == 0 || z->done) return VAL_NULL;
    Value result = tuple_new(n);
    if (result == VAL_NULL) return VAL_NULL;
    for (size_t i = 0; i < n; i++) {
        Value item = obj_next(tuple_items(z->iters)[i]);
        if (item == VAL_NULL) {
            z->done = true;
            if (err_occurred()) return VAL_NULL;
            if (z->strict) return zip_strict_fail(z, i);
            return VAL_NULL;
        }
        tuple_items(result)[i] = item;
    }
    return result;
}

Type Zip_Type = {
    .base = {&Type_Type},
    .name = "zip",
    .basicsize = sizeof(ZipObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "The zip object yields n-length tuples, where n is the number of iterables\n"
           "passed as positional arguments to zip().",
    .tp_new = zip_new,
    .tp_iter = iter_self,
    .tp_iternext = zip_next,
};

/* ------------------------------------------------------------------ */
/* map(func, *iterables)                                               */

typedef struct MapObject {
    Object base;
    Value func;
    Value iters;      /* tuple of iterators */
} MapObject;

static Value map_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("map", kwnames) < 0) return VAL_NULL;
    if (nargs < 2) return err_format(&Exc_TypeError, "map() must have at least two arguments.");
    Value iters = iter_all(args + 1, nargs - 1);
    if (iters == VAL_NULL) return VAL_NULL;
    MapObject *m = alloc_instance(type, sizeof(MapObject));
    if (!m) return VAL_NULL;
    m->func = args[0];
    m->iters = iters;
    return val_from_ptr(m);
}

static Value map_next(Value self) {
    MapObject *m = val_as_ptr(self);
    size_t n = tuple_size(m->iters);
    Value small[8];
    Value *argv = n <= 8 ? small : gc_alloc(n * sizeof(Value));
    if (!argv) return err_no_memory();
    for (size_t i = 0; i < n; i++) {
        argv[i] = obj_next(tuple_items(m->iters)[i]);
        if (argv[i] == VAL_NULL) return VAL_NULL;
    }
    return obj_call(m->func, argv, n, VAL_NULL);
}

Type Map_Type = {
    .base = {&Type_Type},
    .name = "map",
    .basicsize = sizeof(MapObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "Make an iterator that computes the function using arguments from\n"
           "each of the iterables.  Stops when the shortest iterable is exhausted.",
    .tp_new = map_new,
    .tp_iter = iter_self,
    .tp_iternext = map_next,
};

/* ------------------------------------------------------------------ */
/* filter(function or None, iterable)                                  */

typedef struct FilterObject {
    Object base;
    Value func;       /* None or bool: plain truth test */
    Value iter;
} FilterObject;

static Value filter_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("filter", kwnames) < 0) return VAL_NULL;
    if (check_positional("filter", nargs, 2, 2) < 0) return VAL_NULL;
    Value iter = obj_iter(args[1]);
    if (iter == VAL_NULL) return VAL_NULL;
    FilterObject *f = alloc_instance(type, sizeof(FilterObject));
    if (!f) return VAL_NULL;
    f->func = args[0];
    f->iter = iter;
    return val_from_ptr(f);
}

static Value filter_next(Value self) {
    FilterObject *f = val_as_ptr(self);
    bool plain = f->func == VAL_NONE || f->func == val_from_ptr(&Bool_Type);
    for (;;) {
        Value item = obj_next(f->iter);
        if (item == VAL_NULL) return VAL_NULL;
        Value test = item;
        if (!plain) {
            test = obj_call1(f->func, item);
            if (test == VAL_NULL) return VAL_NULL;
        }
        int ok = obj_truthy(test);
        if (ok < 0) return VAL_NULL;
        if (ok) return item;
    }
}

Type Filter_Type = {
    .base = {&Type_Type},
    .name = "filter",
    .basicsize = sizeof(FilterObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "Return an iterator yielding those items of iterable for which function(item)\n"
           "is true. If function is None, return the items that are true.",
    .tp_new = filter_new,
    .tp_iter = iter_self,
    .tp_iternext = filter_next,
};

/* ------------------------------------------------------------------ */
/* reversed(seq)                                                       */

typedef struct ReversedObject {
    Object base;
    Value seq;        /* VAL_NULL once exhausted */
    int64_t index;    /* next index to fetch; -1: done */
} ReversedObject;

static Value reversed_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    if (type == &Reversed_Type && check_no_kwargs("reversed", kwnames) < 0) return VAL_NULL;
    if (check_positional("reversed", nargs, 1, 1) < 0) return VAL_NULL;
    Value seq = args[0];
    if (type == &Reversed_Type && val_is_type_exact(seq, &List_Type)) return list_reviter_new(seq);
    Type *st = val_type(seq);
    Value rev = type_lookup(st, name___reversed__);
    if (rev == VAL_NONE)
        return err_format(&Exc_TypeError, "'%s' object is not reversible", type_name(st));
    if (rev != VAL_NULL) return obj_call_method(seq, "__reversed__", NULL, 0);
    if (!st->mp_subscript || !st->sq_length || (st->flags & TPFLAG_DICT_SUBCLASS))
        return err_format(&Exc_TypeError, "'%s' object is not reversible", type_name(st));
    int64_t n = obj_len(seq);
    if (n < 0) return VAL_NULL;
    ReversedObject *r = alloc_instance(type, sizeof(ReversedObject));
    if (!r) return VAL_NULL;
    r->seq = seq;
    r->index = n - 1;
    return val_from_ptr(r);
}

static Value reversed_next(Value self) {
    ReversedObject *r = val_as_ptr(self);
    if (r->seq == VAL_NULL || r->index < 0) return VAL_NULL;
    Value item = obj_getitem(r->seq, int_from_i64(r->index));
    if (item == VAL_NULL) {
        if (err_clear_if(&Exc_IndexError) || err_clear_if(&Exc_StopIteration)) {
            r->seq = VAL_NULL;
            r->index = -1;
        }
        return VAL_NULL;
    }
    if (--r->index < 0) r->seq = VAL_NULL;
    return item;
}

static Value reversed_length_hint(Value *args, size_t nargs, Value kwnames) {
    ReversedObject *r = val_as_ptr(args[0]);
    if (r->seq == VAL_NULL) return val_from_smallint(0);
    int64_t n = obj_len(r->seq);
    if (n < 0) return VAL_NULL;
    return int_from_i64(n < r->index + 1 ? 0 : r->index + 1);
}

static const MethodDef reversed_methods[] = {
    {"__length_hint__", reversed_length_hint, METH_DEFAULT, NULL},
    {NULL},
};

Type Reversed_Type = {
    .base = {&Type_Type},
    .name = "reversed",
    .basicsize = sizeof(ReversedObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "Return a reverse iterator over the values of the given sequence.",
    .tp_new = reversed_new,
    .tp_iter = iter_self,
    .tp_iternext = reversed_next,
    .methods = reversed_methods,
};

/* ------------------------------------------------------------------ */
/* containers_init                                                     */

void containers_init(void) {
    static Type *const internal_types[] = {
        &SeqIter_Type, &CallIter_Type, &Enumerate_Type, &Zip_Type, &Map_Type,
        &Filter_Type, &Reversed_Type, &ListIter_Type, &ListRevIter_Type,
        &TupleIter_Type, &RangeIter_Type, &LongRangeIter_Type, &DictKeyIter_Type,
        &DictValueIter_Type, &DictItemIter_Type, &DictRevKeyIter_Type,
        &DictRevValueIter_Type, &DictRevItemIter_Type, &DictKeys_Type,
        &DictValues_Type, &DictItems_Type, &SetIter_Type,
    };
    for (size_t i = 0; i < sizeof internal_types / sizeof internal_types[0]; i++)
        type_ready(internal_types[i]);
    /* The empty tuple is a static singleton (tuple.c), usable before this
     * runs because typesys_init builds mro tuples first. */
}
