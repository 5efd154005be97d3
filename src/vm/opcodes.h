/* opcodes.h — the instruction set: one X-macro table from which the opcode
 * enum, names (for dis), cache sizes and flags are all generated.
 *
 * Code format: a code object's bytecode is an array of 32-bit CodeUnits.
 *   unit = opcode | (oparg << 8)      opcode: 8 bits, oparg: 24 bits
 * No EXTENDED_ARG is ever needed. An instruction is followed by
 * OPCODE_CACHE(op) cache units (inline caches for the specialising
 * interpreter; the compiler emits them zero-filled). Jump opargs are
 * ABSOLUTE code-unit indexes of the target. Loop back-edges must use
 * JUMP_BACKWARD (that is where hot loops are counted).
 *
 * Semantics follow CPython 3.13's instruction of the same name unless the
 * comment says otherwise. Stack effects are written (before -- after),
 * rightmost = top of stack. NULL means the VAL_NULL marker value.
 *
 * X(name, cache_units, flags)
 *
 * Inline caches: every instruction with cache units can specialise; unit 0
 * is its adaptive counter, the rest are laid out per family in
 * vm/specialize.h. The code units are pointer-free memory, so a cache that
 * holds an object pointer either is guarded by a version that proves the
 * object still reachable, or registers it with specialize_keep_alive.
 */
#ifndef KRAIT_OPCODES_H
#define KRAIT_OPCODES_H

#include <stdint.h>

typedef uint32_t CodeUnit;
#define CU_OP(u) ((int)((u) & 0xFF))
#define CU_ARG(u) ((uint32_t)((u) >> 8))
#define CU_MAKE(op, arg) ((CodeUnit)(op) | ((CodeUnit)(arg) << 8))

/* flags */
#define OPF_JUMP 1      /* oparg is a jump target (absolute unit index) */
#define OPF_CONST 2     /* oparg indexes co_consts */
#define OPF_NAME 4      /* oparg (maybe >>1) indexes co_names */
#define OPF_LOCAL 8     /* oparg indexes localsplus */
#define OPF_NOARG 16    /* oparg unused */

#define OPCODES(X) \
    X(CACHE, 0, OPF_NOARG)          /* placeholder for cache units */ \
    X(NOP, 0, OPF_NOARG)            /* ( -- ) */ \
    X(RESUME, 0, 0)                 /* ( -- ) start of code / after yield; checks for signals */ \
    X(POP_TOP, 0, OPF_NOARG)        /* (v -- ) */ \
    X(PUSH_NULL, 0, OPF_NOARG)      /* ( -- NULL) */ \
    X(COPY, 0, 0)                   /* (x ...(i-1 items) -- x ... x) i=1 copies TOS */ \
    X(SWAP, 0, 0)                   /* swap TOS with the i-th item (i>=2) */ \
    X(LOAD_CONST, 0, OPF_CONST)     /* ( -- consts[i]) */ \
    X(LOAD_FAST, 0, OPF_LOCAL)      /* ( -- local i) known bound */ \
    X(LOAD_FAST_CHECK, 0, OPF_LOCAL) /* ( -- local i) UnboundLocalError if unbound */ \
    X(STORE_FAST, 0, OPF_LOCAL)     /* (v -- ) */ \
    X(DELETE_FAST, 0, OPF_LOCAL)    /* ( -- ) UnboundLocalError if unbound */ \
    X(MAKE_CELL, 0, OPF_LOCAL)      /* ( -- ) wrap localsplus[i] in a new cell */ \
    X(COPY_FREE_VARS, 0, 0)         /* ( -- ) copy i closure cells of the function into the last i localsplus slots */ \
    X(LOAD_CLOSURE, 0, OPF_LOCAL)   /* ( -- cell) push the cell object in localsplus[i] itself */ \
    X(LOAD_DEREF, 0, OPF_LOCAL)     /* ( -- cell contents) NameError/UnboundLocalError if empty */ \
    X(STORE_DEREF, 0, OPF_LOCAL)    /* (v -- ) */ \
    X(DELETE_DEREF, 0, OPF_LOCAL)   /* ( -- ) */ \
    X(LOAD_FROM_DICT_OR_DEREF, 0, OPF_LOCAL) /* (mapping -- v) class bodies: mapping[name of i] else cell i */ \
    X(LOAD_NAME, 0, OPF_NAME)       /* ( -- v) locals, then globals, then builtins */ \
    X(STORE_NAME, 0, OPF_NAME)      /* (v -- ) */ \
    X(DELETE_NAME, 0, OPF_NAME)     /* ( -- ) */ \
    X(LOAD_GLOBAL, 4, OPF_NAME)     /* ( -- v [NULL]) names[i>>1]; pushes NULL after v if i&1 */ \
    X(STORE_GLOBAL, 0, OPF_NAME)    /* (v -- ) */ \
    X(DELETE_GLOBAL, 0, OPF_NAME)   /* ( -- ) */ \
    X(LOAD_FROM_DICT_OR_GLOBALS, 0, OPF_NAME) /* (mapping -- v) */ \
    X(LOAD_LOCALS, 0, OPF_NOARG)    /* ( -- locals mapping) */ \
    X(LOAD_ATTR, 6, OPF_NAME)       /* i&1==0: (owner -- attr); i&1: (owner -- meth self) or (owner -- attr NULL); name = names[i>>1] */ \
    X(STORE_ATTR, 5, OPF_NAME)      /* (v owner -- ) owner.name = v */ \
    X(DELETE_ATTR, 0, OPF_NAME)     /* (owner -- ) */ \
    X(BINARY_OP, 1, 0)              /* (a b -- a op b) i = NB_x or NB_INPLACE_x */ \
    X(UNARY_NEGATIVE, 0, OPF_NOARG) /* (v -- -v) */ \
    X(UNARY_NOT, 0, OPF_NOARG)      /* (v -- not v) any operand (full truth test) */ \
    X(UNARY_INVERT, 0, OPF_NOARG)   /* (v -- ~v) */ \
    X(TO_BOOL, 1, OPF_NOARG)        /* (v -- bool(v)) */ \
    X(COMPARE_OP, 1, 0)             /* (a b -- res) i = CMP_LT..CMP_GE (plain enum, not CPython's encoding) */ \
    X(IS_OP, 0, 0)                  /* (a b -- a is b) i=1: is not */ \
    X(CONTAINS_OP, 1, 0)            /* (a b -- a in b) i=1: not in */ \
    X(BINARY_SUBSCR, 1, OPF_NOARG)  /* (container key -- container[key]) */ \
    X(STORE_SUBSCR, 1, OPF_NOARG)   /* (v container key -- ) */ \
    X(DELETE_SUBSCR, 0, OPF_NOARG)  /* (container key -- ) */ \
    X(BINARY_SLICE, 0, OPF_NOARG)   /* (container start stop -- container[start:stop]) */ \
    X(STORE_SLICE, 0, OPF_NOARG)    /* (v container start stop -- ) */ \
    X(BUILD_SLICE, 0, 0)            /* i=2: (start stop -- slice); i=3: (start stop step -- slice) */ \
    X(BUILD_TUPLE, 0, 0)            /* (v1..vi -- tuple) */ \
    X(BUILD_LIST, 0, 0)             /* (v1..vi -- list) */ \
    X(BUILD_SET, 0, 0)              /* (v1..vi -- set) */ \
    X(BUILD_MAP, 0, 0)              /* (k1 v1 .. ki vi -- dict) */ \
    X(BUILD_STRING, 0, 0)           /* (s1..si -- concatenation) */ \
    X(LIST_APPEND, 0, 0)            /* (list ...(i-1) v -- list ...) append v to the list at depth i after popping v */ \
    X(SET_ADD, 0, 0)                /* like LIST_APPEND for a set */ \
    X(MAP_ADD, 0, 0)                /* (dict ...(i-1) k v -- dict ...) */ \
    X(LIST_EXTEND, 0, 0)            /* (list ...(i-1) it -- list ...) */ \
    X(SET_UPDATE, 0, 0)             /* (set ...(i-1) it -- set ...) */ \
    X(DICT_UPDATE, 0, 0)            /* (dict ...(i-1) m -- dict ...) */ \
    X(DICT_MERGE, 0, 0)             /* like DICT_UPDATE, TypeError on a repeated key (f(**a, **b)) */ \
    X(CALL_INTRINSIC_1, 0, 0)       /* (v -- res) i = INTRINSIC_* below */ \
    X(UNPACK_SEQUENCE, 1, 0)        /* (seq -- vi .. v1) v1 ends on top */ \
    X(UNPACK_EX, 0, 0)              /* (seq -- ...) i = before | (after << 8), starred list in between */ \
    X(FORMAT_SIMPLE, 0, OPF_NOARG)  /* (v -- format(v, '')) */ \
    X(FORMAT_WITH_SPEC, 0, OPF_NOARG) /* (v spec -- format(v, spec)) */ \
    X(CONVERT_VALUE, 0, 0)          /* (v -- conv(v)) i: 1 str, 2 repr, 3 ascii */ \
    X(GET_ITER, 0, OPF_NOARG)       /* (v -- iter(v)) */ \
    X(FOR_ITER, 1, OPF_JUMP)        /* (it -- it next); exhausted: pop it and jump to i (krait: no END_FOR) */ \
    X(JUMP_FORWARD, 0, OPF_JUMP)    /* ( -- ) goto i (forward) */ \
    X(JUMP_BACKWARD, 1, OPF_JUMP)   /* ( -- ) goto i (loop back-edge; cache: heat counter / trace) */ \
    X(POP_JUMP_IF_FALSE, 1, OPF_JUMP) /* (v -- ) any operand (full truth test); cache: branch history */ \
    X(POP_JUMP_IF_TRUE, 1, OPF_JUMP)  /* (v -- ) */ \
    X(POP_JUMP_IF_NONE, 1, OPF_JUMP)  /* (v -- ) */ \
    X(POP_JUMP_IF_NOT_NONE, 1, OPF_JUMP) /* (v -- ) */ \
    X(RETURN_VALUE, 0, OPF_NOARG)   /* (v -- ) */ \
    X(RETURN_CONST, 0, OPF_CONST)   /* ( -- ) return consts[i] */ \
    X(CALL, 5, 0)                   /* (callable self_or_null a1..ai -- res) */ \
    X(CALL_KW, 0, 0)                /* (callable self_or_null a1..ai kwnames -- res) i counts positional + keyword values; kwnames: tuple const */ \
    X(CALL_FUNCTION_EX, 0, 0)       /* (func NULL args_tuple [kwargs_dict if i&1] -- res) */ \
    X(MAKE_FUNCTION, 0, OPF_NOARG)  /* (code -- func) */ \
    X(SET_FUNCTION_ATTRIBUTE, 0, 0) /* (attr func -- func) i: 1 defaults tuple, 2 kwdefaults dict, 4 annotations, 8 closure tuple */ \
    X(LOAD_BUILD_CLASS, 0, OPF_NOARG) /* ( -- builtins.__build_class__) */ \
    X(LOAD_ASSERTION_ERROR, 0, OPF_NOARG) /* ( -- AssertionError) */ \
    X(SETUP_ANNOTATIONS, 0, OPF_NOARG) /* ( -- ) ensure __annotations__ in locals */ \
    X(RAISE_VARARGS, 0, 0)          /* i=0: re-raise the handled exception; 1: (exc -- ); 2: (exc cause -- ) */ \
    X(RERAISE, 0, 0)                /* (exc -- ) raise exc again, its traceback kept (krait: no lasti) */ \
    X(PUSH_EXC_INFO, 0, OPF_NOARG)  /* (exc -- prev_handled exc) and exc becomes the handled exception */ \
    X(POP_EXCEPT, 0, OPF_NOARG)     /* (prev_handled -- ) restore the handled exception */ \
    X(CHECK_EXC_MATCH, 0, OPF_NOARG) /* (exc type -- exc bool) */ \
    X(BEFORE_WITH, 0, OPF_NOARG)    /* (mgr -- bound_exit enter_result) */ \
    X(WITH_EXCEPT_START, 0, OPF_NOARG) /* (exit prev exc -- exit prev exc res) res = exit(type(exc), exc, tb) */ \
    X(RETURN_GENERATOR, 0, OPF_NOARG) /* krait: never emitted; calling a CO_GENERATOR function makes the generator (the VM checks the flag) */ \
    X(YIELD_VALUE, 0, 0)            /* (v -- sent) i=1: the yield inside a yield-from loop (receiver is at stack[-2]; gen.throw/close delegate to it) */ \
    X(GET_YIELD_FROM_ITER, 0, OPF_NOARG) /* (v -- iter) generators pass through */ \
    X(SEND, 0, OPF_JUMP)            /* (recv v -- recv res); when recv returns: (recv v -- recv retval) and jump to i */ \
    X(END_SEND, 0, OPF_NOARG)       /* (recv v -- v) */ \
    X(CLEANUP_THROW, 0, OPF_NOARG)  /* (recv exc -- recv value) exc is StopIteration: value = exc.value; else re-raise exc. Handler of a yield-from loop's YIELD_VALUE; followed by a jump to its END_SEND */ \
    X(IMPORT_NAME, 0, OPF_NAME)     /* (level fromlist -- module) */ \
    X(IMPORT_FROM, 0, OPF_NAME)     /* (module -- module attr) */ \
    X(EXTENDED_ARG, 0, 0)           /* never emitted; kept for dis */

/* Specialised forms (tier 1 rewrites a generic instruction's opcode byte
 * in place; see vm/specialize.h). S(name, family): the form belongs to the
 * generic instruction `family`, shares its oparg meaning, stack effect and
 * cache units, and falls back to it (DEOPT_IF) when its guard fails. Names
 * are CPython 3.13's where CPython has the form. Numbered after every
 * generic opcode, so `opcode < OPCODE_BASE_COUNT` means "generic". */
#define SPECIALIZED_OPCODES(S) \
    S(BINARY_OP_ADD_INT, BINARY_OP) \
    S(BINARY_OP_SUBTRACT_INT, BINARY_OP) \
    S(BINARY_OP_MULTIPLY_INT, BINARY_OP) \
    S(BINARY_OP_ADD_FLOAT, BINARY_OP) \
    S(BINARY_OP_SUBTRACT_FLOAT, BINARY_OP) \
    S(BINARY_OP_MULTIPLY_FLOAT, BINARY_OP) \
    S(BINARY_OP_POWER_FLOAT, BINARY_OP) \
    S(BINARY_OP_COMPLEX, BINARY_OP) \
    S(BINARY_OP_TRUE_DIVIDE_FLOAT, BINARY_OP) /* operands: floats or small ints */ \
    S(BINARY_OP_FLOOR_DIVIDE_INT, BINARY_OP) \
    S(BINARY_OP_REMAINDER_INT, BINARY_OP) \
    S(BINARY_OP_ADD_UNICODE, BINARY_OP) \
    S(BINARY_SUBSCR_LIST_INT, BINARY_SUBSCR) \
    S(BINARY_SUBSCR_TUPLE_INT, BINARY_SUBSCR) \
    S(BINARY_SUBSCR_DICT, BINARY_SUBSCR) \
    S(BINARY_SUBSCR_STR_INT, BINARY_SUBSCR) \
    S(STORE_SUBSCR_LIST_INT, STORE_SUBSCR) \
    S(STORE_SUBSCR_DICT, STORE_SUBSCR) \
    S(COMPARE_OP_INT, COMPARE_OP) \
    S(COMPARE_OP_FLOAT, COMPARE_OP) \
    S(COMPARE_OP_STR, COMPARE_OP) \
    S(CONTAINS_OP_SET, CONTAINS_OP) \
    S(CONTAINS_OP_DICT, CONTAINS_OP) \
    S(TO_BOOL_INT, TO_BOOL) \
    S(TO_BOOL_BOOL, TO_BOOL) \
    S(TO_BOOL_NONE, TO_BOOL) \
    S(TO_BOOL_LIST, TO_BOOL) \
    S(TO_BOOL_STR, TO_BOOL) \
    S(UNPACK_SEQUENCE_TWO_TUPLE, UNPACK_SEQUENCE) \
    S(UNPACK_SEQUENCE_TUPLE, UNPACK_SEQUENCE) \
    S(UNPACK_SEQUENCE_LIST, UNPACK_SEQUENCE) \
    S(FOR_ITER_RANGE, FOR_ITER) \
    S(FOR_ITER_LIST, FOR_ITER) \
    S(FOR_ITER_TUPLE, FOR_ITER) \
    S(FOR_ITER_GEN, FOR_ITER) \
    S(LOAD_GLOBAL_MODULE, LOAD_GLOBAL) \
    S(LOAD_GLOBAL_BUILTIN, LOAD_GLOBAL) \
    S(LOAD_ATTR_INSTANCE_VALUE, LOAD_ATTR) \
    S(LOAD_ATTR_MODULE, LOAD_ATTR) \
    S(LOAD_ATTR_CLASS, LOAD_ATTR) \
    S(LOAD_ATTR_PROPERTY, LOAD_ATTR) \
    S(LOAD_ATTR_METHOD_WITH_VALUES, LOAD_ATTR) \
    S(LOAD_ATTR_METHOD_NO_DICT, LOAD_ATTR) \
    S(LOAD_ATTR_POLY, LOAD_ATTR) /* krait: several (type, shape) pairs of the two forms above */ \
    S(STORE_ATTR_INSTANCE_VALUE, STORE_ATTR) \
    S(CALL_PY_EXACT_ARGS, CALL) \
    S(CALL_PY_WITH_DEFAULTS, CALL) \
    S(CALL_BOUND_METHOD_EXACT_ARGS, CALL) \
    S(CALL_BUILTIN_O, CALL) \
    S(CALL_BUILTIN_FAST, CALL) \
    S(CALL_LEN, CALL) \
    S(CALL_ISINSTANCE, CALL) \
    S(CALL_TYPE_1, CALL) \
    S(CALL_LIST_APPEND, CALL) \
    S(CALL_METHOD_DESCRIPTOR_O, CALL) \
    S(CALL_METHOD_DESCRIPTOR_NOARGS, CALL) \
    S(CALL_METHOD_DESCRIPTOR_FAST, CALL) \
    S(CALL_ALLOC_AND_ENTER_INIT, CALL)

enum {
#define OPCODE_ENUM(name, cache, flags) OP_##name,
    OPCODES(OPCODE_ENUM)
#undef OPCODE_ENUM
    OPCODE_BASE_COUNT,
    OPCODE_SPECIALIZED_BEFORE_ = OPCODE_BASE_COUNT - 1,
#define SPECIALIZED_ENUM(name, family) OP_##name,
    SPECIALIZED_OPCODES(SPECIALIZED_ENUM)
#undef SPECIALIZED_ENUM
    OPCODE_COUNT
};

/* Cache units and flags of every opcode as compile-time constants
 * (OPCACHE_name, OPFLAGS_name): the eval loop steps over caches with them. */
#define OPCODE_CONST_ENUM(name, cache, flags) OPCACHE_##name = (cache), OPFLAGS_##name = (flags),
#define SPEC_CONST_ENUM(name, family) \
    OPCACHE_##name = OPCACHE_##family, OPFLAGS_##name = OPFLAGS_##family,
enum { OPCODES(OPCODE_CONST_ENUM) SPECIALIZED_OPCODES(SPEC_CONST_ENUM) };
#undef OPCODE_CONST_ENUM
#undef SPEC_CONST_ENUM

/* CALL_INTRINSIC_1 operands */
enum {
    INTRINSIC_PRINT = 1,            /* interactive echo */
    INTRINSIC_IMPORT_STAR = 2,      /* (module -- None) copy public names into locals */
    INTRINSIC_STOPITERATION_ERROR = 3, /* StopIteration inside a generator -> RuntimeError */
    INTRINSIC_UNARY_POSITIVE = 5,
    INTRINSIC_LIST_TO_TUPLE = 6,
};

/* Indexed by any opcode, generic or specialised. */
extern const char *const opcode_names[OPCODE_COUNT];
extern const uint8_t opcode_cache_units[OPCODE_COUNT];
extern const uint8_t opcode_flags[OPCODE_COUNT];
/* The generic instruction a (specialised) opcode belongs to; generic
 * opcodes map to themselves. Anything that inspects bytecode at run time
 * (the generator's loop-ownership check, dis) must compare families. */
extern const uint8_t opcode_family[OPCODE_COUNT];

#endif
