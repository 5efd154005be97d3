/* stencil_table.c — binds the generated stencils (jit_stencils.h, written
 * at build time by tools/jit/extract.c) to micro-op numbers. The only file
 * that includes the generated header: it declares the C symbols the holes
 * name as `extern char sym[]` (only their addresses are used), so this
 * file must not include the headers that declare those symbols properly. */
#include "stencil_table.h"

#include "jit_stencils.h"

#if JIT_HAVE_STENCILS

/* A micro-op without a stencil is a build error here, not a run-time NULL. */
#define STENCIL_ENTRY(name, pops, pushes, flags) [UOP_##name] = &jit_stencil_##name,
const JitStencil *const jit_stencils[UOP_COUNT] = { UOPS(STENCIL_ENTRY) };
#undef STENCIL_ENTRY

const JitStencil *const jit_trampoline_stencil = &jit_stencil_JIT_ENTER;
static const JitStencil *const all_stencils[] = { JIT_ALL_STENCILS };
const JitStencil *const *const jit_all_stencils = all_stencils;
const int jit_all_stencil_count = (int)(sizeof all_stencils / sizeof *all_stencils);
const char *const jit_stencils_missing_reason = "";

#else

const JitStencil *const jit_stencils[UOP_COUNT];
const JitStencil *const jit_trampoline_stencil = NULL;
const JitStencil *const *const jit_all_stencils = NULL;
const int jit_all_stencil_count = 0;
const char *const jit_stencils_missing_reason = JIT_UNAVAILABLE_REASON;

#endif
