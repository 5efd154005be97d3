/* call.h — calling Python functions: binding arguments to parameters,
 * pushing their frames, and the VM-internal entry points the instruction
 * bodies (bytecodes.def) and the object files use.
 * Implemented in vm/call.c (binding, calls) and vm/eval.c (the loop and
 * the instruction helpers). */
#ifndef KRAIT_CALL_H
#define KRAIT_CALL_H

#include "../objects/function.h"
#include "frame.h"

/* Function_Type's tp_call: run a Python function (or make its generator). */
Value vm_call_function(Value func, Value *args, size_t nargs, Value kwnames);

/* Bind (args, nargs, kwnames) to fn's parameters in localsplus (all
 * VAL_NULL on entry), CPython's rules and TypeError messages. -1 on error. */
int vm_bind_args(FunctionObject *fn, Value *localsplus, Value *args, size_t nargs,
                 Value kwnames);

/* A plain Python function whose call can run in the caller's eval loop
 * (not a generator). */
static inline bool vm_is_inlinable_function(Value callable) {
    return val_is_type_exact(callable, &Function_Type) &&
           !(CODE(FUNC(callable)->code)->flags & (CO_GENERATOR | CO_COROUTINE));
}

/* Push an arena frame for a call to the Python function func and bind its
 * arguments. Counts one level of recursion (RecursionError past the
 * limit). NULL on error. Release with vm_frame_release. */
Frame *vm_push_call_frame(Value func, Value *args, size_t nargs, Value kwnames);
/* Pop an arena frame made by vm_push_call_frame / vm_push_code_frame /
 * action_push_frame. */
static inline void vm_frame_release(Frame *f) {
    vm_depth--;
    frame_arena_pop(f);
}
/* Make callee (fresh from vm_push_call_frame / action_push_frame) the
 * running frame, called from caller whose stack ends at sp and which
 * resumes at next_instr when callee returns. Returns callee. */
static inline Frame *frame_enter_callee(Frame *caller, Value *sp, CodeUnit *next_instr,
                                        Frame *callee) {
    caller->stack_top = sp;
    caller->next_instr = next_instr;
    callee->previous = caller;
    callee->is_entry = 0;
    callee->state = FRAME_EXECUTING;
    vm_frame = callee;
    return callee;
}
/* Pop a (non-entry) frame that has finished: its caller runs again, with
 * the stack saved in its stack_top. Returns the caller. */
static inline Frame *frame_leave_to_caller(Frame *done) {
    Frame *caller = done->previous;
    done->state = FRAME_COMPLETED;
    vm_frame = caller;
    vm_frame_release(done);
    return caller;
}
/* Push an arena frame for module/exec code. */
Frame *vm_push_code_frame(Value code, Value globals, Value locals);

/* Run a class body function with `ns` as its locals mapping (the namespace
 * from __prepare__); its closure is honoured (__class__ cell, enclosing
 * names). Returns what the body returns (the __class__ cell or None).
 * Called by __build_class__ (objects/typeobj.c). */
Value vm_call_class_body(Value func, Value ns);

/* Run frames from `entry` until entry returns, yields, or an exception
 * leaves it (VAL_NULL). throwing: resume by raising the current exception
 * at the frame's current instruction (generator.throw). The caller owns
 * the entry frame (releases it). */
Value vm_eval_frame(Frame *entry, int throwing);
/* The same for a caller that has just checked the C stack itself (the
 * generator's resume, once per item of a generator). */
Value vm_eval_frame_checked(Frame *entry, int throwing);

/* Check that the C stack has headroom for one more nested eval / guarded
 * recursion (RecursionError otherwise). */
int vm_check_c_stack(void);

/* The arguments of f(*callargs, **kwargs) as a flat vector. */
typedef struct CallArgs {
    Value func;
    Value *args;
    size_t nargs;      /* positional */
    Value kwnames;     /* tuple or VAL_NULL */
} CallArgs;
int vm_unpack_call_ex(Value func, Value self_or_null, Value callargs, Value kwargs,
                      CallArgs *out);

/* "f()", "__main__.f()", "print()", "int object": how CPython names a
 * callable in call-related messages (_PyObject_FunctionStr). */
Value vm_function_str(Value func);

/* ---- instruction helpers (vm/eval.c), called from bytecodes.def ----
 * Value results: VAL_NULL with an exception on error; int results: -1. */
void vm_bad_opcode(Frame *f);
int vm_handle_signal(void);
void vm_unbound_local_error(Frame *f, uint32_t slot);
void vm_unbound_deref_error(Frame *f, uint32_t slot);
int vm_copy_free_vars(Frame *f, uint32_t n);
Value vm_load_from_dict_or_deref(Frame *f, Value mapping, uint32_t slot);
Value vm_load_name(Frame *f, Value name);
int vm_store_name(Frame *f, Value name, Value v);
int vm_delete_name(Frame *f, Value name);
Value vm_load_global(Frame *f, Value name);
int vm_delete_global(Frame *f, Value name);
Value vm_load_from_dict_or_globals(Frame *f, Value mapping, Value name);
Value vm_frame_locals_mapping(Frame *f);
/* owner.name for a call: (method, owner) when the attribute is a plain
 * function or method descriptor found on the type (no bound method is
 * made), else (attribute, VAL_NULL). Returns the first, *self_out the second. */
Value vm_load_method(Value owner, Value name, Value *self_out);
Value vm_binary_slice(Value container, Value start, Value stop);
int vm_store_slice(Value container, Value start, Value stop, Value v);
Value vm_build_set(Value *items, size_t n);
Value vm_build_map(Value *items, size_t npairs);
Value vm_build_string(Value *items, size_t n);
int vm_set_add(Value set, Value v);
int vm_set_update(Value set, Value iterable);
int vm_list_extend(Value list, Value iterable);
int vm_dict_update(Value dict, Value mapping);
int vm_dict_merge(Value callable, Value dict, Value mapping);
Value vm_call_intrinsic_1(Frame *f, uint32_t which, Value v);
/* Unpack into dest[0..n): the first item goes to dest[n-1] (top of stack). */
int vm_unpack_sequence(Value seq, size_t n, Value *dest);
int vm_unpack_ex(Value seq, size_t before, size_t after, Value *dest);
Value vm_format_simple(Value v);
Value vm_convert_value(Value v, uint32_t kind);
/* Next item; VAL_NULL without exception when exhausted. */
Value vm_iter_next(Value it);
int vm_set_function_attribute(Value func, Value attr, uint32_t which);
Value vm_load_build_class(Frame *f);
int vm_setup_annotations(Frame *f);
/* raise exc [from cause]; exc VAL_NULL: bare `raise`. Always leaves an
 * exception set; returns 1 when it is a re-raise (no traceback entry). */
int vm_do_raise(Value exc, Value cause);
int vm_check_exc_match(Value exc, Value type);
Value vm_before_with(Value mgr, Value *exit_out);
Value vm_with_except_start(Value exit, Value exc);
/* recv.send(v) / next(recv): 0 yielded *res, 1 returned *res, -1 error. */
int vm_send(Value recv, Value v, Value *res);
Value vm_cleanup_throw(Value exc);
Value vm_import_name(Frame *f, Value name, Value fromlist, Value level);
/* The value carried by a StopIteration instance. */
Value vm_stopiteration_value(Value exc);

/* The builtins dict for a function with these globals (function.c). */
Value function_builtins_for(Value globals);

#endif
