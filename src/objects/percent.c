/* percent.c — printf-style formatting: str % args and bytes % args.
 *     %[(key)][flags][width|*][.precision|*][length]conversion
 * Conversions, flags and error texts follow CPython 3.13
 * (PyUnicode_Format / _PyBytes_FormatEx), re-derived here. One engine
 * serves both: in bytes mode the output is raw bytes and %s means %b. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../vm/error.h"
#include "bytes.h"
#include "float.h"
#include "format.h"
#include "int.h"
#include "str.h"
#include "tuple.h"
#include "unicode.h"

typedef struct Spec {
    bool left, plus, space, alt, zero;
    int64_t width;     /* -1 none */
    int64_t precision; /* -1 none */
    char conv;
} Spec;

typedef struct State {
    bool bytes_mode;
    const char *fmt, *p, *end;
    Value *argv;
    size_t nargs, argidx;
    Value dict;        /* mapping for %(key)s, or VAL_NULL */
    Buf out;
} State;

static Value next_arg(State *st) {
    if (st->argidx >= st->nargs)
        return err_format(&Exc_TypeError, "not enough arguments for format string");
    return st->argv[st->argidx++];
}

/* Width/precision padding of an already formatted piece (count = code
 * points in str mode, bytes in bytes mode). */
static bool emit_padded(State *st, const Spec *s, const char *text, size_t size, size_t count) {
    int64_t pad = s->width > (int64_t)count ? s->width - (int64_t)count : 0;
    if (!str_check_size((size_t)pad, 1)) return false;
    if (!s->left && !buf_fill(&st->out, ' ', (size_t)pad)) return false;
    if (!buf_add(&st->out, text, size)) return false;
    return s->left ? buf_fill(&st->out, ' ', (size_t)pad) : true;
}

/* sign + prefix + zeros + digits, padded. All ASCII. */
static bool emit_number(State *st, const Spec *s, bool negative, const char *prefix,
                        const char *digits, size_t ndigits, size_t min_digits) {
    char sign = negative ? '-' : s->plus ? '+' : s->space ? ' ' : 0;
    size_t head = (sign ? 1 : 0) + strlen(prefix);
    size_t zeros = min_digits > ndigits ? min_digits - ndigits : 0;
    size_t len = head + zeros + ndigits;
    if (s->zero && !s->left && s->width > (int64_t)len) {
        zeros += (size_t)s->width - len;
        len = (size_t)s->width;
    }
    if (!str_check_size(zeros, 1)) return false;
    size_t pad = s->width > (int64_t)len ? (size_t)s->width - len : 0;
    Buf *b = &st->out;
    if (!s->left) buf_fill(b, ' ', pad);
    if (sign) buf_addc(b, sign);
    buf_adds(b, prefix);
    buf_fill(b, '0', zeros);
    buf_add(b, digits, ndigits);
    if (s->left) buf_fill(b, ' ', pad);
    return !b->failed;
}

static bool format_integer(State *st, const Spec *s, Value v) {
    char conv = s->conv;
    bool is_index = val_is_int(v) || val_type(v)->nb_index;
    if (conv == 'x' || conv == 'X' || conv == 'o') {
        if (!is_index) {
            err_format(&Exc_TypeError, "%%%c format: an integer is required, not %s", conv,
                       val_type_name(v));
            return false;
        }
        if (!val_is_int(v) && !(v = obj_index(v))) return false;
    } else if (!val_is_int(v)) {
        if (!val_is_float(v) && !val_type(v)->nb_int && !val_type(v)->nb_index) {
            err_format(&Exc_TypeError, "%%%c format: a real number is required, not %s", conv,
                       val_type_name(v));
            return false;
        }
        if (!(v = obj_int(v))) return false;
    }
    int base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X') ? 16 : 10;
    size_t n;
    bool negative;
    char *digits = format_int_digits(v, base, &n, &negative);
    if (!digits) {
        return false; /* MemoryError, or ValueError past the digit limit */
    }
    if (conv == 'X')
        for (size_t i = 0; i < n; i++)
            if (digits[i] >= 'a') digits[i] -= 32;
    const char *prefix = "";
    if (s->alt) prefix = conv == 'o' ? "0o" : conv == 'x' ? "0x" : conv == 'X' ? "0X" : "";
    size_t min_digits = s->precision > 0 ? (size_t)s->precision : 0;
    return emit_number(st, s, negative, prefix, digits, n, min_digits);
}

static bool format_floating(State *st, const Spec *s, Value v) {
    double d;
    if (val_is_float(v)) {
        d = float_value(v);
    } else if (val_is_int(v) || val_type(v)->nb_float || val_type(v)->nb_index) {
        Value f = obj_float(v);
        if (!f) return false;
        d = float_value(f);
    } else {
        err_format(&Exc_TypeError, "must be real number, not %s", val_type_name(v));
        return false;
    }
    int prec = s->precision < 0 ? 6 : (int)(s->precision > 10000 ? 10000 : s->precision);
    bool negative = signbit(d) && !isnan(d);
    double a = fabs(d);
    char conv = s->conv;
    size_t need = (size_t)prec + 400;
    char small[512];
    char *text = need > sizeof small ? (char *)gc_alloc_atomic(need) : small;
    if (!text) {
        err_no_memory();
        return false;
    }
    if (isnan(a) || isinf(a)) {
        bool upper = conv == 'E' || conv == 'F' || conv == 'G';
        strcpy(text, isnan(a) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
        return emit_number(st, s, negative, "", text, strlen(text), 0);
    }
    char cfmt[8];
    snprintf(cfmt, sizeof cfmt, "%%%s.*%c", s->alt ? "#" : "", conv);
    snprintf(text, need, cfmt, prec, a);
    return emit_number(st, s, negative, "", text, strlen(text), 0);
}

/* %c: a code point (str) or a byte (bytes). */
static bool format_char(State *st, const Spec *s, Value v) {
    char enc[4];
    int n;
    if (st->bytes_mode) {
        const char *data;
        size_t size;
        if (bytes_view(v, &data, &size) && size == 1) {
            enc[0] = data[0];
        } else if (val_is_int(v)) {
            int64_t c;
            if (!int_as_i64(v, &c) || c < 0 || c > 255) {
                err_format(&Exc_OverflowError, "%%c arg not in range(256)");
                return false;
            }
            enc[0] = (char)c;
        } else {
            err_format(&Exc_TypeError, "%%c requires an integer in range(256) or a single byte");
            return false;
        }
        return emit_padded(st, s, enc, 1, 1);
    }
    uint32_t cp;
    if (val_is_str(v) && str_length(v) == 1) {
        cp = str_codepoint_at(v, 0);
    } else if (val_is_int(v)) {
        int64_t c;
        if (!int_as_i64(v, &c) || c < 0 || c > 0x10FFFF) {
            err_format(&Exc_OverflowError, "%%c arg not in range(0x110000)");
            return false;
        }
        cp = (uint32_t)c;
    } else {
        err_format(&Exc_TypeError, "%%c requires int or char");
        return false;
    }
    n = utf8_encode(cp, enc);
    return emit_padded(st, s, enc, n, 1);
}

/* %s %r %a in str mode; %s/%b %r/%a in bytes mode. */
static bool format_text(State *st, const Spec *s, Value v) {
    char conv = s->conv;
    if (st->bytes_mode && (conv == 's' || conv == 'b')) {
        const char *data;
        size_t size;
        Value b = VAL_NULL;
        if (!bytes_view(v, &data, &size)) {
            Value meth = val_is_ptr(v) ? type_lookup(val_type(v), name___bytes__) : VAL_NULL;
            if (!meth) {
                err_format(&Exc_TypeError,
                           "%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'",
                           val_type_name(v));
                return false;
            }
            b = obj_call_method(v, "__bytes__", NULL, 0);
            if (!b) return false;
            if (!bytes_view(b, &data, &size)) {
                err_format(&Exc_TypeError, "__bytes__ returned non-bytes (type %s)", val_type_name(b));
                return false;
            }
        }
        if (s->precision >= 0 && (size_t)s->precision < size) size = (size_t)s->precision;
        return emit_padded(st, s, data, size, size);
    }
    Value t = conv == 'r' ? obj_repr(v) : conv == 'a' ? obj_ascii(v) : obj_str(v);
    if (!t) return false;
    if (st->bytes_mode && conv == 'r') {
        t = obj_ascii(v); /* bytes %r is ascii() */
        if (!t) return false;
    }
    size_t len = str_length(t), size = str_size(t);
    if (s->precision >= 0 && (size_t)s->precision < len) {
        len = (size_t)s->precision;
        size = str_byte_offset(t, len);
    }
    return emit_padded(st, s, str_data(t), size, st->bytes_mode ? size : len);
}

/* ---- spec parsing ---- */

static bool star_arg(State *st, int64_t *out) {
    Value v = next_arg(st);
    if (!v) return false;
    if (!val_is_int(v)) {
        err_format(&Exc_TypeError, "* wants int");
        return false;
    }
    if (!int_as_i64(v, out)) {
        err_format(&Exc_OverflowError, "Python int too large to convert to C ssize_t");
        return false;
    }
    return true;
}

static bool parse_number(State *st, int64_t *out) {
    int64_t n = 0;
    while (st->p < st->end && *st->p >= '0' && *st->p <= '9') {
        if (n > (INT64_MAX - 9) / 10) {
            err_format(&Exc_ValueError, "width too big");
            return false;
        }
        n = n * 10 + (*st->p++ - '0');
    }
    *out = n;
    return true;
}

/* Parse "(key)": fetch the argument from the mapping. */
static Value keyed_arg(State *st) {
    const char *start = ++st->p;
    int depth = 1;
    while (st->p < st->end) {
        if (*st->p == '(') depth++;
        else if (*st->p == ')' && --depth == 0) break;
        st->p++;
    }
    if (st->p >= st->end) return err_format(&Exc_ValueError, "incomplete format key");
    if (!st->dict) return err_format(&Exc_TypeError, "format requires a mapping");
    Value key = st->bytes_mode ? bytes_new(start, st->p - start) : str_new(start, st->p - start);
    st->p++;
    if (!key) return VAL_NULL;
    /* a keyed conversion means positional arguments are not in use */
    st->nargs = 0;
    st->argidx = 0;
    return obj_getitem(st->dict, key);
}

static bool format_one(State *st) {
    Spec s = {false, false, false, false, false, -1, -1, 0};
    const char *spec_start = st->p;
    Value arg = VAL_NULL;
    if (st->p < st->end && *st->p == '(') {
        if (!(arg = keyed_arg(st))) return false;
    }
    for (; st->p < st->end; st->p++) {
        char c = *st->p;
        if (c == '-') s.left = true;
        else if (c == '+') s.plus = true;
        else if (c == ' ') s.space = true;
        else if (c == '#') s.alt = true;
        else if (c == '0') s.zero = true;
        else break;
    }
    if (st->p < st->end && *st->p == '*') {
        st->p++;
        if (!star_arg(st, &s.width)) return false;
        if (s.width < 0) {
            s.left = true;
            s.width = -s.width;
        }
    } else if (!parse_number(st, &s.width)) {
        return false;
    } else if (s.width == 0) {
        s.width = -1;
    }
    if (st->p < st->end && *st->p == '.') {
        st->p++;
        if (st->p < st->end && *st->p == '*') {
            st->p++;
            if (!star_arg(st, &s.precision)) return false;
            if (s.precision < 0) s.precision = 0;
        } else if (!parse_number(st, &s.precision)) {
            return false;
        }
    }
    while (st->p < st->end && (*st->p == 'h' || *st->p == 'l' || *st->p == 'L')) st->p++;
    if (st->p >= st->end) {
        err_format(&Exc_ValueError, "incomplete format");
        return false;
    }
    const char *conv_at = st->p;
    uint32_t conv = utf8_next(&st->p);
    /* only a bare "%%" is a literal; "%5%" consumes an argument and is
     * then an unsupported conversion (CPython 3.13) */
    if (conv == '%' && conv_at == spec_start) return buf_addc(&st->out, '%');
    if (!arg && !(arg = next_arg(st))) return false;
    s.conv = (char)conv;
    switch (conv) {
    case 's': case 'r': case 'a': return format_text(st, &s, arg);
    case 'b':
        if (st->bytes_mode) return format_text(st, &s, arg);
        break;
    case 'd': case 'i': case 'u':
        s.conv = 'd';
        if (val_is_float(arg) && !val_is_int(arg)) {
            Value iv = obj_int(arg);
            if (!iv) return false;
            arg = iv;
        }
        return format_integer(st, &s, arg);
    case 'o': case 'x': case 'X': return format_integer(st, &s, arg);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': return format_floating(st, &s, arg);
    case 'c': return format_char(st, &s, arg);
    }
    size_t index = st->bytes_mode ? (size_t)(conv_at - st->fmt)
                                  : utf8_count(st->fmt, conv_at - st->fmt, NULL);
    if (conv >= 0x20 && conv < 0x7F)
        err_format(&Exc_ValueError, "unsupported format character '%c' (0x%x) at index %zu",
                   (int)conv, (unsigned)conv, index);
    else
        err_format(&Exc_ValueError, "unsupported format character '\\x%x' (0x%x) at index %zu",
                   (unsigned)conv, (unsigned)conv, index);
    return false;
}

static bool run(State *st, Value args) {
    Value single[1] = {args};
    if (val_is_tuple(args)) {
        st->argv = tuple_items(args);
        st->nargs = tuple_size(args);
    } else {
        st->argv = single;
        st->nargs = 1;
    }
    st->argidx = 0;
    st->dict = VAL_NULL;
    /* CPython treats any subscriptable non-tuple, non-str as a mapping */
    if (!val_is_tuple(args) && !val_is_str(args) && (val_is_dict(args) || val_type(args)->mp_subscript))
        st->dict = args;
    buf_init(&st->out);
    while (st->p < st->end) {
        const char *pct = memchr(st->p, '%', st->end - st->p);
        if (!pct) {
            buf_add(&st->out, st->p, st->end - st->p);
            break;
        }
        buf_add(&st->out, st->p, pct - st->p);
        st->p = pct + 1;
        if (!format_one(st)) return false;
    }
    if (st->argidx < st->nargs && !st->dict) {
        err_format(&Exc_TypeError, st->bytes_mode
                                       ? "not all arguments converted during bytes formatting"
                                       : "not all arguments converted during string formatting");
        return false;
    }
    return !st->out.failed;
}

Value str_percent_format(Value fmt, Value args) {
    State st;
    st.bytes_mode = false;
    st.fmt = st.p = str_data(fmt);
    st.end = st.p + str_size(fmt);
    if (!run(&st, args)) return VAL_NULL;
    return buf_to_str(&st.out);
}

Value bytes_percent_format(const char *fmt, size_t size, Value args) {
    State st;
    st.bytes_mode = true;
    st.fmt = st.p = fmt;
    st.end = fmt + size;
    if (!run(&st, args)) return VAL_NULL;
    return buf_to_bytes(&st.out);
}
