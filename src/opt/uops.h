/* uops.h — the tier-2 micro-op set: one X-macro table from which the enum,
 * names, stack effects and flags come. The bodies live in uops.def, written
 * once and included both by the micro-op interpreter (uop_interp.c) and by
 * the JIT's stencil template (src/jit/stencils/template.c).
 *
 * A micro-op is narrower than a tier-1 instruction: guards are separate
 * from actions (_GUARD_BOTH_INT then _BINARY_OP_ADD_INT), so the optimizer
 * can delete a guard it has proven. These first micro-ops are the
 * machine-code layer's test set; the lead maps them onto bytecodes.def's
 * split guard/action parts once tier 1 specialises.
 *
 * X(name, pops, pushes, flags)   the display name is "_" #name (CPython's
 * spelling); the enum constant is UOP_##name.
 */
#ifndef KRAIT_UOPS_H
#define KRAIT_UOPS_H

#include <stdint.h>

/* flags */
#define UOPF_ARG 1       /* uses oparg */
#define UOPF_OPERAND 2   /* uses the 64-bit operand */
#define UOPF_OBJECT 4    /* the operand is a Value the trace must keep alive */
#define UOPF_EXIT 8      /* may leave via jump_target (a side-exit stub) */
#define UOPF_JUMP 16     /* always continues at jump_target */
#define UOPF_TERMINAL 32 /* leaves the trace: no instruction follows it */
#define UOPF_ERROR 64    /* may raise (returns NULL to tier 1) */

#define UOPS(X) \
    X(NOP, 0, 0, 0) \
    X(LOAD_FAST, 0, 1, UOPF_ARG)                 /* ( -- local oparg) */ \
    X(STORE_FAST, 1, 0, UOPF_ARG)                /* (v -- ) */ \
    X(LOAD_CONST, 0, 1, UOPF_OPERAND | UOPF_OBJECT) /* ( -- operand) the constant itself, inlined */ \
    X(POP_TOP, 1, 0, 0)                          /* (v -- ) */ \
    X(GUARD_BOTH_INT, 2, 2, UOPF_EXIT)           /* exit unless both are small ints */ \
    X(GUARD_BOTH_FLOAT, 2, 2, UOPF_EXIT)         /* exit unless both are inline floats */ \
    X(BINARY_OP_ADD_INT, 2, 1, UOPF_EXIT)        /* exits (unchanged stack) if a big int cannot be made */ \
    X(BINARY_OP_SUBTRACT_INT, 2, 1, UOPF_EXIT) \
    X(BINARY_OP_MULTIPLY_INT, 2, 1, UOPF_EXIT)   /* exits on int64 overflow: tier 1 makes the big int */ \
    X(BINARY_OP_ADD_FLOAT, 2, 1, 0) \
    X(BINARY_OP_SUBTRACT_FLOAT, 2, 1, 0) \
    X(BINARY_OP_MULTIPLY_FLOAT, 2, 1, 0) \
    X(COMPARE_OP_INT, 2, 1, UOPF_ARG)            /* oparg: CMP_*; both known small ints */ \
    X(COMPARE_OP_FLOAT, 2, 1, UOPF_ARG)          /* both known inline floats */ \
    X(GUARD_IS_TRUE_POP, 1, 0, UOPF_EXIT)        /* (bool -- ) exit if False */ \
    X(GUARD_IS_FALSE_POP, 1, 0, UOPF_EXIT)       /* (bool -- ) exit if True */ \
    X(CHECK_SIGNALS, 0, 0, UOPF_EXIT)            /* exit when a signal is pending (loop heads) */ \
    X(JUMP_TO_TOP, 0, 0, UOPF_JUMP | UOPF_TERMINAL) /* continue at jump_target (the loop head) */ \
    X(EXIT_TRACE, 0, 0, UOPF_TERMINAL)           /* resume tier 1 at target */ \
    X(ERROR_EXIT, 0, 0, UOPF_TERMINAL | UOPF_ERROR) /* raise the set exception at target (tests) */

enum {
#define UOP_ENUM(name, pops, pushes, flags) UOP_##name,
    UOPS(UOP_ENUM)
#undef UOP_ENUM
    UOP_COUNT
};

extern const char *const uop_names[UOP_COUNT];
extern const uint8_t uop_pops[UOP_COUNT];
extern const uint8_t uop_pushes[UOP_COUNT];
extern const uint8_t uop_flags[UOP_COUNT];

#endif
