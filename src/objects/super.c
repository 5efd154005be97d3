/* super.c — super(): attribute lookup that starts after a given class in
 * the MRO of an instance's (or class's) type. */
#include "../vm/error.h"
#include "../vm/vm.h"
#include "dict.h"
#include "function.h"
#include "str.h"
#include "tuple.h"
#include "typeobj.h"

typedef struct SuperObject {
    Object base;
    Type *type;      /* the class super() was called in */
    Value obj;       /* the instance or class, or VAL_NULL (unbound super) */
    Type *obj_type;  /* type(obj), or obj itself when obj is a subclass */
} SuperObject;

#define SUPER(v) ((SuperObject *)val_as_ptr(v))

/* The type whose MRO is searched: obj's class, or obj itself if it is a
 * subclass of type (super(C, cls) in classmethods). NULL + TypeError. */
static Type *super_check(Type *type, Value obj) {
    if (val_is_typeobj(obj) && type_is_subtype(val_as_type(obj), type)) return val_as_type(obj);
    if (type_is_subtype(val_type(obj), type)) return val_type(obj);
    Value cls = obj_lookup_attr(obj, name___class__);
    if (!cls && err_occurred()) return NULL;
    if (cls && val_is_typeobj(cls) && cls != val_from_ptr(val_type(obj)) &&
        type_is_subtype(val_as_type(cls), type))
        return val_as_type(cls);
    const char *kind = val_is_typeobj(obj) ? "type" : "instance of";
    const char *what = val_is_typeobj(obj) ? type_name(val_as_type(obj)) : val_type_name(obj);
    err_format(&Exc_TypeError,
               "super(type, obj): obj (%s %s) is not an instance or subtype of type (%s).", kind,
               what, type_name(type));
    return NULL;
}

static Value super_getattro(Value self, Value name) {
    SuperObject *su = SUPER(self);
    if (!su->obj_type || name == name___class__) return obj_generic_getattr(self, name);
    Value mro = su->obj_type->mro;
    size_t n = tuple_size(mro), i = 0;
    while (i < n && tuple_items(mro)[i] != val_from_ptr(su->type)) i++;
    bool interned = val_is_str_exact(name) && STR(name)->interned;
    for (i++; i < n; i++) {
        Value dict = val_as_type(tuple_items(mro)[i])->dict;
        Value res = interned ? dict_get_interned(dict, name) : dict_get(dict, name);
        if (!res) continue;
        DescrGetFn get = val_type(res)->tp_descr_get;
        if (!get) return res;
        Value obj = su->obj == val_from_ptr(su->obj_type) ? VAL_NULL : su->obj;
        return get(res, obj, val_from_ptr(su->obj_type));
    }
    if (err_occurred()) return VAL_NULL;
    return obj_generic_getattr(self, name);
}

static Value super_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    return type_generic_alloc(type);
}

static int super_fill(SuperObject *su, Value type, Value obj) {
    if (!val_is_typeobj(type))
        return err_format_int(&Exc_TypeError, "super() argument 1 must be a type, not %s",
                              val_type_name(type));
    Type *obj_type = NULL;
    if (obj == VAL_NONE) obj = VAL_NULL;
    if (obj) {
        obj_type = super_check(val_as_type(type), obj);
        if (!obj_type) return -1;
    }
    su->type = val_as_type(type);
    su->obj = obj;
    su->obj_type = obj_type;
    return 0;
}

static int super_init(Value self, Value *args, size_t nargs, Value kwnames) {
    if (kwnames && tuple_size(kwnames))
        return err_format_int(&Exc_TypeError, "super() takes no keyword arguments");
    if (nargs > 2)
        return err_format_int(&Exc_TypeError, "super() expected at most 2 arguments, got %zu", nargs);
    Value type, obj = VAL_NULL;
    if (nargs == 0) {
        if (vm_super_context(&type, &obj) < 0) return -1;
    } else {
        type = args[0];
        if (nargs == 2) obj = args[1];
    }
    return super_fill(SUPER(self), type, obj);
}

static Value super_descr_get(Value self, Value obj, Value type) {
    SuperObject *su = SUPER(self);
    if (!obj || obj == VAL_NONE || su->obj) return self;
    SuperObject *bound = obj_alloc(val_type(self), val_type(self)->basicsize);
    if (!bound) return err_no_memory();
    if (super_fill(bound, val_from_ptr(su->type), obj) < 0) return VAL_NULL;
    return val_from_ptr(bound);
}

static Value super_repr(Value self) {
    SuperObject *su = SUPER(self);
    const char *tn = type_name(su->type);
    if (!su->obj_type) return str_format_c("<super: <class '%s'>, NULL>", tn);
    return str_format_c("<super: <class '%s'>, <%s object>>", tn, type_name(su->obj_type));
}

static Value or_none(Value v) { return v ? v : VAL_NONE; }
static Value super_get_thisclass(Value self) { return val_from_ptr(SUPER(self)->type); }
static Value super_get_self(Value self) { return or_none(SUPER(self)->obj); }
static Value super_get_self_class(Value self) {
    Type *t = SUPER(self)->obj_type;
    return t ? val_from_ptr(t) : VAL_NONE;
}

static const GetSetDef super_getset[] = {
    {"__thisclass__", super_get_thisclass, NULL},
    {"__self__", super_get_self, NULL},
    {"__self_class__", super_get_self_class, NULL},
    {NULL},
};

Type Super_Type = {
    .base = {&Type_Type},
    .name = "super",
    .basicsize = sizeof(SuperObject),
    .flags = TPFLAG_BASETYPE,
    .tp_new = super_new,
    .tp_init = super_init,
    .tp_getattro = super_getattro,
    .tp_descr_get = super_descr_get,
    .tp_repr = super_repr,
    .getset = super_getset,
};
