/* set.c — set and frozenset. The table algorithm is CPython's, step for
 * step (linear probing of LINEAR_PROBES slots, then perturbation; the same
 * fill/resize thresholds; the same merge shortcuts), because iteration
 * order is visible to programs: print({3, 1, 2}) must show {1, 2, 3} and
 * every other order must match CPython's too. */
#include "../vm/error.h"
#include "dict.h"
#include "int.h"
#include "iterobject.h"
#include "list.h"
#include "str.h"
#include "tuple.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

typedef struct SetEntry {
    Value key;      /* VAL_NULL: never used; DUMMY: deleted */
    int64_t hash;   /* -1 for a dummy */
} SetEntry;

typedef struct SetObject {
    Object base;
    size_t fill;    /* active + dummy entries */
    size_t used;    /* active entries */
    size_t mask;    /* table size - 1 */
    SetEntry *table;
    size_t finger;  /* where pop() looks next */
    int64_t hash;   /* frozenset hash cache; -1: not computed */
} SetObject;

#define SET(v) ((SetObject *)val_as_ptr(v))

static Object dummy_object = {&Object_Type};
#define DUMMY val_from_ptr(&dummy_object)

static inline bool is_live(const SetEntry *e) { return e->key != VAL_NULL && e->key != DUMMY; }
static inline bool is_frozen_type(Type *t) { return type_is_subtype(t, &FrozenSet_Type); }

/* ---- the table ---- */

static SetEntry *table_alloc(size_t size) {
    SetEntry *t = gc_alloc(size * sizeof(SetEntry));
    if (!t) err_no_memory();
    return t;
}

static void insert_clean(SetEntry *table, size_t mask, Value key, int64_t hash) {
    size_t perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
    for (;;) {
        SetEntry *e = &table[i];
        if (e->key == VAL_NULL) goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                e++;
                if (e->key == VAL_NULL) goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        e->key = key;
        e->hash = hash;
        return;
    }
}

static int table_resize(SetObject *so, size_t minused) {
    size_t size = SET_MINSIZE;
    while (size <= minused) size <<= 1;
    SetEntry *old = so->table, *table = table_alloc(size);
    if (!table) return -1;
    size_t old_mask = so->mask;
    so->table = table;
    so->mask = size - 1;
    for (size_t i = 0; old && i <= old_mask; i++)
        if (is_live(&old[i])) insert_clean(table, so->mask, old[i].key, old[i].hash);
    so->fill = so->used;
    return 0;
}

/* The entry holding key, or the empty entry ending its probe sequence.
 * NULL on error. */
static SetEntry *lookkey(SetObject *so, Value key, int64_t hash) {
restart:;
    SetEntry *table = so->table;
    size_t mask = so->mask, perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
    for (;;) {
        SetEntry *e = &table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (e->key == VAL_NULL) return e;
            if (e->hash == hash) {
                Value start = e->key;
                int eq = key_equal(start, key);
                if (eq < 0) return NULL;
                if (table != so->table || e->key != start) goto restart;
                if (eq) return e;
                mask = so->mask;
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

static int add_entry(SetObject *so, Value key, int64_t hash) {
restart:;
    SetEntry *table = so->table, *freeslot = NULL, *e;
    size_t mask = so->mask, perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
    for (;;) {
        e = &table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (e->key == VAL_NULL) goto found_unused_or_dummy;
            if (e->hash == hash) {
                Value start = e->key;
                if (start == key) return 0;
                int eq = key_equal(start, key);
                if (eq < 0) return -1;
                if (eq) return 0;
                if (table != so->table || e->key != start) goto restart;
                mask = so->mask;
            } else if (e->hash == -1 && e->key == DUMMY) {
                /* CPython reuses the LAST dummy seen on the probe path;
                 * iteration orders after deletions depend on it. */
                freeslot = e;
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    so->fill++;
    so->used++;
    e->key = key;
    e->hash = hash;
    if (so->fill * 5 < mask * 3) return 0;
    return table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

static int add_key(SetObject *so, Value key) {
    int64_t hash;
    if (key_hash(key, &hash) < 0) return -1;
    return add_entry(so, key, hash);
}

static int contains_entry(SetObject *so, Value key, int64_t hash) {
    SetEntry *e = lookkey(so, key, hash);
    if (!e) return -1;
    return e->key != VAL_NULL;
}

/* 1 discarded, 0 not found, -1 error. */
static int discard_entry(SetObject *so, Value key, int64_t hash) {
    SetEntry *e = lookkey(so, key, hash);
    if (!e) return -1;
    if (e->key == VAL_NULL) return 0;
    e->key = DUMMY;
    e->hash = -1;
    so->used--;
    return 1;
}

static bool set_next(SetObject *so, size_t *pos, SetEntry **out) {
    while (*pos <= so->mask) {
        SetEntry *e = &so->table[(*pos)++];
        if (is_live(e)) {
            *out = e;
            return true;
        }
    }
    return false;
}

static int clear_internal(SetObject *so) {
    SetEntry *t = table_alloc(SET_MINSIZE);
    if (!t) return -1;
    so->table = t;
    so->mask = SET_MINSIZE - 1;
    so->fill = so->used = 0;
    so->finger = 0;
    return 0;
}

static Value new_set_value(Type *type, Value iterable);

/* A set key may be an unhashable set: look it up as a frozenset, as
 * CPython does. On return key and hash are what to search with. */
static int hash_for_lookup(Value *key, int64_t *hash) {
    if (key_hash(*key, hash) == 0) return 0;
    if (!val_is_ptr(*key) || !type_is_subtype(TYPE(*key), &Set_Type) ||
        !err_matches(&Exc_TypeError))
        return -1;
    err_clear();
    Value frozen = new_set_value(&FrozenSet_Type, *key);
    if (frozen == VAL_NULL) return -1;
    *key = frozen;
    return key_hash(frozen, hash);
}

static int contains_key(SetObject *so, Value key) {
    int64_t hash;
    if (hash_for_lookup(&key, &hash) < 0) return -1;
    return contains_entry(so, key, hash);
}

static int discard_key(SetObject *so, Value key) {
    int64_t hash;
    if (hash_for_lookup(&key, &hash) < 0) return -1;
    return discard_entry(so, key, hash);
}

/* ---- bulk operations ---- */

static int set_merge(SetObject *so, SetObject *other) {
    if (so == other || other->used == 0) return 0;
    /* One big resize up front, expecting few overlapping keys. */
    if ((so->fill + other->used) * 5 >= so->mask * 3 &&
        table_resize(so, (so->used + other->used) * 2) < 0)
        return -1;
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        memcpy(so->table, other->table, (other->mask + 1) * sizeof(SetEntry));
        so->fill = other->fill;
        so->used = other->used;
        return 0;
    }
    if (so->fill == 0) {
        so->fill = so->used = other->used;
        for (size_t i = 0; i <= other->mask; i++)
            if (is_live(&other->table[i]))
                insert_clean(so->table, so->mask, other->table[i].key, other->table[i].hash);
        return 0;
    }
    for (size_t i = 0; i <= other->mask; i++) {
        SetEntry e = other->table[i];
        if (is_live(&e) && add_entry(so, e.key, e.hash) < 0) return -1;
    }
    return 0;
}

static int update_internal(SetObject *so, Value other) {
    if (val_is_anyset(other)) return set_merge(so, SET(other));
    if (val_is_type_exact(other, &Dict_Type)) {
        size_t n = dict_size(other);
        if ((so->fill + n) * 5 >= so->mask * 3 && table_resize(so, (so->used + n) * 2) < 0)
            return -1;
        size_t pos = 0;
        Value key;
        int64_t hash;
        while (dict_next_hashed(other, &pos, &key, NULL, &hash))
            if (add_entry(so, key, hash) < 0) return -1;
        return 0;
    }
    Value it = obj_iter(other);
    if (it == VAL_NULL) return -1;
    for (;;) {
        Value key = obj_next(it);
        if (key == VAL_NULL) return err_occurred() ? -1 : 0;
        if (add_key(so, key) < 0) return -1;
    }
}

static SetObject *set_alloc(Type *type) {
    size_t size = type->basicsize > sizeof(SetObject) ? type->basicsize : sizeof(SetObject);
    SetObject *so = obj_alloc(type, size);
    if (!so) {
        err_no_memory();
        return NULL;
    }
    so->hash = -1;
    if (clear_internal(so) < 0) return NULL;
    return so;
}

static Value new_set_value(Type *type, Value iterable) {
    SetObject *so = set_alloc(type);
    if (!so) return VAL_NULL;
    if (iterable != VAL_NULL && update_internal(so, iterable) < 0) return VAL_NULL;
    return val_from_ptr(so);
}

/* Results of operations on subclasses are plain sets / frozensets. */
static Type *base_type_of(Value v) {
    Type *t = val_type(v);
    if (t == &Set_Type || t == &FrozenSet_Type) return t;
    return type_is_subtype(t, &Set_Type) ? &Set_Type : &FrozenSet_Type;
}

static Value set_copy_value(Value so) { return new_set_value(base_type_of(so), so); }

static void swap_bodies(SetObject *a, SetObject *b) {
    SetObject t = *a;
    a->fill = b->fill;
    a->used = b->used;
    a->mask = b->mask;
    a->table = b->table;
    a->finger = b->finger;
    b->fill = t.fill;
    b->used = t.used;
    b->mask = t.mask;
    b->table = t.table;
    b->finger = t.finger;
    a->hash = b->hash = -1;
}

/* ---- the algebra (each as in CPython, so result orders agree) ---- */

static Value intersection(Value self, Value other) {
    if (self == other) return set_copy_value(self);
    Value result = new_set_value(base_type_of(self), VAL_NULL);
    if (result == VAL_NULL) return VAL_NULL;
    SetObject *so = SET(self), *res = SET(result);
    if (val_is_anyset(other)) {
        SetObject *o = SET(other);
        if (o->used > so->used) {
            SetObject *t = so;
            so = o;
            o = t;
        }
        size_t pos = 0;
        SetEntry *e;
        while (set_next(o, &pos, &e)) {
            Value key = e->key;
            int64_t hash = e->hash;
            int r = contains_entry(so, key, hash);
            if (r < 0 || (r && add_entry(res, key, hash) < 0)) return VAL_NULL;
        }
        return result;
    }
    Value it = obj_iter(other);
    if (it == VAL_NULL) return VAL_NULL;
    for (;;) {
        Value key = obj_next(it);
        if (key == VAL_NULL) return err_occurred() ? VAL_NULL : result;
        int64_t hash;
        if (key_hash(key, &hash) < 0) return VAL_NULL;
        int r = contains_entry(so, key, hash);
        if (r < 0 || (r && add_entry(res, key, hash) < 0)) return VAL_NULL;
    }
}

static int difference_update_internal(SetObject *so, Value other) {
    if (val_from_ptr(so) == other) return clear_internal(so);
    if (val_is_anyset(other)) {
        /* When other is much bigger, walk only the common part. */
        if ((SET(other)->used >> 3) > so->used) {
            other = intersection(val_from_ptr(so), other);
            if (other == VAL_NULL) return -1;
        }
        SetObject *o = SET(other);
        size_t pos = 0;
        SetEntry *e;
        while (set_next(o, &pos, &e))
            if (discard_entry(so, e->key, e->hash) < 0) return -1;
    } else {
        Value it = obj_iter(other);
        if (it == VAL_NULL) return -1;
        for (;;) {
            Value key = obj_next(it);
            if (key == VAL_NULL) {
                if (err_occurred()) return -1;
                break;
            }
            if (discard_key(so, key) < 0) return -1;
        }
    }
    /* More than 1/4 dummies: resize them away. */
    if (so->fill - so->used <= so->mask / 4) return 0;
    return table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

static Value copy_and_difference(Value self, Value other) {
    Value result = set_copy_value(self);
    if (result == VAL_NULL || difference_update_internal(SET(result), other) < 0) return VAL_NULL;
    return result;
}

static Value difference(Value self, Value other) {
    SetObject *so = SET(self);
    size_t other_size;
    bool other_dict = val_is_type_exact(other, &Dict_Type);
    if (val_is_anyset(other)) other_size = SET(other)->used;
    else if (other_dict) other_size = dict_size(other);
    else return copy_and_difference(self, other);
    if ((so->used >> 2) > other_size) return copy_and_difference(self, other);
    Value result = new_set_value(base_type_of(self), VAL_NULL);
    if (result == VAL_NULL) return VAL_NULL;
    size_t pos = 0;
    SetEntry *e;
    while (set_next(so, &pos, &e)) {
        Value key = e->key;
        int64_t hash = e->hash;
        int r;
        if (other_dict) {
            Value v = dict_get_hashed(other, key, hash);
            if (v == VAL_NULL && err_occurred()) return VAL_NULL;
            r = v != VAL_NULL;
        } else {
            r = contains_entry(SET(other), key, hash);
            if (r < 0) return VAL_NULL;
        }
        if (!r && add_entry(SET(result), key, hash) < 0) return VAL_NULL;
    }
    return result;
}

static int toggle_entry(SetObject *so, Value key, int64_t hash) {
    int r = discard_entry(so, key, hash);
    if (r < 0) return -1;
    if (r == 0) return add_entry(so, key, hash);
    return 0;
}

static int symmetric_difference_update(SetObject *so, Value other) {
    if (val_from_ptr(so) == other) return clear_internal(so);
    if (val_is_type_exact(other, &Dict_Type)) {
        size_t pos = 0;
        Value key;
        int64_t hash;
        while (dict_next_hashed(other, &pos, &key, NULL, &hash))
            if (toggle_entry(so, key, hash) < 0) return -1;
        return 0;
    }
    Value o = other;
    if (!val_is_anyset(other)) {
        o = new_set_value(base_type_of(val_from_ptr(so)), other);
        if (o == VAL_NULL) return -1;
    }
    size_t pos = 0;
    SetEntry *e;
    while (set_next(SET(o), &pos, &e))
        if (toggle_entry(so, e->key, e->hash) < 0) return -1;
    return 0;
}

static Value symmetric_difference(Value self, Value other) {
    Value result = new_set_value(base_type_of(self), other);
    if (result == VAL_NULL || symmetric_difference_update(SET(result), self) < 0) return VAL_NULL;
    return result;
}

static int issubset(Value self, Value other) {
    if (!val_is_anyset(other)) {
        Value tmp = new_set_value(&Set_Type, other);
        if (tmp == VAL_NULL) return -1;
        other = tmp;
    }
    SetObject *so = SET(self);
    if (so->used > SET(other)->used) return 0;
    size_t pos = 0;
    SetEntry *e;
    while (set_next(so, &pos, &e)) {
        int r = contains_entry(SET(other), e->key, e->hash);
        if (r <= 0) return r;
    }
    return 1;
}

static int issuperset(Value self, Value other) {
    if (val_is_anyset(other)) return issubset(other, self);
    Value it = obj_iter(other);
    if (it == VAL_NULL) return -1;
    for (;;) {
        Value key = obj_next(it);
        if (key == VAL_NULL) return err_occurred() ? -1 : 1;
        int r = contains_key(SET(self), key);
        if (r <= 0) return r;
    }
}

/* ---- helpers for other files (iterobject.h) ---- */

Value set_new_from(Type *type, Value iterable) { return new_set_value(type, iterable); }
int set_add(Value set, Value key) { return add_key(SET(set), key); }
int set_update_from(Value set, Value iterable) { return update_internal(SET(set), iterable); }
Value set_difference_update_value(Value set, Value other) {
    return difference_update_internal(SET(set), other) < 0 ? VAL_NULL : VAL_NONE;
}
Value set_symmetric_difference_update_value(Value set, Value other) {
    return symmetric_difference_update(SET(set), other) < 0 ? VAL_NULL : VAL_NONE;
}
Value set_intersection_value(Value set, Value other) { return intersection(set, other); }

/* ---- object protocol ---- */

static Value set_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    if (type == &Set_Type && check_no_kwargs("set", kwnames) < 0) return VAL_NULL;
    SetObject *so = set_alloc(type);
    return so ? val_from_ptr(so) : VAL_NULL;
}

static int set_tp_init(Value self, Value *args, size_t nargs, Value kwnames) {
    if (val_is_type_exact(self, &Set_Type) && check_no_kwargs("set", kwnames) < 0) return -1;
    if (check_positional("set", nargs, 0, 1) < 0) return -1;
    SetObject *so = SET(self);
    if (so->fill && clear_internal(so) < 0) return -1;
    so->hash = -1;
    if (nargs == 0) return 0;
    return update_internal(so, args[0]);
}

static Value frozenset_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    if (type == &FrozenSet_Type && check_no_kwargs("frozenset", kwnames) < 0) return VAL_NULL;
    if (check_positional("frozenset", nargs, 0, 1) < 0) return VAL_NULL;
    Value iterable = nargs ? args[0] : VAL_NULL;
    if (type == &FrozenSet_Type && iterable != VAL_NULL &&
        val_is_type_exact(iterable, &FrozenSet_Type))
        return iterable;
    return new_set_value(type, iterable);
}

static Value set_repr(Value self) {
    Type *t = val_type(self);
    int rec = repr_enter(self);
    if (rec < 0) return VAL_NULL;
    if (rec > 0) return str_format_c("%s(...)", type_name(t));
    Value result = VAL_NULL;
    SetObject *so = SET(self);
    if (so->used == 0) {
        result = str_format_c("%s()", type_name(t));
        goto done;
    }
    Value keys = list_from_iterable(self);
    if (keys == VAL_NULL) goto done;
    Value parts = list_new(list_size(keys));
    if (parts == VAL_NULL) goto done;
    for (size_t i = 0; i < list_size(keys); i++) {
        Value r = obj_repr(list_items(keys)[i]);
        if (r == VAL_NULL || list_append(parts, r) < 0) goto done;
    }
    Value body = str_join(str_from_cstr(", "), parts);
    if (body == VAL_NULL) goto done;
    if (t == &Set_Type) result = str_format_c("{%U}", body);
    else result = str_format_c("%s({%U})", type_name(t), body);
done:
    repr_leave(self);
    return result;
}

static int64_t set_len(Value self) { return (int64_t)SET(self)->used; }

static int set_contains(Value self, Value key) { return contains_key(SET(self), key); }

static uint64_t shuffle_bits(uint64_t h) {
    return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL;
}

/* CPython's frozenset hash: order-independent xor of shuffled entry
 * hashes, then mixed with the size and dispersed. */
static int frozenset_hash(Value self, int64_t *out) {
    SetObject *so = SET(self);
    if (so->hash != -1) {
        *out = so->hash;
        return 0;
    }
    uint64_t hash = 0;
    for (size_t i = 0; i <= so->mask; i++)
        if (is_live(&so->table[i])) hash ^= shuffle_bits((uint64_t)so->table[i].hash);
    hash ^= ((uint64_t)so->used + 1) * 1927868237ULL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923ULL;
    if (hash == (uint64_t)-1) hash = 590923713ULL;
    so->hash = (int64_t)hash;
    *out = so->hash;
    return 0;
}

static Value set_richcompare(Value self, Value other, int op) {
    if (!val_is_anyset(self) || !val_is_anyset(other)) return VAL_NOTIMPL;
    SetObject *v = SET(self), *w = SET(other);
    int r;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        if (v->used != w->used) return val_bool(op == CMP_NE);
        if (v->hash != -1 && w->hash != -1 && v->hash != w->hash) return val_bool(op == CMP_NE);
        r = issubset(self, other);
        if (r < 0) return VAL_NULL;
        return val_bool(op == CMP_EQ ? r : !r);
    case CMP_LE:
        r = issubset(self, other);
        break;
    case CMP_GE:
        r = issuperset(self, other);
        break;
    case CMP_LT:
        if (v->used >= w->used) return VAL_FALSE;
        r = issubset(self, other);
        break;
    default:
        if (v->used <= w->used) return VAL_FALSE;
        r = issuperset(self, other);
        break;
    }
    return r < 0 ? VAL_NULL : val_bool(r);
}

/* ---- operators ---- */

static Value set_or(Value a, Value b) {
    if (!val_is_anyset(a) || !val_is_anyset(b)) return VAL_NOTIMPL;
    Value result = set_copy_value(a);
    if (result == VAL_NULL || a == b) return result;
    if (update_internal(SET(result), b) < 0) return VAL_NULL;
    return result;
}

static Value set_and(Value a, Value b) {
    if (!val_is_anyset(a) || !val_is_anyset(b)) return VAL_NOTIMPL;
    return intersection(a, b);
}

static Value set_sub(Value a, Value b) {
    if (!val_is_anyset(a) || !val_is_anyset(b)) return VAL_NOTIMPL;
    return difference(a, b);
}

static Value set_xor(Value a, Value b) {
    if (!val_is_anyset(a) || !val_is_anyset(b)) return VAL_NOTIMPL;
    return symmetric_difference(a, b);
}

static Value set_ior(Value a, Value b) {
    if (!val_is_anyset(b)) return VAL_NOTIMPL;
    if (update_internal(SET(a), b) < 0) return VAL_NULL;
    return a;
}

static Value set_iand(Value a, Value b) {
    if (!val_is_anyset(b)) return VAL_NOTIMPL;
    Value tmp = intersection(a, b);
    if (tmp == VAL_NULL) return VAL_NULL;
    swap_bodies(SET(a), SET(tmp));
    return a;
}

static Value set_isub(Value a, Value b) {
    if (!val_is_anyset(b)) return VAL_NOTIMPL;
    if (difference_update_internal(SET(a), b) < 0) return VAL_NULL;
    return a;
}

static Value set_ixor(Value a, Value b) {
    if (!val_is_anyset(b)) return VAL_NOTIMPL;
    if (symmetric_difference_update(SET(a), b) < 0) return VAL_NULL;
    return a;
}

/* ---- methods ---- */

/* The "set.add" / "frozenset.copy" qualified name for messages. */
static const char *qual(Value self, const char *set_name, const char *frozen_name) {
    return is_frozen_type(val_type(self)) ? frozen_name : set_name;
}

static Value m_add(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("set.add", kwnames) < 0 || check_one_arg("set.add", nargs - 1) < 0)
        return VAL_NULL;
    if (add_key(SET(args[0]), args[1]) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value m_clear(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("set.clear", kwnames) < 0 || check_no_args("set.clear", nargs - 1) < 0)
        return VAL_NULL;
    if (clear_internal(SET(args[0])) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value m_copy(Value *args, size_t nargs, Value kwnames) {
    const char *name = qual(args[0], "set.copy", "frozenset.copy");
    if (check_no_kwargs(name, kwnames) < 0 || check_no_args(name, nargs - 1) < 0) return VAL_NULL;
    if (val_is_type_exact(args[0], &FrozenSet_Type)) return args[0];
    return set_copy_value(args[0]);
}

static Value m_discard(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("set.discard", kwnames) < 0 ||
        check_one_arg("set.discard", nargs - 1) < 0)
        return VAL_NULL;
    if (discard_key(SET(args[0]), args[1]) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value m_remove(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("set.remove", kwnames) < 0 ||
        check_one_arg("set.remove", nargs - 1) < 0)
        return VAL_NULL;
    int r = discard_key(SET(args[0]), args[1]);
    if (r < 0) return VAL_NULL;
    if (r == 0) return raise_key_error(args[1]);
    return VAL_NONE;
}

static Value m_pop(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("set.pop", kwnames) < 0 || check_no_args("set.pop", nargs - 1) < 0)
        return VAL_NULL;
    SetObject *so = SET(args[0]);
    if (so->used == 0) {
        Value msg = str_from_cstr("pop from an empty set");
        return msg ? raise_key_error(msg) : VAL_NULL;
    }
    size_t i = so->finger & so->mask;
    while (!is_live(&so->table[i])) i = (i + 1) & so->mask;
    Value key = so->table[i].key;
    so->table[i].key = DUMMY;
    so->table[i].hash = -1;
    so->used--;
    so->finger = i + 1;
    return key;
}

static Value m_union(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs(qual(args[0], "set.union", "frozenset.union"), kwnames) < 0)
        return VAL_NULL;
    Value result = set_copy_value(args[0]);
    if (result == VAL_NULL) return VAL_NULL;
    for (size_t i = 1; i < nargs; i++) {
        if (args[i] == args[0]) continue;
        if (update_internal(SET(result), args[i]) < 0) return VAL_NULL;
    }
    return result;
}

static Value m_update(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("set.update", kwnames) < 0) return VAL_NULL;
    for (size_t i = 1; i < nargs; i++)
        if (update_internal(SET(args[0]), args[i]) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value intersection_multi(Value *args, size_t nargs) {
    if (nargs == 1) return set_copy_value(args[0]);
    Value result = args[0];
    for (size_t i = 1; i < nargs; i++) {
        result = intersection(result, args[i]);
        if (result == VAL_NULL) return VAL_NULL;
    }
    return result;
}

static Value m_intersection(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs(qual(args[0], "set.intersection", "frozenset.intersection"), kwnames) < 0)
        return VAL_NULL;
    return intersection_multi(args, nargs);
}

static Value m_intersection_update(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("set.intersection_update", kwnames) < 0) return VAL_NULL;
    Value tmp = intersection_multi(args, nargs);
    if (tmp == VAL_NULL) return VAL_NULL;
    swap_bodies(SET(args[0]), SET(tmp));
    return VAL_NONE;
}

static Value m_difference(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs(qual(args[0], "set.difference", "frozenset.difference"), kwnames) < 0)
        return VAL_NULL;
    if (nargs == 1) return set_copy_value(args[0]);
    Value result = difference(args[0], args[1]);
    for (size_t i = 2; result != VAL_NULL && i < nargs; i++)
        if (difference_update_internal(SET(result), args[i]) < 0) return VAL_NULL;
    return result;
}

static Value m_difference_update(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("set.difference_update", kwnames) < 0) return VAL_NULL;
    for (size_t i = 1; i < nargs; i++)
        if (difference_update_internal(SET(args[0]), args[i]) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value m_symmetric_difference(Value *args, size_t nargs, Value kwnames) {
    const char *name = qual(args[0], "set.symmetric_difference", "frozenset.symmetric_difference");
    if (check_no_kwargs(name, kwnames) < 0 || check_one_arg(name, nargs - 1) < 0) return VAL_NULL;
    return symmetric_difference(args[0], args[1]);
}

static Value m_symmetric_difference_update(Value *args, size_t nargs, Value kwnames) {
    const char *name = "set.symmetric_difference_update";
    if (check_no_kwargs(name, kwnames) < 0 || check_one_arg(name, nargs - 1) < 0) return VAL_NULL;
    if (symmetric_difference_update(SET(args[0]), args[1]) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value m_isdisjoint(Value *args, size_t nargs, Value kwnames) {
    const char *name = qual(args[0], "set.isdisjoint", "frozenset.isdisjoint");
    if (check_no_kwargs(name, kwnames) < 0 || check_one_arg(name, nargs - 1) < 0) return VAL_NULL;
    Value self = args[0], other = args[1];
    if (self == other) return val_bool(SET(self)->used == 0);
    if (val_is_type_exact(other, &Set_Type) || val_is_type_exact(other, &FrozenSet_Type)) {
        SetObject *so = SET(self), *o = SET(other);
        if (o->used > so->used) {
            SetObject *t = so;
            so = o;
            o = t;
        }
        size_t pos = 0;
        SetEntry *e;
        while (set_next(o, &pos, &e)) {
            int r = contains_entry(so, e->key, e->hash);
            if (r < 0) return VAL_NULL;
            if (r) return VAL_FALSE;
        }
        return VAL_TRUE;
    }
    Value it = obj_iter(other);
    if (it == VAL_NULL) return VAL_NULL;
    for (;;) {
        Value key = obj_next(it);
        if (key == VAL_NULL) return err_occurred() ? VAL_NULL : VAL_TRUE;
        int r = contains_key(SET(self), key);
        if (r < 0) return VAL_NULL;
        if (r) return VAL_FALSE;
    }
}

static Value m_issubset(Value *args, size_t nargs, Value kwnames) {
    const char *name = qual(args[0], "set.issubset", "frozenset.issubset");
    if (check_no_kwargs(name, kwnames) < 0 || check_one_arg(name, nargs - 1) < 0) return VAL_NULL;
    int r = issubset(args[0], args[1]);
    return r < 0 ? VAL_NULL : val_bool(r);
}

static Value m_issuperset(Value *args, size_t nargs, Value kwnames) {
    const char *name = qual(args[0], "set.issuperset", "frozenset.issuperset");
    if (check_no_kwargs(name, kwnames) < 0 || check_one_arg(name, nargs - 1) < 0) return VAL_NULL;
    int r = issuperset(args[0], args[1]);
    return r < 0 ? VAL_NULL : val_bool(r);
}

static Value m_contains(Value *args, size_t nargs, Value kwnames) {
    const char *name = qual(args[0], "set.__contains__", "frozenset.__contains__");
    if (check_one_arg(name, nargs - 1) < 0) return VAL_NULL;
    int r = contains_key(SET(args[0]), args[1]);
    return r < 0 ? VAL_NULL : val_bool(r);
}

/* ---- iterator ---- */

typedef struct SetIterObject {
    Object base;
    Value set;        /* VAL_NULL once exhausted */
    size_t pos;
    size_t used;      /* set size when the iterator was made */
    size_t remaining;
} SetIterObject;

static Value set_tp_iter(Value self) {
    SetIterObject *it = obj_alloc(&SetIter_Type, sizeof(SetIterObject));
    if (!it) return err_no_memory();
    it->set = self;
    it->used = it->remaining = SET(self)->used;
    return val_from_ptr(it);
}

static Value setiter_next(Value self) {
    SetIterObject *it = val_as_ptr(self);
    if (it->set == VAL_NULL) return VAL_NULL;
    SetObject *so = SET(it->set);
    if (it->used != so->used) {
        it->used = (size_t)-1; /* keep failing */
        return err_format(&Exc_RuntimeError, "Set changed size during iteration");
    }
    SetEntry *e;
    if (!set_next(so, &it->pos, &e)) {
        it->set = VAL_NULL;
        return VAL_NULL;
    }
    if (it->remaining) it->remaining--;
    return e->key;
}

static Value setiter_length_hint(Value *args, size_t nargs, Value kwnames) {
    SetIterObject *it = val_as_ptr(args[0]);
    if (it->set == VAL_NULL || it->used != SET(it->set)->used) return val_from_smallint(0);
    return int_from_i64((int64_t)it->remaining);
}

static const MethodDef setiter_methods[] = {
    {"__length_hint__", setiter_length_hint, METH_DEFAULT, NULL},
    {NULL},
};

Type SetIter_Type = {
    .base = {&Type_Type},
    .name = "set_iterator",
    .basicsize = sizeof(SetIterObject),
    .tp_iter = iter_self,
    .tp_iternext = setiter_next,
    .methods = setiter_methods,
};

static const MethodDef set_methods[] = {
    {"add", m_add, METH_DEFAULT, "Add an element to a set.\n\nThis has no effect if the element is already present."},
    {"clear", m_clear, METH_DEFAULT, "Remove all elements from this set."},
    {"copy", m_copy, METH_DEFAULT, "Return a shallow copy of a set."},
    {"discard", m_discard, METH_DEFAULT, "Remove an element from a set if it is a member.\n\nUnlike set.remove(), the discard() method does not raise\nan exception when an element is missing from the set."},
    {"difference", m_difference, METH_DEFAULT, "Return a new set with elements in the set that are not in the others."},
    {"difference_update", m_difference_update, METH_DEFAULT, "Update the set, removing elements found in others."},
    {"intersection", m_intersection, METH_DEFAULT, "Return a new set with elements common to the set and all others."},
    {"intersection_update", m_intersection_update, METH_DEFAULT, "Update the set, keeping only elements found in it and all others."},
    {"isdisjoint", m_isdisjoint, METH_DEFAULT, "Return True if two sets have a null intersection."},
    {"issubset", m_issubset, METH_DEFAULT, "Report whether another set contains this set."},
    {"issuperset", m_issuperset, METH_DEFAULT, "Report whether this set contains another set."},
    {"pop", m_pop, METH_DEFAULT, "Remove and return an arbitrary set element.\n\nRaises KeyError if the set is empty."},
    {"remove", m_remove, METH_DEFAULT, "Remove an element from a set; it must be a member.\n\nIf the element is not a member, raise a KeyError."},
    {"symmetric_difference", m_symmetric_difference, METH_DEFAULT, "Return a new set with elements in either the set or other but not both."},
    {"symmetric_difference_update", m_symmetric_difference_update, METH_DEFAULT, "Update the set, keeping only elements found in either set, but not in both."},
    {"union", m_union, METH_DEFAULT, "Return a new set with elements from the set and all others."},
    {"update", m_update, METH_DEFAULT, "Update the set, adding elements from all others."},
    {"__contains__", m_contains, METH_DEFAULT, "x.__contains__(y) <==> y in x."},
    {NULL},
};

static const MethodDef frozenset_methods[] = {
    {"copy", m_copy, METH_DEFAULT, "Return a shallow copy of a set."},
    {"difference", m_difference, METH_DEFAULT, "Return a new set with elements in the set that are not in the others."},
    {"intersection", m_intersection, METH_DEFAULT, "Return a new set with elements common to the set and all others."},
    {"isdisjoint", m_isdisjoint, METH_DEFAULT, "Return True if two sets have a null intersection."},
    {"issubset", m_issubset, METH_DEFAULT, "Report whether another set contains this set."},
    {"issuperset", m_issuperset, METH_DEFAULT, "Report whether this set contains another set."},
    {"symmetric_difference", m_symmetric_difference, METH_DEFAULT, "Return a new set with elements in either the set or other but not both."},
    {"union", m_union, METH_DEFAULT, "Return a new set with elements from the set and all others."},
    {"__contains__", m_contains, METH_DEFAULT, "x.__contains__(y) <==> y in x."},
    {NULL},
};

Type Set_Type = {
    .base = {&Type_Type},
    .name = "set",
    .basicsize = sizeof(SetObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "Build an unordered collection of unique elements.",
    .tp_new = set_tp_new,
    .tp_init = set_tp_init,
    .tp_repr = set_repr,
    .tp_hash = hash_unhashable,
    .tp_richcompare = set_richcompare,
    .tp_iter = set_tp_iter,
    .nb_binary = {[NB_OR] = set_or, [NB_AND] = set_and, [NB_SUBTRACT] = set_sub,
                  [NB_XOR] = set_xor},
    .nb_inplace = {[NB_OR] = set_ior, [NB_AND] = set_iand, [NB_SUBTRACT] = set_isub,
                   [NB_XOR] = set_ixor},
    .sq_length = set_len,
    .sq_contains = set_contains,
    .methods = set_methods,
};

Type FrozenSet_Type = {
    .base = {&Type_Type},
    .name = "frozenset",
    .basicsize = sizeof(SetObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "Build an immutable unordered collection of unique elements.",
    .tp_new = frozenset_tp_new,
    .tp_repr = set_repr,
    .tp_hash = frozenset_hash,
    .tp_richcompare = set_richcompare,
    .tp_iter = set_tp_iter,
    .nb_binary = {[NB_OR] = set_or, [NB_AND] = set_and, [NB_SUBTRACT] = set_sub,
                  [NB_XOR] = set_xor},
    .sq_length = set_len,
    .sq_contains = set_contains,
    .methods = frozenset_methods,
};
