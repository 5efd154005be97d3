/* tier2_state.h — the few globals micro-op bodies write (uops.def). Plain
 * data only: the stencils refer to them by address. */
#ifndef KRAIT_TIER2_STATE_H
#define KRAIT_TIER2_STATE_H

#include <stdint.h>

/* How the last trace left: TIER2_EXIT_GUARD, _PLANNED or _LOOP_END (uops.h),
 * written by _EXIT_TRACE and read by the caller of the trace. */
extern uint32_t tier2_last_exit;
/* The side exit the last trace left through (_SIDE_EXIT), else NULL. */
extern struct TraceLink *tier2_exit_link;
/* Micro-ops run as machine code, counted by _COUNT_UOPS (-X jit-stats). */
extern uint64_t tier2_jit_uops;

#endif
