/* eval.c — the tier-1 interpreter loop.
 *
 * One C invocation of vm_eval_frame runs Python frames until its entry
 * frame returns, yields or raises. Python-to-Python calls do not recurse
 * on the C stack: CALL pushes the callee's frame and the loop carries on
 * with it (ENTER_FRAME); RETURN_VALUE pops back (LEAVE_FRAME). Only calls
 * made from C (a builtin calling a Python function, a generator resumed
 * by next()) start a nested vm_eval_frame.
 *
 * The instruction bodies live in bytecodes.def; this file supplies the
 * registers and the macros they are written in. Dispatch goes through a
 * macro seam: computed goto by default, a plain switch when
 * KRAIT_SWITCH_DISPATCH is defined (or the compiler lacks labels-as-values).
 *
 * Exceptions: `error` records a traceback entry for the frame (and the
 * implicit __context__), `exception_unwind` looks the instruction up in the
 * exception table; without a handler the frame is popped and the
 * exception continues at its caller's `error`.
 */
#include "../objects/dict.h"
#include "../objects/function.h"
#include "../objects/generator.h"
#include "../objects/list.h"
#include "../objects/shape.h"
#include "../objects/slice.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../opt/tier2.h"
#include "call.h"
#include "error.h"
#include "frame.h"
#include "import.h"
#include "spec_ops.h"
#include "specialize.h"
#include "vm.h"

#if !defined(__GNUC__)
#define KRAIT_SWITCH_DISPATCH 1
#endif

/* ---- the macros bytecodes.def is written in (see its header) ---- */

/* The whole code unit stays in a register and the argument is taken out
 * of it where a body uses it: bodies without an oparg pay nothing. */
#define oparg (instr_word >> 8) /* 64-bit: indexes with no zero-extension */
#define FRAME frame
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define PEEK(i) (sp[-(ptrdiff_t)(i)])
#define POKE(i, v) (sp[-(ptrdiff_t)(i)] = (v))
#define STACK_SHRINK(n) (sp -= (n))
#define STACK_GROW(n) (sp += (n))
#define LOCAL(i) (frame->localsplus[(i)])
#define SETLOCAL(i, v) (frame->localsplus[(i)] = (v))
#define CONST(i) (tuple_items(frame->code->consts)[(i)])
#define NAME(i) (tuple_items(frame->code->names)[(i)])
#define JUMP_TO(target) (next_instr = first_instr + (target))
#define ERROR_IF(cond) do { if (cond) GOTO_ERROR(); } while (0)
#define GOTO_ERROR() do { SYNC_INSTR_PTR(); goto error; } while (0)
#define GOTO_UNWIND() do { SYNC_INSTR_PTR(); goto exception_unwind; } while (0)
#define THIS_INSTR this_instr
#define CACHE(k) (this_instr + 1 + (k))
#define ADAPT(specialize_call) \
    do { \
        if (spec_counter_fires(CACHE(0))) { \
            specialize_call; \
            next_instr = this_instr; \
            DISPATCH(); \
        } \
    } while (0)
/* A miss goes to the family's generic body (its PREDICTED_ label), where
 * ADAPT counts it towards re-specialisation. */
#define DEOPT_IF(cond, family) \
    do { \
        if (__builtin_expect(!!(cond), 0)) { \
            if (spec_stats_enabled) spec_stats_deopt(OP_##family); \
            goto PREDICTED_##family; \
        } \
    } while (0)

/* A hot back-edge runs the loop's trace (opt/tier2.h). The trace resumes
 * tier 1 in vm_frame — this frame, or a callee the trace entered (linked
 * to this one as tier 1 would have linked it) — at its next_instr with the
 * stack it returns, or hands back an exception raised there at instr_ptr
 * with the stack at stack_top, which is exactly the state tier 1's own
 * ERROR_IF there would have left. */
#define ENTER_TIER2() \
    do { \
        if (tier2_enabled && tier2_counter_fires(CACHE(0))) { \
            frame->next_instr = next_instr; \
            Value *sp_ = tier2_backedge(frame, this_instr, sp); \
            frame = vm_frame; \
            first_instr = frame->code->code; \
            if (!sp_) { \
                sp = frame->stack_top; \
                goto error; \
            } \
            sp = sp_; \
            next_instr = frame->next_instr; \
        } \
    } while (0)

/* Fetch the instruction at next_instr and jump to its body. */
#define DISPATCH() \
    do { \
        instr_word = *next_instr++; \
        DISPATCH_GOTO(CU_OP(instr_word)); \
    } while (0)

/* frame->instr_ptr (the running instruction, for tracebacks, the exception
 * table, frame objects and the generator's loop-ownership check) is stored
 * on entry to every instruction that may run Python code, enter a frame or
 * be looked at from outside, and on every error path. Leaf instructions
 * skip the store: nothing can read instr_ptr while they run. */
#define SYNC_INSTR_PTR() (frame->instr_ptr = this_instr)
#define LEAF_OPCODE(name) [OP_##name] = true,
/* Nothing here calls out to code that could run Python code or inspect a
 * frame, except on its error path (GOTO_ERROR stores instr_ptr) or where
 * its body stores it first (POP_TOP closing a generator). */
#define LEAF_OPCODES(X) \
    X(NOP) X(RESUME) X(POP_TOP) X(PUSH_NULL) X(COPY) X(SWAP) X(LOAD_CONST) X(LOAD_FAST) \
    X(LOAD_FAST_CHECK) X(STORE_FAST) X(DELETE_FAST) X(MAKE_CELL) X(COPY_FREE_VARS) \
    X(LOAD_CLOSURE) X(LOAD_DEREF) X(STORE_DEREF) X(DELETE_DEREF) X(IS_OP) X(BUILD_TUPLE) \
    X(BUILD_LIST) X(LIST_APPEND) X(JUMP_FORWARD) X(POP_JUMP_IF_NONE) \
    X(POP_JUMP_IF_NOT_NONE) X(RETURN_VALUE) X(RETURN_CONST) X(PUSH_EXC_INFO) X(POP_EXCEPT) \
    X(END_SEND) X(LOAD_ASSERTION_ERROR) X(MAKE_FUNCTION) X(BUILD_SLICE) \
    X(BINARY_OP_ADD_INT) X(BINARY_OP_SUBTRACT_INT) X(BINARY_OP_MULTIPLY_INT) \
    X(BINARY_OP_ADD_FLOAT) X(BINARY_OP_SUBTRACT_FLOAT) X(BINARY_OP_MULTIPLY_FLOAT) \
    X(BINARY_OP_POWER_FLOAT) X(BINARY_OP_COMPLEX) X(BINARY_OP_TRUE_DIVIDE_FLOAT) X(BINARY_OP_FLOOR_DIVIDE_INT) \
    X(BINARY_OP_REMAINDER_INT) X(BINARY_OP_ADD_UNICODE) X(BINARY_SUBSCR_LIST_INT) \
    X(BINARY_SUBSCR_TUPLE_INT) X(BINARY_SUBSCR_STR_INT) X(STORE_SUBSCR_LIST_INT) \
    X(COMPARE_OP_INT) X(COMPARE_OP_FLOAT) X(COMPARE_OP_STR) X(TO_BOOL_INT) X(TO_BOOL_BOOL) \
    X(TO_BOOL_NONE) X(TO_BOOL_LIST) X(TO_BOOL_STR) X(UNPACK_SEQUENCE_TWO_TUPLE) \
    X(UNPACK_SEQUENCE_TUPLE) X(UNPACK_SEQUENCE_LIST) X(FOR_ITER_RANGE) X(FOR_ITER_LIST) \
    X(FOR_ITER_TUPLE) X(LOAD_GLOBAL_MODULE) X(LOAD_ATTR_INSTANCE_VALUE) X(LOAD_ATTR_MODULE) \
    X(LOAD_ATTR_CLASS) X(LOAD_ATTR_METHOD_WITH_VALUES) X(LOAD_ATTR_METHOD_NO_DICT) \
    X(LOAD_ATTR_POLY) X(STORE_ATTR_INSTANCE_VALUE) X(CALL_TYPE_1) X(CALL_LIST_APPEND)
static const bool opcode_is_leaf[OPCODE_COUNT] = {LEAF_OPCODES(LEAF_OPCODE)};
/* The body's start: this_instr is derived from next_instr (dead, and so
 * free, in bodies that never use it). */
#define INST_PROLOGUE(name) \
    this_instr = next_instr - 1; \
    if (!opcode_is_leaf[OP_##name]) SYNC_INSTR_PTR(); \
    next_instr += OPCACHE_##name;

#ifdef KRAIT_SWITCH_DISPATCH
#define DISPATCH_GOTO(op) do { opcode = (op); goto dispatch_switch; } while (0)
#define INST(name) case OP_##name: INST_PROLOGUE(name)
#else
/* dispatch is the real table, or (-X specialization-stats) a table whose
 * every entry counts the opcode first */
/* The opcode is not kept in a variable: count_opcode re-reads it from
 * next_instr[-1], so the hot path spends no register move on it. */
#define DISPATCH_GOTO(op) goto *dispatch[(op)]
#define INST(name) TARGET_##name: INST_PROLOGUE(name)
#endif
/* A specialised form's guard miss lands after the prologue; the generic
 * body runs arbitrary code, so it stores instr_ptr itself. */
#define FAMILY(name) INST(name) PREDICTED_##name: SYNC_INSTR_PTR();

#define LOAD_FRAME_REGS() \
    do { \
        first_instr = frame->code->code; \
        next_instr = frame->next_instr; \
        sp = frame->stack_top; \
    } while (0)

/* Leaving the entry frame ends this C call of the loop. A generator frame
 * forgets its caller: the caller may be gone by the next resumption. */
#define EXIT_ENTRY_FRAME() \
    do { \
        vm_frame = frame->previous; \
        if (frame->on_heap) frame->previous = NULL; \
    } while (0)

#define ENTER_FRAME(callee) \
    do { \
        frame = frame_enter_callee(frame, sp, next_instr, (callee)); \
        LOAD_FRAME_REGS(); \
        DISPATCH(); \
    } while (0)

#define LEAVE_FRAME(retval) \
    do { \
        Value retval_ = (retval); \
        frame->state = FRAME_COMPLETED; \
        if (frame->is_entry) { \
            EXIT_ENTRY_FRAME(); \
            return retval_; \
        } \
        bool was_init_ = frame->is_init; \
        frame = frame_leave_to_caller(frame); \
        LOAD_FRAME_REGS(); \
        if (__builtin_expect(was_init_, 0)) { \
            /* the caller's instr_ptr is its CALL already */ \
            if (action_check_init_result(retval_) < 0) goto error; \
            DISPATCH(); \
        } \
        PUSH(retval_); \
        DISPATCH(); \
    } while (0)

#define ENTER_INIT_FRAME(callee) \
    do { \
        (callee)->is_init = 1; \
        ENTER_FRAME(callee); \
    } while (0)

/* Generator frames always run as entry frames in tier 1, so a yield
 * leaves this C call with the frame suspended just after the yield. */
#define YIELD_FRAME(v) \
    do { \
        Value yielded_ = (v); \
        frame->state = FRAME_SUSPENDED; \
        frame->stack_top = sp; \
        frame->next_instr = next_instr; \
        EXIT_ENTRY_FRAME(); \
        return yielded_; \
    } while (0)

/* ---- exception bookkeeping ---- */

/* The innermost exception-table entry covering unit index i, or NULL. */
static const ExceptionEntry *find_handler(CodeObject *co, uint32_t i) {
    size_t lo = 0, hi = co->nexc;
    while (lo < hi) { /* last entry with start <= i */
        size_t mid = (lo + hi) / 2;
        if (co->exctable[mid].start <= i) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return NULL;
    const ExceptionEntry *e = &co->exctable[lo - 1];
    return i < e->end ? e : NULL;
}

/* Point exc.__context__ at the handled exception, cutting any cycle that
 * would create (as CPython's _PyErr_SetObject does). */
static void chain_context(Value exc) {
    Value handled = vm_handled_exception();
    if (!handled || handled == exc || !val_is_exception(exc) || EXC(exc)->context) return;
    Value o = handled;
    for (int steps = 0; o && steps < 100000; steps++) {
        Value ctx = EXC(o)->context;
        if (ctx == exc) {
            EXC(o)->context = VAL_NULL;
            break;
        }
        o = ctx;
    }
    EXC(exc)->context = handled;
}

/* An exception is raised in (or has just propagated into) frame f. */
static void note_exception(Frame *f) {
    Value exc = err_occurred();
    if (!exc) {
        err_format(&Exc_SystemError, "error return without exception set");
        exc = err_occurred();
        if (!exc) return;
    }
    if (!val_is_exception(exc)) return;
    exc_add_traceback(exc, val_from_ptr(f->code), frame_lineno(f));
    chain_context(exc);
}

/* ---- the loop ---- */

Value vm_eval_frame(Frame *entry, int throwing) {
    if (vm_check_c_stack() < 0) return VAL_NULL;
    return vm_eval_frame_checked(entry, throwing);
}

Value vm_eval_frame_checked(Frame *entry, int throwing) {
#ifndef KRAIT_SWITCH_DISPATCH
#define TARGET_ADDR(name, cache, flags) [OP_##name] = &&TARGET_##name,
#define SPEC_TARGET_ADDR(name, family) [OP_##name] = &&TARGET_##name,
    static void *const dispatch_table[256] = {OPCODES(TARGET_ADDR)
                                                  SPECIALIZED_OPCODES(SPEC_TARGET_ADDR)
                                                  [OPCODE_COUNT ... 255] = &&bad_opcode};
#undef TARGET_ADDR
#undef SPEC_TARGET_ADDR
    static void *const counting_table[256] = {[0 ... 255] = &&count_opcode};
    void *const *dispatch = spec_stats_enabled ? counting_table : dispatch_table;
#endif
#ifdef KRAIT_SWITCH_DISPATCH
    int opcode;
#endif

    Frame *frame = entry;
    CodeUnit *first_instr, *next_instr, *this_instr;
    Value *sp;
    uint64_t instr_word = 0; /* the CodeUnit, zero-extended */

    entry->is_entry = 1;
    entry->previous = vm_frame;
    entry->state = FRAME_EXECUTING;
    vm_frame = entry;
    LOAD_FRAME_REGS();
    if (throwing) {
        /* gen.throw(): raise at the suspended yield (or the first
         * instruction of a generator that never ran) */
        if (!frame->instr_ptr) frame->instr_ptr = first_instr;
        goto error;
    }
    DISPATCH();

#ifdef KRAIT_SWITCH_DISPATCH
dispatch_switch:
    if (spec_stats_enabled) spec_exec_count[opcode]++;
    switch (opcode) {
#include "bytecodes.def"
    default:
        frame->instr_ptr = next_instr - 1;
        vm_bad_opcode(frame);
        goto error;
    }
#else
#include "bytecodes.def"
count_opcode:
    spec_exec_count[CU_OP(next_instr[-1])]++;
    goto *dispatch_table[CU_OP(next_instr[-1])];
bad_opcode:
    frame->instr_ptr = next_instr - 1;
    vm_bad_opcode(frame);
    goto error;
#endif

error:
    note_exception(frame);
exception_unwind: {
        const ExceptionEntry *handler =
            find_handler(frame->code, (uint32_t)(frame->instr_ptr - first_instr));
        if (handler) {
            Value *cut = frame_stack_base(frame) + handler->depth;
            if (sp > cut) generator_discard_range(cut, sp);
            Value exc = err_fetch();
            sp = cut;
            PUSH(exc);
            JUMP_TO(handler->target);
            DISPATCH();
        }
        if (sp > frame_stack_base(frame)) generator_discard_range(frame_stack_base(frame), sp);
        frame->state = FRAME_COMPLETED;
        frame->stack_top = frame_stack_base(frame);
        if (frame->is_entry) {
            EXIT_ENTRY_FRAME();
            return VAL_NULL;
        }
        frame = frame_leave_to_caller(frame);
        LOAD_FRAME_REGS();
        goto error;
    }
}

/* ================================================================== */
/* Instruction helpers: the slow or large parts of instruction bodies.  */

#undef oparg
#undef FRAME

void vm_bad_opcode(Frame *f) {
    int op = f->instr_ptr ? CU_OP(*f->instr_ptr) : -1;
    err_format(&Exc_SystemError, "unknown opcode %d", op);
}

int vm_handle_signal(void) {
    vm_pending_signal = 0;
    err_set_none(&Exc_KeyboardInterrupt);
    return -1;
}

static const char *slot_name_cstr(Frame *f, uint32_t slot) {
    return str_data(tuple_items(f->code->localsplusnames)[slot]);
}

static Value name_error(Value name) {
    err_format(&Exc_NameError, "name '%s' is not defined", str_data(name));
    Value exc = err_occurred();
    if (exc) {
        obj_setattr(exc, name_name, name); /* for "Did you mean" suggestions */
        err_restore(exc);
    }
    return VAL_NULL;
}

void vm_unbound_local_error(Frame *f, uint32_t slot) {
    err_format(&Exc_UnboundLocalError,
               "cannot access local variable '%s' where it is not associated with a value",
               slot_name_cstr(f, slot));
}

void vm_unbound_deref_error(Frame *f, uint32_t slot) {
    if (f->code->localspluskinds && (f->code->localspluskinds[slot] & CO_FAST_FREE) &&
        !(f->code->localspluskinds[slot] & (CO_FAST_LOCAL | CO_FAST_CELL))) {
        err_format(&Exc_NameError,
                   "cannot access free variable '%s' where it is not associated with a value "
                   "in enclosing scope",
                   slot_name_cstr(f, slot));
        return;
    }
    vm_unbound_local_error(f, slot);
}

int vm_copy_free_vars(Frame *f, uint32_t n) {
    Value closure = f->func ? FUNC(f->func)->closure : VAL_NULL;
    if (!closure || tuple_size(closure) < n)
        return err_format_int(&Exc_SystemError, "code needs %u free variables, closure has %zu",
                              n, closure ? tuple_size(closure) : (size_t)0);
    uint32_t offset = f->code->nlocalsplus - n;
    for (uint32_t i = 0; i < n; i++) f->localsplus[offset + i] = tuple_items(closure)[i];
    return 0;
}

/* mapping[name]: VAL_NULL without exception when missing. */
static Value mapping_lookup(Value mapping, Value name) {
    if (val_is_type_exact(mapping, &Dict_Type)) return dict_get(mapping, name);
    Value v = obj_getitem(mapping, name);
    if (!v && err_matches(&Exc_KeyError)) err_clear();
    return v;
}

static Value globals_then_builtins(Frame *f, Value name) {
    Value v = dict_get_interned(f->globals, name);
    if (v || err_occurred()) return v;
    v = dict_get_interned(f->builtins, name);
    if (v || err_occurred()) return v;
    return name_error(name);
}

Value vm_load_from_dict_or_deref(Frame *f, Value mapping, uint32_t slot) {
    Value v = mapping_lookup(mapping, tuple_items(f->code->localsplusnames)[slot]);
    if (v || err_occurred()) return v;
    v = CELL(f->localsplus[slot])->contents;
    if (!v) vm_unbound_deref_error(f, slot);
    return v;
}

Value vm_load_name(Frame *f, Value name) {
    if (!f->locals)
        return err_format(&Exc_SystemError, "no locals found when loading '%s'", str_data(name));
    if (f->locals == f->globals) return globals_then_builtins(f, name); /* module level */
    Value v = mapping_lookup(f->locals, name);
    if (v || err_occurred()) return v;
    return globals_then_builtins(f, name);
}

Value vm_load_from_dict_or_globals(Frame *f, Value mapping, Value name) {
    Value v = mapping_lookup(mapping, name);
    if (v || err_occurred()) return v;
    return globals_then_builtins(f, name);
}

Value vm_load_global(Frame *f, Value name) { return globals_then_builtins(f, name); }

int vm_store_name(Frame *f, Value name, Value v) {
    if (!f->locals)
        return err_format_int(&Exc_SystemError, "no locals found when storing '%s'",
                              str_data(name));
    if (val_is_type_exact(f->locals, &Dict_Type)) return dict_set(f->locals, name, v);
    return obj_setitem(f->locals, name, v);
}

int vm_delete_name(Frame *f, Value name) {
    if (!f->locals)
        return err_format_int(&Exc_SystemError, "no locals when deleting '%s'", str_data(name));
    if (val_is_type_exact(f->locals, &Dict_Type)) {
        int r = dict_del(f->locals, name);
        if (r == 1) {
            name_error(name);
            return -1;
        }
        return r;
    }
    if (obj_delitem(f->locals, name) < 0) {
        if (err_matches(&Exc_KeyError)) {
            err_clear();
            name_error(name);
        }
        return -1;
    }
    return 0;
}

int vm_delete_global(Frame *f, Value name) {
    int r = dict_del(f->globals, name);
    if (r == 1) {
        name_error(name);
        return -1;
    }
    return r;
}

Value vm_frame_locals_mapping(Frame *f) {
    if (!f->locals) return err_format(&Exc_SystemError, "no locals found");
    return f->locals;
}

/* ---- attributes ---- */

Value vm_load_method(Value owner, Value name, Value *self_out) {
    Type *t = val_type(owner);
    if ((t->tp_getattro == NULL || t->tp_getattro == obj_generic_getattr) &&
        !val_is_typeobj(owner)) {
        Value descr = type_lookup(t, name);
        if (descr && val_is_ptr(descr) &&
            (TYPE(descr) == &Function_Type || TYPE(descr) == &MethodDescr_Type)) {
            /* a plain method: unless the instance shadows it, call it with
             * owner as self and make no bound method */
            Value shadow = t->attrs_offset != 0 && val_is_ptr(owner)
                               ? attrs_get(obj_attrs(owner, t), name)
                               : VAL_NULL;
            if (!shadow) {
                *self_out = owner;
                return descr;
            }
        }
    }
    Value attr = obj_getattr(owner, name);
    if (!attr) return VAL_NULL;
    if (val_is_type_exact(attr, &Method_Type)) { /* same call, no wrapper */
        *self_out = METHOD(attr)->self;
        return METHOD(attr)->func;
    }
    *self_out = VAL_NULL;
    return attr;
}

/* ---- containers ---- */

Value vm_binary_slice(Value container, Value start, Value stop) {
    Value slice = slice_new(start, stop, VAL_NONE);
    if (!slice) return VAL_NULL;
    return obj_getitem(container, slice);
}

int vm_store_slice(Value container, Value start, Value stop, Value v) {
    Value slice = slice_new(start, stop, VAL_NONE);
    if (!slice) return -1;
    return obj_setitem(container, slice, v);
}

Value vm_build_set(Value *items, size_t n) {
    Value set = obj_call0(val_from_ptr(&Set_Type));
    if (!set) return VAL_NULL;
    for (size_t i = 0; i < n; i++)
        if (vm_set_add(set, items[i]) < 0) return VAL_NULL;
    return set;
}

int vm_set_add(Value set, Value v) {
    return obj_call_method(set, "add", &v, 1) ? 0 : -1;
}

static bool is_iterable_type(Type *t) { return t->tp_iter || t->mp_subscript; }

int vm_set_update(Value set, Value iterable) {
    if (!is_iterable_type(val_type(iterable)))
        return err_format_int(&Exc_TypeError, "Value after * must be an iterable, not %s",
                              val_type_name(iterable));
    return obj_call_method(set, "update", &iterable, 1) ? 0 : -1;
}

int vm_list_extend(Value list, Value iterable) {
    if (!is_iterable_type(val_type(iterable)))
        return err_format_int(&Exc_TypeError, "Value after * must be an iterable, not %s",
                              val_type_name(iterable));
    return list_extend(list, iterable);
}

Value vm_build_map(Value *items, size_t npairs) {
    Value d = dict_new();
    if (!d) return VAL_NULL;
    for (size_t i = 0; i < npairs; i++)
        if (dict_set(d, items[2 * i], items[2 * i + 1]) < 0) return VAL_NULL;
    return d;
}

Value vm_build_string(Value *items, size_t n) {
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += str_size(items[i]);
    char small[256];
    char *buf = total <= sizeof small ? small : gc_alloc_atomic(total);
    if (!buf) return err_no_memory();
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(buf + pos, str_data(items[i]), str_size(items[i]));
        pos += str_size(items[i]);
    }
    return str_new(buf, total);
}

static bool is_mapping(Value v, Value *keys_out) {
    Value keys = obj_lookup_attr(v, name_keys);
    if (keys_out) *keys_out = keys;
    return keys != VAL_NULL;
}

int vm_dict_update(Value dict, Value mapping) {
    if (!val_is_dict(mapping) && !is_mapping(mapping, NULL)) {
        if (err_occurred()) return -1;
        return err_format_int(&Exc_TypeError, "'%s' object is not a mapping",
                              val_type_name(mapping));
    }
    return dict_update(dict, mapping);
}

static int kwargs_repeated(Value callable, Value key) {
    Value fs = vm_function_str(callable);
    if (!fs) return -1;
    Value krepr = obj_str(key);
    if (!krepr) return -1;
    return err_format_int(&Exc_TypeError, "%s got multiple values for keyword argument '%s'",
                          str_data(fs), str_data(krepr));
}

static int merge_one(Value callable, Value dict, Value key, Value value) {
    Value old = dict_get(dict, key);
    if (old) return kwargs_repeated(callable, key);
    if (err_occurred()) return -1;
    return dict_set(dict, key, value);
}

int vm_dict_merge(Value callable, Value dict, Value mapping) {
    if (val_is_dict(mapping)) {
        size_t pos = 0;
        Value k, v;
        while (dict_next(mapping, &pos, &k, &v))
            if (merge_one(callable, dict, k, v) < 0) return -1;
        return 0;
    }
    if (!is_mapping(mapping, NULL)) {
        if (err_occurred()) return -1;
        Value fs = vm_function_str(callable);
        if (!fs) return -1;
        return err_format_int(&Exc_TypeError, "%s argument after ** must be a mapping, not %s",
                              str_data(fs), val_type_name(mapping));
    }
    Value keys = obj_call_method(mapping, "keys", NULL, 0);
    if (!keys) return -1;
    Value it = obj_iter(keys);
    if (!it) return -1;
    Value k;
    while ((k = obj_next(it))) {
        Value v = obj_getitem(mapping, k);
        if (!v || merge_one(callable, dict, k, v) < 0) return -1;
    }
    return err_occurred() ? -1 : 0;
}

/* ---- unpacking ---- */

static int unpack_error_count(size_t expected, size_t got, bool at_least) {
    return err_format_int(&Exc_ValueError, "not enough values to unpack (expected %s%zu, got %zu)",
                          at_least ? "at least " : "", expected, got);
}

int vm_unpack_sequence(Value seq, size_t n, Value *dest) {
    Value *items = NULL;
    size_t size = 0;
    if (val_is_type_exact(seq, &Tuple_Type)) {
        items = tuple_items(seq);
        size = tuple_size(seq);
    } else if (val_is_type_exact(seq, &List_Type)) {
        items = list_items(seq);
        size = list_size(seq);
    }
    if (items) {
        if (size < n) return unpack_error_count(n, size, false);
        if (size > n)
            return err_format_int(&Exc_ValueError, "too many values to unpack (expected %zu)", n);
        for (size_t i = 0; i < n; i++) dest[n - 1 - i] = items[i];
        return 0;
    }
    if (!is_iterable_type(val_type(seq)))
        return err_format_int(&Exc_TypeError, "cannot unpack non-iterable %s object",
                              val_type_name(seq));
    Value it = obj_iter(seq);
    if (!it) return -1;
    for (size_t i = 0; i < n; i++) {
        Value v = vm_iter_next(it);
        if (!v) return err_occurred() ? -1 : unpack_error_count(n, i, false);
        dest[n - 1 - i] = v;
    }
    Value extra = vm_iter_next(it);
    if (extra)
        return err_format_int(&Exc_ValueError, "too many values to unpack (expected %zu)", n);
    return err_occurred() ? -1 : 0;
}

int vm_unpack_ex(Value seq, size_t before, size_t after, Value *dest) {
    size_t total = before + 1 + after;
    if (!is_iterable_type(val_type(seq)))
        return err_format_int(&Exc_TypeError, "cannot unpack non-iterable %s object",
                              val_type_name(seq));
    Value it = obj_iter(seq);
    if (!it) return -1;
    for (size_t i = 0; i < before; i++) {
        Value v = vm_iter_next(it);
        if (!v) return err_occurred() ? -1 : unpack_error_count(before + after, i, true);
        dest[total - 1 - i] = v;
    }
    Value rest = list_from_iterable(it);
    if (!rest) return -1;
    size_t nrest = list_size(rest);
    if (nrest < after) return unpack_error_count(before + after, before + nrest, true);
    for (size_t j = 0; j < after; j++)
        dest[after - 1 - j] = list_items(rest)[nrest - after + j];
    LIST(rest)->size = nrest - after;
    dest[after] = rest;
    return 0;
}

/* ---- formatting, iteration ---- */

Value vm_format_simple(Value v) {
    static Value empty;
    if (!empty) {
        empty = str_new("", 0);
        if (!empty) return VAL_NULL;
    }
    return obj_format(v, empty);
}

Value vm_convert_value(Value v, uint32_t kind) {
    switch (kind) {
    case 1: return obj_str(v);
    case 2: return obj_repr(v);
    case 3: return obj_ascii(v);
    default: return err_format(&Exc_SystemError, "bad conversion %u", kind);
    }
}

Value vm_iter_next(Value it) {
    Value v = obj_next(it);
    if (!v && err_matches(&Exc_StopIteration)) err_clear();
    return v;
}

/* ---- functions and classes ---- */

int vm_set_function_attribute(Value func, Value attr, uint32_t which) {
    FunctionObject *f = FUNC(func);
    switch (which) {
    case 1: f->defaults = attr; break;
    case 2: f->kwdefaults = attr; break;
    case 4:
        if (val_is_tuple(attr)) { /* (name, value, name, value, ...) */
            Value d = dict_new();
            if (!d) return -1;
            for (size_t i = 0; i + 1 < tuple_size(attr); i += 2)
                if (dict_set(d, tuple_items(attr)[i], tuple_items(attr)[i + 1]) < 0) return -1;
            attr = d;
        }
        f->annotations = attr;
        break;
    case 8: f->closure = attr; break;
    default: return err_format_int(&Exc_SystemError, "bad function attribute %u", which);
    }
    f->version++;
    return 0;
}

Value vm_load_build_class(Frame *f) {
    Value bc = dict_get_interned(f->builtins, name___build_class__);
    if (bc || err_occurred()) return bc;
    return err_format(&Exc_NameError, "__build_class__ not found");
}

int vm_setup_annotations(Frame *f) {
    if (!f->locals)
        return err_format_int(&Exc_SystemError, "no locals found when setting up annotations");
    Value have = mapping_lookup(f->locals, name___annotations__);
    if (have) return 0;
    if (err_occurred()) return -1;
    Value d = dict_new();
    if (!d) return -1;
    if (val_is_type_exact(f->locals, &Dict_Type)) return dict_set(f->locals, name___annotations__, d);
    return obj_setitem(f->locals, name___annotations__, d);
}

/* ---- exceptions ---- */

/* An exception instance from `raise X` / `from X`: classes are called. */
static Value exception_instance(Value x, const char *what) {
    if (val_is_typeobj(x) && type_is_subtype(val_as_type(x), &Exc_BaseException)) {
        Value inst = obj_call0(x);
        if (!inst) return VAL_NULL;
        if (!val_is_exception(inst))
            return err_format(&Exc_TypeError,
                              "calling %s should have returned an instance of BaseException, not %s",
                              type_name(val_as_type(x)), val_type_name(inst));
        return inst;
    }
    if (val_is_exception(x)) return x;
    return err_format(&Exc_TypeError, "%s must derive from BaseException", what);
}

int vm_do_raise(Value exc, Value cause) {
    if (!exc) {
        Value handled = vm_handled_exception();
        if (!handled) {
            err_format(&Exc_RuntimeError, "No active exception to reraise");
            return 0;
        }
        err_restore(handled);
        return 1;
    }
    Value inst = exception_instance(exc, "exceptions");
    if (!inst) return 0;
    if (cause) {
        Value c = VAL_NULL;
        if (!val_is_none(cause)) {
            c = exception_instance(cause, "exception causes");
            if (!c) return 0;
        }
        EXC(inst)->cause = c;
        EXC(inst)->suppress_context = true;
    }
    err_restore(inst);
    return 0;
}

static bool is_exception_class(Value t) {
    return val_is_typeobj(t) && type_is_subtype(val_as_type(t), &Exc_BaseException);
}

int vm_check_exc_match(Value exc, Value type) {
    if (val_is_tuple(type)) {
        for (size_t i = 0; i < tuple_size(type); i++)
            if (!is_exception_class(tuple_items(type)[i])) goto bad;
        for (size_t i = 0; i < tuple_size(type); i++)
            if (type_is_subtype(val_type(exc), val_as_type(tuple_items(type)[i]))) return 1;
        return 0;
    }
    if (!is_exception_class(type)) goto bad;
    return type_is_subtype(val_type(exc), val_as_type(type));
bad:
    return err_format_int(&Exc_TypeError,
                          "catching classes that do not inherit from BaseException is not allowed");
}

/* A special method looked up on the type, bound to obj. */
static Value bind_special(Value descr, Value obj) {
    DescrGetFn get = val_type(descr)->tp_descr_get;
    return get ? get(descr, obj, val_from_ptr(val_type(obj))) : descr;
}

Value vm_before_with(Value mgr, Value *exit_out) {
    Type *t = val_type(mgr);
    Value enter = type_lookup(t, name___enter__);
    if (!enter)
        return err_format(&Exc_TypeError,
                          "'%s' object does not support the context manager protocol",
                          type_name(t));
    Value exit = type_lookup(t, name___exit__);
    if (!exit)
        return err_format(&Exc_TypeError,
                          "'%s' object does not support the context manager protocol "
                          "(missed __exit__ method)",
                          type_name(t));
    Value bound_exit = bind_special(exit, mgr);
    if (!bound_exit) return VAL_NULL;
    Value bound_enter = bind_special(enter, mgr);
    if (!bound_enter) return VAL_NULL;
    Value res = obj_call0(bound_enter);
    if (!res) return VAL_NULL;
    *exit_out = bound_exit;
    return res;
}

Value vm_with_except_start(Value exit, Value exc) {
    Value tb = val_is_exception(exc) && EXC(exc)->traceback ? EXC(exc)->traceback : VAL_NONE;
    Value args[3] = {val_from_ptr(val_type(exc)), exc, tb};
    return obj_call(exit, args, 3, VAL_NULL);
}

Value vm_stopiteration_value(Value exc) {
    Value v = obj_lookup_attr(exc, name_value);
    if (v) return v;
    err_clear();
    Value args = EXC(exc)->args;
    if (args && val_is_tuple(args) && tuple_size(args) > 0) return tuple_items(args)[0];
    return VAL_NONE;
}

/* A StopIteration just raised by a receiver: take its value. */
static int take_stopiteration(Value *res) {
    if (!err_matches(&Exc_StopIteration)) return -1;
    *res = vm_stopiteration_value(err_fetch());
    return 1;
}

int vm_send(Value recv, Value v, Value *res) {
    if (val_is_type_exact(recv, &Generator_Type)) return generator_send(GEN(recv), v, res);
    Value r;
    Type *t = val_type(recv);
    if (val_is_none(v) && t->tp_iternext && (t->flags & TPFLAG_HEAPTYPE)) {
        /* a Python-level __next__: call it directly so the value of the
         * StopIteration it raises survives (tp_iternext drops it) */
        r = obj_call_method(recv, "__next__", NULL, 0);
    } else if (val_is_none(v) && t->tp_iternext) {
        r = obj_next(recv);
        if (!r && !err_occurred()) {
            *res = VAL_NONE;
            return 1;
        }
    } else {
        r = obj_call_method(recv, "send", &v, 1);
    }
    if (r) {
        *res = r;
        return 0;
    }
    return take_stopiteration(res);
}

Value vm_cleanup_throw(Value exc) {
    if (val_is_exception(exc) && type_is_subtype(val_type(exc), &Exc_StopIteration))
        return vm_stopiteration_value(exc);
    err_restore(exc);
    return VAL_NULL;
}

/* ---- imports ---- */

Value vm_import_name(Frame *f, Value name, Value fromlist, Value level) {
    int64_t lvl = 0;
    if (val_is_smallint(level)) lvl = val_as_smallint(level);
    return vm_import(name, f->globals, fromlist, (int)lvl);
}

static Value display_hook(Value v) {
    Value sys = vm_sys_modules ? dict_get_str(vm_sys_modules, "sys") : VAL_NULL;
    Value hook = sys ? obj_lookup_attr(sys, str_intern_cstr("displayhook")) : VAL_NULL;
    if (!hook) {
        if (!err_occurred()) err_format(&Exc_RuntimeError, "lost sys.displayhook");
        return VAL_NULL;
    }
    return obj_call1(hook, v);
}

Value vm_call_intrinsic_1(Frame *f, uint32_t which, Value v) {
    switch (which) {
    case INTRINSIC_PRINT:
        return display_hook(v);
    case INTRINSIC_IMPORT_STAR:
        if (!f->locals) return err_format(&Exc_SystemError, "no locals found during 'import *'");
        return vm_import_star(v, f->locals) < 0 ? VAL_NULL : VAL_NONE;
    case INTRINSIC_STOPITERATION_ERROR:
        if (val_is_exception(v) && type_is_subtype(val_type(v), &Exc_StopIteration)) {
            Value msg = str_from_cstr("generator raised StopIteration");
            Value err = msg ? exc_new(&Exc_RuntimeError, &msg, 1) : VAL_NULL;
            if (!err) return VAL_NULL;
            EXC(err)->cause = v;
            EXC(err)->context = v;
            EXC(err)->suppress_context = true;
            return err;
        }
        return v;
    case INTRINSIC_UNARY_POSITIVE:
        return obj_positive(v);
    case INTRINSIC_LIST_TO_TUPLE:
        return tuple_from_array(list_items(v), list_size(v));
    default:
        return err_format(&Exc_SystemError, "unknown intrinsic %u", which);
    }
}
