/* opt_abstract.c — interpreting micro-ops over kinds (opt_abstract.h).
 *
 * Facts come from constants, from the results of actions whose type is
 * certain (float arithmetic, comparisons, range iteration) and from guards:
 * once _GUARD_BOTH_FLOAT has passed, both operands are floats — and so are
 * the locals they were loaded from, until those are stored again. Only
 * STORE_FAST changes a local of this frame (krait's f_locals is a
 * snapshot), so calls in between do not spoil what is known of locals.
 *
 * What the facts buy:
 *  - a guard already proven is dropped (_GUARD_BOTH_INT/FLOAT, the
 *    iterator guards, _TO_BOOL of a bool, _LOAD_FAST_CHECK of a bound local);
 *  - a generic _BINARY_OP / _COMPARE_OP of two known numbers becomes the
 *    typed action (int operands of a float operation promoted first, just
 *    before the action, so no exit ever sees a promoted value); a true
 *    division gets a guard that exits to tier 1 — which raises — when the
 *    divisor is zero;
 *  - two constants combined by int/float arithmetic fold into one;
 *  - a constant or known number pushed only to be popped is not pushed.
 *
 * Each frame the trace pushes (a call followed into its callee) has its own
 * state: the callee's parameters start with what was known of the
 * arguments, and _RETURN_VALUE hands what is known of the result back.
 */
#include "opt_abstract.h"

#include "../gc/gc.h"
#include "../objects/function.h"

static int kind_of_value(Value v) {
    if (val_is_smallint(v)) return K_INT;
    if (val_is_double(v)) return K_FLOAT;
    if (v == VAL_TRUE || v == VAL_FALSE) return K_BOOL;
    return K_UNKNOWN;
}

/* ---- the state ---- */

bool state_init(State *s, const CodeObject *co) {
    *s = (State){0};
    s->capacity = (int)co->stacksize + 1;
    s->nlocals = co->nlocalsplus + 1;
    s->locals = gc_alloc_atomic(s->nlocals);
    s->stack = gc_alloc_atomic(sizeof(Slot) * (size_t)s->capacity);
    if (!s->locals || !s->stack) return false;
    memset(s->locals, K_UNKNOWN, s->nlocals);
    return true;
}

void state_copy(State *dst, const State *src) {
    memcpy(dst->locals, src->locals, src->nlocals);
    memcpy(dst->stack, src->stack, sizeof(Slot) * (size_t)src->capacity);
    dst->depth = src->depth;
    memcpy(dst->index_facts, src->index_facts, sizeof src->index_facts);
    dst->nindex_facts = src->nindex_facts;
}

static bool is_int(int kind) { return kind == K_INT || kind == K_INTISH; }
static bool is_number(int kind) { return is_int(kind) || kind == K_FLOAT; }

static bool meet_kind(uint8_t *into, uint8_t other) {
    uint8_t both = *into == other ? other : is_int(*into) && is_int(other) ? K_INTISH : K_UNKNOWN;
    bool changed = both != *into;
    *into = both;
    return changed;
}

static bool has_index_fact(const State *s, IndexFact f) {
    for (int i = 0; i < s->nindex_facts; i++)
        if (s->index_facts[i].local == f.local && s->index_facts[i].index == f.index &&
            s->index_facts[i].guard == f.guard)
            return true;
    return false;
}

/* Keep the facts keep(f) accepts; true when one went. */
static bool filter_index_facts(State *s, bool (*keep_fact)(IndexFact, const void *), const void *arg) {
    int kept = 0;
    for (int i = 0; i < s->nindex_facts; i++)
        if (keep_fact(s->index_facts[i], arg)) s->index_facts[kept++] = s->index_facts[i];
    bool changed = kept != s->nindex_facts;
    s->nindex_facts = kept;
    return changed;
}
static bool fact_in(IndexFact f, const void *state) { return has_index_fact(state, f); }
static bool fact_not_about(IndexFact f, const void *local) { return f.local != *(const int32_t *)local; }

bool state_meet(State *into, const State *other) {
    bool changed = filter_index_facts(into, fact_in, other);
    for (uint32_t i = 0; i < into->nlocals; i++) changed |= meet_kind(&into->locals[i], other->locals[i]);
    for (int i = 0; i < into->depth && i < into->capacity; i++) {
        changed |= meet_kind(&into->stack[i].kind, other->stack[i].kind);
        if (into->stack[i].local != other->stack[i].local && into->stack[i].local >= 0) {
            into->stack[i].local = -1;
            changed = true;
        }
        if (into->stack[i].konst != other->stack[i].konst && into->stack[i].konst) {
            into->stack[i].konst = VAL_NULL;
            changed = true;
        }
    }
    return changed;
}

static void push_slot(State *s, Slot v) {
    if (s->depth < s->capacity) s->stack[s->depth] = v;
    s->depth++;
}
static void push(State *s, int kind, int32_t local) { push_slot(s, (Slot){(uint8_t)kind, local, VAL_NULL}); }
static Slot pop(State *s) {
    s->depth--;
    if (s->depth < 0 || s->depth >= s->capacity) return (Slot){K_UNKNOWN, -1, VAL_NULL};
    return s->stack[s->depth];
}
static Slot *peek(State *s, int i) {
    static Slot nothing;
    int at = s->depth - i;
    nothing = (Slot){K_UNKNOWN, -1, VAL_NULL};
    return at >= 0 && at < s->capacity ? &s->stack[at] : &nothing;
}
static void pop_push(State *s, int pops, int pushes, int kind) {
    for (int k = 0; k < pops; k++) pop(s);
    for (int k = 0; k < pushes; k++) push(s, kind, -1);
}

/* A guard proved slot i (1 = top) holds kind: so does its local. */
static void learn(State *s, int i, int kind) {
    Slot *slot = peek(s, i);
    slot->kind = (uint8_t)kind;
    if (slot->local >= 0) s->locals[slot->local] = (uint8_t)kind;
}

static void store_local(State *s, uint32_t local, Slot v) {
    s->locals[local] = v.kind;
    filter_index_facts(s, fact_not_about, &(int32_t){(int32_t)local});
    for (int i = 0; i < s->depth && i < s->capacity; i++)
        if (s->stack[i].local == (int32_t)local) s->stack[i].local = -1;
}

/* ---- output ---- */

static void put(Interp *it, const ProtoUop *pu, int opcode, uint32_t oparg) {
    Out *o = it->out;
    if (!o) return;
    if (o->n == o->cap) {
        o->overflow = true;
        return;
    }
    ProtoUop *to = &o->body[o->n++];
    *to = *pu;
    to->u.opcode = (uint16_t)opcode;
    to->u.oparg = oparg;
}
static void keep(Interp *it, const ProtoUop *pu) { put(it, pu, pu->u.opcode, pu->u.oparg); }
static void proven(Interp *it) {
    if (it->out) it->out->guards_removed++;
}
/* The last micro-op written, when it is op (NULL otherwise). */
static ProtoUop *last_put(Interp *it, int back, int op) {
    Out *o = it->out;
    if (!o || o->n < o->start + (uint32_t)back) return NULL;
    ProtoUop *pu = &o->body[o->n - back];
    return pu->u.opcode == op ? pu : NULL;
}

/* ---- rewrites ---- */

/* A guard on slot i: redundant when it is known to hold kind, which it
 * teaches otherwise. */
static void guard_kind(Interp *it, State *s, const ProtoUop *pu, int i, int kind) {
    if (peek(s, i)->kind == kind) {
        proven(it);
        return;
    }
    keep(it, pu);
    learn(s, i, kind);
}

/* _GUARD_BOTH_INT / _FLOAT: gone when both operands are known, halved
 * when one is. */
static void guard_both(Interp *it, State *s, const ProtoUop *pu, int kind) {
    bool tos = peek(s, 1)->kind == kind, nos = peek(s, 2)->kind == kind;
    bool ints = kind == K_INT;
    if (tos && nos) {
        proven(it);
        return;
    }
    if (tos)
        put(it, pu, ints ? UOP_GUARD_NOS_INT : UOP_GUARD_NOS_FLOAT, 0);
    else if (nos)
        put(it, pu, ints ? UOP_GUARD_TOS_INT : UOP_GUARD_TOS_FLOAT, 0);
    else
        keep(it, pu);
    learn(s, 1, kind);
    learn(s, 2, kind);
}

/* Both operands known numbers, a float operation: promote the int ones. */
static void promote_ints(Interp *it, State *s, const ProtoUop *pu) {
    if (peek(s, 2)->kind == K_INT) put(it, pu, UOP_INT_TO_FLOAT_NOS, 0);
    if (peek(s, 1)->kind == K_INT) put(it, pu, UOP_INT_TO_FLOAT_TOS, 0);
}

/* Two constants just pushed, combined into a small int or float: push the
 * result instead. */
static bool fold_constants(Interp *it, State *s, const ProtoUop *pu) {
    ProtoUop *a = last_put(it, 2, UOP_LOAD_CONST), *b = last_put(it, 1, UOP_LOAD_CONST);
    if (!a || !b) return false;
    Value r = fast_binary_op((Value)a->u.operand, (Value)b->u.operand, (int)pu->u.oparg);
    if (!r || !(val_is_smallint(r) || val_is_double(r))) return false;
    a->u.operand = r;
    it->out->n--;
    pop_push(s, 2, 1, kind_of_value(r));
    return true;
}

/* A constant small int or float other than 0 / 0.0. */
static bool nonzero_constant(const Slot *v) {
    return (val_is_smallint(v->konst) && val_as_smallint(v->konst) != 0) ||
           (val_is_double(v->konst) && val_as_double(v->konst) != 0.0);
}

/* The typed forms take small ints: an int that may be big is guarded to be
 * small (exiting to the instruction itself), which it nearly always is. */
static void guard_small(Interp *it, State *s, const ProtoUop *pu) {
    bool tos = peek(s, 1)->kind == K_INTISH, nos = peek(s, 2)->kind == K_INTISH;
    if (tos && nos) put(it, pu, UOP_GUARD_BOTH_INT, 0);
    else if (tos) put(it, pu, UOP_GUARD_TOS_INT, 0);
    else if (nos) put(it, pu, UOP_GUARD_NOS_INT, 0);
    if (tos) learn(s, 1, K_INT);
    if (nos) learn(s, 2, K_INT);
}

typedef struct {
    int action;       /* the typed micro-op */
    int result;       /* the kind of its result */
    bool on_floats;   /* int operands are promoted first */
    bool divides;     /* a zero divisor must be left to tier 1 */
} Typed;

/* The typed form of operator op on these kinds; false: none. */
static bool typed_binary(int op, int a, const Slot *b, Typed *t) {
    bool ints = is_int(a) && is_int(b->kind);
    *t = (Typed){0, ints ? K_INTISH : K_FLOAT, !ints, false};
    switch (op) {
    case NB_ADD: t->action = ints ? UOP_BINARY_OP_ADD_INT : UOP_BINARY_OP_ADD_FLOAT; return true;
    case NB_SUBTRACT: t->action = ints ? UOP_BINARY_OP_SUBTRACT_INT : UOP_BINARY_OP_SUBTRACT_FLOAT; return true;
    case NB_MULTIPLY: t->action = ints ? UOP_BINARY_OP_MULTIPLY_INT : UOP_BINARY_OP_MULTIPLY_FLOAT; return true;
    case NB_TRUE_DIVIDE: /* takes small ints too: exact as doubles, one rounding, as int / int */
        *t = (Typed){UOP_BINARY_OP_TRUE_DIVIDE_FLOAT, K_FLOAT, false, true};
        return true;
    case NB_FLOOR_DIVIDE: { /* by a constant other than -1, 0, 1: the quotient is small */
        bool shrinks = val_is_smallint(b->konst) && (val_as_smallint(b->konst) > 1 || val_as_smallint(b->konst) < -1);
        *t = (Typed){UOP_BINARY_OP_FLOOR_DIVIDE_INT, shrinks ? K_INT : K_INTISH, false, true};
        return ints;
    }
    case NB_REMAINDER:
        *t = (Typed){UOP_BINARY_OP_REMAINDER_INT, K_INT, false, true};
        return ints;
    case NB_POWER: /* a negative base to a fractional power is complex; int ** int is not typed */
        *t = (Typed){UOP_BINARY_OP_POWER_FLOAT, K_UNKNOWN, true, false};
        return !ints;
    default: return false;
    }
}

/* _BINARY_OP of two numbers: the typed action. */
static bool rewrite_binary(Interp *it, State *s, const ProtoUop *pu) {
    Slot b = *peek(s, 1);
    int a = peek(s, 2)->kind;
    Typed t;
    if (!is_number(a) || !is_number(b.kind) ||
        !typed_binary((int)(pu->u.oparg % NB_INPLACE_OFFSET), a, &b, &t))
        return false;
    guard_small(it, s, pu);
    if (t.divides && !nonzero_constant(&b)) put(it, pu, UOP_GUARD_NONZERO_DIVISOR, 0);
    if (t.on_floats) promote_ints(it, s, pu);
    put(it, pu, t.action, 0);
    pop_push(s, 2, 1, t.result);
    return true;
}

/* _COMPARE_OP of two numbers (a promoted int compares exactly). */
static bool rewrite_compare(Interp *it, State *s, const ProtoUop *pu) {
    int a = peek(s, 2)->kind, b = peek(s, 1)->kind;
    if (!is_number(a) || !is_number(b)) return false;
    guard_small(it, s, pu);
    if (is_int(a) && is_int(b)) {
        put(it, pu, UOP_COMPARE_OP_INT, pu->u.oparg);
    } else {
        promote_ints(it, s, pu);
        put(it, pu, UOP_COMPARE_OP_FLOAT, pu->u.oparg);
    }
    pop_push(s, 2, 1, K_BOOL);
    return true;
}

/* A value popped right after a side-effect-free push of it is never
 * pushed (a known number cannot be a generator _POP_TOP would close). */
static bool drop_dead_push(Interp *it, State *s) {
    Slot top = *peek(s, 1);
    ProtoUop *c = last_put(it, 1, UOP_LOAD_CONST);
    ProtoUop *l = last_put(it, 1, UOP_LOAD_FAST);
    if (!c && !(l && (is_number(top.kind) || top.kind == K_BOOL))) return false;
    it->out->n--;
    pop(s);
    return true;
}

/* (container index) with the container in a local and a constant index:
 * proven when the same pair passed since. */
static void guard_index(Interp *it, State *s, const ProtoUop *pu) {
    const Slot *c = peek(s, 2), *i = peek(s, 1);
    IndexFact f = {c->local, i->konst, pu->u.opcode};
    if (c->local < 0 || !i->konst) {
        keep(it, pu);
    } else if (has_index_fact(s, f)) {
        proven(it);
    } else {
        keep(it, pu);
        if (s->nindex_facts < OPT_MAX_INDEX_FACTS) s->index_facts[s->nindex_facts++] = f;
    }
}

/* Code that may run anything (any micro-op that can raise, and _POP_TOP,
 * which may close a generator) may resize any list. */
static bool may_resize_lists(int op) { return (uop_flags[op] & UOPF_ERROR) || op == UOP_POP_TOP; }

/* (it -- it next): the iterator stays where it is. */
static void for_iter(Interp *it, State *s, const ProtoUop *pu, int next_kind) {
    keep(it, pu);
    push(s, next_kind, -1);
}

/* Interpret and write one micro-op of the current frame. */
static void step(Interp *it, State *s, const ProtoUop *pu) {
    const UopInstr *u = &pu->u;
    switch (u->opcode) {
    case UOP_LOAD_FAST:
        keep(it, pu);
        push(s, s->locals[u->oparg], (int32_t)u->oparg);
        return;
    case UOP_LOAD_FAST_CHECK: /* any known kind is a bound value */
        if (s->locals[u->oparg] != K_UNKNOWN) {
            proven(it);
            put(it, pu, UOP_LOAD_FAST, u->oparg);
        } else {
            keep(it, pu);
        }
        push(s, s->locals[u->oparg], (int32_t)u->oparg);
        return;
    case UOP_STORE_FAST:
        keep(it, pu);
        store_local(s, u->oparg, pop(s));
        return;
    case UOP_MAKE_CELL: /* the slot now holds a cell */
        keep(it, pu);
        store_local(s, u->oparg, (Slot){K_UNKNOWN, -1, VAL_NULL});
        return;
    case UOP_LOAD_CONST:
        keep(it, pu);
        push_slot(s, (Slot){(uint8_t)kind_of_value((Value)u->operand), -1, (Value)u->operand});
        return;
    case UOP_POP_TOP:
        if (drop_dead_push(it, s)) return;
        break;
    case UOP_COPY: {
        keep(it, pu);
        push_slot(s, *peek(s, (int)u->oparg));
        return;
    }
    case UOP_SWAP: {
        keep(it, pu);
        Slot top = *peek(s, 1);
        *peek(s, 1) = *peek(s, (int)u->oparg);
        *peek(s, (int)u->oparg) = top;
        return;
    }
    case UOP_GUARD_BOTH_INT: guard_both(it, s, pu, K_INT); return;
    case UOP_GUARD_BOTH_FLOAT: guard_both(it, s, pu, K_FLOAT); return;
    case UOP_GUARD_ITER_RANGE:
        /* only the stronger guard holds for the rest of the loop */
        if (peek(s, 1)->kind == K_RANGE_ITER) {
            proven(it);
        } else if (it->preamble) {
            put(it, pu, UOP_GUARD_ITER_RANGE_SMALL, 0);
            learn(s, 1, K_RANGE_ITER);
        } else {
            keep(it, pu);
        }
        return;
    case UOP_GUARD_LIST_INT: case UOP_GUARD_TUPLE_INT: guard_index(it, s, pu); return;
    case UOP_GUARD_ITER_LIST: guard_kind(it, s, pu, 1, K_LIST_ITER); return;
    case UOP_GUARD_ITER_TUPLE: guard_kind(it, s, pu, 1, K_TUPLE_ITER); return;
    case UOP_FOR_ITER_RANGE: for_iter(it, s, pu, K_INT); return;
    case UOP_FOR_ITER_LIST: case UOP_FOR_ITER_TUPLE: case UOP_FOR_ITER:
        for_iter(it, s, pu, K_UNKNOWN);
        return;
    case UOP_TO_BOOL:
        if (peek(s, 1)->kind == K_BOOL) {
            proven(it);
            return;
        }
        keep(it, pu);
        pop_push(s, 1, 1, K_BOOL);
        return;
    case UOP_BINARY_OP:
        if (fold_constants(it, s, pu) || rewrite_binary(it, s, pu)) return;
        break;
    case UOP_COMPARE_OP:
        if (rewrite_compare(it, s, pu)) return;
        break;
    case UOP_BINARY_OP_ADD_INT: case UOP_BINARY_OP_SUBTRACT_INT: case UOP_BINARY_OP_MULTIPLY_INT:
        keep(it, pu);
        pop_push(s, 2, 1, K_INTISH);
        return;
    case UOP_BINARY_OP_ADD_FLOAT: case UOP_BINARY_OP_SUBTRACT_FLOAT:
    case UOP_BINARY_OP_MULTIPLY_FLOAT: case UOP_BINARY_OP_TRUE_DIVIDE_FLOAT:
        keep(it, pu);
        pop_push(s, 2, 1, K_FLOAT);
        return;
    case UOP_COMPARE_OP_INT: case UOP_COMPARE_OP_FLOAT: case UOP_COMPARE_OP_STR:
    case UOP_IS_OP: case UOP_CONTAINS_OP:
        keep(it, pu);
        pop_push(s, 2, 1, K_BOOL);
        return;
    case UOP_UNARY_NOT:
        keep(it, pu);
        pop_push(s, 1, 1, K_BOOL);
        return;
    default:
        break;
    }
    keep(it, pu);
    int pops, pushes;
    uop_stack_effect(u->opcode, u->oparg, &pops, &pushes);
    pop_push(s, pops, pushes, K_UNKNOWN);
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

void interp_step(Interp *it, const ProtoUop *pu) {
    const UopInstr *u = &pu->u;
    State *s = &it->frames[it->nframes - 1];
    if (may_resize_lists(u->opcode)) s->nindex_facts = 0;
    if (it->blind) {
        keep(it, pu);
    } else if (uop_flags[u->opcode] & UOPF_PUSHES_FRAME) {
        keep(it, pu);
        if (it->nframes == TIER2_MAX_CALL_DEPTH + 1 || !enter_callee(s, &it->frames[it->nframes], u))
            it->blind = true;
        else
            it->nframes++;
    } else if (uop_flags[u->opcode] & UOPF_POPS_FRAME) {
        keep(it, pu);
        if (it->nframes == 1) { /* a bridge returning to a caller it knows nothing of */
            it->blind = true;
            return;
        }
        Slot result = pop(s);
        it->nframes--;
        push(&it->frames[it->nframes - 1], result.kind, -1);
    } else {
        step(it, s, pu);
    }
}
