/* stencil_table.h — the stencils this build has, indexed by micro-op.
 * Everything here is NULL/0 when the build found no suitable clang. */
#ifndef KRAIT_JIT_STENCIL_TABLE_H
#define KRAIT_JIT_STENCIL_TABLE_H

#include "../opt/uops.h"
#include "stencil.h"

/* jit_stencils[UOP_x] is the stencil of micro-op x. */
extern const JitStencil *const jit_stencils[UOP_COUNT];
/* The C → preserve_none entry trampoline (its stencil name is _JIT_ENTER). */
extern const JitStencil *const jit_trampoline_stencil;
/* Every stencil, trampoline included, for tests and statistics. */
extern const JitStencil *const *const jit_all_stencils;
extern const int jit_all_stencil_count;
/* Why there are no stencils ("" when there are). */
extern const char *const jit_stencils_missing_reason;

#endif
