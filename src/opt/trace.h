/* trace.h — a tier-2 trace: a straight line of micro-ops that both the
 * micro-op interpreter and the JIT run, with the same contract.
 *
 * Running a trace takes (frame, sp) with sp the tier-1 stack pointer and
 * returns:
 *   sp'   the trace left through _EXIT_TRACE (or a side exit, which is an
 *         _EXIT_TRACE stub): the value stack is [stack base, sp') and
 *         frame->next_instr points at the tier-1 instruction to resume;
 *   NULL  an exception is set; frame->instr_ptr is the tier-1 instruction
 *         that raised and frame->stack_top the stack at that point.
 * "frame" is vm_frame when the trace returns: the frame it started in, or
 * a callee it pushed (_PUSH_FRAME) and has not popped, linked to its
 * caller exactly as tier 1's CALL links them (the caller's stack_top and
 * next_instr saved, after the CALL).
 *
 * Layout convention: the loop body comes first and ends in _JUMP_TO_TOP or
 * _EXIT_TRACE; the stubs that guards exit to follow it (one _EXIT_TRACE
 * each, as CPython places its exit stubs), reached only through
 * jump_target.
 */
#ifndef KRAIT_TRACE_H
#define KRAIT_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "uops.h"

/* Frames one trace may push (calls followed into their callees). */
#define TRACE_MAX_CALL_DEPTH 8

typedef struct UopInstr {
    uint16_t opcode;      /* UOP_* */
    uint16_t jump_target; /* trace index: side-exit stub or jump destination */
    uint32_t oparg;
    uint32_t target;      /* tier-1 code-unit index this micro-op came from */
    uint64_t operand;     /* a constant; a Value when UOPF_OBJECT */
} UopInstr;

typedef struct Trace {
    uint32_t length;
    UopInstr instrs[];
} Trace;

/* A zeroed trace with room for n instructions, on the GC heap (scanned, so
 * the Values in operands stay alive while the trace does). NULL: no memory. */
Trace *trace_new(uint32_t n);

/* Check the invariants every runner relies on: known opcodes, jump targets
 * in range, the last instruction terminal, and a stack depth that never
 * goes below zero (starting from entry_depth). 0 if valid; -1 with a
 * reason in *why otherwise. */
int trace_validate(const Trace *t, int entry_depth, const char **why);

/* -X jit-dump: print t to stderr, one micro-op per line (its index, name,
 * oparg, operand, tier-1 target and jump target), under `title`. */
void trace_dump(const Trace *t, const char *title);

#endif
