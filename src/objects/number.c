/* number.c — what the numeric types share: GMP's memory hookup,
 * divmod() and round() for the builtins, and numbers_init. */
#include <stdio.h>
#include <stdlib.h>

#include "../vm/error.h"
#include "number.h"
#include "str.h"
#include "unicode.h"

/* ---- GMP memory ----
 * Limbs live in collector memory. Most blocks are limb arrays and go to
 * pointer-free (atomic) memory; they stay alive because the IntObject (or
 * the C stack, for temporaries) holding the mpz_t is scanned. Large blocks
 * are allocated scanned: GMP chains its big temporary blocks together
 * through a pointer stored inside each block, and an atomic block would
 * hide that chain from the collector. GMP cannot handle a failed
 * allocation; callers check result sizes beforehand (int_ops.c). */
#define GMP_SCANNED_THRESHOLD 32768

static void gmp_out_of_memory(void) {
    fputs("krait: out of memory in GMP\n", stderr);
    abort();
}

static void *gmp_alloc(size_t size) {
    void *p = size >= GMP_SCANNED_THRESHOLD ? gc_alloc(size) : gc_alloc_atomic(size);
    if (!p) gmp_out_of_memory();
    return p;
}

static void *gmp_realloc(void *p, size_t old_size, size_t new_size) {
    void *q = gc_realloc(p, new_size);
    if (!q) gmp_out_of_memory();
    return q;
}

static void gmp_free(void *p, size_t size) {
    /* The collector reclaims it. */
}

void numbers_init(void) {
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
}

/* ---- numeric literals in Unicode text ---- */

const char *number_ascii_literal(Value s, size_t *len) {
    if (STR(s)->ascii) {
        *len = str_size(s);
        return str_data(s);
    }
    /* int() and float() accept any Unicode decimal digit and whitespace. */
    char *out = gc_alloc_atomic(str_size(s) + 1);
    if (!out) return NULL;
    const char *p = str_data(s), *end = p + str_size(s);
    size_t n = 0;
    while (p < end) {
        uint32_t cp = utf8_next(&p);
        int digit;
        if (cp < 0x80) out[n++] = (char)cp;
        else if (uni_isspace(cp)) out[n++] = ' ';
        else if ((digit = uni_decimal_value(cp)) >= 0) out[n++] = (char)('0' + digit);
        else out[n++] = '?'; /* never valid in a literal */
    }
    out[n] = '\0';
    *len = n;
    return out;
}

/* ---- divmod() ---- */

static bool is_exact_real(Value v) {
    return val_is_smallint(v) || val_is_double(v) || val_is_bool(v) ||
           val_is_type_exact(v, &Int_Type);
}

static Value call_dunder(Value self, Value name, Value arg) {
    Value method = type_lookup(val_type(self), name);
    if (!method) return VAL_NOTIMPL;
    return obj_call_method(self, str_data(name), &arg, 1);
}

Value number_divmod(Value a, Value b) {
    if (is_exact_real(a) && is_exact_real(b)) {
        if (val_is_int(a) && val_is_int(b)) return int_divmod(a, b);
        return float_divmod(a, b);
    }
    Type *ta = val_type(a), *tb = val_type(b);
    bool b_first = tb != ta && type_is_subtype(tb, ta);
    Value r = VAL_NOTIMPL;
    if (b_first) {
        r = call_dunder(b, name___rdivmod__, a);
        if (!r) return VAL_NULL;
    }
    if (r == VAL_NOTIMPL) {
        r = call_dunder(a, name___divmod__, b);
        if (!r) return VAL_NULL;
    }
    if (r == VAL_NOTIMPL && !b_first && tb != ta) {
        r = call_dunder(b, name___rdivmod__, a);
        if (!r) return VAL_NULL;
    }
    if (r == VAL_NOTIMPL)
        return err_format(&Exc_TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                          type_name(ta), type_name(tb));
    return r;
}

/* ---- round() ---- */

Value number_round(Value x, Value ndigits) {
    if (ndigits && val_is_none(ndigits)) ndigits = VAL_NULL;
    if (val_is_smallint(x) || val_is_bool(x) || val_is_type_exact(x, &Int_Type))
        return int_round(x, ndigits);
    if (val_is_double(x)) return float_round(val_as_double(x), ndigits);
    Value method = type_lookup(val_type(x), name___round__);
    if (!method)
        return err_format(&Exc_TypeError, "type %s doesn't define __round__ method",
                          val_type_name(x));
    return obj_call_method(x, "__round__", ndigits ? &ndigits : NULL, ndigits ? 1 : 0);
}
