/* typeobj.c — `type`: type objects, class creation (type.__new__,
 * metaclasses, __build_class__), the C3 MRO, attribute access on classes,
 * and type_ready for the static built-in types.
 *
 * Decisions:
 *  - C.__dict__ returns a COPY of the class namespace (CPython returns a
 *    read-only mappingproxy); writes must go through setattr so slots and
 *    versions stay right.
 *  - __slots__ is honoured only as a restriction: when every class of the
 *    hierarchy declares __slots__ without '__dict__', instances may only
 *    gain the declared names (still stored through the shape AttrStore) and
 *    have no __dict__. No member descriptors are created for slot names.
 *  - tp_subclasses holds strong references (classes live forever).
 */
#include "typeobj.h"

#include "../vm/call.h"
#include "../vm/error.h"
#include "../vm/vm.h"
#include "dict.h"
#include "function.h"
#include "list.h"
#include "shape.h"
#include "str.h"
#include "traceback.h"
#include "tuple.h"


static uint32_t next_type_version = 1;

void type_modified(Type *type) {
    type->version = next_type_version++;
    if (!type->subclasses) return;
    for (size_t i = 0; i < list_size(type->subclasses); i++)
        type_modified(val_as_type(list_items(type->subclasses)[i]));
}

static int type_add_subclass(Type *base, Type *sub) {
    if (!base->subclasses) {
        base->subclasses = list_new(0);
        if (!base->subclasses) return -1;
    }
    return list_append(base->subclasses, val_from_ptr(sub));
}

static void type_remove_subclass(Type *base, Type *sub) {
    if (!base->subclasses) return;
    Value *items = list_items(base->subclasses);
    size_t n = list_size(base->subclasses);
    for (size_t i = 0; i < n; i++) {
        if (items[i] == val_from_ptr(sub)) {
            memmove(items + i, items + i + 1, (n - i - 1) * sizeof(Value));
            LIST(base->subclasses)->size--;
            return;
        }
    }
}

/* ---- names ---- */

const char *type_name(Type *t) { return t->name; }

Value type_get_qualname(Type *type) {
    if (type->qualname) return type->qualname;
    const char *dot = strrchr(type->name, '.');
    return str_from_cstr(dot ? dot + 1 : type->name);
}

Value type_get_module(Type *type) {
    if (type->flags & TPFLAG_HEAPTYPE) {
        Value m = dict_get_interned(type->dict, name___module__);
        return m ? m : VAL_NONE;
    }
    if (type->module) return type->module;
    const char *dot = strrchr(type->name, '.');
    if (dot) return str_new(type->name, (size_t)(dot - type->name));
    return str_from_cstr("builtins");
}

static bool module_is(Value module, const char *name) {
    return val_is_str(module) && strcmp(str_data(module), name) == 0;
}

Value type_display_name(Type *type) {
    Value qualname = type_get_qualname(type);
    Value module = type_get_module(type);
    if (!qualname || !module) return VAL_NULL;
    if (!val_is_str(module)) return str_format_c("<unknown>.%U", qualname);
    if (module_is(module, "builtins") || module_is(module, "__main__")) return qualname;
    return str_format_c("%U.%U", module, qualname);
}

Value type_repr(Value tv) {
    Type *type = val_as_type(tv);
    Value qualname = type_get_qualname(type);
    Value module = type_get_module(type);
    if (!qualname || !module) return VAL_NULL;
    if (val_is_str(module) && !module_is(module, "builtins"))
        return str_format_c("<class '%U.%U'>", module, qualname);
    return str_format_c("<class '%U'>", qualname);
}

/* ---- lookup and subtyping ---- */

/* The method cache: (type version, interned name) -> what the MRO walk
 * found, misses included (instance attribute reads look for a data
 * descriptor on the type first, and almost always miss). A version names
 * one state of one type — type_modified gives a type and its subclasses
 * fresh versions on every change — so an entry is valid exactly when both
 * its version and its name match; nothing is ever invalidated explicitly.
 * The table lives in static data, which the collector scans. */
#define TYPE_CACHE_BITS 12
#define TYPE_CACHE_MISS ((Value)1) /* never a valid Value: not a pointer */

typedef struct TypeCacheEntry {
    uint32_t version;
    Value name;
    Value found; /* TYPE_CACHE_MISS when the walk found nothing */
} TypeCacheEntry;

static TypeCacheEntry type_cache[1u << TYPE_CACHE_BITS];

static Value type_lookup_uncached(Type *type, Value name, bool interned);

Value type_lookup(Type *type, Value name) {
    bool interned = val_is_str_exact(name) && STR(name)->interned;
    if (!interned || type->version == 0) return type_lookup_uncached(type, name, interned);
    uint32_t h = (type->version * 2654435761u) ^ (uint32_t)(name >> 4);
    TypeCacheEntry *e = &type_cache[h & ((1u << TYPE_CACHE_BITS) - 1)];
    if (e->version == type->version && e->name == name)
        return e->found == TYPE_CACHE_MISS ? VAL_NULL : e->found;
    Value found = type_lookup_uncached(type, name, true);
    if (!found && err_occurred()) return VAL_NULL;
    e->version = type->version;
    e->name = name;
    e->found = found ? found : TYPE_CACHE_MISS;
    return found;
}

static Value type_lookup_uncached(Type *type, Value name, bool interned) {
    Value mro = type->mro;
    if (!mro) {
        if (!type->dict) return VAL_NULL;
        return interned ? dict_get_interned(type->dict, name) : dict_get(type->dict, name);
    }
    size_t n = tuple_size(mro);
    Value *items = tuple_items(mro);
    for (size_t i = 0; i < n; i++) {
        Value dict = val_as_type(items[i])->dict;
        Value v = interned ? dict_get_interned(dict, name) : dict_get(dict, name);
        if (v) return v;
    }
    return VAL_NULL;
}

bool type_is_subtype(Type *a, Type *b) {
    if (a == b) return true;
    Value mro = a->mro;
    if (mro) {
        size_t n = tuple_size(mro);
        Value *items = tuple_items(mro);
        for (size_t i = 0; i < n; i++)
            if (items[i] == val_from_ptr(b)) return true;
        return false;
    }
    /* not ready yet: walk the base chain */
    for (Type *t = TP_BASE(a); t; t = TP_BASE(t))
        if (t == b) return true;
    return b == &Object_Type;
}

Value type_generic_alloc(Type *type) {
    Object *o = obj_alloc(type, type->basicsize ? type->basicsize : sizeof(Object));
    if (!o) return err_no_memory();
    return val_from_ptr(o);
}

/* ---- C3 linearisation ---- */

static bool seq_tail_contains(Value *seq, size_t len, size_t start, Value t) {
    for (size_t i = start + 1; i < len; i++)
        if (seq[i] == t) return true;
    return false;
}

static Value mro_error(Value *seqs[], size_t lens[], size_t pos[], size_t nseqs) {
    Value heads = list_new(0);
    if (!heads) return VAL_NULL;
    for (size_t i = 0; i < nseqs; i++) {
        if (pos[i] >= lens[i]) continue;
        Value h = seqs[i][pos[i]];
        bool seen = false;
        for (size_t j = 0; j < list_size(heads); j++)
            if (list_items(heads)[j] == h) seen = true;
        if (!seen && list_append(heads, h) < 0) return VAL_NULL;
    }
    Value names = VAL_NULL;
    for (size_t j = 0; j < list_size(heads); j++) {
        Value n = type_get_qualname(val_as_type(list_items(heads)[j]));
        if (!n) return VAL_NULL;
        names = names ? str_format_c("%U, %U", names, n) : n;
        if (!names) return VAL_NULL;
    }
    return err_format(&Exc_TypeError,
                      "Cannot create a consistent method resolution order (MRO) for bases %s",
                      names ? str_data(names) : "");
}

/* C3 merge of the bases' MROs and the bases list itself. */
static Value mro_c3(Type *type, Value bases) {
    size_t nb = tuple_size(bases);
    if (nb == 0) return tuple_pack(1, val_from_ptr(type));
    if (nb == 1) {
        Value bmro = val_as_type(tuple_items(bases)[0])->mro;
        Value r = tuple_new(tuple_size(bmro) + 1);
        if (!r) return VAL_NULL;
        tuple_items(r)[0] = val_from_ptr(type);
        memcpy(tuple_items(r) + 1, tuple_items(bmro), tuple_size(bmro) * sizeof(Value));
        return r;
    }
    size_t nseqs = nb + 1, total = 1;
    Value **seqs = gc_alloc(sizeof(Value *) * nseqs);
    size_t *lens = gc_alloc(sizeof(size_t) * nseqs);
    size_t *pos = gc_alloc(sizeof(size_t) * nseqs);
    if (!seqs || !lens || !pos) return err_no_memory();
    for (size_t i = 0; i < nb; i++) {
        Value m = val_as_type(tuple_items(bases)[i])->mro;
        seqs[i] = tuple_items(m);
        lens[i] = tuple_size(m);
        total += lens[i];
    }
    seqs[nb] = tuple_items(bases);
    lens[nb] = nb;
    Value result = list_new(total);
    if (!result || list_append(result, val_from_ptr(type)) < 0) return VAL_NULL;
    for (;;) {
        bool empty = true, found = false;
        for (size_t i = 0; i < nseqs && !found; i++) {
            if (pos[i] >= lens[i]) continue;
            empty = false;
            Value cand = seqs[i][pos[i]];
            bool in_tail = false;
            for (size_t j = 0; j < nseqs && !in_tail; j++)
                in_tail = pos[j] < lens[j] && seq_tail_contains(seqs[j], lens[j], pos[j], cand);
            if (in_tail) continue;
            found = true;
            if (list_append(result, cand) < 0) return VAL_NULL;
            for (size_t j = 0; j < nseqs; j++)
                if (pos[j] < lens[j] && seqs[j][pos[j]] == cand) pos[j]++;
        }
        if (empty) break;
        if (!found) return mro_error(seqs, lens, pos, nseqs);
    }
    return tuple_from_array(list_items(result), list_size(result));
}

/* The MRO of a new class: C3, or a metaclass's own mro() override. */
static Value type_compute_mro(Type *type) {
    Type *meta = val_type(val_from_ptr(type));
    if (meta != &Type_Type) {
        Value custom = type_lookup(meta, name_mro);
        Value base_mro = type_lookup(&Type_Type, name_mro);
        if (custom && custom != base_mro) {
            Value r = obj_call_method(val_from_ptr(type), "mro", NULL, 0);
            if (!r) return VAL_NULL;
            Value t = tuple_from_iterable(r);
            if (!t) return VAL_NULL;
            for (size_t i = 0; i < tuple_size(t); i++)
                if (!val_is_typeobj(tuple_items(t)[i]))
                    return err_format(&Exc_TypeError, "mro() returned a non-class ('%s')",
                                      val_type_name(tuple_items(t)[i]));
            return t;
        }
    }
    return mro_c3(type, type->bases);
}

/* ---- type_ready for static types ---- */

#define INHERIT(field) \
    if (!type->field) type->field = base->field
static void inherit_slots(Type *type, Type *base) {
    /* A static type directly under object without tp_new cannot be
     * instantiated ("cannot create 'function' instances"). */
    if (base != &Object_Type) INHERIT(tp_new);
    INHERIT(tp_init);
    INHERIT(tp_call);
    INHERIT(tp_repr);
    INHERIT(tp_str);
    if (!type->tp_hash && !type->tp_richcompare) {
        type->tp_hash = base->tp_hash;
        type->tp_richcompare = base->tp_richcompare;
    }
    INHERIT(tp_getattro);
    INHERIT(tp_setattro);
    INHERIT(tp_iter);
    INHERIT(tp_iternext);
    INHERIT(tp_descr_get);
    INHERIT(tp_descr_set);
    for (int i = 0; i < NB_COUNT; i++) {
        INHERIT(nb_binary[i]);
        INHERIT(nb_inplace[i]);
    }
    INHERIT(nb_negative);
    INHERIT(nb_positive);
    INHERIT(nb_absolute);
    INHERIT(nb_invert);
    INHERIT(nb_bool);
    INHERIT(nb_int);
    INHERIT(nb_float);
    INHERIT(nb_index);
    INHERIT(sq_length);
    INHERIT(mp_subscript);
    INHERIT(mp_ass_subscript);
    INHERIT(sq_contains);
}
#undef INHERIT

static int type_add_methods(Type *type) {
    if (!type->methods) return 0;
    for (const MethodDef *m = type->methods; m->name; m++) {
        Value d;
        if (m->flags & METH_CLASS)
            d = classmethoddescr_new(type, m);
        else if (m->flags & METH_STATIC) {
            Value f = builtin_function_new(m, VAL_NULL, VAL_NULL);
            d = f ? staticmethod_new(f) : VAL_NULL;
        } else
            d = methoddescr_new(type, m);
        if (!d || dict_set(type->dict, str_intern_cstr(m->name), d) < 0) return -1;
    }
    return 0;
}

static int type_add_getset(Type *type, const GetSetDef *gs) {
    if (!gs) return 0;
    for (; gs->name; gs++) {
        Value d = getsetdescr_new(type, gs);
        if (!d || dict_set(type->dict, str_intern_cstr(gs->name), d) < 0) return -1;
    }
    return 0;
}

int type_ready(Type *type) {
    if (type->flags & TPFLAG_READY) return 0;
    if (!type->base.type) type->base.type = &Type_Type;
    Type *base = TP_BASE(type);
    if (!base && type != &Object_Type) base = TP_BASE(type) = &Object_Type;
    if (base && type_ready(base) < 0) return -1;
    type->flags |= TPFLAG_READY;
    if (base) {
        type->flags |= base->flags & (TPFLAG_INT_SUBCLASS | TPFLAG_FLOAT_SUBCLASS |
                                      TPFLAG_STR_SUBCLASS | TPFLAG_BYTES_SUBCLASS |
                                      TPFLAG_TUPLE_SUBCLASS | TPFLAG_LIST_SUBCLASS |
                                      TPFLAG_DICT_SUBCLASS | TPFLAG_EXC_SUBCLASS |
                                      TPFLAG_TYPE_SUBCLASS);
        if (!type->basicsize) type->basicsize = base->basicsize;
        if (!type->attrs_offset) type->attrs_offset = base->attrs_offset;
        inherit_slots(type, base);
        type->bases = tuple_pack(1, val_from_ptr(base));
    } else {
        type->bases = tuple_new(0);
    }
    if (type == &Type_Type) type->flags |= TPFLAG_TYPE_SUBCLASS;
    if (!type->bases) return -1;
    type->mro = mro_c3(type, type->bases);
    type->dict = dict_new();
    if (!type->mro || !type->dict) return -1;
    /* wrappers first: a MethodDef of the same name (int's 3-argument
     * __pow__, say) then replaces the wrapper */
    if (type_add_slot_wrappers(type) < 0) return -1;
    if (type_add_methods(type) < 0 || type_add_getset(type, type->getset) < 0) return -1;
    if (!dict_get_interned(type->dict, name___doc__)) {
        Value doc = type->doc ? str_from_cstr(type->doc) : VAL_NONE;
        if (!doc || dict_set(type->dict, name___doc__, doc) < 0) return -1;
    }
    type->version = next_type_version++;
    if (base && type_add_subclass(base, type) < 0) return -1;
    return 0;
}

/* ---- class creation ---- */

/* The most derived metaclass among meta and the types of all bases. */
static Type *calculate_metaclass(Type *meta, Value bases) {
    Type *winner = meta;
    for (size_t i = 0; i < tuple_size(bases); i++) {
        Type *t = val_type(tuple_items(bases)[i]);
        if (type_is_subtype(winner, t)) continue;
        if (type_is_subtype(t, winner)) {
            winner = t;
            continue;
        }
        err_format(&Exc_TypeError,
                   "metaclass conflict: the metaclass of a derived class must be a "
                   "(non-strict) subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

/* The base whose instance layout the class extends (CPython's solid base). */
static Type *solid_base(Type *t) {
    if (t->flags & TPFLAG_HEAPTYPE) return solid_base(TP_BASE(t));
    if (!TP_BASE(t)) return t;
    if (t->basicsize != TP_BASE(t)->basicsize) return t;
    return solid_base(TP_BASE(t));
}

static Type *best_base(Value bases) {
    Type *base = NULL, *winner = NULL;
    for (size_t i = 0; i < tuple_size(bases); i++) {
        Value bv = tuple_items(bases)[i];
        if (!val_is_typeobj(bv)) {
            err_format(&Exc_TypeError, "bases must be types");
            return NULL;
        }
        Type *b = val_as_type(bv);
        if (!(b->flags & TPFLAG_BASETYPE)) {
            err_format(&Exc_TypeError, "type '%s' is not an acceptable base type", type_name(b));
            return NULL;
        }
        Type *cand = solid_base(b);
        if (!winner) {
            winner = cand;
            base = b;
        } else if (type_is_subtype(winner, cand)) {
        } else if (type_is_subtype(cand, winner)) {
            winner = cand;
            base = b;
        } else {
            err_format(&Exc_TypeError, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return base;
}

static bool base_is_var_sized(Type *b) {
    return (b->flags & (TPFLAG_STR_SUBCLASS | TPFLAG_BYTES_SUBCLASS | TPFLAG_TUPLE_SUBCLASS)) != 0;
}

/* Where instances keep their attributes (see object.h, attrs_offset). */
static void type_set_layout(Type *type, Type *base) {
    /* Classes (metaclass instances) keep attributes in their dict, modules
     * in theirs: neither needs an AttrStore. */
    if (base->attrs_offset != 0 || (base->flags & TPFLAG_TYPE_SUBCLASS) ||
        type_is_subtype(base, &Module_Type)) {
        type->attrs_offset = base->attrs_offset;
        type->basicsize = base->basicsize;
    } else if (base_is_var_sized(base)) {
        type->attrs_offset = -(ptrdiff_t)sizeof(AttrStore);
        type->basicsize = base->basicsize;
    } else {
        size_t off = (base->basicsize + 7) & ~(size_t)7;
        type->attrs_offset = (ptrdiff_t)off;
        type->basicsize = off + sizeof(AttrStore);
    }
}

/* "__x" in class C's body means "_C__x" (private name mangling). */
static Value mangle_name(Value classname, Value name) {
    const char *s = str_data(name);
    size_t n = str_size(name);
    if (n < 2 || s[0] != '_' || s[1] != '_') return name;
    if (n >= 4 && s[n - 1] == '_' && s[n - 2] == '_') return name;
    const char *c = str_data(classname);
    while (*c == '_') c++;
    if (!*c) return name;
    return str_intern(str_format_c("_%s%U", c, name));
}

/* Instances may have only the declared names when every class of the
 * hierarchy has __slots__ without '__dict__' (see the note at the top). */
static int type_apply_slots(HeapTypeObject *ht, Value slots_decl, Value bases) {
    Value names = val_is_str(slots_decl) ? tuple_pack(1, slots_decl)
                                          : tuple_from_iterable(slots_decl);
    if (!names) return -1;
    Value all = list_new(0);
    if (!all) return -1;
    for (size_t i = 0; i < tuple_size(names); i++) {
        Value n = tuple_items(names)[i];
        if (!val_is_str(n))
            return err_format_int(&Exc_TypeError, "__slots__ items must be strings, not '%s'",
                                  val_type_name(n));
        if (strcmp(str_data(n), "__dict__") == 0) return 0;
        if (list_append(all, mangle_name(ht->name, attr_name_intern(n))) < 0) return -1;
    }
    for (size_t i = 0; i < tuple_size(bases); i++) {
        Type *b = val_as_type(tuple_items(bases)[i]);
        if (b->flags & TPFLAG_HEAPTYPE) {
            Value bs = HEAPTYPE(b)->slot_names;
            if (!bs) return 0;
            for (size_t j = 0; j < tuple_size(bs); j++)
                if (list_append(all, tuple_items(bs)[j]) < 0) return -1;
        } else if (b->attrs_offset != 0) {
            return 0;
        }
    }
    ht->slot_names = tuple_from_array(list_items(all), list_size(all));
    return ht->slot_names ? 0 : -1;
}

static Value dict_pop_interned(Value d, Value key) {
    Value v = dict_get_interned(d, key);
    if (v && dict_del(d, key) < 0) return VAL_NULL;
    return v;
}

/* Fill the namespace-derived parts: __qualname__, __module__, __doc__,
 * implicit classmethods/staticmethods, __hash__ = None after __eq__. */
static int type_prepare_namespace(HeapTypeObject *ht, Value dict) {
    Type *type = &ht->type;
    Value qualname = dict_pop_interned(dict, name___qualname__);
    if (qualname && !val_is_str(qualname))
        return err_format_int(&Exc_TypeError, "type __qualname__ must be a str, not %s",
                              val_type_name(qualname));
    type->qualname = qualname ? qualname : ht->name;
    if (!dict_get_interned(dict, name___module__)) {
        Value globals = vm_current_globals();
        Value modname = globals ? dict_get_interned(globals, name___name__) : VAL_NULL;
        if (modname && dict_set(dict, name___module__, modname) < 0) return -1;
    }
    if (!dict_get_interned(dict, name___doc__) && dict_set(dict, name___doc__, VAL_NONE) < 0)
        return -1;
    Value f = dict_get_interned(dict, name___new__);
    if (f && val_is_type_exact(f, &Function_Type)) {
        Value sm = staticmethod_new(f);
        if (!sm || dict_set(dict, name___new__, sm) < 0) return -1;
    }
    Value cm_names[2] = {name___init_subclass__, name___class_getitem__};
    for (int i = 0; i < 2; i++) {
        f = dict_get_interned(dict, cm_names[i]);
        if (f && val_is_type_exact(f, &Function_Type)) {
            Value cm = classmethod_new(f);
            if (!cm || dict_set(dict, cm_names[i], cm) < 0) return -1;
        }
    }
    if (dict_get_interned(dict, name___eq__) && !dict_get_interned(dict, name___hash__) &&
        dict_set(dict, name___hash__, VAL_NONE) < 0)
        return -1;
    return 0;
}

static int type_fill_classcell(Type *type, Value dict) {
    Value cell = dict_pop_interned(dict, name___classcell__);
    if (!cell) return err_occurred() ? -1 : 0;
    if (!val_is_type_exact(cell, &Cell_Type)) {
        Value r = obj_repr(val_from_ptr(val_type(cell)));
        return err_format_int(&Exc_TypeError, "__classcell__ must be a nonlocal cell, not %s",
                              r ? str_data(r) : "?");
    }
    CELL(cell)->contents = val_from_ptr(type);
    return 0;
}

/* CPython 3.12+ keeps the original error and adds where it happened. */
static void add_set_name_note(Type *type, Value name, Value value) {
    Value exc = err_fetch();
    if (exc && val_is_exception(exc)) {
        Value note = str_format_c("Error calling __set_name__ on '%s' instance %R in '%s'",
                                  val_type_name(value), name, type_name(type));
        Value add = note ? obj_lookup_attr(exc, str_intern_cstr("add_note")) : VAL_NULL;
        if (!add || !obj_call1(add, note)) err_clear();
    }
    err_restore(exc);
}

static int type_call_set_names(Type *type) {
    Value snapshot = dict_copy(type->dict);
    if (!snapshot) return -1;
    size_t pos = 0;
    Value k, v;
    while (dict_next(snapshot, &pos, &k, &v)) {
        if (!val_is_ptr(v)) continue;
        bool found;
        Value args[2] = {val_from_ptr(type), k};
        Value r = call_special(v, name___set_name__, args, 2, &found);
        if (found && !r) {
            add_set_name_note(type, k, v);
            return -1;
        }
    }
    return 0;
}

/* super(type, type).__init_subclass__(**kwargs) */
static int type_call_init_subclass(Type *type, Value *kwargs, size_t nkw, Value kwnames) {
    Value mro = type->mro;
    for (size_t i = 1; i < tuple_size(mro); i++) {
        Value attr = dict_get_interned(val_as_type(tuple_items(mro)[i])->dict,
                                       name___init_subclass__);
        if (!attr) continue;
        Value bound = descr_bind(attr, VAL_NULL, type);
        if (!bound) return -1;
        Value r = obj_call(bound, kwargs, 0, nkw ? kwnames : VAL_NULL);
        return r ? 0 : -1;
    }
    return 0;
}

Value type_new_impl(Type *meta, Value name, Value bases, Value dict,
                    Value *kwargs, size_t nkw, Value kwnames) {
    for (size_t i = 0; i < tuple_size(bases); i++)
        for (size_t j = i + 1; j < tuple_size(bases); j++)
            if (tuple_items(bases)[i] == tuple_items(bases)[j]) {
                Value n = type_get_qualname(val_as_type(tuple_items(bases)[i]));
                return err_format(&Exc_TypeError, "duplicate base class %s",
                                  n ? str_data(n) : "?");
            }
    if (tuple_size(bases) == 0) bases = tuple_pack(1, val_from_ptr(&Object_Type));
    if (!bases) return VAL_NULL;
    Type *base = best_base(bases);
    if (!base) return VAL_NULL;
    dict = dict_copy(dict);
    if (!dict) return VAL_NULL;

    size_t size = meta->basicsize > sizeof(HeapTypeObject) ? meta->basicsize
                                                          : sizeof(HeapTypeObject);
    HeapTypeObject *ht = obj_alloc(meta, size);
    if (!ht) return err_no_memory();
    Type *type = &ht->type;
    ht->name = str_intern(name);
    if (!ht->name) return VAL_NULL;
    type->name = str_data(ht->name);
    type->flags = TPFLAG_HEAPTYPE | TPFLAG_BASETYPE;
    for (size_t i = 0; i < tuple_size(bases); i++)
        type->flags |= val_as_type(tuple_items(bases)[i])->flags &
                       ~(TPFLAG_HEAPTYPE | TPFLAG_BASETYPE | TPFLAG_READY | TPFLAG_ABSTRACT);
    TP_BASE(type) = base;
    type->bases = bases;
    type->dict = dict;
    type_set_layout(type, base);
    if (type_prepare_namespace(ht, dict) < 0) return VAL_NULL;
    Value slots_decl = dict_get_interned(dict, name___slots__);
    if (slots_decl && type_apply_slots(ht, slots_decl, bases) < 0) return VAL_NULL;
    if (type->attrs_offset != 0 && !ht->slot_names && base->attrs_offset == 0 &&
        !(type->flags & TPFLAG_TYPE_SUBCLASS) && !dict_get_interned(dict, name___dict__)) {
        Value d = getsetdescr_new(type, &object_dict_getset[0]);
        if (!d || dict_set(dict, name___dict__, d) < 0) return VAL_NULL;
    }
    type->mro = type_compute_mro(type);
    if (!type->mro) return VAL_NULL;
    type->flags |= TPFLAG_READY;
    type->version = next_type_version++;
    type_update_slots(type);
    for (size_t i = 0; i < tuple_size(bases); i++)
        if (type_add_subclass(val_as_type(tuple_items(bases)[i]), type) < 0) return VAL_NULL;
    if (type_fill_classcell(type, dict) < 0) return VAL_NULL;
    if (type_call_set_names(type) < 0) return VAL_NULL;
    if (type_call_init_subclass(type, kwargs, nkw, kwnames) < 0) return VAL_NULL;
    return val_from_ptr(type);
}

/* type.__new__(meta, name, bases, dict, **kwds) and type(x). */
static Value type_tp_new(Type *meta, Value *args, size_t nargs, Value kwnames) {
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    if (nargs != 3)
        return err_format(&Exc_TypeError, "type.__new__() takes exactly 3 arguments (%zu given)",
                          nargs);
    Value name = args[0], bases = args[1], dict = args[2];
    if (!val_is_str(name))
        return err_format(&Exc_TypeError, "type.__new__() argument 1 must be str, not %s",
                          val_type_name(name));
    if (!val_is_tuple(bases))
        return err_format(&Exc_TypeError, "type.__new__() argument 2 must be tuple, not %s",
                          val_type_name(bases));
    if (!val_is_dict(dict))
        return err_format(&Exc_TypeError, "type.__new__() argument 3 must be dict, not %s",
                          val_type_name(dict));
    Type *winner = calculate_metaclass(meta, bases);
    if (!winner) return VAL_NULL;
    if (winner != meta && winner->tp_new != type_tp_new)
        return winner->tp_new(winner, args, nargs, kwnames);
    return type_new_impl(winner, name, bases, dict, args + 3, nkw, kwnames);
}

static int type_tp_init(Value self, Value *args, size_t nargs, Value kwnames) {
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    if (nargs == 1 && nkw)
        return err_format_int(&Exc_TypeError, "type.__init__() takes no keyword arguments");
    if (nargs != 1 && nargs != 3)
        return err_format_int(&Exc_TypeError, "type.__init__() takes 1 or 3 arguments");
    return 0;
}

static Value type_call(Value self, Value *args, size_t nargs, Value kwnames) {
    Type *type = val_as_type(self);
    if (type == &Type_Type) {
        size_t nkw = kwnames ? tuple_size(kwnames) : 0;
        if (nargs == 1 && nkw == 0) return val_from_ptr(val_type(args[0]));
        if (nargs != 3) return err_format(&Exc_TypeError, "type() takes 1 or 3 arguments");
    }
    if (!type->tp_new)
        return err_format(&Exc_TypeError, "cannot create '%s' instances", type_name(type));
    Value obj = type->tp_new(type, args, nargs, kwnames);
    if (!obj) return VAL_NULL;
    Type *ot = val_type(obj);
    if (!type_is_subtype(ot, type)) return obj;
    if (ot->tp_init && ot->tp_init(obj, args, nargs, kwnames) < 0) return VAL_NULL;
    return obj;
}

/* ---- attribute access on classes ---- */

Value type_getattro(Value tv, Value name) {
    if (!val_is_str(name))
        return err_format(&Exc_TypeError, "attribute name must be string, not '%s'",
                          val_type_name(name));
    Type *type = val_as_type(tv);
    Type *meta = val_type(tv);
    Value meta_attr = type_lookup(meta, name);
    DescrGetFn meta_get = NULL;
    if (meta_attr) {
        meta_get = val_type(meta_attr)->tp_descr_get;
        if (meta_get && descr_is_data(meta_attr)) return meta_get(meta_attr, tv, val_from_ptr(meta));
    }
    Value attr = type_lookup(type, name);
    if (attr) {
        DescrGetFn get = val_type(attr)->tp_descr_get;
        return get ? get(attr, VAL_NULL, tv) : attr;
    }
    if (meta_get) return meta_get(meta_attr, tv, val_from_ptr(meta));
    if (meta_attr) return meta_attr;
    if (err_occurred()) return VAL_NULL;
    Value qn = type_get_qualname(type);
    err_format(&Exc_AttributeError, "type object '%s' has no attribute '%s'",
               qn ? str_data(qn) : type_name(type), str_data(name));
    return VAL_NULL;
}

int type_setattro(Value tv, Value name, Value v) {
    if (!val_is_str(name))
        return err_format_int(&Exc_TypeError, "attribute name must be string, not '%s'",
                              val_type_name(name));
    Type *type = val_as_type(tv);
    if (!(type->flags & TPFLAG_HEAPTYPE))
        return err_format_int(&Exc_TypeError, "cannot set '%s' attribute of immutable type '%s'",
                              str_data(name), type_name(type));
    name = attr_name_intern(name);
    if (!name) return -1;
    Value meta_attr = type_lookup(val_type(tv), name);
    if (meta_attr && descr_is_data(meta_attr))
        return val_type(meta_attr)->tp_descr_set(meta_attr, tv, v);
    if (v) {
        if (dict_set(type->dict, name, v) < 0) return -1;
    } else {
        int r = dict_del(type->dict, name);
        if (r < 0) return -1;
        if (r == 1) {
            Value qn = type_get_qualname(type);
            return err_format_int(&Exc_AttributeError, "type object '%s' has no attribute '%s'",
                                  qn ? str_data(qn) : type_name(type), str_data(name));
        }
    }
    type_modified(type);
    if (slot_name_is_special(name)) type_update_slots(type);
    return 0;
}

/* ---- getset of type ---- */

static int check_heap_set(Type *type, const char *attr, Value v) {
    if (!(type->flags & TPFLAG_HEAPTYPE))
        return err_format_int(&Exc_TypeError, "cannot set '%s' attribute of immutable type '%s'",
                              attr, type_name(type));
    if (!v)
        return err_format_int(&Exc_TypeError, "cannot delete '%s' attribute of immutable type '%s'",
                              attr, type_name(type));
    return 0;
}

static Value type_get_name(Value tv) {
    Type *t = val_as_type(tv);
    if (t->flags & TPFLAG_HEAPTYPE) return HEAPTYPE(t)->name;
    const char *dot = strrchr(t->name, '.');
    return str_from_cstr(dot ? dot + 1 : t->name);
}

static int type_set_name(Value tv, Value v) {
    Type *t = val_as_type(tv);
    if (check_heap_set(t, "__name__", v) < 0) return -1;
    if (!val_is_str(v))
        return err_format_int(&Exc_TypeError, "can only assign string to %s.__name__, not '%s'",
                              type_name(t), val_type_name(v));
    HEAPTYPE(t)->name = str_intern(v);
    t->name = str_data(HEAPTYPE(t)->name);
    type_modified(t);
    return 0;
}

static Value type_get_qualname_attr(Value tv) { return type_get_qualname(val_as_type(tv)); }

static int type_set_qualname(Value tv, Value v) {
    Type *t = val_as_type(tv);
    if (check_heap_set(t, "__qualname__", v) < 0) return -1;
    if (!val_is_str(v))
        return err_format_int(&Exc_TypeError,
                              "can only assign string to %s.__qualname__, not '%s'",
                              type_name(t), val_type_name(v));
    t->qualname = v;
    type_modified(t);
    return 0;
}

static Value type_get_module_attr(Value tv) { return type_get_module(val_as_type(tv)); }

static int type_set_module(Value tv, Value v) {
    Type *t = val_as_type(tv);
    if (check_heap_set(t, "__module__", v) < 0) return -1;
    if (dict_set(t->dict, name___module__, v) < 0) return -1;
    type_modified(t);
    return 0;
}

static Value type_get_doc(Value tv) {
    Type *t = val_as_type(tv);
    Value d = dict_get_interned(t->dict, name___doc__);
    if (!d) return VAL_NONE;
    DescrGetFn get = val_type(d)->tp_descr_get;
    return get ? get(d, VAL_NULL, tv) : d;
}

static int type_set_doc(Value tv, Value v) {
    Type *t = val_as_type(tv);
    if (check_heap_set(t, "__doc__", v) < 0) return -1;
    if (dict_set(t->dict, name___doc__, v) < 0) return -1;
    type_modified(t);
    return 0;
}

static Value type_get_bases(Value tv) { return val_as_type(tv)->bases; }

static int type_set_bases(Value tv, Value v) {
    Type *t = val_as_type(tv);
    if (check_heap_set(t, "__bases__", v) < 0) return -1;
    if (!val_is_tuple(v))
        return err_format_int(&Exc_TypeError, "can only assign tuple to %s.__bases__, not %s",
                              type_name(t), val_type_name(v));
    if (tuple_size(v) == 0) {
        Value r = obj_repr(v);
        return err_format_int(&Exc_TypeError,
                              "can only assign non-empty tuple to %s.__bases__, not %s",
                              type_name(t), r ? str_data(r) : "()");
    }
    for (size_t i = 0; i < tuple_size(v); i++) {
        Value b = tuple_items(v)[i];
        if (!val_is_typeobj(b))
            return err_format_int(&Exc_TypeError,
                                  "%s.__bases__ must be tuple of classes, not '%s'",
                                  type_name(t), val_type_name(b));
        if (type_is_subtype(val_as_type(b), t))
            return err_format_int(&Exc_TypeError, "a __bases__ item causes an inheritance cycle");
    }
    Type *new_base = best_base(v);
    if (!new_base) return -1;
    Value old_bases = t->bases, old_mro = t->mro;
    t->bases = v;
    Value mro = type_compute_mro(t);
    if (!mro) {
        t->bases = old_bases;
        t->mro = old_mro;
        return -1;
    }
    t->mro = mro;
    for (size_t i = 0; i < tuple_size(old_bases); i++)
        type_remove_subclass(val_as_type(tuple_items(old_bases)[i]), t);
    for (size_t i = 0; i < tuple_size(v); i++)
        if (type_add_subclass(val_as_type(tuple_items(v)[i]), t) < 0) return -1;
    TP_BASE(t) = new_base;
    type_modified(t);
    type_update_slots(t);
    return 0;
}

static Value type_get_base(Value tv) {
    Type *b = TP_BASE(val_as_type(tv));
    return b ? val_from_ptr(b) : VAL_NONE;
}

static Value type_get_mro(Value tv) {
    Value m = val_as_type(tv)->mro;
    return m ? m : VAL_NONE;
}

static Value type_get_dict(Value tv) { return dict_copy(val_as_type(tv)->dict); }

static Value type_get_abstractmethods(Value tv) {
    Type *t = val_as_type(tv);
    Value v = t != &Type_Type ? dict_get_interned(t->dict, name___abstractmethods__) : VAL_NULL;
    if (!v) return err_format(&Exc_AttributeError, "__abstractmethods__");
    return v;
}

static int type_set_abstractmethods(Value tv, Value v) {
    Type *t = val_as_type(tv);
    int abstract = 0;
    if (v) {
        abstract = obj_truthy(v);
        if (abstract < 0 || dict_set(t->dict, name___abstractmethods__, v) < 0) return -1;
    } else {
        int r = dict_del(t->dict, name___abstractmethods__);
        if (r < 0) return -1;
        if (r == 1) return err_format_int(&Exc_AttributeError, "__abstractmethods__");
    }
    if (abstract)
        t->flags |= TPFLAG_ABSTRACT;
    else
        t->flags &= ~TPFLAG_ABSTRACT;
    type_modified(t);
    return 0;
}

static Value type_get_annotations(Value tv) {
    Type *t = val_as_type(tv);
    Value a = dict_get_interned(t->dict, name___annotations__);
    if (a) return a;
    if (!(t->flags & TPFLAG_HEAPTYPE))
        return err_format(&Exc_AttributeError, "type object '%s' has no attribute '__annotations__'",
                          type_name(t));
    a = dict_new();
    if (!a || dict_set(t->dict, name___annotations__, a) < 0) return VAL_NULL;
    return a;
}

static int type_set_annotations(Value tv, Value v) {
    Type *t = val_as_type(tv);
    if (check_heap_set(t, "__annotations__", v ? v : VAL_NONE) < 0) return -1;
    int r = v ? dict_set(t->dict, name___annotations__, v) : dict_del(t->dict, name___annotations__);
    if (r < 0) return -1;
    type_modified(t);
    return 0;
}

/* ---- methods of type ---- */

static Value type_mro_method(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("mro", nargs, 1, 1) < 0) return VAL_NULL;
    Type *t = val_as_type(args[0]);
    Value m = mro_c3(t, t->bases);
    return m ? list_from_array(tuple_items(m), tuple_size(m)) : VAL_NULL;
}

static Value type___subclasses__(Value *args, size_t nargs, Value kwnames) {
    Type *t = val_as_type(args[0]);
    if (!t->subclasses) return list_new(0);
    return list_from_array(list_items(t->subclasses), list_size(t->subclasses));
}

static Value type___instancecheck__(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("__instancecheck__", nargs, 2, 2) < 0) return VAL_NULL;
    Type *t = val_as_type(args[0]);
    if (type_is_subtype(val_type(args[1]), t)) return VAL_TRUE;
    /* an object may lie about its class through __class__ */
    Value cls = obj_lookup_attr(args[1], name___class__);
    if (!cls) return err_occurred() ? VAL_NULL : VAL_FALSE;
    return val_bool(val_is_typeobj(cls) && type_is_subtype(val_as_type(cls), t));
}

static Value type___subclasscheck__(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("__subclasscheck__", nargs, 2, 2) < 0) return VAL_NULL;
    if (!val_is_typeobj(args[1]))
        return err_format(&Exc_TypeError, "issubclass() arg 1 must be a class");
    return val_bool(type_is_subtype(val_as_type(args[1]), val_as_type(args[0])));
}

static Value type___prepare__(Value *args, size_t nargs, Value kwnames) { return dict_new(); }

static Value type___dir__(Value *args, size_t nargs, Value kwnames) {
    Value names = dict_new();
    if (!names || type_collect_dir(val_as_type(args[0]), names) < 0) return VAL_NULL;
    return dict_keys_list(names);
}

static Value type___sizeof__(Value *args, size_t nargs, Value kwnames) {
    return val_from_smallint((int64_t)sizeof(HeapTypeObject));
}

static Value type_or(Value a, Value b) { return union_new(a, b); }

static const MethodDef type_methods[] = {
    {"mro", type_mro_method, METH_DEFAULT, "Return a type's method resolution order."},
    {"__subclasses__", type___subclasses__, METH_DEFAULT, NULL},
    {"__instancecheck__", type___instancecheck__, METH_DEFAULT, NULL},
    {"__subclasscheck__", type___subclasscheck__, METH_DEFAULT, NULL},
    {"__prepare__", type___prepare__, METH_CLASS, NULL},
    {"__dir__", type___dir__, METH_DEFAULT, NULL},
    {"__sizeof__", type___sizeof__, METH_DEFAULT, NULL},
    {NULL},
};

static const GetSetDef type_getset[] = {
    {"__name__", type_get_name, type_set_name},
    {"__qualname__", type_get_qualname_attr, type_set_qualname},
    {"__module__", type_get_module_attr, type_set_module},
    {"__doc__", type_get_doc, type_set_doc},
    {"__bases__", type_get_bases, type_set_bases},
    {"__base__", type_get_base, NULL},
    {"__mro__", type_get_mro, NULL},
    {"__dict__", type_get_dict, NULL},
    {"__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods},
    {"__annotations__", type_get_annotations, type_set_annotations},
    {NULL},
};

Type Type_Type = {
    .base = {&Type_Type},
    .name = "type",
    .basicsize = sizeof(HeapTypeObject),
    .flags = TPFLAG_BASETYPE | TPFLAG_TYPE_SUBCLASS,
    .doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
    .tp_new = type_tp_new,
    .tp_init = type_tp_init,
    .tp_call = type_call,
    .tp_repr = type_repr,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .nb_binary = {[NB_OR] = type_or},
    .methods = type_methods,
    .getset = type_getset,
};

/* ---- __build_class__ ---- */

/* PEP 560: replace non-type bases by what their __mro_entries__ returns. */
static Value update_bases(Value orig) {
    Value result = VAL_NULL;
    for (size_t i = 0; i < tuple_size(orig); i++) {
        Value b = tuple_items(orig)[i];
        if (val_is_typeobj(b)) {
            if (result && list_append(result, b) < 0) return VAL_NULL;
            continue;
        }
        Value meth = obj_lookup_attr(b, name___mro_entries__);
        if (!meth) {
            if (err_occurred()) return VAL_NULL;
            if (result && list_append(result, b) < 0) return VAL_NULL;
            continue;
        }
        Value entries = obj_call1(meth, orig);
        if (!entries) return VAL_NULL;
        if (!val_is_tuple(entries))
            return err_format(&Exc_TypeError, "__mro_entries__ must return a tuple");
        if (!result) {
            result = list_from_array(tuple_items(orig), i);
            if (!result) return VAL_NULL;
        }
        if (list_extend(result, entries) < 0) return VAL_NULL;
    }
    if (!result) return orig;
    return tuple_from_array(list_items(result), list_size(result));
}

static Value prepare_namespace(Value meta, Value name, Value bases, Value *kw, size_t nkw,
                               Value kwnames) {
    Value prep = obj_lookup_attr(meta, name___prepare__);
    if (!prep) return err_occurred() ? VAL_NULL : dict_new();
    Value args[2 + 64];
    if (nkw > 64) return err_format(&Exc_TypeError, "too many class keyword arguments");
    args[0] = name;
    args[1] = bases;
    for (size_t i = 0; i < nkw; i++) args[2 + i] = kw[i];
    Value ns = obj_call(prep, args, 2, nkw ? kwnames : VAL_NULL);
    if (!ns) return VAL_NULL;
    if (!val_is_dict(ns) && !obj_lookup_attr(ns, name___getitem__)) {
        if (err_occurred()) return VAL_NULL;
        const char *mn = val_is_typeobj(meta) ? type_name(val_as_type(meta)) : "<metaclass>";
        return err_format(&Exc_TypeError, "%s.__prepare__() must return a mapping, not %s", mn,
                          val_type_name(ns));
    }
    return ns;
}

Value builtin___build_class__(Value *args, size_t nargs, Value kwnames) {
    if (nargs < 2) return err_format(&Exc_TypeError, "__build_class__: not enough arguments");
    Value func = args[0], name = args[1];
    if (!val_is_type_exact(func, &Function_Type))
        return err_format(&Exc_TypeError, "__build_class__: func must be a function");
    if (!val_is_str(name))
        return err_format(&Exc_TypeError, "__build_class__: name is not a string");
    Value orig_bases = tuple_from_array(args + 2, nargs - 2);
    if (!orig_bases) return VAL_NULL;
    Value bases = update_bases(orig_bases);
    if (!bases) return VAL_NULL;

    /* split the keywords: metaclass= is ours, the rest go to the metaclass */
    size_t nkw_in = kwnames ? tuple_size(kwnames) : 0;
    Value meta = VAL_NULL;
    Value *kw = gc_alloc(sizeof(Value) * (nkw_in + 3));
    Value kwn = list_new(0);
    if (!kw || !kwn) return err_no_memory();
    size_t nkw = 0;
    for (size_t i = 0; i < nkw_in; i++) {
        Value k = tuple_items(kwnames)[i];
        if (str_eq(k, str_intern_cstr("metaclass"))) {
            meta = args[nargs + i];
            continue;
        }
        kw[3 + nkw++] = args[nargs + i];
        if (list_append(kwn, k) < 0) return VAL_NULL;
    }
    Value rest_names = nkw ? tuple_from_array(list_items(kwn), nkw) : VAL_NULL;
    if (nkw && !rest_names) return VAL_NULL;

    bool is_class = true;
    if (!meta) {
        meta = tuple_size(bases) ? val_from_ptr(val_type(tuple_items(bases)[0]))
                                 : val_from_ptr(&Type_Type);
    } else {
        is_class = val_is_typeobj(meta);
    }
    if (is_class) {
        Type *winner = calculate_metaclass(val_as_type(meta), bases);
        if (!winner) return VAL_NULL;
        meta = val_from_ptr(winner);
    }
    Value ns = prepare_namespace(meta, name, bases, kw + 3, nkw, rest_names);
    if (!ns) return VAL_NULL;
    Value cell = vm_call_class_body(func, ns);
    if (!cell) return VAL_NULL;
    if (bases != orig_bases && obj_setitem(ns, name___orig_bases__, orig_bases) < 0)
        return VAL_NULL;
    kw[0] = name;
    kw[1] = bases;
    kw[2] = ns;
    Value cls = obj_call(meta, kw, 3, rest_names);
    if (!cls) return VAL_NULL;
    if (val_is_type_exact(cell, &Cell_Type) && val_is_typeobj(cls)) {
        Value held = CELL(cell)->contents;
        if (held != cls) {
            Value rn = obj_repr(name), rc = obj_repr(cls);
            if (!rn || !rc) return VAL_NULL;
            if (!held)
                return err_format(&Exc_RuntimeError,
                                  "__class__ not set defining %s as %s. Was __classcell__ "
                                  "propagated to type.__new__?",
                                  str_data(rn), str_data(rc));
            Value rh = obj_repr(held);
            if (!rh) return VAL_NULL;
            return err_format(&Exc_TypeError, "__class__ set to %s defining %s as %s",
                              str_data(rh), str_data(rn), str_data(rc));
        }
    }
    return cls;
}

/* ---- start-up ---- */

#define READY_TYPE(t) type_ready(&t);
#define READY_EXC(c, py, base) type_ready(&Exc_##c);
void typesys_init(void) {
    exceptions_setup();
    type_ready(&Object_Type);
    type_ready(&Type_Type);
    BUILTIN_TYPES(READY_TYPE)
    EXCEPTION_TYPES(READY_EXC)
    type_ready(&SlotWrapper_Type);
    type_ready(&MethodWrapper_Type);
    type_ready(&UnionType_Type);
    type_ready(&GenericAlias_Type);
}
#undef READY_TYPE
#undef READY_EXC
