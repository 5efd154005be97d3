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

/* Where a side exit can continue without returning to tier 1 (a bridge:
 * a trace projected from the exit's tier-1 instruction once the exit got
 * hot), or — as a trace's entry link — the trace a bridge ends in. The
 * micro-op interpreter follows `trace`, machine code jumps to `code`; each
 * is NULL until there is something to go to (or after the target was
 * dropped). Links live on the GC heap; `owner` keeps the target alive. */
typedef struct TraceLink {
    const struct Trace *trace;
    void *code;                /* machine-code entry (same calling convention) */
    void *owner;               /* the executor the link leads to */
    const void *co;            /* side exits: the code object of exit_pc */
    uint32_t exit_pc;          /* side exits: the tier-1 instruction resumed */
    uint16_t hits;             /* side exits: times taken while unlinked */
    uint8_t backoff;           /* failed attempts to make a bridge */
    uint8_t generation;        /* 0 on a loop's trace, n+1 on a bridge's exits */
    uint8_t from_guard;        /* exit re-runs the instruction whose guard failed */
} TraceLink;

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
