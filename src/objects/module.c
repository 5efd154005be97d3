/* module.c — module objects: a namespace dict with attribute access,
 * PEP 562 module __getattr__, and CPython's reprs. */
#include "module.h"

#include "../vm/error.h"
#include "dict.h"
#include "function.h"
#include "list.h"
#include "str.h"
#include "tuple.h"
#include "typeobj.h"

/* The shared ModuleObject plus what only this file needs. */
typedef struct ModuleObjectEx {
    ModuleObject module;
    bool builtin; /* made by C code (module_new): repr says "(built-in)" */
} ModuleObjectEx;

static int module_fill_dict(Value m, Value name, Value doc) {
    Value d = dict_new();
    if (!d) return -1;
    MODULE(m)->dict = d;
    if (dict_set(d, name___name__, name) < 0 || dict_set(d, name___doc__, doc) < 0 ||
        dict_set(d, name___package__, VAL_NONE) < 0 || dict_set(d, name___loader__, VAL_NONE) < 0 ||
        dict_set(d, name___spec__, VAL_NONE) < 0)
        return -1;
    return 0;
}

static Value module_alloc(Type *type) {
    size_t size = type->basicsize > sizeof(ModuleObjectEx) ? type->basicsize : sizeof(ModuleObjectEx);
    ModuleObjectEx *m = obj_alloc(type, size);
    if (!m) return err_no_memory();
    return val_from_ptr(m);
}

Value module_new(Value name) {
    Value m = module_alloc(&Module_Type);
    if (!m || module_fill_dict(m, name, VAL_NONE) < 0) return VAL_NULL;
    ((ModuleObjectEx *)val_as_ptr(m))->builtin = true;
    return m;
}

Value module_new_cstr(const char *name) {
    Value n = str_intern_cstr(name);
    return n ? module_new(n) : VAL_NULL;
}

int module_add_functions(Value module, const MethodDef *defs) {
    Value modname = dict_get_interned(module_dict(module), name___name__);
    for (; defs->name; defs++) {
        Value f = builtin_function_new(defs, VAL_NULL, modname ? modname : VAL_NULL);
        if (!f || dict_set(module_dict(module), str_intern_cstr(defs->name), f) < 0) return -1;
    }
    return 0;
}

/* ---- type slots ---- */

static Value module_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    Value m = module_alloc(type);
    if (!m) return VAL_NULL;
    MODULE(m)->dict = dict_new();
    return MODULE(m)->dict ? m : VAL_NULL;
}

static int module_tp_init(Value self, Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"name", "doc", NULL};
    Value a[2];
    if (args_parse("module", args, nargs, kwnames, names, 0, 1, a) < 0) return -1;
    if (!val_is_str(a[0]))
        return err_format_int(&Exc_TypeError, "module.__init__() argument 'name' must be str, not %s",
                              val_type_name(a[0]));
    Value d = MODULE(self)->dict;
    if (dict_set(d, name___name__, a[0]) < 0 || dict_set(d, name___doc__, a[1] ? a[1] : VAL_NONE) < 0 ||
        dict_set(d, name___package__, VAL_NONE) < 0 || dict_set(d, name___loader__, VAL_NONE) < 0 ||
        dict_set(d, name___spec__, VAL_NONE) < 0)
        return -1;
    return 0;
}

static Value module_name_or_null(Value self) {
    Value n = dict_get_interned(MODULE(self)->dict, name___name__);
    return n && val_is_str(n) ? n : VAL_NULL;
}

static Value module_getattro(Value self, Value name) {
    Type *tp = val_type(self);
    Value descr = type_lookup(tp, name);
    DescrGetFn get = NULL;
    if (descr) {
        get = val_type(descr)->tp_descr_get;
        if (get && descr_is_data(descr)) return get(descr, self, val_from_ptr(tp));
    }
    Value v = dict_get(MODULE(self)->dict, name);
    if (v) return v;
    if (err_occurred()) return VAL_NULL;
    if (get) return get(descr, self, val_from_ptr(tp));
    if (descr) return descr;
    Value hook = dict_get_interned(MODULE(self)->dict, name___getattr__);
    if (hook) return obj_call1(hook, name);
    Value mn = module_name_or_null(self);
    if (mn)
        return err_format(&Exc_AttributeError, "module '%s' has no attribute '%s'", str_data(mn),
                          str_data(name));
    return err_format(&Exc_AttributeError, "module has no attribute '%s'", str_data(name));
}

static int module_setattro(Value self, Value name, Value v) {
    Type *tp = val_type(self);
    Value descr = type_lookup(tp, name);
    if (descr && descr_is_data(descr)) return val_type(descr)->tp_descr_set(descr, self, v);
    if (v) return dict_set(MODULE(self)->dict, name, v);
    int r = dict_del(MODULE(self)->dict, name);
    if (r == 1)
        return err_format_int(&Exc_AttributeError, "'%s' object has no attribute '%s'",
                              val_type_name(self), str_data(name));
    return r;
}

static Value module_repr(Value self) {
    Value d = MODULE(self)->dict;
    Value name = module_name_or_null(self);
    Value namerepr = name ? obj_repr(name) : str_from_cstr("'?'");
    if (!namerepr) return VAL_NULL;
    Value file = dict_get_interned(d, name___file__);
    if (file && val_is_str(file)) {
        Value fr = obj_repr(file);
        return fr ? str_format_c("<module %U from %U>", namerepr, fr) : VAL_NULL;
    }
    if (((ModuleObjectEx *)val_as_ptr(self))->builtin)
        return str_format_c("<module %U (built-in)>", namerepr);
    return str_format_c("<module %U>", namerepr);
}

static Value module_get_dict(Value self) { return MODULE(self)->dict; }

static Value module___dir__(Value *args, size_t nargs, Value kwnames) {
    Value d = MODULE(args[0])->dict;
    Value custom = dict_get_interned(d, name___dir__);
    if (custom) return obj_call0(custom);
    return dict_keys_list(d);
}

static const MethodDef module_methods[] = {
    {"__dir__", module___dir__, METH_DEFAULT, NULL},
    {NULL},
};

static const GetSetDef module_getset[] = {
    {"__dict__", module_get_dict, NULL},
    {NULL},
};

Type Module_Type = {
    .base = {&Type_Type},
    .name = "module",
    .basicsize = sizeof(ModuleObjectEx),
    .flags = TPFLAG_BASETYPE,
    .doc = "Create a module object.\n\nThe name must be a string; the optional doc argument can have any type.",
    .tp_new = module_tp_new,
    .tp_init = module_tp_init,
    .tp_repr = module_repr,
    .tp_getattro = module_getattro,
    .tp_setattro = module_setattro,
    .methods = module_methods,
    .getset = module_getset,
};
