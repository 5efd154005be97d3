/* test_int.c — ints at the small/big boundary: promotion past
 * SMALLINT_MAX, normalisation back to small, CPython-identical hashes,
 * str of big ints, floor division and modulo signs, float conversion. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ctest.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/number.h"
#include "objects/str.h"
#include "vm/error.h"
#include "vm/runtime.h"

static Value big(const char *decimal) { return int_from_string(decimal, strlen(decimal), 10); }

static bool str_is(Value s, const char *expected) {
    return s && val_is_str(s) && strcmp(str_data(s), expected) == 0;
}

static bool int_is(Value v, int64_t expected) {
    int64_t i;
    return v && val_is_int(v) && int_as_i64(v, &i) && i == expected;
}

static void test_boundaries(void) {
    Value max = int_from_i64(SMALLINT_MAX);
    CHECK(val_is_smallint(max));
    Value over = int_add(max, val_from_smallint(1));
    CHECK(over && !val_is_smallint(over) && val_is_int(over));
    CHECK(str_is(int_to_str(over, 10), "140737488355328"));
    Value back = int_sub(over, val_from_smallint(1));
    CHECK(back && val_is_smallint(back) && val_as_smallint(back) == SMALLINT_MAX);
    Value min = int_from_i64(SMALLINT_MIN);
    CHECK(val_is_smallint(min));
    Value under = int_sub(min, val_from_smallint(1));
    CHECK(under && !val_is_smallint(under));
    CHECK(val_is_smallint(int_add(under, val_from_smallint(1))));
    CHECK(!val_is_smallint(int_neg(min)));                 /* -(-2^47) = 2^47 */
    CHECK(!val_is_smallint(int_floordiv(min, val_from_smallint(-1))));
    Value product = int_mul(val_from_smallint(1 << 24), val_from_smallint(1 << 24));
    CHECK(product && !val_is_smallint(product));
    CHECK(val_is_smallint(int_floordiv(product, val_from_smallint(1 << 24))));
    /* Big values that cancel come back small. */
    Value a = big("123456789012345678901234567890");
    Value diff = int_sub(a, big("123456789012345678901234567000"));
    CHECK(diff && val_is_smallint(diff) && val_as_smallint(diff) == 890);
    CHECK(str_is(int_to_str(int_from_u64(UINT64_MAX), 10), "18446744073709551615"));
    CHECK(val_is_smallint(int_from_double(1e14)) && !val_is_smallint(int_from_double(1e15)));
}

static void test_hash(void) {
    static const struct { const char *v; int64_t h; } cases[] = {
        {"0", 0}, {"1", 1}, {"-1", -2}, {"-2", -2}, {"140737488355327", 140737488355327},
        {"2305843009213693951", 0},               /* 2^61 - 1 */
        {"2305843009213693952", 1},               /* 2^61 */
        {"-2305843009213693952", -2},             /* -2^61 */
        {"1267650600228229401496703205376", 549755813888},   /* 2^100 */
        {"-1267650600228229401496703205376", -549755813888},
        {"9223372036854775808", 4},               /* 2^63 */
        {"1000000000000000000000000000000", 465258685558744706}, /* 10^30 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Value v = big(cases[i].v);
        CHECK(v && int_hash(v) == cases[i].h);
    }
    CHECK(float_hash(1.5) == 1152921504606846977);
    CHECK(float_hash(-1.0) == -2);
    CHECK(float_hash(INFINITY) == 314159 && float_hash(-INFINITY) == -314159);
    CHECK(float_hash(0.1) == 230584300921369408);
    CHECK(float_hash(1e300) == 1224995262755759164);
    CHECK(float_hash(2.0) == int_hash(val_from_smallint(2)));
}

static void test_str(void) {
    CHECK(str_is(int_to_str(big("-98765432109876543210987654321"), 10),
                 "-98765432109876543210987654321"));
    CHECK(str_is(int_to_str(big("255"), 16), "ff"));
    CHECK(str_is(int_to_str(val_from_smallint(-5), 2), "-101"));
    CHECK(str_is(int_to_str(val_from_smallint(0), 10), "0"));
    CHECK(int_is(int_from_string("  -0x_1F ", 9, 0), -31));
    CHECK(int_is(int_from_string("1_000", 5, 10), 1000));
    CHECK(int_from_string("1__0", 4, 10) == VAL_NULL && err_matches(&Exc_ValueError));
    err_clear();
    CHECK(int_from_string("010", 3, 0) == VAL_NULL);
    err_clear();
}

static void test_division(void) {
    struct { int64_t a, b, q, r; } cases[] = {
        {7, 2, 3, 1}, {-7, 2, -4, 1}, {7, -2, -4, -1}, {-7, -2, 3, -1}, {0, 5, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Value a = val_from_smallint(cases[i].a), b = val_from_smallint(cases[i].b);
        CHECK(int_is(int_floordiv(a, b), cases[i].q));
        CHECK(int_is(int_mod(a, b), cases[i].r));
    }
    /* Big operands keep the sign of the divisor too. */
    Value m = big("-1267650600228229401496703205376"); /* -2^100 */
    CHECK(int_is(int_mod(m, val_from_smallint(7)), 5));
    /* 7 % -2^100 is negative */
    CHECK(str_is(int_to_str(int_mod(val_from_smallint(7), m), 10),
                 "-1267650600228229401496703205369"));
    CHECK(int_floordiv(val_from_smallint(1), val_from_smallint(0)) == VAL_NULL &&
          err_matches(&Exc_ZeroDivisionError));
    err_clear();
    Value q = int_truediv(val_from_smallint(1), val_from_smallint(3));
    CHECK(q && val_is_double(q) && val_as_double(q) == 1.0 / 3.0);
    Value huge = int_pow(val_from_smallint(10), val_from_smallint(400));
    Value ratio = int_truediv(int_add(huge, val_from_smallint(1)), int_pow(val_from_smallint(10), val_from_smallint(390)));
    CHECK(ratio && val_as_double(ratio) == 1e10);
    CHECK(int_truediv(huge, val_from_smallint(1)) == VAL_NULL && err_matches(&Exc_OverflowError));
    err_clear();
}

static void test_float_conversion(void) {
    bool overflow;
    /* 2^53 + 1 rounds to even: 2^53. */
    Value v = int_add(int_pow(val_from_smallint(2), val_from_smallint(53)), val_from_smallint(1));
    CHECK(int_as_double(v, &overflow) == 9007199254740992.0 && !overflow);
    Value huge = int_pow(val_from_smallint(2), val_from_smallint(1024));
    int_as_double(huge, &overflow);
    CHECK(overflow);
    char buf[40];
    float_repr_buf(0.1, buf);
    CHECK(strcmp(buf, "0.1") == 0);
    float_repr_buf(1e16, buf);
    CHECK(strcmp(buf, "1e+16") == 0);
    float_repr_buf(1e-5, buf);
    CHECK(strcmp(buf, "1e-05") == 0);
    float_repr_buf(123456789012345.6, buf);
    CHECK(strcmp(buf, "123456789012345.6") == 0);
    float_repr_buf(-0.0, buf);
    CHECK(strcmp(buf, "-0.0") == 0);
}

int main(void) {
    if (runtime_init() != 0) {
        printf("runtime_init failed\n");
        return 1;
    }
    test_boundaries();
    test_hash();
    test_str();
    test_division();
    test_float_conversion();
    CTEST_END();
}
