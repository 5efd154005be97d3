/* strformat.c — str.format and str.format_map: replacement fields
 * "{name.attr[key]!conv:spec}", auto/manual numbering, nested fields in the
 * spec. The parsing rules and messages follow CPython 3.13
 * (Objects/stringlib/unicode_format.h), re-derived here. */
#include <string.h>

#include "../vm/error.h"
#include "format.h"
#include "int.h"
#include "str.h"
#include "tuple.h"
#include "unicode.h"

typedef struct FormatArgs {
    Value *args;     /* positional args; NULL for format_map */
    size_t nargs;
    Value mapping;   /* keyword dict / mapping, or VAL_NULL */
    int auto_state;  /* 0 unknown, 1 auto numbering, 2 manual */
    int64_t next_auto;
} FormatArgs;

static Value vformat(Value fmt, const char *p, const char *end, FormatArgs *fa, int depth);

/* ---- field name resolution ---- */

static bool all_digits(const char *p, const char *end, int64_t *out) {
    if (p == end) return false;
    int64_t n = 0;
    for (; p < end; p++) {
        if (*p < '0' || *p > '9') return false;
        if (n > INT64_MAX / 10 - 1) return false;
        n = n * 10 + (*p - '0');
    }
    *out = n;
    return true;
}

static Value positional(FormatArgs *fa, int64_t index) {
    if (!fa->args) return err_format(&Exc_ValueError, "Format string contains positional fields");
    if (index >= (int64_t)fa->nargs)
        return err_format(&Exc_IndexError,
                          "Replacement index %lld out of range for positional args tuple",
                          (long long)index);
    return fa->args[index];
}

static Value first_object(FormatArgs *fa, const char *p, const char *end) {
    int64_t index;
    if (p == end) {
        if (fa->auto_state == 2)
            return err_format(&Exc_ValueError,
                              "cannot switch from manual field specification to automatic field numbering");
        fa->auto_state = 1;
        return positional(fa, fa->next_auto++);
    }
    if (all_digits(p, end, &index)) {
        if (fa->auto_state == 1)
            return err_format(&Exc_ValueError,
                              "cannot switch from automatic field numbering to manual field specification");
        fa->auto_state = 2;
        return positional(fa, index);
    }
    Value key = str_new(p, end - p);
    if (!key) return VAL_NULL;
    if (!fa->mapping) return err_set_object(&Exc_KeyError, key);
    return obj_getitem(fa->mapping, key);
}

/* name is "first(.attr|[key])*"; resolve it to an object. */
static Value resolve_field(FormatArgs *fa, const char *p, const char *end) {
    const char *q = p;
    while (q < end && *q != '.' && *q != '[') q++;
    Value obj = first_object(fa, p, q);
    if (!obj) return VAL_NULL;
    p = q;
    while (p < end) {
        char kind = *p++;
        const char *start = p;
        if (kind == '.') {
            while (p < end && *p != '.' && *p != '[') p++;
            if (p == start) return err_format(&Exc_ValueError, "Empty attribute in format string");
            Value name = str_new(start, p - start);
            if (!name || !(name = str_intern(name))) return VAL_NULL;
            obj = obj_getattr(obj, name);
        } else if (kind == '[') {
            while (p < end && *p != ']') p++;
            if (p >= end) return err_format(&Exc_ValueError, "Missing ']' in format string");
            if (p == start) return err_format(&Exc_ValueError, "Empty attribute in format string");
            int64_t index;
            Value key = all_digits(start, p, &index) ? int_from_i64(index) : str_new(start, p - start);
            if (!key) return VAL_NULL;
            p++; /* past ']' */
            if (p < end && *p != '.' && *p != '[')
                return err_format(&Exc_ValueError,
                                  "Only '.' or '[' may follow ']' in format field specifier");
            obj = obj_getitem(obj, key);
        } else {
            return err_format(&Exc_ValueError,
                              "Only '.' or '[' may follow ']' in format field specifier");
        }
        if (!obj) return VAL_NULL;
    }
    return obj;
}

/* ---- one replacement field ---- */

typedef struct Field {
    const char *name, *name_end;
    const char *spec, *spec_end;
    bool spec_nested;
    uint32_t conversion; /* 0: none */
} Field;

/* Parse from just after '{' through the closing '}'; *pp moves past it. */
static bool parse_field(const char **pp, const char *end, Field *f) {
    const char *p = *pp;
    char c = 0;
    f->name = p;
    f->spec = f->spec_end = NULL;
    f->spec_nested = false;
    f->conversion = 0;
    while (p < end) {
        c = *p++;
        if (c == '{') {
            err_format(&Exc_ValueError, "unexpected '{' in field name");
            return false;
        }
        if (c == '[') {
            while (p < end && *p != ']') p++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!') break;
    }
    if (c != '}' && c != ':' && c != '!') {
        err_format(&Exc_ValueError, "expected '}' before end of string");
        return false;
    }
    f->name_end = p - 1;
    if (c == '}') {
        *pp = p;
        return true;
    }
    if (c == '!') {
        if (p >= end) {
            err_format(&Exc_ValueError, "end of string while looking for conversion specifier");
            return false;
        }
        f->conversion = utf8_next(&p);
        if (p < end) {
            c = *p++;
            if (c == '}') {
                *pp = p;
                return true;
            }
            if (c != ':') {
                err_format(&Exc_ValueError, "expected ':' after conversion specifier");
                return false;
            }
        }
    }
    f->spec = p;
    int depth = 1;
    while (p < end) {
        c = *p++;
        if (c == '{') {
            f->spec_nested = true;
            depth++;
        } else if (c == '}' && --depth == 0) {
            f->spec_end = p - 1;
            *pp = p;
            return true;
        }
    }
    err_format(&Exc_ValueError, "unmatched '{' in format spec");
    return false;
}

static Value convert(Value obj, uint32_t conversion) {
    switch (conversion) {
    case 0: return obj;
    case 'r': return obj_repr(obj);
    case 's': return obj_str(obj);
    case 'a': return obj_ascii(obj);
    }
    if (conversion > 32 && conversion < 128)
        return err_format(&Exc_ValueError, "Unknown conversion specifier %c", (int)conversion);
    return err_format(&Exc_ValueError, "Unknown conversion specifier \\x%x", (unsigned)conversion);
}

static bool render_field(Buf *b, Value fmt, Field *f, FormatArgs *fa, int depth) {
    Value obj = resolve_field(fa, f->name, f->name_end);
    if (!obj) return false;
    obj = convert(obj, f->conversion);
    if (!obj) return false;
    Value spec;
    if (!f->spec || f->spec == f->spec_end) {
        spec = str_empty();
    } else if (f->spec_nested) {
        spec = vformat(fmt, f->spec, f->spec_end, fa, depth - 1);
    } else {
        spec = str_new(f->spec, f->spec_end - f->spec);
    }
    if (!spec) return false;
    Value text = obj_format(obj, spec);
    if (!text) return false;
    if (!val_is_str(text)) {
        err_format(&Exc_TypeError, "__format__ must return a str, not %s", val_type_name(text));
        return false;
    }
    return buf_add(b, str_data(text), str_size(text));
}

static Value vformat(Value fmt, const char *p, const char *end, FormatArgs *fa, int depth) {
    if (depth <= 0) return err_format(&Exc_ValueError, "Max string recursion exceeded");
    Buf b;
    buf_init(&b);
    while (p < end) {
        const char *lit = p;
        while (p < end && *p != '{' && *p != '}') p++;
        buf_add(&b, lit, p - lit);
        if (p >= end) break;
        char c = *p++;
        bool at_end = p >= end;
        if (c == '}' && (at_end || *p != '}'))
            return err_format(&Exc_ValueError, "Single '}' encountered in format string");
        if (c == '{' && at_end)
            return err_format(&Exc_ValueError, "Single '{' encountered in format string");
        if (*p == c) { /* doubled brace: a literal */
            buf_addc(&b, c);
            p++;
            continue;
        }
        Field f;
        if (!parse_field(&p, end, &f)) return VAL_NULL;
        if (!render_field(&b, fmt, &f, fa, depth)) return VAL_NULL;
    }
    return buf_to_str(&b);
}

Value strformat_vformat(Value fmt, Value *args, size_t nargs, Value mapping) {
    FormatArgs fa = {args, nargs, mapping, 0, 0};
    static Value empty_args[1];
    if (!args && mapping == VAL_NULL) fa.args = empty_args; /* "{}".format() */
    /* CPython starts with a recursion budget of 2: one nesting level. */
    return vformat(fmt, str_data(fmt), str_data(fmt) + str_size(fmt), &fa, 2);
}
