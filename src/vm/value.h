/* value.h — the one place that knows how a Value is laid out in 64 bits.
 *
 * Every Python value travels as a 64-bit Value. Floats and small ints are
 * stored inline (no allocation); everything else is a raw pointer to a heap
 * object whose first word is its type.
 *
 *   top 16 bits   meaning
 *   ------------  -----------------------------------------------------------
 *   0x0000        heap pointer (x86-64 / AArch64 user addresses fit in 48
 *                 bits). The all-zero word is VAL_NULL: "no value", used as
 *                 the error return of every function that yields a Value.
 *   0x0002-0xFFF2 a double, stored as its IEEE bits + 2^49 (DOUBLE_OFFSET).
 *                 Every NaN is canonicalised first, so no double can wrap
 *                 around into the pointer or int ranges.
 *   0xFFFC        a small int: 48-bit two's-complement payload in the low
 *                 bits. Ints outside [-2^47, 2^47) live on the heap (GMP).
 *
 * Why raw pointers: the conservative collector (libgc) recognises them with
 * no decoding. Why offset doubles (as JavaScriptCore does): float arithmetic
 * needs one integer add/sub to box/unbox, and no double looks like a pointer.
 *
 * None, True, False, NotImplemented and Ellipsis are static objects
 * (pointers), so every Value except a small int or a float has a type word.
 *
 * Nobody outside this header may shift, mask or compare tag bits.
 */
#ifndef KRAIT_VALUE_H
#define KRAIT_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef uint64_t Value;

#define VAL_NULL ((Value)0)

#define VALUE_DOUBLE_OFFSET ((uint64_t)1 << 49)
#define VALUE_INT_TAG ((uint64_t)0xFFFC << 48)
#define VALUE_PAYLOAD_MASK (((uint64_t)1 << 48) - 1)
#define VALUE_CANONICAL_NAN ((uint64_t)0x7FF8000000000000ULL)

/* Small-int range: [SMALLINT_MIN, SMALLINT_MAX]. */
#define SMALLINT_MAX ((int64_t)(((uint64_t)1 << 47) - 1))
#define SMALLINT_MIN (-SMALLINT_MAX - 1)

/* ---- heap pointers ---- */

/* top 16 bits clear and not NULL, in one unsigned compare */
static inline bool val_is_ptr(Value v) { return v - 1 < ((uint64_t)1 << 48) - 1; }
static inline bool val_is_null(Value v) { return v == VAL_NULL; }
static inline void *val_as_ptr(Value v) { return (void *)(uintptr_t)v; }
static inline Value val_from_ptr(const void *p) { return (Value)(uintptr_t)p; }

/* ---- small ints ---- */

static inline bool val_is_smallint(Value v) { return (v >> 48) == 0xFFFC; }
static inline bool smallint_fits(int64_t i) {
    return i >= SMALLINT_MIN && i <= SMALLINT_MAX;
}
/* Caller guarantees smallint_fits(i). */
static inline Value val_from_smallint(int64_t i) {
    return VALUE_INT_TAG | ((uint64_t)i & VALUE_PAYLOAD_MASK);
}
static inline int64_t val_as_smallint(Value v) {
    return (int64_t)(v << 16) >> 16; /* sign-extend the 48-bit payload */
}
/* A small int's payload times 2^16: arithmetic on these sets the CPU's
 * overflow flag exactly when a 48-bit result would not fit. */
static inline int64_t val_smallint_shifted(Value v) { return (int64_t)(v << 16); }
/* The small int whose payload times 2^16 is s (low 16 bits of s zero). */
static inline Value val_from_smallint_shifted(int64_t s) {
    return VALUE_INT_TAG | ((uint64_t)s >> 16);
}
/* Both small ints: one test on the combined tags. Exact because no Value
 * has a top 16 bits of 0xFFFD-0xFFFF (doubles end at 0xFFF2), so the only
 * tag containing every bit of 0xFFFC is 0xFFFC itself. */
static inline bool val_both_smallint(Value a, Value b) { return ((a & b) >> 48) == 0xFFFC; }

/* ---- doubles ---- */

/* Top 16 bits in [0x0002, 0xFFF2]: tested on v - DOUBLE_OFFSET (anything
 * below the range wraps above it), the subtraction that unboxing does
 * anyway, so a guard and the val_as_double after it share it. */
static inline bool val_is_double(Value v) {
    return v - VALUE_DOUBLE_OFFSET < ((uint64_t)0xFFF1 << 48);
}
static inline Value val_from_double(double d) {
    uint64_t bits;
    if (d != d)
        bits = VALUE_CANONICAL_NAN;
    else
        memcpy(&bits, &d, sizeof bits);
    return bits + VALUE_DOUBLE_OFFSET;
}
static inline double val_as_double(Value v) {
    uint64_t bits = v - VALUE_DOUBLE_OFFSET;
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}
static inline bool val_both_double(Value a, Value b) {
    return val_is_double(a) && val_is_double(b);
}

/* Identity in the sense of Python's `is`. Small ints and floats compare by
 * value bits, which is at least as strong as CPython's caching guarantees. */
static inline bool val_is(Value a, Value b) { return a == b; }

#endif
