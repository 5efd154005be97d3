/* genericalias.c — `list[int]` (types.GenericAlias): what subscripting a
 * built-in container class gives. It remembers origin and arguments for
 * printing and introspection and otherwise stands in for the origin class
 * (calling it, subclassing it, reading its attributes). */
#include "../vm/error.h"
#include "function.h"
#include "str.h"
#include "tuple.h"
#include "typeobj.h"

typedef struct GenericAliasObject {
    Object base;
    Value origin;  /* the class subscripted */
    Value args;    /* tuple */
} GenericAliasObject;

#define GALIAS(v) ((GenericAliasObject *)val_as_ptr(v))

Value generic_alias_new(Value origin, Value key) {
    GenericAliasObject *a = obj_alloc(&GenericAlias_Type, sizeof(GenericAliasObject));
    if (!a) return err_no_memory();
    a->origin = origin;
    a->args = val_is_tuple(key) ? key : tuple_pack(1, key);
    return a->args ? val_from_ptr(a) : VAL_NULL;
}

/* How an argument prints inside the brackets (CPython's ga_repr_item). */
static Value alias_item_repr(Value v) {
    if (v == VAL_ELLIPSIS) return str_from_cstr("...");
    if (val_is_typeobj(v)) {
        Type *t = val_as_type(v);
        Value qn = type_get_qualname(t), mod = type_get_module(t);
        if (!qn || !mod) return VAL_NULL;
        if (val_is_str(mod) && strcmp(str_data(mod), "builtins") != 0)
            return str_format_c("%U.%U", mod, qn);
        return qn;
    }
    return obj_repr(v);
}

static Value alias_repr(Value self) {
    GenericAliasObject *a = GALIAS(self);
    Value out = alias_item_repr(a->origin);
    if (!out) return VAL_NULL;
    size_t n = tuple_size(a->args);
    if (n == 0) return str_format_c("%U[()]", out);
    Value inner = VAL_NULL;
    for (size_t i = 0; i < n; i++) {
        Value r = alias_item_repr(tuple_items(a->args)[i]);
        if (!r) return VAL_NULL;
        inner = inner ? str_format_c("%U, %U", inner, r) : r;
        if (!inner) return VAL_NULL;
    }
    return str_format_c("%U[%U]", out, inner);
}

static Value alias_call(Value self, Value *args, size_t nargs, Value kwnames) {
    return obj_call(GALIAS(self)->origin, args, nargs, kwnames);
}

static Value alias_richcompare(Value a, Value b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || !val_is_type_exact(b, &GenericAlias_Type))
        return VAL_NOTIMPL;
    int eq = GALIAS(a)->origin == GALIAS(b)->origin;
    if (eq) eq = obj_eq(GALIAS(a)->args, GALIAS(b)->args);
    if (eq < 0) return VAL_NULL;
    return val_bool(op == CMP_EQ ? eq : !eq);
}

static int alias_hash(Value self, int64_t *out) {
    int64_t h1, h2;
    if (obj_hash(GALIAS(self)->origin, &h1) < 0 || obj_hash(GALIAS(self)->args, &h2) < 0) return -1;
    *out = (h1 ^ h2) == -1 ? -2 : (h1 ^ h2);
    return 0;
}

/* Own attributes first; everything else (methods, classmethods) comes
 * from the origin class, as CPython's ga_getattro does for non-dunders. */
static Value alias_getattro(Value self, Value name) {
    Value v = obj_generic_getattr_noerr(self, name);
    if (v || err_occurred()) return v;
    const char *s = str_data(name);
    size_t n = str_size(name);
    bool dunder = n > 4 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_';
    if (!dunder) return obj_getattr(GALIAS(self)->origin, name);
    return err_no_attribute(self, name);
}

static Value alias_or(Value a, Value b) { return union_new(a, b); }

static Value alias___mro_entries__(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("__mro_entries__", nargs, 2, 2) < 0) return VAL_NULL;
    return tuple_pack(1, GALIAS(args[0])->origin);
}

static Value alias___instancecheck__(Value *args, size_t nargs, Value kwnames) {
    return err_format(&Exc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
}

static Value alias___subclasscheck__(Value *args, size_t nargs, Value kwnames) {
    return err_format(&Exc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
}

static Value ga_get_origin(Value self) { return GALIAS(self)->origin; }
static Value ga_get_args(Value self) { return GALIAS(self)->args; }
static Value ga_get_parameters(Value self) { return tuple_new(0); }

static const MethodDef alias_methods[] = {
    {"__mro_entries__", alias___mro_entries__, METH_DEFAULT, NULL},
    {"__instancecheck__", alias___instancecheck__, METH_DEFAULT, NULL},
    {"__subclasscheck__", alias___subclasscheck__, METH_DEFAULT, NULL},
    {NULL},
};

static const GetSetDef alias_getset[] = {
    {"__origin__", ga_get_origin, NULL},
    {"__args__", ga_get_args, NULL},
    {"__parameters__", ga_get_parameters, NULL},
    {NULL},
};

Type GenericAlias_Type = {
    .base = {&Type_Type},
    .name = "types.GenericAlias",
    .basicsize = sizeof(GenericAliasObject),
    .tp_call = alias_call,
    .tp_repr = alias_repr,
    .tp_richcompare = alias_richcompare,
    .tp_hash = alias_hash,
    .tp_getattro = alias_getattro,
    .nb_binary = {[NB_OR] = alias_or},
    .methods = alias_methods,
    .getset = alias_getset,
};
