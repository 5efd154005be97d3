/* test_dict.c — the compact ordered dict: order across resizes and
 * deletions, many int and str keys, reinsertion, versions, dict_next. */
#include <stdio.h>

#include "ctest.h"
#include "objects/dict.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "vm/error.h"
#include "vm/runtime.h"

#define N 5000

static Value key_str(int i) {
    char buf[32];
    snprintf(buf, sizeof buf, "key%d", i);
    return str_from_cstr(buf);
}

static int64_t as_int(Value v) {
    int64_t i = -1;
    if (v && val_is_int(v)) int_as_i64(v, &i);
    return i;
}

/* Keys come back in insertion order, skipping `skip_mod` multiples. */
static bool int_order_ok(Value d, int n, int skip_mod) {
    size_t pos = 0;
    Value k, v;
    int expect = 0;
    while (dict_next(d, &pos, &k, &v)) {
        while (skip_mod && expect % skip_mod == 0) expect++;
        if (as_int(k) != expect || as_int(v) != expect * 10) return false;
        expect++;
    }
    while (skip_mod && expect < n && expect % skip_mod == 0) expect++;
    return expect == n;
}

static void test_int_keys(void) {
    Value d = dict_new();
    CHECK(d != VAL_NULL && dict_size(d) == 0);
    CHECK(dict_get(d, int_from_i64(1)) == VAL_NULL && !err_occurred());
    for (int i = 0; i < N; i++) CHECK(dict_set(d, int_from_i64(i), int_from_i64(i * 10)) == 0);
    CHECK(dict_size(d) == N);
    bool all_found = true;
    for (int i = 0; i < N; i++)
        all_found = all_found && as_int(dict_get(d, int_from_i64(i))) == i * 10;
    CHECK(all_found);
    CHECK(dict_get(d, int_from_i64(N)) == VAL_NULL);
    CHECK(dict_get(d, int_from_i64(-1)) == VAL_NULL);
    CHECK(int_order_ok(d, N, 0));

    /* delete every third key: order of the rest is kept */
    for (int i = 0; i < N; i += 3) CHECK(dict_del(d, int_from_i64(i)) == 0);
    CHECK(dict_del(d, int_from_i64(0)) == 1);
    CHECK(dict_size(d) == N - (N + 2) / 3);
    CHECK(int_order_ok(d, N, 3));
    CHECK(dict_get(d, int_from_i64(3)) == VAL_NULL);
    CHECK(as_int(dict_get(d, int_from_i64(4))) == 40);

    /* reinsert: deleted keys go to the end, in reinsertion order */
    for (int i = 0; i < N; i += 3) CHECK(dict_set(d, int_from_i64(i), int_from_i64(i * 10)) == 0);
    CHECK(dict_size(d) == N);
    size_t pos = 0;
    Value k, v;
    int seen = 0;
    bool tail_ok = true;
    while (dict_next(d, &pos, &k, &v)) {
        int64_t i = as_int(k);
        if (seen >= N - (N + 2) / 3) tail_ok = tail_ok && i % 3 == 0 &&
                                               i == (seen - (N - (N + 2) / 3)) * 3;
        seen++;
    }
    CHECK(seen == N);
    CHECK(tail_ok);

    /* overwrite keeps position */
    CHECK(dict_set(d, int_from_i64(1), int_from_i64(-5)) == 0);
    pos = 0;
    dict_next(d, &pos, &k, &v);
    CHECK(as_int(k) == 1 && as_int(v) == -5);

    /* big ints and negative keys */
    Value big = int_from_i64(INT64_MAX);
    CHECK(dict_set(d, big, big) == 0);
    CHECK(dict_get(d, int_from_i64(INT64_MAX)) == big);
    CHECK(dict_set(d, int_from_i64(-1), int_from_i64(7)) == 0);
    CHECK(dict_set(d, int_from_i64(-2), int_from_i64(8)) == 0); /* same hash as -1 */
    CHECK(as_int(dict_get(d, int_from_i64(-1))) == 7);
    CHECK(as_int(dict_get(d, int_from_i64(-2))) == 8);
}

static void test_str_keys(void) {
    Value d = dict_new();
    for (int i = 0; i < N; i++) CHECK(dict_set(d, key_str(i), int_from_i64(i)) == 0);
    CHECK(dict_size(d) == N);
    bool found = true;
    for (int i = 0; i < N; i++) found = found && as_int(dict_get(d, key_str(i))) == i;
    CHECK(found); /* equal but not identical strings */
    CHECK(dict_get(d, str_from_cstr("nope")) == VAL_NULL && !err_occurred());

    /* delete half, check order and absence */
    for (int i = 0; i < N; i += 2) CHECK(dict_del(d, key_str(i)) == 0);
    size_t pos = 0;
    Value k, v;
    int expect = 1;
    bool order = true;
    while (dict_next(d, &pos, &k, &v)) {
        order = order && str_eq(k, key_str(expect)) && as_int(v) == expect;
        expect += 2;
    }
    CHECK(order && expect == N + 1);
    CHECK(dict_get(d, key_str(0)) == VAL_NULL);

    /* interned keys and the C-string helpers */
    Value name = str_intern_cstr("spam");
    CHECK(dict_set(d, name, int_from_i64(42)) == 0);
    CHECK(as_int(dict_get_interned(d, name)) == 42);
    CHECK(as_int(dict_get_str(d, "spam")) == 42);
    CHECK(dict_set_str(d, "eggs", int_from_i64(43)) == 0);
    CHECK(as_int(dict_get(d, str_from_cstr("eggs"))) == 43);
    CHECK(dict_get_interned(d, str_intern_cstr("ham")) == VAL_NULL);
}

static void test_versions(void) {
    Value d = dict_new();
    uint64_t v0 = DICT(d)->version;
    CHECK(dict_set(d, int_from_i64(1), int_from_i64(1)) == 0);
    uint64_t v1 = DICT(d)->version;
    CHECK(v1 != v0);
    dict_get(d, int_from_i64(1));
    CHECK(DICT(d)->version == v1); /* reads do not bump */
    CHECK(dict_set(d, int_from_i64(1), int_from_i64(2)) == 0);
    uint64_t v2 = DICT(d)->version;
    CHECK(v2 != v1); /* value change bumps */
    CHECK(dict_del(d, int_from_i64(1)) == 0);
    uint64_t v3 = DICT(d)->version;
    CHECK(v3 != v2);
    CHECK(dict_del(d, int_from_i64(1)) == 1);
    CHECK(DICT(d)->version == v3); /* failed delete does not bump */
    Value other = dict_new();
    CHECK(DICT(other)->version != DICT(d)->version);
}

static void test_copy_update(void) {
    Value d = dict_new();
    for (int i = 0; i < 100; i++) dict_set(d, int_from_i64(i), int_from_i64(i * 10));
    for (int i = 0; i < 100; i += 5) dict_del(d, int_from_i64(i));
    Value c = dict_copy(d);
    CHECK(c != VAL_NULL && dict_size(c) == dict_size(d));
    CHECK(int_order_ok(c, 100, 5));
    Value u = dict_new();
    dict_set(u, int_from_i64(1000), int_from_i64(10000));
    CHECK(dict_update(u, d) == 0);
    CHECK(dict_size(u) == dict_size(d) + 1);
    size_t pos = 0;
    Value k, v;
    dict_next(u, &pos, &k, &v);
    CHECK(as_int(k) == 1000);
    Value keys = dict_keys_list(d);
    CHECK(keys != VAL_NULL && list_size(keys) == dict_size(d));
    CHECK(as_int(list_items(keys)[0]) == 1);

    /* churn: insert/delete many times without growing without bound */
    Value churn = dict_new();
    for (int i = 0; i < 20000; i++) {
        dict_set(churn, int_from_i64(i), VAL_NONE);
        if (i >= 8) dict_del(churn, int_from_i64(i - 8));
    }
    CHECK(dict_size(churn) == 8);
    CHECK(DICT(churn)->mask + 1 <= 64);
}

int main(void) {
    runtime_init();
    test_int_keys();
    test_str_keys();
    test_versions();
    test_copy_update();
    CTEST_END();
}
