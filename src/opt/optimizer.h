/* optimizer.h — tier 2's optimizer: peels a first iteration off a
 * projected loop so that the loop proper starts knowing what does not
 * change between iterations, removes the guards the facts prove and
 * rewrites generic arithmetic on known numbers to typed micro-ops
 * (optimizer.c, opt_abstract.c). */
#ifndef KRAIT_OPTIMIZER_H
#define KRAIT_OPTIMIZER_H

#include "projector.h"

/* Rewrite b in place (b->n, b->loop_start); returns the number of guards
 * it proved and removed. */
uint32_t tier2_optimize(TraceBuilder *b, const CodeObject *co, int entry_depth);

/* Float expressions into the float registers (opt_fregs.c); runs before
 * fusion. */
void tier2_fregs(TraceBuilder *b, int entry_depth);

/* The last pass (opt_fuse.c): adjacent micro-ops that always run together
 * become one; b->loop_start stays the start of a micro-op. */
void tier2_fuse(TraceBuilder *b);

#endif
