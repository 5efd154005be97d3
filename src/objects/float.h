/* float.h — Python floats. Exact floats are inline doubles (value.h);
 * instances of float subclasses are FloatObjects. Implemented in
 * objects/float.c (complex in objects/complex.c). */
#ifndef KRAIT_FLOAT_H
#define KRAIT_FLOAT_H

#include "object.h"

typedef struct FloatObject {
    Object base;
    double value;
} FloatObject;

typedef struct ComplexObject {
    Object base;
    double real, imag;
} ComplexObject;

#define COMPLEX(v) ((ComplexObject *)val_as_ptr(v))

/* Value must satisfy val_is_float. */
static inline double float_value(Value v) {
    if (val_is_double(v)) return val_as_double(v);
    return ((FloatObject *)val_as_ptr(v))->value;
}
/* Shortest repr that round-trips, exactly as CPython's repr(float). */
Value float_repr(double d);
/* Write the repr into buf (>= 32 bytes); returns length. */
int float_repr_buf(double d, char *buf);
/* Parse like float(s): whitespace, underscores (in literals only when
 * allow_underscores), inf/nan, hex not accepted. ValueError on failure. */
Value float_from_string(const char *s, size_t len);
int64_t float_hash(double d);              /* CPython's numeric hash */
Value complex_new(double real, double imag);
/* a + b, a - b or a * b (op: NB_ADD, NB_SUBTRACT, NB_MULTIPLY) of two
 * exact complex numbers: the specialised BINARY_OP's action. NULL with
 * MemoryError. */
Value complex_arith_exact(int op, Value a, Value b);
/* Any real number (int, bool, float) as a double; TypeError otherwise. */
int num_as_double(Value v, double *out);

#endif
