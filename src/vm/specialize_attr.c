/* specialize_attr.c — specialisers for LOAD_GLOBAL, LOAD_ATTR and
 * STORE_ATTR. They mirror the lookup order of the generic paths
 * (globals_then_builtins in eval.c, generic_getattr_core in abstract.c)
 * and only pick a form when that order provably ends where the form reads.
 *
 * krait has no separate __slots__ storage: instances of classes with
 * __slots__ keep their attributes in the shape AttrStore like any other
 * instance, so they specialise to LOAD_ATTR/STORE_ATTR_INSTANCE_VALUE (there
 * is no _SLOT form). */
#include "specialize_impl.h"

#include "../objects/function.h"
#include "../objects/module.h"
#include "../objects/shape.h"
#include "../objects/typeobj.h"

/* Index of the entry of d whose key IS name (identity: the guard compares
 * pointers), or -1. Linear, but specialisers run rarely. */
static int64_t dict_entry_index(Value d, Value name) {
    DictObject *o = DICT(d);
    for (size_t i = 0; i < o->nentries; i++)
        if (o->entries[i].key == name) return (int64_t)i;
    return -1;
}

/* Early-return helpers: `return fail_load_attr(...)` ends a specialiser. */
static bool fail_load_attr(CodeUnit *instr, SpecFailure why) {
    spec_fail(instr, OP_LOAD_ATTR, why);
    return false;
}
static bool fail_store_attr(CodeUnit *instr, SpecFailure why) {
    spec_fail(instr, OP_STORE_ATTR, why);
    return false;
}
static bool install(CodeUnit *instr, int op) {
    spec_install(instr, op);
    return true;
}

/* ---- LOAD_GLOBAL ---- */

void specialize_load_global(Frame *f, CodeUnit *instr, Value name) {
    int64_t ix = dict_entry_index(f->globals, name);
    if (ix >= 0) {
        instr[2] = (uint32_t)ix;
        spec_install(instr, OP_LOAD_GLOBAL_MODULE);
        return;
    }
    Value shadow = dict_get_interned(f->globals, name);
    err_clear();
    if (shadow) {
        spec_fail(instr, OP_LOAD_GLOBAL, SPEC_FAIL_NOT_IDENTICAL);
        return;
    }
    ix = dict_entry_index(f->builtins, name);
    if (ix < 0) {
        spec_fail(instr, OP_LOAD_GLOBAL, SPEC_FAIL_NOT_FOUND);
        return;
    }
    instr[2] = (uint32_t)ix;
    cache_write64(instr + 3, DICT(f->globals)->version);
    spec_install(instr, OP_LOAD_GLOBAL_BUILTIN);
}

/* ---- LOAD_ATTR ---- */

/* A function or method descriptor found on the type: called with the
 * instance prepended (what vm_load_method treats as a plain method). */
static bool is_plain_method(Value descr) {
    return val_is_type_exact(descr, &Function_Type) || val_is_type_exact(descr, &MethodDescr_Type);
}

/* Attribute reads the generic path does without calling Python code. */
static bool uses_generic_getattr(Type *tp) {
    return tp->tp_getattro == NULL || tp->tp_getattro == obj_generic_getattr;
}

static void load_attr_module(CodeUnit *instr, Value owner, Value name) {
    if (type_lookup(&Module_Type, name)) { /* module.__dict__, __class__ … */
        spec_fail(instr, OP_LOAD_ATTR, SPEC_FAIL_DESCRIPTOR);
        return;
    }
    int64_t ix = dict_entry_index(module_dict(owner), name);
    if (ix < 0) {
        spec_fail(instr, OP_LOAD_ATTR, SPEC_FAIL_NOT_FOUND);
        return;
    }
    instr[5] = (uint32_t)ix;
    spec_install(instr, OP_LOAD_ATTR_MODULE);
}

/* An attribute of a class whose metaclass is type: the value found on the
 * MRO when it does not bind (or is a function, which via a class is itself). */
static void load_attr_class(CodeUnit *instr, Value owner, Value name) {
    Type *cls = val_as_type(owner);
    Value descr = type_lookup(cls, name);
    if (type_lookup(&Type_Type, name) || !descr) {
        spec_fail(instr, OP_LOAD_ATTR, descr ? SPEC_FAIL_DESCRIPTOR : SPEC_FAIL_NOT_FOUND);
        return;
    }
    if (val_type(descr)->tp_descr_get && !val_is_type_exact(descr, &Function_Type)) {
        spec_fail(instr, OP_LOAD_ATTR, SPEC_FAIL_DESCRIPTOR);
        return;
    }
    if (cls->version == 0) {
        spec_fail(instr, OP_LOAD_ATTR, SPEC_FAIL_NO_VERSION);
        return;
    }
    instr[2] = cls->version;
    cache_write64(instr + 5, descr);
    spec_install(instr, OP_LOAD_ATTR_CLASS);
}

/* obj.name where name is a property whose getter is a plain function of
 * one parameter: the getter is called in a frame of its own. */
static bool load_attr_property(Frame *f, CodeUnit *instr, Type *tp, Value descr) {
    Value fget = ((PropertyObject *)val_as_ptr(descr))->fget;
    bool method_form = CU_ARG(*instr) & 1;
    if (method_form || !fget || !val_is_type_exact(fget, &Function_Type))
        return fail_load_attr(instr, SPEC_FAIL_DESCRIPTOR);
    CodeObject *co = CODE(FUNC(fget)->code);
    if ((co->flags & (CO_GENERATOR | CO_COROUTINE | CO_VARARGS | CO_VARKEYWORDS)) ||
        co->kwonlyargcount || co->argcount != 1)
        return fail_load_attr(instr, SPEC_FAIL_CODE_FLAGS);
    instr[2] = tp->version;
    instr[3] = FUNC(fget)->version;
    cache_write64(instr + 5, fget);
    specialize_keep_alive(f->code, instr, fget);
    return install(instr, OP_LOAD_ATTR_PROPERTY);
}

/* An instance of an ordinary class (or of a built-in type without
 * instance attributes). */
static bool load_attr_instance(Frame *f, CodeUnit *instr, Value owner, Value name) {
    Type *tp = val_type(owner);
    bool method_form = CU_ARG(*instr) & 1;
    if (!uses_generic_getattr(tp)) return fail_load_attr(instr, SPEC_FAIL_OVERRIDDEN);
    if (tp->version == 0) return fail_load_attr(instr, SPEC_FAIL_NO_VERSION);
    Value descr = type_lookup(tp, name);
    if (descr && val_type(descr)->tp_descr_set) {
        if (val_is_type_exact(descr, &Property_Type))
            return load_attr_property(f, instr, tp, descr);
        return fail_load_attr(instr, SPEC_FAIL_DESCRIPTOR);
    }
    instr[2] = tp->version;
    if (tp->attrs_offset == 0 || !val_is_ptr(owner)) {
        if (!method_form || !descr || !is_plain_method(descr))
            return fail_load_attr(instr, SPEC_FAIL_NOT_METHOD);
        cache_write64(instr + 5, descr);
        return install(instr, OP_LOAD_ATTR_METHOD_NO_DICT);
    }
    AttrStore *a = obj_attrs(owner, tp);
    if (a->dict) return fail_load_attr(instr, SPEC_FAIL_DICT_MODE);
    int index = a->shape ? shape_lookup(a->shape, name) : -1;
    cache_write_ptr(instr + 3, a->shape);
    if (index >= 0) {
        instr[5] = (uint32_t)index;
        return install(instr, OP_LOAD_ATTR_INSTANCE_VALUE);
    }
    if (!method_form || !descr || !is_plain_method(descr))
        return fail_load_attr(instr, descr ? SPEC_FAIL_NOT_METHOD : SPEC_FAIL_NOT_FOUND);
    cache_write64(instr + 5, descr);
    return install(instr, OP_LOAD_ATTR_METHOD_WITH_VALUES);
}

/* The (type, shape) entry a LOAD_ATTR_INSTANCE_VALUE or _METHOD_WITH_VALUES
 * at instr caches; false for any other form. */
static bool attr_entry_of(const CodeUnit *instr, AttrPolyEntry *e) {
    int op = CU_OP(*instr);
    if (op != OP_LOAD_ATTR_INSTANCE_VALUE && op != OP_LOAD_ATTR_METHOD_WITH_VALUES) return false;
    e->type_version = instr[2];
    e->shape = cache_read_ptr(instr + 3);
    e->index = op == OP_LOAD_ATTR_INSTANCE_VALUE ? instr[5] : 0;
    e->descr = op == OP_LOAD_ATTR_METHOD_WITH_VALUES ? cache_read64(instr + 5) : VAL_NULL;
    return true;
}

/* A site specialised for one (type, shape) pair misses on another one that
 * fits the same forms: keep both (and up to ATTR_POLY_MAX) in a
 * LOAD_ATTR_POLY cache rather than trade one for the other. old is the
 * site's previous single entry, or NULL when it was LOAD_ATTR_POLY with
 * cache poly already. An entry whose type has changed since never matches
 * again (versions are never reused), so it is simply left to be evicted. */
static void load_attr_go_poly(Frame *f, CodeUnit *instr, const AttrPolyEntry *old,
                              AttrPolyCache *poly) {
    AttrPolyEntry e;
    if (!attr_entry_of(instr, &e)) return;
    if (old && old->type_version == e.type_version && old->shape == e.shape) return;
    if (!poly) {
        poly = gc_alloc(sizeof *poly);
        if (!poly) return;
        poly->entries[poly->n++] = *old;
    }
    if (poly->n < ATTR_POLY_MAX) {
        poly->entries[poly->n++] = e;
    } else {
        poly->entries[poly->next_evict] = e;
        poly->next_evict = (poly->next_evict + 1) % ATTR_POLY_MAX;
    }
    cache_write_ptr(instr + 3, poly);
    specialize_keep_alive(f->code, instr, val_from_ptr(poly));
    /* the single form was just installed (and counted): only its opcode
     * changes */
    *instr = CU_MAKE(OP_LOAD_ATTR_POLY, CU_ARG(*instr));
}

void specialize_load_attr(Frame *f, CodeUnit *instr, Value owner, Value name) {
    AttrPolyEntry old;
    bool had_entry = attr_entry_of(instr, &old);
    AttrPolyCache *poly = CU_OP(*instr) == OP_LOAD_ATTR_POLY ? cache_read_ptr(instr + 3) : NULL;
    if (val_is_type_exact(owner, &Module_Type)) load_attr_module(instr, owner, name);
    else if (val_is_type_exact(owner, &Type_Type)) load_attr_class(instr, owner, name);
    else if (val_is_typeobj(owner)) spec_fail(instr, OP_LOAD_ATTR, SPEC_FAIL_METACLASS);
    else if (load_attr_instance(f, instr, owner, name) && (had_entry || poly))
        load_attr_go_poly(f, instr, had_entry ? &old : NULL, poly);
}

/* ---- STORE_ATTR ---- */

static bool store_attr(CodeUnit *instr, Value owner, Value name) {
    Type *tp = val_type(owner);
    if (!val_is_ptr(owner) || tp->attrs_offset == 0 || val_is_typeobj(owner) ||
        (tp->tp_setattro && tp->tp_setattro != obj_generic_setattr))
        return fail_store_attr(instr, SPEC_FAIL_OVERRIDDEN);
    if (tp->version == 0) return fail_store_attr(instr, SPEC_FAIL_NO_VERSION);
    Value descr = type_lookup(tp, name);
    if (descr && val_type(descr)->tp_descr_set)
        return fail_store_attr(instr, SPEC_FAIL_DESCRIPTOR);
    AttrStore *a = obj_attrs(owner, tp);
    if (a->dict) return fail_store_attr(instr, SPEC_FAIL_DICT_MODE);
    int index = a->shape ? shape_lookup(a->shape, name) : -1;
    if (index < 0) return fail_store_attr(instr, SPEC_FAIL_ADDS_ATTRIBUTE);
    instr[2] = tp->version;
    cache_write_ptr(instr + 3, a->shape);
    instr[5] = (uint32_t)index;
    return install(instr, OP_STORE_ATTR_INSTANCE_VALUE);
}

void specialize_store_attr(Frame *f, CodeUnit *instr, Value owner, Value name) {
    store_attr(instr, owner, name);
}
