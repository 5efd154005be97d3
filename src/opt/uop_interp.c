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
#define FREG(r) f##r
#define GOTO_LINK(link) do { t = (link)->trace; inst = t->instrs; goto dispatch; } while (0)

/* Threaded dispatch: each body ends in its own indirect jump to the next
 * micro-op's label (computed goto), which predicts better than one shared
 * switch and skips its bounds check; trace_validate has rejected unknown
 * opcodes already. The loop is written out twice, once counting micro-ops
 * for -X jit-stats: a label's address cannot be shared between copies of
 * an inlined function. */
#undef UOP
#define UOP(name) L_##name:
#define UOP_LABEL(name, pops, pushes, flags) &&L_##name,

Value *uop_run(const Trace *t, Frame *f, Value *sp) {
    static const void *const labels[UOP_COUNT] = {UOPS(UOP_LABEL)};
    const UopInstr *inst = t->instrs;
    double f0 = 0, f1 = 0, f2 = 0, f3 = 0; /* the float registers */
dispatch:
    goto *labels[inst->opcode];
#include "uops.def"
}

Value *uop_run_counted(const Trace *t, Frame *f, Value *sp, uint64_t *count) {
    static const void *const labels[UOP_COUNT] = {UOPS(UOP_LABEL)};
    const UopInstr *inst = t->instrs;
    double f0 = 0, f1 = 0, f2 = 0, f3 = 0; /* the float registers */
dispatch:
    (*count)++;
    goto *labels[inst->opcode];
#include "uops.def"
}
