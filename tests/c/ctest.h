/* ctest.h — a tiny unit-test harness for C-level tests. Each test program
 * prints one line per failed check and ends with "N passed, N failed". */
#ifndef KRAIT_CTEST_H
#define KRAIT_CTEST_H

#include <stdio.h>

static int ctest_passed, ctest_failed;

#define CHECK(cond) do { \
    if (cond) ctest_passed++; \
    else { ctest_failed++; printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CTEST_END() do { \
    printf("%d passed, %d failed\n", ctest_passed, ctest_failed); \
    return ctest_failed ? 1 : 0; \
} while (0)

#endif
