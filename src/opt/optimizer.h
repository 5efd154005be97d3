/* optimizer.h — tier 2's optimizer: an abstract interpretation of a
 * projected loop body (opt/projector.h) that deletes the guards an earlier
 * guard or a known result already proves. */
#ifndef KRAIT_OPTIMIZER_H
#define KRAIT_OPTIMIZER_H

#include "projector.h"

/* Rewrite b in place; returns the number of micro-ops removed. */
uint32_t tier2_optimize(TraceBuilder *b, const CodeObject *co, int entry_depth);

#endif
