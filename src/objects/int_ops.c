/* int_ops.c — int arithmetic: the nb_binary slots of int and their unary
 * friends. Small ints take overflow-checked C fast paths; everything else
 * goes through GMP. GMP aborts when it cannot allocate, so every operation
 * whose result can grow without bound checks its size first. */
#include <math.h>

#include "../vm/error.h"
#include "number.h"
#include "tuple.h"

/* Results beyond this many bits raise MemoryError instead of asking GMP
 * (and the collector) for gigabytes. */
#define INT_MAX_BITS ((uint64_t)1 << 33)

#define NEED_INTS(a, b) \
    if (!val_is_int(a) || !val_is_int(b)) return VAL_NOTIMPL

static Value too_big(void) { return err_no_memory(); }

/* ---- + - * ---- */

Value int_add(Value a, Value b) {
    NEED_INTS(a, b);
    int64_t x, y, r;
    if (int_small_value(a, &x) && int_small_value(b, &y)) {
        if (!__builtin_add_overflow(x, y, &r)) return int_from_i64(r);
    }
    IntView va, vb;
    int_view(&va, a);
    int_view(&vb, b);
    mpz_t z;
    mpz_init(z);
    mpz_add(z, va.z, vb.z);
    return int_take_mpz(z);
}

Value int_sub(Value a, Value b) {
    NEED_INTS(a, b);
    int64_t x, y, r;
    if (int_small_value(a, &x) && int_small_value(b, &y)) {
        if (!__builtin_sub_overflow(x, y, &r)) return int_from_i64(r);
    }
    IntView va, vb;
    int_view(&va, a);
    int_view(&vb, b);
    mpz_t z;
    mpz_init(z);
    mpz_sub(z, va.z, vb.z);
    return int_take_mpz(z);
}

Value int_mul(Value a, Value b) {
    NEED_INTS(a, b);
    int64_t x, y, r;
    if (int_small_value(a, &x) && int_small_value(b, &y)) {
        if (!__builtin_mul_overflow(x, y, &r)) return int_from_i64(r);
    }
    if (int_bit_length(a) + int_bit_length(b) > INT_MAX_BITS) return too_big();
    IntView va, vb;
    int_view(&va, a);
    int_view(&vb, b);
    mpz_t z;
    mpz_init(z);
    mpz_mul(z, va.z, vb.z);
    return int_take_mpz(z);
}

/* ---- // % divmod ---- */

static Value floor_divmod_small(int64_t x, int64_t y, Value *rem) {
    int64_t q = x / y, r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) { q--; r += y; }
    if (rem) *rem = val_from_smallint(r);
    return int_from_i64(q); /* SMALLINT_MIN // -1 leaves the small range */
}

/* Floor quotient and/or remainder (either out pointer may be NULL). */
static int int_floor_divmod(Value a, Value b, Value *quot, Value *rem) {
    int64_t x, y;
    if (int_small_value(a, &x) && int_small_value(b, &y)) {
        Value q = floor_divmod_small(x, y, rem);
        if (!q) return -1;
        if (quot) *quot = q;
        return 0;
    }
    IntView va, vb;
    int_view(&va, a);
    int_view(&vb, b);
    mpz_t q, r;
    mpz_init(q);
    mpz_init(r);
    mpz_fdiv_qr(q, r, va.z, vb.z);
    if (quot && !(*quot = int_take_mpz(q))) return -1;
    if (rem && !(*rem = int_take_mpz(r))) return -1;
    return 0;
}

Value int_floordiv(Value a, Value b) {
    NEED_INTS(a, b);
    if (int_sign(b) == 0)
        return err_format(&Exc_ZeroDivisionError, "integer division or modulo by zero");
    Value q;
    return int_floor_divmod(a, b, &q, NULL) < 0 ? VAL_NULL : q;
}

Value int_mod(Value a, Value b) {
    NEED_INTS(a, b);
    if (int_sign(b) == 0) return err_format(&Exc_ZeroDivisionError, "integer modulo by zero");
    Value r;
    return int_floor_divmod(a, b, NULL, &r) < 0 ? VAL_NULL : r;
}

Value int_divmod(Value a, Value b) {
    NEED_INTS(a, b);
    if (int_sign(b) == 0)
        return err_format(&Exc_ZeroDivisionError, "integer division or modulo by zero");
    Value q, r;
    if (int_floor_divmod(a, b, &q, &r) < 0) return VAL_NULL;
    return tuple_pack(2, q, r);
}

/* ---- true division, correctly rounded ---- */

#define EXACT_DOUBLE_LIMIT ((int64_t)1 << 53)

Value int_truediv(Value a, Value b) {
    NEED_INTS(a, b);
    if (int_sign(b) == 0) return err_format(&Exc_ZeroDivisionError, "division by zero");
    int64_t x, y;
    if (int_small_value(a, &x) && int_small_value(b, &y) && x <= EXACT_DOUBLE_LIMIT &&
        x >= -EXACT_DOUBLE_LIMIT && y <= EXACT_DOUBLE_LIMIT && y >= -EXACT_DOUBLE_LIMIT)
        return val_from_double((double)x / (double)y); /* both exact: one rounding */
    bool negative = (int_sign(a) < 0) != (int_sign(b) < 0);
    if (int_sign(a) == 0) return val_from_double(negative ? -0.0 : 0.0);
    long diff = (long)int_bit_length(a) - (long)int_bit_length(b);
    if (diff > 1025)
        return err_format(&Exc_OverflowError, "integer division result too large for a float");
    if (diff < -1080) return val_from_double(negative ? -0.0 : 0.0);
    /* q = floor(|a| * 2^shift / |b|) has at least 55 bits; a nonzero
     * remainder becomes a sticky low bit so one final rounding is exact. */
    long shift = 55 - diff;
    IntView va, vb;
    int_view(&va, a);
    int_view(&vb, b);
    mpz_t num, den, q, r;
    mpz_init(num);
    mpz_init(den);
    mpz_init(q);
    mpz_init(r);
    mpz_abs(num, va.z);
    mpz_abs(den, vb.z);
    if (shift >= 0)
        mpz_mul_2exp(num, num, (mp_bitcnt_t)shift);
    else
        mpz_mul_2exp(den, den, (mp_bitcnt_t)-shift);
    mpz_tdiv_qr(q, r, num, den);
    if (mpz_sgn(r)) mpz_setbit(q, 0);
    bool overflow;
    double d = mpz_scaled_to_double(q, shift, &overflow);
    if (overflow)
        return err_format(&Exc_OverflowError, "integer division result too large for a float");
    return val_from_double(negative ? -d : d);
}

/* ---- ** ---- */

Value int_pow(Value a, Value b) {
    NEED_INTS(a, b);
    if (int_sign(b) < 0) {
        bool ovf_a, ovf_b;
        double da = int_as_double(a, &ovf_a), db = int_as_double(b, &ovf_b);
        if (ovf_a || ovf_b)
            return err_format(&Exc_OverflowError, "int too large to convert to float");
        return float_pow_double(da, db);
    }
    int64_t base_small = 0;
    bool small_base = int_small_value(a, &base_small);
    if (small_base && (base_small == 0 || base_small == 1))
        return val_from_smallint(int_sign(b) == 0 ? 1 : base_small);
    if (small_base && base_small == -1) {
        IntView vb;
        int_view(&vb, b);
        return val_from_smallint(mpz_odd_p(vb.z) ? -1 : 1);
    }
    int64_t e;
    if (!int_as_i64(b, &e)) return too_big();
    if (e == 0) return val_from_smallint(1);
    uint64_t base_bits = int_bit_length(a);
    if ((double)(base_bits - 1) * (double)e > (double)INT_MAX_BITS) return too_big();
    if (small_base && e < 64) {
        /* Repeated squaring in C while it does not overflow. */
        int64_t result = 1, sq = base_small;
        int64_t n = e;
        bool ok = true;
        while (ok) {
            if ((n & 1) && __builtin_mul_overflow(result, sq, &result)) ok = false;
            n >>= 1;
            if (!n) break;
            if (__builtin_mul_overflow(sq, sq, &sq)) ok = false;
        }
        if (ok) return int_from_i64(result);
    }
    IntView va;
    int_view(&va, a);
    mpz_t z;
    mpz_init(z);
    mpz_pow_ui(z, va.z, (unsigned long)e);
    return int_take_mpz(z);
}

Value int_pow3(Value base, Value exp, Value mod) {
    if (int_sign(mod) == 0) return err_format(&Exc_ValueError, "pow() 3rd argument cannot be 0");
    IntView vb, ve, vm;
    int_view(&vb, base);
    int_view(&ve, exp);
    int_view(&vm, mod);
    mpz_t m, b, e, r;
    mpz_init(m);
    mpz_init_set(b, vb.z);
    mpz_init(e);
    mpz_init(r);
    mpz_abs(m, vm.z);
    if (mpz_cmp_ui(m, 1) == 0) return val_from_smallint(0);
    if (mpz_sgn(ve.z) < 0) {
        if (!mpz_invert(b, b, m))
            return err_format(&Exc_ValueError, "base is not invertible for the given modulus");
        mpz_neg(e, ve.z);
    } else {
        mpz_set(e, ve.z);
    }
    mpz_powm(r, b, e, m); /* in [0, |mod|) */
    if (mpz_sgn(vm.z) < 0 && mpz_sgn(r) != 0) mpz_add(r, r, vm.z);
    return int_take_mpz(r);
}

/* ---- shifts and bitwise ---- */

static int shift_count(Value b, int64_t *count) {
    if (int_sign(b) < 0) {
        err_format(&Exc_ValueError, "negative shift count");
        return -1;
    }
    if (!int_as_i64(b, count)) *count = INT64_MAX;
    return 0;
}

Value int_lshift(Value a, Value b) {
    NEED_INTS(a, b);
    int64_t count;
    if (shift_count(b, &count) < 0) return VAL_NULL;
    if (int_sign(a) == 0) return val_from_smallint(0);
    if (count == INT64_MAX)
        return err_format(&Exc_OverflowError, "too many digits in integer");
    int64_t x;
    if (int_small_value(a, &x) && count < 16) return int_from_i64(x * ((int64_t)1 << count));
    if (int_bit_length(a) + (uint64_t)count > INT_MAX_BITS) return too_big();
    IntView va;
    int_view(&va, a);
    mpz_t z;
    mpz_init(z);
    mpz_mul_2exp(z, va.z, (mp_bitcnt_t)count);
    return int_take_mpz(z);
}

Value int_rshift(Value a, Value b) {
    NEED_INTS(a, b);
    int64_t count;
    if (shift_count(b, &count) < 0) return VAL_NULL;
    int64_t x;
    if (int_small_value(a, &x)) return val_from_smallint(count >= 63 ? (x < 0 ? -1 : 0) : x >> count);
    if ((uint64_t)count >= int_bit_length(a)) return val_from_smallint(int_sign(a) < 0 ? -1 : 0);
    mpz_t z;
    mpz_init(z);
    mpz_fdiv_q_2exp(z, INTOBJ(a)->z, (mp_bitcnt_t)count);
    return int_take_mpz(z);
}

typedef void (*MpzBitOp)(mpz_ptr, mpz_srcptr, mpz_srcptr);

static Value big_bitop(Value a, Value b, MpzBitOp op) {
    IntView va, vb;
    int_view(&va, a);
    int_view(&vb, b);
    mpz_t z;
    mpz_init(z);
    op(z, va.z, vb.z); /* GMP uses two's complement semantics for negatives */
    return int_take_mpz(z);
}

Value int_and(Value a, Value b) {
    NEED_INTS(a, b);
    int64_t x, y;
    if (int_small_value(a, &x) && int_small_value(b, &y)) return val_from_smallint(x & y);
    return big_bitop(a, b, mpz_and);
}

Value int_or(Value a, Value b) {
    NEED_INTS(a, b);
    int64_t x, y;
    if (int_small_value(a, &x) && int_small_value(b, &y)) return val_from_smallint(x | y);
    return big_bitop(a, b, mpz_ior);
}

Value int_xor(Value a, Value b) {
    NEED_INTS(a, b);
    int64_t x, y;
    if (int_small_value(a, &x) && int_small_value(b, &y)) return val_from_smallint(x ^ y);
    return big_bitop(a, b, mpz_xor);
}

/* ---- unary ---- */

Value int_neg(Value v) {
    int64_t x;
    if (int_small_value(v, &x)) return int_from_i64(-x);
    mpz_t z;
    mpz_init(z);
    mpz_neg(z, INTOBJ(v)->z);
    return int_take_mpz(z);
}

Value int_abs(Value v) {
    return int_sign(v) < 0 ? int_neg(v) : int_exact(v);
}

Value int_invert(Value v) {
    int64_t x;
    if (int_small_value(v, &x)) return int_from_i64(-x - 1);
    mpz_t z;
    mpz_init(z);
    mpz_com(z, INTOBJ(v)->z);
    return int_take_mpz(z);
}

/* int.__round__(ndigits): round half to even at 10**-ndigits. */
Value int_round(Value v, Value ndigits) {
    if (!ndigits || val_is_none(ndigits)) return int_exact(v);
    Value nd = obj_index(ndigits);
    if (!nd) return VAL_NULL;
    if (int_sign(nd) >= 0) return int_exact(v);
    int64_t n;
    /* 10**n with n beyond the digit count of v rounds everything to 0. */
    if (!int_as_i64(nd, &n) || -n > (int64_t)int_bit_length(v) + 1) return val_from_smallint(0);
    n = -n;
    IntView vv;
    int_view(&vv, v);
    mpz_t p, q, r, twice;
    mpz_init(p);
    mpz_init(q);
    mpz_init(r);
    mpz_init(twice);
    mpz_ui_pow_ui(p, 10, (unsigned long)n);
    mpz_fdiv_qr(q, r, vv.z, p);
    mpz_mul_2exp(twice, r, 1);
    int c = mpz_cmp(twice, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    mpz_mul(q, q, p);
    return int_take_mpz(q);
}
