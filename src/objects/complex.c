/* complex.c — the complex type: CPython's repr, hash, arithmetic (Smith's
 * division, integer powers by repeated squaring) and complex(...) parsing. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "../vm/error.h"
#include "function.h"
#include "number.h"
#include "str.h"
#include "tuple.h"

typedef struct { double re, im; } Cx;

static Value complex_new_type(Type *type, double re, double im) {
    size_t size = type->basicsize > sizeof(ComplexObject) ? type->basicsize : sizeof(ComplexObject);
    ComplexObject *c = obj_alloc_var(type, size);
    if (!c) return err_no_memory();
    c->real = re;
    c->imag = im;
    return val_from_ptr(c);
}

Value complex_new(double re, double im) { return complex_new_type(&Complex_Type, re, im); }

static bool val_is_complex(Value v) {
    return val_is_ptr(v) && type_is_subtype(TYPE(v), &Complex_Type);
}

/* 1 ok, 0 not a number, -1 error (int too big for a double). */
int complex_parts(Value v, double *re, double *im) {
    if (val_is_complex(v)) { *re = COMPLEX(v)->real; *im = COMPLEX(v)->imag; return 1; }
    *im = 0.0;
    if (val_is_float(v)) { *re = float_value(v); return 1; }
    if (val_is_int(v)) return num_as_double(v, re) < 0 ? -1 : 1;
    return 0;
}

#define CX_OPERANDS(a, b, x, y) do { \
    int ok_ = complex_parts(a, &x.re, &x.im); \
    if (ok_ <= 0) return ok_ < 0 ? VAL_NULL : VAL_NOTIMPL; \
    ok_ = complex_parts(b, &y.re, &y.im); \
    if (ok_ <= 0) return ok_ < 0 ? VAL_NULL : VAL_NOTIMPL; \
} while (0)

/* ---- repr and hash ---- */

/* repr of a component the way complex prints it: no ".0" on integers. */
static int component_repr(double d, char *buf, bool force_sign) {
    char tmp[40];
    int n = float_repr_buf(d, tmp);
    if (n >= 2 && tmp[n - 2] == '.' && tmp[n - 1] == '0') n -= 2;
    tmp[n] = '\0';
    int len = 0;
    if (force_sign && tmp[0] != '-') buf[len++] = '+';
    memcpy(buf + len, tmp, (size_t)n + 1);
    return len + n;
}

static Value complex_repr(Value v) {
    double re = COMPLEX(v)->real, im = COMPLEX(v)->imag;
    char buf[100], part[48];
    int n = 0;
    if (re == 0 && !signbit(re)) {
        n = component_repr(im, buf, false);
        buf[n++] = 'j';
    } else {
        buf[n++] = '(';
        int k = component_repr(re, part, false);
        memcpy(buf + n, part, (size_t)k);
        n += k;
        k = component_repr(im, part, true);
        memcpy(buf + n, part, (size_t)k);
        n += k;
        buf[n++] = 'j';
        buf[n++] = ')';
    }
    return str_new(buf, (size_t)n);
}

static int complex_tp_hash(Value v, int64_t *out) {
    uint64_t hr = (uint64_t)float_hash(COMPLEX(v)->real);
    uint64_t hi = (uint64_t)float_hash(COMPLEX(v)->imag);
    int64_t h = (int64_t)(hr + 1000003u * hi);
    *out = h == -1 ? -2 : h;
    return 0;
}

static Value complex_richcompare(Value a, Value b, int op) {
    if (op != CMP_EQ && op != CMP_NE) return VAL_NOTIMPL;
    Value self = val_is_complex(a) ? a : b, other = self == a ? b : a;
    double re = COMPLEX(self)->real, im = COMPLEX(self)->imag;
    bool equal;
    if (val_is_int(other)) {
        equal = im == 0 && !isnan(re) && int_compare_double(other, re) == 0;
    } else if (val_is_float(other)) {
        equal = im == 0 && re == float_value(other);
    } else if (val_is_complex(other)) {
        equal = re == COMPLEX(other)->real && im == COMPLEX(other)->imag;
    } else {
        return VAL_NOTIMPL;
    }
    return val_bool(op == CMP_EQ ? equal : !equal);
}

/* ---- arithmetic ---- */

static Value cx_value(Cx c) { return complex_new(c.re, c.im); }

static Cx cx_mul(Cx a, Cx b) {
    return (Cx){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
}

/* Smith's algorithm, as CPython; *zero set when b == 0. */
static Cx cx_quot(Cx a, Cx b, bool *zero) {
    double abs_re = fabs(b.re), abs_im = fabs(b.im);
    *zero = false;
    if (abs_re >= abs_im) {
        if (abs_re == 0.0) { *zero = true; return (Cx){0, 0}; }
        double ratio = b.im / b.re, denom = b.re + b.im * ratio;
        return (Cx){(a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom};
    }
    if (abs_im >= abs_re) {
        double ratio = b.re / b.im, denom = b.re * ratio + b.im;
        return (Cx){(a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom};
    }
    return (Cx){NAN, NAN}; /* b has a NaN component */
}

Value complex_arith_exact(int op, Value a, Value b) {
    Cx x = {COMPLEX(a)->real, COMPLEX(a)->imag}, y = {COMPLEX(b)->real, COMPLEX(b)->imag};
    switch (op) {
    case NB_ADD: return complex_new(x.re + y.re, x.im + y.im);
    case NB_SUBTRACT: return complex_new(x.re - y.re, x.im - y.im);
    default: return cx_value(cx_mul(x, y));
    }
}

static Value complex_add(Value a, Value b) {
    Cx x, y;
    CX_OPERANDS(a, b, x, y);
    return complex_new(x.re + y.re, x.im + y.im);
}

static Value complex_sub(Value a, Value b) {
    Cx x, y;
    CX_OPERANDS(a, b, x, y);
    return complex_new(x.re - y.re, x.im - y.im);
}

static Value complex_mul(Value a, Value b) {
    Cx x, y;
    CX_OPERANDS(a, b, x, y);
    return cx_value(cx_mul(x, y));
}

static Value complex_div(Value a, Value b) {
    Cx x, y;
    CX_OPERANDS(a, b, x, y);
    bool zero;
    Cx r = cx_quot(x, y, &zero);
    if (zero) return err_format(&Exc_ZeroDivisionError, "complex division by zero");
    return cx_value(r);
}

static Cx cx_powu(Cx x, long n) {
    Cx r = {1.0, 0.0}, p = x;
    for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
        if (n & mask) r = cx_mul(r, p);
        p = cx_mul(p, p);
    }
    return r;
}

static Value zero_power_error(void) {
    return err_format(&Exc_ZeroDivisionError, "0.0 to a negative or complex power");
}

/* CPython reports whatever errno the C library leaves behind: EDOM (also
 * from cos(inf) and friends) becomes ZeroDivisionError, an infinite result
 * OverflowError. */
static Value cx_pow(Cx a, Cx b) {
    Cx r;
    errno = 0;
    if (b.im == 0.0 && b.re == floor(b.re) && fabs(b.re) <= 100.0) {
        long n = (long)b.re;
        if (n >= 0) {
            r = cx_powu(a, n);
        } else {
            bool zero;
            r = cx_quot((Cx){1.0, 0.0}, cx_powu(a, -n), &zero);
            if (zero) errno = EDOM;
        }
    } else if (b.re == 0.0 && b.im == 0.0) {
        r = (Cx){1.0, 0.0};
    } else if (a.re == 0.0 && a.im == 0.0) {
        if (b.im != 0.0 || b.re < 0.0) errno = EDOM;
        r = (Cx){0.0, 0.0};
    } else {
        double vabs = hypot(a.re, a.im);
        double len = pow(vabs, b.re);
        double at = atan2(a.im, a.re);
        double phase = at * b.re;
        if (b.im != 0.0) {
            len /= exp(at * b.im);
            phase += b.im * log(vabs);
        }
        r = (Cx){len * cos(phase), len * sin(phase)};
    }
    if (isinf(r.re) || isinf(r.im)) {
        if (errno == 0) errno = ERANGE;
    } else if (errno == ERANGE) {
        errno = 0; /* underflow is fine */
    }
    if (errno == EDOM) return zero_power_error();
    if (errno == ERANGE) return err_format(&Exc_OverflowError, "complex exponentiation");
    return cx_value(r);
}

Value complex_pow_values(Value a, Value b) {
    Cx x, y;
    CX_OPERANDS(a, b, x, y);
    return cx_pow(x, y);
}

static Value complex_neg(Value v) { return complex_new(-COMPLEX(v)->real, -COMPLEX(v)->imag); }
static Value complex_pos(Value v) { return complex_new(COMPLEX(v)->real, COMPLEX(v)->imag); }
static int complex_tp_bool(Value v) { return COMPLEX(v)->real != 0 || COMPLEX(v)->imag != 0; }

static Value complex_abs(Value v) {
    double re = COMPLEX(v)->real, im = COMPLEX(v)->imag;
    double r = hypot(re, im);
    if (isinf(r) && isfinite(re) && isfinite(im))
        return err_format(&Exc_OverflowError, "absolute value too large");
    return val_from_double(r);
}

/* ---- complex(...) ---- */

/* Length of a float literal prefix of s (digits/underscores, dot,
 * exponent, or inf/infinity/nan); 0 if none. Writes the cleaned text. */
static size_t float_prefix(const char *s, const char *end, char *clean) {
    const char *p = s;
    char *w = clean;
    static const char *const words[] = {"infinity", "inf", "nan"};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if ((size_t)(end - p) >= n && strncasecmp(p, words[i], n) == 0) {
            memcpy(clean, p, n);
            clean[n] = '\0';
            return n;
        }
    }
    int digits = 0;
    for (; p < end; p++) {
        if (isdigit((unsigned char)*p)) { *w++ = *p; digits++; }
        else if (*p == '_' && digits && p + 1 < end && isdigit((unsigned char)p[1])) continue;
        else break;
    }
    if (p < end && *p == '.') {
        *w++ = *p++;
        int frac = 0;
        for (; p < end; p++) {
            if (isdigit((unsigned char)*p)) { *w++ = *p; frac++; }
            else if (*p == '_' && frac && p + 1 < end && isdigit((unsigned char)p[1])) continue;
            else break;
        }
        digits += frac;
    }
    if (!digits) return 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        char *wq = w;
        *wq++ = 'e';
        if (q < end && (*q == '+' || *q == '-')) *wq++ = *q++;
        int ed = 0;
        for (; q < end; q++) {
            if (isdigit((unsigned char)*q)) { *wq++ = *q; ed++; }
            else if (*q == '_' && ed && q + 1 < end && isdigit((unsigned char)q[1])) continue;
            else break;
        }
        if (ed) { p = q; w = wq; }
    }
    *w = '\0';
    return (size_t)(p - s);
}

static int parse_signed(const char **s, const char *end, char *clean, double *out, bool *had_number) {
    double sign = 1.0;
    if (*s < end && (**s == '+' || **s == '-')) sign = *(*s)++ == '-' ? -1.0 : 1.0;
    size_t n = float_prefix(*s, end, clean);
    *had_number = n > 0;
    *out = n ? sign * strtod(clean, NULL) : sign;
    *s += n;
    return 0;
}

static Value complex_from_text(const char *s, size_t len) {
    const char *end = s + len;
    while (s < end && isspace((unsigned char)*s)) s++;
    while (end > s && isspace((unsigned char)end[-1])) end--;
    if (end - s >= 2 && *s == '(' && end[-1] == ')') {
        s++;
        end--;
        while (s < end && isspace((unsigned char)*s)) s++;
        while (end > s && isspace((unsigned char)end[-1])) end--;
    }
    char *clean = gc_alloc_atomic(len + 2);
    if (!clean) return err_no_memory();
    double first, second;
    bool had;
    bool first_signed = s < end && (*s == '+' || *s == '-');
    parse_signed(&s, end, clean, &first, &had);
    if (!had && !first_signed && !(s < end && (*s == 'j' || *s == 'J'))) goto bad;
    if (s < end && (*s == 'j' || *s == 'J')) { /* pure imaginary */
        if (s + 1 != end) goto bad;
        return complex_new(0.0, first);
    }
    if (!had) goto bad;
    if (s == end) return complex_new(first, 0.0);
    if (*s != '+' && *s != '-') goto bad;
    parse_signed(&s, end, clean, &second, &had);
    if (s >= end || (*s != 'j' && *s != 'J') || s + 1 != end) goto bad;
    return complex_new(first, second);
bad:
    return err_format(&Exc_ValueError, "complex() arg is a malformed string");
}

/* A number argument of complex(): 2 ok and it was a complex, 1 ok (a real
 * number), 0 wrong type, -1 error. */
static int complex_arg(Value v, Cx *out) {
    int ok = complex_parts(v, &out->re, &out->im);
    if (ok > 0 && val_is_complex(v)) return 2;
    if (ok) return ok;
    Value method = type_lookup(val_type(v), name___complex__);
    if (method) {
        Value r = obj_call_method(v, "__complex__", NULL, 0);
        if (!r) return -1;
        if (!val_is_complex(r))
            return err_format_int(&Exc_TypeError, "__complex__ returned non-complex (type %s)",
                                  val_type_name(r));
        out->re = COMPLEX(r)->real;
        out->im = COMPLEX(r)->imag;
        return 2;
    }
    Type *t = val_type(v);
    if (t->nb_float || t->nb_index) {
        Value f = obj_float(v);
        if (!f) return -1;
        out->re = float_value(f);
        out->im = 0.0;
        return 1;
    }
    return 0;
}

static Value complex_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"real", "imag", NULL};
    Value p[2];
    if (args_parse("complex", args, nargs, kwnames, names, 0, 0, p) < 0) return VAL_NULL;
    Value real = p[0], imag = p[1];
    if (real && val_is_str(real)) {
        if (imag)
            return err_format(&Exc_TypeError, "complex() can't take second arg if first is a string");
        size_t len;
        const char *text = number_ascii_literal(real, &len);
        if (!text) return err_no_memory();
        Value c = complex_from_text(text, len);
        if (!c || type == &Complex_Type) return c;
        return complex_new_type(type, COMPLEX(c)->real, COMPLEX(c)->imag);
    }
    if (imag && val_is_str(imag))
        return err_format(&Exc_TypeError, "complex() second arg can't be a string");
    if (real && !imag && type == &Complex_Type && val_is_type_exact(real, &Complex_Type))
        return real;
    Cx r = {0.0, 0.0}, i = {0.0, 0.0};
    bool real_is_complex = false, imag_is_complex = false;
    if (real) {
        int ok = complex_arg(real, &r);
        if (ok < 0) return VAL_NULL;
        real_is_complex = ok == 2;
        if (!ok)
            return err_format(&Exc_TypeError,
                              "complex() first argument must be a string or a number, not '%s'",
                              val_type_name(real));
    }
    if (imag) {
        int ok = complex_arg(imag, &i);
        if (ok < 0) return VAL_NULL;
        imag_is_complex = ok == 2;
        if (!ok)
            return err_format(&Exc_TypeError, "complex() second argument must be a number, not '%s'",
                              val_type_name(imag));
    }
    /* CPython's rules, which keep the sign of zero components: only a
     * complex argument contributes its imaginary part. */
    double re = r.re, im = imag ? i.re : r.im;
    if (imag_is_complex) re -= i.im;
    if (real_is_complex && imag) im += r.im;
    return complex_new_type(type, re, im);
}

/* ---- methods ---- */

static Value complex_conjugate_m(Value *args, size_t nargs, Value kwnames) {
    return complex_new(COMPLEX(args[0])->real, -COMPLEX(args[0])->imag);
}

static Value complex_complex_m(Value *args, size_t nargs, Value kwnames) {
    if (val_is_type_exact(args[0], &Complex_Type)) return args[0];
    return complex_new(COMPLEX(args[0])->real, COMPLEX(args[0])->imag);
}

static Value complex_getnewargs_m(Value *args, size_t nargs, Value kwnames) {
    return tuple_pack(2, val_from_double(COMPLEX(args[0])->real), val_from_double(COMPLEX(args[0])->imag));
}

static Value complex_format_m(Value *args, size_t nargs, Value kwnames) {
    if (nargs != 2 || !val_is_str(args[1]))
        return err_format(&Exc_TypeError, "__format__() argument must be str");
    if (str_size(args[1]) == 0) return obj_str(args[0]);
    return err_format(&Exc_ValueError, "Unknown format code for object of type 'complex'");
}

static Value complex_real_get(Value self) { return val_from_double(COMPLEX(self)->real); }
static Value complex_imag_get(Value self) { return val_from_double(COMPLEX(self)->imag); }

static const MethodDef complex_methods[] = {
    {"conjugate", complex_conjugate_m, METH_DEFAULT, "Return the complex conjugate of its argument."},
    {"__complex__", complex_complex_m, METH_DEFAULT, "Convert this value to exact type complex."},
    {"__getnewargs__", complex_getnewargs_m, METH_DEFAULT, NULL},
    {"__format__", complex_format_m, METH_DEFAULT, "Convert to a string according to format_spec."},
    {NULL},
};

static const GetSetDef complex_getset[] = {
    {"real", complex_real_get, NULL},
    {"imag", complex_imag_get, NULL},
    {NULL},
};

Type Complex_Type = {
    .base = {&Type_Type},
    .name = "complex",
    .basicsize = sizeof(ComplexObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "Create a complex number from a string or numbers.",
    .tp_new = complex_tp_new,
    .tp_repr = complex_repr,
    .tp_str = complex_repr,
    .tp_hash = complex_tp_hash,
    .tp_richcompare = complex_richcompare,
    .nb_binary = {
        [NB_ADD] = complex_add, [NB_SUBTRACT] = complex_sub, [NB_MULTIPLY] = complex_mul,
        [NB_TRUE_DIVIDE] = complex_div, [NB_POWER] = complex_pow_values,
    },
    .nb_negative = complex_neg,
    .nb_positive = complex_pos,
    .nb_absolute = complex_abs,
    .nb_bool = complex_tp_bool,
    .methods = complex_methods,
    .getset = complex_getset,
};
