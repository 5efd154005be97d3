/* format.c — the format mini-language (format(value, spec)) for str, int
 * and float:
 *     [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]
 * Semantics and error texts follow CPython 3.13 (Python/formatter_unicode.c
 * and PyOS_double_to_string), re-derived here. */
#include "format.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "../vm/error.h"
#include "float.h"
#include "int.h"
#include "number.h"
#include "str.h"
#include "unicode.h"

/* ---- parsing ---- */

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '^' || c == '='; }

static bool parse_number(const char **p, const char *end, int64_t *out) {
    int64_t n = 0;
    while (*p < end && **p >= '0' && **p <= '9') {
        if (n > (INT64_MAX - 9) / 10) {
            err_format(&Exc_ValueError, "Too many decimal digits in format string");
            return false;
        }
        n = n * 10 + (**p - '0');
        (*p)++;
    }
    *out = n;
    return true;
}

static int bad_grouping_type(char sep, char type) {
    if ((unsigned char)type > 32 && (unsigned char)type < 128)
        return err_format_int(&Exc_ValueError, "Cannot specify '%c' with '%c'.", sep, type);
    return err_format_int(&Exc_ValueError, "Cannot specify '%c' with '\\x%x'.", sep,
                          (unsigned)(unsigned char)type);
}

int format_spec_parse(Value spec, const char *typename, char default_type, FormatSpec *f) {
    const char *p = str_data(spec), *end = p + str_size(spec);
    f->fill = ' ';
    f->align = 0;
    f->sign = 0;
    f->no_neg_zero = f->alternate = f->zero_pad = false;
    f->width = f->precision = -1;
    f->grouping = 0;
    f->type = default_type;
    bool fill_given = false;

    /* [[fill]align]: the fill may be any code point */
    if (p < end) {
        const char *q = p;
        uint32_t first = utf8_next(&q);
        if (q < end && is_align((unsigned char)*q)) {
            f->fill = first;
            f->align = *q;
            fill_given = true;
            p = q + 1;
        } else if (is_align(first)) {
            f->align = (char)first;
            p = q;
        }
    }
    if (p < end && (*p == '+' || *p == '-' || *p == ' ')) f->sign = *p++;
    if (p < end && *p == 'z') f->no_neg_zero = true, p++;
    if (p < end && *p == '#') f->alternate = true, p++;
    /* '0' before the width: zero padding, unless a fill was given (then
     * it is just a digit of the width). Numbers pad after the sign. */
    if (p < end && *p == '0' && !fill_given) {
        f->zero_pad = true;
        f->fill = '0';
        if (!f->align && default_type != 's') f->align = '=';
        p++;
    }
    if (p < end && *p >= '0' && *p <= '9') {
        if (!parse_number(&p, end, &f->width)) return -1;
    }
    if (p < end && (*p == ',' || *p == '_')) {
        f->grouping = *p++;
        if (p < end && (*p == ',' || *p == '_')) {
            if (*p == f->grouping)
                return err_format_int(&Exc_ValueError, "Cannot specify '%c' with '%c'.", *p, *p);
            return err_format_int(&Exc_ValueError, "Cannot specify both ',' and '_'.");
        }
    }
    if (p < end && *p == '.') {
        p++;
        if (p >= end || *p < '0' || *p > '9')
            return err_format_int(&Exc_ValueError, "Format specifier missing precision");
        if (!parse_number(&p, end, &f->precision)) return -1;
    }
    if (end - p > 1 || (p < end && (unsigned char)*p >= 0x80)) {
        return err_format_int(&Exc_ValueError, "Invalid format specifier '%s' for object of type '%s'",
                              str_data(spec), typename);
    }
    if (p < end) f->type = *p;
    if (f->grouping) {
        switch (f->type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (f->grouping == '_') break;
            /* fall through */
        default:
            return bad_grouping_type(f->grouping, f->type);
        }
    }
    return 0;
}

static Value unknown_code(char type, const char *typename) {
    if ((unsigned char)type > 32 && (unsigned char)type < 128)
        return err_format(&Exc_ValueError, "Unknown format code '%c' for object of type '%s'", type,
                          typename);
    return err_format(&Exc_ValueError, "Unknown format code '\\x%x' for object of type '%s'",
                      (unsigned)(unsigned char)type, typename);
}

/* ---- assembling a padded result ---- */

/* Emit body (length body_len code points) aligned in width with fill. */
static bool emit_aligned(Buf *b, const FormatSpec *f, char default_align, const char *body,
                         size_t body_size, size_t body_len) {
    int64_t pad = f->width > (int64_t)body_len ? f->width - (int64_t)body_len : 0;
    char align = f->align ? f->align : default_align;
    int64_t left = 0, right = 0;
    if (align == '>') left = pad;
    else if (align == '^') left = pad / 2, right = pad - pad / 2;
    else right = pad;
    if (!str_check_size((size_t)pad, 4)) return false;
    return buf_fill_cp(b, f->fill, (size_t)left) && buf_add(b, body, body_size) &&
           buf_fill_cp(b, f->fill, (size_t)right);
}

/* Insert the grouping separator every `group` digits of digits[0..n). If
 * min_len > 0, left-pad with zeros (grouped too) until the grouped text is
 * at least min_len long: CPython's zero padding with '0=' alignment. */
static bool add_grouped(Buf *b, const char *digits, size_t n, char sep, int group, size_t min_len) {
    if (!sep) {
        if (n < min_len && !buf_fill(b, '0', min_len - n)) return false;
        return buf_add(b, digits, n);
    }
    size_t total = n;
    while (total + (total - 1) / group < min_len) total++;
    for (size_t i = 0; i < total; i++) {
        size_t remaining = total - i;
        char c = i < total - n ? '0' : digits[i - (total - n)];
        if (!buf_addc(b, c)) return false;
        if (remaining > 1 && (remaining - 1) % group == 0 && !buf_addc(b, sep)) return false;
    }
    return true;
}

/* A number is sign + prefix + integer digits (grouped) + rest. */
static Value assemble_number(const FormatSpec *f, bool negative, const char *prefix,
                             const char *digits, size_t ndigits, const char *rest, int group) {
    char signch = negative ? '-' : (f->sign == '+' ? '+' : f->sign == ' ' ? ' ' : 0);
    size_t head = (signch ? 1 : 0) + strlen(prefix);
    size_t rest_len = strlen(rest);
    Buf num;
    buf_init(&num);
    if (signch) buf_addc(&num, signch);
    buf_adds(&num, prefix);
    size_t min_digits = 0;
    bool zero_fill = f->align == '=' && f->fill == '0' && f->width > 0;
    if (zero_fill && (size_t)f->width > head + rest_len) min_digits = f->width - head - rest_len;
    if (!add_grouped(&num, digits, ndigits, f->grouping, group, min_digits)) return VAL_NULL;
    buf_adds(&num, rest);
    if (num.failed) return VAL_NULL;
    Buf out;
    buf_init(&out);
    if (f->align == '=' && f->width > (int64_t)num.len) {
        /* padding goes between the sign/prefix and the digits */
        int64_t pad = f->width - (int64_t)num.len;
        if (!str_check_size((size_t)pad, 4)) return VAL_NULL;
        buf_add(&out, num.data, head);
        buf_fill_cp(&out, f->fill, (size_t)pad);
        buf_add(&out, num.data + head, num.len - head);
    } else if (!emit_aligned(&out, f, '>', num.data, num.len, num.len)) {
        return VAL_NULL;
    }
    return buf_to_str(&out);
}

/* ---- str ---- */

Value format_str(Value s, Value spec) {
    if (str_size(spec) == 0) return val_is_str_exact(s) ? s : str_new(str_data(s), str_size(s));
    FormatSpec f;
    if (format_spec_parse(spec, "str", 's', &f) < 0) return VAL_NULL;
    if (f.type != 's') return unknown_code(f.type, "str");
    if (f.sign) return err_format(&Exc_ValueError, "Sign not allowed in string format specifier");
    if (f.no_neg_zero)
        return err_format(&Exc_ValueError,
                          "Negative zero coercion (z) not allowed in string format specifier");
    if (f.alternate)
        return err_format(&Exc_ValueError, "Alternate form (#) not allowed in string format specifier");
    if (f.align == '=')
        return err_format(&Exc_ValueError, "'=' alignment not allowed in string format specifier");
    size_t len = str_length(s), size = str_size(s);
    if (f.precision >= 0 && (size_t)f.precision < len) {
        len = (size_t)f.precision;
        size = str_byte_offset(s, len);
    }
    Buf b;
    buf_init(&b);
    if (!emit_aligned(&b, &f, '<', str_data(s), size, len)) return VAL_NULL;
    return buf_to_str(&b);
}

/* ---- int ---- */

/* Digits of |v| in base (lowercase), into a fresh buffer. */
char *format_int_digits(Value v, int base, size_t *n, bool *negative) {
    int64_t i;
    if (int_as_i64(v, &i)) {
        *negative = i < 0;
        uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
        char tmp[72];
        size_t k = sizeof tmp;
        do {
            tmp[--k] = "0123456789abcdef"[u % base];
            u /= base;
        } while (u);
        *n = sizeof tmp - k;
        char *out = (char *)gc_alloc_atomic(*n + 1);
        if (!out) {
            err_no_memory();
            return NULL;
        }
        memcpy(out, tmp + k, *n);
        out[*n] = '\0';
        return out;
    }
    mpz_t z;
    mpz_init(z);
    int_to_mpz(v, z);
    *negative = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    /* format(n, 'd') and '%d' % n obey sys.set_int_max_str_digits as str()
     * does; mpz_sizeinbase may overcount by one, hence the second check */
    bool limited = base == 10 && int_max_str_digits > 0;
    if (limited && mpz_sizeinbase(z, 10) > (size_t)int_max_str_digits + 1) {
        mpz_clear(z);
        int_err_str_digits();
        return NULL;
    }
    char *out = (char *)gc_alloc_atomic(mpz_sizeinbase(z, base) + 2);
    if (out) {
        mpz_get_str(out, base, z);
        *n = strlen(out);
    } else {
        err_no_memory();
    }
    mpz_clear(z);
    if (out && limited && *n > (size_t)int_max_str_digits) {
        int_err_str_digits();
        return NULL;
    }
    return out;
}

static Value format_int_char(Value v, const FormatSpec *f) {
    if (f->sign) return err_format(&Exc_ValueError, "Sign not allowed with integer format specifier 'c'");
    if (f->alternate)
        return err_format(&Exc_ValueError,
                          "Alternate form (#) not allowed with integer format specifier 'c'");
    int64_t c;
    if (!int_as_i64(v, &c))
        return err_format(&Exc_OverflowError, "Python int too large to convert to C long");
    if (c < 0 || c > 0x10FFFF)
        return err_format(&Exc_OverflowError, "%%c arg not in range(0x110000)");
    char enc[4];
    int n = utf8_encode((uint32_t)c, enc);
    Buf b;
    buf_init(&b);
    if (!emit_aligned(&b, f, '<', enc, n, 1)) return VAL_NULL;
    return buf_to_str(&b);
}

Value format_int(Value v, Value spec) {
    if (str_size(spec) == 0) return obj_str(v);
    FormatSpec f;
    if (format_spec_parse(spec, "int", 'd', &f) < 0) return VAL_NULL;
    int base = 10;
    const char *prefix = "";
    switch (f.type) {
    case 'b': base = 2, prefix = "0b"; break;
    case 'o': base = 8, prefix = "0o"; break;
    case 'x': base = 16, prefix = "0x"; break;
    case 'X': base = 16, prefix = "0X"; break;
    case 'd': case 'n': case 'c': break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        bool overflow = false;
        double d = int_as_double(v, &overflow);
        if (overflow) return VAL_NULL;
        return format_float(d, spec);
    }
    default: return unknown_code(f.type, "int");
    }
    if (f.precision >= 0)
        return err_format(&Exc_ValueError, "Precision not allowed in integer format specifier");
    if (f.no_neg_zero)
        return err_format(&Exc_ValueError,
                          "Negative zero coercion (z) not allowed in integer format specifier");
    if (f.type == 'c') return format_int_char(v, &f);
    size_t n;
    bool negative;
    char *digits = format_int_digits(v, base, &n, &negative);
    if (!digits) return VAL_NULL;
    if (f.type == 'X')
        for (size_t i = 0; i < n; i++)
            if (digits[i] >= 'a') digits[i] -= 32;
    return assemble_number(&f, negative, f.alternate ? prefix : "", digits, n, "",
                           base == 10 ? 3 : 4);
}

/* ---- float ---- */

/* Strip trailing zeros (and a bare '.') of the fraction in s, keeping any
 * exponent part. */
static void strip_zeros(char *s) {
    char *dot = strchr(s, '.');
    if (!dot) return;
    char *e = strpbrk(s, "eE");
    char *frac_end = e ? e : s + strlen(s);
    char *q = frac_end;
    while (q > dot + 1 && q[-1] == '0') q--;
    if (q == dot + 1) q = dot;
    memmove(q, frac_end, strlen(frac_end) + 1);
}

/* CPython's 'g' / repr-with-precision rule on |d| (finite): the digit
 * string, exponent or fixed, by the decimal point position of the value
 * rounded to `prec` significant digits. add_dot_0 is the no-type rule:
 * switch to exponent one place earlier and keep ".0" on integers. */
static void format_general(double d, int prec, bool alt, bool add_dot_0, char upper, char *out,
                           size_t outsz) {
    if (prec == 0) prec = 1;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
    int exp10 = atoi(strchr(tmp, 'e') + 1);
    int decpt = exp10 + 1;
    bool use_exp = decpt <= -4 || decpt > (add_dot_0 ? prec - 1 : prec);
    if (use_exp) {
        snprintf(out, outsz, alt ? "%#.*e" : "%.*e", prec - 1, d);
    } else {
        int frac = prec - decpt;
        if (frac < 0) frac = 0;
        snprintf(out, outsz, alt ? "%#.*f" : "%.*f", frac, d);
    }
    if (!alt) strip_zeros(out);
    if (add_dot_0 && !strpbrk(out, ".eE")) strcat(out, ".0");
    if (upper)
        for (char *p = out; *p; p++)
            if (*p == 'e') *p = 'E';
}

Value format_float(double d, Value spec) {
    char buf[400];
    if (str_size(spec) == 0) {
        float_repr_buf(d, buf);
        return str_from_cstr(buf);
    }
    FormatSpec f;
    if (format_spec_parse(spec, "float", 0, &f) < 0) return VAL_NULL;
    char type = f.type;
    switch (type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': case 0: break;
    default: return unknown_code(type, "float");
    }
    if (type == 'n') type = 'g';
    bool negative = signbit(d) && !isnan(d);
    double a = fabs(d);
    const char *suffix = "";
    if (type == '%') {
        a *= 100;
        type = 'f';
        suffix = "%";
    }
    if (f.precision > 1000000)
        return err_format(&Exc_ValueError, "precision too big");
    int prec = f.precision < 0 ? 6 : (int)f.precision;
    /* fixed notation of huge values needs room for every digit */
    size_t need = (size_t)prec + 400;
    char *text = need > sizeof buf ? (char *)gc_alloc_atomic(need) : buf;
    if (!text) return err_no_memory();
    bool upper = type == 'E' || type == 'F' || type == 'G';
    if (isinf(a) || isnan(a)) {
        strcpy(text, isnan(a) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
    } else if (type == 0 && f.precision < 0) {
        float_repr_buf(a, text);
        if (f.alternate && !strchr(text, '.')) {
            /* '#' keeps a decimal point even in exponent form */
            char *e = strchr(text, 'e');
            if (e) {
                memmove(e + 1, e, strlen(e) + 1);
                *e = '.';
            }
        }
    } else if (type == 0 || type == 'g' || type == 'G') {
        format_general(a, prec, f.alternate, type == 0, upper, text, need);
    } else {
        char cfmt[8];
        snprintf(cfmt, sizeof cfmt, "%%%s.*%c", f.alternate ? "#" : "", type);
        snprintf(text, need, cfmt, prec, a);
    }
    /* 'z': a value that rounds to zero loses its minus sign */
    if (negative && f.no_neg_zero && !strpbrk(text, "123456789ni")) negative = false;
    strcat(text, suffix);
    size_t ndigits = strspn(text, "0123456789");
    return assemble_number(&f, negative, "", text, ndigits, text + ndigits, 3);
}
