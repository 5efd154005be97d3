/* call.c — binding call arguments to a Python function's parameters, and
 * the frames of calls. The binding rules and every TypeError message follow
 * CPython 3.13 (initialize_locals in ceval.c), naming the function by its
 * __qualname__. */
#include "call.h"

#include <stdarg.h>
#include <stdio.h>

#include "../objects/dict.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "error.h"
#include "../objects/generator.h"
#include "vm.h"

/* ---- message helpers ---- */

/* A growable C string for messages that list names. */
typedef struct NameBuf {
    char *data;
    size_t len, cap;
} NameBuf;

static void nb_add(NameBuf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *d = gc_alloc_atomic(cap);
        if (!d) return;
        if (b->len) memcpy(d, b->data, b->len);
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}
static void nb_cstr(NameBuf *b, const char *s) { nb_add(b, s, strlen(s)); }
static void nb_quoted(NameBuf *b, Value name) {
    nb_cstr(b, "'");
    nb_add(b, str_data(name), str_size(name));
    nb_cstr(b, "'");
}
static const char *nb_result(NameBuf *b) { return b->data ? b->data : ""; }

static const char *qualname_of(FunctionObject *fn) {
    return val_is_str(fn->qualname) ? str_data(fn->qualname) : "?";
}

static Value slot_name(CodeObject *co, size_t i) { return tuple_items(co->localsplusnames)[i]; }

/* "f() missing 2 required positional arguments: 'a' and 'b'" over the
 * parameters in [start, end) that are still unbound. */
static void missing_arguments(FunctionObject *fn, Value *lp, size_t start, size_t end,
                              const char *kind) {
    CodeObject *co = CODE(fn->code);
    size_t missing = 0;
    for (size_t i = start; i < end; i++)
        if (!lp[i]) missing++;
    NameBuf b = {0};
    size_t k = 0;
    for (size_t i = start; i < end; i++) {
        if (lp[i]) continue;
        if (k > 0) {
            if (missing == 2) nb_cstr(&b, " and ");
            else if (k == missing - 1) nb_cstr(&b, ", and ");
            else nb_cstr(&b, ", ");
        }
        nb_quoted(&b, slot_name(co, i));
        k++;
    }
    err_format(&Exc_TypeError, "%s() missing %zu required %s argument%s: %s", qualname_of(fn),
               missing, kind, missing == 1 ? "" : "s", nb_result(&b));
}

static void too_many_positional(FunctionObject *fn, Value *lp, size_t given) {
    CodeObject *co = CODE(fn->code);
    size_t argcount = co->argcount;
    size_t defcount = fn->defaults ? tuple_size(fn->defaults) : 0;
    size_t kwonly_given = 0;
    for (size_t i = argcount; i < argcount + co->kwonlyargcount; i++)
        if (lp[i]) kwonly_given++;
    char sig[64], kwsig[96] = "";
    int plural;
    if (defcount) {
        plural = 1;
        snprintf(sig, sizeof sig, "from %zu to %zu", argcount - defcount, argcount);
    } else {
        plural = argcount != 1;
        snprintf(sig, sizeof sig, "%zu", argcount);
    }
    if (kwonly_given)
        snprintf(kwsig, sizeof kwsig, " positional argument%s (and %zu keyword-only argument%s)",
                 given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
    err_format(&Exc_TypeError, "%s() takes %s positional argument%s but %zu%s %s given",
               qualname_of(fn), sig, plural ? "s" : "", given, kwsig,
               given == 1 && !kwonly_given ? "was" : "were");
}

/* Keywords naming positional-only parameters (when there is no **kwargs):
 * reported together, as CPython does. 1 if it raised. */
static int positional_only_passed_as_keyword(FunctionObject *fn, Value kwnames) {
    CodeObject *co = CODE(fn->code);
    NameBuf b = {0};
    size_t found = 0;
    for (size_t k = 0; k < tuple_size(kwnames); k++) {
        Value key = tuple_items(kwnames)[k];
        for (size_t j = 0; j < co->posonlyargcount; j++) {
            Value name = slot_name(co, j);
            if (name == key || (val_is_str(key) && str_eq(name, key))) {
                if (found++) nb_cstr(&b, ", ");
                nb_add(&b, str_data(name), str_size(name));
                break;
            }
        }
    }
    if (!found) return 0;
    err_format(&Exc_TypeError,
               "%s() got some positional-only arguments passed as keyword arguments: '%s'",
               qualname_of(fn), nb_result(&b));
    return 1;
}

/* Index of keyword `key` among the parameters that accept keywords, or -1. */
static ptrdiff_t keyword_slot(CodeObject *co, Value key, size_t total) {
    Value *names = tuple_items(co->localsplusnames);
    for (size_t j = co->posonlyargcount; j < total; j++)
        if (names[j] == key) return (ptrdiff_t)j;
    for (size_t j = co->posonlyargcount; j < total; j++)
        if (str_eq(names[j], key)) return (ptrdiff_t)j;
    return -1;
}

/* ---- binding ---- */

int vm_bind_args(FunctionObject *fn, Value *lp, Value *args, size_t nargs, Value kwnames) {
    CodeObject *co = CODE(fn->code);
    size_t argcount = co->argcount;
    size_t total = argcount + co->kwonlyargcount;
    bool varargs = co->flags & CO_VARARGS, varkw = co->flags & CO_VARKEYWORDS;

    /* the common case: exactly the positional parameters */
    if (!kwnames && nargs == argcount && !varargs && !varkw && co->kwonlyargcount == 0) {
        for (size_t i = 0; i < nargs; i++) lp[i] = args[i];
        return 0;
    }

    Value kwdict = VAL_NULL;
    if (varkw) {
        kwdict = dict_new();
        if (!kwdict) return -1;
        lp[total + (varargs ? 1 : 0)] = kwdict;
    }
    size_t n = nargs < argcount ? nargs : argcount;
    for (size_t i = 0; i < n; i++) lp[i] = args[i];
    if (varargs) {
        Value rest = tuple_from_array(args + n, nargs - n);
        if (!rest) return -1;
        lp[total] = rest;
    }

    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        Value key = tuple_items(kwnames)[k], value = args[nargs + k];
        if (!val_is_str(key)) {
            err_format(&Exc_TypeError, "%s() keywords must be strings", qualname_of(fn));
            return -1;
        }
        ptrdiff_t j = keyword_slot(co, key, total);
        if (j < 0) {
            if (kwdict) {
                if (dict_set(kwdict, key, value) < 0) return -1;
                continue;
            }
            if (!positional_only_passed_as_keyword(fn, kwnames))
                err_format(&Exc_TypeError, "%s() got an unexpected keyword argument '%s'",
                           qualname_of(fn), str_data(key));
            return -1;
        }
        if (lp[j]) {
            err_format(&Exc_TypeError, "%s() got multiple values for argument '%s'",
                       qualname_of(fn), str_data(key));
            return -1;
        }
        lp[j] = value;
    }

    if (nargs > argcount && !varargs) {
        too_many_positional(fn, lp, nargs);
        return -1;
    }

    size_t defcount = fn->defaults ? tuple_size(fn->defaults) : 0;
    if (defcount > argcount) defcount = argcount;
    size_t first_default = argcount - defcount;
    if (nargs < first_default) {
        for (size_t i = nargs; i < first_default; i++) {
            if (!lp[i]) {
                missing_arguments(fn, lp, nargs, first_default, "positional");
                return -1;
            }
        }
    }
    for (size_t i = first_default > nargs ? first_default : nargs; i < argcount; i++)
        if (!lp[i]) lp[i] = tuple_items(fn->defaults)[i - first_default];

    if (co->kwonlyargcount) {
        bool missing = false;
        for (size_t i = argcount; i < total; i++) {
            if (lp[i]) continue;
            Value def = fn->kwdefaults ? dict_get(fn->kwdefaults, slot_name(co, i)) : VAL_NULL;
            if (def) lp[i] = def;
            else if (err_occurred()) return -1;
            else missing = true;
        }
        if (missing) {
            missing_arguments(fn, lp, argcount, total, "keyword-only");
            return -1;
        }
    }
    return 0;
}

/* ---- frames of calls ---- */

static Value recursion_error(void) {
    return err_format(&Exc_RecursionError, "maximum recursion depth exceeded");
}

Frame *vm_push_call_frame(Value func, Value *args, size_t nargs, Value kwnames) {
    if (vm_depth >= vm_recursion_limit) {
        recursion_error();
        return NULL;
    }
    FunctionObject *fn = FUNC(func);
    CodeObject *co = CODE(fn->code);
    Frame *f = frame_arena_push(co);
    if (!f) return NULL;
    frame_setup(f, co, func, fn->globals, fn->builtins, VAL_NULL);
    frame_clear_locals(f, 0); /* vm_bind_args wants every slot unbound */
    vm_depth++;
    if (vm_bind_args(fn, f->localsplus, args, nargs, kwnames) < 0) {
        vm_frame_release(f);
        return NULL;
    }
    return f;
}

Frame *vm_push_code_frame(Value code, Value globals, Value locals) {
    if (vm_depth >= vm_recursion_limit) {
        recursion_error();
        return NULL;
    }
    CodeObject *co = CODE(code);
    Frame *f = frame_arena_push(co);
    if (!f) return NULL;
    frame_setup(f, co, VAL_NULL, globals, function_builtins_for(globals), locals);
    frame_clear_locals(f, 0);
    vm_depth++;
    return f;
}

Value vm_call_function(Value func, Value *args, size_t nargs, Value kwnames) {
    if (CODE(FUNC(func)->code)->flags & (CO_GENERATOR | CO_COROUTINE))
        return generator_from_call(func, args, nargs, kwnames);
    Frame *f = vm_push_call_frame(func, args, nargs, kwnames);
    if (!f) return VAL_NULL;
    Value result = vm_eval_frame(f, 0);
    vm_frame_release(f);
    return result;
}

Value vm_call_class_body(Value func, Value locals) {
    Frame *f = vm_push_call_frame(func, NULL, 0, VAL_NULL);
    if (!f) return VAL_NULL;
    f->locals = locals;
    Value result = vm_eval_frame(f, 0);
    vm_frame_release(f);
    return result;
}

/* ---- f(*args, **kwargs) ---- */

Value vm_function_str(Value func) {
    Value qualname = obj_lookup_attr(func, name___qualname__);
    if (!qualname && err_occurred()) return VAL_NULL;
    if (!qualname || !val_is_str(qualname)) return obj_str(func);
    Value module = obj_lookup_attr(func, name___module__);
    if (!module && err_occurred()) return VAL_NULL;
    if (module && val_is_str(module) && strcmp(str_data(module), "builtins") != 0)
        return str_format_c("%U.%U()", module, qualname);
    return str_format_c("%U()", qualname);
}

static bool is_iterable_type(Type *t) { return t->tp_iter || t->mp_subscript; }

static Value star_args_error(Value func, Value arg, const char *what, const char *kind) {
    Value fs = vm_function_str(func);
    if (!fs) return VAL_NULL;
    return err_format(&Exc_TypeError, "%s argument after %s must be %s, not %s", str_data(fs),
                      what, kind, val_type_name(arg));
}

int vm_unpack_call_ex(Value func, Value self, Value callargs, Value kwargs, CallArgs *out) {
    if (!val_is_tuple(callargs)) {
        if (!is_iterable_type(val_type(callargs))) {
            star_args_error(func, callargs, "*", "an iterable");
            return -1;
        }
        callargs = tuple_from_iterable(callargs);
        if (!callargs) return -1;
    }
    if (!self && val_is_type_exact(func, &Method_Type)) {
        self = METHOD(func)->self;
        func = METHOD(func)->func;
    }
    Value kwdict = VAL_NULL;
    if (kwargs) {
        if (val_is_dict(kwargs)) {
            kwdict = kwargs;
        } else {
            Value keys = obj_lookup_attr(kwargs, name_keys);
            if (!keys) {
                if (!err_occurred()) star_args_error(func, kwargs, "**", "a mapping");
                return -1;
            }
            kwdict = dict_new();
            if (!kwdict || dict_update(kwdict, kwargs) < 0) return -1;
        }
    }
    size_t npos = (self ? 1 : 0) + tuple_size(callargs);
    size_t nkw = kwdict ? dict_size(kwdict) : 0;
    Value *args = gc_alloc((npos + nkw + 1) * sizeof(Value));
    if (!args) {
        err_no_memory();
        return -1;
    }
    size_t k = 0;
    if (self) args[k++] = self;
    for (size_t i = 0; i < tuple_size(callargs); i++) args[k++] = tuple_items(callargs)[i];
    Value kwnames = VAL_NULL;
    if (nkw) {
        kwnames = tuple_new(nkw);
        if (!kwnames) return -1;
        size_t pos = 0, i = 0;
        Value key, value;
        while (dict_next(kwdict, &pos, &key, &value) && i < nkw) {
            if (!val_is_str(key)) {
                err_format(&Exc_TypeError, "keywords must be strings");
                return -1;
            }
            tuple_items(kwnames)[i++] = key;
            args[k++] = value;
        }
    }
    out->func = func;
    out->args = args;
    out->nargs = npos;
    out->kwnames = kwnames;
    return 0;
}
