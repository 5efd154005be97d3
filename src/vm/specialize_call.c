/* specialize_call.c — the CALL specialiser: Python functions whose frame
 * can be pushed without the general binder, bound methods of them, the
 * built-in functions and method descriptors called through their C
 * function directly, a few builtins done inline (len, isinstance, type),
 * and class instantiation that runs a Python __init__ in its own frame. */
#include "spec_ops.h"
#include "specialize_impl.h"

#include <string.h>

#include "../objects/function.h"
#include "../objects/str.h"
#include "../objects/typeobj.h"

static bool fail_call(CodeUnit *instr, SpecFailure why) {
    spec_fail(instr, OP_CALL, why);
    return false;
}

/* A function whose positional parameters are all there is: no *args,
 * **kwargs, keyword-only parameters, and not a generator. */
static bool has_simple_signature(Value func) {
    CodeObject *co = CODE(FUNC(func)->code);
    return !(co->flags & (CO_GENERATOR | CO_COROUTINE | CO_VARARGS | CO_VARKEYWORDS)) &&
           co->kwonlyargcount == 0;
}

/* Cache a Python function (version + pointer, kept alive). */
static void cache_function(Frame *f, CodeUnit *instr, Value func) {
    instr[2] = FUNC(func)->version;
    cache_write64(instr + 3, func);
    specialize_keep_alive(f->code, instr, func);
}

static bool call_py_function(Frame *f, CodeUnit *instr, Value func, size_t total) {
    if (!has_simple_signature(func)) return fail_call(instr, SPEC_FAIL_CODE_FLAGS);
    cache_function(f, instr, func);
    if (guard_argcount(func, total)) {
        spec_install(instr, OP_CALL_PY_EXACT_ARGS);
        return true;
    }
    if (!guard_argcount_defaults(func, total)) return fail_call(instr, SPEC_FAIL_ARG_COUNT);
    spec_install(instr, OP_CALL_PY_WITH_DEFAULTS);
    return true;
}

static bool call_bound_method(Frame *f, CodeUnit *instr, Value method, size_t nargs) {
    Value func = METHOD(method)->func;
    if (!val_is_type_exact(func, &Function_Type)) return fail_call(instr, SPEC_FAIL_CALLABLE);
    if (!has_simple_signature(func)) return fail_call(instr, SPEC_FAIL_CODE_FLAGS);
    if (!guard_argcount(func, nargs + 1)) return fail_call(instr, SPEC_FAIL_ARG_COUNT);
    cache_function(f, instr, func);
    spec_install(instr, OP_CALL_BOUND_METHOD_EXACT_ARGS);
    return true;
}

/* The builtins this frame would find under `name` IS callable. */
static bool is_builtin_named(Frame *f, Value callable, const char *name) {
    Value b = dict_get_str(f->builtins, name);
    err_clear();
    return b == callable;
}

static bool call_builtin(Frame *f, CodeUnit *instr, Value callable, size_t nargs) {
    int op = nargs == 1 ? OP_CALL_BUILTIN_O : OP_CALL_BUILTIN_FAST;
    if (nargs == 1 && is_builtin_named(f, callable, "len")) op = OP_CALL_LEN;
    else if (nargs == 2 && is_builtin_named(f, callable, "isinstance")) op = OP_CALL_ISINSTANCE;
    cache_write64(instr + 3, callable);
    specialize_keep_alive(f->code, instr, callable);
    spec_install(instr, op);
    return true;
}

/* descr(self, args…) from the method form of LOAD_ATTR. */
static bool call_method_descr(Frame *f, CodeUnit *instr, Value descr, size_t nargs) {
    MethodDescrObject *d = val_as_ptr(descr);
    int op = nargs == 0 ? OP_CALL_METHOD_DESCRIPTOR_NOARGS
             : nargs == 1 ? OP_CALL_METHOD_DESCRIPTOR_O
                          : OP_CALL_METHOD_DESCRIPTOR_FAST;
    if (d->owner == &List_Type && nargs == 1 && !strcmp(d->def->name, "append"))
        op = OP_CALL_LIST_APPEND;
    cache_write64(instr + 3, descr);
    specialize_keep_alive(f->code, instr, descr);
    spec_install(instr, op);
    return true;
}

/* C(args) for a class of metaclass type with object's __new__ and a plain
 * Python __init__ taking exactly self + the arguments. */
static bool call_alloc_and_init(Frame *f, CodeUnit *instr, Value cls, size_t nargs) {
    Type *tp = val_as_type(cls);
    if (tp->tp_new != object_new || (tp->flags & TPFLAG_ABSTRACT) || tp->version == 0)
        return fail_call(instr, SPEC_FAIL_INIT);
    Value init = type_lookup(tp, name___init__);
    if (!init || !val_is_type_exact(init, &Function_Type)) return fail_call(instr, SPEC_FAIL_INIT);
    if (!has_simple_signature(init)) return fail_call(instr, SPEC_FAIL_CODE_FLAGS);
    if (!guard_argcount(init, nargs + 1)) return fail_call(instr, SPEC_FAIL_ARG_COUNT);
    cache_function(f, instr, init);
    instr[5] = tp->version;
    spec_install(instr, OP_CALL_ALLOC_AND_ENTER_INIT);
    return true;
}

void specialize_call(Frame *f, CodeUnit *instr, Value callable, Value *args, size_t nargs) {
    bool has_self = args[0] != VAL_NULL;
    size_t total = nargs + has_self;
    if (val_is_type_exact(callable, &Function_Type))
        call_py_function(f, instr, callable, total);
    else if (val_is_type_exact(callable, &Method_Type) && !has_self)
        call_bound_method(f, instr, callable, nargs);
    else if (val_is_type_exact(callable, &BuiltinFunction_Type) && !has_self)
        call_builtin(f, instr, callable, nargs);
    else if (val_is_type_exact(callable, &MethodDescr_Type) && has_self)
        call_method_descr(f, instr, callable, nargs);
    else if (callable == val_from_ptr(&Type_Type) && nargs == 1 && !has_self)
        spec_install(instr, OP_CALL_TYPE_1);
    else if (val_is_type_exact(callable, &Type_Type) && !has_self)
        call_alloc_and_init(f, instr, callable, nargs);
    else
        fail_call(instr, SPEC_FAIL_CALLABLE);
}
