/* builtinfunc.c — C functions exposed to Python (BuiltinFunction_Type):
 * builtins such as len, and C methods bound to an instance such as
 * [].append. Also the argument checkers C functions use, with CPython's
 * (Argument Clinic's) TypeError messages. fname is the bare function name
 * ("len", "list.append"); "()" is added by the messages. */
#include <stdint.h>

#include "../vm/error.h"
#include "function.h"
#include "str.h"
#include "tuple.h"

#define BFUNC(v) ((BuiltinFunctionObject *)val_as_ptr(v))

Value builtin_function_new(const MethodDef *def, Value self, Value module) {
    BuiltinFunctionObject *b = obj_alloc(&BuiltinFunction_Type, sizeof(BuiltinFunctionObject));
    if (!b) return err_no_memory();
    b->def = def;
    b->self = self;
    b->module = module;
    return val_from_ptr(b);
}

static Value bfunc_call(Value callable, Value *args, size_t nargs, Value kwnames) {
    BuiltinFunctionObject *b = BFUNC(callable);
    if (!b->self) return b->def->fn(args, nargs, kwnames);
    size_t total = nargs + (kwnames ? tuple_size(kwnames) : 0);
    Value small[8];
    Value *buf = total + 1 <= 8 ? small : gc_alloc((total + 1) * sizeof(Value));
    if (!buf) return err_no_memory();
    buf[0] = b->self;
    for (size_t i = 0; i < total; i++) buf[i + 1] = args[i];
    return b->def->fn(buf, nargs + 1, kwnames);
}

/* A function of a module (or a plain builtin) rather than a method. */
static bool is_plain_function(BuiltinFunctionObject *b) {
    return !b->self || val_is_type_exact(b->self, &Module_Type);
}

static Value bfunc_repr(Value self) {
    BuiltinFunctionObject *b = BFUNC(self);
    if (is_plain_function(b)) return str_format_c("<built-in function %s>", b->def->name);
    if (val_is_typeobj(b->self))
        return str_format_c("<built-in method %s of type object at %p>", b->def->name,
                            val_as_ptr(b->self));
    return str_format_c("<built-in method %s of %s object at %p>", b->def->name,
                        val_type_name(b->self), val_as_ptr(b->self));
}

static Value bfunc_name(Value self) { return str_from_cstr(BFUNC(self)->def->name); }

static Value bfunc_qualname(Value self) {
    BuiltinFunctionObject *b = BFUNC(self);
    if (is_plain_function(b)) return str_from_cstr(b->def->name);
    Type *owner = val_is_typeobj(b->self) ? val_as_type(b->self) : val_type(b->self);
    return str_format_c("%s.%s", type_name(owner), b->def->name);
}

static Value bfunc_self(Value self) { return BFUNC(self)->self ? BFUNC(self)->self : VAL_NONE; }
static Value bfunc_module(Value self) {
    return BFUNC(self)->module ? BFUNC(self)->module : VAL_NONE;
}
static Value bfunc_doc(Value self) {
    const char *doc = BFUNC(self)->def->doc;
    return doc ? str_from_cstr(doc) : VAL_NONE;
}
static Value bfunc_text_signature(Value self) { return VAL_NONE; }

static Value bfunc_richcompare(Value a, Value b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || !val_is_type_exact(b, &BuiltinFunction_Type))
        return VAL_NOTIMPL;
    bool eq = BFUNC(a)->def == BFUNC(b)->def && BFUNC(a)->self == BFUNC(b)->self;
    return val_bool(eq == (op == CMP_EQ));
}

static int bfunc_hash(Value self, int64_t *out) {
    uintptr_t h = (uintptr_t)BFUNC(self)->def ^ (uintptr_t)BFUNC(self)->self;
    *out = (int64_t)(h >> 3);
    if (*out == -1) *out = -2;
    return 0;
}

static const GetSetDef bfunc_getset[] = {
    {"__name__", bfunc_name, NULL},
    {"__qualname__", bfunc_qualname, NULL},
    {"__self__", bfunc_self, NULL},
    {"__module__", bfunc_module, NULL},
    {"__doc__", bfunc_doc, NULL},
    {"__text_signature__", bfunc_text_signature, NULL},
    {NULL},
};

Type BuiltinFunction_Type = {
    .base = {&Type_Type},
    .name = "builtin_function_or_method",
    .basicsize = sizeof(BuiltinFunctionObject),
    .tp_call = bfunc_call,
    .tp_repr = bfunc_repr,
    .tp_hash = bfunc_hash,
    .tp_richcompare = bfunc_richcompare,
    .getset = bfunc_getset,
};

/* ---- argument checking for C functions ---- */

int args_no_kwargs(const char *fname, Value kwnames) {
    if (kwnames && tuple_size(kwnames) > 0)
        return err_format_int(&Exc_TypeError, "%s() takes no keyword arguments", fname);
    return 0;
}

int args_check_count(const char *fname, size_t nargs, size_t min, size_t max) {
    if (nargs >= min && nargs <= max) return 0;
    if (max == 0)
        return err_format_int(&Exc_TypeError, "%s() takes no arguments (%zu given)", fname, nargs);
    if (min == 1 && max == 1)
        return err_format_int(&Exc_TypeError, "%s() takes exactly one argument (%zu given)", fname,
                              nargs);
    if (nargs < min)
        return err_format_int(&Exc_TypeError, "%s expected %s%zu argument%s, got %zu", fname,
                              min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
    return err_format_int(&Exc_TypeError, "%s expected %s%zu argument%s, got %zu", fname,
                          min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
}

static int find_param(const char *const *names, int nparams, Value key) {
    for (int j = 0; j < nparams; j++)
        if (strlen(names[j]) == str_size(key) && memcmp(names[j], str_data(key), str_size(key)) == 0)
            return j;
    return -1;
}

int args_parse(const char *fname, Value *args, size_t nargs, Value kwnames,
               const char *const *names, int npos_only, int nrequired, Value *out) {
    int nparams = 0;
    while (names[nparams]) nparams++;
    for (int i = 0; i < nparams; i++) out[i] = VAL_NULL;
    if (nargs > (size_t)nparams)
        return err_format_int(&Exc_TypeError, "%s() takes %s %d argument%s (%zu given)", fname,
                              nrequired < nparams ? "at most" : "exactly", nparams,
                              nparams == 1 ? "" : "s", nargs);
    for (size_t i = 0; i < nargs; i++) out[i] = args[i];
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        Value key = tuple_items(kwnames)[k];
        int j = val_is_str(key) ? find_param(names, nparams, key) : -1;
        if (j < 0)
            return err_format_int(&Exc_TypeError, "%s() got an unexpected keyword argument '%s'",
                                  fname, val_is_str(key) ? str_data(key) : "?");
        if (j < npos_only)
            return err_format_int(&Exc_TypeError,
                                  "%s() got some positional-only arguments passed as keyword "
                                  "arguments: '%s'",
                                  fname, str_data(key));
        if (out[j])
            return err_format_int(&Exc_TypeError,
                                  "argument for %s() given by name ('%s') and position (%d)", fname,
                                  str_data(key), j + 1);
        out[j] = args[nargs + k];
    }
    for (int i = 0; i < nrequired && i < nparams; i++) {
        if (out[i]) continue;
        if (i < npos_only) {
            int count = nrequired < npos_only ? nrequired : npos_only;
            return err_format_int(&Exc_TypeError, "%s() takes %s %d positional argument%s (%zu given)",
                                  fname, nparams > count ? "at least" : "exactly", count,
                                  count == 1 ? "" : "s", nargs);
        }
        return err_format_int(&Exc_TypeError, "%s() missing required argument '%s' (pos %d)", fname,
                              names[i], i + 1);
    }
    return 0;
}
