/* descr.c — descriptors: the method, class-method and attribute
 * descriptors built-in types get from their MethodDef/GetSetDef tables, and
 * Python's property, staticmethod and classmethod. */
#include "../vm/error.h"
#include "dict.h"
#include "function.h"
#include "shape.h"
#include "str.h"
#include "tuple.h"
#include "typeobj.h"

#define MDESCR(v) ((MethodDescrObject *)val_as_ptr(v))
#define GSDESCR(v) ((GetSetDescrObject *)val_as_ptr(v))
#define PROP(v) ((PropertyObject *)val_as_ptr(v))
#define WFUNC(v) ((WrapperFuncObject *)val_as_ptr(v))

static Value descr_alloc(Type *type, Type *owner, const void *def) {
    MethodDescrObject *d = obj_alloc(type, sizeof(MethodDescrObject));
    if (!d) return err_no_memory();
    d->owner = owner;
    d->def = def;
    return val_from_ptr(d);
}

Value methoddescr_new(Type *owner, const MethodDef *def) {
    return descr_alloc(&MethodDescr_Type, owner, def);
}
Value classmethoddescr_new(Type *owner, const MethodDef *def) {
    return descr_alloc(&ClassMethodDescr_Type, owner, def);
}
Value getsetdescr_new(Type *owner, const GetSetDef *def) {
    GetSetDescrObject *d = obj_alloc(&GetSetDescr_Type, sizeof(GetSetDescrObject));
    if (!d) return err_no_memory();
    d->owner = owner;
    d->def = def;
    return val_from_ptr(d);
}

static Value descr_wrong_object(const char *name, Type *owner, Value obj) {
    return err_format(&Exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                      name, type_name(owner), val_type_name(obj));
}

/* ---- method descriptors: list.append ---- */

static Value methoddescr_get(Value self, Value obj, Value type) {
    MethodDescrObject *d = MDESCR(self);
    if (!obj) return self;
    if (!type_is_subtype(val_type(obj), d->owner)) return descr_wrong_object(d->def->name, d->owner, obj);
    return builtin_function_new(d->def, obj, VAL_NULL);
}

static Value methoddescr_call(Value self, Value *args, size_t nargs, Value kwnames) {
    MethodDescrObject *d = MDESCR(self);
    if (nargs < 1)
        return err_format(&Exc_TypeError, "unbound method %s.%s() needs an argument",
                          type_name(d->owner), d->def->name);
    if (!type_is_subtype(val_type(args[0]), d->owner))
        return descr_wrong_object(d->def->name, d->owner, args[0]);
    return d->def->fn(args, nargs, kwnames);
}

static Value methoddescr_repr(Value self) {
    MethodDescrObject *d = MDESCR(self);
    return str_format_c("<method '%s' of '%s' objects>", d->def->name, type_name(d->owner));
}

static Value mdescr_get_name(Value self) { return str_from_cstr(MDESCR(self)->def->name); }
static Value mdescr_get_qualname(Value self) {
    return str_format_c("%s.%s", type_name(MDESCR(self)->owner), MDESCR(self)->def->name);
}
static Value mdescr_get_objclass(Value self) { return val_from_ptr(MDESCR(self)->owner); }
static Value mdescr_get_doc(Value self) {
    const char *doc = MDESCR(self)->def->doc;
    return doc ? str_from_cstr(doc) : VAL_NONE;
}

static const GetSetDef methoddescr_getset[] = {
    {"__name__", mdescr_get_name, NULL},
    {"__qualname__", mdescr_get_qualname, NULL},
    {"__objclass__", mdescr_get_objclass, NULL},
    {"__doc__", mdescr_get_doc, NULL},
    {NULL},
};

Type MethodDescr_Type = {
    .base = {&Type_Type},
    .name = "method_descriptor",
    .basicsize = sizeof(MethodDescrObject),
    .tp_call = methoddescr_call,
    .tp_descr_get = methoddescr_get,
    .tp_repr = methoddescr_repr,
    .getset = methoddescr_getset,
};

/* ---- class method descriptors: dict.fromkeys ---- */

static Value classmethoddescr_get(Value self, Value obj, Value type) {
    MethodDescrObject *d = MDESCR(self);
    if (!type) type = val_from_ptr(val_type(obj));
    if (!val_is_typeobj(type))
        return err_format(&Exc_TypeError, "descriptor '%s' for type '%s' needs a type, not a '%s' as arg 2",
                          d->def->name, type_name(d->owner), val_type_name(type));
    if (!type_is_subtype(val_as_type(type), d->owner))
        return err_format(&Exc_TypeError, "descriptor '%s' requires a subtype of '%s' but received '%s'",
                          d->def->name, type_name(d->owner), type_name(val_as_type(type)));
    return builtin_function_new(d->def, type, VAL_NULL);
}

static Value classmethoddescr_call(Value self, Value *args, size_t nargs, Value kwnames) {
    MethodDescrObject *d = MDESCR(self);
    if (nargs < 1)
        return err_format(&Exc_TypeError, "descriptor '%s' of '%s' object needs an argument",
                          d->def->name, type_name(d->owner));
    if (!val_is_typeobj(args[0]))
        return err_format(&Exc_TypeError, "descriptor '%s' for type '%s' needs a type, not a '%s' as arg 2",
                          d->def->name, type_name(d->owner), val_type_name(args[0]));
    if (!type_is_subtype(val_as_type(args[0]), d->owner))
        return err_format(&Exc_TypeError, "descriptor '%s' requires a subtype of '%s' but received '%s'",
                          d->def->name, type_name(d->owner), type_name(val_as_type(args[0])));
    return d->def->fn(args, nargs, kwnames);
}

Type ClassMethodDescr_Type = {
    .base = {&Type_Type},
    .name = "classmethod_descriptor",
    .basicsize = sizeof(MethodDescrObject),
    .tp_call = classmethoddescr_call,
    .tp_descr_get = classmethoddescr_get,
    .tp_repr = methoddescr_repr,
    .getset = methoddescr_getset,
};

/* ---- attribute descriptors: int.real, object.__class__ ---- */

static Value getsetdescr_get(Value self, Value obj, Value type) {
    GetSetDescrObject *d = GSDESCR(self);
    if (!obj) return self;
    if (!type_is_subtype(val_type(obj), d->owner)) return descr_wrong_object(d->def->name, d->owner, obj);
    if (!d->def->get)
        return err_format(&Exc_AttributeError, "attribute '%s' of '%s' objects is not readable",
                          d->def->name, type_name(d->owner));
    return d->def->get(obj);
}

static int getsetdescr_set(Value self, Value obj, Value v) {
    GetSetDescrObject *d = GSDESCR(self);
    if (!type_is_subtype(val_type(obj), d->owner)) {
        descr_wrong_object(d->def->name, d->owner, obj);
        return -1;
    }
    if (!d->def->set)
        return err_format_int(&Exc_AttributeError, "attribute '%s' of '%s' objects is not writable",
                              d->def->name, type_name(d->owner));
    return d->def->set(obj, v);
}

static Value getsetdescr_repr(Value self) {
    GetSetDescrObject *d = GSDESCR(self);
    return str_format_c("<attribute '%s' of '%s' objects>", d->def->name, type_name(d->owner));
}

static Value gsdescr_get_name(Value self) { return str_from_cstr(GSDESCR(self)->def->name); }
static Value gsdescr_get_qualname(Value self) {
    return str_format_c("%s.%s", type_name(GSDESCR(self)->owner), GSDESCR(self)->def->name);
}
static Value gsdescr_get_objclass(Value self) { return val_from_ptr(GSDESCR(self)->owner); }
static Value gsdescr_get_doc(Value self) { return VAL_NONE; }

static const GetSetDef getsetdescr_getset[] = {
    {"__name__", gsdescr_get_name, NULL},
    {"__qualname__", gsdescr_get_qualname, NULL},
    {"__objclass__", gsdescr_get_objclass, NULL},
    {"__doc__", gsdescr_get_doc, NULL},
    {NULL},
};

Type GetSetDescr_Type = {
    .base = {&Type_Type},
    .name = "getset_descriptor",
    .basicsize = sizeof(GetSetDescrObject),
    .tp_descr_get = getsetdescr_get,
    .tp_descr_set = getsetdescr_set,
    .tp_repr = getsetdescr_repr,
    .getset = getsetdescr_getset,
};

/* ---- property ---- */

static Value none_to_null(Value v) { return v == VAL_NONE ? VAL_NULL : v; }

/* The name used in messages: what __set_name__ recorded, else fget.__name__. */
static Value property_name(Value self) {
    PropertyObject *p = PROP(self);
    if (p->name) return p->name;
    if (!p->fget) return VAL_NULL;
    Value n = obj_lookup_attr(p->fget, name___name__);
    if (!n) err_clear();
    return n && val_is_str(n) ? n : VAL_NULL;
}

static Value property_error(Value self, Value obj, const char *what) {
    Value n = property_name(self);
    if (n)
        return err_format(&Exc_AttributeError, "property '%s' of '%s' object has no %s",
                          str_data(n), val_type_name(obj), what);
    return err_format(&Exc_AttributeError, "property of '%s' object has no %s", val_type_name(obj),
                      what);
}

static Value property_get(Value self, Value obj, Value type) {
    if (!obj) return self;
    PropertyObject *p = PROP(self);
    if (!p->fget) return property_error(self, obj, "getter");
    return obj_call1(p->fget, obj);
}

static int property_set(Value self, Value obj, Value v) {
    PropertyObject *p = PROP(self);
    Value r;
    if (v) {
        if (!p->fset) {
            property_error(self, obj, "setter");
            return -1;
        }
        r = obj_call2(p->fset, obj, v);
    } else {
        if (!p->fdel) {
            property_error(self, obj, "deleter");
            return -1;
        }
        r = obj_call1(p->fdel, obj);
    }
    return r ? 0 : -1;
}

static int property_fill(Value self, Value fget, Value fset, Value fdel, Value doc) {
    PropertyObject *p = PROP(self);
    p->fget = none_to_null(fget);
    p->fset = none_to_null(fset);
    p->fdel = none_to_null(fdel);
    p->doc = none_to_null(doc);
    if (!p->doc && p->fget) {
        Value d = obj_lookup_attr(p->fget, name___doc__);
        if (!d && err_occurred()) return -1;
        p->doc = none_to_null(d);
    }
    return 0;
}

static Value property_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    return type_generic_alloc(type);
}

static int property_init(Value self, Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"fget", "fset", "fdel", "doc", NULL};
    Value a[4];
    if (nargs > 4)
        return err_format_int(&Exc_TypeError, "property() takes at most 4 arguments (%zu given)",
                              nargs);
    if (args_parse("property", args, nargs, kwnames, names, 0, 0, a) < 0) return -1;
    return property_fill(self, a[0], a[1], a[2], a[3]);
}

/* p.getter(f) & co.: a new property of the same type with one function
 * replaced. A docstring that came from the old getter follows the new. */
static Value property_copy(Value self, Value fget, Value fset, Value fdel) {
    PropertyObject *p = PROP(self);
    Value doc = p->doc;
    if (p->fget && doc) {
        Value old = obj_lookup_attr(p->fget, name___doc__);
        if (!old) err_clear();
        if (old == doc) doc = VAL_NULL;
    }
    Value args[4] = {fget ? fget : VAL_NONE, fset ? fset : VAL_NONE, fdel ? fdel : VAL_NONE,
                     doc ? doc : VAL_NONE};
    Value np = obj_call(val_from_ptr(val_type(self)), args, 4, VAL_NULL);
    if (np && val_is_ptr(np) && type_is_subtype(val_type(np), &Property_Type))
        PROP(np)->name = p->name;
    return np;
}

static Value property_getter(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("getter", nargs, 2, 2) < 0) return VAL_NULL;
    PropertyObject *p = PROP(args[0]);
    return property_copy(args[0], args[1], p->fset, p->fdel);
}
static Value property_setter(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("setter", nargs, 2, 2) < 0) return VAL_NULL;
    PropertyObject *p = PROP(args[0]);
    return property_copy(args[0], p->fget, args[1], p->fdel);
}
static Value property_deleter(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("deleter", nargs, 2, 2) < 0) return VAL_NULL;
    PropertyObject *p = PROP(args[0]);
    return property_copy(args[0], p->fget, p->fset, args[1]);
}
static Value property___set_name__(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("__set_name__", nargs, 3, 3) < 0) return VAL_NULL;
    PROP(args[0])->name = args[2];
    return VAL_NONE;
}

static Value or_none(Value v) { return v ? v : VAL_NONE; }
static Value prop_get_fget(Value self) { return or_none(PROP(self)->fget); }
static Value prop_get_fset(Value self) { return or_none(PROP(self)->fset); }
static Value prop_get_fdel(Value self) { return or_none(PROP(self)->fdel); }
static Value prop_get_doc(Value self) { return or_none(PROP(self)->doc); }
static int prop_set_doc(Value self, Value v) {
    PROP(self)->doc = v ? none_to_null(v) : VAL_NULL;
    return 0;
}
static Value prop_get_name(Value self) {
    Value n = property_name(self);
    if (n) return n;
    return err_format(&Exc_AttributeError, "'property' object has no attribute '__name__'");
}
static int prop_set_name(Value self, Value v) {
    PROP(self)->name = v;
    return 0;
}

/* abc asks every attribute whether it is abstract. */
static int is_abstract(Value f) {
    if (!f) return 0;
    Value r = obj_lookup_attr(f, str_intern_cstr("__isabstractmethod__"));
    if (!r) return err_occurred() ? -1 : 0;
    return obj_truthy(r);
}

static Value prop_get_isabstract(Value self) {
    PropertyObject *p = PROP(self);
    Value fs[3] = {p->fget, p->fset, p->fdel};
    for (int i = 0; i < 3; i++) {
        int r = is_abstract(fs[i]);
        if (r < 0) return VAL_NULL;
        if (r) return VAL_TRUE;
    }
    return VAL_FALSE;
}

static const MethodDef property_methods[] = {
    {"getter", property_getter, METH_DEFAULT, NULL},
    {"setter", property_setter, METH_DEFAULT, NULL},
    {"deleter", property_deleter, METH_DEFAULT, NULL},
    {"__set_name__", property___set_name__, METH_DEFAULT, NULL},
    {NULL},
};

static const GetSetDef property_getset[] = {
    {"fget", prop_get_fget, NULL},
    {"fset", prop_get_fset, NULL},
    {"fdel", prop_get_fdel, NULL},
    {"__doc__", prop_get_doc, prop_set_doc},
    {"__name__", prop_get_name, prop_set_name},
    {"__isabstractmethod__", prop_get_isabstract, NULL},
    {NULL},
};

Type Property_Type = {
    .base = {&Type_Type},
    .name = "property",
    .basicsize = sizeof(PropertyObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "Property attribute.",
    .tp_new = property_new,
    .tp_init = property_init,
    .tp_descr_get = property_get,
    .tp_descr_set = property_set,
    .methods = property_methods,
    .getset = property_getset,
};

/* ---- staticmethod and classmethod ---- */

static Value wrapperfunc_alloc(Type *type, Value func) {
    WrapperFuncObject *w = obj_alloc(type, type->basicsize);
    if (!w) return err_no_memory();
    w->func = func;
    return val_from_ptr(w);
}

Value staticmethod_new(Value func) { return wrapperfunc_alloc(&StaticMethod_Type, func); }
Value classmethod_new(Value func) { return wrapperfunc_alloc(&ClassMethod_Type, func); }

static Value wrapperfunc_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    return wrapperfunc_alloc(type, VAL_NONE);
}

static int wrapperfunc_init(Value self, Value *args, size_t nargs, Value kwnames) {
    const char *name = type_is_subtype(val_type(self), &StaticMethod_Type) ? "staticmethod"
                                                                          : "classmethod";
    if (kwnames && tuple_size(kwnames))
        return err_format_int(&Exc_TypeError, "%s() takes no keyword arguments", name);
    if (nargs != 1)
        return err_format_int(&Exc_TypeError, "%s expected 1 argument, got %zu", name, nargs);
    WFUNC(self)->func = args[0];
    return 0;
}

static Value staticmethod_get(Value self, Value obj, Value type) { return WFUNC(self)->func; }

static Value staticmethod_call(Value self, Value *args, size_t nargs, Value kwnames) {
    return obj_call(WFUNC(self)->func, args, nargs, kwnames);
}

static Value classmethod_get(Value self, Value obj, Value type) {
    if (!type) type = val_from_ptr(val_type(obj));
    return method_new(WFUNC(self)->func, type);
}

static Value wrapperfunc_repr(Value self) {
    Value r = obj_repr(WFUNC(self)->func);
    if (!r) return VAL_NULL;
    return str_format_c("<%s(%U)>", val_type_name(self), r);
}

static Value wf_get_func(Value self) { return WFUNC(self)->func; }

/* __name__, __qualname__, __doc__, __module__ come from the wrapped function
 * (CPython 3.10+ copies them); anything else set on the wrapper lives in
 * its own AttrStore. */
static Value wrapperfunc_getattro(Value self, Value name) {
    if (name == name___name__ || name == name___qualname__ || name == name___doc__ ||
        name == name___module__) {
        Value own = attrs_get(&WFUNC(self)->attrs, name);
        return own ? own : obj_getattr(WFUNC(self)->func, name);
    }
    return obj_generic_getattr(self, name);
}

static Value wf_get_isabstract(Value self) {
    int r = is_abstract(WFUNC(self)->func);
    return r < 0 ? VAL_NULL : val_bool(r);
}

static const GetSetDef wrapperfunc_getset[] = {
    {"__func__", wf_get_func, NULL},
    {"__wrapped__", wf_get_func, NULL},
    {"__isabstractmethod__", wf_get_isabstract, NULL},
    {"__dict__", object_get_dict, object_set_dict},
    {NULL},
};

Type StaticMethod_Type = {
    .base = {&Type_Type},
    .name = "staticmethod",
    .basicsize = sizeof(WrapperFuncObject),
    .attrs_offset = offsetof(WrapperFuncObject, attrs),
    .flags = TPFLAG_BASETYPE,
    .tp_new = wrapperfunc_new,
    .tp_init = wrapperfunc_init,
    .tp_call = staticmethod_call,
    .tp_descr_get = staticmethod_get,
    .tp_repr = wrapperfunc_repr,
    .tp_getattro = wrapperfunc_getattro,
    .getset = wrapperfunc_getset,
};

Type ClassMethod_Type = {
    .base = {&Type_Type},
    .name = "classmethod",
    .basicsize = sizeof(WrapperFuncObject),
    .attrs_offset = offsetof(WrapperFuncObject, attrs),
    .flags = TPFLAG_BASETYPE,
    .tp_new = wrapperfunc_new,
    .tp_init = wrapperfunc_init,
    .tp_descr_get = classmethod_get,
    .tp_repr = wrapperfunc_repr,
    .tp_getattro = wrapperfunc_getattro,
    .getset = wrapperfunc_getset,
};
