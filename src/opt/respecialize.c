/* respecialize.c — before a bridge is projected from a failed guard, tier
 * 1's instruction there is specialised afresh for the operands it meets
 * now, with tier 1's own specialisers (vm/specialize.h).
 *
 * Why: a guard fails because the instruction meets something its
 * specialisation did not expect (another class at a polymorphic call
 * site, another type after a change). Tier 1 would re-specialise only after
 * SPEC_COOLDOWN misses, and a bridge made before that would start with the
 * same failing guard. Specialising for the live operands lets the bridge
 * use a fast form for what it actually meets; when no form fits, the
 * instruction is translated generically (projector.c, generic_pc).
 */
#include "respecialize.h"

#include "../vm/specialize.h"

static Value name_at(const Frame *f, uint32_t i) { return tuple_items(f->code->names)[i]; }

bool tier2_respecialize(Frame *f, CodeUnit *instr, Value *sp) {
    int family = opcode_family[CU_OP(*instr)];
    uint32_t arg = CU_ARG(*instr);
    Value *top = sp - 1; /* top[-k + 1] is tier 1's PEEK(k) */
#define PEEK_AT(k) (top[1 - (ptrdiff_t)(k)])
    switch (family) {
    case OP_BINARY_OP: specialize_binary_op(instr, PEEK_AT(2), PEEK_AT(1)); break;
    case OP_COMPARE_OP: specialize_compare_op(instr, PEEK_AT(2), PEEK_AT(1)); break;
    case OP_BINARY_SUBSCR: specialize_binary_subscr(instr, PEEK_AT(2), PEEK_AT(1)); break;
    case OP_STORE_SUBSCR: specialize_store_subscr(instr, PEEK_AT(2), PEEK_AT(1)); break;
    case OP_CONTAINS_OP: specialize_contains_op(instr, PEEK_AT(1)); break;
    case OP_TO_BOOL: specialize_to_bool(instr, PEEK_AT(1)); break;
    case OP_UNPACK_SEQUENCE: specialize_unpack_sequence(instr, PEEK_AT(1)); break;
    case OP_FOR_ITER: specialize_for_iter(instr, PEEK_AT(1)); break;
    case OP_LOAD_GLOBAL: specialize_load_global(f, instr, name_at(f, arg >> 1)); break;
    case OP_LOAD_ATTR: specialize_load_attr(f, instr, PEEK_AT(1), name_at(f, arg >> 1)); break;
    case OP_STORE_ATTR: specialize_store_attr(f, instr, PEEK_AT(1), name_at(f, arg)); break;
    case OP_CALL: specialize_call(f, instr, PEEK_AT(arg + 2), &PEEK_AT(arg + 1), arg); break;
    default: return false;
    }
#undef PEEK_AT
    return CU_OP(*instr) != family;
}
