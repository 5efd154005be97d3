/* int.h — Python ints. Values in [SMALLINT_MIN, SMALLINT_MAX] are inline
 * (value.h); larger ones are IntObjects holding a GMP integer. An int is
 * ALWAYS small when it fits (normalised), except for instances of int
 * subclasses, which are always IntObjects. bool is an int subclass whose
 * two instances (True_Obj, False_Obj) count as 1 and 0.
 * Implemented in objects/int.c (bool in objects/bool.c). */
#ifndef KRAIT_INT_H
#define KRAIT_INT_H

#include <gmp.h>

#include "object.h"

typedef struct IntObject {
    Object base;
    mpz_t z;
} IntObject;

#define INTOBJ(v) ((IntObject *)val_as_ptr(v))

Value int_from_i64(int64_t i);
Value int_from_u64(uint64_t u);
Value int_from_double(double d);          /* truncates; OverflowError for inf, ValueError for nan */
Value int_from_mpz(const mpz_t z);         /* copies; normalises to small */
/* Parse like int(s, base): s may have sign, whitespace, underscores and a
 * base prefix (when base is 0 or matches). ValueError on bad input. */
Value int_from_string(const char *s, size_t len, int base);
/* Value must be an int (or bool). false if it does not fit in int64. */
bool int_as_i64(Value v, int64_t *out);
/* Value must be an int. OverflowError if too large. */
double int_as_double(Value v, bool *overflow);
/* Fill z (initialised by caller) with the value of int v. */
void int_to_mpz(Value v, mpz_t z);
Value int_to_str(Value v, int base);       /* str; base 10 obeys the digit limit */
int int_sign(Value v);                     /* -1, 0, 1 */
int64_t int_hash(Value v);                 /* CPython's: v mod (2^61-1) with -1 -> -2 */

/* The limit of sys.set_int_max_str_digits (0 = unlimited). */
extern int int_max_str_digits;

#endif
