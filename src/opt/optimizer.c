/* optimizer.c — removing proven guards from a projected loop body.
 *
 * An abstract interpretation in trace order: every stack slot and local
 * has a known kind (small int, inline float, bool, or nothing known). The
 * body is straight-line code entered only at its top, where nothing is
 * known, so facts flow forward only. Facts come from constants, from the
 * results of actions whose type is certain (float arithmetic, specialised
 * comparisons, range iteration) and from guards: once _GUARD_BOTH_FLOAT
 * has passed, both operands are floats — and so are the locals they were
 * loaded from, until those are stored again. Only STORE_FAST changes a
 * local of this frame (krait's f_locals is a snapshot), so calls in
 * between do not spoil what is known of locals.
 *
 * A guard whose operands are already known is replaced by a _NOP and
 * squeezed out; likewise _TO_BOOL of a known bool.
 *
 * Each frame the trace pushes (a call followed into its callee) has its own
 * state: the callee's parameters start with what was known of the
 * arguments, and _RETURN_VALUE hands what is known of the result back to
 * the caller's state.
 */
#include "optimizer.h"

#include "../gc/gc.h"
#include "../objects/function.h"

enum { K_UNKNOWN, K_INT, K_FLOAT, K_BOOL };

typedef struct {
    uint8_t kind;
    int32_t local; /* the local this value was loaded from (-1: none) */
} Slot;

typedef struct {
    uint8_t *locals;
    Slot *stack;
    int depth, capacity;
} State;

static int kind_of_value(Value v) {
    if (val_is_smallint(v)) return K_INT;
    if (val_is_double(v)) return K_FLOAT;
    if (v == VAL_TRUE || v == VAL_FALSE) return K_BOOL;
    return K_UNKNOWN;
}

static void push(State *s, int kind, int32_t local) {
    if (s->depth < s->capacity) s->stack[s->depth] = (Slot){(uint8_t)kind, local};
    s->depth++;
}
static Slot pop(State *s) {
    s->depth--;
    if (s->depth < 0 || s->depth >= s->capacity) return (Slot){K_UNKNOWN, -1};
    return s->stack[s->depth];
}
static Slot *peek(State *s, int i) {
    static Slot nothing;
    int at = s->depth - i;
    nothing = (Slot){K_UNKNOWN, -1};
    return at >= 0 && at < s->capacity ? &s->stack[at] : &nothing;
}

/* A guard proved slot i (1 = top) holds kind: so does its local. */
static void learn(State *s, int i, int kind) {
    Slot *slot = peek(s, i);
    slot->kind = (uint8_t)kind;
    if (slot->local >= 0) s->locals[slot->local] = (uint8_t)kind;
}

static void store_local(State *s, uint32_t local, Slot v) {
    s->locals[local] = v.kind;
    for (int i = 0; i < s->depth && i < s->capacity; i++)
        if (s->stack[i].local == (int32_t)local) s->stack[i].local = -1;
}

/* Both top slots known to be kind: the guard is redundant; else it
 * teaches that they are. */
static bool both_known(State *s, int kind) {
    if (peek(s, 1)->kind == kind && peek(s, 2)->kind == kind) return true;
    learn(s, 1, kind);
    learn(s, 2, kind);
    return false;
}

static void pop_push(State *s, int pops, int pushes, int kind) {
    for (int k = 0; k < pops; k++) pop(s);
    for (int k = 0; k < pushes; k++) push(s, kind, -1);
}

/* Interpret u; true when it is proven redundant. */
static bool step(State *s, const UopInstr *u) {
    switch (u->opcode) {
    case UOP_LOAD_FAST:
    case UOP_LOAD_FAST_CHECK:
        push(s, s->locals[u->oparg], (int32_t)u->oparg);
        return false;
    case UOP_STORE_FAST:
        store_local(s, u->oparg, pop(s));
        return false;
    case UOP_MAKE_CELL: /* the slot now holds a cell */
        store_local(s, u->oparg, (Slot){K_UNKNOWN, -1});
        return false;
    case UOP_LOAD_CONST:
        push(s, kind_of_value((Value)u->operand), -1);
        return false;
    case UOP_COPY: {
        Slot v = *peek(s, (int)u->oparg);
        push(s, v.kind, v.local);
        return false;
    }
    case UOP_SWAP: {
        Slot top = *peek(s, 1);
        *peek(s, 1) = *peek(s, (int)u->oparg);
        *peek(s, (int)u->oparg) = top;
        return false;
    }
    case UOP_GUARD_BOTH_INT: return both_known(s, K_INT);
    case UOP_GUARD_BOTH_FLOAT: return both_known(s, K_FLOAT);
    case UOP_BINARY_OP_ADD_FLOAT:
    case UOP_BINARY_OP_SUBTRACT_FLOAT:
    case UOP_BINARY_OP_MULTIPLY_FLOAT:
        pop_push(s, 2, 1, K_FLOAT);
        return false;
    case UOP_COMPARE_OP_INT:
    case UOP_COMPARE_OP_FLOAT:
    case UOP_COMPARE_OP_STR:
    case UOP_IS_OP:
    case UOP_CONTAINS_OP:
        pop_push(s, 2, 1, K_BOOL);
        return false;
    case UOP_UNARY_NOT:
        pop_push(s, 1, 1, K_BOOL);
        return false;
    case UOP_TO_BOOL:
        if (peek(s, 1)->kind == K_BOOL) return true;
        pop_push(s, 1, 1, K_BOOL);
        return false;
    case UOP_FOR_ITER_RANGE: /* (it -- it int): the guard proved small ints */
        push(s, K_INT, -1);
        return false;
    default: {
        int pops, pushes;
        uop_stack_effect(u->opcode, u->oparg, &pops, &pushes);
        pop_push(s, pops, pushes, K_UNKNOWN);
        return false;
    }
    }
}

/* The state of a fresh frame for co: nothing known. False: no memory. */
static bool state_init(State *s, const CodeObject *co) {
    *s = (State){0};
    s->capacity = (int)co->stacksize + 1;
    s->locals = gc_alloc_atomic(co->nlocalsplus + 1);
    s->stack = gc_alloc_atomic(sizeof(Slot) * (size_t)s->capacity);
    if (!s->locals || !s->stack) return false;
    memset(s->locals, K_UNKNOWN, co->nlocalsplus + 1);
    return true;
}

/* _PUSH_FRAME(_DEFAULTS) on caller: the callee's parameters start with what
 * is known of the arguments (exact calls: a self slot, when there is one,
 * is parameter 0 and the oparg arguments follow). */
static bool enter_callee(State *caller, State *callee, const UopInstr *u) {
    const CodeObject *co = CODE(FUNC((Value)u->operand)->code);
    if (!state_init(callee, co)) return false;
    if (u->opcode == UOP_PUSH_FRAME && co->argcount >= u->oparg) {
        uint32_t first = co->argcount - u->oparg;
        for (uint32_t k = 0; k < u->oparg; k++)
            callee->locals[first + k] = peek(caller, (int)(u->oparg - k))->kind;
    }
    pop_push(caller, (int)u->oparg + 2, 0, K_UNKNOWN);
    return true;
}

uint32_t tier2_optimize(TraceBuilder *b, const CodeObject *co, int entry_depth) {
    /* one state per frame: the loop's, then the callees the trace entered */
    State frames[TIER2_MAX_CALL_DEPTH + 1];
    int nframes = 1;
    if (!state_init(&frames[0], co)) return 0;
    for (int i = 0; i < entry_depth; i++) push(&frames[0], K_UNKNOWN, -1);
    uint32_t kept = 0;
    bool blind = false; /* out of memory (or deeper than projected): keep the rest as is */
    for (uint32_t i = 0; i < b->n; i++) {
        const UopInstr *u = &b->body[i].u;
        State *s = &frames[nframes - 1];
        if (blind) {
            /* keep */
        } else if (uop_flags[u->opcode] & UOPF_PUSHES_FRAME) {
            if (nframes == TIER2_MAX_CALL_DEPTH + 1 || !enter_callee(s, &frames[nframes], u))
                blind = true;
            else
                nframes++;
        } else if (uop_flags[u->opcode] & UOPF_POPS_FRAME) {
            Slot result = pop(s);
            if (nframes > 1) nframes--;
            push(&frames[nframes - 1], result.kind, -1);
        } else if (step(s, u)) {
            continue;
        }
        b->body[kept++] = b->body[i];
    }
    uint32_t removed = b->n - kept;
    b->n = kept;
    return removed;
}
