/* uop_interp.h — the tier-2 micro-op interpreter: runs a trace without
 * machine code (JIT off or unavailable), and is the reference the JIT is
 * tested against. */
#ifndef KRAIT_UOP_INTERP_H
#define KRAIT_UOP_INTERP_H

#include "../vm/frame.h"
#include "trace.h"

/* Run t on frame f whose value stack ends at sp; the result follows the
 * contract in trace.h. */
Value *uop_run(const Trace *t, Frame *f, Value *sp);
/* The same, adding the number of micro-ops dispatched to *count. */
Value *uop_run_counted(const Trace *t, Frame *f, Value *sp, uint64_t *count);

#endif
