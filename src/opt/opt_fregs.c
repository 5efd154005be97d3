/* opt_fregs.c — float expressions in registers.
 *
 * A typed float micro-op unboxes its operands from the value stack and
 * boxes its result back: for `dx*dx + dy*dy` that is six stores and
 * reloads through memory and as many NaN-box conversions around four
 * multiplications and additions. This pass keeps such an expression in the
 * float registers F0..F3 (uops.h: xmm0-xmm3 in machine code, where a
 * register-to-register multiply is one instruction): a local or constant
 * that a typed float operation consumes is loaded unboxed into the next
 * register, the operation works register to register, and the result is
 * boxed once, into a local (_F_STORE_LOCAL) or onto the value stack (a
 * spill). Live registers stack up above the value stack, so the depth of
 * that stack says which register each micro-op names (one micro-op per
 * register: stencils cannot index registers at run time).
 *
 * Nothing observable changes: a float region holds no exit except a
 * comparison's branch taken with no register left live, raises nothing,
 * and every micro-op outside a region (every exit, call and the loop head)
 * finds no register live and the value stack as it was — what
 * trace_validate checks. A small int bound for float arithmetic is held as
 * its exact double and boxed back as an int if it must be spilled before
 * its conversion. A region without arithmetic (a load then a spill) is put
 * back as it was.
 *
 * Runs after the typed rewrites (a typed operation is the proof that its
 * operands are floats) and before fusion.
 */
#include "optimizer.h"

#include <string.h>

#include "../vm/value.h"
#include "tier2.h"

/* How the value a micro-op pushes is consumed (found by a look-ahead). */
enum { USE_OTHER, USE_FLOAT, USE_INT, USE_STORE };

#define CAP (TIER2_MAX_BODY + 16)

typedef struct {
    const ProtoUop *in;
    uint32_t n, loop_start;
    uint8_t use[CAP];
    bool converted[CAP]; /* an INT_TO_FLOAT met the value on its way */
    bool stores_float[CAP]; /* a STORE_FAST of a float operation's result */
    int resident;        /* the local resident in F3 in the loop, -1: none */
    bool in_loop;        /* past the loop head of a peeled trace */
    ProtoUop out[CAP];
    uint32_t nout;
    bool overflow;
    /* the registers live now, bottom first: a small int held as a double? */
    int live;
    bool is_int[FREG_COUNT];
    int loaded_by[FREG_COUNT]; /* the load (body index) that filled it, -1: computed */
    uint16_t load_op[FREG_COUNT];
    /* the region being translated: where it began in `in` and `out` */
    int run_in;
    uint32_t run_out;
    bool run_arith;
} Pass;

static bool is_float_arith(int op) {
    return op == UOP_BINARY_OP_ADD_FLOAT || op == UOP_BINARY_OP_SUBTRACT_FLOAT ||
           op == UOP_BINARY_OP_MULTIPLY_FLOAT;
}

static bool is_branch_guard(int op) {
    return op == UOP_GUARD_IS_TRUE_POP || op == UOP_GUARD_IS_FALSE_POP;
}

/* A comparison of floats whose result only feeds the next branch. */
static bool compare_then_branch(const Pass *p, uint32_t i) {
    return p->in[i].u.opcode == UOP_COMPARE_OP_FLOAT && i + 1 < p->n && i + 1 != p->loop_start &&
           is_branch_guard(p->in[i + 1].u.opcode);
}

/* ---- look-ahead: who consumes each pushed value ---- */

typedef struct {
    int producer[CAP]; /* body index that pushed each slot, -1: not tracked */
    int depth;
    int caller_depth[TRACE_MAX_CALL_DEPTH];
    int nframes;
} Shadow;

static void consume(Pass *p, Shadow *s, int slot, int use) {
    int prod = s->producer[slot];
    if (prod < 0) return;
    if (use == USE_FLOAT && p->converted[prod]) use = USE_INT;
    p->use[prod] = (uint8_t)use;
}

static bool shadow_push(Shadow *s, int producer) {
    if (s->depth >= CAP) return false;
    s->producer[s->depth++] = producer;
    return true;
}

static bool look_ahead(Pass *p, int entry_depth) {
    static Shadow s;
    s.depth = 0;
    s.nframes = 0;
    for (int k = 0; k < entry_depth; k++)
        if (!shadow_push(&s, -1)) return false;
    for (uint32_t i = 0; i < p->n; i++) {
        const UopInstr *u = &p->in[i].u;
        int op = u->opcode, flags = (int)uop_flags[op], pops, pushes;
        uop_stack_effect(op, u->oparg, &pops, &pushes);
        if (i == p->loop_start) /* nothing crosses the loop head in a register */
            for (int k = 0; k < s.depth; k++) s.producer[k] = -1;
        if (pops > s.depth) return false;
        int top = s.depth - 1;
        if (op == UOP_INT_TO_FLOAT_TOS || op == UOP_INT_TO_FLOAT_NOS) {
            int slot = op == UOP_INT_TO_FLOAT_TOS ? top : top - 1;
            if (slot < 0) return false;
            if (s.producer[slot] >= 0) p->converted[s.producer[slot]] = true;
            continue; /* the slot keeps its producer */
        }
        if (is_float_arith(op) || compare_then_branch(p, i)) {
            consume(p, &s, top, USE_FLOAT);
            consume(p, &s, top - 1, USE_FLOAT);
        } else if (op == UOP_STORE_FAST) {
            int prod = top >= 0 ? s.producer[top] : -1;
            p->stores_float[i] = prod >= 0 && is_float_arith(p->in[prod].u.opcode);
            consume(p, &s, top, USE_STORE);
        } else {
            int reach = pops;
            if ((op == UOP_COPY || op == UOP_SWAP) && (int)u->oparg > reach) reach = (int)u->oparg;
            if (reach > s.depth) return false;
            for (int k = s.depth - reach; k < s.depth; k++) {
                consume(p, &s, k, USE_OTHER);
                s.producer[k] = -1;
            }
        }
        s.depth -= pops;
        if (flags & UOPF_PUSHES_FRAME) {
            if (s.nframes == TRACE_MAX_CALL_DEPTH) return false;
            s.caller_depth[s.nframes++] = s.depth;
            s.depth = 0;
        } else if (flags & UOPF_POPS_FRAME) {
            if (s.nframes == 0 && i == 0) return false;
            s.depth = s.nframes > 0 ? s.caller_depth[--s.nframes] : (int)(p->in[i - 1].u.oparg >> 24);
            for (int k = 0; k < s.depth; k++) s.producer[k] = -1;
        }
        bool tracked = op == UOP_LOAD_FAST || op == UOP_LOAD_CONST || is_float_arith(op);
        for (int k = 0; k < pushes; k++)
            if (!shadow_push(&s, tracked ? (int)i : -1)) return false;
    }
    return true;
}

/* ---- the resident local ---- */

#define MAX_RESIDENT_LOCAL 256

/* The float local of the loop (past loop_start) most used by float
 * operations, if every store to it in the loop stores a float operation's
 * result and nothing in the loop changes frames or makes cells (the local
 * index then always means the same slot); -1 if none. */
static int choose_resident(const Pass *p) {
    static int score[MAX_RESIDENT_LOCAL];
    static bool unfit[MAX_RESIDENT_LOCAL];
    if (p->loop_start == 0) return -1; /* not peeled: no place to load it once */
    /* The micro-op interpreter's registers are its stack frame's memory:
     * there a resident local only adds a store-to-load trip (float_loop
     * ran 20% slower with it); machine code holds it in xmm3. */
    if (!tier2_use_jit) return -1;
    memset(score, 0, sizeof score);
    memset(unfit, 0, sizeof unfit);
    for (uint32_t i = p->loop_start; i < p->n; i++) {
        const UopInstr *u = &p->in[i].u;
        if (uop_flags[u->opcode] & (UOPF_PUSHES_FRAME | UOPF_POPS_FRAME) ||
            u->opcode == UOP_MAKE_CELL || u->opcode == UOP_COPY_FREE_VARS)
            return -1;
        if ((u->opcode != UOP_LOAD_FAST && u->opcode != UOP_STORE_FAST) ||
            u->oparg >= MAX_RESIDENT_LOCAL)
            continue;
        if (u->opcode == UOP_STORE_FAST ? !p->stores_float[i] : p->use[i] == USE_INT)
            unfit[u->oparg] = true;
        else if (u->opcode == UOP_STORE_FAST || p->use[i] == USE_FLOAT)
            score[u->oparg]++;
    }
    int best = -1;
    for (int x = 0; x < MAX_RESIDENT_LOCAL; x++)
        if (!unfit[x] && score[x] > 1 && (best < 0 || score[x] > score[best])) best = x;
    return best;
}

static bool is_resident(const Pass *p, const UopInstr *u) {
    return p->in_loop && (int)u->oparg == p->resident;
}

/* ---- translation ---- */

/* Each family's micro-ops, indexed by register. */
#define BY_REG(name) {UOP_##name##_0, UOP_##name##_1, UOP_##name##_2, UOP_##name##_3}
static const uint16_t load_local[2][FREG_COUNT] = {BY_REG(F_LOAD_LOCAL), BY_REG(F_LOAD_LOCAL_INT)};
static const uint16_t load_const[FREG_COUNT] = BY_REG(F_LOAD_CONST);
static const uint16_t store_local[FREG_COUNT] = BY_REG(F_STORE_LOCAL);
static const uint16_t copy_resident[FREG_COUNT - 1] = {UOP_F_COPY_RESIDENT_0, UOP_F_COPY_RESIDENT_1,
                                                       UOP_F_COPY_RESIDENT_2};
static const uint16_t store_resident[FREG_COUNT - 1] = {
    UOP_F_STORE_RESIDENT_0, UOP_F_STORE_RESIDENT_1, UOP_F_STORE_RESIDENT_2};
static const uint16_t spill_last[2][FREG_COUNT] = {BY_REG(F_SPILL_LAST), BY_REG(F_SPILL_LAST_INT)};
static const uint16_t spill_below[2][FREG_COUNT - 1] = {
    {UOP_F_SPILL_0, UOP_F_SPILL_1, UOP_F_SPILL_2},
    {UOP_F_SPILL_INT_0, UOP_F_SPILL_INT_1, UOP_F_SPILL_INT_2}};
/* the register forms of a binary operation: top operand in F1, F2, F3; _M; _MM */
#define FORMS(name) {UOP_##name##_1, UOP_##name##_2, UOP_##name##_3, UOP_##name##_M, UOP_##name##_MM}
static const uint16_t add_forms[5] = FORMS(F_ADD), subtract_forms[5] = FORMS(F_SUBTRACT),
                      multiply_forms[5] = FORMS(F_MULTIPLY);

static void emit(Pass *p, ProtoUop u) {
    if (p->nout == CAP) {
        p->overflow = true;
        return;
    }
    p->out[p->nout++] = u;
}

static ProtoUop with_op(const ProtoUop *from, int op) {
    ProtoUop u = *from;
    u.u.opcode = (uint16_t)op;
    return u;
}

/* in[k] unchanged; after a plain store to the resident local, F3 is
 * reloaded from it. */
static void emit_plain(Pass *p, uint32_t k) {
    emit(p, p->in[k]);
    if (p->in[k].u.opcode == UOP_STORE_FAST && is_resident(p, &p->in[k].u))
        emit(p, with_op(&p->in[k], UOP_F_LOAD_RESIDENT));
}

/* Box the live registers onto the value stack, bottom first. */
static void spill(Pass *p, const ProtoUop *at) {
    for (int r = 0; r < p->live; r++) {
        bool last = r == p->live - 1;
        emit(p, with_op(at, last ? spill_last[p->is_int[r]][r] : spill_below[p->is_int[r]][r]));
    }
    p->live = 0;
}

/* End the region at input index i: spill what is live, or put the
 * region's input back unchanged when it did no arithmetic. */
static void end_region(Pass *p, uint32_t i) {
    if (p->run_in < 0) return;
    /* Loads just made into the top registers would only be spilled: they
     * go back to being plain pushes, after the spill of what is below. */
    int tail[FREG_COUNT], ntail = 0;
    while (p->live > 0 && p->nout > p->run_out && p->loaded_by[p->live - 1] >= 0 &&
           p->out[p->nout - 1].u.opcode == p->load_op[p->live - 1]) {
        tail[ntail++] = p->loaded_by[--p->live];
        p->nout--;
    }
    spill(p, &p->in[i < p->n ? i : p->n - 1]);
    while (ntail > 0) emit_plain(p, (uint32_t)tail[--ntail]);
    if (!p->run_arith) {
        p->nout = p->run_out;
        for (uint32_t k = (uint32_t)p->run_in; k < i; k++) emit_plain(p, k);
    }
    p->run_in = -1;
}

static void begin_region(Pass *p, uint32_t i) {
    if (p->run_in >= 0) return;
    p->run_in = (int)i;
    p->run_out = p->nout;
    p->run_arith = false;
}

static uint64_t double_bits(double d) {
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return bits;
}

/* Load a local or constant into the next register. */
static bool load(Pass *p, uint32_t i) {
    const ProtoUop *in = &p->in[i];
    int use = p->use[i], r = p->live;
    int nregs = p->in_loop && p->resident >= 0 ? FREG_COUNT - 1 : FREG_COUNT;
    if ((use != USE_FLOAT && use != USE_INT) || r == nregs) return false;
    ProtoUop u = *in;
    if (in->u.opcode == UOP_LOAD_FAST && use == USE_FLOAT && is_resident(p, &in->u)) {
        u.u.opcode = copy_resident[r];
    } else if (in->u.opcode == UOP_LOAD_FAST) {
        u.u.opcode = load_local[use == USE_INT][r];
    } else {
        Value v = (Value)in->u.operand;
        if (use == USE_FLOAT && val_is_double(v))
            u.u.operand = double_bits(val_as_double(v));
        else if (use == USE_INT && val_is_smallint(v))
            u.u.operand = double_bits((double)val_as_smallint(v));
        else
            return false;
        u.u.opcode = load_const[r];
    }
    begin_region(p, i);
    emit(p, u);
    p->is_int[r] = use == USE_INT;
    p->loaded_by[r] = (int)i;
    p->load_op[r] = u.u.opcode;
    p->live++;
    return true;
}

/* The register form of ADD/SUBTRACT/MULTIPLY_FLOAT. */
static bool arith(Pass *p, uint32_t i) {
    int op = p->in[i].u.opcode;
    const uint16_t *forms = op == UOP_BINARY_OP_ADD_FLOAT        ? add_forms
                            : op == UOP_BINARY_OP_SUBTRACT_FLOAT ? subtract_forms
                                                                 : multiply_forms;
    int form;
    if (p->live >= 2) {
        if (p->is_int[p->live - 1] || p->is_int[p->live - 2]) return false;
        form = p->live - 2;
        p->live--;
    } else if (p->live == 1) {
        if (p->is_int[0]) return false;
        form = 3;
    } else {
        if (p->use[i] == USE_OTHER) return false; /* nothing to keep in a register */
        form = 4;
        p->live = 1;
        p->is_int[0] = false;
    }
    begin_region(p, i);
    emit(p, with_op(&p->in[i], forms[form]));
    p->loaded_by[form <= 2 ? form : 0] = -1;
    p->run_arith = true;
    return true;
}

/* Translate in[i] (and in[i + 1] for a comparison's branch) into float
 * register micro-ops; false: it stays as it is. */
static bool translate(Pass *p, uint32_t *i) {
    const ProtoUop *in = &p->in[*i];
    int top = p->live - 1;
    switch (in->u.opcode) {
    case UOP_LOAD_FAST: case UOP_LOAD_CONST:
        return load(p, *i);
    case UOP_BINARY_OP_ADD_FLOAT: case UOP_BINARY_OP_SUBTRACT_FLOAT:
    case UOP_BINARY_OP_MULTIPLY_FLOAT:
        return arith(p, *i);
    case UOP_INT_TO_FLOAT_TOS: case UOP_INT_TO_FLOAT_NOS: {
        int slot = in->u.opcode == UOP_INT_TO_FLOAT_TOS ? top : top - 1;
        if (slot < 0 || !p->is_int[slot]) return false;
        p->is_int[slot] = false; /* the register already holds the double */
        return true;
    }
    case UOP_STORE_FAST: /* (an int is only ever loaded for a conversion) */
        if (p->live == 0 || p->is_int[top]) return false;
        emit(p, with_op(in, is_resident(p, &in->u) ? store_resident[top] : store_local[top]));
        p->live--;
        return true;
    case UOP_COMPARE_OP_FLOAT: {
        if (p->live != 2 || p->is_int[0] || p->is_int[1] || !compare_then_branch(p, *i))
            return false;
        const ProtoUop *branch = &p->in[*i + 1];
        ProtoUop u = with_op(branch, branch->u.opcode == UOP_GUARD_IS_TRUE_POP
                                         ? UOP_F_COMPARE_GUARD_TRUE
                                         : UOP_F_COMPARE_GUARD_FALSE);
        u.u.oparg = in->u.oparg;
        emit(p, u);
        p->live = 0;
        p->run_arith = true;
        (*i)++;
        return true;
    }
    default:
        return false;
    }
}

void tier2_fregs(TraceBuilder *b, int entry_depth) {
    static Pass p;
    memset(p.use, 0, sizeof p.use);
    memset(p.converted, 0, sizeof p.converted);
    memset(p.stores_float, 0, sizeof p.stores_float);
    p.in_loop = false;
    p.in = b->body;
    p.n = b->n;
    p.loop_start = b->loop_start;
    p.nout = 0;
    p.overflow = false;
    p.live = 0;
    p.run_in = -1;
    if (b->n > CAP || !look_ahead(&p, entry_depth)) return;
    p.resident = choose_resident(&p);
    uint32_t loop_start = 0;
    for (uint32_t i = 0; i < p.n; i++) {
        if (i == p.loop_start && i > 0) {
            end_region(&p, i);
            if (p.resident >= 0) {
                ProtoUop u = with_op(&p.in[i], UOP_F_LOAD_RESIDENT);
                u.u.oparg = (uint32_t)p.resident;
                emit(&p, u);
            }
            loop_start = p.nout;
            p.in_loop = true;
        }
        if (translate(&p, &i)) continue;
        end_region(&p, i);
        emit_plain(&p, i);
    }
    end_region(&p, p.n);
    if (p.overflow) return;
    memcpy(b->body, p.out, sizeof(ProtoUop) * p.nout);
    b->n = p.nout;
    b->loop_start = loop_start;
}
