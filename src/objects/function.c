/* function.c — Python functions (Function_Type), bound methods
 * (Method_Type) and closure cells (Cell_Type).
 *
 * Calling a function is the VM's business (vm/call.c: vm_call_function is
 * Function_Type's tp_call); this file is the object side: construction,
 * attributes, binding (__get__) and repr. */
#include "function.h"

#include "../vm/call.h"
#include "../vm/error.h"
#include "../vm/vm.h"
#include "code.h"
#include "dict.h"
#include "module.h"
#include "str.h"
#include "tuple.h"

static int identity_hash(Value self, int64_t *out) {
    uintptr_t p = (uintptr_t)val_as_ptr(self);
    *out = (int64_t)((p >> 4) | (p << (8 * sizeof(p) - 4)));
    if (*out == -1) *out = -2;
    return 0;
}

/* ------------------------------------------------------------------ */
/* functions                                                           */

/* The builtins a function sees: its globals' __builtins__ (module or
 * dict), else the interpreter's. */
Value function_builtins_for(Value globals) {
    Value b = val_is_dict(globals) ? dict_get_interned(globals, name___builtins__) : VAL_NULL;
    if (!b) {
        err_clear();
        return vm_builtins_dict;
    }
    if (val_is_type_exact(b, &Module_Type)) return module_dict(b);
    if (val_is_dict(b)) return b;
    return vm_builtins_dict;
}

Value function_new(Value code, Value globals, Value qualname) {
    CodeObject *co = CODE(code);
    FunctionObject *f = obj_alloc(&Function_Type, sizeof(FunctionObject));
    if (!f) return err_no_memory();
    f->code = code;
    f->globals = globals;
    f->builtins = function_builtins_for(globals);
    f->name = co->name ? co->name : str_intern_cstr("?");
    f->qualname = qualname ? qualname : (co->qualname ? co->qualname : f->name);
    Value module = val_is_dict(globals) ? dict_get_interned(globals, name___name__) : VAL_NULL;
    if (!module) err_clear();
    f->module = module ? module : VAL_NONE;
    f->doc = VAL_NONE;
    if ((co->flags & CO_HAS_DOCSTRING) && co->consts && tuple_size(co->consts) > 0)
        f->doc = tuple_items(co->consts)[0];
    f->version = 1;
    return val_from_ptr(f);
}

static Value func_repr(Value self) {
    return str_format_c("<function %U at %p>", FUNC(self)->qualname, val_as_ptr(self));
}

/* Functions bind to instances: C().m is a bound method; via the class (or
 * None) the function itself. */
static Value func_descr_get(Value descr, Value obj, Value type) {
    if (obj == VAL_NULL || val_is_none(obj)) return descr;
    return method_new(descr, obj);
}

static Value func_dict(Value self) {
    FunctionObject *f = FUNC(self);
    if (!f->dict) {
        f->dict = dict_new();
        if (!f->dict) return VAL_NULL;
    }
    return f->dict;
}

/* Data descriptors on the type first (the getset attributes below), then
 * the function's own __dict__, then other class attributes. */
static Value func_getattro(Value self, Value name) {
    Type *t = TYPE(self);
    Value descr = type_lookup(t, name);
    Type *dt = descr ? val_type(descr) : NULL;
    if (descr && dt->tp_descr_get && dt->tp_descr_set)
        return dt->tp_descr_get(descr, self, val_from_ptr(t));
    if (FUNC(self)->dict) {
        Value v = dict_get(FUNC(self)->dict, name);
        if (v) return v;
        if (err_occurred()) return VAL_NULL;
    }
    if (descr) return dt->tp_descr_get ? dt->tp_descr_get(descr, self, val_from_ptr(t)) : descr;
    return err_no_attribute(self, name);
}

static int func_setattro(Value self, Value name, Value v) {
    Value descr = type_lookup(TYPE(self), name);
    if (descr && val_type(descr)->tp_descr_set)
        return val_type(descr)->tp_descr_set(descr, self, v);
    if (!v) {
        int r = FUNC(self)->dict ? dict_del(FUNC(self)->dict, name) : 1;
        if (r == 1) {
            err_no_attribute(self, name);
            return -1;
        }
        return r;
    }
    if (!func_dict(self)) return -1;
    return dict_set(FUNC(self)->dict, name, v);
}

static Value func_get_name(Value self) { return FUNC(self)->name; }
static int func_set_name(Value self, Value v) {
    if (!v || !val_is_str(v))
        return err_format_int(&Exc_TypeError, "__name__ must be set to a string object");
    FUNC(self)->name = v;
    return 0;
}
static Value func_get_qualname(Value self) { return FUNC(self)->qualname; }
static int func_set_qualname(Value self, Value v) {
    if (!v || !val_is_str(v))
        return err_format_int(&Exc_TypeError, "__qualname__ must be set to a string object");
    FUNC(self)->qualname = v;
    return 0;
}
static Value func_get_doc(Value self) { return FUNC(self)->doc; }
static int func_set_doc(Value self, Value v) {
    FUNC(self)->doc = v ? v : VAL_NONE;
    return 0;
}
static Value func_get_module(Value self) { return FUNC(self)->module; }
static int func_set_module(Value self, Value v) {
    FUNC(self)->module = v ? v : VAL_NONE;
    return 0;
}
static Value func_get_defaults(Value self) {
    return FUNC(self)->defaults ? FUNC(self)->defaults : VAL_NONE;
}
static int func_set_defaults(Value self, Value v) {
    if (v && val_is_none(v)) v = VAL_NULL;
    if (v && !val_is_tuple(v))
        return err_format_int(&Exc_TypeError, "__defaults__ must be set to a tuple object");
    FUNC(self)->defaults = v;
    FUNC(self)->version++;
    return 0;
}
static Value func_get_kwdefaults(Value self) {
    return FUNC(self)->kwdefaults ? FUNC(self)->kwdefaults : VAL_NONE;
}
static int func_set_kwdefaults(Value self, Value v) {
    if (v && val_is_none(v)) v = VAL_NULL;
    if (v && !val_is_dict(v))
        return err_format_int(&Exc_TypeError, "__kwdefaults__ must be set to a dict object");
    FUNC(self)->kwdefaults = v;
    FUNC(self)->version++;
    return 0;
}
static Value func_get_code(Value self) { return FUNC(self)->code; }
static int func_set_code(Value self, Value v) {
    if (!v || !val_is_type_exact(v, &Code_Type))
        return err_format_int(&Exc_TypeError, "__code__ must be set to a code object");
    FunctionObject *f = FUNC(self);
    size_t have = f->closure ? tuple_size(f->closure) : 0;
    if (CODE(v)->nfree != have) {
        err_format(&Exc_ValueError, "%s() requires a code object with %zu free vars, not %zu",
                   str_data(f->name), have, (size_t)CODE(v)->nfree);
        return -1;
    }
    f->code = v;
    f->version++;
    return 0;
}
static Value func_get_globals(Value self) { return FUNC(self)->globals; }
static Value func_get_builtins(Value self) { return FUNC(self)->builtins; }
static Value func_get_closure(Value self) {
    return FUNC(self)->closure ? FUNC(self)->closure : VAL_NONE;
}
static int func_set_dict(Value self, Value v) {
    if (!v)
        return err_format_int(&Exc_TypeError, "cannot delete __dict__");
    if (!val_is_dict(v))
        return err_format_int(&Exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                              val_type_name(v));
    FUNC(self)->dict = v;
    return 0;
}
static Value func_get_annotations(Value self) {
    FunctionObject *f = FUNC(self);
    if (!f->annotations) {
        f->annotations = dict_new();
        if (!f->annotations) return VAL_NULL;
    }
    return f->annotations;
}
static int func_set_annotations(Value self, Value v) {
    if (v && val_is_none(v)) v = VAL_NULL;
    if (v && !val_is_dict(v))
        return err_format_int(&Exc_TypeError, "__annotations__ must be set to a dict object");
    FUNC(self)->annotations = v;
    return 0;
}
static Value func_get_type_params(Value self) { return tuple_new(0); }

static const GetSetDef func_getset[] = {
    {"__name__", func_get_name, func_set_name},
    {"__qualname__", func_get_qualname, func_set_qualname},
    {"__doc__", func_get_doc, func_set_doc},
    {"__module__", func_get_module, func_set_module},
    {"__defaults__", func_get_defaults, func_set_defaults},
    {"__kwdefaults__", func_get_kwdefaults, func_set_kwdefaults},
    {"__code__", func_get_code, func_set_code},
    {"__globals__", func_get_globals, NULL},
    {"__builtins__", func_get_builtins, NULL},
    {"__closure__", func_get_closure, NULL},
    {"__dict__", func_dict, func_set_dict},
    {"__annotations__", func_get_annotations, func_set_annotations},
    {"__type_params__", func_get_type_params, NULL},
    {NULL},
};

Type Function_Type = {
    .base = {&Type_Type},
    .name = "function",
    .basicsize = sizeof(FunctionObject),
    .tp_call = vm_call_function,
    .tp_repr = func_repr,
    .tp_hash = identity_hash,
    .tp_getattro = func_getattro,
    .tp_setattro = func_setattro,
    .tp_descr_get = func_descr_get,
    .getset = func_getset,
};

/* ------------------------------------------------------------------ */
/* bound methods                                                       */

Value method_new(Value func, Value self) {
    MethodObject *m = obj_alloc(&Method_Type, sizeof(MethodObject));
    if (!m) return err_no_memory();
    m->func = func;
    m->self = self;
    return val_from_ptr(m);
}

static Value method_call(Value self, Value *args, size_t nargs, Value kwnames) {
    MethodObject *m = METHOD(self);
    size_t total = nargs + (kwnames ? tuple_size(kwnames) : 0);
    Value small[8];
    Value *buf = total + 1 <= 8 ? small : gc_alloc((total + 1) * sizeof(Value));
    if (!buf) return err_no_memory();
    buf[0] = m->self;
    for (size_t i = 0; i < total; i++) buf[i + 1] = args[i];
    return obj_call(m->func, buf, nargs + 1, kwnames);
}

static Value method_repr(Value self) {
    MethodObject *m = METHOD(self);
    Value name = obj_lookup_attr(m->func, name___qualname__);
    if (!name) {
        if (err_occurred()) return VAL_NULL;
        name = obj_lookup_attr(m->func, name___name__);
        if (!name && err_occurred()) return VAL_NULL;
    }
    if (name && !val_is_str(name)) name = VAL_NULL;
    if (!name) name = str_from_cstr("?");
    return str_format_c("<bound method %U of %R>", name, m->self);
}

/* Attributes of the method type itself first, then the function's. */
static Value method_getattro(Value self, Value name) {
    Type *t = TYPE(self);
    Value descr = type_lookup(t, name);
    if (descr) {
        Type *dt = val_type(descr);
        return dt->tp_descr_get ? dt->tp_descr_get(descr, self, val_from_ptr(t)) : descr;
    }
    return obj_getattr(METHOD(self)->func, name);
}

static Value method_richcompare(Value a, Value b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || !val_is_type_exact(b, &Method_Type)) return VAL_NOTIMPL;
    int eq = METHOD(a)->self == METHOD(b)->self;
    if (eq) {
        eq = obj_eq(METHOD(a)->func, METHOD(b)->func);
        if (eq < 0) return VAL_NULL;
    }
    return val_bool(eq == (op == CMP_EQ));
}

static int method_hash(Value self, int64_t *out) {
    int64_t hs, hf;
    identity_hash(METHOD(self)->self, &hs); /* identity of self, as CPython 3.13 */
    if (obj_hash(METHOD(self)->func, &hf) < 0) return -1;
    *out = hs ^ hf;
    if (*out == -1) *out = -2;
    return 0;
}

static Value method_get_func(Value self) { return METHOD(self)->func; }
static Value method_get_self(Value self) { return METHOD(self)->self; }
static Value method_get_doc(Value self) { return obj_getattr(METHOD(self)->func, name___doc__); }
static Value method_get_name(Value self) { return obj_getattr(METHOD(self)->func, name___name__); }
static Value method_get_qualname(Value self) {
    return obj_getattr(METHOD(self)->func, name___qualname__);
}
static Value method_get_module(Value self) {
    return obj_getattr(METHOD(self)->func, name___module__);
}

static const GetSetDef method_getset[] = {
    {"__func__", method_get_func, NULL},
    {"__self__", method_get_self, NULL},
    {"__doc__", method_get_doc, NULL},
    {"__name__", method_get_name, NULL},
    {"__qualname__", method_get_qualname, NULL},
    {"__module__", method_get_module, NULL},
    {NULL},
};

Type Method_Type = {
    .base = {&Type_Type},
    .name = "method",
    .basicsize = sizeof(MethodObject),
    .tp_call = method_call,
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_richcompare = method_richcompare,
    .tp_getattro = method_getattro,
    .getset = method_getset,
};

/* ------------------------------------------------------------------ */
/* cells                                                               */

Value cell_new(Value contents) {
    CellObject *c = obj_alloc(&Cell_Type, sizeof(CellObject));
    if (!c) return err_no_memory();
    c->contents = contents;
    return val_from_ptr(c);
}

static Value cell_repr(Value self) {
    Value v = CELL(self)->contents;
    if (!v) return str_format_c("<cell at %p: empty>", val_as_ptr(self));
    return str_format_c("<cell at %p: %s object at %p>", val_as_ptr(self), val_type_name(v),
                        (void *)(uintptr_t)v);
}

static Value cell_get_contents(Value self) {
    if (!CELL(self)->contents) return err_format(&Exc_ValueError, "Cell is empty");
    return CELL(self)->contents;
}
static int cell_set_contents(Value self, Value v) {
    CELL(self)->contents = v;
    return 0;
}

static Value cell_richcompare(Value a, Value b, int op) {
    if (!val_is_type_exact(b, &Cell_Type)) return VAL_NOTIMPL;
    Value x = CELL(a)->contents, y = CELL(b)->contents;
    if (x && y) return obj_richcompare(x, y, op);
    int c = (x != VAL_NULL) - (y != VAL_NULL); /* empty cells sort first */
    switch (op) {
    case CMP_LT: return val_bool(c < 0);
    case CMP_LE: return val_bool(c <= 0);
    case CMP_EQ: return val_bool(c == 0);
    case CMP_NE: return val_bool(c != 0);
    case CMP_GT: return val_bool(c > 0);
    default: return val_bool(c >= 0);
    }
}

static const GetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents},
    {NULL},
};

Type Cell_Type = {
    .base = {&Type_Type},
    .name = "cell",
    .basicsize = sizeof(CellObject),
    .tp_repr = cell_repr,
    .tp_richcompare = cell_richcompare,
    .getset = cell_getset,
};
