/* abstract.c — the abstract object protocol (object.h): everything the VM
 * and library code do to a Value goes through here and is dispatched on
 * its type's slots with Python's rules (reflected operands, subclass
 * priority, identity fallback for ==, __bool__/__len__ truth, …). */
#include "../vm/call.h"
#include "../vm/error.h"
#include "../vm/vm.h"
#include "bytes.h"
#include "dict.h"
#include "float.h"
#include "function.h"
#include "generator.h"
#include "int.h"
#include "iterobject.h"
#include "number.h"
#include "list.h"
#include "shape.h"
#include "str.h"
#include "tuple.h"
#include "typeobj.h"

#include <stdio.h>


/* ---- repr, str, ascii, format, hash ---- */

Value obj_repr(Value v) {
    Type *t = val_type(v);
    if (!t->tp_repr) return object_repr(v);
    if (vm_enter_recursion(" while getting the repr of an object") < 0) return VAL_NULL;
    Value r = t->tp_repr(v);
    vm_leave_recursion();
    if (r && !val_is_str(r))
        return err_format(&Exc_TypeError, "__repr__ returned non-string (type %s)", val_type_name(r));
    return r;
}

Value obj_str(Value v) {
    if (val_is_str_exact(v)) return v;
    Type *t = val_type(v);
    if (!t->tp_str) return obj_repr(v);
    if (vm_enter_recursion(" while getting the str of an object") < 0) return VAL_NULL;
    Value r = t->tp_str(v);
    vm_leave_recursion();
    if (r && !val_is_str(r))
        return err_format(&Exc_TypeError, "__str__ returned non-string (type %s)", val_type_name(r));
    return r;
}

/* Decode one UTF-8 sequence at s (valid UTF-8 guaranteed by str). */
static uint32_t utf8_next(const unsigned char **s) {
    const unsigned char *p = *s;
    uint32_t c = p[0];
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (extra) c &= 0x3F >> extra;
    for (int i = 1; i <= extra; i++) c = (c << 6) | (p[i] & 0x3F);
    *s = p + 1 + extra;
    return c;
}

Value obj_ascii(Value v) {
    Value r = obj_repr(v);
    if (!r || STR(r)->ascii) return r;
    const unsigned char *s = (const unsigned char *)str_data(r);
    const unsigned char *end = s + str_size(r);
    char *out = gc_alloc_atomic(str_size(r) * 10 + 1);
    if (!out) return err_no_memory();
    size_t n = 0;
    while (s < end) {
        uint32_t c = utf8_next(&s);
        if (c < 0x80)
            out[n++] = (char)c;
        else if (c < 0x100)
            n += (size_t)sprintf(out + n, "\\x%02x", c);
        else if (c < 0x10000)
            n += (size_t)sprintf(out + n, "\\u%04x", c);
        else
            n += (size_t)sprintf(out + n, "\\U%08x", c);
    }
    return str_new(out, n);
}

Value obj_format(Value v, Value spec) {
    if (!spec) spec = str_intern_cstr("");
    if (val_is_str_exact(v) && str_size(spec) == 0) return v;
    bool found;
    Value r = call_special(v, name___format__, &spec, 1, &found);
    if (!found)
        return err_format(&Exc_TypeError, "Type %s doesn't define __format__", val_type_name(v));
    if (r && !val_is_str(r))
        return err_format(&Exc_TypeError, "__format__ must return a str, not %s", val_type_name(r));
    return r;
}

int obj_hash(Value v, int64_t *out) {
    HashFn h = val_type(v)->tp_hash;
    if (!h) return err_format_int(&Exc_TypeError, "unhashable type: '%s'", val_type_name(v));
    /* tuples and slices hash their items through here: one nested a million
     * deep is a RecursionError, not a C stack overflow (CPython crashes) */
    if (vm_check_c_stack() < 0) return -1;
    return h(v, out);
}

/* ---- comparisons ---- */

static const int swapped_op[] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};
static const char *const cmp_symbol[] = {"<", "<=", "==", "!=", ">", ">="};

static Value do_richcompare(Value a, Value b, int op) {
    Type *ta = val_type(a), *tb = val_type(b);
    bool checked_reverse = false;
    Value r;
    if (ta != tb && tb->tp_richcompare && type_is_subtype(tb, ta)) {
        checked_reverse = true;
        r = tb->tp_richcompare(b, a, swapped_op[op]);
        if (r != VAL_NOTIMPL) return r;
    }
    if (ta->tp_richcompare) {
        r = ta->tp_richcompare(a, b, op);
        if (r != VAL_NOTIMPL) return r;
    }
    if (!checked_reverse && tb->tp_richcompare) {
        r = tb->tp_richcompare(b, a, swapped_op[op]);
        if (r != VAL_NOTIMPL) return r;
    }
    if (op == CMP_EQ) return val_bool(a == b);
    if (op == CMP_NE) return val_bool(a != b);
    return err_format(&Exc_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                      cmp_symbol[op], val_type_name(a), val_type_name(b));
}

Value obj_richcompare(Value a, Value b, int op) {
    if (vm_enter_recursion(" in comparison") < 0) return VAL_NULL;
    Value r = do_richcompare(a, b, op);
    vm_leave_recursion();
    return r;
}

int obj_richcompare_bool(Value a, Value b, int op) {
    if (a == b && (op == CMP_EQ || op == CMP_NE)) return op == CMP_EQ;
    Value r = obj_richcompare(a, b, op);
    if (!r) return -1;
    if (r == VAL_TRUE) return 1;
    if (r == VAL_FALSE) return 0;
    return obj_truthy(r);
}

int obj_eq(Value a, Value b) {
    if (a == b) return 1;
    if (val_both_smallint(a, b)) return 0;
    if (val_is_str_exact(a) && val_is_str_exact(b)) return str_eq(a, b);
    return obj_richcompare_bool(a, b, CMP_EQ);
}

int obj_truthy(Value v) {
    if (v == VAL_TRUE) return 1;
    if (v == VAL_FALSE || v == VAL_NONE) return 0;
    if (val_is_smallint(v)) return val_as_smallint(v) != 0;
    if (val_is_double(v)) return val_as_double(v) != 0.0;
    Type *t = TYPE(v);
    if (t->nb_bool) return t->nb_bool(v);
    if (t->sq_length) {
        int64_t n = t->sq_length(v);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

/* ---- arithmetic ---- */

static const char *const nb_symbol[NB_COUNT] = {
    [NB_ADD] = "+", [NB_AND] = "&", [NB_FLOOR_DIVIDE] = "//", [NB_LSHIFT] = "<<",
    [NB_MATRIX_MULTIPLY] = "@", [NB_MULTIPLY] = "*", [NB_REMAINDER] = "%", [NB_OR] = "|",
    [NB_POWER] = "**", [NB_RSHIFT] = ">>", [NB_SUBTRACT] = "-", [NB_TRUE_DIVIDE] = "/",
    [NB_XOR] = "^",
};
static const char *const nb_inplace_symbol[NB_COUNT] = {
    [NB_ADD] = "+=", [NB_AND] = "&=", [NB_FLOOR_DIVIDE] = "//=", [NB_LSHIFT] = "<<=",
    [NB_MATRIX_MULTIPLY] = "@=", [NB_MULTIPLY] = "*=", [NB_REMAINDER] = "%=", [NB_OR] = "|=",
    [NB_POWER] = "**=", [NB_RSHIFT] = ">>=", [NB_SUBTRACT] = "-=", [NB_TRUE_DIVIDE] = "/=",
    [NB_XOR] = "^=",
};

/* a op b: a's slot first, b's first when type(b) is a proper subclass of
 * type(a) with its own slot; NotImplemented when neither handles it. */
static Value binary_op1(Value a, Value b, int op) {
    Type *ta = val_type(a), *tb = val_type(b);
    BinaryFn slota = ta->nb_binary[op];
    BinaryFn slotb = tb != ta ? tb->nb_binary[op] : NULL;
    if (slotb == slota) slotb = NULL;
    if (slota) {
        if (slotb && type_is_subtype(tb, ta)) {
            Value r = slotb(a, b);
            if (r != VAL_NOTIMPL) return r;
            slotb = NULL;
        }
        Value r = slota(a, b);
        if (r != VAL_NOTIMPL) return r;
    }
    if (slotb) return slotb(a, b);
    return VAL_NOTIMPL;
}

Value obj_binary_op(Value a, Value b, int nb_op) {
    if (nb_op >= NB_INPLACE_OFFSET) {
        int op = nb_op - NB_INPLACE_OFFSET;
        BinaryFn inplace = val_type(a)->nb_inplace[op];
        if (inplace) {
            Value r = inplace(a, b);
            if (r != VAL_NOTIMPL) return r;
        }
        Value r = binary_op1(a, b, op);
        if (r == VAL_NOTIMPL) return err_bad_operand(nb_inplace_symbol[op], a, b);
        return r;
    }
    Value r = binary_op1(a, b, nb_op);
    if (r == VAL_NOTIMPL) {
        if (nb_op == NB_POWER) return err_bad_operand("** or pow()", a, b);
        return err_bad_operand(nb_symbol[nb_op], a, b);
    }
    return r;
}

/* pow(a, b, mod): static types have no ternary slot, so this calls a
 * __pow__ that is a real method (a MethodDef of the numeric type, or a
 * Python function), never a binary slot wrapper. */
Value obj_pow3(Value a, Value b, Value mod) {
    if (!mod || mod == VAL_NONE) return obj_binary_op(a, b, NB_POWER);
    if (val_is_int(a) && val_is_int(b) && val_is_int(mod)) return int_pow3(a, b, mod);
    Value descr = type_lookup(val_type(a), name___pow__);
    if (descr && !val_is_type_exact(descr, &SlotWrapper_Type)) {
        Value args[2] = {b, mod};
        Value r = call_unbound(descr, a, args, 2, VAL_NULL);
        if (r != VAL_NOTIMPL) return r;
    }
    return err_format(&Exc_TypeError,
                      "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                      val_type_name(a), val_type_name(b), val_type_name(mod));
}

static Value unary_op(Value v, UnaryFn fn, const char *what) {
    if (fn) return fn(v);
    return err_format(&Exc_TypeError, "bad operand type for %s: '%s'", what, val_type_name(v));
}

Value obj_negative(Value v) { return unary_op(v, val_type(v)->nb_negative, "unary -"); }
Value obj_positive(Value v) { return unary_op(v, val_type(v)->nb_positive, "unary +"); }
Value obj_invert(Value v) { return unary_op(v, val_type(v)->nb_invert, "unary ~"); }
Value obj_absolute(Value v) { return unary_op(v, val_type(v)->nb_absolute, "abs()"); }

/* ---- conversions ---- */

Value obj_index(Value v) {
    if (val_is_int(v)) return v;
    UnaryFn fn = val_type(v)->nb_index;
    if (!fn)
        return err_format(&Exc_TypeError, "'%s' object cannot be interpreted as an integer",
                          val_type_name(v));
    Value r = fn(v);
    if (r && !val_is_int(r))
        return err_format(&Exc_TypeError, "__index__ returned non-int (type %s)", val_type_name(r));
    return r;
}

int obj_index_i64(Value v, int64_t *out) {
    if (val_is_smallint(v)) {
        *out = val_as_smallint(v);
        return 0;
    }
    Value i = obj_index(v);
    if (!i) return -1;
    if (!int_as_i64(i, out))
        return err_format_int(&Exc_OverflowError, "cannot fit 'int' into an index-sized integer");
    return 0;
}

static Value int_from_method_result(Value r, const char *what) {
    if (!r) return VAL_NULL;
    if (!val_is_int(r))
        return err_format(&Exc_TypeError, "%s returned non-int (type %s)", what, val_type_name(r));
    return int_exact(r);
}

Value obj_int(Value v) {
    if (val_is_int(v)) return int_exact(v);
    Type *t = val_type(v);
    if (t->nb_int) return int_from_method_result(t->nb_int(v), "__int__");
    if (t->nb_index) return int_from_method_result(t->nb_index(v), "__index__");
    bool found;
    Value r = call_special(v, name___trunc__, NULL, 0, &found);
    if (found) return int_from_method_result(r, "__trunc__");
    if (val_is_str(v)) return int_from_string(str_data(v), str_size(v), 10);
    if (val_has_flag(v, TPFLAG_BYTES_SUBCLASS))
        return int_from_string(BYTES(v)->data, BYTES(v)->size, 10);
    if (type_is_subtype(t, &ByteArray_Type))
        return int_from_string(BYTEARRAY(v)->data, BYTEARRAY(v)->size, 10);
    return err_format(&Exc_TypeError,
                      "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                      val_type_name(v));
}

Value obj_float(Value v) {
    if (val_is_double(v)) return v;
    if (val_is_float(v)) return val_from_double(float_value(v));
    Type *t = val_type(v);
    if (t->nb_float) {
        Value r = t->nb_float(v);
        if (!r) return VAL_NULL;
        if (!val_is_float(r))
            return err_format(&Exc_TypeError, "%s.__float__ returned non-float (type %s)",
                              type_name(t), val_type_name(r));
        return val_from_double(float_value(r));
    }
    if (t->nb_index) {
        Value i = obj_index(v);
        if (!i) return VAL_NULL;
        bool overflow = false;
        double d = int_as_double(i, &overflow);
        if (overflow)
            return err_format(&Exc_OverflowError, "int too large to convert to float");
        return val_from_double(d);
    }
    if (val_is_str(v)) return float_from_string(str_data(v), str_size(v));
    if (val_has_flag(v, TPFLAG_BYTES_SUBCLASS))
        return float_from_string(BYTES(v)->data, BYTES(v)->size);
    if (type_is_subtype(t, &ByteArray_Type))
        return float_from_string(BYTEARRAY(v)->data, BYTEARRAY(v)->size);
    return err_format(&Exc_TypeError, "float() argument must be a string or a real number, not '%s'",
                      val_type_name(v));
}

/* ---- attributes ---- */

Value descr_bind(Value attr, Value obj, Type *type) {
    DescrGetFn get = val_type(attr)->tp_descr_get;
    return get ? get(attr, obj, val_from_ptr(type)) : attr;
}

/* Functions and C method descriptors take self as their first argument:
 * call them directly instead of building a bound method first. */
static bool is_unbound_callable(Value descr) {
    if (!val_is_ptr(descr)) return false;
    Type *t = TYPE(descr);
    return t == &Function_Type || t == &MethodDescr_Type;
}

Value call_unbound(Value descr, Value self, Value *args, size_t nargs, Value kwnames) {
    if (!is_unbound_callable(descr)) {
        Value bound = descr_bind(descr, self, val_type(self));
        if (!bound) return VAL_NULL;
        return obj_call(bound, args, nargs, kwnames);
    }
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    size_t total = nargs + nkw + 1;
    Value stackbuf[8];
    Value *buf = total <= 8 ? stackbuf : gc_alloc(sizeof(Value) * total);
    if (!buf) return err_no_memory();
    buf[0] = self;
    if (nargs + nkw) memcpy(buf + 1, args, sizeof(Value) * (nargs + nkw));
    return obj_call(descr, buf, nargs + 1, kwnames);
}

Value call_special(Value obj, Value name, Value *args, size_t nargs, bool *found) {
    Value descr = type_lookup(val_type(obj), name);
    *found = descr != VAL_NULL;
    if (!descr) return VAL_NULL;
    return call_unbound(descr, obj, args, nargs, VAL_NULL);
}

/* The generic lookup: data descriptors on the type, then the instance's
 * own attributes, then other class attributes. VAL_NULL without an error
 * when the name is just missing. */
static Value generic_getattr_core(Value obj, Value name) {
    Type *tp = val_type(obj);
    Value descr = type_lookup(tp, name);
    DescrGetFn get = NULL;
    if (descr) {
        get = val_type(descr)->tp_descr_get;
        if (get && val_type(descr)->tp_descr_set) return get(descr, obj, val_from_ptr(tp));
    }
    if (tp->attrs_offset && val_is_ptr(obj)) {
        Value v = attrs_get(obj_attrs(obj, tp), name);
        if (v) return v;
    }
    if (get) return get(descr, obj, val_from_ptr(tp));
    return descr;
}

Value obj_generic_getattr(Value obj, Value name) {
    Value v = generic_getattr_core(obj, name);
    if (!v && !err_occurred()) return err_no_attribute(obj, name);
    return v;
}

Value obj_generic_getattr_noerr(Value obj, Value name) {
    Value v = generic_getattr_core(obj, name);
    if (!v && err_matches(&Exc_AttributeError)) err_clear();
    return v;
}

static bool slot_names_allow(Type *tp, Value name) {
    Value names = HEAPTYPE(tp)->slot_names;
    for (size_t i = 0; i < tuple_size(names); i++)
        if (tuple_items(names)[i] == name || str_eq(tuple_items(names)[i], name)) return true;
    return false;
}

static int no_dict_error(Value obj, Value name) {
    return err_format_int(&Exc_AttributeError,
                          "'%s' object has no attribute '%s' and no __dict__ for setting new attributes",
                          val_type_name(obj), str_data(name));
}

int obj_generic_setattr_impl(Value obj, Value name, Value v) {
    Type *tp = val_type(obj);
    Value descr = type_lookup(tp, name);
    if (descr && val_type(descr)->tp_descr_set) return val_type(descr)->tp_descr_set(descr, obj, v);
    if (!tp->attrs_offset || !val_is_ptr(obj)) {
        if (descr)
            return err_format_int(&Exc_AttributeError, "'%s' object attribute '%s' is read-only",
                                  val_type_name(obj), str_data(name));
        return no_dict_error(obj, name);
    }
    if ((tp->flags & TPFLAG_HEAPTYPE) && HEAPTYPE(tp)->slot_names && !slot_names_allow(tp, name))
        return no_dict_error(obj, name);
    AttrStore *store = obj_attrs(obj, tp);
    if (v) return attrs_set(store, name, v);
    int r = attrs_del(store, name);
    if (r == 1) {
        err_no_attribute(obj, name);
        return -1;
    }
    return r;
}

int obj_generic_setattr(Value obj, Value name, Value v) {
    return obj_generic_setattr_impl(obj, name, v);
}

static Value check_name(Value name) {
    if (!val_is_str(name))
        return err_format(&Exc_TypeError, "attribute name must be string, not '%s'",
                          val_type_name(name));
    return name;
}

Value obj_getattr(Value obj, Value name) {
    Type *tp = val_type(obj);
    if (!val_is_str(name)) return check_name(name);
    if (tp->tp_getattro) return tp->tp_getattro(obj, name);
    return obj_generic_getattr(obj, name);
}

Value obj_getattr_cstr(Value obj, const char *name) {
    Value n = str_intern_cstr(name);
    return n ? obj_getattr(obj, n) : VAL_NULL;
}

Value obj_lookup_attr(Value obj, Value name) {
    Type *tp = val_type(obj);
    if (!val_is_str(name)) return check_name(name);
    if (!tp->tp_getattro || tp->tp_getattro == obj_generic_getattr)
        return obj_generic_getattr_noerr(obj, name);
    Value v = tp->tp_getattro(obj, name);
    if (!v && err_matches(&Exc_AttributeError)) err_clear();
    return v;
}

int obj_setattr(Value obj, Value name, Value v) {
    Type *tp = val_type(obj);
    if (!val_is_str(name)) {
        check_name(name);
        return -1;
    }
    name = attr_name_intern(name);
    if (!name) return -1;
    if (tp->tp_setattro) return tp->tp_setattro(obj, name, v);
    return obj_generic_setattr_impl(obj, name, v);
}

int obj_delattr(Value obj, Value name) { return obj_setattr(obj, name, VAL_NULL); }

int obj_get_method(Value obj, Value name, Value *out) {
    Type *tp = val_type(obj);
    if (tp->tp_getattro != obj_generic_getattr) {
        *out = obj_getattr(obj, name);
        return *out ? 0 : -1;
    }
    Value descr = type_lookup(tp, name);
    if (descr && is_unbound_callable(descr)) {
        if (tp->attrs_offset && val_is_ptr(obj)) {
            Value v = attrs_get(obj_attrs(obj, tp), name);
            if (v) {
                *out = v;
                return 0;
            }
        }
        *out = descr;
        return 1;
    }
    *out = obj_generic_getattr(obj, name);
    return *out ? 0 : -1;
}

/* ---- items, length, membership ---- */

/* Built-in generic containers subscript to a types.GenericAlias. */
static bool type_is_builtin_generic(Type *t) {
    return t == &List_Type || t == &Dict_Type || t == &Tuple_Type || t == &Set_Type ||
           t == &FrozenSet_Type || t == &Type_Type;
}

static Value class_getitem(Value cls, Value key) {
    Type *t = val_as_type(cls);
    Value meth = type_lookup(t, name___class_getitem__);
    if (meth) {
        Value bound = descr_bind(meth, VAL_NULL, t);
        return bound ? obj_call1(bound, key) : VAL_NULL;
    }
    if (type_is_builtin_generic(t)) return generic_alias_new(cls, key);
    Value qn = type_get_qualname(t);
    return err_format(&Exc_TypeError, "type '%s' is not subscriptable", qn ? str_data(qn) : t->name);
}

Value obj_getitem(Value obj, Value key) {
    BinaryFn fn = val_type(obj)->mp_subscript;
    if (fn) return fn(obj, key);
    if (val_is_typeobj(obj)) return class_getitem(obj, key);
    return err_format(&Exc_TypeError, "'%s' object is not subscriptable", val_type_name(obj));
}

int obj_setitem(Value obj, Value key, Value v) {
    SetItemFn fn = val_type(obj)->mp_ass_subscript;
    if (fn) return fn(obj, key, v);
    return err_format_int(&Exc_TypeError, "'%s' object does not support item assignment",
                          val_type_name(obj));
}

int obj_delitem(Value obj, Value key) {
    SetItemFn fn = val_type(obj)->mp_ass_subscript;
    if (fn) return fn(obj, key, VAL_NULL);
    return err_format_int(&Exc_TypeError, "'%s' object does not support item deletion",
                          val_type_name(obj));
}

int64_t obj_len(Value v) {
    LenFn fn = val_type(v)->sq_length;
    if (fn) return fn(v);
    err_format(&Exc_TypeError, "object of type '%s' has no len()", val_type_name(v));
    return -1;
}

int obj_contains(Value container, Value item) {
    Type *t = val_type(container);
    if (t->sq_contains) return t->sq_contains(container, item);
    if (!t->tp_iter && !t->mp_subscript)
        return err_format_int(&Exc_TypeError, "argument of type '%s' is not iterable",
                              val_type_name(container));
    Value it = obj_iter(container);
    if (!it) return -1;
    for (;;) {
        Value x = obj_next(it);
        if (!x) return err_occurred() ? -1 : 0;
        int eq = obj_eq(x, item);
        if (eq != 0) return eq;
    }
}

/* ---- iteration ---- */

Value obj_iter(Value v) {
    Type *t = val_type(v);
    if (t->tp_iter) {
        Value it = t->tp_iter(v);
        if (it && !val_type(it)->tp_iternext)
            return err_format(&Exc_TypeError, "iter() returned non-iterator of type '%s'",
                              val_type_name(it));
        return it;
    }
    if (t->mp_subscript && !type_is_subtype(t, &Dict_Type)) return seqiter_new(v);
    return err_format(&Exc_TypeError, "'%s' object is not iterable", val_type_name(v));
}

Value obj_next(Value it) {
    UnaryFn fn = val_type(it)->tp_iternext;
    /* map, zip, filter, enumerate… reach their inner iterator through here:
     * a chain of a million is a RecursionError, not a C stack overflow
     * (a generator checks as it resumes) */
    if (fn && fn != Generator_Type.tp_iternext && vm_check_c_stack() < 0) return VAL_NULL;
    if (fn) return fn(it);
    return err_format(&Exc_TypeError, "'%s' object is not an iterator", val_type_name(it));
}

/* ---- calls ---- */

Value obj_call(Value callable, Value *args, size_t nargs, Value kwnames) {
    CallFn fn = val_type(callable)->tp_call;
    if (!fn) return err_not_callable(callable);
    return fn(callable, args, nargs, kwnames);
}

Value obj_call0(Value callable) { return obj_call(callable, NULL, 0, VAL_NULL); }
Value obj_call1(Value callable, Value a) { return obj_call(callable, &a, 1, VAL_NULL); }
Value obj_call2(Value callable, Value a, Value b) {
    Value args[2] = {a, b};
    return obj_call(callable, args, 2, VAL_NULL);
}

Value obj_call_method(Value obj, const char *name, Value *args, size_t nargs) {
    Value n = str_intern_cstr(name);
    if (!n) return VAL_NULL;
    Value m;
    int r = obj_get_method(obj, n, &m);
    if (r < 0) return VAL_NULL;
    if (r == 1) return call_unbound(m, obj, args, nargs, VAL_NULL);
    return obj_call(m, args, nargs, VAL_NULL);
}

/* ---- isinstance / issubclass ---- */

static int recursive_isinstance(Value obj, Type *cls) {
    Type *t = val_type(obj);
    if (type_is_subtype(t, cls)) return 1;
    if (!(t->flags & TPFLAG_HEAPTYPE)) return 0;
    /* a proxy may claim another class through __class__ */
    Value icls = obj_lookup_attr(obj, name___class__);
    if (!icls) return err_occurred() ? -1 : 0;
    if (icls == val_from_ptr(t) || !val_is_typeobj(icls)) return 0;
    return type_is_subtype(val_as_type(icls), cls);
}

static int check_many(Value obj, Value seq, int (*check)(Value, Value)) {
    for (size_t i = 0; i < tuple_size(seq); i++) {
        int r = check(obj, tuple_items(seq)[i]);
        if (r != 0) return r;
    }
    return 0;
}

int obj_isinstance(Value obj, Value cls) {
    if (val_from_ptr(val_type(obj)) == cls) return 1;
    if (val_is_ptr(cls) && TYPE(cls) == &Type_Type) return recursive_isinstance(obj, val_as_type(cls));
    if (val_is_tuple(cls)) {
        if (vm_enter_recursion(" in __instancecheck__") < 0) return -1;
        int r = check_many(obj, cls, obj_isinstance);
        vm_leave_recursion();
        return r;
    }
    if (val_is_union(cls)) return check_many(obj, union_args(cls), obj_isinstance);
    Value checker = val_is_ptr(cls) ? type_lookup(val_type(cls), name___instancecheck__) : VAL_NULL;
    if (checker && val_is_typeobj(cls) &&
        checker == type_lookup(&Type_Type, name___instancecheck__))
        return recursive_isinstance(obj, val_as_type(cls));
    if (checker) {
        Value r = call_unbound(checker, cls, &obj, 1, VAL_NULL);
        return r ? obj_truthy(r) : -1;
    }
    return err_format_int(&Exc_TypeError,
                          "isinstance() arg 2 must be a type, a tuple of types, or a union");
}

static int recursive_issubclass(Value derived, Value cls) {
    if (!val_is_typeobj(derived))
        return err_format_int(&Exc_TypeError, "issubclass() arg 1 must be a class");
    if (!val_is_typeobj(cls))
        return err_format_int(&Exc_TypeError,
                              "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return type_is_subtype(val_as_type(derived), val_as_type(cls));
}

int obj_issubclass(Value derived, Value cls) {
    if (val_is_ptr(cls) && TYPE(cls) == &Type_Type && val_is_typeobj(derived))
        return derived == cls || type_is_subtype(val_as_type(derived), val_as_type(cls));
    if (val_is_tuple(cls)) {
        if (vm_enter_recursion(" in __subclasscheck__") < 0) return -1;
        int r = check_many(derived, cls, obj_issubclass);
        vm_leave_recursion();
        return r;
    }
    if (val_is_union(cls)) return check_many(derived, union_args(cls), obj_issubclass);
    Value checker = val_is_ptr(cls) ? type_lookup(val_type(cls), name___subclasscheck__) : VAL_NULL;
    if (checker && checker != type_lookup(&Type_Type, name___subclasscheck__)) {
        Value r = call_unbound(checker, cls, &derived, 1, VAL_NULL);
        return r ? obj_truthy(r) : -1;
    }
    return recursive_issubclass(derived, cls);
}

/* ---- dir ---- */

Value obj_dir(Value obj) {
    bool found;
    Value r = call_special(obj, name___dir__, NULL, 0, &found);
    if (!found) return err_format(&Exc_TypeError, "object does not provide __dir__");
    if (!r) return VAL_NULL;
    Value list = list_from_iterable(r);
    if (!list || list_sort(list, VAL_NULL, false) < 0) return VAL_NULL;
    return list;
}
