/* uop_interp.c — the micro-op interpreter. The bodies are uops.def; this
 * file supplies an instruction pointer into the trace and the transfers. */
#include "uop_interp.h"

#include "uop_macros.h"

#define OPARG (inst->oparg)
#define OPERAND (inst->operand)
#define TARGET (inst->target)
#define NEXT() do { inst++; goto dispatch; } while (0)
#define JUMP_TO_JUMP_TARGET() do { inst = &t->instrs[inst->jump_target]; goto dispatch; } while (0)
#define EXIT_IF(cond) do { if (cond) JUMP_TO_JUMP_TARGET(); } while (0)
#define TRACE_RETURN(v) return (v)
#define LINK_READY(link) ((link)->trace != NULL)
#define GOTO_LINK(link) do { t = (link)->trace; inst = t->instrs; goto dispatch; } while (0)

/* One loop, instantiated twice: `counted` is a constant in each caller, so
 * the uncounted interpreter carries no counting code. */
static inline __attribute__((always_inline)) Value *run(const Trace *t, Frame *f, Value *sp,
                                                       uint64_t *counted) {
    const UopInstr *inst = t->instrs;
dispatch:
    if (counted) (*counted)++;
    switch (inst->opcode) {
#include "uops.def"
    }
    /* trace_validate rejects unknown opcodes; reaching here is a bug. */
    return NULL;
}

Value *uop_run(const Trace *t, Frame *f, Value *sp) { return run(t, f, sp, NULL); }

Value *uop_run_counted(const Trace *t, Frame *f, Value *sp, uint64_t *count) {
    return run(t, f, sp, count);
}
