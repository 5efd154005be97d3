/* uop_macros.h — the part of uops.def's macro vocabulary that every runner
 * spells the same way: the value stack and locals live in the frame's
 * memory, addressed through the registers `f` and `sp`. The runners add
 * OPARG, OPERAND, TARGET, NEXT, EXIT_IF, JUMP_TO_JUMP_TARGET and
 * TRACE_RETURN (see uops.def). Also the headers every body may call into. */
#ifndef KRAIT_UOP_MACROS_H
#define KRAIT_UOP_MACROS_H

#include "../vm/frame.h"
#include "../vm/spec_ops.h"
#include "../objects/slice.h"
#include "../vm/vm.h"
#include "tier2_state.h"
#include "typed_ops.h"
#include "trace.h"

#define FRAME f
#define STACK_POINTER sp
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define PEEK(i) (sp[-(ptrdiff_t)(i)])
#define POKE(i, v) (sp[-(ptrdiff_t)(i)] = (v))
#define STACK_SHRINK(n) (sp -= (n))
#define STACK_GROW(n) (sp += (n))
#define LOCAL(i) (f->localsplus[(i)])
#define NAME(i) (tuple_items(f->code->names)[(i)])
#define SETLOCAL(i, v) (f->localsplus[(i)] = (v))
#define UOP(name) case UOP_##name:

/* Tracebacks and frame introspection read instr_ptr; tier 1 stores it on
 * entry to every instruction that may look at frames, a trace only where it
 * can matter (before calls out and on errors). */
#define SYNC_IP() (f->instr_ptr = f->code->code + TARGET)
/* The trace contract's error return (opt/trace.h). */
#define ERROR_IF(cond) \
    do { \
        if (__builtin_expect(!!(cond), 0)) { \
            f->stack_top = sp; \
            SYNC_IP(); \
            TRACE_RETURN(NULL); \
        } \
    } while (0)

#endif
