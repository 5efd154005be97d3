/* object.c — `object`, the root of every class, and the three singletons
 * None, NotImplemented and Ellipsis with their types. */
#include <stdio.h>

#include "../vm/error.h"
#include "dict.h"
#include "function.h"
#include "list.h"
#include "shape.h"
#include "str.h"
#include "tuple.h"
#include "typeobj.h"

Object None_Obj = {&NoneType_Type};
Object NotImplemented_Obj = {&NotImplementedType_Type};
Object Ellipsis_Obj = {&Ellipsis_Type};

static bool has_excess_args(size_t nargs, Value kwnames) {
    return nargs > 0 || (kwnames && tuple_size(kwnames) > 0);
}

/* "Can't instantiate abstract class C without an implementation for
 * abstract method(s) 'f', 'g'" — the names come sorted from
 * __abstractmethods__ (abc keeps it a frozenset; we sort for stable text). */
static Value raise_abstract(Type *type) {
    Value names = type_lookup(type, name___abstractmethods__);
    Value list = names ? list_from_iterable(names) : VAL_NULL;
    if (!list) return VAL_NULL;
    if (list_sort(list, VAL_NULL, false) < 0) return VAL_NULL;
    Value joined = VAL_NULL;
    for (size_t i = 0; i < list_size(list); i++) {
        Value r = obj_repr(list_items(list)[i]);
        if (!r) return VAL_NULL;
        joined = joined ? str_format_c("%U, %U", joined, r) : r;
        if (!joined) return VAL_NULL;
    }
    return err_format(&Exc_TypeError,
                      "Can't instantiate abstract class %s without an implementation "
                      "for abstract method%s %s",
                      type_name(type), list_size(list) == 1 ? "" : "s",
                      joined ? str_data(joined) : "");
}

Value object_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    if (has_excess_args(nargs, kwnames)) {
        if (type->tp_new != object_new)
            return err_format(&Exc_TypeError,
                              "object.__new__() takes exactly one argument (the type to instantiate)");
        if (type->tp_init == object_init)
            return err_format(&Exc_TypeError, "%s() takes no arguments", type_name(type));
    }
    if (type->flags & TPFLAG_ABSTRACT) return raise_abstract(type);
    return type_generic_alloc(type);
}

int object_init(Value self, Value *args, size_t nargs, Value kwnames) {
    if (!has_excess_args(nargs, kwnames)) return 0;
    Type *type = val_type(self);
    if (type->tp_init != object_init)
        return err_format_int(&Exc_TypeError,
                              "object.__init__() takes exactly one argument (the instance to initialize)");
    if (type->tp_new == object_new)
        return err_format_int(&Exc_TypeError,
                              "%s.__init__() takes exactly one argument (the instance to initialize)",
                              type_name(type));
    return 0;
}

Value object_repr(Value self) {
    Type *type = val_type(self);
    Value module = type_get_module(type);
    Value qualname = type_get_qualname(type);
    if (!qualname) return VAL_NULL;
    if (module && val_is_str(module) && strcmp(str_data(module), "builtins") != 0)
        return str_format_c("<%U.%U object at %p>", module, qualname, val_as_ptr(self));
    return str_format_c("<%U object at %p>", qualname, val_as_ptr(self));
}

Value object_str(Value self) { return obj_repr(self); }

int object_hash(Value self, int64_t *out) {
    /* Identity hash: the address without its always-zero low bits, rotated
     * as CPython does so that neighbouring objects spread over a table. */
    uint64_t p = (uint64_t)(uintptr_t)val_as_ptr(self);
    int64_t h = (int64_t)((p >> 4) | (p << 60));
    if (h == -1) h = -2;
    *out = h;
    return 0;
}

Value object_richcompare(Value a, Value b, int op) {
    switch (op) {
    case CMP_EQ:
        return a == b ? VAL_TRUE : VAL_NOTIMPL;
    case CMP_NE: {
        /* __ne__ delegates to __eq__ and inverts, unless NotImplemented. */
        RichCmpFn eq = val_type(a)->tp_richcompare;
        if (!eq) return VAL_NOTIMPL;
        Value r = eq(a, b, CMP_EQ);
        if (!r || r == VAL_NOTIMPL) return r;
        int t = obj_truthy(r);
        if (t < 0) return VAL_NULL;
        return val_bool(!t);
    }
    default:
        return VAL_NOTIMPL;
    }
}

/* ---- methods ---- */

static Value object___format__(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("__format__", kwnames) < 0) return VAL_NULL;
    if (nargs != 2)
        return err_format(&Exc_TypeError, "__format__() takes exactly one argument (%zu given)",
                          nargs - 1);
    if (!val_is_str(args[1]))
        return err_format(&Exc_TypeError, "__format__() argument must be str, not %s",
                          val_type_name(args[1]));
    if (str_length(args[1]) > 0)
        return err_format(&Exc_TypeError, "unsupported format string passed to %s.__format__",
                          val_type_name(args[0]));
    return obj_str(args[0]);
}

static int dir_add_dict_keys(Value result, Value dict) {
    size_t pos = 0;
    Value k, v;
    while (dict_next(dict, &pos, &k, &v))
        if (dict_set(result, k, VAL_NONE) < 0) return -1;
    return 0;
}

/* Names of a class and its bases, into the dict `result` (as a set). */
int type_collect_dir(Type *type, Value result) {
    Value mro = type->mro;
    if (!mro) return dir_add_dict_keys(result, type->dict);
    for (size_t i = 0; i < tuple_size(mro); i++)
        if (dir_add_dict_keys(result, val_as_type(tuple_items(mro)[i])->dict) < 0) return -1;
    return 0;
}

static Value object___dir__(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("__dir__", nargs, 1, 1) < 0) return VAL_NULL;
    Value self = args[0];
    Value names = dict_new();
    if (!names) return VAL_NULL;
    Value own = obj_lookup_attr(self, name___dict__);
    if (!own && err_occurred()) return VAL_NULL;
    if (own && val_is_dict(own) && dir_add_dict_keys(names, own) < 0) return VAL_NULL;
    Value cls = obj_lookup_attr(self, name___class__);
    if (!cls && err_occurred()) return VAL_NULL;
    if (cls && val_is_typeobj(cls) && type_collect_dir(val_as_type(cls), names) < 0)
        return VAL_NULL;
    return dict_keys_list(names);
}

static Value object___init_subclass__(Value *args, size_t nargs, Value kwnames) {
    if (kwnames && tuple_size(kwnames) > 0)
        return err_format(&Exc_TypeError, "%s.__init_subclass__() takes no keyword arguments",
                          type_name(val_as_type(args[0])));
    if (nargs > 1)
        return err_format(&Exc_TypeError,
                          "%s.__init_subclass__() takes no arguments (%zu given)",
                          type_name(val_as_type(args[0])), nargs - 1);
    return VAL_NONE;
}

static Value object___subclasshook__(Value *args, size_t nargs, Value kwnames) {
    if (nargs != 2)
        return err_format(&Exc_TypeError,
                          "object.__subclasshook__() takes exactly one argument (%zu given)",
                          nargs - 1);
    return VAL_NOTIMPL;
}

static Value object___reduce_ex__(Value *args, size_t nargs, Value kwnames) {
    return err_format(&Exc_TypeError, "cannot pickle '%s' object", val_type_name(args[0]));
}

static Value object___sizeof__(Value *args, size_t nargs, Value kwnames) {
    Type *t = val_type(args[0]);
    return val_from_smallint((int64_t)(t->basicsize ? t->basicsize : sizeof(Object)));
}

/* ---- __class__ and __dict__ ---- */

static Value object_get_class(Value self) { return val_from_ptr(val_type(self)); }

static bool layouts_compatible(Type *a, Type *b) {
    return a->basicsize == b->basicsize && a->attrs_offset == b->attrs_offset &&
           a->tp_new != NULL && b->tp_new != NULL &&
           (a->flags & ~(TPFLAG_HEAPTYPE | TPFLAG_READY | TPFLAG_ABSTRACT | TPFLAG_BASETYPE)) ==
               (b->flags & ~(TPFLAG_HEAPTYPE | TPFLAG_READY | TPFLAG_ABSTRACT | TPFLAG_BASETYPE));
}

static int object_set_class(Value self, Value v) {
    if (!v) return err_format_int(&Exc_TypeError, "can't delete __class__ attribute");
    if (!val_is_typeobj(v))
        return err_format_int(&Exc_TypeError, "__class__ must be set to a class, not '%s' object",
                              val_type_name(v));
    Type *old = val_type(self), *new = val_as_type(v);
    bool old_ok = (old->flags & TPFLAG_HEAPTYPE) || type_is_subtype(old, &Module_Type);
    bool new_ok = (new->flags & TPFLAG_HEAPTYPE) || type_is_subtype(new, &Module_Type);
    if (!val_is_ptr(self) || !old_ok || !new_ok)
        return err_format_int(&Exc_TypeError,
                              "__class__ assignment only supported for mutable types or "
                              "ModuleType subclasses");
    if (!layouts_compatible(old, new))
        return err_format_int(&Exc_TypeError,
                              "__class__ assignment: '%s' object layout differs from '%s'",
                              type_name(new), type_name(old));
    OBJ(self)->type = new;
    return 0;
}

static bool type_has_instance_dict(Type *t) {
    return t->attrs_offset != 0 &&
           !((t->flags & TPFLAG_HEAPTYPE) && HEAPTYPE(t)->slot_names);
}

Value object_get_dict(Value self) {
    Type *t = val_type(self);
    if (!val_is_ptr(self) || !type_has_instance_dict(t))
        return err_format(&Exc_AttributeError, "'%s' object has no attribute '__dict__'",
                          type_name(t));
    return attrs_dict(obj_attrs(self, t));
}

int object_set_dict(Value self, Value v) {
    Type *t = val_type(self);
    if (!val_is_ptr(self) || !type_has_instance_dict(t))
        return err_format_int(&Exc_AttributeError, "'%s' object has no attribute '__dict__'",
                              type_name(t));
    if (!v) return err_format_int(&Exc_TypeError, "cannot delete __dict__");
    if (!val_is_dict(v))
        return err_format_int(&Exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                              val_type_name(v));
    attrs_set_dict(obj_attrs(self, t), v);
    return 0;
}

/* Added by type_new to the first class of a hierarchy that gains instance
 * attributes (CPython adds a __dict__ descriptor to such classes too). */
const GetSetDef object_dict_getset[] = {
    {"__dict__", object_get_dict, object_set_dict},
    {NULL},
};

static const MethodDef object_methods[] = {
    {"__format__", object___format__, METH_DEFAULT, NULL},
    {"__dir__", object___dir__, METH_DEFAULT, NULL},
    {"__init_subclass__", object___init_subclass__, METH_CLASS, NULL},
    {"__subclasshook__", object___subclasshook__, METH_CLASS, NULL},
    {"__reduce_ex__", object___reduce_ex__, METH_DEFAULT, NULL},
    {"__sizeof__", object___sizeof__, METH_DEFAULT, NULL},
    {NULL},
};

static const GetSetDef object_getset[] = {
    {"__class__", object_get_class, object_set_class},
    {NULL},
};

Type Object_Type = {
    .base = {&Type_Type},
    .name = "object",
    .basicsize = sizeof(Object),
    .flags = TPFLAG_BASETYPE,
    .doc = "The base class of the class hierarchy.",
    .tp_new = object_new,
    .tp_init = object_init,
    .tp_repr = object_repr,
    .tp_str = object_str,
    .tp_hash = object_hash,
    .tp_richcompare = object_richcompare,
    .tp_getattro = obj_generic_getattr,
    .tp_setattro = obj_generic_setattr,
    .methods = object_methods,
    .getset = object_getset,
};

/* ---- None, NotImplemented, Ellipsis ---- */

static Value singleton_new(Type *type, Value *args, size_t nargs, Value kwnames, Value obj) {
    if (has_excess_args(nargs, kwnames))
        return err_format(&Exc_TypeError, "%s takes no arguments", type_name(type));
    return obj;
}

static Value none_new(Type *t, Value *a, size_t n, Value kw) {
    return singleton_new(t, a, n, kw, VAL_NONE);
}
static Value notimpl_new(Type *t, Value *a, size_t n, Value kw) {
    return singleton_new(t, a, n, kw, VAL_NOTIMPL);
}
static Value ellipsis_new(Type *t, Value *a, size_t n, Value kw) {
    return singleton_new(t, a, n, kw, VAL_ELLIPSIS);
}

static Value none_repr(Value v) { return str_from_cstr("None"); }
static Value notimpl_repr(Value v) { return str_from_cstr("NotImplemented"); }
static Value ellipsis_repr(Value v) { return str_from_cstr("Ellipsis"); }
static int none_bool(Value v) { return 0; }
static int true_bool(Value v) { return 1; }

static int none_hash(Value v, int64_t *out) {
    *out = 0xFCA86420; /* CPython 3.12+ gives None a fixed hash */
    return 0;
}

Type NoneType_Type = {
    .base = {&Type_Type},
    .name = "NoneType",
    .basicsize = sizeof(Object),
    .tp_new = none_new,
    .tp_repr = none_repr,
    .tp_hash = none_hash,
    .nb_bool = none_bool,
};

Type NotImplementedType_Type = {
    .base = {&Type_Type},
    .name = "NotImplementedType",
    .basicsize = sizeof(Object),
    .tp_new = notimpl_new,
    .tp_repr = notimpl_repr,
    .nb_bool = true_bool,
};

Type Ellipsis_Type = {
    .base = {&Type_Type},
    .name = "ellipsis",
    .basicsize = sizeof(Object),
    .tp_new = ellipsis_new,
    .tp_repr = ellipsis_repr,
    .nb_bool = true_bool,
};
