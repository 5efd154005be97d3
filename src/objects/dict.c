/* dict.c — insertion-ordered hash tables in the compact layout (dict.h):
 * `entries` is a dense array in insertion order; `indices` is an open-
 * addressed table of int32 (int64 for huge tables) slots holding entry
 * numbers, EMPTY or DUMMY. Probing is CPython's: i = hash & mask, then
 * perturb >>= 5; i = i*5 + perturb + 1.
 *
 * The int64 just before the first index slot holds how many insertions
 * are left before a resize (CPython's dk_usable): deletions do not give
 * that room back, so dummy slots can never fill the table.
 */
#include "dict.h"

#include "../vm/error.h"
#include "function.h"
#include "iterobject.h"
#include "list.h"
#include "str.h"
#include "tuple.h"

#define IX_EMPTY (-1)
#define IX_DUMMY (-2)
#define DICT_MINSIZE 8
#define PERTURB_SHIFT 5
#define INDEX32_LIMIT ((size_t)1 << 31)

/* Dict versions come from one global counter, so a (dict, version) pair
 * never repeats even across different dicts. */
static uint64_t dict_version_counter;
static inline void bump_version(DictObject *d) { d->version = ++dict_version_counter; }

static inline size_t usable_fraction(size_t size) { return (size << 1) / 3; }

static inline bool wide_indices(const DictObject *d) { return d->mask >= INDEX32_LIMIT - 1; }

static inline int64_t ix_get(const DictObject *d, size_t i) {
    if (!wide_indices(d)) return ((int32_t *)d->indices)[i];
    return ((int64_t *)d->indices)[i];
}

static inline void ix_set(DictObject *d, size_t i, int64_t ix) {
    if (!wide_indices(d)) ((int32_t *)d->indices)[i] = (int32_t)ix;
    else ((int64_t *)d->indices)[i] = ix;
}

static inline int64_t *usable_left(DictObject *d) { return (int64_t *)d->indices - 1; }

/* ---- allocation and resizing ---- */

static DictObject *dict_alloc(Type *type) {
    size_t size = type->basicsize > sizeof(DictObject) ? type->basicsize : sizeof(DictObject);
    DictObject *d = obj_alloc(type, size);
    if (!d) err_no_memory();
    return d;
}

Value dict_new(void) {
    DictObject *d = dict_alloc(&Dict_Type);
    if (!d) return VAL_NULL;
    bump_version(d);
    return val_from_ptr(d);
}

/* Fresh, empty tables of `size` index slots (a power of two). */
static int dict_alloc_tables(DictObject *d, size_t size) {
    size_t width = size >= INDEX32_LIMIT ? sizeof(int64_t) : sizeof(int32_t);
    size_t capacity = usable_fraction(size);
    int64_t *block = gc_alloc_atomic(sizeof(int64_t) + size * width);
    DictEntry *entries = gc_alloc(capacity * sizeof(DictEntry));
    if (!block || !entries) {
        err_no_memory();
        return -1;
    }
    memset(block + 1, 0xff, size * width); /* every slot IX_EMPTY */
    d->indices = block + 1;
    d->entries = entries;
    d->mask = size - 1;
    d->capacity = capacity;
    d->nentries = 0;
    *usable_left(d) = (int64_t)capacity;
    return 0;
}

/* A free slot for hash in a table known to have no equal key. */
static size_t find_empty_slot(const DictObject *d, int64_t hash) {
    size_t mask = d->mask, perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
    while (ix_get(d, i) >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* Rebuild with room for at least `minused` live entries, dropping deleted
 * entries and dummy slots while keeping insertion order. */
static int dict_resize(DictObject *d, size_t minused) {
    size_t size = DICT_MINSIZE;
    while (usable_fraction(size) < minused) size <<= 1;
    DictEntry *old = d->entries;
    size_t old_n = d->nentries;
    if (dict_alloc_tables(d, size) < 0) return -1;
    size_t n = 0;
    for (size_t i = 0; i < old_n; i++) {
        if (old[i].key == VAL_NULL) continue;
        d->entries[n] = old[i];
        ix_set(d, find_empty_slot(d, old[i].hash), (int64_t)n);
        n++;
    }
    d->nentries = n;
    *usable_left(d) -= (int64_t)n;
    return 0;
}

/* ---- lookup ---- */

/* Entry number of key, -1 if absent, -2 on error. *slot receives the
 * index slot that holds it (when found). */
static int64_t dict_lookup(DictObject *d, Value key, int64_t hash, size_t *slot) {
restart:
    if (!d->indices) return -1;
    size_t mask = d->mask, perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
    for (;;) {
        int64_t ix = ix_get(d, i);
        if (ix == IX_EMPTY) return -1;
        if (ix >= 0) {
            DictEntry *e = &d->entries[ix];
            if (e->key == key) goto found;
            if (e->hash == hash) {
                Value start_key = e->key;
                DictEntry *entries = d->entries;
                int eq = key_equal(start_key, key);
                if (eq < 0) return -2;
                /* __eq__ may have mutated the dict: start over. */
                if (entries != d->entries || d->entries[ix].key != start_key) goto restart;
                if (eq) goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
        continue;
    found:
        if (slot) *slot = i;
        return ix;
    }
}

Value dict_get_hashed(Value d, Value key, int64_t hash) {
    DictObject *dict = DICT(d);
    int64_t ix = dict_lookup(dict, key, hash, NULL);
    return ix >= 0 ? dict->entries[ix].value : VAL_NULL;
}

Value dict_get(Value d, Value key) {
    int64_t hash;
    if (key_hash(key, &hash) < 0) return VAL_NULL;
    return dict_get_hashed(d, key, hash);
}

Value dict_get_interned(Value d, Value key) {
    DictObject *dict = DICT(d);
    if (!dict->indices) return VAL_NULL;
    int64_t hash = STR(key)->hash;
    if (hash == -1) hash = str_hash(key);
    if (!STR(key)->interned) return dict_get_hashed(d, key, hash);
    /* Probe by identity first: names in namespaces are interned, so this
     * usually finds the key without a single string comparison. */
    size_t mask = dict->mask, perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
    for (;;) {
        int64_t ix = ix_get(dict, i);
        if (ix == IX_EMPTY) return VAL_NULL;
        if (ix >= 0) {
            DictEntry *e = &dict->entries[ix];
            if (e->key == key) return e->value;
            if (e->hash == hash && !(val_is_str_exact(e->key) && STR(e->key)->interned))
                return dict_get_hashed(d, key, hash);
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

Value dict_get_str(Value d, const char *key) {
    Value k = str_intern_cstr(key);
    if (k == VAL_NULL) return VAL_NULL;
    return dict_get_interned(d, k);
}

/* ---- insertion and deletion ---- */

static int dict_insert(DictObject *d, Value key, int64_t hash, Value value) {
    int64_t ix = dict_lookup(d, key, hash, NULL);
    if (ix == -2) return -1;
    if (ix >= 0) {
        d->entries[ix].value = value;
        bump_version(d);
        return 0;
    }
    if (!d->indices || *usable_left(d) <= 0) {
        /* like CPython's GROWTH_RATE: room for about twice the live entries */
        if (dict_resize(d, d->used * 2 + 1) < 0) return -1;
    }
    size_t n = d->nentries;
    ix_set(d, find_empty_slot(d, hash), (int64_t)n);
    d->entries[n].hash = hash;
    d->entries[n].key = key;
    d->entries[n].value = value;
    d->nentries = n + 1;
    d->used++;
    (*usable_left(d))--;
    bump_version(d);
    return 0;
}

int dict_set(Value d, Value key, Value v) {
    int64_t hash;
    if (key_hash(key, &hash) < 0) return -1;
    return dict_insert(DICT(d), key, hash, v);
}

int dict_set_str(Value d, const char *key, Value v) {
    Value k = str_intern_cstr(key);
    if (k == VAL_NULL) return -1;
    return dict_set(d, k, v);
}

static void dict_delete_at(DictObject *d, int64_t ix, size_t slot) {
    ix_set(d, slot, IX_DUMMY);
    d->entries[ix].key = VAL_NULL;
    d->entries[ix].value = VAL_NULL;
    d->used--;
    bump_version(d);
}

static int dict_del_hashed(DictObject *d, Value key, int64_t hash) {
    size_t slot;
    int64_t ix = dict_lookup(d, key, hash, &slot);
    if (ix == -2) return -1;
    if (ix < 0) return 1;
    dict_delete_at(d, ix, slot);
    return 0;
}

int dict_del(Value d, Value key) {
    int64_t hash;
    if (key_hash(key, &hash) < 0) return -1;
    return dict_del_hashed(DICT(d), key, hash);
}

static void dict_clear_all(DictObject *d) {
    d->indices = NULL;
    d->entries = NULL;
    d->used = d->nentries = d->capacity = d->mask = 0;
    bump_version(d);
}

/* ---- iteration and copying ---- */

bool dict_next_hashed(Value d, size_t *pos, Value *key, Value *value, int64_t *hash) {
    DictObject *dict = DICT(d);
    while (*pos < dict->nentries) {
        DictEntry *e = &dict->entries[(*pos)++];
        if (e->key == VAL_NULL) continue;
        if (key) *key = e->key;
        if (value) *value = e->value;
        if (hash) *hash = e->hash;
        return true;
    }
    return false;
}

bool dict_next(Value d, size_t *pos, Value *key, Value *value) {
    return dict_next_hashed(d, pos, key, value, NULL);
}

/* Copy src's table into the empty dict dst, as is when it has no holes. */
static int dict_copy_into(DictObject *dst, DictObject *src) {
    if (src->used == 0) return 0;
    if (src->used == src->nentries) {
        size_t size = src->mask + 1;
        if (dict_alloc_tables(dst, size) < 0) return -1;
        memcpy(dst->indices, src->indices,
               size * (wide_indices(src) ? sizeof(int64_t) : sizeof(int32_t)));
        memcpy(dst->entries, src->entries, src->nentries * sizeof(DictEntry));
        dst->nentries = dst->used = src->used;
        *usable_left(dst) = *usable_left(src);
        bump_version(dst);
        return 0;
    }
    if (dict_resize(dst, src->used) < 0) return -1;
    for (size_t i = 0; i < src->nentries; i++) {
        DictEntry *e = &src->entries[i];
        if (e->key != VAL_NULL && dict_insert(dst, e->key, e->hash, e->value) < 0) return -1;
    }
    return 0;
}

Value dict_copy(Value d) {
    Value copy = dict_new();
    if (copy == VAL_NULL || dict_copy_into(DICT(copy), DICT(d)) < 0) return VAL_NULL;
    return copy;
}

Value dict_keys_list(Value d) {
    Value list = list_new(dict_size(d));
    if (list == VAL_NULL) return VAL_NULL;
    size_t pos = 0;
    Value key;
    while (dict_next(d, &pos, &key, NULL))
        if (list_append(list, key) < 0) return VAL_NULL;
    return list;
}

/* ---- update ---- */

static Value dict_tp_iter(Value d);

/* Merge a dict whose iteration is the plain one. */
static int dict_merge_dict(DictObject *d, DictObject *other) {
    if (d == other || other->used == 0) return 0;
    if (d->used == 0 && d->nentries == 0) return dict_copy_into(d, other);
    if ((!d->indices || *usable_left(d) < (int64_t)other->used) &&
        dict_resize(d, d->used + other->used) < 0)
        return -1;
    for (size_t i = 0; i < other->nentries; i++) {
        DictEntry e = other->entries[i];
        if (e.key != VAL_NULL && dict_insert(d, e.key, e.hash, e.value) < 0) return -1;
    }
    return 0;
}

/* d.update(mapping) for a mapping that is not a plain dict. */
static int dict_merge_mapping(Value d, Value other) {
    Value keys = obj_call_method(other, "keys", NULL, 0);
    if (keys == VAL_NULL) return -1;
    Value it = obj_iter(keys);
    if (it == VAL_NULL) return -1;
    for (;;) {
        Value key = obj_next(it);
        if (key == VAL_NULL) return err_occurred() ? -1 : 0;
        Value value = obj_getitem(other, key);
        if (value == VAL_NULL || dict_set(d, key, value) < 0) return -1;
    }
}

/* The two items of one update-sequence element. */
static int pair_items(Value item, size_t index, Value *k, Value *v) {
    Value seq = item;
    if (!val_is_list(item) && !val_is_tuple(item)) {
        Type *t = val_type(item);
        if (!t->tp_iter && !t->mp_subscript)
            return err_format_int(&Exc_TypeError,
                                  "cannot convert dictionary update sequence element #%zu to a sequence",
                                  index);
        seq = list_from_iterable(item);
        if (seq == VAL_NULL) return -1;
    }
    size_t n = val_is_tuple(seq) ? tuple_size(seq) : list_size(seq);
    Value *items = val_is_tuple(seq) ? tuple_items(seq) : list_items(seq);
    if (n != 2)
        return err_format_int(&Exc_ValueError,
                              "dictionary update sequence element #%zu has length %zu; 2 is required",
                              index, n);
    *k = items[0];
    *v = items[1];
    return 0;
}

static int dict_merge_pairs(Value d, Value pairs) {
    Value it = obj_iter(pairs);
    if (it == VAL_NULL) return -1;
    for (size_t index = 0;; index++) {
        Value item = obj_next(it);
        if (item == VAL_NULL) return err_occurred() ? -1 : 0;
        Value k = VAL_NULL, v = VAL_NULL;
        if (pair_items(item, index, &k, &v) < 0) return -1;
        if (dict_set(d, k, v) < 0) return -1;
    }
}

static bool is_plain_dict(Value v) {
    return val_is_dict(v) && val_type(v)->tp_iter == dict_tp_iter;
}

/* d.update(other) as CPython's dict_update_arg: a dict is merged
 * directly, anything with keys() as a mapping, else an iterable of pairs.
 * Like CPython it stores with dict_set, bypassing a subclass's
 * __setitem__. */
int dict_update(Value d, Value other) {
    if (is_plain_dict(other)) return dict_merge_dict(DICT(d), DICT(other));
    Value keys = obj_lookup_attr(other, name_keys);
    if (keys == VAL_NULL && err_occurred()) return -1;
    if (keys != VAL_NULL) return dict_merge_mapping(d, other);
    return dict_merge_pairs(d, other);
}

/* f(**other): like update, but a key already present is an error. */
int dict_merge_kwargs(Value d, Value other) {
    Value keys;
    if (val_is_dict(other)) {
        keys = dict_keys_list(other);
    } else {
        Value attr = obj_lookup_attr(other, name_keys);
        if (attr == VAL_NULL) {
            if (err_occurred()) return -1;
            return err_format_int(&Exc_TypeError, "'%s' object is not a mapping",
                                  val_type_name(other));
        }
        Value result = obj_call0(attr);
        keys = result == VAL_NULL ? VAL_NULL : list_from_iterable(result);
    }
    if (keys == VAL_NULL) return -1;
    for (size_t i = 0; i < list_size(keys); i++) {
        Value key = list_items(keys)[i];
        int64_t hash;
        if (key_hash(key, &hash) < 0) return -1;
        if (dict_lookup(DICT(d), key, hash, NULL) >= 0) {
            Value msg = str_format_c("got multiple values for keyword argument '%S'", key);
            if (msg != VAL_NULL) err_set_object(&Exc_TypeError, msg);
            return -1;
        }
        if (err_occurred()) return -1;
        Value value = val_is_dict(other) ? dict_get_hashed(other, key, hash) : obj_getitem(other, key);
        if (value == VAL_NULL) {
            if (!err_occurred()) raise_key_error(key);
            return -1;
        }
        if (dict_insert(DICT(d), key, hash, value) < 0) return -1;
    }
    return 0;
}

/* ---- object protocol ---- */

static Value dict_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    DictObject *d = dict_alloc(type);
    if (!d) return VAL_NULL;
    bump_version(d);
    return val_from_ptr(d);
}

/* dict(...) and d.update(...): at most one positional, then keywords. */
static int update_from_args(Value d, const char *name, Value *args, size_t nargs, Value kwnames) {
    if (check_positional(name, nargs, 0, 1) < 0) return -1;
    if (nargs == 1 && dict_update(d, args[0]) < 0) return -1;
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++)
        if (dict_set(d, tuple_items(kwnames)[i], args[nargs + i]) < 0) return -1;
    return 0;
}

static int dict_tp_init(Value self, Value *args, size_t nargs, Value kwnames) {
    return update_from_args(self, "dict", args, nargs, kwnames);
}

static Value dict_repr(Value self) {
    if (dict_size(self) == 0) return str_from_cstr("{}");
    int rec = repr_enter(self);
    if (rec < 0) return VAL_NULL;
    if (rec > 0) return str_from_cstr("{...}");
    Value parts = list_new(dict_size(self));
    Value result = VAL_NULL;
    if (parts == VAL_NULL) goto done;
    size_t pos = 0;
    Value k, v;
    /* dict_next re-reads the table each step, so a __repr__ that mutates
     * the dict cannot make us read freed entries. */
    while (dict_next(self, &pos, &k, &v)) {
        Value kr = obj_repr(k);
        if (kr == VAL_NULL) goto done;
        Value vr = obj_repr(v);
        if (vr == VAL_NULL) goto done;
        Value part = str_format_c("%U: %U", kr, vr);
        if (part == VAL_NULL || list_append(parts, part) < 0) goto done;
    }
    Value body = str_join(str_from_cstr(", "), parts);
    if (body != VAL_NULL) result = str_format_c("{%U}", body);
done:
    repr_leave(self);
    return result;
}

static int dict_equal(DictObject *a, Value b) {
    if (a->used != dict_size(b)) return 0;
    for (size_t i = 0; i < a->nentries; i++) {
        DictEntry e = a->entries[i];
        if (e.key == VAL_NULL) continue;
        Value bv = dict_get_hashed(b, e.key, e.hash);
        if (bv == VAL_NULL) return err_occurred() ? -1 : 0;
        int eq = obj_eq(e.value, bv);
        if (eq <= 0) return eq;
    }
    return 1;
}

static Value dict_richcompare(Value a, Value b, int op) {
    if (!val_is_dict(a) || !val_is_dict(b) || (op != CMP_EQ && op != CMP_NE)) return VAL_NOTIMPL;
    int eq = dict_equal(DICT(a), b);
    if (eq < 0) return VAL_NULL;
    return val_bool(op == CMP_EQ ? eq : !eq);
}

static int64_t dict_len(Value self) { return (int64_t)dict_size(self); }

static int dict_contains(Value self, Value key) {
    int64_t hash;
    if (key_hash(key, &hash) < 0) return -1;
    int64_t ix = dict_lookup(DICT(self), key, hash, NULL);
    return ix == -2 ? -1 : ix >= 0;
}

static Value dict_subscript(Value self, Value key) {
    int64_t hash;
    if (key_hash(key, &hash) < 0) return VAL_NULL;
    DictObject *d = DICT(self);
    int64_t ix = dict_lookup(d, key, hash, NULL);
    if (ix >= 0) return d->entries[ix].value;
    if (ix == -2) return VAL_NULL;
    if (TYPE(self) != &Dict_Type) {
        Value missing = type_lookup(TYPE(self), name___missing__);
        if (missing != VAL_NULL) {
            Value argv[2] = {self, key};
            return obj_call(missing, argv, 2, VAL_NULL);
        }
    }
    return raise_key_error(key);
}

static int dict_ass_subscript(Value self, Value key, Value v) {
    if (v != VAL_NULL) return dict_set(self, key, v);
    int r = dict_del(self, key);
    if (r == 1) {
        raise_key_error(key);
        return -1;
    }
    return r;
}

static Value dict_tp_iter(Value d) { return dictiter_new(&DictKeyIter_Type, d); }

static Value dict_or(Value a, Value b) {
    if (!val_is_dict(a) || !val_is_dict(b)) return VAL_NOTIMPL;
    Value result = dict_copy(a);
    if (result == VAL_NULL || dict_update(result, b) < 0) return VAL_NULL;
    return result;
}

static Value dict_ior(Value a, Value b) {
    if (!val_is_dict(a)) return VAL_NOTIMPL;
    if (dict_update(a, b) < 0) return VAL_NULL;
    return a;
}

/* ---- methods ---- */

static Value dict_m_get(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("dict.get", kwnames) < 0) return VAL_NULL;
    if (check_positional("get", nargs - 1, 1, 2) < 0) return VAL_NULL;
    Value v = dict_get(args[0], args[1]);
    if (v != VAL_NULL) return v;
    if (err_occurred()) return VAL_NULL;
    return nargs > 2 ? args[2] : VAL_NONE;
}

static Value dict_m_setdefault(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("dict.setdefault", kwnames) < 0) return VAL_NULL;
    if (check_positional("setdefault", nargs - 1, 1, 2) < 0) return VAL_NULL;
    int64_t hash;
    if (key_hash(args[1], &hash) < 0) return VAL_NULL;
    Value v = dict_get_hashed(args[0], args[1], hash);
    if (v != VAL_NULL) return v;
    if (err_occurred()) return VAL_NULL;
    Value dflt = nargs > 2 ? args[2] : VAL_NONE;
    if (dict_insert(DICT(args[0]), args[1], hash, dflt) < 0) return VAL_NULL;
    return dflt;
}

static Value dict_m_pop(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("dict.pop", kwnames) < 0) return VAL_NULL;
    if (check_positional("pop", nargs - 1, 1, 2) < 0) return VAL_NULL;
    DictObject *d = DICT(args[0]);
    int64_t hash;
    if (key_hash(args[1], &hash) < 0) return VAL_NULL;
    size_t slot;
    int64_t ix = dict_lookup(d, args[1], hash, &slot);
    if (ix == -2) return VAL_NULL;
    if (ix < 0) return nargs > 2 ? args[2] : raise_key_error(args[1]);
    Value v = d->entries[ix].value;
    dict_delete_at(d, ix, slot);
    return v;
}

/* The slot whose index is ix (the entry is known to be present). */
static size_t slot_of_entry(DictObject *d, int64_t ix) {
    int64_t hash = d->entries[ix].hash;
    size_t mask = d->mask, perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
    while (ix_get(d, i) != ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

static Value dict_m_popitem(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("dict.popitem", kwnames) < 0) return VAL_NULL;
    if (check_no_args("dict.popitem", nargs - 1) < 0) return VAL_NULL;
    DictObject *d = DICT(args[0]);
    if (d->used == 0) {
        Value msg = str_from_cstr("popitem(): dictionary is empty");
        return msg ? raise_key_error(msg) : VAL_NULL;
    }
    int64_t ix = (int64_t)d->nentries - 1;
    while (d->entries[ix].key == VAL_NULL) ix--;
    Value pair = tuple_pack(2, d->entries[ix].key, d->entries[ix].value);
    if (pair == VAL_NULL) return VAL_NULL;
    dict_delete_at(d, ix, slot_of_entry(d, ix));
    d->nentries = (size_t)ix; /* LIFO: reuse the tail (usable_left is unchanged) */
    return pair;
}

static Value dict_m_update(Value *args, size_t nargs, Value kwnames) {
    if (update_from_args(args[0], "update", args + 1, nargs - 1, kwnames) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value dict_m_clear(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("dict.clear", kwnames) < 0) return VAL_NULL;
    if (check_no_args("dict.clear", nargs - 1) < 0) return VAL_NULL;
    dict_clear_all(DICT(args[0]));
    return VAL_NONE;
}

static Value dict_m_copy(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("dict.copy", kwnames) < 0) return VAL_NULL;
    if (check_no_args("dict.copy", nargs - 1) < 0) return VAL_NULL;
    return dict_copy(args[0]);
}

static Value dict_m_fromkeys(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("dict.fromkeys", kwnames) < 0) return VAL_NULL;
    if (check_positional("fromkeys", nargs - 1, 1, 2) < 0) return VAL_NULL;
    Value value = nargs > 2 ? args[2] : VAL_NONE;
    Value d = obj_call0(args[0]);
    if (d == VAL_NULL) return VAL_NULL;
    bool direct = val_is_type_exact(d, &Dict_Type);
    Value it = obj_iter(args[1]);
    if (it == VAL_NULL) return VAL_NULL;
    for (;;) {
        Value key = obj_next(it);
        if (key == VAL_NULL) return err_occurred() ? VAL_NULL : d;
        int r = direct ? dict_set(d, key, value) : obj_setitem(d, key, value);
        if (r < 0) return VAL_NULL;
    }
}

static Value view_method(const char *name, Type *view, Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs(name, kwnames) < 0) return VAL_NULL;
    if (check_no_args(name, nargs - 1) < 0) return VAL_NULL;
    return dictview_new(view, args[0]);
}

static Value dict_m_keys(Value *args, size_t nargs, Value kwnames) {
    return view_method("dict.keys", &DictKeys_Type, args, nargs, kwnames);
}

static Value dict_m_values(Value *args, size_t nargs, Value kwnames) {
    return view_method("dict.values", &DictValues_Type, args, nargs, kwnames);
}

static Value dict_m_items(Value *args, size_t nargs, Value kwnames) {
    return view_method("dict.items", &DictItems_Type, args, nargs, kwnames);
}

static Value dict_m_reversed(Value *args, size_t nargs, Value kwnames) {
    if (check_no_args("dict.__reversed__", nargs - 1) < 0) return VAL_NULL;
    return dictiter_new(&DictRevKeyIter_Type, args[0]);
}

static Value dict_m_contains(Value *args, size_t nargs, Value kwnames) {
    if (check_one_arg("dict.__contains__", nargs - 1) < 0) return VAL_NULL;
    int r = dict_contains(args[0], args[1]);
    return r < 0 ? VAL_NULL : val_bool(r);
}

static const MethodDef dict_methods[] = {
    {"__contains__", dict_m_contains, METH_DEFAULT, "True if the dictionary has the specified key, else False."},
    {"__reversed__", dict_m_reversed, METH_DEFAULT, "Return a reverse iterator over the dict keys."},
    {"get", dict_m_get, METH_DEFAULT, "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", dict_m_setdefault, METH_DEFAULT,
     "Insert key with a value of default if key is not in the dictionary.\n\nReturn the value for key if key is in the dictionary, else default."},
    {"pop", dict_m_pop, METH_DEFAULT,
     "D.pop(k[,d]) -> v, remove specified key and return the corresponding value.\n\nIf the key is not found, return the default if given; otherwise,\nraise a KeyError."},
    {"popitem", dict_m_popitem, METH_DEFAULT,
     "Remove and return a (key, value) pair as a 2-tuple.\n\nPairs are returned in LIFO (last-in, first-out) order.\nRaises KeyError if the dict is empty."},
    {"keys", dict_m_keys, METH_DEFAULT, "Return a set-like object providing a view on the dict's keys."},
    {"items", dict_m_items, METH_DEFAULT, "Return a set-like object providing a view on the dict's items."},
    {"values", dict_m_values, METH_DEFAULT, "Return an object providing a view on the dict's values."},
    {"update", dict_m_update, METH_DEFAULT,
     "D.update([E, ]**F) -> None.  Update D from mapping/iterable E and F."},
    {"fromkeys", dict_m_fromkeys, METH_CLASS,
     "Create a new dictionary with keys from iterable and values set to value."},
    {"clear", dict_m_clear, METH_DEFAULT, "Remove all items from the dict."},
    {"copy", dict_m_copy, METH_DEFAULT, "Return a shallow copy of the dict."},
    {NULL},
};

Type Dict_Type = {
    .base = {&Type_Type},
    .name = "dict",
    .basicsize = sizeof(DictObject),
    .flags = TPFLAG_DICT_SUBCLASS | TPFLAG_BASETYPE,
    .doc = "dict() -> new empty dictionary\ndict(mapping) -> new dictionary initialized from a mapping object's\n    (key, value) pairs\ndict(iterable) -> new dictionary initialized as if via:\n    d = {}\n    for k, v in iterable:\n        d[k] = v\ndict(**kwargs) -> new dictionary initialized with the name=value pairs\n    in the keyword argument list.  For example:  dict(one=1, two=2)",
    .tp_new = dict_tp_new,
    .tp_init = dict_tp_init,
    .tp_repr = dict_repr,
    .tp_hash = hash_unhashable,
    .tp_richcompare = dict_richcompare,
    .tp_iter = dict_tp_iter,
    .nb_binary = {[NB_OR] = dict_or},
    .nb_inplace = {[NB_OR] = dict_ior},
    .sq_length = dict_len,
    .mp_subscript = dict_subscript,
    .mp_ass_subscript = dict_ass_subscript,
    .sq_contains = dict_contains,
    .methods = dict_methods,
};
