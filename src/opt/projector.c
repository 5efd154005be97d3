/* projector.c — translating a hot loop's tier-1 instructions into a trace.
 *
 * Each specialised instruction becomes its guards (exiting to the same
 * instruction, which tier 1 then runs from scratch: its DEOPT_IF would have
 * fired too) followed by its action. Generic instructions whose work is a
 * single C helper (vm_binary_op, vm_compare, vm_subscr, vm_load_global, …)
 * become one micro-op calling that helper; an error there leaves the trace
 * with the exception pending at that instruction. Conditional jumps follow
 * the direction their history (tier 1's branch_record) says is usual and
 * become guards exiting to the other direction.
 *
 * Calls of plain Python functions (CALL_PY_EXACT_ARGS, CALL_PY_WITH_DEFAULTS,
 * CALL_BOUND_METHOD_EXACT_ARGS) whose cached function is unchanged are
 * followed into the callee, up to TIER2_MAX_CALL_DEPTH deep: guards on the
 * function and its version, then _PUSH_FRAME, then the callee's body, whose
 * RETURN_* (_RETURN_VALUE) goes back to the caller's next instruction.
 * Everything below is then translated in the callee as in the loop's own
 * code, and an exit inside the callee resumes tier 1 in the callee, its
 * frame linked to the caller's as tier 1's CALL links them.
 *
 * A specialised form with no translation of its own (or one whose call
 * cannot be followed: recursion, too deep, a changed function) becomes the
 * generic micro-op of its family: _CALL runs any call through obj_call (a
 * Python callee in a nested evaluation), _LOAD_ATTR any attribute, and so
 * on. Generic instructions whose bodies are vm/generic_ops.def (closures,
 * iterators, displays, slices, formatting, STORE_GLOBAL) are micro-ops too;
 * a generator a loop iterates is resumed by _FOR_ITER like next() resumes
 * it.
 *
 * Bridges (tier2_project_bridge) start at a hot side exit and end at the
 * next back-edge of their code, continuing in that loop's trace.
 *
 * Not translated — the trace ends with an exit to tier 1 at exactly that
 * instruction: CALL_KW, CALL_FUNCTION_EX, RETURN_* of the loop's own code,
 * YIELD_VALUE, SEND, a backward jump inside a callee (its loop has its own
 * trace); exception handling (RAISE_VARARGS, RERAISE, PUSH_EXC_INFO,
 * POP_EXCEPT, CHECK_EXC_MATCH, BEFORE_WITH, WITH_EXCEPT_START,
 * CLEANUP_THROW); GET_YIELD_FROM_ITER; *_NAME, DELETE_*,
 * LOAD_FROM_DICT_OR_*; imports; LOAD_BUILD_CLASS, SETUP_ANNOTATIONS;
 * DICT_MERGE; UNPACK_EX, CALL_INTRINSIC_1; RESUME.
 */
#include "projector.h"

#include "../gc/gc.h"
#include "../objects/dict.h"
#include "../objects/function.h"
#include "../vm/call.h"
#include "../vm/specialize.h"
#include "tier2_state.h"

/* A caller whose callee is being projected: where it resumes. */
typedef struct {
    CodeObject *co;
    uint32_t resume_pc;
} ProjCaller;

typedef struct {
    TraceBuilder *b;
    CodeObject *co;      /* the code being projected (the loop's, or a callee's) */
    uint32_t pc;         /* the instruction being translated */
    uint32_t head, jump; /* the loop: [head, jump] of the outermost code */
    ProjCaller callers[TIER2_MAX_CALL_DEPTH];
    uint32_t depth;      /* callees entered; 0: in the loop's own code */
    bool bridge;         /* projecting a bridge: any back-edge ends it */
    Frame *live;         /* a bridge: the running frame of the code at depth 0 */
    uint32_t generic_pc; /* translate the instruction here generically (or UINT32_MAX) */
} Proj;

static void emit_exit(Proj *p, int op, uint32_t oparg, uint64_t operand, uint32_t exit_pc,
                      int kind) {
    ProtoUop *pu = &p->b->body[p->b->n++];
    pu->u = (UopInstr){(uint16_t)op, 0, oparg, p->pc, operand};
    pu->exit_pc = exit_pc;
    pu->exit_kind = (uint8_t)kind;
    pu->exit_code = p->co;
}
/* A micro-op whose exit (if it has one) re-runs this instruction in tier 1. */
static void emit(Proj *p, int op, uint32_t oparg, uint64_t operand) {
    emit_exit(p, op, oparg, operand, p->pc, TIER2_EXIT_GUARD);
}
/* guard then action: the specialised-instruction shape */
static void emit2(Proj *p, int guard, int action, uint32_t oparg) {
    emit(p, guard, oparg, 0);
    emit(p, action, oparg, 0);
}

static Value name_at(CodeObject *co, uint32_t i) { return tuple_items(co->names)[i]; }

/* Usually taken? The history holds the last 32 outcomes (1 = taken). */
static bool predict_taken(CodeUnit history) { return __builtin_popcount(history) > 16; }

/* Conditional jump: guard the usual direction, exit to the other. */
static uint32_t translate_branch(Proj *p, int op, uint32_t target, uint32_t next,
                                 CodeUnit history) {
    bool taken = predict_taken(history);
    uint32_t go = taken ? target : next, other = taken ? next : target;
    int guard;
    switch (op) {
    case OP_POP_JUMP_IF_FALSE:
        emit(p, UOP_TO_BOOL, 0, 0);
        guard = taken ? UOP_GUARD_IS_FALSE_POP : UOP_GUARD_IS_TRUE_POP;
        break;
    case OP_POP_JUMP_IF_TRUE:
        emit(p, UOP_TO_BOOL, 0, 0);
        guard = taken ? UOP_GUARD_IS_TRUE_POP : UOP_GUARD_IS_FALSE_POP;
        break;
    case OP_POP_JUMP_IF_NONE:
        guard = taken ? UOP_GUARD_IS_NONE_POP : UOP_GUARD_IS_NOT_NONE_POP;
        break;
    default: /* OP_POP_JUMP_IF_NOT_NONE */
        guard = taken ? UOP_GUARD_IS_NOT_NONE_POP : UOP_GUARD_IS_NONE_POP;
        break;
    }
    /* Leaving the loop (a while condition turning false, a break) is how
     * the loop ends, not a broken assumption. */
    bool leaves = p->depth == 0 && (other < p->head || other > p->jump);
    emit_exit(p, guard, 0, 0, other, leaves ? TIER2_EXIT_LOOP_END : TIER2_EXIT_GUARD);
    return go;
}

/* for-loop step: guard (exit re-runs FOR_ITER), then the step whose exit
 * (iterator exhausted) resumes after the loop. */
static void translate_for_iter(Proj *p, int guard, int step, uint32_t loop_end) {
    if (guard >= 0) emit(p, guard, 0, 0);
    emit_exit(p, step, 0, 0, loop_end, TIER2_EXIT_LOOP_END);
}

/* translate_as results besides a next pc: STOP ends the trace here;
 * UNKNOWN: this form has no translation, try the generic instruction of
 * its family (a specialised form always has the stack shape and oparg of
 * its generic instruction, which the micro-ops run through the same C
 * helpers as tier 1). */
enum { STOP = UINT32_MAX, UNKNOWN = UINT32_MAX - 1 };

/* A call whose specialisation cached a plain Python function that is
 * still as it was (its version): the callee is projected in place, after
 * guards on the function and its version, with its frame pushed. Not when
 * it is already being projected (recursion) or too deep. Returns the
 * callee's first instruction, or STOP. */
static uint32_t enter_call(Proj *p, int op, uint32_t arg, const CodeUnit *cache, uint32_t next) {
    Value func = cache_read64(cache + 2);
    uint32_t version = cache[1];
    if (p->depth == TIER2_MAX_CALL_DEPTH || !val_is_type_exact(func, &Function_Type) ||
        FUNC(func)->version != version || !vm_is_inlinable_function(func))
        return UNKNOWN;
    CodeObject *callee = CODE(FUNC(func)->code);
    if (callee == p->co) return UNKNOWN;
    for (uint32_t d = 0; d < p->depth; d++)
        if (p->callers[d].co == callee) return UNKNOWN;
    switch (op) {
    case OP_CALL_PY_EXACT_ARGS:
        if (callee->argcount != arg && callee->argcount != arg + 1) return UNKNOWN;
        emit(p, UOP_GUARD_FUNCTION, arg, FUNC(func)->code);
        emit(p, UOP_PUSH_FRAME, arg, func);
        break;
    case OP_CALL_PY_WITH_DEFAULTS:
        emit(p, UOP_GUARD_FUNCTION_DEFAULTS, arg, FUNC(func)->code);
        emit(p, UOP_PUSH_FRAME_DEFAULTS, arg, func);
        break;
    default: /* OP_CALL_BOUND_METHOD_EXACT_ARGS */
        if (callee->argcount != arg + 1) return UNKNOWN;
        emit(p, UOP_GUARD_BOUND_METHOD, arg, func);
        emit(p, UOP_GUARD_FUNCTION_VERSION, version, func);
        emit(p, UOP_INIT_BOUND_METHOD, arg, 0);
        emit(p, UOP_PUSH_FRAME, arg, func);
        break;
    }
    p->callers[p->depth++] = (ProjCaller){p->co, next};
    p->co = callee;
    p->b->calls++;
    return 0;
}

/* A bridge returns from the frame it started in: into the caller that
 * frame has now, guarded (the same code, resuming at the same place; not
 * an entry or __init__ frame, whose return tier 1 handles). The caller's
 * stack depth rides in the guard's oparg for trace_validate. */
static uint32_t return_to_caller(Proj *p) {
    Frame *callee = p->live, *caller = callee ? callee->previous : NULL;
    if (!caller || callee->is_entry || callee->is_init || !caller->next_instr) return STOP;
    uint32_t resume = (uint32_t)(caller->next_instr - caller->code->code);
    ptrdiff_t depth = caller->stack_top - frame_stack_base(caller);
    if (resume >= (1u << 24) || depth < 0 || depth > 255) return STOP;
    emit(p, UOP_GUARD_CALLER, resume | (uint32_t)depth << 24, (Value)(uintptr_t)caller->code);
    emit(p, UOP_RETURN_VALUE, 0, 0);
    p->live = caller;
    p->co = caller->code;
    return resume;
}

/* Return from a callee the trace entered; at the loop's own level a
 * return leaves the loop, which tier 1 does — except in a bridge, which
 * knows the caller of the frame it runs in. */
static uint32_t leave_call(Proj *p, Value constant) {
    if (p->depth == 0 && !(p->bridge && p->live)) return STOP;
    if (constant) emit(p, UOP_LOAD_CONST, 0, constant);
    if (p->depth == 0) return return_to_caller(p); /* a refusal emits nothing (project_from) */
    emit(p, UOP_RETURN_VALUE, 0, 0);
    ProjCaller *caller = &p->callers[--p->depth];
    p->co = caller->co;
    return caller->resume_pc;
}

/* A bridge reached a back-edge of its own code, or a trace the back-edge
 * of an inner loop: it continues in the trace of that loop when there is
 * one, else tier 1 runs the back-edge (which counts, and may make that
 * trace; the exit is a loop end's, so it gets a bridge into it later). */
static uint32_t close_bridge(Proj *p) {
    TraceLink *loop = tier2_trace_link_at(p->co, p->co->code + p->pc);
    if (loop) emit(p, UOP_GOTO_TRACE, 0, (uintptr_t)loop);
    else emit_exit(p, UOP_EXIT_TRACE, TIER2_EXIT_LOOP_END, 0, p->pc, TIER2_EXIT_LOOP_END);
    p->b->stop_opcode = -1;
    return STOP;
}

/* Tier-1 instructions an open trace (one that ends in an exit, not in
 * _JUMP_TO_TOP) must translate to be worth making. */
#define TIER2_MIN_OPEN_TRACE 8

/* Translate the instruction at p->pc as if its opcode were op; the next pc
 * to follow, STOP or UNKNOWN. */
/* The specialised forms that are their guard then their action (with the
 * instruction's oparg, or 0 where the micro-ops take none). */
typedef struct {
    uint16_t guard, action; /* action 0 (_NOP): not such a form */
    bool with_arg;
} GuardedForm;
static const GuardedForm guarded_forms[OPCODE_COUNT] = {
    [OP_BINARY_OP_ADD_INT] = {UOP_GUARD_BOTH_INT, UOP_BINARY_OP_ADD_INT, false},
    [OP_BINARY_OP_SUBTRACT_INT] = {UOP_GUARD_BOTH_INT, UOP_BINARY_OP_SUBTRACT_INT, false},
    [OP_BINARY_OP_MULTIPLY_INT] = {UOP_GUARD_BOTH_INT, UOP_BINARY_OP_MULTIPLY_INT, false},
    [OP_BINARY_OP_ADD_FLOAT] = {UOP_GUARD_BOTH_FLOAT, UOP_BINARY_OP_ADD_FLOAT, false},
    [OP_BINARY_OP_SUBTRACT_FLOAT] = {UOP_GUARD_BOTH_FLOAT, UOP_BINARY_OP_SUBTRACT_FLOAT, false},
    [OP_BINARY_OP_MULTIPLY_FLOAT] = {UOP_GUARD_BOTH_FLOAT, UOP_BINARY_OP_MULTIPLY_FLOAT, false},
    [OP_BINARY_OP_ADD_UNICODE] = {UOP_GUARD_BOTH_UNICODE, UOP_BINARY_OP_ADD_UNICODE, false},
    [OP_BINARY_OP_POWER_FLOAT] = {UOP_GUARD_BOTH_FLOAT, UOP_BINARY_OP_POWER_FLOAT, false},
    [OP_BINARY_OP_TRUE_DIVIDE_FLOAT] = {UOP_GUARD_TRUE_DIVIDE, UOP_BINARY_OP_TRUE_DIVIDE_FLOAT, false},
    [OP_BINARY_OP_COMPLEX] = {UOP_GUARD_BOTH_COMPLEX, UOP_BINARY_OP_COMPLEX, true},
    [OP_COMPARE_OP_INT] = {UOP_GUARD_BOTH_INT, UOP_COMPARE_OP_INT, true},
    [OP_COMPARE_OP_FLOAT] = {UOP_GUARD_BOTH_FLOAT, UOP_COMPARE_OP_FLOAT, true},
    [OP_COMPARE_OP_STR] = {UOP_GUARD_BOTH_UNICODE, UOP_COMPARE_OP_STR, true},
    [OP_BINARY_SUBSCR_LIST_INT] = {UOP_GUARD_LIST_INT, UOP_BINARY_SUBSCR_LIST_INT, false},
    [OP_BINARY_SUBSCR_TUPLE_INT] = {UOP_GUARD_TUPLE_INT, UOP_BINARY_SUBSCR_TUPLE_INT, false},
    [OP_STORE_SUBSCR_LIST_INT] = {UOP_GUARD_LIST_INT, UOP_STORE_SUBSCR_LIST_INT, false},
    [OP_UNPACK_SEQUENCE_TUPLE] = {UOP_GUARD_UNPACK_TUPLE, UOP_UNPACK_ITEMS_TUPLE, true},
    [OP_UNPACK_SEQUENCE_LIST] = {UOP_GUARD_UNPACK_LIST, UOP_UNPACK_ITEMS_LIST, true},
    [OP_CALL_BUILTIN_O] = {UOP_GUARD_CALL_BUILTIN, UOP_CALL_BUILTIN, true},
    [OP_CALL_BUILTIN_FAST] = {UOP_GUARD_CALL_BUILTIN, UOP_CALL_BUILTIN, true},
};

static uint32_t translate_as(Proj *p, int op, uint32_t head) {
    CodeUnit *instr = p->co->code + p->pc;
    const CodeUnit *cache = instr + 1; /* cache[k] is tier 1's CACHE(k) */
    uint32_t arg = CU_ARG(*instr);
    uint32_t next = p->pc + 1 + opcode_cache_units[op];
    const GuardedForm *form = &guarded_forms[op];
    if (form->action) {
        emit2(p, form->guard, form->action, form->with_arg ? arg : 0);
        return next;
    }
    switch (op) {
    case OP_NOP: return next;
    case OP_RESUME: return p->depth > 0 ? next : STOP; /* signals: checked at the loop head */
    case OP_LOAD_FAST: emit(p, UOP_LOAD_FAST, arg, 0); return next;
    case OP_LOAD_FAST_CHECK: emit(p, UOP_LOAD_FAST_CHECK, arg, 0); return next;
    case OP_STORE_FAST: emit(p, UOP_STORE_FAST, arg, 0); return next;
    case OP_LOAD_CONST: emit(p, UOP_LOAD_CONST, 0, tuple_items(p->co->consts)[arg]); return next;
    case OP_POP_TOP: emit(p, UOP_POP_TOP, 0, 0); return next;
    case OP_PUSH_NULL: emit(p, UOP_PUSH_NULL, 0, 0); return next;
    case OP_COPY: emit(p, UOP_COPY, arg, 0); return next;
    case OP_LOAD_CLOSURE: emit(p, UOP_LOAD_FAST, arg, 0); return next;
    case OP_LOAD_DEREF: emit(p, UOP_LOAD_DEREF, arg, 0); return next;
    case OP_STORE_DEREF: emit(p, UOP_STORE_DEREF, arg, 0); return next;
    case OP_MAKE_CELL: emit(p, UOP_MAKE_CELL, arg, 0); return next;
    case OP_COPY_FREE_VARS: emit(p, UOP_COPY_FREE_VARS, arg, 0); return next;
    case OP_SWAP: emit(p, UOP_SWAP, arg, 0); return next;

    case OP_BINARY_OP_FLOOR_DIVIDE_INT:
        emit(p, UOP_GUARD_BOTH_INT, 0, 0);
        emit2(p, UOP_GUARD_NONZERO_DIVISOR, UOP_BINARY_OP_FLOOR_DIVIDE_INT, 0);
        return next;
    case OP_BINARY_OP_REMAINDER_INT:
        emit(p, UOP_GUARD_BOTH_INT, 0, 0);
        emit2(p, UOP_GUARD_NONZERO_DIVISOR, UOP_BINARY_OP_REMAINDER_INT, 0);
        return next;
    case OP_BINARY_OP: emit(p, UOP_BINARY_OP, arg, 0); return next;

    case OP_COMPARE_OP: emit(p, UOP_COMPARE_OP, arg, 0); return next;
    case OP_IS_OP: emit(p, UOP_IS_OP, arg, 0); return next;
    /* the set/dict forms only skip a type dispatch obj_contains makes */
    case OP_CONTAINS_OP: case OP_CONTAINS_OP_SET: case OP_CONTAINS_OP_DICT:
        emit(p, UOP_CONTAINS_OP, arg, 0);
        return next;
    case OP_UNARY_NEGATIVE: emit(p, UOP_UNARY_NEGATIVE, 0, 0); return next;
    case OP_UNARY_NOT: emit(p, UOP_UNARY_NOT, 0, 0); return next;

    case OP_BINARY_SUBSCR_DICT:
        emit(p, UOP_GUARD_NOS_TYPE, 0, (uintptr_t)&Dict_Type);
        emit(p, UOP_BINARY_SUBSCR_DICT, 0, 0);
        return next;
    case OP_BINARY_SUBSCR: case OP_BINARY_SUBSCR_STR_INT:
        emit(p, UOP_BINARY_SUBSCR, 0, 0);
        return next;
    case OP_STORE_SUBSCR_DICT:
        emit(p, UOP_GUARD_NOS_TYPE, 0, (uintptr_t)&Dict_Type);
        emit(p, UOP_STORE_SUBSCR_DICT, 0, 0);
        return next;
    case OP_STORE_SUBSCR: emit(p, UOP_STORE_SUBSCR, 0, 0); return next;

    case OP_LOAD_GLOBAL_MODULE:
        emit(p, UOP_GUARD_GLOBALS_ENTRY, cache[1], name_at(p->co, arg >> 1));
        emit(p, UOP_LOAD_GLOBAL_ENTRY, cache[1], 0);
        if (arg & 1) emit(p, UOP_PUSH_NULL, 0, 0);
        return next;
    case OP_LOAD_GLOBAL_BUILTIN:
        emit(p, UOP_GUARD_BUILTINS_ENTRY, cache[1], name_at(p->co, arg >> 1));
        emit(p, UOP_GUARD_GLOBALS_LACK, arg >> 1, (uintptr_t)(cache + 2));
        emit(p, UOP_LOAD_BUILTIN_ENTRY, cache[1], 0);
        if (arg & 1) emit(p, UOP_PUSH_NULL, 0, 0);
        return next;
    case OP_LOAD_GLOBAL:
        emit(p, UOP_LOAD_GLOBAL, 0, name_at(p->co, arg >> 1));
        if (arg & 1) emit(p, UOP_PUSH_NULL, 0, 0);
        return next;

    case OP_LOAD_ATTR_INSTANCE_VALUE:
        emit(p, UOP_GUARD_TYPE_VERSION, 0, cache[1]);
        emit(p, UOP_GUARD_SHAPE, 0, (uintptr_t)cache_read_ptr(cache + 2));
        emit(p, UOP_LOAD_ATTR_INSTANCE_VALUE, cache[4], 0);
        if (arg & 1) emit(p, UOP_PUSH_NULL, 0, 0);
        return next;
    case OP_LOAD_ATTR_METHOD_WITH_VALUES:
        emit(p, UOP_GUARD_TYPE_VERSION, 0, cache[1]);
        emit(p, UOP_GUARD_SHAPE, 0, (uintptr_t)cache_read_ptr(cache + 2));
        emit(p, UOP_LOAD_ATTR_METHOD, 0, cache_read64(cache + 4));
        return next;
    case OP_LOAD_ATTR_POLY:
        emit(p, (arg & 1) ? UOP_LOAD_METHOD_POLY : UOP_LOAD_ATTR_POLY, 0, cache_read64(cache + 2));
        return next;
    case OP_LOAD_ATTR_METHOD_NO_DICT:
        emit(p, UOP_GUARD_ANY_TYPE_VERSION, 0, cache[1]);
        emit(p, UOP_LOAD_ATTR_METHOD, 0, cache_read64(cache + 4));
        return next;
    case OP_LOAD_ATTR_MODULE:
        emit(p, UOP_GUARD_MODULE_ENTRY, cache[4], name_at(p->co, arg >> 1));
        emit(p, UOP_LOAD_ATTR_MODULE, cache[4], 0);
        if (arg & 1) emit(p, UOP_PUSH_NULL, 0, 0);
        return next;
    case OP_LOAD_ATTR:
        emit(p, (arg & 1) ? UOP_LOAD_METHOD : UOP_LOAD_ATTR, 0, name_at(p->co, arg >> 1));
        return next;
    case OP_STORE_ATTR_INSTANCE_VALUE:
        emit(p, UOP_GUARD_TYPE_VERSION, 0, cache[1]);
        emit(p, UOP_GUARD_SHAPE, 0, (uintptr_t)cache_read_ptr(cache + 2));
        emit(p, UOP_STORE_ATTR_INSTANCE_VALUE, cache[4], 0);
        return next;
    case OP_STORE_ATTR: emit(p, UOP_STORE_ATTR, 0, name_at(p->co, arg)); return next;

    case OP_UNPACK_SEQUENCE_TWO_TUPLE:
        emit2(p, UOP_GUARD_UNPACK_TUPLE, UOP_UNPACK_ITEMS_TUPLE, 2);
        return next;
    case OP_UNPACK_SEQUENCE: emit(p, UOP_UNPACK_SEQUENCE, arg, 0); return next;
    case OP_BUILD_TUPLE: emit(p, UOP_BUILD_TUPLE, arg, 0); return next;
    case OP_BUILD_LIST: emit(p, UOP_BUILD_LIST, arg, 0); return next;
    case OP_LIST_APPEND: emit(p, UOP_LIST_APPEND, arg, 0); return next;

    case OP_CALL_LEN:
        if (arg != 1) return UNKNOWN;
        emit(p, UOP_GUARD_CALLABLE, 1, cache_read64(cache + 2));
        emit(p, UOP_CALL_LEN, 0, 0);
        return next;
    case OP_CALL_LIST_APPEND:
        if (arg != 1) return UNKNOWN;
        emit(p, UOP_GUARD_LIST_APPEND, 0, cache_read64(cache + 2));
        emit(p, UOP_CALL_LIST_APPEND, 0, 0);
        return next;

    case OP_CALL: emit(p, UOP_CALL, arg, 0); return next;
    /* generic instructions (vm/generic_ops.def): the same micro-op number
     * for the same oparg */
    case OP_MAKE_FUNCTION: emit(p, UOP_MAKE_FUNCTION, arg, 0); return next;
    case OP_SET_FUNCTION_ATTRIBUTE: emit(p, UOP_SET_FUNCTION_ATTRIBUTE, arg, 0); return next;
    case OP_GET_ITER: emit(p, UOP_GET_ITER, arg, 0); return next;
    case OP_BUILD_SET: emit(p, UOP_BUILD_SET, arg, 0); return next;
    case OP_BUILD_MAP: emit(p, UOP_BUILD_MAP, arg, 0); return next;
    case OP_BUILD_STRING: emit(p, UOP_BUILD_STRING, arg, 0); return next;
    case OP_SET_ADD: emit(p, UOP_SET_ADD, arg, 0); return next;
    case OP_MAP_ADD: emit(p, UOP_MAP_ADD, arg, 0); return next;
    case OP_LIST_EXTEND: emit(p, UOP_LIST_EXTEND, arg, 0); return next;
    case OP_SET_UPDATE: emit(p, UOP_SET_UPDATE, arg, 0); return next;
    case OP_DICT_UPDATE: emit(p, UOP_DICT_UPDATE, arg, 0); return next;
    case OP_BUILD_SLICE: emit(p, UOP_BUILD_SLICE, arg, 0); return next;
    case OP_BINARY_SLICE: emit(p, UOP_BINARY_SLICE, arg, 0); return next;
    case OP_STORE_SLICE: emit(p, UOP_STORE_SLICE, arg, 0); return next;
    case OP_FORMAT_SIMPLE: emit(p, UOP_FORMAT_SIMPLE, arg, 0); return next;
    case OP_FORMAT_WITH_SPEC: emit(p, UOP_FORMAT_WITH_SPEC, arg, 0); return next;
    case OP_CONVERT_VALUE: emit(p, UOP_CONVERT_VALUE, arg, 0); return next;
    case OP_UNARY_INVERT: emit(p, UOP_UNARY_INVERT, arg, 0); return next;
    case OP_STORE_GLOBAL: emit(p, UOP_STORE_GLOBAL, arg, 0); return next;
    case OP_CALL_PY_EXACT_ARGS: case OP_CALL_PY_WITH_DEFAULTS:
    case OP_CALL_BOUND_METHOD_EXACT_ARGS:
        return enter_call(p, op, arg, cache, next);
    case OP_RETURN_VALUE: return leave_call(p, VAL_NULL);
    case OP_RETURN_CONST: return leave_call(p, tuple_items(p->co->consts)[arg]);

    case OP_FOR_ITER_RANGE: translate_for_iter(p, UOP_GUARD_ITER_RANGE, UOP_FOR_ITER_RANGE, arg); return next;
    case OP_FOR_ITER_LIST: translate_for_iter(p, UOP_GUARD_ITER_LIST, UOP_FOR_ITER_LIST, arg); return next;
    case OP_FOR_ITER_TUPLE: translate_for_iter(p, UOP_GUARD_ITER_TUPLE, UOP_FOR_ITER_TUPLE, arg); return next;
    /* a generator resumes in a nested evaluation, as tier 1 resumes it */
    case OP_FOR_ITER_GEN: translate_for_iter(p, UOP_GUARD_ITER_GEN, UOP_FOR_ITER_GEN, arg); return next;
    case OP_FOR_ITER: translate_for_iter(p, -1, UOP_FOR_ITER, arg); return next;

    case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE:
    case OP_POP_JUMP_IF_NONE: case OP_POP_JUMP_IF_NOT_NONE:
        return translate_branch(p, op, arg, next, cache[0]);
    case OP_JUMP_FORWARD: return arg;
    case OP_JUMP_BACKWARD:
        /* a callee's loop, an inner loop, a bridge's end: go on in that
         * loop's trace (in the frame it belongs to) */
        if (p->depth > 0 || p->bridge || arg != head) return close_bridge(p);
        emit(p, UOP_JUMP_TO_TOP, 0, 0);
        p->b->stop_opcode = -1;
        return STOP;
    default:
        return UNKNOWN;
    }
}

/* Translate the instruction at p->pc; the next pc to follow, or STOP. */
static uint32_t translate(Proj *p, uint32_t head) {
    int op = CU_OP(p->co->code[p->pc]);
    if (p->pc == p->generic_pc && p->depth == 0) op = opcode_family[op];
    uint32_t next = translate_as(p, op, head);
    if (next == UNKNOWN && opcode_family[op] != op) next = translate_as(p, opcode_family[op], head);
    return next == UNKNOWN ? STOP : next;
}

/* Translate from pc on until the path closes (the loop, or a bridge's
 * back-edge) or stops; an open path is kept when at least min_open
 * instructions were translated, ending in an exit to where it stopped. */
static bool project_from(Proj *p, uint32_t pc, uint32_t min_open) {
    TraceBuilder *b = p->b;
    for (;;) {
        p->pc = pc;
        b->stop_pc = pc;
        b->stop_opcode = CU_OP(p->co->code[pc]);
        /* room for the longest translation (a call, LOAD_GLOBAL_BUILTIN: 4) + exit */
        if (b->n + 8 > TIER2_MAX_BODY) break;
        uint32_t n_before = b->n;
        uint32_t next = translate(p, p->head);
        if (b->n > n_before || next != STOP) b->translated++;
        if (next == STOP) {
            if (b->stop_opcode == -1) return b->translated > 0;
            b->n = n_before; /* a refused instruction emits nothing */
            break;
        }
        pc = next;
    }
    if (b->translated < min_open) return false;
    p->pc = pc;
    emit_exit(p, UOP_EXIT_TRACE, TIER2_EXIT_PLANNED, 0, pc, TIER2_EXIT_PLANNED);
    return true;
}

static void builder_reset(TraceBuilder *b) {
    b->n = 0;
    b->loop_start = 0;
    b->translated = 0;
    b->calls = 0;
}

bool tier2_project(Frame *f, const CodeUnit *jump, TraceBuilder *b) {
    uint32_t head = CU_ARG(*jump), at = (uint32_t)(jump - f->code->code);
    Proj p = {b, f->code, at, head, at, {{0}}, 0, false, NULL, UINT32_MAX};
    builder_reset(b);
    /* Signals are checked at the head; the exit resumes at the back-edge,
     * which handles them as tier 1 always does. */
    emit_exit(&p, UOP_CHECK_SIGNALS, 0, 0, p.pc, TIER2_EXIT_PLANNED);
    /* A trace that cannot close its loop runs once per iteration; entering
     * and leaving must be paid for by enough work in between. */
    if (!project_from(&p, head, TIER2_MIN_OPEN_TRACE)) return false;
    /* A loop that yields leaves its trace at every iteration and is
     * resumed through tier 1: entering and leaving machine code each time
     * costs more than it saves (measured: spectral_norm's generator
     * expressions ran 10% slower in wall time traced than in tier 1). */
    return b->stop_opcode != OP_YIELD_VALUE;
}

/* Tier-1 instructions an open bridge must translate: it is entered from a
 * trace without a return to tier 1, so even a short one saves an exit. */
#define TIER2_MIN_OPEN_BRIDGE 2

bool tier2_project_bridge(Frame *f, uint32_t start, bool generic_first, TraceBuilder *b) {
    /* No loop bounds: every branch exit of a bridge is a guard's. */
    Proj p = {b, f->code, start, 0, UINT32_MAX, {{0}}, 0, true, f,
              generic_first ? start : UINT32_MAX};
    builder_reset(b);
    return project_from(&p, start, TIER2_MIN_OPEN_BRIDGE);
}

/* ---- assembly ---- */

/* The stub of body[i]'s exit: a _SIDE_EXIT with a fresh link for a
 * guard's or a loop end's, else an _EXIT_TRACE. */
static bool make_stub(UopInstr *stub, const ProtoUop *pu, uint8_t generation) {
    if (pu->exit_kind == TIER2_EXIT_PLANNED) {
        *stub = (UopInstr){UOP_EXIT_TRACE, 0, pu->exit_kind, pu->exit_pc, 0};
        return true;
    }
    TraceLink *link = gc_alloc(sizeof *link);
    if (!link) return false;
    link->co = pu->exit_code;
    link->exit_pc = pu->exit_pc;
    link->generation = generation;
    link->from_guard = pu->exit_kind == TIER2_EXIT_GUARD && pu->exit_pc == pu->u.target;
    *stub = (UopInstr){UOP_SIDE_EXIT, 0, pu->exit_kind, pu->exit_pc, (uint64_t)(uintptr_t)link};
    return true;
}

/* Is stub (made for some earlier micro-op) also the exit of pu? */
static bool same_exit(const UopInstr *stub, const ProtoUop *pu, const ProtoUop *made_for) {
    return stub->target == pu->exit_pc && made_for->exit_kind == pu->exit_kind &&
           made_for->exit_code == pu->exit_code;
}

Trace *tier2_assemble(const TraceBuilder *b, bool count_uops, uint8_t generation) {
    uint32_t nbody = b->n + (count_uops ? 1 : 0);
    Trace *t = trace_new(nbody + b->n); /* at most one stub per body micro-op */
    if (!t) return NULL;
    /* at[i]: where body[i] lands. A _COUNT_UOPS goes just before the loop
     * head, and the back-edge jumps to it, so that it runs once per
     * iteration (a bridge counts once per run). */
    uint32_t *at = gc_alloc_atomic(sizeof(uint32_t) * (b->n + 1));
    if (!at) return NULL;
    uint32_t next = 0, head = 0;
    for (uint32_t i = 0; i < b->n; i++) {
        if (i == b->loop_start) head = next;
        if (i == b->loop_start && count_uops)
            t->instrs[next++] = (UopInstr){UOP_COUNT_UOPS, 0, b->n - b->loop_start,
                                           b->body[i].u.target, 0};
        at[i] = next;
        t->instrs[next++] = b->body[i].u;
    }
    uint32_t nstubs = 0;
    const ProtoUop **stub_for = gc_alloc(sizeof(ProtoUop *) * (b->n + 1));
    if (!stub_for) return NULL;
    for (uint32_t i = 0; i < b->n; i++) {
        UopInstr *u = &t->instrs[at[i]];
        if (u->opcode == UOP_JUMP_TO_TOP) u->jump_target = (uint16_t)head;
        if (u->opcode == UOP_EXIT_TRACE && u->oparg == TIER2_EXIT_LOOP_END &&
            !make_stub(u, &b->body[i], generation)) /* linkable in place */
            return NULL;
        if (!(uop_flags[u->opcode] & UOPF_EXIT)) continue;
        const ProtoUop *pu = &b->body[i];
        uint32_t s = 0;
        while (s < nstubs && !same_exit(&t->instrs[nbody + s], pu, stub_for[s])) s++;
        if (s == nstubs) {
            if (!make_stub(&t->instrs[nbody + s], pu, generation)) return NULL;
            stub_for[nstubs++] = pu;
        }
        u->jump_target = (uint16_t)(nbody + s);
    }
    t->length = nbody + nstubs;
    return t;
}
