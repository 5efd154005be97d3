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
/* Pop an arena frame made by vm_push_call_frame / vm_push_code_frame. */
void vm_frame_release(Frame *f);
/* Push an arena frame for module/exec code. */
Frame *vm_push_code_frame(Value code, Value globals, Value locals);

/* Run a function's code with `locals` as its local namespace (class
 * bodies: __build_class__ calls this with the namespace from __prepare__).
 * The function's closure is honoured (__class__ cell, enclosing names). */
Value vm_call_with_locals(Value func, Value locals);

/* Run frames from `entry` until entry returns, yields, or an exception
 * leaves it (VAL_NULL). throwing: resume by raising the current exception
 * at the frame's current instruction (generator.throw). The caller owns
 * the entry frame (releases it). */
Value vm_eval_frame(Frame *entry, int throwing);

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

/* The builtins dict for a function with these globals (function.c). */
Value function_builtins_for(Value globals);

#endif
