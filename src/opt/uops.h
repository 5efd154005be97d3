/* uops.h — the tier-2 micro-op set: one X-macro table from which the enum,
 * names, stack effects and flags come. The bodies live in uops.def, written
 * once and included both by the micro-op interpreter (uop_interp.c) and by
 * the JIT's stencil template (src/jit/stencils/template.c).
 *
 * A micro-op is narrower than a tier-1 instruction: guards are separate
 * from actions (_GUARD_BOTH_INT then _BINARY_OP_ADD_INT), so the optimizer
 * can delete a guard it has proven. Guards and actions are the named
 * GUARD_* / action_* of vm/spec_ops.h and the helpers of vm/frame.h, the
 * same code tier 1's specialised instructions are made of.
 *
 * X(name, pops, pushes, flags)   the display name is "_" #name (CPython's
 * spelling); the enum constant is UOP_##name. With UOPF_VAR_POPS /
 * UOPF_VAR_PUSHES the oparg is added to pops / pushes (uop_stack_effect).
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
#define UOPF_VAR_POPS 128    /* pops `pops + oparg` */
#define UOPF_VAR_PUSHES 256  /* pushes `pushes + oparg` */
#define UOPF_PUSHES_FRAME 512 /* after its pops and pushes, a callee's (empty) stack is current */
#define UOPF_POPS_FRAME 1024  /* after its pops, the caller's stack is current again (then its pushes) */
#define UOPF_VAR_POPS_2 2048  /* pops `pops + 2 * oparg` (key/value pairs) */
/* Works on the float registers F0..F3 (opt/opt_fregs.c): valid when the
 * number of live float registers is in [lo, hi]; it changes by delta. Every
 * other micro-op needs none live. */
#define UOPF_FREG 4096
#define FDEPTH(lo, hi, delta) (UOPF_FREG | (lo) << 16 | (hi) << 20 | ((delta) + 8) << 24)
#define FDEPTH_LO(flags) ((int)((flags) >> 16 & 15))
#define FDEPTH_HI(flags) ((int)((flags) >> 20 & 15))
#define FDEPTH_DELTA(flags) ((int)((flags) >> 24 & 15) - 8)
#define FREG_COUNT 4

#define UOPF_A UOPF_ARG
#define UOPF_O (UOPF_OPERAND | UOPF_OBJECT)

#define UOPS(X) \
    X(NOP, 0, 0, 0) \
    /* ---- locals, constants, stack shuffles ---- */ \
    X(LOAD_FAST, 0, 1, UOPF_A)                   /* ( -- local oparg) */ \
    X(LOAD_FAST_CHECK, 0, 1, UOPF_A | UOPF_EXIT) /* exit (tier 1 raises) if unbound */ \
    X(STORE_FAST, 1, 0, UOPF_A)                  /* (v -- ) */ \
    X(LOAD_CONST, 0, 1, UOPF_O)                  /* ( -- operand) the constant itself, inlined */ \
    X(POP_TOP, 1, 0, 0)                          /* (v -- ) closes a loop-owned generator */ \
    X(PUSH_NULL, 0, 1, 0) \
    X(COPY, 0, 1, UOPF_A) \
    X(LOAD_DEREF, 0, 1, UOPF_A | UOPF_EXIT)      /* ( -- cell oparg's contents); exit (tier 1 raises) if unbound */ \
    X(STORE_DEREF, 1, 0, UOPF_A) \
    X(MAKE_CELL, 0, 0, UOPF_A | UOPF_ERROR)      /* local oparg becomes a cell holding its value */ \
    X(COPY_FREE_VARS, 0, 0, UOPF_A | UOPF_ERROR) /* the function's closure into the last oparg slots */ \
    X(SWAP, 0, 0, UOPF_A) \
    /* ---- guards on operand types (exit before touching the stack) ---- */ \
    X(GUARD_BOTH_INT, 2, 2, UOPF_EXIT)           /* both small ints */ \
    X(GUARD_BOTH_FLOAT, 2, 2, UOPF_EXIT)         /* both inline floats */ \
    X(GUARD_BOTH_UNICODE, 2, 2, UOPF_EXIT)       /* both exact str */ \
    X(GUARD_BOTH_COMPLEX, 2, 2, UOPF_EXIT)       /* both exact complex */ \
    X(GUARD_TRUE_DIVIDE, 2, 2, UOPF_EXIT)        /* both small ints or inline floats, the divisor not zero */ \
    X(GUARD_NOS_TYPE, 2, 2, UOPF_OPERAND | UOPF_EXIT) /* PEEK(2) is exactly the Type *operand */ \
    X(GUARD_LIST_INT, 2, 2, UOPF_EXIT)           /* (list index): exact list, index in range */ \
    X(GUARD_TUPLE_INT, 2, 2, UOPF_EXIT)          /* (tuple index): exact tuple, index in range */ \
    X(GUARD_TYPE_VERSION, 1, 1, UOPF_OPERAND | UOPF_EXIT) /* TOS's type has version operand */ \
    X(GUARD_SHAPE, 1, 1, UOPF_OPERAND | UOPF_EXIT) /* TOS has shape operand, no dict */ \
    X(GUARD_GLOBALS_ENTRY, 0, 0, UOPF_A | UOPF_O | UOPF_EXIT)  /* globals entry oparg binds operand */ \
    X(GUARD_BUILTINS_ENTRY, 0, 0, UOPF_A | UOPF_O | UOPF_EXIT) /* builtins entry oparg binds operand */ \
    X(GUARD_GLOBALS_LACK, 0, 0, UOPF_A | UOPF_OPERAND | UOPF_EXIT) /* globals lack names[oparg]; operand: version cache */ \
    X(GUARD_UNPACK_TUPLE, 1, 1, UOPF_A | UOPF_EXIT) /* exact tuple of oparg items */ \
    X(GUARD_UNPACK_LIST, 1, 1, UOPF_A | UOPF_EXIT)  /* exact list of oparg items */ \
    X(GUARD_ITER_RANGE, 1, 1, UOPF_EXIT)         /* a range iterator yielding small ints */ \
    X(GUARD_ITER_LIST, 1, 1, UOPF_EXIT) \
    X(GUARD_ITER_TUPLE, 1, 1, UOPF_EXIT) \
    X(GUARD_CALL_BUILTIN, 0, 0, UOPF_A | UOPF_EXIT) /* builtin function, no self slot */ \
    X(GUARD_CALLABLE, 0, 0, UOPF_A | UOPF_O | UOPF_EXIT) /* callable is operand, no self slot */ \
    X(GUARD_LIST_APPEND, 0, 0, UOPF_O | UOPF_EXIT) /* (append list v): the cached append, exact list */ \
    /* ---- arithmetic and comparison actions (their guards proven) ---- */ \
    X(BINARY_OP_ADD_INT, 2, 1, UOPF_ERROR) \
    X(BINARY_OP_SUBTRACT_INT, 2, 1, UOPF_ERROR) \
    X(BINARY_OP_MULTIPLY_INT, 2, 1, UOPF_ERROR)  /* overflow: a big int, as tier 1 */ \
    X(BINARY_OP_ADD_FLOAT, 2, 1, 0) \
    X(BINARY_OP_SUBTRACT_FLOAT, 2, 1, 0) \
    X(BINARY_OP_MULTIPLY_FLOAT, 2, 1, 0) \
    X(BINARY_OP_ADD_UNICODE, 2, 1, UOPF_ERROR) \
    X(BINARY_OP_COMPLEX, 2, 1, UOPF_A | UOPF_ERROR) /* + - * (oparg NB_*) of two exact complex */ \
    X(COMPARE_OP_INT, 2, 1, UOPF_A)              /* oparg: CMP_* */ \
    X(COMPARE_OP_FLOAT, 2, 1, UOPF_A) \
    X(COMPARE_OP_STR, 2, 1, UOPF_A) \
    /* ---- generic operations: the tier-1 helpers, may run any code ---- */ \
    X(BINARY_OP, 2, 1, UOPF_A | UOPF_ERROR)      /* oparg: NB_* */ \
    X(COMPARE_OP, 2, 1, UOPF_A | UOPF_ERROR) \
    X(IS_OP, 2, 1, UOPF_A) \
    X(CONTAINS_OP, 2, 1, UOPF_A | UOPF_ERROR) \
    X(UNARY_NEGATIVE, 1, 1, UOPF_ERROR) \
    X(UNARY_NOT, 1, 1, UOPF_ERROR) \
    X(TO_BOOL, 1, 1, UOPF_ERROR)                 /* (v -- bool(v)); its error pops v (POP_JUMP_IF_*) */ \
    X(BINARY_SUBSCR, 2, 1, UOPF_ERROR) \
    X(STORE_SUBSCR, 3, 0, UOPF_ERROR) \
    X(LOAD_GLOBAL, 0, 1, UOPF_O | UOPF_ERROR)    /* ( -- globals/builtins[operand]) */ \
    X(LOAD_ATTR, 1, 1, UOPF_O | UOPF_ERROR)      /* (owner -- owner.operand) */ \
    X(LOAD_METHOD, 1, 2, UOPF_O | UOPF_ERROR)    /* (owner -- meth self_or_null) */ \
    X(STORE_ATTR, 2, 0, UOPF_O | UOPF_ERROR)     /* (v owner -- ) */ \
    X(UNPACK_SEQUENCE, 1, 0, UOPF_A | UOPF_ERROR | UOPF_VAR_PUSHES) \
    X(BUILD_TUPLE, 0, 1, UOPF_A | UOPF_ERROR | UOPF_VAR_POPS) \
    X(BUILD_LIST, 0, 1, UOPF_A | UOPF_ERROR | UOPF_VAR_POPS) \
    X(LIST_APPEND, 1, 0, UOPF_A | UOPF_ERROR) \
    X(FOR_ITER, 1, 2, UOPF_EXIT | UOPF_ERROR)    /* exhausted: pop, exit to the loop's end */ \
    /* ---- generic instructions whose bodies are vm/generic_ops.def ---- */ \
    X(MAKE_FUNCTION, 1, 1, UOPF_ERROR) \
    X(SET_FUNCTION_ATTRIBUTE, 2, 1, UOPF_A | UOPF_ERROR) \
    X(GET_ITER, 1, 1, UOPF_ERROR) \
    X(BUILD_SET, 0, 1, UOPF_A | UOPF_ERROR | UOPF_VAR_POPS) \
    X(BUILD_MAP, 0, 1, UOPF_A | UOPF_ERROR | UOPF_VAR_POPS_2) \
    X(BUILD_STRING, 0, 1, UOPF_A | UOPF_ERROR | UOPF_VAR_POPS) \
    X(SET_ADD, 1, 0, UOPF_A | UOPF_ERROR) \
    X(MAP_ADD, 2, 0, UOPF_A | UOPF_ERROR) \
    X(LIST_EXTEND, 1, 0, UOPF_A | UOPF_ERROR) \
    X(SET_UPDATE, 1, 0, UOPF_A | UOPF_ERROR) \
    X(DICT_UPDATE, 1, 0, UOPF_A | UOPF_ERROR) \
    X(BUILD_SLICE, 0, 1, UOPF_A | UOPF_ERROR | UOPF_VAR_POPS) \
    X(BINARY_SLICE, 3, 1, UOPF_ERROR) \
    X(STORE_SLICE, 4, 0, UOPF_ERROR) \
    X(FORMAT_SIMPLE, 1, 1, UOPF_ERROR) \
    X(FORMAT_WITH_SPEC, 2, 1, UOPF_ERROR) \
    X(CONVERT_VALUE, 1, 1, UOPF_A | UOPF_ERROR) \
    X(UNARY_INVERT, 1, 1, UOPF_ERROR) \
    X(STORE_GLOBAL, 1, 0, UOPF_A | UOPF_ERROR) \
    /* ---- specialised actions ---- */ \
    X(BINARY_SUBSCR_LIST_INT, 2, 1, 0) \
    X(BINARY_SUBSCR_TUPLE_INT, 2, 1, 0) \
    X(BINARY_SUBSCR_DICT, 2, 1, UOPF_ERROR) \
    X(STORE_SUBSCR_LIST_INT, 3, 0, 0) \
    X(STORE_SUBSCR_DICT, 3, 0, UOPF_ERROR) \
    X(LOAD_GLOBAL_ENTRY, 0, 1, UOPF_A)           /* ( -- globals entry oparg) */ \
    X(LOAD_BUILTIN_ENTRY, 0, 1, UOPF_A)          /* ( -- builtins entry oparg) */ \
    X(LOAD_ATTR_INSTANCE_VALUE, 1, 1, UOPF_A)    /* oparg: slot */ \
    X(STORE_ATTR_INSTANCE_VALUE, 2, 0, UOPF_A) \
    X(UNPACK_ITEMS_TUPLE, 1, 0, UOPF_A | UOPF_VAR_PUSHES) \
    X(UNPACK_ITEMS_LIST, 1, 0, UOPF_A | UOPF_VAR_PUSHES) \
    X(FOR_ITER_RANGE, 1, 2, UOPF_EXIT)           /* exhausted: pop, exit to the loop's end */ \
    X(FOR_ITER_LIST, 1, 2, UOPF_EXIT) \
    X(FOR_ITER_TUPLE, 1, 2, UOPF_EXIT) \
    X(GUARD_ITER_GEN, 1, 1, UOPF_EXIT)           /* a generator that is not running */ \
    X(FOR_ITER_GEN, 1, 2, UOPF_EXIT | UOPF_ERROR) /* resume it; returned: pop, exit to the loop's end */ \
    X(CALL_BUILTIN, 2, 1, UOPF_A | UOPF_ERROR | UOPF_VAR_POPS) /* (callable NULL args[oparg] -- res) */ \
    X(CALL_LEN, 3, 1, UOPF_ERROR) \
    X(CALL_LIST_APPEND, 3, 1, UOPF_ERROR) \
    X(LOAD_ATTR_METHOD, 1, 2, UOPF_O)            /* (owner -- operand owner): a method found on the class */ \
    X(LOAD_ATTR_POLY, 1, 1, UOPF_O | UOPF_EXIT)  /* (owner -- attr) by tier 1's AttrPolyCache operand; exit if no entry fits */ \
    X(LOAD_METHOD_POLY, 1, 2, UOPF_O | UOPF_EXIT) /* (owner -- meth owner) or (owner -- attr NULL), the same */ \
    X(GUARD_ANY_TYPE_VERSION, 1, 1, UOPF_OPERAND | UOPF_EXIT) /* TOS (any value) has a type of version operand */ \
    X(GUARD_MODULE_ENTRY, 1, 1, UOPF_A | UOPF_O | UOPF_EXIT) /* TOS is a module whose dict entry oparg binds operand */ \
    X(LOAD_ATTR_MODULE, 1, 1, UOPF_A)            /* (module -- its dict entry oparg) */ \
    X(CALL, 2, 1, UOPF_A | UOPF_ERROR | UOPF_VAR_POPS) /* (callable self_or_null args[oparg] -- res) any call, run by obj_call */ \
    /* ---- Python calls: the callee's frame is pushed and run inside the trace ---- */ \
    X(GUARD_FUNCTION, 0, 0, UOPF_A | UOPF_O | UOPF_EXIT) /* (callable self_or_null args[oparg]): a function whose code is operand, taking them exactly */ \
    X(GUARD_FUNCTION_DEFAULTS, 0, 0, UOPF_A | UOPF_O | UOPF_EXIT) /* the same, missing arguments have defaults */ \
    X(GUARD_FUNCTION_VERSION, 0, 0, UOPF_A | UOPF_O | UOPF_EXIT) /* the function operand still has version oparg */ \
    X(GUARD_BOUND_METHOD, 0, 0, UOPF_A | UOPF_O | UOPF_EXIT) /* callable is a bound method of function operand, no self pushed */ \
    X(INIT_BOUND_METHOD, 0, 0, UOPF_A)           /* (method NULL args -- func self args) */ \
    X(PUSH_FRAME, 2, 0, UOPF_A | UOPF_O | UOPF_ERROR | UOPF_VAR_POPS | UOPF_PUSHES_FRAME) /* call operand; the callee's frame becomes current */ \
    X(PUSH_FRAME_DEFAULTS, 2, 0, UOPF_A | UOPF_O | UOPF_ERROR | UOPF_VAR_POPS | UOPF_PUSHES_FRAME) \
    X(RETURN_VALUE, 1, 1, UOPF_POPS_FRAME)                     /* (v -- ) in the callee, ( -- v) in its caller, current again */ \
    X(GUARD_CALLER, 0, 0, UOPF_A | UOPF_O | UOPF_EXIT) /* a bridge's return: the caller runs code operand and resumes at oparg & 0xFFFFFF (its stack depth: oparg >> 24) */ \
    /* ---- branches: pop, then exit if the value differs from the projection ---- */ \
    X(GUARD_IS_TRUE_POP, 1, 0, UOPF_EXIT)        /* (bool -- ) exit if False */ \
    X(GUARD_IS_FALSE_POP, 1, 0, UOPF_EXIT)       /* (bool -- ) exit if True */ \
    X(GUARD_IS_NONE_POP, 1, 0, UOPF_EXIT) \
    X(GUARD_IS_NOT_NONE_POP, 1, 0, UOPF_EXIT) \
    /* ---- typed forms the optimizer rewrites to (opt/opt_abstract.c) ---- */ \
    X(INT_TO_FLOAT_TOS, 1, 1, 0)                 /* the small int on top becomes the float of its value */ \
    X(INT_TO_FLOAT_NOS, 2, 2, 0)                 /* the same for the item below the top */ \
    X(GUARD_NONZERO_DIVISOR, 1, 1, UOPF_EXIT)    /* TOS (small int or float) is not zero: else tier 1 raises */ \
    X(BINARY_OP_TRUE_DIVIDE_FLOAT, 2, 1, 0)      /* floats or small ints, the divisor not zero */ \
    X(BINARY_OP_POWER_FLOAT, 2, 1, UOPF_ERROR)   /* two floats: float.__pow__ (may make a complex) */ \
    X(BINARY_OP_FLOOR_DIVIDE_INT, 2, 1, UOPF_ERROR) /* two small ints, the divisor not zero (error: no memory) */ \
    X(BINARY_OP_REMAINDER_INT, 2, 1, 0)          /* two small ints, the divisor not zero */ \
    X(GUARD_ITER_RANGE_SMALL, 1, 1, UOPF_EXIT)   /* a range iterator all of whose values left are small ints */ \
    X(GUARD_TOS_INT, 1, 1, UOPF_EXIT)            /* _GUARD_BOTH_INT with NOS already known a small int */ \
    X(GUARD_NOS_INT, 2, 2, UOPF_EXIT)            /* … with TOS already known */ \
    X(GUARD_TOS_FLOAT, 1, 1, UOPF_EXIT)          /* _GUARD_BOTH_FLOAT with NOS already known a float */ \
    X(GUARD_NOS_FLOAT, 2, 2, UOPF_EXIT) \
    X(LOAD_FAST_LOAD_FAST, 0, 2, UOPF_A | UOPF_OPERAND) /* ( -- local oparg, local operand) */ \
    X(LOCAL_ADD_FLOAT, 1, 0, UOPF_A)             /* (v -- ), local oparg = local oparg + v (both floats) */ \
    X(LOCAL_SUBTRACT_FLOAT, 1, 0, UOPF_A) \
    X(LOCAL_MULTIPLY_FLOAT, 1, 0, UOPF_A) \
    X(STORE_FAST_LOAD_FAST, 1, 1, UOPF_A | UOPF_OPERAND) /* (v -- local operand), v into local oparg */ \
    X(STORE_FAST_STORE_FAST, 2, 0, UOPF_A | UOPF_OPERAND) /* (w v -- ), v into local oparg, w into local operand */ \
    X(COMPARE_INT_GUARD_TRUE, 2, 0, UOPF_A | UOPF_EXIT)   /* _COMPARE_OP_INT then _GUARD_IS_TRUE_POP */ \
    X(COMPARE_INT_GUARD_FALSE, 2, 0, UOPF_A | UOPF_EXIT)  /* … then _GUARD_IS_FALSE_POP */ \
    X(COMPARE_FLOAT_GUARD_TRUE, 2, 0, UOPF_A | UOPF_EXIT) \
    X(COMPARE_FLOAT_GUARD_FALSE, 2, 0, UOPF_A | UOPF_EXIT) \
    UOPS_FREG(X) \
    /* ---- trace control ---- */ \
    X(CHECK_SIGNALS, 0, 0, UOPF_EXIT)            /* exit when a signal is pending (loop heads) */ \
    X(COUNT_UOPS, 0, 0, UOPF_A)                  /* -X jit-stats: add oparg to the machine-code count */ \
    X(JUMP_TO_TOP, 0, 0, UOPF_JUMP | UOPF_TERMINAL) /* continue at jump_target (the loop head) */ \
    X(EXIT_TRACE, 0, 0, UOPF_A | UOPF_TERMINAL)  /* resume tier 1 at target; oparg: TIER2_EXIT_* kind */ \
    X(SIDE_EXIT, 0, 0, UOPF_A | UOPF_O | UOPF_TERMINAL) /* a guard's or loop end's stub (oparg: TIER2_EXIT_*): go on in the bridge of link operand, else resume tier 1 at target */ \
    X(GOTO_TRACE, 0, 0, UOPF_O | UOPF_TERMINAL)  /* a bridge's end: go on in the loop trace of link operand, else resume tier 1 at target */ \
    X(ERROR_EXIT, 0, 0, UOPF_TERMINAL | UOPF_ERROR) /* raise the set exception at target (tests) */

/* ---- float registers (opt/opt_fregs.c) ----
 * A float expression whose operands the optimizer has proven runs in the
 * registers F0..F3 (xmm0-xmm3 in machine code) instead of through the value
 * stack: no boxing between operations. Live registers form a stack above the
 * value stack: Fr is the r-th from the bottom. `_r` in a name is the
 * register it writes (loads) or its top operand (binary: F(r-1) op Fr into
 * F(r-1)); `_M`: the left operand is the value stack's top, the right F0;
 * `_MM`: both from the value stack, the result in F0. An _INT form holds a
 * small int (exact in a double). Spills box Fr into sp[r] (the last also
 * moves sp past them): a region ends with none live.
 * In a peeled loop one float local may also be *resident* in F3 from the
 * loop head on (its loop-carried chain then never goes through memory);
 * the frame keeps its boxed value too (every store writes both), so exits
 * find it where tier 1 does. Regions in that loop use F0..F2. */
#define FREGS_LOAD(X, name, flags) \
    X(name##_0, 0, 0, (flags) | FDEPTH(0, 0, 1)) X(name##_1, 0, 0, (flags) | FDEPTH(1, 1, 1)) \
    X(name##_2, 0, 0, (flags) | FDEPTH(2, 2, 1)) X(name##_3, 0, 0, (flags) | FDEPTH(3, 3, 1))
#define FREGS_BINARY(X, name) \
    X(name##_1, 0, 0, FDEPTH(2, 2, -1)) X(name##_2, 0, 0, FDEPTH(3, 3, -1)) \
    X(name##_3, 0, 0, FDEPTH(4, 4, -1)) X(name##_M, 1, 0, FDEPTH(1, 1, 0)) \
    X(name##_MM, 2, 0, FDEPTH(0, 0, 1))
#define FREGS_STORE(X, name) \
    X(name##_0, 0, 0, UOPF_A | FDEPTH(1, 1, -1)) X(name##_1, 0, 0, UOPF_A | FDEPTH(2, 2, -1)) \
    X(name##_2, 0, 0, UOPF_A | FDEPTH(3, 3, -1)) X(name##_3, 0, 0, UOPF_A | FDEPTH(4, 4, -1))
#define FREGS_SPILL(X, name) \
    X(name##_0, 0, 0, FDEPTH(2, 4, 0)) X(name##_1, 0, 0, FDEPTH(3, 4, 0)) \
    X(name##_2, 0, 0, FDEPTH(4, 4, 0))
#define FREGS_SPILL_LAST(X, name) \
    X(name##_0, 0, 1, FDEPTH(1, 1, -1)) X(name##_1, 0, 2, FDEPTH(2, 2, -2)) \
    X(name##_2, 0, 3, FDEPTH(3, 3, -3)) X(name##_3, 0, 4, FDEPTH(4, 4, -4))
#define UOPS_FREG(X) \
    FREGS_LOAD(X, F_LOAD_LOCAL, UOPF_A)       /* Fr = local oparg, a float */ \
    FREGS_LOAD(X, F_LOAD_LOCAL_INT, UOPF_A)   /* Fr = local oparg, a small int */ \
    FREGS_LOAD(X, F_LOAD_CONST, UOPF_OPERAND) /* Fr = the double whose bits are operand */ \
    FREGS_BINARY(X, F_ADD) FREGS_BINARY(X, F_SUBTRACT) FREGS_BINARY(X, F_MULTIPLY) \
    FREGS_STORE(X, F_STORE_LOCAL)             /* local oparg = Fr, then Fr is dead */ \
    FREGS_SPILL(X, F_SPILL) FREGS_SPILL(X, F_SPILL_INT) \
    FREGS_SPILL_LAST(X, F_SPILL_LAST) FREGS_SPILL_LAST(X, F_SPILL_LAST_INT) \
    X(F_COMPARE_GUARD_TRUE, 0, 0, UOPF_A | UOPF_EXIT | FDEPTH(2, 2, -2)) /* F0 oparg F1, both dead; exit if false */ \
    X(F_LOAD_RESIDENT, 0, 0, UOPF_A | FDEPTH(0, 0, 0))  /* F3 = local oparg for the whole loop */ \
    X(F_COPY_RESIDENT_0, 0, 0, FDEPTH(0, 0, 1))         /* Fr = F3 */ \
    X(F_COPY_RESIDENT_1, 0, 0, FDEPTH(1, 1, 1)) \
    X(F_COPY_RESIDENT_2, 0, 0, FDEPTH(2, 2, 1)) \
    X(F_STORE_RESIDENT_0, 0, 0, UOPF_A | FDEPTH(1, 1, -1)) /* F3 = Fr, local oparg = Fr too */ \
    X(F_STORE_RESIDENT_1, 0, 0, UOPF_A | FDEPTH(2, 2, -1)) \
    X(F_STORE_RESIDENT_2, 0, 0, UOPF_A | FDEPTH(3, 3, -1)) \
    X(F_COMPARE_GUARD_FALSE, 0, 0, UOPF_A | UOPF_EXIT | FDEPTH(2, 2, -2))

enum {
#define UOP_ENUM(name, pops, pushes, flags) UOP_##name,
    UOPS(UOP_ENUM)
#undef UOP_ENUM
    UOP_COUNT
};

/* Why a trace left (the oparg of _EXIT_TRACE / _SIDE_EXIT, reported in
 * tier2_last_exit): a guard failed (the trace's assumption broke, a
 * de-optimisation), a planned end (the trace's last translatable
 * instruction, a pending signal), or the loop ended (its iterator ran out,
 * a branch left it) — planned too, but worth a bridge when it is hot: in
 * nested loops an inner loop ends once per outer iteration. */
enum { TIER2_EXIT_GUARD = 0, TIER2_EXIT_PLANNED = 1, TIER2_EXIT_LOOP_END = 2 };

extern const char *const uop_names[UOP_COUNT];
extern const uint8_t uop_pops[UOP_COUNT];
extern const uint8_t uop_pushes[UOP_COUNT];
extern const uint32_t uop_flags[UOP_COUNT];

/* Items popped and pushed by a micro-op with this oparg. */
static inline void uop_stack_effect(int op, uint32_t oparg, int *pops, int *pushes) {
    *pops = uop_pops[op] + ((uop_flags[op] & UOPF_VAR_POPS) ? (int)oparg : 0) +
            ((uop_flags[op] & UOPF_VAR_POPS_2) ? 2 * (int)oparg : 0);
    *pushes = uop_pushes[op] + ((uop_flags[op] & UOPF_VAR_PUSHES) ? (int)oparg : 0);
}

#endif
