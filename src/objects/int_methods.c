/* int_methods.c — the methods and attributes of int (bool inherits them):
 * bit_length, to_bytes, from_bytes, as_integer_ratio, __round__, … */
#include "../vm/error.h"
#include "bytes.h"
#include "function.h"
#include "number.h"
#include "str.h"
#include "tuple.h"

static Value int_bit_length_m(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("int.bit_length", kwnames) < 0) return VAL_NULL;
    if (nargs != 1)
        return err_format(&Exc_TypeError, "int.bit_length() takes no arguments (%zu given)", nargs - 1);
    return int_from_u64(int_bit_length(args[0]));
}

static Value int_bit_count_m(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("int.bit_count", kwnames) < 0) return VAL_NULL;
    if (nargs != 1)
        return err_format(&Exc_TypeError, "int.bit_count() takes no arguments (%zu given)", nargs - 1);
    IntView v;
    int_view(&v, args[0]);
    mpz_t mag;
    mpz_init(mag);
    mpz_abs(mag, v.z);
    return int_from_u64(mpz_popcount(mag));
}

static Value int_self_m(Value *args, size_t nargs, Value kwnames) {
    if (nargs != 1) return err_format(&Exc_TypeError, "expected no arguments, got %zu", nargs - 1);
    return int_exact(args[0]);
}

static Value int_is_integer_m(Value *args, size_t nargs, Value kwnames) {
    return VAL_TRUE;
}

static Value int_as_integer_ratio_m(Value *args, size_t nargs, Value kwnames) {
    Value n = int_exact(args[0]);
    return n ? tuple_pack(2, n, val_from_smallint(1)) : VAL_NULL;
}

static Value int_round_m(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("__round__", nargs - 1, 0, 1) < 0) return VAL_NULL;
    return int_round(args[0], nargs > 1 ? args[1] : VAL_NULL);
}

static Value int_format_m(Value *args, size_t nargs, Value kwnames) {
    if (nargs != 2 || !val_is_str(args[1]))
        return err_format(&Exc_TypeError, "__format__() argument must be str");
    if (str_size(args[1]) == 0) return obj_str(args[0]);
    return format_int(args[0], args[1]);
}

/* Returns 1 for big-endian, 0 for little, -1 on error. */
static int parse_byteorder(Value order) {
    if (!order) return 1;
    if (!val_is_str(order))
        return err_format_int(&Exc_TypeError, "to_bytes() argument 'byteorder' must be str, not %s",
                              val_type_name(order));
    if (strcmp(str_data(order), "big") == 0) return 1;
    if (strcmp(str_data(order), "little") == 0) return 0;
    return err_format_int(&Exc_ValueError, "byteorder must be either 'little' or 'big'");
}

static Value int_to_bytes_m(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"length", "byteorder", "signed", NULL};
    Value p[3];
    if (nargs - 1 > 2)
        return err_format(&Exc_TypeError, "to_bytes() takes at most 2 positional arguments (%zu given)", nargs - 1);
    if (args_parse("to_bytes", args + 1, nargs - 1, kwnames, names, 0, 0, p) < 0) return VAL_NULL;
    int64_t length = 1;
    if (p[0] && obj_index_i64(p[0], &length) < 0) return VAL_NULL;
    if (length < 0) return err_format(&Exc_ValueError, "length argument must be non-negative");
    int big = parse_byteorder(p[1]);
    if (big < 0) return VAL_NULL;
    int is_signed = p[2] ? obj_truthy(p[2]) : 0;
    if (is_signed < 0) return VAL_NULL;
    IntView v;
    int_view(&v, args[0]);
    if (!is_signed && mpz_sgn(v.z) < 0)
        return err_format(&Exc_OverflowError, "can't convert negative int to unsigned");
    /* Range check, then write |v| or v + 2^(8*length) as unsigned. */
    mpz_t limit, u;
    mpz_init(limit);
    mpz_init_set(u, v.z);
    uint64_t nbits = (uint64_t)length * 8;
    if (int_bit_length(args[0]) > nbits + 1)
        return err_format(&Exc_OverflowError, "int too big to convert");
    mpz_setbit(limit, (mp_bitcnt_t)(is_signed ? nbits - (nbits > 0) : nbits));
    if (nbits == 0) mpz_set_ui(limit, 1);
    if (mpz_cmp(u, limit) >= 0 || (is_signed && nbits == 0 && mpz_sgn(u) != 0 && mpz_cmp_si(u, -1) != 0))
        return err_format(&Exc_OverflowError, "int too big to convert");
    if (mpz_sgn(u) < 0) {
        mpz_neg(limit, limit);
        if (mpz_cmp(u, limit) < 0) return err_format(&Exc_OverflowError, "int too big to convert");
        mpz_t full;
        mpz_init(full);
        mpz_setbit(full, (mp_bitcnt_t)nbits);
        mpz_add(u, u, full);
    }
    char *buf = gc_alloc_atomic((size_t)length + 1);
    if (!buf) return err_no_memory();
    memset(buf, 0, (size_t)length);
    size_t count = 0;
    if (mpz_sgn(u)) mpz_export(buf, &count, -1, 1, 0, 0, u); /* little-endian bytes */
    if (big) {
        for (int64_t i = 0; i < length / 2; i++) {
            char t = buf[i];
            buf[i] = buf[length - 1 - i];
            buf[length - 1 - i] = t;
        }
    }
    return bytes_new(buf, (size_t)length);
}

static Value int_from_bytes_m(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"bytes", "byteorder", "signed", NULL};
    Value p[3];
    if (nargs - 1 > 2)
        return err_format(&Exc_TypeError, "from_bytes() takes at most 2 positional arguments (%zu given)", nargs - 1);
    if (args_parse("from_bytes", args + 1, nargs - 1, kwnames, names, 0, 1, p) < 0) return VAL_NULL;
    Value data = p[0];
    if (val_is_str(data))
        return err_format(&Exc_TypeError, "cannot convert 'str' object to bytes");
    if (!(val_is_ptr(data) && type_is_subtype(TYPE(data), &Bytes_Type))) {
        data = obj_call1(val_from_ptr(&Bytes_Type), data);
        if (!data) return VAL_NULL;
    }
    int big = parse_byteorder(p[1]);
    if (big < 0) return VAL_NULL;
    int is_signed = p[2] ? obj_truthy(p[2]) : 0;
    if (is_signed < 0) return VAL_NULL;
    size_t size = BYTES(data)->size;
    mpz_t z;
    mpz_init(z);
    if (size) mpz_import(z, size, big ? 1 : -1, 1, 0, 0, BYTES(data)->data);
    if (is_signed && size && mpz_tstbit(z, (mp_bitcnt_t)(size * 8 - 1))) {
        mpz_t full;
        mpz_init(full);
        mpz_setbit(full, (mp_bitcnt_t)(size * 8));
        mpz_sub(z, z, full);
    }
    Value result = int_take_mpz(z);
    Type *cls = val_as_type(args[0]);
    if (!result || cls == &Int_Type) return result;
    return obj_call1(args[0], result);
}

static Value int_divmod_m(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("__divmod__", nargs - 1, 1, 1) < 0) return VAL_NULL;
    return int_divmod(args[0], args[1]);
}

static Value int_rdivmod_m(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("__rdivmod__", nargs - 1, 1, 1) < 0) return VAL_NULL;
    return int_divmod(args[1], args[0]);
}

const MethodDef int_methods[] = {
    {"__divmod__", int_divmod_m, METH_DEFAULT, "Return divmod(self, value)."},
    {"__rdivmod__", int_rdivmod_m, METH_DEFAULT, "Return divmod(value, self)."},
    {"bit_length", int_bit_length_m, METH_DEFAULT, "Number of bits necessary to represent self in binary."},
    {"bit_count", int_bit_count_m, METH_DEFAULT, "Number of ones in the binary representation of the absolute value of self."},
    {"to_bytes", int_to_bytes_m, METH_DEFAULT, "Return an array of bytes representing an integer."},
    {"from_bytes", int_from_bytes_m, METH_CLASS, "Return the integer represented by the given array of bytes."},
    {"conjugate", int_self_m, METH_DEFAULT, "Returns self, the complex conjugate of any int."},
    {"as_integer_ratio", int_as_integer_ratio_m, METH_DEFAULT, "Return a pair of integers, whose ratio is equal to the original int."},
    {"is_integer", int_is_integer_m, METH_DEFAULT, "Returns True. Exists for duck type compatibility with float.is_integer."},
    {"__round__", int_round_m, METH_DEFAULT, "Rounding an Integral returns itself."},
    {"__trunc__", int_self_m, METH_DEFAULT, "Truncating an Integral returns itself."},
    {"__floor__", int_self_m, METH_DEFAULT, "Flooring an Integral returns itself."},
    {"__ceil__", int_self_m, METH_DEFAULT, "Ceiling of an Integral returns itself."},
    {"__format__", int_format_m, METH_DEFAULT, "Convert to a string according to format_spec."},
    {NULL},
};

static Value int_real_get(Value self) { return int_exact(self); }
static Value int_imag_get(Value self) { return val_from_smallint(0); }
static Value int_one_get(Value self) { return val_from_smallint(1); }

const GetSetDef int_getset[] = {
    {"real", int_real_get, NULL},
    {"imag", int_imag_get, NULL},
    {"numerator", int_real_get, NULL},
    {"denominator", int_one_get, NULL},
    {NULL},
};
