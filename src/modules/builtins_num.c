/* builtins_num.c — the numeric built-in functions: abs, bin, oct, hex,
 * chr, ord, divmod, pow, round and sum. */
#include <gmp.h>
#include <math.h>
#include <string.h>

#include "../objects/bytes.h"
#include "../objects/float.h"
#include "../objects/function.h"
#include "../objects/int.h"
#include "../objects/number.h"
#include "../objects/str.h"
#include "../vm/error.h"
#include "builtins.h"
#include "modules.h"

static Value builtin_abs(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("abs", kwnames) < 0 || args_check_count("abs", nargs, 1, 1) < 0)
        return VAL_NULL;
    return obj_absolute(args[0]);
}

/* "-0x1f" style text of an integer in base 2, 8 or 16. */
static Value int_with_prefix(Value x, int base, const char *prefix) {
    Value v = obj_index(x);
    if (!v) return VAL_NULL;
    if (val_is_smallint(v)) {
        int64_t i = val_as_smallint(v);
        uint64_t mag = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
        char digits[72], out[80];
        size_t n = 0;
        do {
            digits[n++] = "0123456789abcdef"[mag % (uint64_t)base];
            mag /= (uint64_t)base;
        } while (mag);
        size_t o = 0;
        if (i < 0) out[o++] = '-';
        out[o++] = prefix[0];
        out[o++] = prefix[1];
        while (n) out[o++] = digits[--n];
        return str_new(out, o);
    }
    mpz_t z;
    mpz_init(z);
    int_to_mpz(v, z);
    bool negative = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    size_t cap = mpz_sizeinbase(z, base) + 4;
    char *buf = gc_alloc_atomic(cap);
    if (!buf) {
        mpz_clear(z);
        return err_no_memory();
    }
    size_t o = 0;
    if (negative) buf[o++] = '-';
    buf[o++] = prefix[0];
    buf[o++] = prefix[1];
    mpz_get_str(buf + o, base, z);
    mpz_clear(z);
    return str_from_cstr(buf);
}

#define BASE_FUNC(pyname, base, prefix)                                               \
    static Value builtin_##pyname(Value *args, size_t nargs, Value kwnames) {         \
        if (args_no_kwargs(#pyname, kwnames) < 0 ||                                   \
            args_check_count(#pyname, nargs, 1, 1) < 0)                               \
            return VAL_NULL;                                                          \
        return int_with_prefix(args[0], base, prefix);                                \
    }
BASE_FUNC(bin, 2, "0b")
BASE_FUNC(oct, 8, "0o")
BASE_FUNC(hex, 16, "0x")
#undef BASE_FUNC

static Value builtin_chr(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("chr", kwnames) < 0 || args_check_count("chr", nargs, 1, 1) < 0)
        return VAL_NULL;
    int64_t cp;
    if (obj_index_i64(args[0], &cp) < 0) {
        if (err_matches(&Exc_OverflowError)) {
            err_clear();
            return err_format(&Exc_OverflowError, "Python int too large to convert to C int");
        }
        return VAL_NULL;
    }
    if (cp < 0 || cp > 0x10FFFF) return err_format(&Exc_ValueError, "chr() arg not in range(0x110000)");
    return str_from_codepoint((uint32_t)cp);
}

static Value builtin_ord(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("ord", kwnames) < 0 || args_check_count("ord", nargs, 1, 1) < 0)
        return VAL_NULL;
    Value c = args[0];
    size_t len;
    if (val_is_str(c)) {
        len = str_length(c);
        if (len == 1) return val_from_smallint(str_codepoint_at(c, 0));
    } else if (val_is_ptr(c) && (TYPE(c)->flags & TPFLAG_BYTES_SUBCLASS)) {
        len = BYTES(c)->size;
        if (len == 1) return val_from_smallint((unsigned char)BYTES(c)->data[0]);
    } else if (val_is_ptr(c) && type_is_subtype(TYPE(c), &ByteArray_Type)) {
        len = BYTEARRAY(c)->size;
        if (len == 1) return val_from_smallint((unsigned char)BYTEARRAY(c)->data[0]);
    } else {
        return err_format(&Exc_TypeError, "ord() expected string of length 1, but %s found",
                          val_type_name(c));
    }
    return err_format(&Exc_TypeError, "ord() expected a character, but string of length %zu found",
                      len);
}

static Value builtin_divmod(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("divmod", kwnames) < 0 || args_check_count("divmod", nargs, 2, 2) < 0)
        return VAL_NULL;
    return number_divmod(args[0], args[1]);
}

static Value builtin_pow(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"base", "exp", "mod", NULL};
    Value v[3];
    if (args_parse("pow", args, nargs, kwnames, names, 0, 2, v) < 0) return VAL_NULL;
    if (v[2] && !val_is_none(v[2])) return obj_pow3(v[0], v[1], v[2]);
    return obj_binary_op(v[0], v[1], NB_POWER);
}

static Value builtin_round(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"number", "ndigits", NULL};
    Value v[2];
    if (args_parse("round", args, nargs, kwnames, names, 0, 1, v) < 0) return VAL_NULL;
    return number_round(v[0], v[1] && !val_is_none(v[1]) ? v[1] : VAL_NULL);
}

/* ---- sum: an int64 fast path, a compensated float fast path (CPython
 * 3.12+'s Neumaier summation, so sum([0.1] * 10) == 1.0), then generic + ---- */

static Value sum_generic(Value result, Value item, Value it) {
    for (;;) {
        result = obj_binary_op(result, item, NB_ADD);
        if (!result) return VAL_NULL;
        item = obj_next(it);
        if (!item) return err_occurred() ? VAL_NULL : result;
    }
}

static Value sum_floats(double total, Value it) {
    double comp = 0.0;
    for (;;) {
        Value item = obj_next(it);
        if (!item) {
            if (err_occurred()) return VAL_NULL;
            if (comp != 0.0 && isfinite(comp)) total += comp;
            return val_from_double(total);
        }
        if (val_is_double(item)) {
            double x = val_as_double(item), t = total + x;
            if (fabs(total) >= fabs(x)) comp += (total - t) + x;
            else comp += (x - t) + total;
            total = t;
            continue;
        }
        if (val_is_smallint(item) || val_is_bool(item)) {
            total += val_is_bool(item) ? (item == VAL_TRUE) : (double)val_as_smallint(item);
            continue;
        }
        if (comp != 0.0 && isfinite(comp)) total += comp;
        return sum_generic(val_from_double(total), item, it);
    }
}

static Value sum_ints(int64_t total, Value it) {
    for (;;) {
        Value item = obj_next(it);
        if (!item) return err_occurred() ? VAL_NULL : int_from_i64(total);
        if (val_is_smallint(item) || val_is_bool(item)) {
            int64_t x = val_is_bool(item) ? (item == VAL_TRUE) : val_as_smallint(item);
            int64_t next;
            if (!__builtin_add_overflow(total, x, &next)) {
                total = next;
                continue;
            }
        }
        /* Not a small int (or int64 overflow): leave the fast path. */
        Value result = obj_binary_op(int_from_i64(total), item, NB_ADD);
        if (!result) return VAL_NULL;
        if (val_is_double(result)) return sum_floats(val_as_double(result), it);
        item = obj_next(it);
        if (!item) return err_occurred() ? VAL_NULL : result;
        return sum_generic(result, item, it);
    }
}

static Value builtin_sum(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"", "start", NULL};
    Value v[2];
    if (nargs == 0)
        return err_format(&Exc_TypeError, "sum() takes at least 1 positional argument (0 given)");
    if (args_parse("sum", args, nargs, kwnames, names, 1, 1, v) < 0) return VAL_NULL;
    Value start = v[1] ? v[1] : val_from_smallint(0);
    if (val_is_str(start))
        return err_format(&Exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    if (val_is_ptr(start) && (TYPE(start)->flags & TPFLAG_BYTES_SUBCLASS))
        return err_format(&Exc_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    if (val_is_ptr(start) && type_is_subtype(TYPE(start), &ByteArray_Type))
        return err_format(&Exc_TypeError, "sum() can't sum bytearray [use b''.join(seq) instead]");
    Value it = obj_iter(v[0]);
    if (!it) return VAL_NULL;
    if (val_is_smallint(start)) return sum_ints(val_as_smallint(start), it);
    if (val_is_double(start)) return sum_floats(val_as_double(start), it);
    Value item = obj_next(it);
    if (!item) return err_occurred() ? VAL_NULL : start;
    return sum_generic(start, item, it);
}

const MethodDef builtins_num_functions[] = {
    {"abs", builtin_abs, METH_DEFAULT, NULL},
    {"bin", builtin_bin, METH_DEFAULT, NULL},
    {"oct", builtin_oct, METH_DEFAULT, NULL},
    {"hex", builtin_hex, METH_DEFAULT, NULL},
    {"chr", builtin_chr, METH_DEFAULT, NULL},
    {"ord", builtin_ord, METH_DEFAULT, NULL},
    {"divmod", builtin_divmod, METH_DEFAULT, NULL},
    {"pow", builtin_pow, METH_DEFAULT, NULL},
    {"round", builtin_round, METH_DEFAULT, NULL},
    {"sum", builtin_sum, METH_DEFAULT, NULL},
    {NULL},
};
