/* projector.h — trace projection: from a hot loop's head, follow the
 * (specialised) tier-1 instructions and translate each into micro-ops,
 * guards apart from actions, until the loop closes or a limit is reached.
 *
 * The projector works on a TraceBuilder, a list of micro-ops whose side
 * exits are still tier-1 instruction indexes (exit_pc) rather than stub
 * positions, so the optimizer can delete micro-ops freely; assembling
 * lays out the body, then one _EXIT_TRACE stub per distinct exit.
 */
#ifndef KRAIT_PROJECTOR_H
#define KRAIT_PROJECTOR_H

#include <stdbool.h>

#include "../vm/frame.h"
#include "trace.h"

/* Longest loop body, in micro-ops; a longer path ends with an exit to
 * tier 1 at the first instruction that does not fit. */
#define TIER2_MAX_BODY 400

/* Calls followed into their callees, at most this many frames deep. */
#define TIER2_MAX_CALL_DEPTH 4

typedef struct ProtoUop {
    UopInstr u;          /* jump_target unused until assembly */
    uint32_t exit_pc;    /* UOPF_EXIT: the tier-1 instruction an exit resumes */
    uint8_t exit_kind;   /* TIER2_EXIT_GUARD / _PLANNED / _LOOP_END */
    const CodeObject *exit_code; /* the code exit_pc indexes (a callee's, inside one) */
} ProtoUop;

typedef struct TraceBuilder {
    ProtoUop body[TIER2_MAX_BODY + 16];
    uint32_t n;
    /* Where _JUMP_TO_TOP goes: body index of the loop head (0 unless the
     * optimizer peeled a first iteration off in front of the loop). */
    uint32_t loop_start;
    uint32_t translated;   /* tier-1 instructions turned into micro-ops */
    uint32_t calls;        /* calls followed into their callee */
    uint32_t stop_pc;      /* where the projection stopped */
    int stop_opcode;       /* the instruction it stopped at, -1 when the loop closed */
} TraceBuilder;

/* Project the loop closed by the JUMP_BACKWARD at `jump` in f's code. False
 * when nothing useful could be translated (no exception is set). */
bool tier2_project(Frame *f, const CodeUnit *jump, TraceBuilder *b);

/* Project a bridge from a side exit whose tier-1 instruction, at index
 * start in f's code, is where f stands now: from there to the next
 * back-edge, where it continues in that loop's trace. With generic_first,
 * that first instruction is translated in its generic form (a guard of it
 * failed and no specialisation fits what it meets now). */
bool tier2_project_bridge(Frame *f, uint32_t start, bool generic_first, TraceBuilder *b);

/* The entry link of the trace hanging on the back-edge at `jump`, or NULL
 * (tier2.c). */
TraceLink *tier2_trace_link_at(CodeObject *co, const CodeUnit *jump);

/* Lay out the body and its exit stubs as a Trace (NULL: no memory). Each
 * guard's exit gets a _SIDE_EXIT stub with its own link (generation: the
 * bridge depth its bridges will have); other exits are _EXIT_TRACE. With
 * count_uops, a _COUNT_UOPS after the loop head counts machine-code work. */
Trace *tier2_assemble(const TraceBuilder *b, bool count_uops, uint8_t generation);

#endif
