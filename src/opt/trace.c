/* trace.c — allocating and checking tier-2 traces. */
#include "trace.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include "../gc/gc.h"

Trace *trace_new(uint32_t n) {
    Trace *t = gc_alloc(sizeof(Trace) + (size_t)n * sizeof(UopInstr));
    if (t) t->length = n;
    return t;
}

/* Depths are checked along the fall-through path from each instruction;
 * a guard's stub sees the depth the guard had before it popped (exits
 * leave the stack as the tier-1 instruction found it). The live float
 * registers (uops.h, UOPF_FREG) are checked the same way: each float
 * micro-op within its range, every other micro-op — so every exit, call
 * and loop head — with none live. */
static bool fregs_ok(int flags, int *live) {
    if (!(flags & UOPF_FREG)) return *live == 0;
    if (*live < FDEPTH_LO(flags) || *live > FDEPTH_HI(flags)) return false;
    *live += FDEPTH_DELTA(flags);
    return true;
}

int trace_validate(const Trace *t, int entry_depth, const char **why) {
    if (t->length == 0) {
        *why = "empty trace";
        return -1;
    }
    int depth = entry_depth;
    int caller_depth[TRACE_MAX_CALL_DEPTH]; /* stack depths of the callers of pushed frames */
    int nframes = 0, fregs = 0;
    bool resident = false; /* F3 holds a resident local (uops.h) */
    for (uint32_t i = 0; i < t->length; i++) {
        const UopInstr *u = &t->instrs[i];
        if (u->opcode >= UOP_COUNT) {
            *why = "unknown micro-op";
            return -1;
        }
        int flags = (int)uop_flags[u->opcode];
        if ((flags & (UOPF_EXIT | UOPF_JUMP)) && u->jump_target >= t->length) {
            *why = "jump target out of range";
            return -1;
        }
        if (i > 0 && (uop_flags[t->instrs[i - 1].opcode] & UOPF_TERMINAL))
            continue; /* a stub: its depth is its guard's, not followed here */
        if (!fregs_ok(flags, &fregs)) {
            *why = "float registers live where they may not be";
            return -1;
        }
        int op = u->opcode;
        if (op == UOP_F_LOAD_RESIDENT) resident = true;
        if (resident ? op == UOP_F_LOAD_LOCAL_3 || op == UOP_F_LOAD_LOCAL_INT_3 || op == UOP_F_LOAD_CONST_3
                     : op == UOP_F_COPY_RESIDENT_0 || op == UOP_F_COPY_RESIDENT_1 ||
                           op == UOP_F_COPY_RESIDENT_2) {
            *why = "resident float register clobbered or read before it is loaded";
            return -1;
        }
        int pops, pushes;
        uop_stack_effect(u->opcode, u->oparg, &pops, &pushes);
        depth -= pops;
        if (depth < 0) {
            *why = "stack underflow";
            return -1;
        }
        if (flags & UOPF_PUSHES_FRAME) {
            if (nframes == TRACE_MAX_CALL_DEPTH) {
                *why = "frames pushed too deep";
                return -1;
            }
            caller_depth[nframes++] = depth + pushes;
            depth = pushes = 0; /* the callee's stack starts empty */
        } else if (flags & UOPF_POPS_FRAME) {
            if (nframes > 0) {
                depth = caller_depth[--nframes];
            } else if (i > 0 && t->instrs[i - 1].opcode == UOP_GUARD_CALLER) {
                depth = (int)(t->instrs[i - 1].oparg >> 24); /* a bridge's return */
            } else {
                *why = "return from a frame the trace did not push";
                return -1;
            }
        }
        depth += pushes;
        if (u->opcode == UOP_JUMP_TO_TOP && nframes != 0) {
            *why = "loop closes inside a callee";
            return -1;
        }
        if (u->opcode == UOP_JUMP_TO_TOP && u->jump_target == 0 && depth != entry_depth) {
            *why = "loop changes the stack depth";
            return -1;
        }
    }
    if (!(uop_flags[t->instrs[t->length - 1].opcode] & UOPF_TERMINAL)) {
        *why = "trace does not end in a terminal micro-op";
        return -1;
    }
    return 0;
}

void trace_dump(const Trace *t, const char *title) {
    fprintf(stderr, "trace %s: %u micro-ops\n", title, t->length);
    for (uint32_t i = 0; i < t->length; i++) {
        const UopInstr *u = &t->instrs[i];
        int flags = uop_flags[u->opcode];
        fprintf(stderr, "  %3u %-28s", i, uop_names[u->opcode]);
        if (flags & UOPF_ARG) fprintf(stderr, " arg=%u", u->oparg);
        if (flags & UOPF_OPERAND) fprintf(stderr, " operand=0x%" PRIx64, u->operand);
        fprintf(stderr, " @%u", u->target);
        if (flags & (UOPF_EXIT | UOPF_JUMP)) fprintf(stderr, " -> %u", u->jump_target);
        fputc('\n', stderr);
    }
}
