/* generator.c — generator objects: next/send/throw/close over a suspended
 * heap frame, with CPython 3.13's rules for delegation to a `yield from`
 * receiver, GeneratorExit and StopIteration. */
#include "generator.h"

#include <stdio.h>

#include "../vm/call.h"
#include "../vm/error.h"
#include "../vm/vm.h"
#include "function.h"
#include "str.h"
#include "tuple.h"

/* The generator made most recently, and by which instruction of which
 * frame (for generator_claim_for_loop). */
static GeneratorObject *fresh_gen;
static Frame *fresh_frame;
static CodeUnit *fresh_instr;

Value generator_from_call(Value func, Value *args, size_t nargs, Value kwnames) {
    FunctionObject *fn = FUNC(func);
    CodeObject *co = CODE(fn->code);
    Frame *f = frame_heap_new(co);
    if (!f) return VAL_NULL;
    frame_setup(f, co, func, fn->globals, fn->builtins, VAL_NULL);
    if (vm_bind_args(fn, f->localsplus, args, nargs, kwnames) < 0) return VAL_NULL;
    GeneratorObject *g = obj_alloc(&Generator_Type, sizeof(GeneratorObject));
    if (!g) return err_no_memory();
    g->frame = f;
    f->gen = g;
    g->name = fn->name;
    g->qualname = fn->qualname;
    fresh_gen = g;
    fresh_frame = vm_frame;
    fresh_instr = vm_frame ? vm_frame->instr_ptr : NULL;
    return val_from_ptr(g);
}

/* RuntimeError("generator raised StopIteration") from the current
 * StopIteration, chained as CPython does. */
static void stopiteration_to_runtimeerror(void) {
    Value stop = err_fetch();
    Value msg = str_from_cstr("generator raised StopIteration");
    Value err = msg ? exc_new(&Exc_RuntimeError, &msg, 1) : VAL_NULL;
    if (!err) return;
    EXC(err)->cause = stop;
    EXC(err)->context = stop;
    EXC(err)->suppress_context = true;
    err_restore(err);
}

/* Run the frame once more. throwing: the current exception is raised at
 * the suspended yield. 0 yielded, 1 returned, -1 error. */
static int gen_resume(GeneratorObject *g, Value sent, int throwing, Value *out) {
    Frame *f = g->frame;
    if (g->running) {
        err_format(&Exc_ValueError, "generator already executing");
        return -1;
    }
    if (f->state == FRAME_COMPLETED) {
        if (throwing) return -1;
        *out = VAL_NONE;
        return 1;
    }
    if (f->state == FRAME_CREATED && !throwing && !val_is_none(sent)) {
        err_format(&Exc_TypeError, "can't send non-None value to a just-started generator");
        return -1;
    }
    if (vm_depth >= vm_recursion_limit) {
        err_format(&Exc_RecursionError, "maximum recursion depth exceeded");
        return -1;
    }
    if (vm_check_c_stack() < 0) return -1; /* before touching the frame */
    if (!throwing && f->state == FRAME_SUSPENDED) *f->stack_top++ = sent;
    vm_depth++;
    g->running = true;
    g->exc_state.previous = vm_exc_info;
    vm_exc_info = &g->exc_state;
    Value result = vm_eval_frame_checked(f, throwing);
    vm_exc_info = g->exc_state.previous;
    g->exc_state.previous = NULL;
    g->running = false;
    vm_depth--;
    if (result && f->state == FRAME_SUSPENDED) {
        *out = result;
        return 0;
    }
    f->state = FRAME_COMPLETED;
    g->exc_state.exc = VAL_NULL;
    if (result) {
        *out = result;
        return 1;
    }
    if (err_matches(&Exc_StopIteration)) stopiteration_to_runtimeerror();
    return -1;
}

int generator_send(GeneratorObject *g, Value sent, Value *out) {
    return gen_resume(g, sent, 0, out);
}

/* Turn a resume outcome into the method-call convention: a yielded value,
 * or VAL_NULL with StopIteration(retval) / the error. */
static Value gen_result(int status, Value v) {
    if (status == 0) return v;
    if (status == 1) {
        if (val_is_none(v)) return err_set_none(&Exc_StopIteration);
        Value exc = exc_new(&Exc_StopIteration, &v, 1);
        if (!exc) return VAL_NULL;
        err_restore(exc);
    }
    return VAL_NULL;
}

static Value gen_send_ex(GeneratorObject *g, Value sent, int throwing) {
    Value v = VAL_NULL;
    int st = gen_resume(g, sent, throwing, &v);
    return gen_result(st, v);
}

Value generator_next(GeneratorObject *g) { return gen_send_ex(g, VAL_NONE, 0); }

/* The receiver of the `yield from` the generator is suspended in, if any:
 * YIELD_VALUE with oparg 1 keeps it just below the yielded value. */
static Value gen_yield_from_target(GeneratorObject *g) {
    Frame *f = g->frame;
    if (f->state != FRAME_SUSPENDED || !f->instr_ptr) return VAL_NULL;
    CodeUnit u = *f->instr_ptr;
    if (CU_OP(u) != OP_YIELD_VALUE || CU_ARG(u) != 1) return VAL_NULL;
    if (f->stack_top <= frame_stack_base(f)) return VAL_NULL;
    return f->stack_top[-1];
}

/* Close a delegated-to iterator: 0 ok, -1 error set. */
static int gen_close_iter(Value yf) {
    if (val_is_type_exact(yf, &Generator_Type)) return generator_close(GEN(yf)) ? 0 : -1;
    Value meth = obj_lookup_attr(yf, name_close);
    if (!meth) return err_occurred() ? -1 : 0;
    return obj_call0(meth) ? 0 : -1;
}

static Value gen_throw_inner(GeneratorObject *g, Value exc, bool close_on_genexit) {
    Value yf = gen_yield_from_target(g);
    if (yf) {
        if (close_on_genexit && val_is_exception(exc) &&
            type_is_subtype(val_type(exc), &Exc_GeneratorExit)) {
            g->running = true;
            int err = gen_close_iter(yf);
            g->running = false;
            if (err < 0) return gen_send_ex(g, VAL_NONE, 1);
            goto throw_here;
        }
        Value ret;
        if (val_is_type_exact(yf, &Generator_Type)) {
            g->running = true;
            ret = gen_throw_inner(GEN(yf), exc, close_on_genexit);
            g->running = false;
        } else {
            Value meth = obj_lookup_attr(yf, name_throw);
            if (!meth) {
                if (err_occurred()) return VAL_NULL;
                goto throw_here;
            }
            g->running = true;
            ret = obj_call(meth, &exc, 1, VAL_NULL);
            g->running = false;
        }
        /* the receiver raised (StopIteration included): the yield-from
         * loop's handler (CLEANUP_THROW) in this frame deals with it */
        if (!ret) ret = gen_send_ex(g, VAL_NONE, 1);
        return ret;
    }
throw_here:
    err_restore(exc);
    return gen_send_ex(g, VAL_NONE, 1);
}

Value generator_throw(GeneratorObject *g, Value exc) { return gen_throw_inner(g, exc, true); }

Value generator_close(GeneratorObject *g) {
    Frame *f = g->frame;
    if (f->state == FRAME_CREATED) {
        f->state = FRAME_COMPLETED;
        return VAL_NONE;
    }
    if (f->state == FRAME_COMPLETED) return VAL_NONE;
    Value yf = gen_yield_from_target(g);
    int err = 0;
    if (yf) {
        g->running = true;
        err = gen_close_iter(yf);
        g->running = false;
    }
    if (err == 0) err_set_none(&Exc_GeneratorExit);
    Value v = VAL_NULL;
    int st = gen_resume(g, VAL_NONE, 1, &v);
    if (st == 0) return err_format(&Exc_RuntimeError, "generator ignored GeneratorExit");
    if (st == 1) return v;
    if (err_matches(&Exc_GeneratorExit)) {
        err_clear();
        return VAL_NONE;
    }
    return VAL_NULL;
}

/* ---- prompt closing of loop-owned generators ---- */

void generator_claim_for_loop(Frame *f, Value gen) {
    GeneratorObject *g = GEN(gen);
    if (g != fresh_gen || f != fresh_frame || !fresh_instr || !f->instr_ptr) return;
    fresh_gen = NULL;
    int op = opcode_family[CU_OP(*fresh_instr)]; /* CALL may be specialised */
    if (op != OP_CALL && op != OP_CALL_KW && op != OP_CALL_FUNCTION_EX) return;
    if (fresh_instr + 1 + opcode_cache_units[op] != f->instr_ptr) return;
    if (g->frame->state == FRAME_CREATED) g->loop_owned = true;
}

void generator_discard(Value v) {
    if (!val_is_type_exact(v, &Generator_Type)) return;
    GeneratorObject *g = GEN(v);
    if (!g->loop_owned || g->running) return;
    g->loop_owned = false;
    if (g->frame->state != FRAME_SUSPENDED) return;
    Value pending = err_fetch();
    if (!generator_close(g)) {
        Value exc = err_fetch();
        Value r = obj_repr(v);
        if (!r) err_clear();
        fprintf(stderr, "Exception ignored in: %s\n", r ? str_data(r) : "<generator>");
        if (exc) err_print(exc);
    }
    err_restore(pending);
}

void generator_discard_range(Value *from, Value *to) {
    for (Value *p = from; p < to; p++)
        if (val_is_type_exact(*p, &Generator_Type) && GEN(*p)->loop_owned) generator_discard(*p);
}

/* ---- the Python face ---- */

static Value gen_iter(Value self) { return self; }

static Value gen_iternext(Value self) {
    Value v = VAL_NULL;
    int st = gen_resume(GEN(self), VAL_NONE, 0, &v);
    return st == 0 ? v : VAL_NULL; /* returned: exhausted, no exception */
}

static Value gen_next_method(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("generator.__next__", kwnames) < 0 ||
        args_check_count("generator.__next__", nargs - 1, 0, 0) < 0)
        return VAL_NULL;
    return gen_send_ex(GEN(args[0]), VAL_NONE, 0);
}

static Value gen_send_method(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("generator.send", kwnames) < 0 ||
        args_check_count("generator.send", nargs - 1, 1, 1) < 0)
        return VAL_NULL;
    return gen_send_ex(GEN(args[0]), args[1], 0);
}

/* throw(exc) or the deprecated throw(type[, value[, traceback]]). */
static Value gen_throw_method(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("throw", kwnames) < 0) return VAL_NULL;
    if (nargs < 2 || nargs > 4)
        return err_format(&Exc_TypeError, "throw expected at least 1 argument, got %zu", nargs - 1);
    Value typ = args[1];
    Value val = nargs > 2 ? args[2] : VAL_NULL;
    Value tb = nargs > 3 ? args[3] : VAL_NULL;
    if (tb && val_is_none(tb)) tb = VAL_NULL;
    if (tb && !val_is_type_exact(tb, &Traceback_Type))
        return err_format(&Exc_TypeError, "throw() third argument must be a traceback object");
    Value exc;
    if (val_is_typeobj(typ) && type_is_subtype(val_as_type(typ), &Exc_BaseException)) {
        if (val && !val_is_none(val) && obj_isinstance(val, typ) == 1) {
            exc = val;
        } else if (!val || val_is_none(val)) {
            exc = obj_call0(typ);
        } else if (val_is_tuple(val)) {
            exc = obj_call(typ, tuple_items(val), tuple_size(val), VAL_NULL);
        } else {
            exc = obj_call1(typ, val);
        }
        if (!exc) return VAL_NULL;
        if (!val_is_exception(exc))
            return err_format(&Exc_TypeError,
                              "calling %s should have returned an instance of BaseException, not %s",
                              type_name(val_as_type(typ)), val_type_name(exc));
    } else if (val_is_exception(typ)) {
        if (val && !val_is_none(val))
            return err_format(&Exc_TypeError, "instance exception may not have a separate value");
        exc = typ;
    } else {
        return err_format(&Exc_TypeError,
                          "exceptions must be classes or instances deriving from BaseException, not %s",
                          val_type_name(typ));
    }
    if (tb) EXC(exc)->traceback = tb;
    return generator_throw(GEN(args[0]), exc);
}

static Value gen_close_method(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("generator.close", kwnames) < 0 ||
        args_check_count("generator.close", nargs - 1, 0, 0) < 0)
        return VAL_NULL;
    return generator_close(GEN(args[0]));
}

static Value gen_repr(Value self) {
    return str_format_c("<generator object %U at %p>", GEN(self)->qualname, val_as_ptr(self));
}

static Value gen_get_name(Value self) { return GEN(self)->name; }
static int gen_set_name(Value self, Value v) {
    if (!v || !val_is_str(v))
        return err_format_int(&Exc_TypeError, "__name__ must be set to a string object");
    GEN(self)->name = v;
    return 0;
}
static Value gen_get_qualname(Value self) { return GEN(self)->qualname; }
static int gen_set_qualname(Value self, Value v) {
    if (!v || !val_is_str(v))
        return err_format_int(&Exc_TypeError, "__qualname__ must be set to a string object");
    GEN(self)->qualname = v;
    return 0;
}
static Value gen_get_running(Value self) { return val_bool(GEN(self)->running); }
static Value gen_get_suspended(Value self) {
    return val_bool(GEN(self)->frame->state == FRAME_SUSPENDED);
}
static Value gen_get_code(Value self) { return val_from_ptr(GEN(self)->frame->code); }
static Value gen_get_frame(Value self) {
    Frame *f = GEN(self)->frame;
    if (f->state == FRAME_COMPLETED) return VAL_NONE;
    return frame_object_new(f, 1);
}
static Value gen_get_yieldfrom(Value self) {
    Value yf = gen_yield_from_target(GEN(self));
    return yf ? yf : VAL_NONE;
}

static int identity_hash(Value self, int64_t *out) {
    *out = (int64_t)((uintptr_t)val_as_ptr(self) >> 4);
    return 0;
}

static const MethodDef gen_methods[] = {
    {"__next__", gen_next_method, METH_DEFAULT, NULL},
    {"send", gen_send_method, METH_DEFAULT, NULL},
    {"throw", gen_throw_method, METH_DEFAULT, NULL},
    {"close", gen_close_method, METH_DEFAULT, NULL},
    {NULL},
};

static const GetSetDef gen_getset[] = {
    {"__name__", gen_get_name, gen_set_name},
    {"__qualname__", gen_get_qualname, gen_set_qualname},
    {"gi_running", gen_get_running, NULL},
    {"gi_suspended", gen_get_suspended, NULL},
    {"gi_code", gen_get_code, NULL},
    {"gi_frame", gen_get_frame, NULL},
    {"gi_yieldfrom", gen_get_yieldfrom, NULL},
    {NULL},
};

Type Generator_Type = {
    .base = {&Type_Type},
    .name = "generator",
    .basicsize = sizeof(GeneratorObject),
    .tp_repr = gen_repr,
    .tp_hash = identity_hash,
    .tp_iter = gen_iter,
    .tp_iternext = gen_iternext,
    .methods = gen_methods,
    .getset = gen_getset,
};
