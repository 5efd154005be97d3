/* spec_ops.c — the actions of spec_ops.h too large to inline. */
#include "spec_ops.h"

#include "../objects/generator.h"
#include "error.h"
#include "vm.h"

Frame *action_recursion_error(void) {
    err_format(&Exc_RecursionError, "maximum recursion depth exceeded");
    return NULL;
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
