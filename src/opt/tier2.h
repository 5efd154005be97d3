/* tier2.h — where tier 1 meets tier 2: the heat counter of loop back-edges,
 * the traces hung on code objects, running them (micro-op interpreter, or
 * machine code when the JIT is on), dropping traces whose guards keep
 * failing, the -X options and -X jit-stats.
 *
 * JUMP_BACKWARD's cache unit (CACHE(0)) is either
 *   a counter:   bits 0-15 back-edges counted, bits 16-23 back-off b; the
 *                loop is hot when the count reaches threshold << b
 *   or a trace:  TIER2_HAS_TRACE | index into the code's executor table.
 * Conditional jumps keep their last 32 directions in their cache unit
 * (branch_record) so the projector follows the usual one.
 */
#ifndef KRAIT_TIER2_H
#define KRAIT_TIER2_H

#include <stdbool.h>

#include "../vm/frame.h"
#include "tier2_state.h"

/* Back-edges before a loop is traced (-X jit-threshold=N; 1 in stress
 * mode, KRAIT_JIT_STRESS=1). */
#define TIER2_THRESHOLD_DEFAULT 64
#define TIER2_HAS_TRACE 0x80000000u
#define TIER2_BACKOFF_MAX 10

extern bool tier2_enabled;     /* -X tier2=0: tier 1 only */
extern bool tier2_use_jit;     /* traces become machine code */
extern uint32_t tier2_threshold;

/* Count one back-edge; true when tier2_backedge should be called. */
static inline bool tier2_counter_fires(CodeUnit *counter) {
    uint32_t w = *counter;
    if (w & TIER2_HAS_TRACE) return true;
    uint32_t limit = tier2_threshold << (w >> 16);
    if ((w & 0xFFFF) + 1 >= (limit > 0xFFFF ? 0xFFFF : limit)) return true;
    *counter = w + 1;
    return false;
}

/* The back-edge at `jump` (whose jump tier 1 has just made: f->next_instr
 * is the loop head, sp the stack there) is hot: run its trace, projecting
 * one first if needed. Returns the stack pointer to continue tier 1 with at
 * f->next_instr (unchanged when no trace ran), or NULL with an exception
 * set and f->instr_ptr / f->stack_top describing where (opt/trace.h). */
Value *tier2_backedge(Frame *f, CodeUnit *jump, Value *sp);

static inline void branch_record(CodeUnit *history, bool taken) {
    *history = (*history << 1) | (uint32_t)taken;
}

/* Options from main: -X jit=0|1 (else PYTHON_JIT), -X jit-threshold=N,
 * -X jit-stats, -X tier2=0, and the stress environment. */
void tier2_configure(const char *const *xoptions, int nxoptions);

#endif
