/* specialize.c — the specialisers of the operator, container and iteration
 * families, and the bookkeeping every specialiser shares: rewriting the
 * opcode, resetting the adaptive counter, keeping cached objects alive.
 * Attribute and global loads are in specialize_attr.c, calls in
 * specialize_call.c, the statistics in spec_stats.c. */
#include "specialize_impl.h"

#include "../objects/generator.h"
#include "../objects/iterobject.h"
#include "../objects/str.h"
#include "spec_ops.h" /* the guards the forms will check */

int spec_stress;
bool spec_disabled;

/* ---- shared bookkeeping ---- */

void spec_install(CodeUnit *instr, int op) {
    int family = opcode_family[op];
    spec_stats_specialized(family, CU_OP(*instr) != family);
    *instr = CU_MAKE(op, CU_ARG(*instr));
    instr[1] = (uint32_t)SPEC_COOLDOWN_BACKOFF << 16;
}

void spec_fail(CodeUnit *instr, int family, SpecFailure why) {
    bool was_specialized = CU_OP(*instr) != family;
    spec_stats_failed(family, why, was_specialized);
    uint32_t backoff = instr[1] >> 16;
    if (was_specialized || backoff < SPEC_BACKOFF_MAX) backoff++;
    if (backoff > SPEC_BACKOFF_MAX) backoff = SPEC_BACKOFF_MAX;
    *instr = CU_MAKE(family, CU_ARG(*instr));
    instr[1] = backoff << 16;
}

/* Per-code side table: one GC-visible slot per code unit for the object
 * the caches of the instruction there point at. */
typedef struct CodeTierData {
    Value *keep_alive; /* ncode slots, allocated on first use */
} CodeTierData;

void specialize_keep_alive(CodeObject *co, CodeUnit *instr, Value obj) {
    CodeTierData *td = co->tier_data;
    if (!td) {
        td = gc_alloc(sizeof *td);
        if (!td) return;
        co->tier_data = td;
    }
    if (!td->keep_alive) {
        td->keep_alive = gc_alloc(sizeof(Value) * co->ncode);
        if (!td->keep_alive) return;
    }
    td->keep_alive[instr - co->code] = obj;
}

/* ---- BINARY_OP ---- */

static int binary_int_form(int op) {
    switch (op) {
    case NB_ADD: return OP_BINARY_OP_ADD_INT;
    case NB_SUBTRACT: return OP_BINARY_OP_SUBTRACT_INT;
    case NB_MULTIPLY: return OP_BINARY_OP_MULTIPLY_INT;
    case NB_FLOOR_DIVIDE: return OP_BINARY_OP_FLOOR_DIVIDE_INT;
    case NB_REMAINDER: return OP_BINARY_OP_REMAINDER_INT;
    default: return -1;
    }
}

static int binary_float_form(int op) {
    switch (op) {
    case NB_ADD: return OP_BINARY_OP_ADD_FLOAT;
    case NB_SUBTRACT: return OP_BINARY_OP_SUBTRACT_FLOAT;
    case NB_MULTIPLY: return OP_BINARY_OP_MULTIPLY_FLOAT;
    case NB_POWER: return OP_BINARY_OP_POWER_FLOAT;
    default: return -1;
    }
}

void specialize_binary_op(CodeUnit *instr, Value lhs, Value rhs) {
    int op = (int)CU_ARG(*instr);
    if (op >= NB_INPLACE_OFFSET) op -= NB_INPLACE_OFFSET; /* x += y is x + y here */
    int form = -1;
    SpecFailure why = SPEC_FAIL_TYPES;
    if (op == NB_TRUE_DIVIDE && GUARD_NUMBER(lhs) && GUARD_NUMBER(rhs)) {
        form = OP_BINARY_OP_TRUE_DIVIDE_FLOAT; /* a zero divisor deopts */
    } else if (val_both_smallint(lhs, rhs)) {
        form = binary_int_form(op);
        why = SPEC_FAIL_OPERATOR;
    } else if (val_both_double(lhs, rhs)) {
        form = binary_float_form(op);
        why = SPEC_FAIL_OPERATOR;
    } else if (GUARD_BOTH_COMPLEX(lhs, rhs)) {
        form = op == NB_ADD || op == NB_SUBTRACT || op == NB_MULTIPLY ? OP_BINARY_OP_COMPLEX : -1;
        why = SPEC_FAIL_OPERATOR;
    } else if (val_is_str_exact(lhs) && val_is_str_exact(rhs)) {
        form = op == NB_ADD ? OP_BINARY_OP_ADD_UNICODE : -1;
        why = SPEC_FAIL_OPERATOR;
    } else if (val_is_int(lhs) && val_is_int(rhs)) {
        why = SPEC_FAIL_BIG_INT;
    }
    if (form < 0) spec_fail(instr, OP_BINARY_OP, why);
    else spec_install(instr, form);
}

/* ---- subscripts ---- */

void specialize_binary_subscr(CodeUnit *instr, Value container, Value key) {
    if (val_is_type_exact(container, &Dict_Type))
        spec_install(instr, OP_BINARY_SUBSCR_DICT);
    else if (!val_is_smallint(key))
        spec_fail(instr, OP_BINARY_SUBSCR, SPEC_FAIL_TYPES);
    else if (val_is_type_exact(container, &List_Type))
        spec_install(instr, OP_BINARY_SUBSCR_LIST_INT);
    else if (val_is_type_exact(container, &Tuple_Type))
        spec_install(instr, OP_BINARY_SUBSCR_TUPLE_INT);
    else if (val_is_str_exact(container) && STR(container)->ascii)
        spec_install(instr, OP_BINARY_SUBSCR_STR_INT);
    else
        spec_fail(instr, OP_BINARY_SUBSCR, SPEC_FAIL_TYPES);
}

void specialize_store_subscr(CodeUnit *instr, Value container, Value key) {
    if (val_is_type_exact(container, &Dict_Type))
        spec_install(instr, OP_STORE_SUBSCR_DICT);
    else if (val_is_smallint(key) && val_is_type_exact(container, &List_Type))
        spec_install(instr, OP_STORE_SUBSCR_LIST_INT);
    else
        spec_fail(instr, OP_STORE_SUBSCR, SPEC_FAIL_TYPES);
}

/* ---- comparisons and tests ---- */

void specialize_compare_op(CodeUnit *instr, Value lhs, Value rhs) {
    int op = (int)CU_ARG(*instr);
    if (val_both_smallint(lhs, rhs))
        spec_install(instr, OP_COMPARE_OP_INT);
    else if (val_both_double(lhs, rhs))
        spec_install(instr, OP_COMPARE_OP_FLOAT);
    else if (val_is_str_exact(lhs) && val_is_str_exact(rhs))
        if (op == CMP_EQ || op == CMP_NE) spec_install(instr, OP_COMPARE_OP_STR);
        else spec_fail(instr, OP_COMPARE_OP, SPEC_FAIL_OPERATOR);
    else
        spec_fail(instr, OP_COMPARE_OP, SPEC_FAIL_TYPES);
}

void specialize_contains_op(CodeUnit *instr, Value container) {
    if (val_is_type_exact(container, &Set_Type) || val_is_type_exact(container, &FrozenSet_Type))
        spec_install(instr, OP_CONTAINS_OP_SET);
    else if (val_is_type_exact(container, &Dict_Type))
        spec_install(instr, OP_CONTAINS_OP_DICT);
    else
        spec_fail(instr, OP_CONTAINS_OP, SPEC_FAIL_TYPES);
}

void specialize_to_bool(CodeUnit *instr, Value v) {
    if (val_is_smallint(v)) spec_install(instr, OP_TO_BOOL_INT);
    else if (val_is_bool(v)) spec_install(instr, OP_TO_BOOL_BOOL);
    else if (val_is_none(v)) spec_install(instr, OP_TO_BOOL_NONE);
    else if (val_is_type_exact(v, &List_Type)) spec_install(instr, OP_TO_BOOL_LIST);
    else if (val_is_str_exact(v)) spec_install(instr, OP_TO_BOOL_STR);
    else spec_fail(instr, OP_TO_BOOL, SPEC_FAIL_TYPES);
}

/* ---- unpacking and iteration ---- */

void specialize_unpack_sequence(CodeUnit *instr, Value seq) {
    uint32_t n = CU_ARG(*instr);
    if (val_is_type_exact(seq, &Tuple_Type) && tuple_size(seq) == n)
        spec_install(instr, n == 2 ? OP_UNPACK_SEQUENCE_TWO_TUPLE : OP_UNPACK_SEQUENCE_TUPLE);
    else if (val_is_type_exact(seq, &List_Type) && list_size(seq) == n)
        spec_install(instr, OP_UNPACK_SEQUENCE_LIST);
    else
        spec_fail(instr, OP_UNPACK_SEQUENCE,
                  val_is_tuple(seq) || val_is_list(seq) ? SPEC_FAIL_LENGTH : SPEC_FAIL_TYPES);
}

void specialize_for_iter(CodeUnit *instr, Value iter) {
    if (val_is_type_exact(iter, &RangeIter_Type)) spec_install(instr, OP_FOR_ITER_RANGE);
    else if (val_is_type_exact(iter, &ListIter_Type)) spec_install(instr, OP_FOR_ITER_LIST);
    else if (val_is_type_exact(iter, &TupleIter_Type)) spec_install(instr, OP_FOR_ITER_TUPLE);
    else if (val_is_type_exact(iter, &Generator_Type)) spec_install(instr, OP_FOR_ITER_GEN);
    else spec_fail(instr, OP_FOR_ITER, SPEC_FAIL_TYPES);
}

/* ---- one entry for every family ---- */

static Value name_at(const Frame *f, uint32_t i) { return tuple_items(f->code->names)[i]; }

bool specialize_instruction(Frame *f, CodeUnit *instr, Value *sp) {
    int family = opcode_family[CU_OP(*instr)];
    uint32_t arg = CU_ARG(*instr);
#define OPERAND_AT(k) (sp[-(ptrdiff_t)(k)]) /* tier 1's PEEK(k) */
    switch (family) {
    case OP_BINARY_OP: specialize_binary_op(instr, OPERAND_AT(2), OPERAND_AT(1)); break;
    case OP_COMPARE_OP: specialize_compare_op(instr, OPERAND_AT(2), OPERAND_AT(1)); break;
    case OP_BINARY_SUBSCR: specialize_binary_subscr(instr, OPERAND_AT(2), OPERAND_AT(1)); break;
    case OP_STORE_SUBSCR: specialize_store_subscr(instr, OPERAND_AT(2), OPERAND_AT(1)); break;
    case OP_CONTAINS_OP: specialize_contains_op(instr, OPERAND_AT(1)); break;
    case OP_TO_BOOL: specialize_to_bool(instr, OPERAND_AT(1)); break;
    case OP_UNPACK_SEQUENCE: specialize_unpack_sequence(instr, OPERAND_AT(1)); break;
    case OP_FOR_ITER: specialize_for_iter(instr, OPERAND_AT(1)); break;
    case OP_LOAD_GLOBAL: specialize_load_global(f, instr, name_at(f, arg >> 1)); break;
    case OP_LOAD_ATTR: specialize_load_attr(f, instr, OPERAND_AT(1), name_at(f, arg >> 1)); break;
    case OP_STORE_ATTR: specialize_store_attr(f, instr, OPERAND_AT(1), name_at(f, arg)); break;
    case OP_CALL:
        specialize_call(f, instr, OPERAND_AT(arg + 2), &OPERAND_AT(arg + 1), arg);
        break;
    default: return false;
    }
#undef OPERAND_AT
    return CU_OP(*instr) != family;
}
