/* frame.h — execution frames, the frame arena, and the small inline
 * operations (int/float fast paths) shared by every tier.
 *
 * A Frame is the activation record of one code object: the registers the
 * eval loop needs to resume it, then `localsplus` (nlocalsplus local, cell
 * and free slots) immediately followed by the value stack (stacksize slots).
 *
 * Ordinary frames are bump-allocated in the frame arena: chunks obtained
 * from gc_alloc_root, so the collector scans every live Value in them, and
 * frames come and go in strict LIFO order. A generator's frame must outlive
 * the call that created it, so it is allocated on the GC heap instead and
 * owned by the generator object (Frame.on_heap).
 *
 * Frames are NOT Python objects; Python code sees them through a
 * FrameObject (Frame_Type: gi_frame, sys._getframe) made on demand.
 */
#ifndef KRAIT_FRAME_H
#define KRAIT_FRAME_H

#include "../objects/code.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/object.h"
#include "../objects/tuple.h"

struct GeneratorObject;

/* Frame.state */
enum {
    FRAME_CREATED,   /* bound, not started (generators) */
    FRAME_EXECUTING,
    FRAME_SUSPENDED, /* generator frame stopped at a yield */
    FRAME_COMPLETED, /* returned or raised out */
};

typedef struct Frame {
    struct Frame *previous;   /* the caller (older frame) while linked */
    CodeObject *code;
    Value func;               /* FunctionObject, or VAL_NULL for module/exec code */
    Value globals;            /* dict */
    Value builtins;           /* dict */
    Value locals;             /* mapping for *_NAME opcodes, or VAL_NULL */
    CodeUnit *instr_ptr;      /* instruction executing (or last executed) */
    CodeUnit *next_instr;     /* where execution resumes */
    Value *stack_top;         /* saved value-stack pointer while not running */
    struct GeneratorObject *gen; /* owning generator, or NULL */
    /* arena bookkeeping: NULL when the frame was carved from the chunk
     * the previous frame is in (popping it just rewinds the arena top to
     * the frame), else the chunk that was current before it */
    void *arena_prev_chunk;
    uint8_t state;            /* FRAME_* */
    uint8_t is_entry;         /* leaving it returns from the C call of the eval loop */
    uint8_t on_heap;          /* a generator frame on the GC heap */
    uint8_t is_init;          /* runs __init__ for CALL_ALLOC_AND_ENTER_INIT: its
                                 None result is dropped, the caller holds self */
    Value localsplus[];       /* locals, cells, free vars, then the value stack */
} Frame;

static inline Value *frame_stack_base(Frame *f) {
    return f->localsplus + f->code->nlocalsplus;
}
static inline size_t frame_size_for(CodeObject *co) {
    return sizeof(Frame) + (size_t)(co->nlocalsplus + co->stacksize + 1) * sizeof(Value);
}
/* Source line of the frame's current instruction. */
static inline int frame_lineno(Frame *f) {
    if (!f->instr_ptr) return f->code->firstlineno;
    return code_line_at(f->code, (uint32_t)(f->instr_ptr - f->code->code));
}

/* The handled exception (sys.exc_info()) is a stack of ExcInfo records:
 * the base one, plus one per running generator (each generator keeps its
 * own across yields). PUSH_EXC_INFO/POP_EXCEPT change the topmost record;
 * vm_handled_exception() reports the topmost one that is set, as
 * CPython's _PyErr_GetTopmostException does. exc is VAL_NULL when unset. */
typedef struct ExcInfo {
    Value exc;
    struct ExcInfo *previous;
} ExcInfo;
extern ExcInfo *vm_exc_info;

/* The innermost running frame (NULL when no Python code runs). */
extern Frame *vm_frame;
/* Python frames + C re-entries currently active (checked against
 * vm_recursion_limit). */
extern int vm_depth;

/* The free space of the arena's current chunk, [top, limit): a call
 * carves its frame with one compare and one add. Both are NULL before the
 * first frame, so that one takes the slow path and makes the first chunk. */
extern char *frame_arena_top, *frame_arena_limit;
Frame *frame_arena_push_slow(size_t size);
void frame_arena_pop_slow(Frame *f);

/* Carve a frame for co from the arena; MemoryError -> NULL. Only the arena
 * bookkeeping is set: frame_setup fills the header, and the locals the
 * caller does not bind must be cleared (frame_clear_locals). Does not link
 * the frame or count depth. */
static inline Frame *frame_arena_push(CodeObject *co) {
    size_t size = (frame_size_for(co) + 15) & ~(size_t)15;
    char *top = frame_arena_top;
    if (__builtin_expect((size_t)(frame_arena_limit - top) < size, 0))
        return frame_arena_push_slow(size);
    frame_arena_top = top + size;
    Frame *f = (Frame *)top;
    f->arena_prev_chunk = NULL;
    f->on_heap = 0;
    return f;
}
/* Release an arena frame (must be the most recent one). */
static inline void frame_arena_pop(Frame *f) {
    if (__builtin_expect(f->arena_prev_chunk != NULL, 0)) frame_arena_pop_slow(f);
    else frame_arena_top = (char *)f;
}
/* A zeroed frame on the GC heap (for generators). */
Frame *frame_heap_new(CodeObject *co);

/* Initialise the header of a fresh frame (all but the arena bookkeeping
 * and on_heap, which its allocator set). Inline: it is most of a call. */
static inline void frame_setup(Frame *f, CodeObject *co, Value func, Value globals,
                               Value builtins, Value locals) {
    f->previous = NULL;
    f->code = co;
    f->func = func;
    f->globals = globals;
    f->builtins = builtins;
    f->locals = locals;
    f->instr_ptr = NULL;
    f->next_instr = co->code;
    f->stack_top = f->localsplus + co->nlocalsplus;
    f->gen = NULL;
    f->state = FRAME_CREATED;
    f->is_entry = 0;
    f->is_init = 0;
}
/* Unbind localsplus[from..nlocalsplus): arena memory is not zeroed, and
 * only the slots a call binds (its arguments) may skip this. */
static inline void frame_clear_locals(Frame *f, size_t from) {
    for (size_t i = from; i < f->code->nlocalsplus; i++) f->localsplus[i] = VAL_NULL;
}

/* FrameObject: the Python-visible view of a frame (Frame_Type). */
typedef struct FrameObject {
    Object base;
    Frame *frame;       /* the frame; trusted only while it is live */
    Value code;
    Value globals;
    Value back;         /* FrameObject of the caller, made on demand */
    int lineno;         /* last line seen (kept once the frame is gone) */
} FrameObject;

/* A FrameObject for f. Attributes read the frame while it runs (or is a
 * suspended generator frame) and fall back to a snapshot afterwards.
 * `live` is kept for callers' clarity; every FrameObject checks liveness. */
Value frame_object_new(Frame *f, int live);
/* The locals of a frame as a dict: its locals mapping when it has one,
 * else a fresh snapshot of the bound fast locals and cells. */
Value frame_locals_dict(Frame *f);
/* sys._getframe(depth): FrameObject of the depth-th caller (ValueError
 * "call stack is not deep enough" when too deep). */
Value vm_get_frame_object(int depth);

/* ---- inline arithmetic shared by tier 1, tier 2 and the JIT ----
 * Each returns VAL_NULL when the fast path does not apply (no exception
 * set): the caller then falls back to the generic protocol. */

static inline Value fast_int_binop(int op, int64_t a, int64_t b) {
    int64_t r;
    switch (op) {
    case NB_ADD: case NB_ADD + NB_INPLACE_OFFSET:
        r = a + b; break; /* 48-bit operands cannot overflow int64 */
    case NB_SUBTRACT: case NB_SUBTRACT + NB_INPLACE_OFFSET:
        r = a - b; break;
    case NB_MULTIPLY: case NB_MULTIPLY + NB_INPLACE_OFFSET:
        if (__builtin_mul_overflow(a, b, &r)) return VAL_NULL;
        break;
    case NB_FLOOR_DIVIDE: case NB_FLOOR_DIVIDE + NB_INPLACE_OFFSET:
        if (b == 0) return VAL_NULL;
        r = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) r--;
        break;
    case NB_REMAINDER: case NB_REMAINDER + NB_INPLACE_OFFSET:
        if (b == 0) return VAL_NULL;
        r = a % b;
        if (r != 0 && ((r < 0) != (b < 0))) r += b;
        break;
    case NB_AND: case NB_AND + NB_INPLACE_OFFSET: r = a & b; break;
    case NB_OR: case NB_OR + NB_INPLACE_OFFSET: r = a | b; break;
    case NB_XOR: case NB_XOR + NB_INPLACE_OFFSET: r = a ^ b; break;
    case NB_RSHIFT: case NB_RSHIFT + NB_INPLACE_OFFSET:
        if (b < 0) return VAL_NULL;
        r = b >= 63 ? (a < 0 ? -1 : 0) : a >> b;
        break;
    case NB_LSHIFT: case NB_LSHIFT + NB_INPLACE_OFFSET:
        if (b < 0 || b > 16) return VAL_NULL; /* 47+16 bits still fit int64 */
        r = (int64_t)((uint64_t)a << b);
        break;
    default:
        return VAL_NULL;
    }
    if (smallint_fits(r)) return val_from_smallint(r);
    return int_from_i64(r);
}

static inline Value fast_float_binop(int op, double a, double b) {
    switch (op) {
    case NB_ADD: case NB_ADD + NB_INPLACE_OFFSET: return val_from_double(a + b);
    case NB_SUBTRACT: case NB_SUBTRACT + NB_INPLACE_OFFSET: return val_from_double(a - b);
    case NB_MULTIPLY: case NB_MULTIPLY + NB_INPLACE_OFFSET: return val_from_double(a * b);
    case NB_TRUE_DIVIDE: case NB_TRUE_DIVIDE + NB_INPLACE_OFFSET:
        if (b == 0.0) return VAL_NULL; /* the slow path raises ZeroDivisionError */
        return val_from_double(a / b);
    default:
        return VAL_NULL;
    }
}

/* a op b for inline ints and floats (mixed int/float promotes). */
static inline Value fast_binary_op(Value a, Value b, int op) {
    if (val_both_smallint(a, b))
        return fast_int_binop(op, val_as_smallint(a), val_as_smallint(b));
    if (val_is_double(a)) {
        if (val_is_double(b)) return fast_float_binop(op, val_as_double(a), val_as_double(b));
        if (val_is_smallint(b))
            return fast_float_binop(op, val_as_double(a), (double)val_as_smallint(b));
    } else if (val_is_smallint(a) && val_is_double(b)) {
        return fast_float_binop(op, (double)val_as_smallint(a), val_as_double(b));
    }
    return VAL_NULL;
}

/* op applied to an ordering c (-1, 0, 1), without branches: each CMP_*
 * has 3 bits saying which of less / equal / greater satisfy it (bit c + 1),
 * packed 3 bits per op. A stencil whose op is a hole thus needs no switch. */
#define CMP_ACCEPTS(lt, eq, gt) ((lt) | (eq) << 1 | (gt) << 2)
#define CMP_TABLE                                                        \
    ((uint32_t)CMP_ACCEPTS(1, 0, 0) << (3 * CMP_LT) |                    \
     (uint32_t)CMP_ACCEPTS(1, 1, 0) << (3 * CMP_LE) |                    \
     (uint32_t)CMP_ACCEPTS(0, 1, 0) << (3 * CMP_EQ) |                    \
     (uint32_t)CMP_ACCEPTS(1, 0, 1) << (3 * CMP_NE) |                    \
     (uint32_t)CMP_ACCEPTS(0, 0, 1) << (3 * CMP_GT) |                    \
     (uint32_t)CMP_ACCEPTS(0, 1, 1) << (3 * CMP_GE))
static inline int fast_cmp_result(int op, int c) {
    return (int)((CMP_TABLE >> (3 * op + c + 1)) & 1);
}

/* a op b -> True/False for two inline ints or two inline floats. */
static inline Value fast_compare(Value a, Value b, int op) {
    if (val_both_smallint(a, b)) {
        int64_t x = val_as_smallint(a), y = val_as_smallint(b);
        return val_bool(fast_cmp_result(op, (x > y) - (x < y)));
    }
    if (val_both_double(a, b)) {
        double x = val_as_double(a), y = val_as_double(b);
        if (x != x || y != y) return val_bool(op == CMP_NE); /* NaN */
        return val_bool(fast_cmp_result(op, (x > y) - (x < y)));
    }
    return VAL_NULL;
}

/* ---- the generic operations with their fast paths in front ---- */

static inline Value vm_binary_op(Value a, Value b, int op) {
    Value r = fast_binary_op(a, b, op);
    return r ? r : obj_binary_op(a, b, op);
}

static inline Value vm_compare(Value a, Value b, int op) {
    Value r = fast_compare(a, b, op);
    return r ? r : obj_richcompare(a, b, op);
}

static inline Value vm_negative(Value v) {
    if (val_is_smallint(v) && val_as_smallint(v) != SMALLINT_MIN)
        return val_from_smallint(-val_as_smallint(v));
    if (val_is_double(v)) return val_from_double(-val_as_double(v));
    return obj_negative(v);
}

/* Full truth test; -1 on error. */
static inline int vm_truthy(Value v) {
    if (v == VAL_TRUE) return 1;
    if (v == VAL_FALSE || val_is_none(v)) return 0;
    if (val_is_smallint(v)) return val_as_smallint(v) != 0;
    return obj_truthy(v);
}

/* container[key] for list/tuple with an inline int index in range. */
static inline Value fast_subscr(Value container, Value key) {
    if (!val_is_smallint(key) || !val_is_ptr(container)) return VAL_NULL;
    int64_t i = val_as_smallint(key);
    if (TYPE(container) == &List_Type) {
        int64_t n = (int64_t)list_size(container);
        if (i < 0) i += n;
        return i >= 0 && i < n ? list_items(container)[i] : VAL_NULL;
    }
    if (TYPE(container) == &Tuple_Type) {
        int64_t n = (int64_t)tuple_size(container);
        if (i < 0) i += n;
        return i >= 0 && i < n ? tuple_items(container)[i] : VAL_NULL;
    }
    return VAL_NULL;
}

static inline Value vm_subscr(Value container, Value key) {
    Value r = fast_subscr(container, key);
    return r ? r : obj_getitem(container, key);
}

static inline int vm_store_subscr(Value container, Value key, Value v) {
    if (val_is_smallint(key) && val_is_type_exact(container, &List_Type)) {
        int64_t i = val_as_smallint(key), n = (int64_t)list_size(container);
        if (i < 0) i += n;
        if (i >= 0 && i < n) {
            list_items(container)[i] = v;
            return 0;
        }
    }
    return obj_setitem(container, key, v);
}

#endif
