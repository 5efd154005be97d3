/* float_repr.c — text <-> double: the shortest round-tripping repr that
 * CPython prints, float(str) parsing, and float.hex / float.fromhex.
 *
 * Both directions lean on glibc: printf("%.*e") and strtod are correctly
 * rounded, so "shortest digits that strtod back to the same double" is
 * exactly the digit string CPython's dtoa produces in mode 0. */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../vm/error.h"
#include "number.h"
#include "str.h"

/* Shortest significant digits of d (> 0, finite) and the decimal exponent
 * of the first digit. digits receives at most 17 chars + NUL. */
static int shortest_digits(double d, char *digits, int *exp10) {
    char tmp[40];
    int lo = 1, hi = 17;
    /* Round-tripping is monotone in the precision: binary search. */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        snprintf(tmp, sizeof tmp, "%.*e", mid - 1, d);
        if (strtod(tmp, NULL) == d)
            hi = mid;
        else
            lo = mid + 1;
    }
    snprintf(tmp, sizeof tmp, "%.*e", lo - 1, d);
    int n = 0;
    char *p = tmp;
    for (; *p && *p != 'e'; p++)
        if (isdigit((unsigned char)*p)) digits[n++] = *p;
    while (n > 1 && digits[n - 1] == '0') n--;
    digits[n] = '\0';
    *exp10 = atoi(p + 1);
    return n;
}

int float_repr_buf(double d, char *buf) {
    if (isnan(d)) return (int)(strcpy(buf, "nan"), 3);
    if (isinf(d)) return d > 0 ? (int)(strcpy(buf, "inf"), 3) : (int)(strcpy(buf, "-inf"), 4);
    char *out = buf;
    if (signbit(d)) { *out++ = '-'; d = -d; }
    if (d == 0) { strcpy(out, "0.0"); return (int)(out - buf) + 3; }
    char digits[24];
    int exp10;
    int n = shortest_digits(d, digits, &exp10);
    if (exp10 < -4 || exp10 >= 16) {
        *out++ = digits[0];
        if (n > 1) {
            *out++ = '.';
            memcpy(out, digits + 1, (size_t)(n - 1));
            out += n - 1;
        }
        out += sprintf(out, "e%c%02d", exp10 < 0 ? '-' : '+', abs(exp10));
    } else if (exp10 < 0) {
        *out++ = '0';
        *out++ = '.';
        for (int i = 0; i < -exp10 - 1; i++) *out++ = '0';
        memcpy(out, digits, (size_t)n);
        out += n;
    } else {
        int int_digits = exp10 + 1;
        for (int i = 0; i < int_digits; i++) *out++ = i < n ? digits[i] : '0';
        *out++ = '.';
        if (n > int_digits) {
            memcpy(out, digits + int_digits, (size_t)(n - int_digits));
            out += n - int_digits;
        } else {
            *out++ = '0';
        }
    }
    *out = '\0';
    return (int)(out - buf);
}

Value float_repr(double d) {
    char buf[40];
    int n = float_repr_buf(d, buf);
    return str_new(buf, (size_t)n);
}

/* ---- parsing ---- */

static bool match_word(const char *s, const char *end, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(end - s) != n) return false;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != word[i]) return false;
    return true;
}

/* Copy the digits of a run starting at *s into out, allowing single
 * underscores between digits. Returns how many digits, -1 if malformed. */
static int scan_digits(const char **s, const char *end, char **out) {
    const char *p = *s;
    int count = 0;
    while (p < end) {
        if (isdigit((unsigned char)*p)) {
            *(*out)++ = *p++;
            count++;
        } else if (*p == '_' && count > 0 && p + 1 < end && isdigit((unsigned char)p[1])) {
            p++;
        } else {
            break;
        }
    }
    *s = p;
    return count;
}

/* Parse a decimal float literal (Python's float() grammar). Returns 0 and
 * sets *out on success, -1 if malformed (no exception set). */
static int parse_float_text(const char *s, size_t len, double *out) {
    const char *end = s + len;
    while (s < end && isspace((unsigned char)*s)) s++;
    while (end > s && isspace((unsigned char)end[-1])) end--;
    bool negative = false;
    if (s < end && (*s == '+' || *s == '-')) negative = *s++ == '-';
    if (match_word(s, end, "inf") || match_word(s, end, "infinity")) {
        *out = negative ? -INFINITY : INFINITY;
        return 0;
    }
    if (match_word(s, end, "nan")) {
        *out = negative ? -NAN : NAN;
        return 0;
    }
    char *clean = gc_alloc_atomic((size_t)(end - s) + 2);
    if (!clean) return -1;
    char *w = clean;
    int mantissa_digits = scan_digits(&s, end, &w);
    if (s < end && *s == '.') {
        *w++ = *s++;
        if (s < end && *s == '_') return -1;
        mantissa_digits += scan_digits(&s, end, &w);
    }
    if (mantissa_digits == 0) return -1;
    if (s < end && (*s == 'e' || *s == 'E')) {
        *w++ = *s++;
        if (s < end && (*s == '+' || *s == '-')) *w++ = *s++;
        if (scan_digits(&s, end, &w) == 0) return -1;
    }
    if (s != end) return -1;
    *w = '\0';
    double d = strtod(clean, NULL);
    *out = negative ? -d : d;
    return 0;
}

Value float_parse_shown(const char *s, size_t len, Value shown) {
    double d;
    if (parse_float_text(s, len, &d) == 0) return val_from_double(d);
    if (!shown) shown = str_new(s, len);
    if (!shown) return VAL_NULL;
    Value r = obj_repr(shown);
    if (!r) return VAL_NULL;
    return err_format(&Exc_ValueError, "could not convert string to float: %s", str_data(r));
}

Value float_from_string(const char *s, size_t len) {
    return float_parse_shown(s, len, VAL_NULL);
}

/* ---- float.hex / float.fromhex ---- */

Value float_hex(double x) {
    if (isnan(x) || isinf(x)) return float_repr(x);
    if (x == 0) return str_from_cstr(signbit(x) ? "-0x0.0p+0" : "0x0.0p+0");
    int e;
    double m = frexp(fabs(x), &e);
    int shift = 1 - (DBL_MIN_EXP - e > 0 ? DBL_MIN_EXP - e : 0);
    m = ldexp(m, shift);
    e -= shift;
    char mant[24];
    int n = 0;
    static const char hexdigits[] = "0123456789abcdef";
    mant[n++] = hexdigits[(int)m];
    m -= (int)m;
    mant[n++] = '.';
    for (int i = 0; i < (DBL_MANT_DIG - 1) / 4; i++) {
        m *= 16.0;
        mant[n++] = hexdigits[(int)m];
        m -= (int)m;
    }
    mant[n] = '\0';
    char buf[64];
    int len = snprintf(buf, sizeof buf, "%s0x%sp%c%d", x < 0 ? "-" : "", mant,
                       e < 0 ? '-' : '+', abs(e));
    return str_new(buf, (size_t)len);
}

Value float_fromhex_text(const char *s, size_t len) {
    const char *end = s + len;
    while (s < end && isspace((unsigned char)*s)) s++;
    while (end > s && isspace((unsigned char)end[-1])) end--;
    bool negative = false;
    if (s < end && (*s == '+' || *s == '-')) negative = *s++ == '-';
    if (match_word(s, end, "inf") || match_word(s, end, "infinity"))
        return val_from_double(negative ? -INFINITY : INFINITY);
    if (match_word(s, end, "nan")) return val_from_double(NAN);
    if (end - s >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s += 2;
    /* Validate, then let strtod (correctly rounded for hex) convert. */
    char *text = gc_alloc_atomic((size_t)(end - s) + 4);
    if (!text) return err_no_memory();
    char *w = text;
    *w++ = '0';
    *w++ = 'x';
    int ndigits = 0;
    while (s < end && isxdigit((unsigned char)*s)) { *w++ = *s++; ndigits++; }
    if (s < end && *s == '.') {
        *w++ = *s++;
        while (s < end && isxdigit((unsigned char)*s)) { *w++ = *s++; ndigits++; }
    }
    if (ndigits == 0) goto invalid;
    if (s < end && (*s == 'p' || *s == 'P')) {
        *w++ = *s++;
        if (s < end && (*s == '+' || *s == '-')) *w++ = *s++;
        int edigits = 0;
        while (s < end && isdigit((unsigned char)*s)) { *w++ = *s++; edigits++; }
        if (edigits == 0) goto invalid;
    }
    if (s != end) goto invalid;
    *w = '\0';
    errno = 0;
    double d = strtod(text, NULL);
    if (isinf(d))
        return err_format(&Exc_OverflowError, "hexadecimal value too large to represent as a float");
    return val_from_double(negative ? -d : d);
invalid:
    return err_format(&Exc_ValueError, "invalid hexadecimal floating-point string");
}
