/* number.h — helpers shared by the numeric types (int, bool, float,
 * complex), the math module and the builtins that work on numbers
 * (divmod, round, pow with three arguments).
 * Implemented in objects/number.c, int.c, int_ops.c, float.c. */
#ifndef KRAIT_NUMBER_H
#define KRAIT_NUMBER_H

#include <gmp.h>

#include "float.h"
#include "int.h"

/* divmod(a, b) for any mix of int/bool/float (NotImplemented-style
 * dispatch to __divmod__/__rdivmod__ for other objects). */
Value number_divmod(Value a, Value b);
/* round(x) / round(x, n): ndigits is VAL_NULL or None for the one-argument
 * form. Dispatches to __round__ for non-built-in numbers. */
Value number_round(Value x, Value ndigits);
/* pow(base, exp, mod) for ints (what obj_pow3 calls once it knows all
 * three are ints); CPython's messages, modular inverse for exp < 0. */
Value int_pow3(Value base, Value exp, Value mod);

/* ---- int internals (int.c) ---- */

/* The small value of an int that is a small int or a bool. */
static inline bool int_small_value(Value v, int64_t *out) {
    if (val_is_smallint(v)) { *out = val_as_smallint(v); return true; }
    if (v == VAL_TRUE) { *out = 1; return true; }
    if (v == VAL_FALSE) { *out = 0; return true; }
    return false;
}

/* Read-only view of any int as an mpz: a pointer into the IntObject, or
 * into `tmp` for small ints and bools. */
typedef struct IntView {
    mpz_t tmp;
    mpz_srcptr z;
} IntView;
static inline void int_view(IntView *view, Value v) {
    int64_t small;
    if (int_small_value(v, &small)) {
        mpz_init_set_si(view->tmp, (long)small);
        view->z = view->tmp;
    } else {
        view->z = INTOBJ(v)->z;
    }
}

/* A new exact int from z, taking over z's limbs (z must not be used after).
 * Normalises to a small int when the value fits. */
Value int_take_mpz(mpz_ptr z);
/* An instance of an int subclass (type) with value v. */
Value int_new_subtype(Type *type, Value v);
/* Exact int with the same value as int v (strips subclasses / bools). */
Value int_exact(Value v);
/* Compare ints: <0, 0, >0. */
int int_compare(Value a, Value b);
/* Compare int a with finite or infinite double d (not NaN): <0, 0, >0. */
int int_compare_double(Value a, double d);
/* Correctly rounded q * 2^-shift for q >= 0 (sign applied by caller);
 * *overflow set when the result does not fit a double. When sticky is
 * true, the lowest bit of q stands for "some nonzero bits below". */
double mpz_scaled_to_double(mpz_srcptr q, long shift, bool *overflow);
/* Bits needed for |v| (0 for 0). */
uint64_t int_bit_length(Value v);
Value int_parse_value(Value s, int base); /* int(str/bytes, base) */
/* CPython's integer-string limit errors. */
Value int_err_str_digits(void);

/* ---- int arithmetic (int_ops.c) ---- */
Value int_add(Value a, Value b);
Value int_sub(Value a, Value b);
Value int_mul(Value a, Value b);
Value int_floordiv(Value a, Value b);
Value int_mod(Value a, Value b);
Value int_divmod(Value a, Value b);
Value int_truediv(Value a, Value b);
Value int_pow(Value a, Value b);
Value int_lshift(Value a, Value b);
Value int_rshift(Value a, Value b);
Value int_and(Value a, Value b);
Value int_or(Value a, Value b);
Value int_xor(Value a, Value b);
Value int_neg(Value v);
Value int_abs(Value v);
Value int_invert(Value v);
Value int_round(Value v, Value ndigits); /* int.__round__ */
extern const MethodDef int_methods[];
extern const GetSetDef int_getset[];

/* ---- float internals (float.c) ---- */
Value float_new_subtype(Type *type, double d);
Value float_divmod(Value a, Value b);
/* Python float ** with CPython's error rules (a, b doubles). */
Value float_pow_double(double a, double b);
Value float_round(double d, Value ndigits); /* float.__round__ */
/* float -> int for floor/ceil/trunc results. */
Value float_floor_to_int(double d);
Value float_ceil_to_int(double d);

/* float_repr.c */
Value float_parse_shown(const char *s, size_t len, Value shown); /* shown: for the message */
Value float_hex(double x);
Value float_fromhex_text(const char *s, size_t len);

/* ---- complex internals (complex.c) ---- */
/* Any int/float/complex as (re, im); 0 if v is not such a number. */
int complex_parts(Value v, double *re, double *im);
Value complex_pow_values(Value a, Value b);

/* ---- provided by the strings area (objects/format.c) ---- */
Value format_int(Value v, Value spec);
Value format_float(double d, Value spec);

/* The ASCII form of a str holding a numeric literal (Unicode digits and
 * spaces mapped to ASCII); NULL on MemoryError (not set). */
const char *number_ascii_literal(Value s, size_t *len);

/* math module entry (modules/math.c). */
Value math_module_init(void);

#endif
