/* specialize_impl.h — what the specialiser files (specialize*.c,
 * spec_stats.c) share and nobody else needs: failure reasons, installing a
 * form, recording a failure. */
#ifndef KRAIT_SPECIALIZE_IMPL_H
#define KRAIT_SPECIALIZE_IMPL_H

#include "../objects/dict.h"
#include "../objects/list.h"
#include "../objects/tuple.h"
#include "error.h"
#include "specialize.h"

/* Why a specialiser left an instruction generic (reported by
 * -X specialization-stats). */
#define SPEC_FAILURES(X) \
    X(TYPES, "operand types not specialised") \
    X(OPERATOR, "operator not specialised for these types") \
    X(BIG_INT, "int operand outside the inline range") \
    X(LENGTH, "sequence length differs from the target count") \
    X(NOT_FOUND, "name not found") \
    X(NOT_IDENTICAL, "dict key is not the interned name") \
    X(OVERRIDDEN, "type overrides attribute access") \
    X(NO_VERSION, "type has no version") \
    X(DICT_MODE, "instance attributes in dict mode") \
    X(DESCRIPTOR, "attribute is a descriptor not specialised") \
    X(METACLASS, "class with a custom metaclass") \
    X(NOT_METHOD, "attribute not a plain method") \
    X(ADDS_ATTRIBUTE, "store adds a new attribute") \
    X(CALLABLE, "callable kind not specialised") \
    X(CODE_FLAGS, "function takes *args, **kwargs, keyword-only args or is a generator") \
    X(ARG_COUNT, "argument count does not match the parameters") \
    X(INIT, "class creation not specialised (custom __new__ or __init__)")

typedef enum {
#define SPEC_FAIL_ENUM(name, text) SPEC_FAIL_##name,
    SPEC_FAILURES(SPEC_FAIL_ENUM)
#undef SPEC_FAIL_ENUM
    SPEC_FAIL_COUNT
} SpecFailure;

/* Rewrite instr to the specialised form op and start its cool-down. */
void spec_install(CodeUnit *instr, int op);
/* Leave instr generic (turning it back if it was specialised) and back off. */
void spec_fail(CodeUnit *instr, int family, SpecFailure why);

/* statistics hooks (spec_stats.c); cheap no-ops unless enabled */
void spec_stats_specialized(int family, bool was_specialized);
void spec_stats_failed(int family, SpecFailure why, bool was_specialized);

#endif
