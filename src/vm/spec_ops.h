/* spec_ops.h — the guards and actions the specialised instructions of
 * bytecodes.def are made of.
 *
 * Each specialised instruction is `guard(s)` then `action`: a guard is a
 * pure test (GUARD_*: no side effects, so a failed guard can fall back to
 * the generic instruction with the stack untouched), an action does the
 * work once the guards hold (action_*: returns VAL_NULL / -1 with an
 * exception set on error). Keeping them apart and named lets the tier-2
 * trace builder reuse them as micro-ops (_GUARD_BOTH_INT then
 * _BINARY_OP_ADD_INT) and its optimizer drop guards it has proven.
 */
#ifndef KRAIT_SPEC_OPS_H
#define KRAIT_SPEC_OPS_H

#include <math.h>

#include "../objects/dict.h"
#include "../objects/function.h"
#include "../objects/generator.h"
#include "../objects/iterobject.h"
#include "../objects/module.h"
#include "../objects/number.h" /* float_pow_double */
#include "../objects/str.h"
#include "../objects/typeobj.h"
#include "call.h"
#include "error.h"
#include "specialize.h"
#include "vm.h" /* vm_recursion_limit */

/* ---- guards on operand types ---- */

#define GUARD_BOTH_INT(a, b) val_both_smallint((a), (b))
#define GUARD_BOTH_FLOAT(a, b) val_both_double((a), (b))
#define GUARD_BOTH_COMPLEX(a, b) \
    (val_is_type_exact((a), &Complex_Type) && val_is_type_exact((b), &Complex_Type))
#define GUARD_BOTH_UNICODE(a, b) (val_is_str_exact(a) && val_is_str_exact(b))
#define GUARD_EXACT(v, type) val_is_type_exact((v), (type))
/* A non-negative small int below n (CPython's forms deopt on negatives). */
#define GUARD_INDEX_BELOW(key, n) \
    (val_is_smallint(key) && val_as_smallint(key) >= 0 && (uint64_t)val_as_smallint(key) < (n))
/* The type (and hence its MRO, slots and dict) is what the cache saw. */
#define GUARD_TYPE_VERSION(v, tv) (val_is_ptr(v) && TYPE(v)->version == (tv))
/* The same for any value (ints and floats too): methods found on the type. */
#define GUARD_ANY_TYPE_VERSION(v, tv) (val_type(v)->version == (tv))
/* A Python-level instance still in shape mode with the given shape (tier 2
 * carries the shape as an operand, tier 1 reads it from the cache). */
static inline bool guard_shape_is(Value owner, const void *shape) {
    AttrStore *a = obj_attrs(owner, TYPE(owner));
    return a->shape == shape && !a->dict;
}
static inline bool guard_shape(Value owner, const CodeUnit *cache_shape) {
    return guard_shape_is(owner, cache_read_ptr(cache_shape));
}
/* The entry of a LOAD_ATTR_POLY cache for owner's type version and shape,
 * or NULL (owner is no instance in shape mode of a class it has seen). */
static inline const AttrPolyEntry *guard_attr_poly(const AttrPolyCache *c, Value owner) {
    if (!val_is_ptr(owner) || TYPE(owner)->attrs_offset == 0) return NULL;
    Type *t = TYPE(owner);
    AttrStore *a = obj_attrs(owner, t);
    if (a->dict) return NULL;
    for (uint32_t i = 0; i < c->n; i++)
        if (c->entries[i].type_version == t->version && c->entries[i].shape == a->shape)
            return &c->entries[i];
    return NULL;
}
/* container[key] / container[key] = v can take the list or tuple fast path. */
#define GUARD_LIST_INDEX(c, key) (GUARD_EXACT((c), &List_Type) && GUARD_INDEX_BELOW((key), list_size(c)))
#define GUARD_TUPLE_INDEX(c, key) \
    (GUARD_EXACT((c), &Tuple_Type) && GUARD_INDEX_BELOW((key), tuple_size(c)))
/* seq is an exact tuple / list of exactly n items (UNPACK_SEQUENCE forms). */
#define GUARD_UNPACK_TUPLE(seq, n) (GUARD_EXACT((seq), &Tuple_Type) && tuple_size(seq) == (n))
#define GUARD_UNPACK_LIST(seq, n) (GUARD_EXACT((seq), &List_Type) && list_size(seq) == (n))
/* callable is the cached object and no self was pushed (CALL_LEN, …). */
#define GUARD_CALLABLE_IS(callable, self_or_null, cached) ((callable) == (cached) && !(self_or_null))
/* A built-in function called without a self slot (CALL_BUILTIN_*). */
#define GUARD_CALL_BUILTIN(callable, self_or_null) \
    (GUARD_EXACT((callable), &BuiltinFunction_Type) && !(self_or_null))
/* Entry ix of dict d still binds name (an interned str): the cached index
 * proves itself, whatever else changed in the dict. */
static inline bool guard_dict_entry(Value d, uint32_t ix, Value name) {
    DictObject *o = DICT(d);
    return ix < o->nentries && o->entries[ix].key == name;
}
static inline Value dict_entry_value(Value d, uint32_t ix) { return DICT(d)->entries[ix].value; }
/* owner is a module whose dict entry ix binds name. */
static inline bool guard_module_entry(Value owner, uint32_t ix, Value name) {
    return GUARD_EXACT(owner, &Module_Type) && guard_dict_entry(module_dict(owner), ix, name);
}
/* globals does not bind name: the dict is unchanged since that was seen,
 * or a fresh lookup says so (then the cache learns the new version). */
static inline bool guard_globals_lack(Value globals, CodeUnit *cache_version, Value name) {
    if (DICT(globals)->version == cache_read64(cache_version)) return true;
    if (dict_get_interned(globals, name) || err_occurred()) return false;
    cache_write64(cache_version, DICT(globals)->version);
    return true;
}
/* func (a FunctionObject) still has the code and defaults it had when its
 * version was recorded. */
static inline bool guard_function_version(Value func, uint32_t version) {
    return FUNC(func)->version == version;
}
/* callable is a plain function running `code`: any function object made
 * from the same code will do (a comprehension or closure gets a fresh one
 * at every evaluation), since the frame is set up from the function
 * actually called — its globals, closure and defaults. */
static inline bool guard_function_code(Value callable, Value code) {
    return GUARD_EXACT(callable, &Function_Type) && FUNC(callable)->code == code;
}
/* The CALL_PY_* guard: callable is the cached function, unchanged (its
 * version), or another function running the code the specialiser vetted
 * (a plain function without keyword-only parameters; the argument count
 * is guarded apart). */
static inline bool guard_function(Value callable, const CodeUnit *cache) {
    Value cached = cache_read64(cache + 1);
    if (callable == cached) return guard_function_version(callable, cache[0]);
    return guard_function_version(cached, cache[0]) &&
           guard_function_code(callable, FUNC(cached)->code);
}

/* ---- arithmetic and comparison actions ---- */

static inline Value action_int_result(int64_t r) {
    return smallint_fits(r) ? val_from_smallint(r) : int_from_i64(r);
}
/* Computed on payloads shifted by 16 (val_smallint_shifted), so the
 * overflow test is the CPU's and the result needs no range check; a result
 * beyond 48 bits takes the slow path to a big int. */
static inline Value action_add_int(Value a, Value b) {
    int64_t r;
    if (__builtin_add_overflow(val_smallint_shifted(a), val_smallint_shifted(b), &r))
        return int_from_i64(val_as_smallint(a) + val_as_smallint(b)); /* 49 bits at most */
    return val_from_smallint_shifted(r);
}
static inline Value action_subtract_int(Value a, Value b) {
    int64_t r;
    if (__builtin_sub_overflow(val_smallint_shifted(a), val_smallint_shifted(b), &r))
        return int_from_i64(val_as_smallint(a) - val_as_smallint(b));
    return val_from_smallint_shifted(r);
}
static inline Value action_multiply_int(Value a, Value b) {
    int64_t r;
    if (__builtin_mul_overflow(val_smallint_shifted(a), val_as_smallint(b), &r)) {
        if (__builtin_mul_overflow(val_as_smallint(a), val_as_smallint(b), &r))
            return obj_binary_op(a, b, NB_MULTIPLY); /* needs a big int */
        return int_from_i64(r);
    }
    return val_from_smallint_shifted(r);
}
#define action_add_float(a, b) val_from_double(val_as_double(a) + val_as_double(b))
#define action_subtract_float(a, b) val_from_double(val_as_double(a) - val_as_double(b))
#define action_multiply_float(a, b) val_from_double(val_as_double(a) * val_as_double(b))
#define action_add_unicode(a, b) str_concat((a), (b))
/* + - * of two exact complex numbers; op is the oparg (x += y is x + y) */
#define action_complex_arith(op, a, b) \
    complex_arith_exact((int)(op) % NB_INPLACE_OFFSET, (a), (b))

/* x ** y of two floats: pow() itself when the base is positive and finite,
 * the exponent finite and the result finite, else the full rules of
 * float_pow_double (a complex result for a negative base and a fractional
 * exponent, ZeroDivisionError, OverflowError, the inf/nan cases). */
static inline Value action_float_power(Value a, Value b) {
    double x = val_as_double(a), y = val_as_double(b);
    if (x > 0.0 && x < HUGE_VAL && isfinite(y)) {
        double r = pow(x, y);
        if (r < HUGE_VAL) return val_from_double(r);
    }
    return float_pow_double(x, y);
}

/* A float, or a small int (its double is exact: 48 bits), as a double:
 * x / y then rounds once, as CPython's float and small-int divisions do. */
#define GUARD_NUMBER(v) (val_is_double(v) || val_is_smallint(v))
static inline double number_as_double(Value v) {
    return val_is_smallint(v) ? (double)val_as_smallint(v) : val_as_double(v);
}
/* Both operands floats or small ints, the divisor nonzero (zero raises in
 * the generic form). */
#define GUARD_TRUE_DIVIDE(a, b) \
    (GUARD_NUMBER(a) && GUARD_NUMBER(b) && number_as_double(b) != 0.0)
#define action_number_true_divide(a, b) val_from_double(number_as_double(a) / number_as_double(b))

/* Both small ints, the divisor nonzero. */
#define GUARD_INT_DIVISION(a, b) (GUARD_BOTH_INT((a), (b)) && val_as_smallint(b) != 0)
/* Python's flooring // and %: the quotient rounds towards -inf, the
 * remainder takes the divisor's sign. -2**47 // -1 needs a big int. */
static inline Value action_int_floor_divide(Value a, Value b) {
    int64_t x = val_as_smallint(a), y = val_as_smallint(b);
    int64_t q = x / y;
    if (x % y != 0 && ((x < 0) != (y < 0))) q--;
    return action_int_result(q);
}
static inline Value action_int_remainder(Value a, Value b) {
    int64_t x = val_as_smallint(a), y = val_as_smallint(b);
    int64_t r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) r += y;
    return val_from_smallint(r); /* |r| < |y|: always small */
}

static inline Value action_compare_int(Value a, Value b, int op) {
    int64_t x = val_as_smallint(a), y = val_as_smallint(b);
    return val_bool(fast_cmp_result(op, (x > y) - (x < y)));
}
/* x op y of two doubles (NaN is unordered); tier 2's float registers
 * compare with it too. */
static inline bool compare_doubles(double x, double y, int op) {
    if (x != x || y != y) return op == CMP_NE;
    return fast_cmp_result(op, (x > y) - (x < y));
}
static inline Value action_compare_float(Value a, Value b, int op) {
    return val_bool(compare_doubles(val_as_double(a), val_as_double(b), op));
}
/* == / != of two exact strs (the only operators the STR form takes). */
static inline Value action_compare_str(Value a, Value b, int op) {
    bool eq = a == b || str_eq(a, b);
    return val_bool(eq == (op == CMP_EQ));
}

/* ---- stack actions ---- */

/* Dropping a value: a generator a for-loop owns is closed right away, as
 * CPython's reference counting would (generator.h). */
#define GUARD_LOOP_OWNED_GEN(v) (val_is_type_exact((v), &Generator_Type) && GEN(v)->loop_owned)
static inline void action_pop_top(Value v) {
    if (GUARD_LOOP_OWNED_GEN(v)) generator_discard(v);
}

/* ---- cells (closures) ---- */

/* The contents of the cell in a frame slot; VAL_NULL when unbound (the
 * caller raises with vm_unbound_deref_error). */
static inline Value action_load_deref(Value cell) { return CELL(cell)->contents; }
static inline void action_store_deref(Value cell, Value v) { CELL(cell)->contents = v; }

/* ---- container actions ---- */

/* Their guards (GUARD_LIST_INDEX, …) proved the index in range. */
static inline Value action_subscr_list_int(Value list, Value key) {
    return list_items(list)[val_as_smallint(key)];
}
static inline Value action_subscr_tuple_int(Value tuple, Value key) {
    return tuple_items(tuple)[val_as_smallint(key)];
}
static inline void action_store_subscr_list_int(Value list, Value key, Value v) {
    list_items(list)[val_as_smallint(key)] = v;
}

static inline Value action_subscr_dict(Value d, Value key) {
    Value v = dict_get(d, key);
    if (!v && !err_occurred()) raise_key_error(key);
    return v;
}
static inline Value action_subscr_str_int(Value s, Value key) {
    return str_from_codepoint((unsigned char)str_data(s)[val_as_smallint(key)]);
}
/* 1 found, 0 not, -1 error; container is an exact set/frozenset/dict. */
static inline int action_contains_slot(Value container, Value item) {
    return TYPE(container)->sq_contains(container, item);
}
/* Unpack the n items into dest with the first item on top (dest[n-1]). */
static inline void action_unpack_items(const Value *items, size_t n, Value *dest) {
    switch (n) { /* the usual sizes, straight-line */
    case 3: dest[2] = items[0]; dest[1] = items[1]; dest[0] = items[2]; return;
    case 2: dest[1] = items[0]; dest[0] = items[1]; return;
    default:
        for (size_t i = 0; i < n; i++) dest[n - 1 - i] = items[i];
    }
}

/* ---- iteration actions: the next item, or VAL_NULL when exhausted ---- */

static inline Value action_iter_next_range(Value it) {
    RangeIterObject *r = val_as_ptr(it);
    if (r->remaining == 0) return VAL_NULL;
    int64_t v = r->next;
    r->remaining--;
    r->next = (int64_t)((uint64_t)v + (uint64_t)r->step);
    return val_from_smallint(v);
}
/* The range iterator is exhausted or its next value is a small int. */
#define GUARD_RANGE_SMALL(it) \
    (((RangeIterObject *)val_as_ptr(it))->remaining == 0 || \
     smallint_fits(((RangeIterObject *)val_as_ptr(it))->next))
#define GUARD_ITER_RANGE(it) (GUARD_EXACT((it), &RangeIter_Type) && GUARD_RANGE_SMALL(it))
static inline Value action_iter_next_list(Value it) {
    SeqIndexIterObject *s = val_as_ptr(it);
    if (s->seq && s->index < list_size(s->seq)) return list_items(s->seq)[s->index++];
    s->seq = VAL_NULL;
    return VAL_NULL;
}
static inline Value action_iter_next_tuple(Value it) {
    SeqIndexIterObject *s = val_as_ptr(it);
    if (s->seq && s->index < tuple_size(s->seq)) return tuple_items(s->seq)[s->index++];
    s->seq = VAL_NULL;
    return VAL_NULL;
}
/* Resume a generator for a for-loop: VAL_NULL without exception once it
 * returns (its return value is dropped, as next() drops it). */
Value action_iter_next_gen(Value gen);

/* ---- attribute actions ---- */

static inline Value action_load_instance_value(Value owner, uint32_t index) {
    return obj_attrs(owner, TYPE(owner))->slots[index];
}
static inline void action_store_instance_value(Value owner, uint32_t index, Value v) {
    obj_attrs(owner, TYPE(owner))->slots[index] = v;
}

/* ---- call actions ---- */

/* RecursionError for a call one level past vm_recursion_limit; NULL. */
Frame *action_recursion_error(void);
/* A frame for func with exactly its positional parameters in args[0..n)
 * (n == argcount), or n within the defaults when with_defaults. The caller
 * proved func is a plain Python function of that shape (guard_function).
 * NULL with RecursionError / MemoryError. Inline: this is most of the
 * cost of a Python call, and with_defaults is a constant at each use. */
static inline __attribute__((always_inline)) Frame *action_push_frame(Value func, Value *args,
                                                                      size_t n, bool with_defaults) {
    if (__builtin_expect(vm_depth >= vm_recursion_limit, 0)) return action_recursion_error();
    FunctionObject *fn = FUNC(func);
    CodeObject *co = CODE(fn->code);
    Frame *f = frame_arena_push(co);
    if (!f) return NULL;
    frame_setup(f, co, func, fn->globals, fn->builtins, VAL_NULL);
    vm_depth++;
    for (size_t i = 0; i < n; i++) f->localsplus[i] = args[i];
    size_t bound = n;
    if (with_defaults && n < co->argcount) {
        size_t ndefaults = tuple_size(fn->defaults), first = co->argcount - ndefaults;
        for (size_t i = n; i < co->argcount; i++)
            f->localsplus[i] = tuple_items(fn->defaults)[i - first];
        bound = co->argcount;
    }
    frame_clear_locals(f, bound); /* the other locals and the cells start unbound */
    return f;
}
/* A call block on the stack, call = &PEEK(oparg + 2): call[0] the callable,
 * call[1] self or VAL_NULL, then the oparg arguments. A set self is the
 * first argument. */
static inline size_t call_nargs(const Value *call, uint32_t oparg) {
    return oparg + (call[1] != VAL_NULL);
}
static inline Value *call_args(Value *call) { return call[1] ? call + 1 : call + 2; }
/* The frame for calling call[0], a plain Python function whose shape the
 * guards proved (see action_push_frame). */
static inline __attribute__((always_inline)) Frame *action_push_call_frame(Value *call,
                                                                           uint32_t oparg,
                                                                           bool with_defaults) {
    return action_push_frame(call[0], call_args(call), call_nargs(call, oparg), with_defaults);
}
/* A bound method object in the callable slot with no self pushed. */
static inline bool guard_bound_method(const Value *call) {
    return GUARD_EXACT(call[0], &Method_Type) && !call[1];
}
/* Replace the bound method by its function and self (CPython's shape). */
static inline void action_unpack_bound_method(Value *call) {
    call[1] = METHOD(call[0])->self;
    call[0] = METHOD(call[0])->func;
}
/* The function's parameter count accepts n positional arguments. */
static inline bool guard_argcount(Value func, size_t n) {
    return CODE(FUNC(func)->code)->argcount == n;
}
static inline bool guard_argcount_defaults(Value func, size_t n) {
    FunctionObject *fn = FUNC(func);
    size_t argcount = CODE(fn->code)->argcount;
    size_t ndefaults = fn->defaults ? tuple_size(fn->defaults) : 0;
    return n <= argcount && n + ndefaults >= argcount;
}
/* A built-in function called with args[0..n); when it is bound (self set)
 * args[-1] is a free stack slot that receives self. */
static inline Value action_call_builtin(Value callable, Value *args, size_t n) {
    BuiltinFunctionObject *b = val_as_ptr(callable);
    if (b->self) {
        args[-1] = b->self;
        return b->def->fn(args - 1, n + 1, VAL_NULL);
    }
    return b->def->fn(args, n, VAL_NULL);
}
static inline Value action_call_len(Value v) {
    int64_t n = obj_len(v);
    return n < 0 ? VAL_NULL : action_int_result(n);
}
static inline Value action_call_isinstance(Value obj, Value cls) {
    int r = obj_isinstance(obj, cls);
    return r < 0 ? VAL_NULL : val_bool(r);
}
/* A method descriptor of a built-in type called on self = args[0]. */
static inline bool guard_descr_self(Value descr, Value self) {
    Type *owner = ((MethodDescrObject *)val_as_ptr(descr))->owner;
    return val_type(self) == owner || type_is_subtype(val_type(self), owner);
}
static inline Value action_call_method_descr(Value descr, Value *args, size_t n) {
    return ((MethodDescrObject *)val_as_ptr(descr))->def->fn(args, n, VAL_NULL);
}
/* The instance for CALL_ALLOC_AND_ENTER_INIT (type.__call__ minus the
 * __init__ call, which runs in its own frame). */
static inline Value action_alloc_instance(Value type) { return type_generic_alloc(val_as_type(type)); }
/* The frame running __init__ returns here: it must return None; the
 * instance is already in place on the caller's stack. -1: TypeError. */
int action_check_init_result(Value result);

#endif
