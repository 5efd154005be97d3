/* float.c — the float type: construction, hashing, comparison with ints
 * (exact), arithmetic with CPython's floor/modulo/power rules, methods.
 * Text conversion lives in float_repr.c. */
#include <float.h>
#include <math.h>

#include "../vm/error.h"
#include "bytes.h"
#include "exceptions.h"
#include "function.h"
#include "number.h"
#include "str.h"
#include "tuple.h"

/* ---- helpers ---- */

Value float_new_subtype(Type *type, double d) {
    if (type == &Float_Type) return val_from_double(d);
    size_t size = type->basicsize > sizeof(FloatObject) ? type->basicsize : sizeof(FloatObject);
    FloatObject *obj = obj_alloc_var(type, size);
    if (!obj) return err_no_memory();
    obj->value = d;
    return val_from_ptr(obj);
}

int num_as_double(Value v, double *out) {
    if (val_is_float(v)) { *out = float_value(v); return 0; }
    if (val_is_int(v)) {
        bool overflow;
        *out = int_as_double(v, &overflow);
        if (overflow) return err_format_int(&Exc_OverflowError, "int too large to convert to float");
        return 0;
    }
    return err_format_int(&Exc_TypeError, "must be real number, not %s", val_type_name(v));
}

/* An operand of a float binary slot: 1 ok, 0 not a real number
 * (NotImplemented), -1 error (an int too large for a double). */
static int float_operand(Value v, double *out) {
    if (val_is_float(v)) { *out = float_value(v); return 1; }
    if (!val_is_int(v)) return 0;
    bool overflow;
    *out = int_as_double(v, &overflow);
    if (overflow) return err_format_int(&Exc_OverflowError, "int too large to convert to float");
    return 1;
}

#define FLOAT_OPERANDS(a, b, x, y) do { \
    int ok_a_ = float_operand(a, &x); \
    if (ok_a_ <= 0) return ok_a_ < 0 ? VAL_NULL : VAL_NOTIMPL; \
    int ok_b_ = float_operand(b, &y); \
    if (ok_b_ <= 0) return ok_b_ < 0 ? VAL_NULL : VAL_NOTIMPL; \
} while (0)

Value float_floor_to_int(double d) { return int_from_double(floor(d)); }
Value float_ceil_to_int(double d) { return int_from_double(ceil(d)); }

/* ---- hashing ---- */

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)

int64_t float_hash(double d) {
    if (isinf(d)) return d > 0 ? 314159 : -314159;
    if (isnan(d)) return 0;
    int e;
    double m = frexp(d, &e);
    int sign = 1;
    if (m < 0) { sign = -1; m = -m; }
    uint64_t x = 0;
    /* Fold 28 bits of mantissa at a time into x mod 2^61-1. */
    while (m) {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MODULUS) x -= HASH_MODULUS;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    int64_t h = (int64_t)x * sign;
    return h == -1 ? -2 : h;
}

static int float_tp_hash(Value self, int64_t *out) {
    double d = float_value(self);
    /* NaN hashes by identity (3.10+); inline NaNs have none, so 0. */
    if (isnan(d) && val_is_ptr(self))
        *out = (int64_t)(val_from_ptr(val_as_ptr(self)) >> 4);
    else
        *out = float_hash(d);
    return 0;
}

/* ---- comparison ---- */

static Value float_richcompare(Value a, Value b, int op) {
    double x, y;
    int c;
    if (val_is_float(a) && val_is_float(b)) {
        x = float_value(a);
        y = float_value(b);
        if (isnan(x) || isnan(y)) return val_bool(op == CMP_NE);
        c = (x > y) - (x < y);
    } else if (val_is_float(a) && val_is_int(b)) {
        x = float_value(a);
        if (isnan(x)) return val_bool(op == CMP_NE);
        c = -int_compare_double(b, x);
    } else if (val_is_int(a) && val_is_float(b)) {
        y = float_value(b);
        if (isnan(y)) return val_bool(op == CMP_NE);
        c = int_compare_double(a, y);
    } else {
        return VAL_NOTIMPL;
    }
    switch (op) {
    case CMP_LT: return val_bool(c < 0);
    case CMP_LE: return val_bool(c <= 0);
    case CMP_EQ: return val_bool(c == 0);
    case CMP_NE: return val_bool(c != 0);
    case CMP_GT: return val_bool(c > 0);
    default: return val_bool(c >= 0);
    }
}

/* ---- arithmetic ---- */

static Value float_add(Value a, Value b) {
    double x, y;
    FLOAT_OPERANDS(a, b, x, y);
    return val_from_double(x + y);
}

static Value float_sub(Value a, Value b) {
    double x, y;
    FLOAT_OPERANDS(a, b, x, y);
    return val_from_double(x - y);
}

static Value float_mul(Value a, Value b) {
    double x, y;
    FLOAT_OPERANDS(a, b, x, y);
    return val_from_double(x * y);
}

static Value float_truediv(Value a, Value b) {
    double x, y;
    FLOAT_OPERANDS(a, b, x, y);
    if (y == 0) return err_format(&Exc_ZeroDivisionError, "float division by zero");
    return val_from_double(x / y);
}

static double float_mod_raw(double x, double y) {
    double mod = fmod(x, y);
    if (mod) {
        if ((y < 0) != (mod < 0)) mod += y;
    } else {
        mod = copysign(0.0, y);
    }
    return mod;
}

static void float_divmod_raw(double x, double y, double *floordiv, double *mod) {
    double m = fmod(x, y);
    double div = (x - m) / y;
    if (m) {
        if ((y < 0) != (m < 0)) { m += y; div -= 1.0; }
    } else {
        m = copysign(0.0, y);
    }
    double fd;
    if (div) {
        fd = floor(div);
        if (div - fd > 0.5) fd += 1.0;
    } else {
        fd = copysign(0.0, x / y);
    }
    *floordiv = fd;
    *mod = m;
}

static Value float_mod(Value a, Value b) {
    double x, y;
    FLOAT_OPERANDS(a, b, x, y);
    if (y == 0) return err_format(&Exc_ZeroDivisionError, "float modulo by zero");
    return val_from_double(float_mod_raw(x, y));
}

static Value float_floordiv(Value a, Value b) {
    double x, y, q, r;
    FLOAT_OPERANDS(a, b, x, y);
    if (y == 0) return err_format(&Exc_ZeroDivisionError, "float floor division by zero");
    float_divmod_raw(x, y, &q, &r);
    return val_from_double(q);
}

Value float_divmod(Value a, Value b) {
    double x, y, q, r;
    FLOAT_OPERANDS(a, b, x, y);
    if (y == 0) return err_format(&Exc_ZeroDivisionError, "float divmod()");
    float_divmod_raw(x, y, &q, &r);
    return tuple_pack(2, val_from_double(q), val_from_double(r));
}

static bool is_odd_integer(double d) { return fmod(fabs(d), 2.0) == 1.0; }

static Value float_range_error(void) {
    Value args[2] = {val_from_smallint(34), str_from_cstr("Numerical result out of range")};
    if (!args[1]) return VAL_NULL;
    Value exc = exc_new(&Exc_OverflowError, args, 2);
    return exc ? err_raise(exc) : VAL_NULL;
}

Value float_pow_double(double iv, double iw) {
    if (iw == 0) return val_from_double(1.0);
    if (isnan(iv)) return val_from_double(iv);
    if (isnan(iw)) return val_from_double(iv == 1.0 ? 1.0 : iw);
    if (isinf(iw)) {
        iv = fabs(iv);
        if (iv == 1.0) return val_from_double(1.0);
        if ((iw > 0) == (iv > 1.0)) return val_from_double(fabs(iw));
        return val_from_double(0.0);
    }
    bool iw_odd = is_odd_integer(iw);
    if (isinf(iv)) {
        if (iw > 0) return val_from_double(iw_odd ? iv : fabs(iv));
        return val_from_double(iw_odd ? copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        if (iw < 0)
            return err_format(&Exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return val_from_double(iw_odd ? iv : 0.0);
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != floor(iw)) /* a negative base to a fractional power is complex */
            return complex_pow_values(val_from_double(iv), val_from_double(iw));
        iv = -iv;
        negate = iw_odd;
    }
    if (iv == 1.0) return val_from_double(negate ? -1.0 : 1.0);
    double r = pow(iv, iw);
    if (isinf(r)) return float_range_error();
    return val_from_double(negate ? -r : r);
}

static Value float_pow(Value a, Value b) {
    double x, y;
    FLOAT_OPERANDS(a, b, x, y);
    return float_pow_double(x, y);
}

static Value float_neg(Value v) { return val_from_double(-float_value(v)); }
static Value float_pos(Value v) { return val_from_double(float_value(v)); }
static Value float_abs(Value v) { return val_from_double(fabs(float_value(v))); }
static int float_tp_bool(Value v) { return float_value(v) != 0.0; }
static Value float_tp_int(Value v) { return int_from_double(float_value(v)); }
static Value float_tp_float(Value v) { return val_from_double(float_value(v)); }
static Value float_tp_repr(Value v) { return float_repr(float_value(v)); }

/* ---- float(x) ---- */

static Value float_value_of(Value x) {
    if (val_is_float(x)) return val_from_double(float_value(x));
    if (val_is_str(x)) {
        size_t len;
        const char *text = number_ascii_literal(x, &len);
        if (!text) return err_no_memory();
        return float_parse_shown(text, len, x);
    }
    if (val_is_ptr(x) && type_is_subtype(TYPE(x), &Bytes_Type))
        return float_parse_shown(BYTES(x)->data, BYTES(x)->size, x);
    if (val_is_ptr(x) && type_is_subtype(TYPE(x), &ByteArray_Type)) {
        Value copy = bytes_new(BYTEARRAY(x)->data, BYTEARRAY(x)->size);
        return copy ? float_parse_shown(BYTES(copy)->data, BYTES(copy)->size, x) : VAL_NULL;
    }
    Type *t = val_type(x);
    if (t->nb_float) {
        Value r = t->nb_float(x);
        if (!r) return VAL_NULL;
        if (!val_is_float(r))
            return err_format(&Exc_TypeError, "%s.__float__ returned non-float (type %s)",
                              type_name(t), val_type_name(r));
        return val_from_double(float_value(r));
    }
    if (t->nb_index) {
        Value i = t->nb_index(x);
        if (!i) return VAL_NULL;
        if (!val_is_int(i))
            return err_format(&Exc_TypeError, "__index__ returned non-int (type %s)", val_type_name(i));
        double d;
        return num_as_double(i, &d) < 0 ? VAL_NULL : val_from_double(d);
    }
    return err_format(&Exc_TypeError, "float() argument must be a string or a real number, not '%s'",
                      val_type_name(x));
}

static Value float_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("float", kwnames) < 0) return VAL_NULL;
    if (nargs > 1) return err_format(&Exc_TypeError, "float expected at most 1 argument, got %zu", nargs);
    Value v = nargs ? float_value_of(args[0]) : val_from_double(0.0);
    if (!v) return VAL_NULL;
    return float_new_subtype(type, float_value(v));
}

/* ---- round ---- */

/* Round m * 2^e (m > 0 integer) to ndigits decimals, exactly, half to even. */
Value float_round(double d, Value ndigits) {
    if (!ndigits || val_is_none(ndigits)) {
        double r = round(d);
        if (fabs(d - r) == 0.5) r = 2.0 * round(d / 2.0);
        return int_from_double(r);
    }
    Value nd = obj_index(ndigits);
    if (!nd) return VAL_NULL;
    int64_t n;
    if (!int_as_i64(nd, &n)) n = int_sign(nd) > 0 ? INT64_MAX : INT64_MIN;
    if (isnan(d) || isinf(d) || d == 0.0 || n > 323) return val_from_double(d);
    if (n < -308) return val_from_double(0.0 * d);
    int e;
    double frac = frexp(fabs(d), &e);
    mpz_t num, den, q, r, p10;
    mpz_init_set_d(num, ldexp(frac, 53));
    e -= 53;
    mpz_init_set_ui(den, 1);
    mpz_init(q);
    mpz_init(r);
    mpz_init(p10);
    mpz_ui_pow_ui(p10, 10, (unsigned long)(n >= 0 ? n : -n));
    if (e >= 0) mpz_mul_2exp(num, num, (mp_bitcnt_t)e);
    else mpz_mul_2exp(den, den, (mp_bitcnt_t)-e);
    if (n >= 0) mpz_mul(num, num, p10);
    else mpz_mul(den, den, p10);
    mpz_fdiv_qr(q, r, num, den);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, den);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    double result;
    if (n >= 0) {
        Value qv = int_take_mpz(q), pv = int_from_mpz(p10);
        if (!qv || !pv) return VAL_NULL;
        Value rv = int_truediv(qv, pv); /* correctly rounded */
        if (!rv) return VAL_NULL;
        result = float_value(rv);
    } else {
        mpz_mul(q, q, p10);
        bool overflow;
        result = mpz_scaled_to_double(q, 0, &overflow);
        if (overflow) return err_format(&Exc_OverflowError, "rounded value too large to represent");
    }
    return val_from_double(copysign(result, d));
}

/* ---- methods ---- */

#define SELF_D (float_value(args[0]))

static Value float_is_integer_m(Value *args, size_t nargs, Value kwnames) {
    double d = SELF_D;
    return val_bool(isfinite(d) && floor(d) == d);
}

static Value float_as_integer_ratio_m(Value *args, size_t nargs, Value kwnames) {
    double d = SELF_D;
    if (isinf(d)) return err_format(&Exc_OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(d)) return err_format(&Exc_ValueError, "cannot convert NaN to integer ratio");
    int e;
    double frac = frexp(d, &e);
    mpz_t num, den;
    mpz_init_set_d(num, ldexp(frac, 53));
    mpz_init_set_ui(den, 1);
    e -= 53;
    if (e >= 0) mpz_mul_2exp(num, num, (mp_bitcnt_t)e);
    else mpz_mul_2exp(den, den, (mp_bitcnt_t)-e);
    /* Reduce: the denominator is a power of two. */
    if (mpz_sgn(num)) {
        mp_bitcnt_t tz = mpz_scan1(num, 0), dz = mpz_scan1(den, 0);
        mp_bitcnt_t common = tz < dz ? tz : dz;
        mpz_tdiv_q_2exp(num, num, common);
        mpz_tdiv_q_2exp(den, den, common);
    } else {
        mpz_set_ui(den, 1);
    }
    Value n = int_take_mpz(num), dd = int_take_mpz(den);
    return n && dd ? tuple_pack(2, n, dd) : VAL_NULL;
}

static Value float_hex_m(Value *args, size_t nargs, Value kwnames) { return float_hex(SELF_D); }

static Value float_fromhex_m(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("fromhex", nargs - 1, 1, 1) < 0) return VAL_NULL;
    if (!val_is_str(args[1]))
        return err_format(&Exc_TypeError, "bad argument type for built-in operation");
    Value v = float_fromhex_text(str_data(args[1]), str_size(args[1]));
    if (!v || args[0] == val_from_ptr(&Float_Type)) return v;
    return obj_call1(args[0], v);
}

static Value float_round_m(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("__round__", nargs - 1, 0, 1) < 0) return VAL_NULL;
    return float_round(SELF_D, nargs > 1 ? args[1] : VAL_NULL);
}

static Value float_trunc_m(Value *args, size_t nargs, Value kwnames) { return int_from_double(SELF_D); }
static Value float_floor_m(Value *args, size_t nargs, Value kwnames) { return float_floor_to_int(SELF_D); }
static Value float_ceil_m(Value *args, size_t nargs, Value kwnames) { return float_ceil_to_int(SELF_D); }
static Value float_conjugate_m(Value *args, size_t nargs, Value kwnames) { return val_from_double(SELF_D); }

static Value float_format_m(Value *args, size_t nargs, Value kwnames) {
    if (nargs != 2 || !val_is_str(args[1]))
        return err_format(&Exc_TypeError, "__format__() argument must be str");
    if (str_size(args[1]) == 0) return obj_str(args[0]);
    return format_float(SELF_D, args[1]);
}

static Value float_real_get(Value self) { return val_from_double(float_value(self)); }
static Value float_imag_get(Value self) { return val_from_double(0.0); }

static Value float_divmod_m(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("__divmod__", nargs - 1, 1, 1) < 0) return VAL_NULL;
    return float_divmod(args[0], args[1]);
}

static Value float_rdivmod_m(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("__rdivmod__", nargs - 1, 1, 1) < 0) return VAL_NULL;
    return float_divmod(args[1], args[0]);
}

static const MethodDef float_methods[] = {
    {"__divmod__", float_divmod_m, METH_DEFAULT, "Return divmod(self, value)."},
    {"__rdivmod__", float_rdivmod_m, METH_DEFAULT, "Return divmod(value, self)."},
    {"is_integer", float_is_integer_m, METH_DEFAULT, "Return True if the float is an integer."},
    {"as_integer_ratio", float_as_integer_ratio_m, METH_DEFAULT, "Return a pair of integers, whose ratio is exactly equal to the original float."},
    {"hex", float_hex_m, METH_DEFAULT, "Return a hexadecimal representation of a floating-point number."},
    {"fromhex", float_fromhex_m, METH_CLASS, "Create a floating-point number from a hexadecimal string."},
    {"__round__", float_round_m, METH_DEFAULT, "Return the Integral closest to x, rounding half toward even."},
    {"__trunc__", float_trunc_m, METH_DEFAULT, "Return the Integral closest to x between 0 and x."},
    {"__floor__", float_floor_m, METH_DEFAULT, "Return the floor as an Integral."},
    {"__ceil__", float_ceil_m, METH_DEFAULT, "Return the ceiling as an Integral."},
    {"conjugate", float_conjugate_m, METH_DEFAULT, "Return self, the complex conjugate of any float."},
    {"__format__", float_format_m, METH_DEFAULT, "Formats the float according to format_spec."},
    {NULL},
};

static const GetSetDef float_getset[] = {
    {"real", float_real_get, NULL},
    {"imag", float_imag_get, NULL},
    {NULL},
};

Type Float_Type = {
    .base = {&Type_Type},
    .name = "float",
    .basicsize = sizeof(FloatObject),
    .flags = TPFLAG_FLOAT_SUBCLASS | TPFLAG_BASETYPE,
    .doc = "Convert a string or number to a floating-point number, if possible.",
    .tp_new = float_tp_new,
    .tp_repr = float_tp_repr,
    .tp_str = float_tp_repr,
    .tp_hash = float_tp_hash,
    .tp_richcompare = float_richcompare,
    .nb_binary = {
        [NB_ADD] = float_add, [NB_SUBTRACT] = float_sub, [NB_MULTIPLY] = float_mul,
        [NB_TRUE_DIVIDE] = float_truediv, [NB_FLOOR_DIVIDE] = float_floordiv,
        [NB_REMAINDER] = float_mod, [NB_POWER] = float_pow,
    },
    .nb_negative = float_neg,
    .nb_positive = float_pos,
    .nb_absolute = float_abs,
    .nb_bool = float_tp_bool,
    .nb_int = float_tp_int,
    .nb_float = float_tp_float,
    .methods = float_methods,
    .getset = float_getset,
};
