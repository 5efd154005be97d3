/* int.c — the int type: construction, conversion, parsing, printing,
 * hashing and comparison. Arithmetic lives in int_ops.c, methods in
 * int_methods.c.
 *
 * Invariant: an exact int whose value fits [SMALLINT_MIN, SMALLINT_MAX] is
 * always an inline small int; IntObjects of type int hold only big values.
 * Instances of int subclasses are always IntObjects (whatever the value). */
#include <ctype.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>

#include "../vm/error.h"
#include "bytes.h"
#include "function.h"
#include "number.h"
#include "str.h"

int int_max_str_digits = 4300;

/* ---- construction ---- */

static bool mpz_fits_small(mpz_srcptr z) {
    if (!mpz_fits_slong_p(z)) return false;
    return smallint_fits((int64_t)mpz_get_si(z));
}

Value int_take_mpz(mpz_ptr z) {
    if (mpz_fits_small(z)) return val_from_smallint((int64_t)mpz_get_si(z));
    IntObject *obj = obj_alloc(&Int_Type, sizeof(IntObject));
    if (!obj) return err_no_memory();
    /* The limbs are gc memory: moving the struct moves ownership. */
    obj->z[0] = z[0];
    return val_from_ptr(obj);
}

Value int_from_mpz(const mpz_t z) {
    if (mpz_fits_small(z)) return val_from_smallint((int64_t)mpz_get_si(z));
    mpz_t copy;
    mpz_init_set(copy, z);
    return int_take_mpz(copy);
}

Value int_from_i64(int64_t i) {
    if (smallint_fits(i)) return val_from_smallint(i);
    mpz_t z;
    mpz_init_set_si(z, (long)i);
    return int_take_mpz(z);
}

Value int_from_u64(uint64_t u) {
    if (u <= (uint64_t)SMALLINT_MAX) return val_from_smallint((int64_t)u);
    mpz_t z;
    mpz_init_set_ui(z, (unsigned long)u);
    return int_take_mpz(z);
}

Value int_from_double(double d) {
    if (isinf(d))
        return err_format(&Exc_OverflowError, "cannot convert float infinity to integer");
    if (isnan(d))
        return err_format(&Exc_ValueError, "cannot convert float NaN to integer");
    double t = trunc(d);
    if (fabs(t) <= (double)SMALLINT_MAX) return val_from_smallint((int64_t)t);
    mpz_t z;
    mpz_init_set_d(z, t);
    return int_take_mpz(z);
}

Value int_new_subtype(Type *type, Value v) {
    size_t size = type->basicsize > sizeof(IntObject) ? type->basicsize : sizeof(IntObject);
    IntObject *obj = obj_alloc_var(type, size);
    if (!obj) return err_no_memory();
    int64_t small;
    if (int_small_value(v, &small))
        mpz_init_set_si(obj->z, (long)small);
    else
        mpz_init_set(obj->z, INTOBJ(v)->z);
    return val_from_ptr(obj);
}

Value int_exact(Value v) {
    int64_t small;
    if (int_small_value(v, &small)) return val_from_smallint(small);
    if (TYPE(v) == &Int_Type) return v;
    return int_from_mpz(INTOBJ(v)->z);
}

/* ---- conversion ---- */

bool int_as_i64(Value v, int64_t *out) {
    if (int_small_value(v, out)) return true;
    mpz_srcptr z = INTOBJ(v)->z;
    if (!mpz_fits_slong_p(z)) return false;
    *out = (int64_t)mpz_get_si(z);
    return true;
}

void int_to_mpz(Value v, mpz_t z) {
    int64_t small;
    if (int_small_value(v, &small))
        mpz_set_si(z, (long)small);
    else
        mpz_set(z, INTOBJ(v)->z);
}

int int_sign(Value v) {
    int64_t small;
    if (int_small_value(v, &small)) return (small > 0) - (small < 0);
    return mpz_sgn(INTOBJ(v)->z);
}

uint64_t int_bit_length(Value v) {
    int64_t small;
    if (int_small_value(v, &small)) {
        uint64_t mag = small < 0 ? (uint64_t)(-small) : (uint64_t)small;
        return mag ? 64 - (uint64_t)__builtin_clzll(mag) : 0;
    }
    mpz_srcptr z = INTOBJ(v)->z;
    return mpz_sgn(z) ? mpz_sizeinbase(z, 2) : 0;
}

double mpz_scaled_to_double(mpz_srcptr q, long shift, bool *overflow) {
    *overflow = false;
    if (mpz_sgn(q) == 0) return 0.0;
    long bits = (long)mpz_sizeinbase(q, 2);
    long top_exp = bits - 1 - shift;          /* exponent of q's top bit */
    if (top_exp > 1023) { *overflow = true; return HUGE_VAL; }
    long precision = top_exp >= -1022 ? 53 : top_exp + 1075; /* subnormals */
    long drop = bits - precision;
    if (drop <= 0) {
        /* Exact: at most 53 significant bits. */
        return ldexp(mpz_get_d(q), (int)-shift);
    }
    mpz_t m;
    mpz_init(m);
    mpz_tdiv_q_2exp(m, q, (mp_bitcnt_t)drop);
    /* Round half to even on the dropped bits. */
    if (mpz_tstbit(q, (mp_bitcnt_t)(drop - 1))) {
        bool below = mpz_scan1(q, 0) < (mp_bitcnt_t)(drop - 1);
        if (below || mpz_odd_p(m)) mpz_add_ui(m, m, 1);
    }
    double r = ldexp(mpz_get_d(m), (int)(drop - shift));
    if (isinf(r)) *overflow = true;
    return r;
}

double int_as_double(Value v, bool *overflow) {
    int64_t small;
    *overflow = false;
    if (int_small_value(v, &small)) return (double)small;
    mpz_srcptr z = INTOBJ(v)->z;
    if (mpz_sizeinbase(z, 2) <= 53) return mpz_get_d(z);
    mpz_t mag;
    mpz_init(mag);
    mpz_abs(mag, z);
    double r = mpz_scaled_to_double(mag, 0, overflow);
    return mpz_sgn(z) < 0 ? -r : r;
}

/* ---- hashing and comparison ---- */

#define HASH_MODULUS (((uint64_t)1 << 61) - 1)

int64_t int_hash(Value v) {
    int64_t small;
    int64_t h;
    if (int_small_value(v, &small)) {
        h = small; /* |small| < 2^47 < modulus */
    } else {
        mpz_srcptr z = INTOBJ(v)->z;
        mpz_t mag;
        mpz_init(mag);
        mpz_abs(mag, z);
        h = (int64_t)mpz_tdiv_ui(mag, (unsigned long)HASH_MODULUS);
        if (mpz_sgn(z) < 0) h = -h;
    }
    return h == -1 ? -2 : h;
}

static int int_tp_hash(Value self, int64_t *out) {
    *out = int_hash(self);
    return 0;
}

int int_compare(Value a, Value b) {
    int64_t x, y;
    if (int_small_value(a, &x) && int_small_value(b, &y)) return (x > y) - (x < y);
    IntView va, vb;
    int_view(&va, a);
    int_view(&vb, b);
    int c = mpz_cmp(va.z, vb.z);
    return (c > 0) - (c < 0);
}

int int_compare_double(Value a, double d) {
    if (isinf(d)) return d > 0 ? -1 : 1;
    int64_t small;
    if (int_small_value(a, &small)) {
        double x = (double)small; /* exact: |small| < 2^53 */
        return (x > d) - (x < d);
    }
    int c = mpz_cmp_d(INTOBJ(a)->z, d);
    return (c > 0) - (c < 0);
}

static bool cmp_result(int c, int op) {
    switch (op) {
    case CMP_LT: return c < 0;
    case CMP_LE: return c <= 0;
    case CMP_EQ: return c == 0;
    case CMP_NE: return c != 0;
    case CMP_GT: return c > 0;
    default: return c >= 0;
    }
}

static Value int_richcompare(Value a, Value b, int op) {
    if (!val_is_int(a) || !val_is_int(b)) return VAL_NOTIMPL;
    return val_bool(cmp_result(int_compare(a, b), op));
}

/* ---- printing ---- */

Value int_err_str_digits(void) {
    return err_format(&Exc_ValueError,
                      "Exceeds the limit (%d digits) for integer string conversion; "
                      "use sys.set_int_max_str_digits() to increase the limit",
                      int_max_str_digits);
}

Value int_to_str(Value v, int base) {
    int64_t small;
    char buf[80];
    if (int_small_value(v, &small) && base == 10) {
        int n = snprintf(buf, sizeof buf, "%lld", (long long)small);
        return str_new(buf, (size_t)n);
    }
    IntView view;
    int_view(&view, v);
    bool limited = base == 10 && int_max_str_digits > 0;
    if (limited && mpz_sizeinbase(view.z, 10) > (size_t)int_max_str_digits + 1)
        return int_err_str_digits();
    size_t cap = mpz_sizeinbase(view.z, base) + 2;
    char *text = gc_alloc_atomic(cap);
    if (!text) return err_no_memory();
    mpz_get_str(text, base, view.z);
    size_t len = strlen(text);
    size_t ndigits = len - (text[0] == '-');
    if (limited && ndigits > (size_t)int_max_str_digits) return int_err_str_digits();
    return str_new(text, len);
}

static Value int_repr(Value v) { return int_to_str(v, 10); }

/* ---- parsing ---- */

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* Parse into z. Returns 1 on success, 0 on a malformed literal, -1 with an
 * exception set (digit limit). */
static int parse_int_literal(const char *s, size_t len, int base, mpz_t z) {
    const char *end = s + len;
    while (s < end && isspace((unsigned char)*s)) s++;
    while (end > s && isspace((unsigned char)end[-1])) end--;
    bool negative = false;
    if (s < end && (*s == '+' || *s == '-')) negative = *s++ == '-';
    bool prefixed = false;
    if (end - s >= 2 && s[0] == '0') {
        char p = (char)tolower((unsigned char)s[1]);
        int pbase = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (pbase && (base == 0 || base == pbase)) {
            base = pbase;
            s += 2;
            prefixed = true;
        }
    }
    bool base0_decimal = base == 0;
    if (base == 0) base = 10;
    /* Validate and collect digits: underscores only between digits (or
     * right after a base prefix). */
    size_t n = (size_t)(end - s);
    char *digits = gc_alloc_atomic(n + 1);
    if (!digits) { err_no_memory(); return -1; }
    size_t ndigits = 0;
    bool prev_digit = prefixed; /* "0x_1" is allowed */
    for (const char *p = s; p < end; p++) {
        if (*p == '_') {
            if (!prev_digit) return 0;
            prev_digit = false;
            continue;
        }
        if (digit_value(*p) >= base) return 0;
        digits[ndigits++] = *p;
        prev_digit = true;
    }
    if (ndigits == 0 || !prev_digit) return 0;
    digits[ndigits] = '\0';
    if (base0_decimal && digits[0] == '0') {
        for (size_t i = 0; i < ndigits; i++)
            if (digits[i] != '0') return 0; /* "010" is not a literal */
    }
    bool pow2 = (base & (base - 1)) == 0;
    if (!pow2 && int_max_str_digits > 0 && ndigits > (size_t)int_max_str_digits) {
        err_format(&Exc_ValueError,
                   "Exceeds the limit (%d digits) for integer string conversion: "
                   "value has %zu digits; use sys.set_int_max_str_digits() to "
                   "increase the limit", int_max_str_digits, ndigits);
        return -1;
    }
    if (mpz_set_str(z, digits, base) != 0) return 0;
    if (negative) mpz_neg(z, z);
    return 1;
}

static Value parse_or_raise(const char *s, size_t len, int base, Value shown) {
    mpz_t z;
    mpz_init(z);
    int ok = parse_int_literal(s, len, base, z);
    if (ok < 0) return VAL_NULL;
    if (ok == 0) {
        if (!shown) shown = str_new(s, len);
        if (!shown) return VAL_NULL;
        Value r = obj_repr(shown);
        if (!r) return VAL_NULL;
        return err_format(&Exc_ValueError, "invalid literal for int() with base %d: %s",
                          base, str_data(r));
    }
    return int_take_mpz(z);
}

Value int_from_string(const char *s, size_t len, int base) {
    return parse_or_raise(s, len, base, VAL_NULL);
}

Value int_parse_value(Value s, int base) {
    if (val_is_str(s)) {
        size_t len;
        const char *text = number_ascii_literal(s, &len);
        if (!text) return err_no_memory();
        return parse_or_raise(text, len, base, s);
    }
    if (val_is_ptr(s) && type_is_subtype(TYPE(s), &Bytes_Type))
        return parse_or_raise(BYTES(s)->data, BYTES(s)->size, base, s);
    if (val_is_ptr(s) && type_is_subtype(TYPE(s), &ByteArray_Type)) {
        Value copy = bytes_new(BYTEARRAY(s)->data, BYTEARRAY(s)->size);
        if (!copy) return VAL_NULL;
        return parse_or_raise(BYTES(copy)->data, BYTES(copy)->size, base, copy);
    }
    return err_format(&Exc_TypeError, "int() can't convert non-string with explicit base");
}

/* ---- int(x), int(s, base) ---- */

static Value int_from_number_protocol(Value x) {
    Type *t = val_type(x);
    if (t->nb_int) {
        Value r = t->nb_int(x);
        if (!r) return VAL_NULL;
        if (!val_is_int(r))
            return err_format(&Exc_TypeError, "__int__ returned non-int (type %s)",
                              val_type_name(r));
        return int_exact(r);
    }
    if (t->nb_index) {
        Value r = t->nb_index(x);
        if (!r) return VAL_NULL;
        if (!val_is_int(r))
            return err_format(&Exc_TypeError, "__index__ returned non-int (type %s)",
                              val_type_name(r));
        return int_exact(r);
    }
    Value trunc = type_lookup(t, name___trunc__);
    if (trunc) {
        Value r = obj_call_method(x, "__trunc__", NULL, 0);
        if (!r) return VAL_NULL;
        if (val_is_int(r)) return int_exact(r);
        return obj_index(r);
    }
    return err_format(&Exc_TypeError,
                      "int() argument must be a string, a bytes-like object or a real "
                      "number, not '%s'", val_type_name(x));
}

static Value int_value_of(Value x, Value base_arg) {
    if (!x) {
        if (base_arg) return err_format(&Exc_TypeError, "int() missing string argument");
        return val_from_smallint(0);
    }
    if (base_arg) {
        int64_t base;
        if (obj_index_i64(base_arg, &base) < 0) return VAL_NULL;
        if (base != 0 && (base < 2 || base > 36))
            return err_format(&Exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        return int_parse_value(x, (int)base);
    }
    if (val_is_int(x)) return int_exact(x);
    if (val_is_float(x)) return int_from_double(float_value(x));
    if (val_is_str(x) || (val_is_ptr(x) && (type_is_subtype(TYPE(x), &Bytes_Type) ||
                                           type_is_subtype(TYPE(x), &ByteArray_Type))))
        return int_parse_value(x, 10);
    return int_from_number_protocol(x);
}

static Value int_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"", "base", NULL};
    Value parsed[2];
    if (args_parse("int", args, nargs, kwnames, names, 1, 0, parsed) < 0) return VAL_NULL;
    Value v = int_value_of(parsed[0], parsed[1]);
    if (!v || type == &Int_Type) return v;
    if (type == &Bool_Type)
        return err_format(&Exc_TypeError, "int.__new__(bool) is not safe, use bool.__new__()");
    return int_new_subtype(type, v);
}

static int int_tp_bool(Value v) { return int_sign(v) != 0; }

static Value int_tp_int(Value v) { return int_exact(v); }

static Value int_tp_float(Value v) {
    bool overflow;
    double d = int_as_double(v, &overflow);
    if (overflow) return err_format(&Exc_OverflowError, "int too large to convert to float");
    return val_from_double(d);
}

static Value int_positive(Value v) { return int_exact(v); }

Type Int_Type = {
    .base = {&Type_Type},
    .name = "int",
    .basicsize = sizeof(IntObject),
    .flags = TPFLAG_INT_SUBCLASS | TPFLAG_BASETYPE,
    .doc = "int([x]) -> integer\nint(x, base=10) -> integer",
    .tp_new = int_tp_new,
    .tp_repr = int_repr,
    .tp_str = int_repr,
    .tp_hash = int_tp_hash,
    .tp_richcompare = int_richcompare,
    .nb_binary = {
        [NB_ADD] = int_add, [NB_SUBTRACT] = int_sub, [NB_MULTIPLY] = int_mul,
        [NB_FLOOR_DIVIDE] = int_floordiv, [NB_REMAINDER] = int_mod,
        [NB_TRUE_DIVIDE] = int_truediv, [NB_POWER] = int_pow,
        [NB_LSHIFT] = int_lshift, [NB_RSHIFT] = int_rshift,
        [NB_AND] = int_and, [NB_OR] = int_or, [NB_XOR] = int_xor,
    },
    .nb_negative = int_neg,
    .nb_positive = int_positive,
    .nb_absolute = int_abs,
    .nb_invert = int_invert,
    .nb_bool = int_tp_bool,
    .nb_int = int_tp_int,
    .nb_float = int_tp_float,
    .nb_index = int_tp_int,
    .methods = int_methods,
    .getset = int_getset,
};
