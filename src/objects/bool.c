/* bool.c — bool, the int subclass with exactly two instances. True_Obj and
 * False_Obj are bare headers: every int routine reads them as 1 and 0
 * through int_small_value (number.h). */
#include "../vm/error.h"
#include "function.h"
#include "number.h"
#include "str.h"
#include "tuple.h"

Object True_Obj = {&Bool_Type};
Object False_Obj = {&Bool_Type};

static Value bool_repr(Value v) {
    return str_from_cstr(v == VAL_TRUE ? "True" : "False");
}

static Value bool_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    if (kwnames && tuple_size(kwnames))
        return err_format(&Exc_TypeError, "bool() takes no keyword arguments");
    if (nargs > 1)
        return err_format(&Exc_TypeError, "bool expected at most 1 argument, got %zu", nargs);
    if (nargs == 0) return VAL_FALSE;
    int truth = obj_truthy(args[0]);
    return truth < 0 ? VAL_NULL : val_bool(truth);
}

/* & | ^ on two bools stay bools; anything else is int arithmetic. */
static Value bool_and(Value a, Value b) {
    if (val_is_bool(a) && val_is_bool(b)) return val_bool(a == VAL_TRUE && b == VAL_TRUE);
    return int_and(a, b);
}

static Value bool_or(Value a, Value b) {
    if (val_is_bool(a) && val_is_bool(b)) return val_bool(a == VAL_TRUE || b == VAL_TRUE);
    return int_or(a, b);
}

static Value bool_xor(Value a, Value b) {
    if (val_is_bool(a) && val_is_bool(b)) return val_bool(a != b);
    return int_xor(a, b);
}

Type Bool_Type = {
    .base = {&Type_Type},
    .name = "bool",
    .tp_base = &Int_Type,
    .basicsize = sizeof(Object),
    .flags = TPFLAG_INT_SUBCLASS, /* not subclassable */
    .doc = "Returns True when the argument is true, False otherwise.",
    .tp_new = bool_tp_new,
    .tp_repr = bool_repr,
    .tp_str = bool_repr,
    .nb_binary = {
        [NB_ADD] = int_add, [NB_SUBTRACT] = int_sub, [NB_MULTIPLY] = int_mul,
        [NB_FLOOR_DIVIDE] = int_floordiv, [NB_REMAINDER] = int_mod,
        [NB_TRUE_DIVIDE] = int_truediv, [NB_POWER] = int_pow,
        [NB_LSHIFT] = int_lshift, [NB_RSHIFT] = int_rshift,
        [NB_AND] = bool_and, [NB_OR] = bool_or, [NB_XOR] = bool_xor,
    },
};
