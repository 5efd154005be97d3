/* test_value.c — the NaN-boxed Value layout: every kind round-trips and no
 * kind can be mistaken for another. */
#include <math.h>

#include "ctest.h"
#include "vm/value.h"

static void test_smallints(void) {
    int64_t samples[] = {0, 1, -1, 42, -42, 1 << 30, -(1LL << 40),
                         SMALLINT_MAX, SMALLINT_MIN};
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        Value v = val_from_smallint(samples[i]);
        CHECK(val_is_smallint(v));
        CHECK(!val_is_double(v));
        CHECK(!val_is_ptr(v));
        CHECK(val_as_smallint(v) == samples[i]);
    }
    CHECK(smallint_fits(SMALLINT_MAX) && !smallint_fits(SMALLINT_MAX + 1));
    CHECK(smallint_fits(SMALLINT_MIN) && !smallint_fits(SMALLINT_MIN - 1));
    CHECK(val_both_smallint(val_from_smallint(3), val_from_smallint(-3)));
    CHECK(!val_both_smallint(val_from_smallint(3), val_from_double(3.0)));
}

static void test_doubles(void) {
    double samples[] = {0.0, -0.0, 1.5, -2.25, 1e308, -1e308, 5e-324,
                        INFINITY, -INFINITY, 3.141592653589793};
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        Value v = val_from_double(samples[i]);
        CHECK(val_is_double(v));
        CHECK(!val_is_smallint(v));
        CHECK(!val_is_ptr(v));
        CHECK(v != VAL_NULL);
        double back = val_as_double(v);
        CHECK(memcmp(&back, &samples[i], sizeof back) == 0); /* -0.0 kept */
    }
    /* Every NaN, including negative ones with payload bits that would wrap
     * into the pointer range, becomes the canonical NaN. */
    uint64_t nan_bits[] = {0x7FF8000000000000ULL, 0xFFF8000000000000ULL,
                           0xFFFFFFFFFFFFFFFFULL, 0x7FF0000000000001ULL};
    for (size_t i = 0; i < sizeof nan_bits / sizeof *nan_bits; i++) {
        double d;
        memcpy(&d, &nan_bits[i], sizeof d);
        Value v = val_from_double(d);
        CHECK(val_is_double(v));
        CHECK(isnan(val_as_double(v)));
    }
}

static void test_pointers(void) {
    static int object;
    Value v = val_from_ptr(&object);
    CHECK(val_is_ptr(v));
    CHECK(!val_is_double(v) && !val_is_smallint(v));
    CHECK(val_as_ptr(v) == &object);
    CHECK(!val_is_ptr(VAL_NULL));
    CHECK(val_is_null(VAL_NULL));
}

int main(void) {
    test_smallints();
    test_doubles();
    test_pointers();
    CTEST_END();
}
