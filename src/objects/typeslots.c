/* typeslots.c — the two-way bridge between type slots and dunder methods.
 *
 *  - A built-in type's slots are exposed in its dict as slot wrappers, so
 *    `int.__add__(1, 2)`, `object.__repr__(x)` and `super().__init__()`
 *    find something to call (type_add_slot_wrappers).
 *  - A class defined in Python gets slot functions that look the dunder up
 *    on the type and call it (the slot_* functions), unless the dunder it
 *    finds is a built-in's slot wrapper, in which case the built-in's C
 *    function is used directly (type_update_slots). That keeps
 *    `class P(object): pass` as fast as object for everything it does not
 *    override.
 */
#include "typeobj.h"

#include "../vm/error.h"
#include "dict.h"
#include "function.h"
#include "int.h"
#include "iterobject.h"
#include "list.h"
#include "str.h"
#include "tuple.h"

typedef void (*AnyFn)(void);

typedef enum {
    K_NEW, K_INIT, K_CALL, K_REPR, K_STR, K_HASH, K_RICHCMP, K_GETATTRIBUTE,
    K_GETATTR, K_SETATTR, K_DELATTR, K_ITER, K_NEXT, K_GET, K_SET, K_DELETE,
    K_BINARY, K_RBINARY, K_INPLACE, K_UNARY, K_BOOL, K_LEN, K_GETITEM,
    K_SETITEM, K_DELITEM, K_CONTAINS,
} SlotKind;

struct SlotDef {
    Value *name;     /* &name___add__ (interned at strings_init) */
    size_t offset;   /* of the slot inside Type */
    SlotKind kind;
    int op;          /* NB_x for numbers, CMP_x for comparisons */
    AnyFn heap_fn;   /* slot function for classes defined in Python */
};

#define SLOT_PTR(type, off) ((AnyFn *)((char *)(type) + (off)))

/* ---- calling dunders found on the type ---- */

/* Look name up on type(self) and call it; *found = false when absent. */
static Value call_dunder(Value self, Value name, Value *args, size_t nargs, Value kwnames,
                         bool *found) {
    Value descr = type_lookup(val_type(self), name);
    *found = descr != VAL_NULL;
    if (!descr) return VAL_NULL;
    return call_unbound(descr, self, args, nargs, kwnames);
}

/* Same, but a missing dunder is an AttributeError (it was there when the
 * slot was installed; someone deleted it since). */
static Value call_dunder_req(Value self, Value name, Value *args, size_t nargs) {
    bool found;
    Value r = call_dunder(self, name, args, nargs, VAL_NULL, &found);
    if (!found) return err_no_attribute(self, name);
    return r;
}

/* ---- heap slot functions ---- */

static Value slot_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    Value func = type_lookup(type, name___new__);
    if (!func) return err_no_attribute(val_from_ptr(type), name___new__);
    func = descr_bind(func, VAL_NULL, type);
    if (!func) return VAL_NULL;
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    Value stackbuf[8];
    Value *buf = nargs + nkw + 1 <= 8 ? stackbuf : gc_alloc(sizeof(Value) * (nargs + nkw + 1));
    if (!buf) return err_no_memory();
    buf[0] = val_from_ptr(type);
    memcpy(buf + 1, args, sizeof(Value) * (nargs + nkw));
    return obj_call(func, buf, nargs + 1, kwnames);
}

static int slot_tp_init(Value self, Value *args, size_t nargs, Value kwnames) {
    bool found;
    Value r = call_dunder(self, name___init__, args, nargs, kwnames, &found);
    if (!found) {
        err_no_attribute(self, name___init__);
        return -1;
    }
    if (!r) return -1;
    if (r != VAL_NONE)
        return err_format_int(&Exc_TypeError, "__init__() should return None, not '%s'",
                              val_type_name(r));
    return 0;
}

static Value slot_tp_call(Value self, Value *args, size_t nargs, Value kwnames) {
    bool found;
    Value r = call_dunder(self, name___call__, args, nargs, kwnames, &found);
    if (!found) return err_not_callable(self);
    return r;
}

static Value slot_tp_repr(Value self) { return call_dunder_req(self, name___repr__, NULL, 0); }
static Value slot_tp_str(Value self) { return call_dunder_req(self, name___str__, NULL, 0); }

static int slot_tp_hash(Value self, int64_t *out) {
    Value r = call_dunder_req(self, name___hash__, NULL, 0);
    if (!r) return -1;
    if (!val_is_int(r))
        return err_format_int(&Exc_TypeError, "__hash__ method should return an integer");
    int64_t h;
    if (val_is_smallint(r))
        h = val_as_smallint(r);
    else if (!int_as_i64(r, &h))
        h = int_hash(r);
    if (h == -1) h = -2;
    *out = h;
    return 0;
}

static Value cmp_names(int op) {
    switch (op) {
    case CMP_LT: return name___lt__;
    case CMP_LE: return name___le__;
    case CMP_EQ: return name___eq__;
    case CMP_NE: return name___ne__;
    case CMP_GT: return name___gt__;
    default: return name___ge__;
    }
}

static Value slot_tp_richcompare(Value a, Value b, int op) {
    bool found;
    Value r = call_dunder(a, cmp_names(op), &b, 1, VAL_NULL, &found);
    if (!found) return VAL_NOTIMPL;
    return r;
}

/* __getattribute__ and/or __getattr__ defined in Python. */
static Value slot_tp_getattro(Value self, Value name) {
    Type *type = val_type(self);
    Value getattribute = type_lookup(type, name___getattribute__);
    Value res;
    if (getattribute && val_is_type_exact(getattribute, &SlotWrapper_Type) &&
        ((SlotWrapperObject *)val_as_ptr(getattribute))->slot->kind == K_GETATTRIBUTE) {
        Type *owner = ((SlotWrapperObject *)val_as_ptr(getattribute))->owner;
        res = owner->tp_getattro(self, name);
    } else if (getattribute) {
        res = call_unbound(getattribute, self, &name, 1, VAL_NULL);
    } else {
        res = obj_generic_getattr(self, name);
    }
    if (res || !err_matches(&Exc_AttributeError)) return res;
    Value getattr = type_lookup(type, name___getattr__);
    if (!getattr) return VAL_NULL;
    err_clear();
    return call_unbound(getattr, self, &name, 1, VAL_NULL);
}

static int slot_tp_setattro(Value self, Value name, Value v) {
    Value args[2] = {name, v};
    Value r = v ? call_dunder_req(self, name___setattr__, args, 2)
                : call_dunder_req(self, name___delattr__, args, 1);
    return r ? 0 : -1;
}

static Value slot_tp_iter(Value self) {
    bool found;
    Value r = call_dunder(self, name___iter__, NULL, 0, VAL_NULL, &found);
    if (!found) return err_format(&Exc_TypeError, "'%s' object is not iterable", val_type_name(self));
    return r;
}

static Value slot_tp_iternext(Value self) {
    Value r = call_dunder_req(self, name___next__, NULL, 0);
    if (!r && err_matches(&Exc_StopIteration)) err_clear();
    return r;
}

static Value slot_tp_descr_get(Value self, Value obj, Value type) {
    Value args[2] = {obj ? obj : VAL_NONE, type ? type : VAL_NONE};
    return call_dunder_req(self, name___get__, args, 2);
}

static int slot_tp_descr_set(Value self, Value obj, Value v) {
    Value args[2] = {obj, v};
    Value r = v ? call_dunder_req(self, name___set__, args, 2)
                : call_dunder_req(self, name___delete__, args, 1);
    return r ? 0 : -1;
}

/* A method is "overloaded" on right's type when right's type finds a
 * different (or any, where left's finds none) function for name. */
static bool method_is_overloaded(Value left, Value right, Value name) {
    Value b = type_lookup(val_type(right), name);
    if (!b) return false;
    Value a = type_lookup(val_type(left), name);
    return !a || a != b;
}

static Value call_maybe(Value self, Value name, Value other) {
    bool found;
    Value r = call_dunder(self, name, &other, 1, VAL_NULL, &found);
    return found ? r : VAL_NOTIMPL;
}

static BinaryFn heap_binary_fns[NB_COUNT];

/* CPython's SLOT1BINFULL: one function serves a.__add__(b) and b.__radd__(a),
 * giving a subclass that overrides __radd__ the first word. */
static Value slot_binary(Value a, Value b, int op, Value lname, Value rname) {
    BinaryFn self_fn = heap_binary_fns[op];
    Type *ta = val_type(a), *tb = val_type(b);
    bool do_other = ta != tb && tb->nb_binary[op] == self_fn;
    if (ta->nb_binary[op] == self_fn) {
        if (do_other && type_is_subtype(tb, ta) && method_is_overloaded(a, b, rname)) {
            Value r = call_maybe(b, rname, a);
            if (r != VAL_NOTIMPL) return r;
            do_other = false;
        }
        Value r = call_maybe(a, lname, b);
        if (r != VAL_NOTIMPL || ta == tb) return r;
    }
    if (do_other) return call_maybe(b, rname, a);
    return VAL_NOTIMPL;
}

#define NB_OPS(X) \
    X(NB_ADD, add) X(NB_AND, and) X(NB_FLOOR_DIVIDE, floordiv) X(NB_LSHIFT, lshift) \
    X(NB_MATRIX_MULTIPLY, matmul) X(NB_MULTIPLY, mul) X(NB_REMAINDER, mod) \
    X(NB_OR, or) X(NB_POWER, pow) X(NB_RSHIFT, rshift) X(NB_SUBTRACT, sub) \
    X(NB_TRUE_DIVIDE, truediv) X(NB_XOR, xor)

#define DEFINE_BINARY_SLOTS(OP, nm) \
    static Value slot_nb_##nm(Value a, Value b) { \
        return slot_binary(a, b, OP, name___##nm##__, name___r##nm##__); \
    } \
    static Value slot_nb_i##nm(Value a, Value b) { return call_maybe(a, name___i##nm##__, b); }
NB_OPS(DEFINE_BINARY_SLOTS)
#undef DEFINE_BINARY_SLOTS

static Value slot_nb_negative(Value v) { return call_dunder_req(v, name___neg__, NULL, 0); }
static Value slot_nb_positive(Value v) { return call_dunder_req(v, name___pos__, NULL, 0); }
static Value slot_nb_absolute(Value v) { return call_dunder_req(v, name___abs__, NULL, 0); }
static Value slot_nb_invert(Value v) { return call_dunder_req(v, name___invert__, NULL, 0); }
static Value slot_nb_int(Value v) { return call_dunder_req(v, name___int__, NULL, 0); }
static Value slot_nb_float(Value v) { return call_dunder_req(v, name___float__, NULL, 0); }
static Value slot_nb_index(Value v) { return call_dunder_req(v, name___index__, NULL, 0); }

static int slot_nb_bool(Value v) {
    Value r = call_dunder_req(v, name___bool__, NULL, 0);
    if (!r) return -1;
    if (!val_is_bool(r))
        return err_format_int(&Exc_TypeError, "__bool__ should return bool, returned %s",
                              val_type_name(r));
    return r == VAL_TRUE;
}

static int64_t slot_sq_length(Value v) {
    Value r = call_dunder_req(v, name___len__, NULL, 0);
    if (!r) return -1;
    Value i = obj_index(r);
    if (!i) return -1;
    int64_t n;
    if (!int_as_i64(i, &n)) {
        if (int_sign(i) < 0) return err_format_int(&Exc_ValueError, "__len__() should return >= 0");
        return err_format_int(&Exc_OverflowError, "cannot fit 'int' into an index-sized integer");
    }
    if (n < 0) return err_format_int(&Exc_ValueError, "__len__() should return >= 0");
    return n;
}

static Value slot_mp_subscript(Value self, Value key) {
    return call_dunder_req(self, name___getitem__, &key, 1);
}

static int slot_mp_ass_subscript(Value self, Value key, Value v) {
    Value args[2] = {key, v};
    Value r = v ? call_dunder_req(self, name___setitem__, args, 2)
                : call_dunder_req(self, name___delitem__, args, 1);
    return r ? 0 : -1;
}

static int slot_sq_contains(Value self, Value item) {
    Value r = call_dunder_req(self, name___contains__, &item, 1);
    if (!r) return -1;
    return obj_truthy(r);
}

/* ---- the slot table ---- */

#define OFF(field) offsetof(Type, field)
#define S(field, nm, kind, op, fn) {&name_##nm, OFF(field), kind, op, (AnyFn)(fn)}
#define BIN(OP, nm) \
    {&name___##nm##__, OFF(nb_binary[OP]), K_BINARY, OP, (AnyFn)slot_nb_##nm}, \
    {&name___r##nm##__, OFF(nb_binary[OP]), K_RBINARY, OP, (AnyFn)slot_nb_##nm},
#define INPLACE(OP, nm) \
    {&name___i##nm##__, OFF(nb_inplace[OP]), K_INPLACE, OP, (AnyFn)slot_nb_i##nm},

/* CPython's slotdefs order, so built-in type dicts list dunders the same
 * way (__new__ first, as CPython adds it before the others). */
static const SlotDef slotdefs[] = {
    S(tp_new, __new__, K_NEW, 0, slot_tp_new),
    S(tp_getattro, __getattribute__, K_GETATTRIBUTE, 0, slot_tp_getattro),
    S(tp_getattro, __getattr__, K_GETATTR, 0, slot_tp_getattro),
    S(tp_setattro, __setattr__, K_SETATTR, 0, slot_tp_setattro),
    S(tp_setattro, __delattr__, K_DELATTR, 0, slot_tp_setattro),
    S(tp_repr, __repr__, K_REPR, 0, slot_tp_repr),
    S(tp_hash, __hash__, K_HASH, 0, slot_tp_hash),
    S(tp_call, __call__, K_CALL, 0, slot_tp_call),
    S(tp_str, __str__, K_STR, 0, slot_tp_str),
    S(tp_richcompare, __lt__, K_RICHCMP, CMP_LT, slot_tp_richcompare),
    S(tp_richcompare, __le__, K_RICHCMP, CMP_LE, slot_tp_richcompare),
    S(tp_richcompare, __eq__, K_RICHCMP, CMP_EQ, slot_tp_richcompare),
    S(tp_richcompare, __ne__, K_RICHCMP, CMP_NE, slot_tp_richcompare),
    S(tp_richcompare, __gt__, K_RICHCMP, CMP_GT, slot_tp_richcompare),
    S(tp_richcompare, __ge__, K_RICHCMP, CMP_GE, slot_tp_richcompare),
    S(tp_iter, __iter__, K_ITER, 0, slot_tp_iter),
    S(tp_iternext, __next__, K_NEXT, 0, slot_tp_iternext),
    S(tp_descr_get, __get__, K_GET, 0, slot_tp_descr_get),
    S(tp_descr_set, __set__, K_SET, 0, slot_tp_descr_set),
    S(tp_descr_set, __delete__, K_DELETE, 0, slot_tp_descr_set),
    S(tp_init, __init__, K_INIT, 0, slot_tp_init),
    BIN(NB_ADD, add) BIN(NB_SUBTRACT, sub) BIN(NB_MULTIPLY, mul) BIN(NB_REMAINDER, mod)
    BIN(NB_POWER, pow)
    S(nb_negative, __neg__, K_UNARY, 0, slot_nb_negative),
    S(nb_positive, __pos__, K_UNARY, 0, slot_nb_positive),
    S(nb_absolute, __abs__, K_UNARY, 0, slot_nb_absolute),
    S(nb_bool, __bool__, K_BOOL, 0, slot_nb_bool),
    S(nb_invert, __invert__, K_UNARY, 0, slot_nb_invert),
    BIN(NB_LSHIFT, lshift) BIN(NB_RSHIFT, rshift) BIN(NB_AND, and) BIN(NB_XOR, xor)
    BIN(NB_OR, or)
    S(nb_int, __int__, K_UNARY, 0, slot_nb_int),
    S(nb_float, __float__, K_UNARY, 0, slot_nb_float),
    INPLACE(NB_ADD, add) INPLACE(NB_SUBTRACT, sub) INPLACE(NB_MULTIPLY, mul)
    INPLACE(NB_REMAINDER, mod) INPLACE(NB_POWER, pow) INPLACE(NB_LSHIFT, lshift)
    INPLACE(NB_RSHIFT, rshift) INPLACE(NB_AND, and) INPLACE(NB_XOR, xor) INPLACE(NB_OR, or)
    BIN(NB_FLOOR_DIVIDE, floordiv) BIN(NB_TRUE_DIVIDE, truediv)
    INPLACE(NB_FLOOR_DIVIDE, floordiv) INPLACE(NB_TRUE_DIVIDE, truediv)
    S(nb_index, __index__, K_UNARY, 0, slot_nb_index),
    BIN(NB_MATRIX_MULTIPLY, matmul) INPLACE(NB_MATRIX_MULTIPLY, matmul)
    S(sq_length, __len__, K_LEN, 0, slot_sq_length),
    S(mp_subscript, __getitem__, K_GETITEM, 0, slot_mp_subscript),
    S(mp_ass_subscript, __setitem__, K_SETITEM, 0, slot_mp_ass_subscript),
    S(mp_ass_subscript, __delitem__, K_DELITEM, 0, slot_mp_ass_subscript),
    S(sq_contains, __contains__, K_CONTAINS, 0, slot_sq_contains),
};
#define NSLOTDEFS (sizeof slotdefs / sizeof slotdefs[0])

static void init_heap_binary_fns(void) {
    if (heap_binary_fns[NB_ADD]) return;
#define SET_FN(OP, nm) heap_binary_fns[OP] = slot_nb_##nm;
    NB_OPS(SET_FN)
#undef SET_FN
}

bool slot_name_is_special(Value name) {
    for (size_t i = 0; i < NSLOTDEFS; i++)
        if (*slotdefs[i].name == name) return true;
    return false;
}

/* ---- static types: slots -> wrappers ---- */

int type_add_slot_wrappers(Type *type) {
    Type *base = TP_BASE(type);
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        const SlotDef *d = &slotdefs[i];
        if (d->kind == K_GETATTR) continue; /* no C slot of its own */
        AnyFn fn = *SLOT_PTR(type, d->offset);
        AnyFn inherited = base ? *SLOT_PTR(base, d->offset) : NULL;
        Value name = *d->name;
        if (dict_get_interned(type->dict, name)) continue;
        /* hash_unhashable (iterobject.h) is the containers' explicit
         * "unhashable" slot, NULL the contract's: both mean __hash__ = None */
        if (d->kind == K_HASH && fn == (AnyFn)hash_unhashable) fn = NULL;
        if (!fn) {
            /* unhashable: say so in the dict, as CPython does */
            if (d->kind == K_HASH && base && dict_set(type->dict, name, VAL_NONE) < 0) return -1;
            continue;
        }
        if (fn == inherited) continue;
        /* tp_str == tp_repr means "str is repr": expose no __str__, so that
         * object.__str__ is found and a subclass's __repr__ is honoured */
        if (d->kind == K_STR && fn == (AnyFn)type->tp_repr) continue;
        Value w = slotwrapper_new(type, d);
        if (!w || dict_set(type->dict, name, w) < 0) return -1;
    }
    return 0;
}

/* ---- heap types: dunders -> slots ---- */

/* The slot a class gets at offset off: the built-in function when every
 * dunder for that slot resolves to the same built-in slot wrapper, the
 * generic slot_* function when any resolves to something else. */
static AnyFn resolve_slot(Type *type, size_t off, size_t first) {
    AnyFn chosen = NULL, generic = slotdefs[first].heap_fn;
    bool use_generic = false;
    for (size_t i = first; i < NSLOTDEFS; i++) {
        const SlotDef *d = &slotdefs[i];
        if (d->offset != off) continue;
        Value descr = type_lookup(type, *d->name);
        if (!descr) continue;
        if (d->kind == K_HASH && descr == VAL_NONE) return NULL;
        if (val_is_type_exact(descr, &SlotWrapper_Type)) {
            SlotWrapperObject *w = (SlotWrapperObject *)val_as_ptr(descr);
            if (w->slot->offset == off) {
                AnyFn fn = *SLOT_PTR(w->owner, off);
                if (chosen && chosen != fn) use_generic = true;
                chosen = fn;
                continue;
            }
        }
        use_generic = true;
    }
    return use_generic ? generic : chosen;
}

static void type_update_own_slots(Type *type) {
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        size_t off = slotdefs[i].offset;
        bool done = false;
        for (size_t j = 0; j < i && !done; j++) done = slotdefs[j].offset == off;
        if (done) continue;
        *SLOT_PTR(type, off) = resolve_slot(type, off, i);
    }
    /* Built-in bases may have slots with no dunder name: keep them. */
    if (!type->tp_getattro) type->tp_getattro = obj_generic_getattr;
    if (!type->tp_setattro) type->tp_setattro = obj_generic_setattr;
}

void type_update_slots(Type *type) {
    init_heap_binary_fns();
    if (!(type->flags & TPFLAG_HEAPTYPE)) return;
    type_update_own_slots(type);
    if (!type->subclasses) return;
    for (size_t i = 0; i < list_size(type->subclasses); i++)
        type_update_slots(val_as_type(list_items(type->subclasses)[i]));
}

/* ---- slot wrapper objects ---- */

Value slotwrapper_new(Type *owner, const SlotDef *slot) {
    SlotWrapperObject *w = obj_alloc(&SlotWrapper_Type, sizeof(SlotWrapperObject));
    if (!w) return err_no_memory();
    w->owner = owner;
    w->slot = slot;
    return val_from_ptr(w);
}

static Value wrapper_need_args(size_t got, size_t want) {
    return err_format(&Exc_TypeError, "expected %zu argument%s, got %zu", want,
                      want == 1 ? "" : "s", got);
}

static Value tp_new_wrapper(Type *owner, Value *args, size_t nargs, Value kwnames) {
    if (nargs < 1)
        return err_format(&Exc_TypeError, "%s.__new__(): not enough arguments", type_name(owner));
    if (!val_is_typeobj(args[0]))
        return err_format(&Exc_TypeError, "%s.__new__(X): X is not a type object (%s)",
                          type_name(owner), val_type_name(args[0]));
    Type *sub = val_as_type(args[0]);
    if (!type_is_subtype(sub, owner))
        return err_format(&Exc_TypeError, "%s.__new__(%s): %s is not a subtype of %s",
                          type_name(owner), type_name(sub), type_name(sub), type_name(owner));
    Type *staticbase = sub;
    while (staticbase && staticbase->tp_new == slot_tp_new) staticbase = TP_BASE(staticbase);
    if (staticbase && staticbase->tp_new != owner->tp_new)
        return err_format(&Exc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()",
                          type_name(owner), type_name(sub), type_name(staticbase));
    return owner->tp_new(sub, args + 1, nargs - 1, kwnames);
}

static Value wrapper_binary(SlotWrapperObject *w, Value *args, size_t nargs) {
    BinaryFn fn = *(BinaryFn *)SLOT_PTR(w->owner, w->slot->offset);
    if (w->slot->kind == K_BINARY && w->slot->op == NB_POWER && nargs == 3 && args[2] != VAL_NONE)
        return obj_pow3(args[0], args[1], args[2]);
    if (nargs != 2) return wrapper_need_args(nargs - 1, 1);
    return w->slot->kind == K_RBINARY ? fn(args[1], args[0]) : fn(args[0], args[1]);
}

static Value none_or_error(int r) { return r < 0 ? VAL_NULL : VAL_NONE; }

static Value wrapper_dispatch(SlotWrapperObject *w, Value *args, size_t nargs, Value kwnames) {
    Type *o = w->owner;
    Value self = args[0];
    SlotKind k = w->slot->kind;
    if (k == K_INIT) return none_or_error(o->tp_init(self, args + 1, nargs - 1, kwnames));
    if (k == K_CALL) return o->tp_call(self, args + 1, nargs - 1, kwnames);
    if (kwnames && tuple_size(kwnames))
        return err_format(&Exc_TypeError, "wrapper %s() takes no keyword arguments",
                          str_data(*w->slot->name));
    size_t want = 1;
    switch (k) {
    case K_GETATTRIBUTE: case K_DELATTR: case K_RICHCMP: case K_GETITEM:
    case K_DELITEM: case K_CONTAINS: case K_DELETE: case K_INPLACE:
        want = 2; break;
    case K_SETATTR: case K_SETITEM: case K_SET:
        want = 3; break;
    case K_GET:
        if (nargs == 2 || nargs == 3) want = nargs;
        else want = 2;
        break;
    case K_BINARY: case K_RBINARY:
        return wrapper_binary(w, args, nargs);
    default: break;
    }
    if (nargs != want) return wrapper_need_args(nargs - 1, want - 1);
    switch (k) {
    case K_REPR: return o->tp_repr(self);
    case K_STR: return o->tp_str(self);
    case K_ITER: return o->tp_iter(self);
    case K_NEXT: {
        Value r = o->tp_iternext(self);
        if (!r && !err_occurred()) err_set_none(&Exc_StopIteration);
        return r;
    }
    case K_UNARY: return (*(UnaryFn *)SLOT_PTR(o, w->slot->offset))(self);
    case K_HASH: {
        int64_t h;
        return o->tp_hash(self, &h) < 0 ? VAL_NULL : int_from_i64(h);
    }
    case K_BOOL: {
        int r = o->nb_bool(self);
        return r < 0 ? VAL_NULL : val_bool(r);
    }
    case K_LEN: {
        int64_t n = o->sq_length(self);
        return n < 0 ? VAL_NULL : int_from_i64(n);
    }
    case K_CONTAINS: {
        int r = o->sq_contains(self, args[1]);
        return r < 0 ? VAL_NULL : val_bool(r);
    }
    case K_RICHCMP: return o->tp_richcompare(self, args[1], w->slot->op);
    case K_GETATTRIBUTE:
        if (!val_is_str(args[1]))
            return err_format(&Exc_TypeError, "attribute name must be string, not '%s'",
                              val_type_name(args[1]));
        return o->tp_getattro(self, args[1]);
    case K_SETATTR: case K_DELATTR:
        if (!val_is_str(args[1]))
            return err_format(&Exc_TypeError, "attribute name must be string, not '%s'",
                              val_type_name(args[1]));
        return none_or_error(o->tp_setattro(self, args[1], k == K_SETATTR ? args[2] : VAL_NULL));
    case K_GETITEM: return o->mp_subscript(self, args[1]);
    case K_SETITEM: return none_or_error(o->mp_ass_subscript(self, args[1], args[2]));
    case K_DELITEM: return none_or_error(o->mp_ass_subscript(self, args[1], VAL_NULL));
    case K_GET: {
        Value obj = args[1] == VAL_NONE ? VAL_NULL : args[1];
        Value type = nargs == 3 && args[2] != VAL_NONE ? args[2] : VAL_NULL;
        if (!obj && !type) return err_format(&Exc_TypeError, "__get__(None, None) is invalid");
        return o->tp_descr_get(self, obj, type);
    }
    case K_SET: return none_or_error(o->tp_descr_set(self, args[1], args[2]));
    case K_DELETE: return none_or_error(o->tp_descr_set(self, args[1], VAL_NULL));
    case K_INPLACE: return (*(BinaryFn *)SLOT_PTR(o, w->slot->offset))(self, args[1]);
    default: return err_format(&Exc_SystemError, "bad slot wrapper");
    }
}

static Value slotwrapper_call(Value self, Value *args, size_t nargs, Value kwnames) {
    SlotWrapperObject *w = (SlotWrapperObject *)val_as_ptr(self);
    const char *name = str_data(*w->slot->name);
    if (w->slot->kind == K_NEW) return tp_new_wrapper(w->owner, args, nargs, kwnames);
    if (nargs < 1)
        return err_format(&Exc_TypeError, "descriptor '%s' of '%s' object needs an argument", name,
                          type_name(w->owner));
    if (!type_is_subtype(val_type(args[0]), w->owner))
        return err_format(&Exc_TypeError, "descriptor '%s' requires a '%s' object but received a '%s'",
                          name, type_name(w->owner), val_type_name(args[0]));
    return wrapper_dispatch(w, args, nargs, kwnames);
}

/* A slot wrapper bound to an instance: (1).__add__ */
typedef struct MethodWrapperObject {
    Object base;
    Value wrapper;
    Value self;
} MethodWrapperObject;

#define MWRAP(v) ((MethodWrapperObject *)val_as_ptr(v))

static Value slotwrapper_descr_get(Value self, Value obj, Value type) {
    SlotWrapperObject *w = (SlotWrapperObject *)val_as_ptr(self);
    if (!obj || w->slot->kind == K_NEW) return self;
    MethodWrapperObject *m = obj_alloc(&MethodWrapper_Type, sizeof(MethodWrapperObject));
    if (!m) return err_no_memory();
    m->wrapper = self;
    m->self = obj;
    return val_from_ptr(m);
}

static Value slotwrapper_repr(Value self) {
    SlotWrapperObject *w = (SlotWrapperObject *)val_as_ptr(self);
    return str_format_c("<slot wrapper '%s' of '%s' objects>", str_data(*w->slot->name),
                        type_name(w->owner));
}

static Value slotwrapper_get_name(Value self) {
    return *((SlotWrapperObject *)val_as_ptr(self))->slot->name;
}

static Value slotwrapper_get_qualname(Value self) {
    SlotWrapperObject *w = (SlotWrapperObject *)val_as_ptr(self);
    return str_format_c("%s.%s", type_name(w->owner), str_data(*w->slot->name));
}

static Value slotwrapper_get_objclass(Value self) {
    return val_from_ptr(((SlotWrapperObject *)val_as_ptr(self))->owner);
}

static Value slotwrapper_get_doc(Value self) { return VAL_NONE; }

static const GetSetDef slotwrapper_getset[] = {
    {"__name__", slotwrapper_get_name, NULL},
    {"__qualname__", slotwrapper_get_qualname, NULL},
    {"__objclass__", slotwrapper_get_objclass, NULL},
    {"__doc__", slotwrapper_get_doc, NULL},
    {NULL},
};

Type SlotWrapper_Type = {
    .base = {&Type_Type},
    .name = "wrapper_descriptor",
    .basicsize = sizeof(SlotWrapperObject),
    .tp_call = slotwrapper_call,
    .tp_descr_get = slotwrapper_descr_get,
    .tp_repr = slotwrapper_repr,
    .getset = slotwrapper_getset,
};

/* ---- bound slot wrappers ---- */

static Value methodwrapper_call(Value self, Value *args, size_t nargs, Value kwnames) {
    MethodWrapperObject *m = MWRAP(self);
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    Value stackbuf[8];
    Value *buf = nargs + nkw + 1 <= 8 ? stackbuf : gc_alloc(sizeof(Value) * (nargs + nkw + 1));
    if (!buf) return err_no_memory();
    buf[0] = m->self;
    if (nargs + nkw) memcpy(buf + 1, args, sizeof(Value) * (nargs + nkw));
    return slotwrapper_call(m->wrapper, buf, nargs + 1, kwnames);
}

static Value methodwrapper_repr(Value self) {
    MethodWrapperObject *m = MWRAP(self);
    SlotWrapperObject *w = (SlotWrapperObject *)val_as_ptr(m->wrapper);
    return str_format_c("<method-wrapper '%s' of %s object at %p>", str_data(*w->slot->name),
                        val_type_name(m->self), val_as_ptr(m->self));
}

static Value methodwrapper_richcompare(Value a, Value b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || !val_is_type_exact(b, &MethodWrapper_Type))
        return VAL_NOTIMPL;
    bool eq = MWRAP(a)->wrapper == MWRAP(b)->wrapper && MWRAP(a)->self == MWRAP(b)->self;
    return val_bool(op == CMP_EQ ? eq : !eq);
}

static int methodwrapper_hash(Value self, int64_t *out) {
    int64_t h1, h2;
    if (object_hash(MWRAP(self)->wrapper, &h1) < 0 || obj_hash(MWRAP(self)->self, &h2) < 0) return -1;
    *out = (h1 ^ h2) == -1 ? -2 : (h1 ^ h2);
    return 0;
}

static Value mw_get_self(Value self) { return MWRAP(self)->self; }
static Value mw_get_name(Value self) { return slotwrapper_get_name(MWRAP(self)->wrapper); }
static Value mw_get_qualname(Value self) { return slotwrapper_get_qualname(MWRAP(self)->wrapper); }

static const GetSetDef methodwrapper_getset[] = {
    {"__self__", mw_get_self, NULL},
    {"__name__", mw_get_name, NULL},
    {"__qualname__", mw_get_qualname, NULL},
    {NULL},
};

Type MethodWrapper_Type = {
    .base = {&Type_Type},
    .name = "method-wrapper",
    .basicsize = sizeof(MethodWrapperObject),
    .tp_call = methodwrapper_call,
    .tp_repr = methodwrapper_repr,
    .tp_richcompare = methodwrapper_richcompare,
    .tp_hash = methodwrapper_hash,
    .getset = methodwrapper_getset,
};
