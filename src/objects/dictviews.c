/* dictviews.c — dict.keys()/values()/items() views, their set operations,
 * and the six dict iterators (forward and reverse over keys, values,
 * items). */
#include "../vm/error.h"
#include "dict.h"
#include "int.h"
#include "iterobject.h"
#include "list.h"
#include "str.h"
#include "tuple.h"

/* ---- iterators ---- */

typedef struct DictIterObject {
    Object base;
    Value dict;         /* VAL_NULL once exhausted */
    int64_t pos;        /* next entry to look at (reverse: counts down) */
    size_t used;        /* dict size when the iterator was made */
    size_t remaining;   /* items still expected */
} DictIterObject;

static bool is_reverse_kind(Type *kind) {
    return kind == &DictRevKeyIter_Type || kind == &DictRevValueIter_Type ||
           kind == &DictRevItemIter_Type;
}

Value dictiter_new(Type *kind, Value dict) {
    DictIterObject *it = obj_alloc(kind, sizeof(DictIterObject));
    if (!it) return err_no_memory();
    it->dict = dict;
    it->used = dict_size(dict);
    it->remaining = it->used;
    it->pos = is_reverse_kind(kind) ? (int64_t)DICT(dict)->nentries - 1 : 0;
    return val_from_ptr(it);
}

/* The next live entry, or NULL when done or on error (then set). */
static DictEntry *dictiter_advance(DictIterObject *it, bool reverse) {
    if (it->dict == VAL_NULL) return NULL;
    DictObject *d = DICT(it->dict);
    if (d->used != it->used) {
        err_format(&Exc_RuntimeError, "dictionary changed size during iteration");
        it->used = (size_t)-1; /* keep failing */
        return NULL;
    }
    DictEntry *e = NULL;
    if (reverse) {
        while (it->pos >= 0 && it->pos < (int64_t)d->nentries) {
            DictEntry *cand = &d->entries[it->pos--];
            if (cand->key != VAL_NULL) {
                e = cand;
                break;
            }
        }
    } else {
        while (it->pos < (int64_t)d->nentries) {
            DictEntry *cand = &d->entries[it->pos++];
            if (cand->key != VAL_NULL) {
                e = cand;
                break;
            }
        }
    }
    if (e && it->remaining == 0) {
        err_format(&Exc_RuntimeError, "dictionary keys changed during iteration");
        e = NULL;
    }
    if (!e) {
        it->dict = VAL_NULL;
        return NULL;
    }
    it->remaining--;
    return e;
}

static Value dictiter_next_key(Value self) {
    DictEntry *e = dictiter_advance(val_as_ptr(self), false);
    return e ? e->key : VAL_NULL;
}
static Value dictiter_next_value(Value self) {
    DictEntry *e = dictiter_advance(val_as_ptr(self), false);
    return e ? e->value : VAL_NULL;
}
static Value dictiter_next_item(Value self) {
    DictEntry *e = dictiter_advance(val_as_ptr(self), false);
    return e ? tuple_pack(2, e->key, e->value) : VAL_NULL;
}
static Value dictiter_prev_key(Value self) {
    DictEntry *e = dictiter_advance(val_as_ptr(self), true);
    return e ? e->key : VAL_NULL;
}
static Value dictiter_prev_value(Value self) {
    DictEntry *e = dictiter_advance(val_as_ptr(self), true);
    return e ? e->value : VAL_NULL;
}
static Value dictiter_prev_item(Value self) {
    DictEntry *e = dictiter_advance(val_as_ptr(self), true);
    return e ? tuple_pack(2, e->key, e->value) : VAL_NULL;
}

static Value dictiter_length_hint(Value *args, size_t nargs, Value kwnames) {
    DictIterObject *it = val_as_ptr(args[0]);
    if (it->dict == VAL_NULL || it->used != dict_size(it->dict)) return val_from_smallint(0);
    return int_from_i64((int64_t)it->remaining);
}

static const MethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_length_hint, METH_DEFAULT, NULL},
    {NULL},
};

#define DICT_ITER_TYPE(cname, pyname, nextfn) \
    Type cname = { \
        .base = {&Type_Type}, \
        .name = pyname, \
        .basicsize = sizeof(DictIterObject), \
        .tp_iter = iter_self, \
        .tp_iternext = nextfn, \
        .methods = dictiter_methods, \
    };

DICT_ITER_TYPE(DictKeyIter_Type, "dict_keyiterator", dictiter_next_key)
DICT_ITER_TYPE(DictValueIter_Type, "dict_valueiterator", dictiter_next_value)
DICT_ITER_TYPE(DictItemIter_Type, "dict_itemiterator", dictiter_next_item)
DICT_ITER_TYPE(DictRevKeyIter_Type, "dict_reversekeyiterator", dictiter_prev_key)
DICT_ITER_TYPE(DictRevValueIter_Type, "dict_reversevalueiterator", dictiter_prev_value)
DICT_ITER_TYPE(DictRevItemIter_Type, "dict_reverseitemiterator", dictiter_prev_item)

/* ---- views: common parts ---- */

#define VIEW(v) ((DictViewObject *)val_as_ptr(v))

Value dictview_new(Type *view_type, Value dict) {
    DictViewObject *v = obj_alloc(view_type, sizeof(DictViewObject));
    if (!v) return err_no_memory();
    v->dict = dict;
    return val_from_ptr(v);
}

static bool is_set_view(Value v) {
    return val_is_type_exact(v, &DictKeys_Type) || val_is_type_exact(v, &DictItems_Type);
}

static int64_t view_len(Value self) { return (int64_t)dict_size(VIEW(self)->dict); }

static Value keys_iter(Value self) { return dictiter_new(&DictKeyIter_Type, VIEW(self)->dict); }
static Value values_iter(Value self) { return dictiter_new(&DictValueIter_Type, VIEW(self)->dict); }
static Value items_iter(Value self) { return dictiter_new(&DictItemIter_Type, VIEW(self)->dict); }

static Value keys_reversed(Value *args, size_t nargs, Value kwnames) {
    return dictiter_new(&DictRevKeyIter_Type, VIEW(args[0])->dict);
}
static Value values_reversed(Value *args, size_t nargs, Value kwnames) {
    return dictiter_new(&DictRevValueIter_Type, VIEW(args[0])->dict);
}
static Value items_reversed(Value *args, size_t nargs, Value kwnames) {
    return dictiter_new(&DictRevItemIter_Type, VIEW(args[0])->dict);
}

/* "dict_keys([1, 2])" */
static Value view_repr(Value self) {
    int rec = repr_enter(self);
    if (rec < 0) return VAL_NULL;
    if (rec > 0) return str_from_cstr("...");
    Value result = VAL_NULL;
    Value list = list_from_iterable(self);
    if (list != VAL_NULL) result = str_format_c("%s(%R)", val_type_name(self), list);
    repr_leave(self);
    return result;
}

static int keys_contains(Value self, Value key) {
    if (dict_get(VIEW(self)->dict, key) != VAL_NULL) return 1;
    return err_occurred() ? -1 : 0;
}

static int items_contains(Value self, Value item) {
    if (!val_is_tuple(item) || tuple_size(item) != 2) return 0;
    Value found = dict_get(VIEW(self)->dict, tuple_items(item)[0]);
    if (found == VAL_NULL) return err_occurred() ? -1 : 0;
    return obj_eq(found, tuple_items(item)[1]);
}

static int view_contains(Value view, Value item) {
    return val_is_type_exact(view, &DictKeys_Type) ? keys_contains(view, item)
                                                  : items_contains(view, item);
}

/* Is every item of a (iterated) contained in b? */
static int all_contained_in(Value a, Value b) {
    Value it = obj_iter(a);
    if (it == VAL_NULL) return -1;
    for (;;) {
        Value item = obj_next(it);
        if (item == VAL_NULL) return err_occurred() ? -1 : 1;
        int r = obj_contains(b, item);
        if (r <= 0) return r;
    }
}

static Value view_richcompare(Value self, Value other, int op) {
    if (!is_set_view(self) || (!val_is_anyset(other) && !is_set_view(other))) return VAL_NOTIMPL;
    int64_t len_self = obj_len(self), len_other = obj_len(other);
    if (len_self < 0 || len_other < 0) return VAL_NULL;
    int ok = 0;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        if (len_self == len_other) ok = all_contained_in(self, other);
        if (ok >= 0 && op == CMP_NE) ok = !ok;
        break;
    case CMP_LT:
        if (len_self < len_other) ok = all_contained_in(self, other);
        break;
    case CMP_LE:
        if (len_self <= len_other) ok = all_contained_in(self, other);
        break;
    case CMP_GT:
        if (len_self > len_other) ok = all_contained_in(other, self);
        break;
    default:
        if (len_self >= len_other) ok = all_contained_in(other, self);
        break;
    }
    return ok < 0 ? VAL_NULL : val_bool(ok);
}

/* ---- set operations on keys and items views ---- */

static Value view_or(Value a, Value b) {
    Value result = set_new_from(&Set_Type, a);
    if (result == VAL_NULL || set_update_from(result, b) < 0) return VAL_NULL;
    return result;
}

static Value view_sub(Value a, Value b) {
    Value result = set_new_from(&Set_Type, a);
    if (result == VAL_NULL || set_difference_update_value(result, b) == VAL_NULL) return VAL_NULL;
    return result;
}

static Value view_and(Value a, Value b) {
    Value self = a, other = b;
    if (!is_set_view(self)) {
        self = b;
        other = a;
    }
    int64_t len_self = obj_len(self);
    if (len_self < 0) return VAL_NULL;
    if (val_is_type_exact(other, &Set_Type)) {
        int64_t len_other = obj_len(other);
        if (len_other < 0) return VAL_NULL;
        if (len_self <= len_other) return set_intersection_value(other, self);
    }
    if (is_set_view(other) && obj_len(other) > len_self) {
        Value t = self;
        self = other;
        other = t;
    }
    Value result = set_new_from(&Set_Type, VAL_NULL);
    if (result == VAL_NULL) return VAL_NULL;
    Value it = obj_iter(other);
    if (it == VAL_NULL) return VAL_NULL;
    for (;;) {
        Value item = obj_next(it);
        if (item == VAL_NULL) return err_occurred() ? VAL_NULL : result;
        int r = view_contains(self, item);
        if (r < 0 || (r && set_add(result, item) < 0)) return VAL_NULL;
    }
}

/* items ^ items: computed through a dict copy so that unhashable values
 * still work, as CPython does. */
static Value items_xor(Value a, Value b) {
    Value d1 = VIEW(a)->dict, d2 = VIEW(b)->dict;
    Value remaining = dict_copy(d1);
    Value result = set_new_from(&Set_Type, VAL_NULL);
    if (remaining == VAL_NULL || result == VAL_NULL) return VAL_NULL;
    size_t pos = 0;
    Value key, v2;
    int64_t hash;
    while (dict_next_hashed(d2, &pos, &key, &v2, &hash)) {
        Value v1 = dict_get_hashed(remaining, key, hash);
        if (v1 == VAL_NULL && err_occurred()) return VAL_NULL;
        int drop = 0;
        if (v1 != VAL_NULL) {
            drop = obj_eq(v1, v2);
            if (drop < 0) return VAL_NULL;
        }
        if (drop) {
            if (dict_del(remaining, key) < 0) return VAL_NULL;
        } else {
            Value pair = tuple_pack(2, key, v2);
            if (pair == VAL_NULL || set_add(result, pair) < 0) return VAL_NULL;
        }
    }
    Value rest = dictview_new(&DictItems_Type, remaining);
    if (rest == VAL_NULL || set_update_from(result, rest) < 0) return VAL_NULL;
    return result;
}

static Value view_xor(Value a, Value b) {
    if (val_is_type_exact(a, &DictItems_Type) && val_is_type_exact(b, &DictItems_Type))
        return items_xor(a, b);
    Value result = set_new_from(&Set_Type, a);
    if (result == VAL_NULL || set_symmetric_difference_update_value(result, b) == VAL_NULL)
        return VAL_NULL;
    return result;
}

static Value view_isdisjoint(Value *args, size_t nargs, Value kwnames) {
    if (check_one_arg("isdisjoint", nargs - 1) < 0) return VAL_NULL;
    Value self = args[0], other = args[1];
    if (self == other) return val_bool(obj_len(self) == 0);
    /* Iterate over the shorter object when both sizes are cheap. */
    if ((val_is_anyset(other) || is_set_view(other)) && obj_len(other) > obj_len(self)) {
        Value t = self;
        self = other;
        other = t;
    }
    Value it = obj_iter(other);
    if (it == VAL_NULL) return VAL_NULL;
    for (;;) {
        Value item = obj_next(it);
        if (item == VAL_NULL) return err_occurred() ? VAL_NULL : VAL_TRUE;
        int r = obj_contains(self, item);
        if (r < 0) return VAL_NULL;
        if (r) return VAL_FALSE;
    }
}

static const MethodDef keys_methods[] = {
    {"isdisjoint", view_isdisjoint, METH_DEFAULT, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", keys_reversed, METH_DEFAULT, "Return a reverse iterator over the dict keys."},
    {NULL},
};

static const MethodDef items_methods[] = {
    {"isdisjoint", view_isdisjoint, METH_DEFAULT, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", items_reversed, METH_DEFAULT, "Return a reverse iterator over the dict items."},
    {NULL},
};

static const MethodDef values_methods[] = {
    {"__reversed__", values_reversed, METH_DEFAULT, "Return a reverse iterator over the dict values."},
    {NULL},
};

Type DictKeys_Type = {
    .base = {&Type_Type},
    .name = "dict_keys",
    .basicsize = sizeof(DictViewObject),
    .tp_repr = view_repr,
    .tp_hash = hash_unhashable,
    .tp_richcompare = view_richcompare,
    .tp_iter = keys_iter,
    .nb_binary = {[NB_OR] = view_or, [NB_AND] = view_and, [NB_SUBTRACT] = view_sub,
                  [NB_XOR] = view_xor},
    .sq_length = view_len,
    .sq_contains = keys_contains,
    .methods = keys_methods,
};

Type DictItems_Type = {
    .base = {&Type_Type},
    .name = "dict_items",
    .basicsize = sizeof(DictViewObject),
    .tp_repr = view_repr,
    .tp_hash = hash_unhashable,
    .tp_richcompare = view_richcompare,
    .tp_iter = items_iter,
    .nb_binary = {[NB_OR] = view_or, [NB_AND] = view_and, [NB_SUBTRACT] = view_sub,
                  [NB_XOR] = view_xor},
    .sq_length = view_len,
    .sq_contains = items_contains,
    .methods = items_methods,
};

Type DictValues_Type = {
    .base = {&Type_Type},
    .name = "dict_values",
    .basicsize = sizeof(DictViewObject),
    .tp_repr = view_repr,
    .tp_iter = values_iter,
    .sq_length = view_len,
    .methods = values_methods,
};
