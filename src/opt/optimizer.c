/* optimizer.c — making a projected loop body do less work per iteration.
 *
 * The passes interpret the body over kinds (opt_abstract.h) and write what
 * each micro-op becomes. A body that ends with _EXIT_TRACE is straight-line
 * code entered only at its top, where nothing is known: one pass.
 *
 * A closed loop ([_CHECK_SIGNALS, body…, _JUMP_TO_TOP]) is peeled, as
 * LuaJIT does: a first copy of the body (the preamble, run once per entry
 * into the trace, its guards exiting as they always do) is followed by a
 * second copy, the loop, which _JUMP_TO_TOP closes (b->loop_start). The
 * loop copy is optimised knowing what holds at its head: the facts true
 * both after the preamble and after every turn of the loop itself — the
 * meet of the two, recomputed until stable (a fact dropped at the head may
 * drop others at the end). So the guards on what does not change from one
 * iteration to the next (a float accumulator, the kind of the iterator) run
 * in the preamble only. The loop copy is kept only when it is shorter than
 * the body optimised alone, and only when both copies fit TIER2_MAX_BODY.
 *
 * No pass changes what is in a local or on the stack at any exit, so every
 * exit leaves tier 1's state as it was.
 */
#include "optimizer.h"

#include "opt_abstract.h"

/* Head facts are dropped one at least per round; past this many rounds
 * the loop is not worth the wait. */
#define PEEL_MAX_ROUNDS 32

static bool interp_init(Interp *it, const CodeObject *co, Out *out) {
    *it = (Interp){.nframes = 1, .out = out};
    return state_init(&it->frames[0], co);
}

/* The trace's entry: entry_depth stack items of which nothing is known. */
static bool interp_enter(Interp *it, const CodeObject *co, Out *out, int entry_depth) {
    if (!interp_init(it, co, out)) return false;
    State *s = &it->frames[0];
    for (int i = 0; i < entry_depth && i < s->capacity; i++) s->stack[i] = (Slot){K_UNKNOWN, -1, VAL_NULL};
    s->depth = entry_depth;
    return true;
}

/* Interpret in[0, n); false when the result cannot be used (out of memory,
 * deeper than projected, the output full). */
static bool run(Interp *it, const ProtoUop *in, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) interp_step(it, &in[i]);
    return !it->blind && !(it->out && it->out->overflow);
}

/* One pass over the whole body from nothing known. */
static bool optimize_plain(const TraceBuilder *b, const CodeObject *co, int entry_depth, Out *out) {
    Interp it;
    return interp_enter(&it, co, out, entry_depth) && run(&it, b->body, b->n);
}

/* The end of one turn of the loop from head, the loop's frame current
 * again at the same depth; false otherwise. */
static bool turn(const TraceBuilder *b, const CodeObject *co, const State *head, State *end) {
    Interp it;
    if (!interp_init(&it, co, NULL)) return false;
    state_copy(&it.frames[0], head);
    if (!run(&it, b->body, b->n) || it.nframes != 1 || it.frames[0].depth != head->depth)
        return false;
    *end = it.frames[0];
    return true;
}

/* What holds at the loop's head whether it comes from the preamble
 * (*head on entry) or from its own end: shrink *head to the fixpoint. */
static bool loop_head_facts(const TraceBuilder *b, const CodeObject *co, State *head) {
    for (int round = 0; round < PEEL_MAX_ROUNDS; round++) {
        State end;
        if (!turn(b, co, head, &end)) return false;
        if (!state_meet(head, &end)) return true;
    }
    return false;
}

/* Preamble then loop copy into out (sets *loop_start); false: no peeling. */
static bool optimize_peeled(const TraceBuilder *b, const CodeObject *co, int entry_depth, Out *out,
                            uint32_t *loop_start) {
    if (b->n < 2 || b->body[b->n - 1].u.opcode != UOP_JUMP_TO_TOP || 2 * b->n - 1 > out->cap)
        return false;
    Interp it;
    if (!interp_enter(&it, co, out, entry_depth)) return false;
    it.preamble = true;
    if (!run(&it, b->body, b->n - 1) || it.nframes != 1 || it.frames[0].depth != entry_depth)
        return false;
    *loop_start = out->n;
    State head;
    if (!state_init(&head, co)) return false;
    state_copy(&head, &it.frames[0]);
    if (!loop_head_facts(b, co, &head)) return false;
    Interp loop;
    if (!interp_init(&loop, co, out)) return false;
    out->start = out->n;
    state_copy(&loop.frames[0], &head);
    return run(&loop, b->body, b->n);
}

static uint32_t take(TraceBuilder *b, const Out *out, uint32_t loop_start) {
    memcpy(b->body, out->body, sizeof(ProtoUop) * out->n);
    b->n = out->n;
    b->loop_start = loop_start;
    return out->guards_removed;
}

uint32_t tier2_optimize(TraceBuilder *b, const CodeObject *co, int entry_depth) {
    /* tier 2 never projects re-entrantly (tier2.c's builder is static too) */
    static TraceBuilder plain_buf, peeled_buf;
    Out plain = {.body = plain_buf.body, .cap = TIER2_MAX_BODY + 16};
    Out peeled = {.body = peeled_buf.body, .cap = TIER2_MAX_BODY};
    uint32_t loop_start = 0;
    bool plain_ok = optimize_plain(b, co, entry_depth, &plain);
    bool peeled_ok = optimize_peeled(b, co, entry_depth, &peeled, &loop_start);
    uint32_t removed = 0;
    if (peeled_ok && (!plain_ok || peeled.n - loop_start < plain.n))
        removed = take(b, &peeled, loop_start);
    else if (plain_ok)
        removed = take(b, &plain, 0);
    tier2_fregs(b, entry_depth);
    tier2_fuse(b);
    return removed;
}
