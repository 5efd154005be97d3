/* uop_interp.c — the micro-op interpreter. The bodies are uops.def; this
 * file supplies an instruction pointer into the trace and the transfers. */
#include "uop_interp.h"

#include "../vm/vm.h"
#include "uop_macros.h"

#define OPARG (inst->oparg)
#define OPERAND (inst->operand)
#define TARGET (inst->target)
#define NEXT() do { inst++; goto dispatch; } while (0)
#define JUMP_TO_JUMP_TARGET() do { inst = &t->instrs[inst->jump_target]; goto dispatch; } while (0)
#define EXIT_IF(cond) do { if (cond) JUMP_TO_JUMP_TARGET(); } while (0)
#define TRACE_RETURN(v) return (v)

Value *uop_run(const Trace *t, Frame *f, Value *sp) {
    const UopInstr *inst = t->instrs;
dispatch:
    switch (inst->opcode) {
#include "uops.def"
    }
    /* trace_validate rejects unknown opcodes; reaching here is a bug. */
    return NULL;
}
