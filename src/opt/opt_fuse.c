/* opt_fuse.c — the last pass: adjacent micro-ops that always run together
 * become one: one dispatch in the micro-op interpreter, and in machine code
 * one stack-pointer update and no reload of the top of the stack between
 * them (measured with callgrind: the interpreter gains 4-5% on float
 * loops, machine code 1-3%; pushes are already cheap stencils). A
 * comparison followed by the branch on it no longer makes a bool.
 */
#include "optimizer.h"

typedef struct {
    int op;           /* the fused micro-op, -1: none */
    bool second_exit; /* it exits as the second micro-op did */
} Fused;

static Fused fuse_compare(int cmp, int branch) {
    bool is_int = cmp == UOP_COMPARE_OP_INT;
    if (branch == UOP_GUARD_IS_TRUE_POP)
        return (Fused){is_int ? UOP_COMPARE_INT_GUARD_TRUE : UOP_COMPARE_FLOAT_GUARD_TRUE, true};
    if (branch == UOP_GUARD_IS_FALSE_POP)
        return (Fused){is_int ? UOP_COMPARE_INT_GUARD_FALSE : UOP_COMPARE_FLOAT_GUARD_FALSE, true};
    return (Fused){-1, false};
}

/* The fused form of a then b. Only a comparison's branch can exit. */
static Fused fused(const UopInstr *a, const UopInstr *b) {
    switch (a->opcode) {
    case UOP_LOAD_FAST:
        if (b->opcode == UOP_LOAD_FAST) return (Fused){UOP_LOAD_FAST_LOAD_FAST, false};
        break;
    case UOP_STORE_FAST:
        if (b->opcode == UOP_LOAD_FAST) return (Fused){UOP_STORE_FAST_LOAD_FAST, false};
        if (b->opcode == UOP_STORE_FAST) return (Fused){UOP_STORE_FAST_STORE_FAST, false};
        break;
    case UOP_COMPARE_OP_INT: case UOP_COMPARE_OP_FLOAT:
        return fuse_compare(a->opcode, b->opcode);
    default:
        break;
    }
    return (Fused){-1, false};
}

/* a then b as f.op: a's oparg, and b's exit or b's oparg (a local) as the
 * operand. */
static void combine(ProtoUop *a, const ProtoUop *b, Fused f) {
    if (f.second_exit) {
        UopInstr u = a->u;
        *a = *b; /* where and how b exits */
        a->u = u;
    } else {
        a->u.operand = b->u.oparg;
    }
    a->u.opcode = (uint16_t)f.op;
}

/* ---- accumulators: x = x op e, x a float local ----
 * `_LOAD_FAST x; <e>; _BINARY_OP_<op>_FLOAT; _STORE_FAST x` becomes
 * `<e>; _LOCAL_<op>_FLOAT x`: x is read and written in place instead of
 * through the value stack, which takes two store-to-load trips off a float
 * loop's loop-carried dependency chain (what bounds its time). Only when
 * nothing in <e> can exit or raise (an exit would find x missing from the
 * stack), push or pop a frame, reach below what <e> pushed, or store x;
 * the action carries no guard, so the optimizer had proven both floats. */

static int local_form(int op) {
    switch (op) {
    case UOP_BINARY_OP_ADD_FLOAT: return UOP_LOCAL_ADD_FLOAT;
    case UOP_BINARY_OP_SUBTRACT_FLOAT: return UOP_LOCAL_SUBTRACT_FLOAT;
    case UOP_BINARY_OP_MULTIPLY_FLOAT: return UOP_LOCAL_MULTIPLY_FLOAT;
    default: return -1;
    }
}

/* The index of the action that consumes what body[j] (a _LOAD_FAST)
 * pushed as its left operand and is followed by a store to the same
 * local, with only harmless micro-ops between; 0 if none. */
static uint32_t accumulator_at(const TraceBuilder *b, uint32_t j, uint32_t head) {
    uint32_t x = b->body[j].u.oparg;
    int above = 0; /* items pushed above x's slot */
    for (uint32_t m = j + 1; m + 1 < b->n && m != head; m++) {
        const UopInstr *u = &b->body[m].u;
        int flags = uop_flags[u->opcode], pops, pushes;
        uop_stack_effect(u->opcode, u->oparg, &pops, &pushes);
        if (above == 1 && pops == 2 && local_form(u->opcode) >= 0)
            return b->body[m + 1].u.opcode == UOP_STORE_FAST && b->body[m + 1].u.oparg == x &&
                   m + 1 != head ? m : 0;
        if (flags & (UOPF_EXIT | UOPF_ERROR | UOPF_JUMP | UOPF_TERMINAL | UOPF_PUSHES_FRAME |
                     UOPF_POPS_FRAME) ||
            u->opcode == UOP_POP_TOP || (u->opcode == UOP_STORE_FAST && u->oparg == x))
            return 0;
        int reach = pops;
        if ((u->opcode == UOP_COPY || u->opcode == UOP_SWAP) && (int)u->oparg > reach)
            reach = (int)u->oparg;
        if (reach > above) return 0;
        above += pushes - pops;
    }
    return 0;
}

static void fuse_accumulators(TraceBuilder *b) {
    static bool gone[TIER2_MAX_BODY + 16];
    uint32_t head = b->loop_start;
    for (uint32_t i = 0; i < b->n; i++) gone[i] = false;
    for (uint32_t j = 0; j < b->n; j++) {
        if (b->body[j].u.opcode != UOP_LOAD_FAST) continue;
        uint32_t m = accumulator_at(b, j, head);
        if (!m) continue;
        gone[j] = gone[m + 1] = true;
        b->body[m].u.opcode = (uint16_t)local_form(b->body[m].u.opcode);
        b->body[m].u.oparg = b->body[j].u.oparg;
    }
    uint32_t kept = 0;
    for (uint32_t i = 0; i < b->n; i++) {
        if (i == head) b->loop_start = kept;
        if (!gone[i]) b->body[kept++] = b->body[i];
    }
    b->n = kept;
}

void tier2_fuse(TraceBuilder *b) {
    fuse_accumulators(b);
    uint32_t kept = 0, head = b->loop_start;
    for (uint32_t i = 0; i < b->n; i++) {
        if (i == head) b->loop_start = kept; /* the loop head stays a boundary */
        Fused f = i + 1 < b->n && i + 1 != head ? fused(&b->body[i].u, &b->body[i + 1].u)
                                                : (Fused){-1, false};
        b->body[kept] = b->body[i];
        if (f.op >= 0) combine(&b->body[kept], &b->body[++i], f);
        kept++;
    }
    b->n = kept;
}
