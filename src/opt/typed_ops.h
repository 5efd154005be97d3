/* typed_ops.h — the few actions and guards the optimizer's typed micro-ops
 * need that tier 1 has no name for (uops.def, "typed forms"; the actions
 * they share with tier 1 are spec_ops.h's). Each does exactly what the
 * generic path does for these operand kinds: ints are promoted to float as
 * float arithmetic promotes them (a small int has 48 bits, so the double
 * is exact). */
#ifndef KRAIT_TYPED_OPS_H
#define KRAIT_TYPED_OPS_H

#include <string.h>

#include "../objects/iterobject.h"
#include "../objects/number.h"
#include "../vm/value.h"

/* One operand of GUARD_BOTH_INT / GUARD_BOTH_FLOAT (spec_ops.h). */
#define GUARD_INT(v) val_is_smallint(v)
#define GUARD_FLOAT(v) val_is_double(v)

static inline Value action_int_to_float(Value v) {
    return val_from_double((double)val_as_smallint(v));
}

/* A small int or inline float that is not zero (nor -0.0): dividing by it
 * cannot raise. */
static inline bool guard_nonzero_number(Value v) {
    return val_is_smallint(v) ? val_as_smallint(v) != 0 : val_as_double(v) != 0.0;
}

/* float ** float by float.c's own rules. (spec_ops.h's action_float_power
 * calls libm's pow itself, a symbol the stencils cannot declare.) */
#define typed_power_float(a, b) float_pow_double(val_as_double(a), val_as_double(b))

/* The float registers (opt/opt_fregs.c): a float constant travels as the
 * bits of its double in the operand; an int register holds a small int's
 * value exactly (48 bits fit a double's 53). */
static inline double double_from_bits(uint64_t bits) {
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}
#define val_from_int_double(d) val_from_smallint((int64_t)(d))

/* A range iterator whose remaining values (next, next + step, … the last
 * one) are all small ints. Unlike GUARD_ITER_RANGE, which looks at the
 * next value only, this stays true for the rest of the loop. */
static inline bool guard_range_all_small(Value it) {
    if (!val_is_type_exact(it, &RangeIter_Type)) return false;
    const RangeIterObject *r = val_as_ptr(it);
    if (r->remaining == 0) return true;
    int64_t span, last;
    if (r->remaining - 1 > (uint64_t)INT64_MAX ||
        __builtin_mul_overflow((int64_t)(r->remaining - 1), r->step, &span) ||
        __builtin_add_overflow(r->next, span, &last))
        return false;
    return smallint_fits(r->next) && smallint_fits(last);
}

#endif
