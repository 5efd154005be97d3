/* spec_ops.c — the actions of spec_ops.h too large to inline. */
#include "spec_ops.h"

#include "../objects/generator.h"
#include "error.h"
#include "vm.h"

Frame *action_push_frame(Value func, Value *args, size_t n, bool with_defaults) {
    if (vm_depth >= vm_recursion_limit) {
        err_format(&Exc_RecursionError, "maximum recursion depth exceeded");
        return NULL;
    }
    FunctionObject *fn = FUNC(func);
    CodeObject *co = CODE(fn->code);
    Frame *f = frame_arena_push(co);
    if (!f) return NULL;
    frame_setup(f, co, func, fn->globals, fn->builtins, VAL_NULL);
    vm_depth++;
    for (size_t i = 0; i < n; i++) f->localsplus[i] = args[i];
    if (with_defaults && n < co->argcount) {
        size_t ndefaults = tuple_size(fn->defaults), first = co->argcount - ndefaults;
        for (size_t i = n; i < co->argcount; i++)
            f->localsplus[i] = tuple_items(fn->defaults)[i - first];
    }
    return f;
}

Value action_iter_next_gen(Value gen) {
    Value v = VAL_NULL;
    int status = generator_send(GEN(gen), VAL_NONE, &v);
    if (status == 0) return v;
    if (status < 0 && err_matches(&Exc_StopIteration)) err_clear();
    return VAL_NULL;
}

int action_check_init_result(Value result) {
    if (val_is_none(result)) return 0;
    return err_format_int(&Exc_TypeError, "__init__() should return None, not '%s'",
                          val_type_name(result));
}
