/* str_methods.c — the methods of str and the Str_Type object itself.
 * Indices given to methods are code points; the helpers below convert to
 * byte offsets once and search the UTF-8 bytes (a byte-wise match of valid
 * UTF-8 is always a code-point-aligned match). */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "../vm/error.h"
#include "dict.h"
#include "format.h"
#include "function.h"
#include "int.h"
#include "list.h"
#include "str.h"
#include "tuple.h"
#include "unicode.h"

/* slots defined in str.c */
Value str_tp_repr(Value self);
Value str_tp_str(Value self);
int str_tp_hash(Value self, int64_t *out);
Value str_tp_richcompare(Value a, Value b, int op);
int64_t str_tp_length(Value self);
int str_tp_contains(Value self, Value item);
Value str_tp_subscript(Value self, Value key);
Value str_nb_add(Value a, Value b);
Value str_nb_multiply(Value a, Value b);
Value str_nb_remainder(Value a, Value b);
Value str_tp_iter(Value self);
Value str_tp_new(Type *type, Value *args, size_t nargs, Value kwnames);

#define SELF args[0]

/* ---- argument helpers (CPython's messages) ---- */

static bool no_kwargs(const char *qualname, Value kwnames) {
    if (kwnames && tuple_size(kwnames) > 0) {
        err_format(&Exc_TypeError, "%s() takes no keyword arguments", qualname);
        return false;
    }
    return true;
}

/* "find expected at least 1 argument, got 0" style (nargs excludes self). */
static bool count_args(const char *name, size_t n, size_t min, size_t max) {
    if (n < min) {
        err_format(&Exc_TypeError, "%s expected at least %zu argument%s, got %zu", name, min,
                   min == 1 ? "" : "s", n);
        return false;
    }
    if (n > max) {
        err_format(&Exc_TypeError, "%s expected at most %zu argument%s, got %zu", name, max,
                   max == 1 ? "" : "s", n);
        return false;
    }
    return true;
}

static bool no_args(const char *name, size_t nargs, Value kwnames) {
    char q[64];
    snprintf(q, sizeof q, "str.%s", name);
    if (!no_kwargs(q, kwnames)) return false;
    if (nargs != 1) {
        err_format(&Exc_TypeError, "str.%s() takes no arguments (%zu given)", name, nargs - 1);
        return false;
    }
    return true;
}

static bool one_arg(const char *name, size_t nargs, Value kwnames) {
    char q[64];
    snprintf(q, sizeof q, "str.%s", name);
    if (!no_kwargs(q, kwnames)) return false;
    if (nargs != 2) {
        err_format(&Exc_TypeError, "str.%s() takes exactly one argument (%zu given)", name,
                   nargs - 1);
        return false;
    }
    return true;
}

static bool str_arg(Value v, const char *fname, int argno) {
    if (val_is_str(v)) return true;
    err_format(&Exc_TypeError, "%s() argument %d must be str, not %s", fname, argno,
               val_type_name(v));
    return false;
}

/* A slice index argument (None allowed), as _PyEval_SliceIndex. */
static bool slice_index(Value v, int64_t *out) {
    if (!v || val_is_none(v)) return true;
    if (!val_is_int(v) && !val_type(v)->nb_index) {
        err_format(&Exc_TypeError,
                   "slice indices must be integers or None or have an __index__ method");
        return false;
    }
    if (obj_index_i64(v, out) < 0) {
        if (!err_matches(&Exc_OverflowError)) return false;
        err_clear();
        Value sign = obj_richcompare(v, val_from_smallint(0), CMP_LT);
        *out = sign == VAL_TRUE ? INT64_MIN / 2 : INT64_MAX / 2;
    }
    return true;
}

static bool index_arg(Value v, int64_t *out) {
    if (!val_is_int(v) && !val_type(v)->nb_index) {
        err_format(&Exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   val_type_name(v));
        return false;
    }
    if (obj_index_i64(v, out) < 0) {
        if (err_matches(&Exc_OverflowError)) {
            err_clear();
            err_format(&Exc_OverflowError, "Python int too large to convert to C ssize_t");
        }
        return false;
    }
    return true;
}

/* Clamp [start, end) code-point bounds as slices do; false when the range
 * is empty-and-beyond (start > len). */
static void adjust_bounds(size_t len, int64_t *start, int64_t *end) {
    if (*end > (int64_t)len) *end = (int64_t)len;
    else if (*end < 0) {
        *end += (int64_t)len;
        if (*end < 0) *end = 0;
    }
    if (*start < 0) {
        *start += (int64_t)len;
        if (*start < 0) *start = 0;
    }
}

/* ---- searching ---- */

static const char *rmemmem(const char *hay, size_t n, const char *needle, size_t m) {
    if (m > n) return NULL;
    if (m == 0) return hay + n;
    for (size_t i = n - m + 1; i-- > 0;)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0) return hay + i;
    return NULL;
}

static size_t cp_index_of(Value s, size_t byte_off) {
    if (STR(s)->ascii) return byte_off;
    return utf8_count(str_data(s), byte_off, NULL);
}

/* Shared body of find/rfind/index/rindex/count. mode: 'f' find, 'r' rfind,
 * 'c' count. Returns the found index (-1 if none) or count; -2 on error. */
static int64_t search(const char *fname, Value *args, size_t nargs, Value kwnames, char mode) {
    char q[32];
    snprintf(q, sizeof q, "str.%s", fname);
    if (!no_kwargs(q, kwnames) || !count_args(fname, nargs - 1, 1, 3)) return -2;
    Value s = SELF, sub = args[1];
    if (!str_arg(sub, fname, 1)) return -2;
    int64_t start = 0, end = INT64_MAX;
    if (!slice_index(nargs > 2 ? args[2] : VAL_NULL, &start)) return -2;
    if (!slice_index(nargs > 3 ? args[3] : VAL_NULL, &end)) return -2;
    size_t len = str_length(s);
    adjust_bounds(len, &start, &end);
    if (start > (int64_t)len) return mode == 'c' ? 0 : -1;
    if (end < start) return mode == 'c' ? 0 : -1;
    size_t b0 = str_byte_offset(s, (size_t)start), b1 = str_byte_offset(s, (size_t)end);
    const char *hay = str_data(s) + b0, *needle = str_data(sub);
    size_t n = b1 - b0, m = str_size(sub);
    if (mode == 'c') {
        if (m == 0) return end - start + 1;
        int64_t count = 0;
        const char *p = hay, *stop = hay + n;
        while ((p = memmem(p, stop - p, needle, m)) != NULL) {
            count++;
            p += m;
        }
        return count;
    }
    const char *found = mode == 'f' ? memmem(hay, n, needle, m) : rmemmem(hay, n, needle, m);
    if (!found) return -1;
    if (m == 0 && mode == 'f') return start;
    return (int64_t)cp_index_of(s, (size_t)(found - str_data(s)));
}

static Value m_find(Value *args, size_t nargs, Value kwnames) {
    int64_t r = search("find", args, nargs, kwnames, 'f');
    return r == -2 ? VAL_NULL : int_from_i64(r);
}
static Value m_rfind(Value *args, size_t nargs, Value kwnames) {
    int64_t r = search("rfind", args, nargs, kwnames, 'r');
    return r == -2 ? VAL_NULL : int_from_i64(r);
}
static Value m_index(Value *args, size_t nargs, Value kwnames) {
    int64_t r = search("index", args, nargs, kwnames, 'f');
    if (r == -1) return err_format(&Exc_ValueError, "substring not found");
    return r == -2 ? VAL_NULL : int_from_i64(r);
}
static Value m_rindex(Value *args, size_t nargs, Value kwnames) {
    int64_t r = search("rindex", args, nargs, kwnames, 'r');
    if (r == -1) return err_format(&Exc_ValueError, "substring not found");
    return r == -2 ? VAL_NULL : int_from_i64(r);
}
static Value m_count(Value *args, size_t nargs, Value kwnames) {
    int64_t r = search("count", args, nargs, kwnames, 'c');
    return r == -2 ? VAL_NULL : int_from_i64(r);
}

/* startswith / endswith */
static int match_affix(Value s, Value affix, int64_t start, int64_t end, bool at_end) {
    size_t len = str_length(s);
    adjust_bounds(len, &start, &end);
    if (start > (int64_t)len) return 0;
    if (end - start < (int64_t)str_length(affix)) return 0;
    size_t b0 = str_byte_offset(s, (size_t)start), b1 = str_byte_offset(s, (size_t)end);
    size_t m = str_size(affix);
    if (b1 - b0 < m) return 0;
    const char *at = at_end ? str_data(s) + b1 - m : str_data(s) + b0;
    return memcmp(at, str_data(affix), m) == 0;
}

static Value affix_method(const char *name, Value *args, size_t nargs, Value kwnames, bool at_end) {
    char q[32];
    snprintf(q, sizeof q, "str.%s", name);
    if (!no_kwargs(q, kwnames) || !count_args(name, nargs - 1, 1, 3)) return VAL_NULL;
    int64_t start = 0, end = INT64_MAX;
    if (!slice_index(nargs > 2 ? args[2] : VAL_NULL, &start)) return VAL_NULL;
    if (!slice_index(nargs > 3 ? args[3] : VAL_NULL, &end)) return VAL_NULL;
    Value arg = args[1];
    if (val_is_tuple(arg)) {
        for (size_t i = 0; i < tuple_size(arg); i++) {
            Value a = tuple_items(arg)[i];
            if (!val_is_str(a))
                return err_format(&Exc_TypeError, "tuple for %s must only contain str, not %s",
                                  name, val_type_name(a));
            if (match_affix(SELF, a, start, end, at_end)) return VAL_TRUE;
        }
        return VAL_FALSE;
    }
    if (!val_is_str(arg))
        return err_format(&Exc_TypeError, "%s first arg must be str or a tuple of str, not %s",
                          name, val_type_name(arg));
    return val_bool(match_affix(SELF, arg, start, end, at_end));
}

static Value m_startswith(Value *args, size_t nargs, Value kwnames) {
    return affix_method("startswith", args, nargs, kwnames, false);
}
static Value m_endswith(Value *args, size_t nargs, Value kwnames) {
    return affix_method("endswith", args, nargs, kwnames, true);
}

/* ---- case conversion ---- */

/* Greek capital sigma lowers to final sigma at the end of a word:
 * preceded by a cased letter and not followed by one. */
static bool final_sigma(const char *start, const char *at, const char *after, const char *end) {
    bool before = false;
    const char *p = start;
    uint32_t prev = 0;
    while (p < at) prev = utf8_next(&p), before = true;
    if (!before || !uni_iscased(prev)) return false;
    if (after >= end) return true;
    p = after;
    return !uni_iscased(utf8_next(&p));
}

typedef enum { MODE_LOWER, MODE_UPPER, MODE_SWAP, MODE_TITLE, MODE_CAPITALIZE, MODE_FOLD } CaseMode;

static bool add_mapped(Buf *b, uint32_t cp, int which) {
    uint32_t out[3];
    int n = uni_case_map(cp, which, out);
    for (int i = 0; i < n; i++)
        if (!buf_add_cp(b, out[i])) return false;
    return true;
}

static Value ascii_case(Value s, CaseMode mode) {
    size_t n = str_size(s);
    const char *d = str_data(s);
    Buf b;
    buf_init(&b);
    if (!buf_reserve(&b, n)) return VAL_NULL;
    bool prev_cased = false;
    for (size_t i = 0; i < n; i++) {
        char c = d[i];
        bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
        bool to_upper;
        switch (mode) {
        case MODE_UPPER: to_upper = true; break;
        case MODE_SWAP: to_upper = low; break;
        case MODE_TITLE: to_upper = !prev_cased; break;
        case MODE_CAPITALIZE: to_upper = i == 0; break;
        default: to_upper = false;
        }
        if (to_upper && low) c -= 32;
        else if (!to_upper && up) c += 32;
        prev_cased = up || low;
        b.data[b.len++] = c;
    }
    return str_new_known(b.data, b.len, n, true);
}

static Value convert_case(Value s, CaseMode mode) {
    if (STR(s)->ascii) return ascii_case(s, mode);
    Buf b;
    buf_init(&b);
    const char *start = str_data(s), *p = start, *end = p + str_size(s);
    bool prev_cased = false, first = true;
    while (p < end) {
        const char *at = p;
        uint32_t cp = utf8_next(&p);
        int which;
        switch (mode) {
        case MODE_UPPER: which = CASE_UPPER; break;
        case MODE_FOLD: which = CASE_FOLD; break;
        case MODE_SWAP:
            which = uni_isupper(cp) ? CASE_LOWER : uni_islower(cp) ? CASE_UPPER : -1;
            break;
        case MODE_TITLE: which = prev_cased ? CASE_LOWER : CASE_TITLE; break;
        case MODE_CAPITALIZE: which = first ? CASE_TITLE : CASE_LOWER; break;
        default: which = CASE_LOWER;
        }
        first = false;
        if (mode == MODE_TITLE) prev_cased = uni_iscased(cp);
        if (cp == 0x3A3 && which == CASE_LOWER && final_sigma(start, at, p, end)) {
            buf_add_cp(&b, 0x3C2);
            continue;
        }
        if (which < 0) buf_add_cp(&b, cp);
        else if (!add_mapped(&b, cp, which)) return VAL_NULL;
    }
    return buf_to_str(&b);
}

#define CASE_METHOD(fn, pyname, mode) \
    static Value fn(Value *args, size_t nargs, Value kwnames) { \
        if (!no_args(pyname, nargs, kwnames)) return VAL_NULL; \
        return convert_case(SELF, mode); \
    }
CASE_METHOD(m_lower, "lower", MODE_LOWER)
CASE_METHOD(m_upper, "upper", MODE_UPPER)
CASE_METHOD(m_swapcase, "swapcase", MODE_SWAP)
CASE_METHOD(m_title, "title", MODE_TITLE)
CASE_METHOD(m_capitalize, "capitalize", MODE_CAPITALIZE)
CASE_METHOD(m_casefold, "casefold", MODE_FOLD)

/* ---- predicates ---- */

typedef bool (*CpPred)(uint32_t);

static Value all_match(Value s, CpPred pred, bool empty_result) {
    if (str_size(s) == 0) return val_bool(empty_result);
    const char *p = str_data(s), *end = p + str_size(s);
    while (p < end)
        if (!pred(utf8_next(&p))) return VAL_FALSE;
    return VAL_TRUE;
}

static bool is_ascii_cp(uint32_t cp) { return cp < 0x80; }

#define PRED_METHOD(fn, pyname, pred, empty) \
    static Value fn(Value *args, size_t nargs, Value kwnames) { \
        if (!no_args(pyname, nargs, kwnames)) return VAL_NULL; \
        return all_match(SELF, pred, empty); \
    }
PRED_METHOD(m_isalnum, "isalnum", uni_isalnum, false)
PRED_METHOD(m_isalpha, "isalpha", uni_isalpha, false)
PRED_METHOD(m_isdecimal, "isdecimal", uni_isdecimal, false)
PRED_METHOD(m_isdigit, "isdigit", uni_isdigit, false)
PRED_METHOD(m_isnumeric, "isnumeric", uni_isnumeric, false)
PRED_METHOD(m_isspace, "isspace", uni_isspace, false)
PRED_METHOD(m_isprintable, "isprintable", uni_isprintable, true)

static Value m_isascii(Value *args, size_t nargs, Value kwnames) {
    if (!no_args("isascii", nargs, kwnames)) return VAL_NULL;
    return val_bool(STR(SELF)->ascii || all_match(SELF, is_ascii_cp, true) == VAL_TRUE);
}

/* islower: some cased character and no uppercase/titlecase one. */
static Value case_pred(Value *args, size_t nargs, Value kwnames, const char *name, bool lower) {
    if (!no_args(name, nargs, kwnames)) return VAL_NULL;
    const char *p = str_data(SELF), *end = p + str_size(SELF);
    bool cased = false;
    while (p < end) {
        uint32_t cp = utf8_next(&p);
        bool up = uni_isupper(cp) || uni_istitle(cp), low = uni_islower(cp);
        if (lower ? up : (low || uni_istitle(cp))) return VAL_FALSE;
        if (lower ? low : up) cased = true;
    }
    return val_bool(cased);
}
static Value m_islower(Value *args, size_t nargs, Value kwnames) {
    return case_pred(args, nargs, kwnames, "islower", true);
}
static Value m_isupper(Value *args, size_t nargs, Value kwnames) {
    return case_pred(args, nargs, kwnames, "isupper", false);
}

static Value m_istitle(Value *args, size_t nargs, Value kwnames) {
    if (!no_args("istitle", nargs, kwnames)) return VAL_NULL;
    const char *p = str_data(SELF), *end = p + str_size(SELF);
    bool cased = false, prev_cased = false;
    while (p < end) {
        uint32_t cp = utf8_next(&p);
        if (uni_isupper(cp) || uni_istitle(cp)) {
            if (prev_cased) return VAL_FALSE;
            prev_cased = cased = true;
        } else if (uni_islower(cp)) {
            if (!prev_cased) return VAL_FALSE;
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return val_bool(cased);
}

static Value m_isidentifier(Value *args, size_t nargs, Value kwnames) {
    if (!no_args("isidentifier", nargs, kwnames)) return VAL_NULL;
    const char *p = str_data(SELF), *end = p + str_size(SELF);
    if (p == end || !uni_isidstart(utf8_next(&p))) return VAL_FALSE;
    while (p < end)
        if (!uni_isidcontinue(utf8_next(&p))) return VAL_FALSE;
    return VAL_TRUE;
}

/* ---- strip ---- */

static bool cp_in(uint32_t cp, Value chars) {
    if (!chars) return uni_isspace(cp);
    const char *p = str_data(chars), *end = p + str_size(chars);
    while (p < end)
        if (utf8_next(&p) == cp) return true;
    return false;
}

static Value do_strip(Value *args, size_t nargs, Value kwnames, const char *name, bool left,
                      bool right) {
    char q[32];
    snprintf(q, sizeof q, "str.%s", name);
    if (!no_kwargs(q, kwnames) || !count_args(name, nargs - 1, 0, 1)) return VAL_NULL;
    Value chars = nargs > 1 && !val_is_none(args[1]) ? args[1] : VAL_NULL;
    if (chars && !val_is_str(chars))
        return err_format(&Exc_TypeError, "%s arg must be None or str", name);
    Value s = SELF;
    const char *d = str_data(s), *lo = d, *hi = d + str_size(s);
    if (left) {
        while (lo < hi) {
            const char *p = lo;
            if (!cp_in(utf8_next(&p), chars)) break;
            lo = p;
        }
    }
    if (right) {
        while (hi > lo) {
            const char *p = hi - 1;
            while (p > lo && utf8_is_cont((unsigned char)*p)) p--;
            const char *q2 = p;
            if (!cp_in(utf8_next(&q2), chars)) break;
            hi = p;
        }
    }
    if (lo == d && hi == d + str_size(s) && val_is_str_exact(s)) return s;
    return str_new(lo, (size_t)(hi - lo));
}

static Value m_strip(Value *args, size_t nargs, Value kwnames) {
    return do_strip(args, nargs, kwnames, "strip", true, true);
}
static Value m_lstrip(Value *args, size_t nargs, Value kwnames) {
    return do_strip(args, nargs, kwnames, "lstrip", true, false);
}
static Value m_rstrip(Value *args, size_t nargs, Value kwnames) {
    return do_strip(args, nargs, kwnames, "rstrip", false, true);
}

/* ---- split family ---- */

static bool push_piece(Value list, const char *p, size_t n) {
    Value piece = str_new(p, n);
    return piece && list_append(list, piece) == 0;
}

static Value split_whitespace(Value s, int64_t maxsplit) {
    Value list = list_new(0);
    if (!list) return VAL_NULL;
    const char *p = str_data(s), *end = p + str_size(s);
    while (p < end) {
        const char *q = p;
        while (q < end) { /* skip whitespace */
            const char *r = q;
            if (!uni_isspace(utf8_next(&r))) break;
            q = r;
        }
        p = q;
        if (p >= end) break;
        if (maxsplit == 0) {
            /* trailing whitespace of the rest stays (CPython keeps it) */
            if (!push_piece(list, p, end - p)) return VAL_NULL;
            return list;
        }
        q = p;
        while (q < end) {
            const char *r = q;
            if (uni_isspace(utf8_next(&r))) break;
            q = r;
        }
        if (!push_piece(list, p, q - p)) return VAL_NULL;
        maxsplit--;
        p = q;
    }
    return list;
}

static Value rsplit_whitespace(Value s, int64_t maxsplit) {
    Value list = list_new(0);
    if (!list) return VAL_NULL;
    const char *begin = str_data(s), *end = begin + str_size(s);
    /* step back over one code point from e */
#define PREV(e) ({ const char *_p = (e) - 1; while (_p > begin && utf8_is_cont((unsigned char)*_p)) _p--; _p; })
#define CP_AT(p) ({ const char *_q = (p); utf8_next(&_q); })
    while (end > begin) {
        while (end > begin && uni_isspace(CP_AT(PREV(end)))) end = PREV(end);
        if (end <= begin) break;
        if (maxsplit == 0) {
            if (!push_piece(list, begin, end - begin)) return VAL_NULL;
            end = begin;
            break;
        }
        const char *q = end;
        while (q > begin && !uni_isspace(CP_AT(PREV(q)))) q = PREV(q);
        if (!push_piece(list, q, end - q)) return VAL_NULL;
        maxsplit--;
        end = q;
    }
#undef PREV
#undef CP_AT
    /* reverse into source order */
    Value *it = list_items(list);
    for (size_t i = 0, j = list_size(list); i + 1 < j; i++, j--) {
        Value t = it[i];
        it[i] = it[j - 1];
        it[j - 1] = t;
    }
    return list;
}

static Value split_sep(Value s, Value sep, int64_t maxsplit, bool from_right) {
    size_t m = str_size(sep);
    if (m == 0) return err_format(&Exc_ValueError, "empty separator");
    Value list = list_new(0);
    if (!list) return VAL_NULL;
    const char *d = str_data(s), *ns = str_data(sep);
    size_t n = str_size(s);
    if (!from_right) {
        const char *p = d, *end = d + n, *f;
        while (maxsplit != 0 && (f = memmem(p, end - p, ns, m)) != NULL) {
            if (!push_piece(list, p, f - p)) return VAL_NULL;
            p = f + m;
            maxsplit--;
        }
        if (!push_piece(list, p, end - p)) return VAL_NULL;
        return list;
    }
    const char *end = d + n, *f;
    while (maxsplit != 0 && (f = rmemmem(d, end - d, ns, m)) != NULL) {
        if (!push_piece(list, f + m, end - (f + m))) return VAL_NULL;
        end = f;
        maxsplit--;
    }
    if (!push_piece(list, d, end - d)) return VAL_NULL;
    Value *it = list_items(list);
    for (size_t i = 0, j = list_size(list); i + 1 < j; i++, j--) {
        Value t = it[i];
        it[i] = it[j - 1];
        it[j - 1] = t;
    }
    return list;
}

static Value split_method(const char *name, Value *args, size_t nargs, Value kwnames, bool right) {
    static const char *const names[] = {"sep", "maxsplit", NULL};
    Value a[2];
    if (args_parse(name, args + 1, nargs - 1, kwnames, names, 0, 0, a) < 0) return VAL_NULL;
    int64_t maxsplit = -1;
    if (a[1] && !index_arg(a[1], &maxsplit)) return VAL_NULL;
    if (maxsplit < 0) maxsplit = -1;
    Value sep = a[0] && !val_is_none(a[0]) ? a[0] : VAL_NULL;
    if (sep && !val_is_str(sep))
        return err_format(&Exc_TypeError, "must be str or None, not %s", val_type_name(sep));
    if (!sep) return right ? rsplit_whitespace(SELF, maxsplit) : split_whitespace(SELF, maxsplit);
    return split_sep(SELF, sep, maxsplit, right);
}

static Value m_split(Value *args, size_t nargs, Value kwnames) {
    return split_method("split", args, nargs, kwnames, false);
}
static Value m_rsplit(Value *args, size_t nargs, Value kwnames) {
    return split_method("rsplit", args, nargs, kwnames, true);
}

static Value m_splitlines(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"keepends", NULL};
    Value a[1];
    if (args_parse("splitlines", args + 1, nargs - 1, kwnames, names, 0, 0, a) < 0)
        return VAL_NULL;
    int keep = 0;
    if (a[0] && (keep = obj_truthy(a[0])) < 0) return VAL_NULL;
    Value list = list_new(0);
    if (!list) return VAL_NULL;
    const char *p = str_data(SELF), *end = p + str_size(SELF), *line = p;
    while (p < end) {
        const char *at = p;
        uint32_t cp = utf8_next(&p);
        if (!uni_islinebreak(cp)) continue;
        if (cp == '\r' && p < end && *p == '\n') p++;
        if (!push_piece(list, line, (size_t)((keep ? p : at) - line))) return VAL_NULL;
        line = p;
    }
    if (line < end && !push_piece(list, line, end - line)) return VAL_NULL;
    return list;
}

static Value partition(Value *args, size_t nargs, Value kwnames, const char *name, bool right) {
    if (!one_arg(name, nargs, kwnames)) return VAL_NULL;
    Value s = SELF, sep = args[1];
    if (!val_is_str(sep))
        return err_format(&Exc_TypeError, "must be str, not %s", val_type_name(sep));
    if (str_size(sep) == 0) return err_format(&Exc_ValueError, "empty separator");
    const char *d = str_data(s);
    size_t n = str_size(s), m = str_size(sep);
    const char *f = right ? rmemmem(d, n, str_data(sep), m) : memmem(d, n, str_data(sep), m);
    Value empty = str_empty();
    if (!f) return right ? tuple_pack(3, empty, empty, s) : tuple_pack(3, s, empty, empty);
    Value before = str_new(d, f - d), after = str_new(f + m, d + n - (f + m));
    if (!before || !after) return VAL_NULL;
    return tuple_pack(3, before, sep, after);
}
static Value m_partition(Value *args, size_t nargs, Value kwnames) {
    return partition(args, nargs, kwnames, "partition", false);
}
static Value m_rpartition(Value *args, size_t nargs, Value kwnames) {
    return partition(args, nargs, kwnames, "rpartition", true);
}

/* ---- join / replace / affixes ---- */

static Value m_join(Value *args, size_t nargs, Value kwnames) {
    if (!one_arg("join", nargs, kwnames)) return VAL_NULL;
    return str_join(SELF, args[1]);
}

static Value m_replace(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"", "", "count", NULL};
    Value a[3];
    if (nargs - 1 < 2 && (!kwnames || tuple_size(kwnames) == 0))
        return err_format(&Exc_TypeError, "replace() takes at least 2 positional arguments (%zu given)",
                          nargs - 1);
    if (args_parse("replace", args + 1, nargs - 1, kwnames, names, 2, 2, a) < 0) return VAL_NULL;
    if (!str_arg(a[0], "replace", 1) || !str_arg(a[1], "replace", 2)) return VAL_NULL;
    int64_t count = -1;
    if (a[2] && !index_arg(a[2], &count)) return VAL_NULL;
    Value s = SELF, old = a[0], rep = a[1];
    const char *d = str_data(s), *end = d + str_size(s);
    size_t m = str_size(old);
    Buf b;
    buf_init(&b);
    if (m == 0) {
        /* insert rep before every code point and at the end */
        const char *p = d;
        while (count != 0) {
            buf_add(&b, str_data(rep), str_size(rep));
            count--;
            if (p >= end) break;
            const char *q = p;
            utf8_next(&q);
            buf_add(&b, p, q - p);
            p = q;
        }
        buf_add(&b, p, end - p);
        return buf_to_str(&b);
    }
    const char *p = d, *f;
    bool changed = false;
    while (count != 0 && (f = memmem(p, end - p, str_data(old), m)) != NULL) {
        buf_add(&b, p, f - p);
        buf_add(&b, str_data(rep), str_size(rep));
        p = f + m;
        count--;
        changed = true;
    }
    if (!changed && val_is_str_exact(s)) return s;
    buf_add(&b, p, end - p);
    return buf_to_str(&b);
}

static Value affix_remove(Value *args, size_t nargs, Value kwnames, const char *name, bool suffix) {
    if (!one_arg(name, nargs, kwnames)) return VAL_NULL;
    Value s = SELF, a = args[1];
    if (!val_is_str(a))
        return err_format(&Exc_TypeError, "%s() argument must be str, not %s", name,
                          val_type_name(a));
    size_t n = str_size(s), m = str_size(a);
    if (m > 0 && m <= n) {
        const char *at = suffix ? str_data(s) + n - m : str_data(s);
        if (memcmp(at, str_data(a), m) == 0)
            return str_new(suffix ? str_data(s) : str_data(s) + m, n - m);
    }
    return str_tp_str(s);
}
static Value m_removeprefix(Value *args, size_t nargs, Value kwnames) {
    return affix_remove(args, nargs, kwnames, "removeprefix", false);
}
static Value m_removesuffix(Value *args, size_t nargs, Value kwnames) {
    return affix_remove(args, nargs, kwnames, "removesuffix", true);
}

/* ---- padding ---- */

static Value pad(Value s, int64_t left, int64_t right, uint32_t fill) {
    if (left <= 0 && right <= 0) return str_tp_str(s);
    if (left < 0) left = 0;
    if (right < 0) right = 0;
    Buf b;
    buf_init(&b);
    if (!str_check_size((size_t)(left + right), 4)) return VAL_NULL;
    buf_fill_cp(&b, fill, (size_t)left);
    buf_add(&b, str_data(s), str_size(s));
    buf_fill_cp(&b, fill, (size_t)right);
    return buf_to_str(&b);
}

static Value justify(Value *args, size_t nargs, Value kwnames, const char *name, char how) {
    char q[32];
    snprintf(q, sizeof q, "str.%s", name);
    if (!no_kwargs(q, kwnames) || !count_args(name, nargs - 1, 1, 2)) return VAL_NULL;
    int64_t width;
    if (!index_arg(args[1], &width)) return VAL_NULL;
    uint32_t fill = ' ';
    if (nargs > 2) {
        Value f = args[2];
        if (!val_is_str(f))
            return err_format(&Exc_TypeError, "The fill character must be a unicode character, not %s",
                              val_type_name(f));
        if (str_length(f) != 1)
            return err_format(&Exc_TypeError, "The fill character must be exactly one character long");
        fill = str_codepoint_at(f, 0);
    }
    int64_t marg = width - (int64_t)str_length(SELF);
    if (marg <= 0) return str_tp_str(SELF);
    switch (how) {
    case '<': return pad(SELF, 0, marg, fill);
    case '>': return pad(SELF, marg, 0, fill);
    default: {
        /* CPython: left = marg/2 + (marg & width & 1) */
        int64_t left = marg / 2 + (marg & width & 1);
        return pad(SELF, left, marg - left, fill);
    }
    }
}
static Value m_center(Value *args, size_t nargs, Value kwnames) {
    return justify(args, nargs, kwnames, "center", '^');
}
static Value m_ljust(Value *args, size_t nargs, Value kwnames) {
    return justify(args, nargs, kwnames, "ljust", '<');
}
static Value m_rjust(Value *args, size_t nargs, Value kwnames) {
    return justify(args, nargs, kwnames, "rjust", '>');
}

static Value m_zfill(Value *args, size_t nargs, Value kwnames) {
    if (!one_arg("zfill", nargs, kwnames)) return VAL_NULL;
    int64_t width;
    if (!index_arg(args[1], &width)) return VAL_NULL;
    Value s = SELF;
    int64_t fill = width - (int64_t)str_length(s);
    if (fill <= 0) return str_tp_str(s);
    if (!str_check_size((size_t)fill, 1)) return VAL_NULL;
    Buf b;
    buf_init(&b);
    const char *d = str_data(s);
    size_t n = str_size(s), signlen = 0;
    if (n > 0 && (d[0] == '+' || d[0] == '-')) signlen = 1;
    buf_add(&b, d, signlen);
    buf_fill(&b, '0', (size_t)fill);
    buf_add(&b, d + signlen, n - signlen);
    return buf_to_str(&b);
}

static Value m_expandtabs(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"tabsize", NULL};
    Value a[1];
    if (args_parse("expandtabs", args + 1, nargs - 1, kwnames, names, 0, 0, a) < 0)
        return VAL_NULL;
    int64_t tabsize = 8;
    if (a[0] && !index_arg(a[0], &tabsize)) return VAL_NULL;
    Buf b;
    buf_init(&b);
    const char *p = str_data(SELF), *end = p + str_size(SELF);
    int64_t col = 0;
    while (p < end) {
        const char *at = p;
        uint32_t cp = utf8_next(&p);
        if (cp == '\t') {
            if (tabsize > 0) {
                int64_t spaces = tabsize - col % tabsize;
                if (!buf_fill(&b, ' ', (size_t)spaces)) return VAL_NULL;
                col += spaces;
            }
        } else {
            buf_add(&b, at, p - at);
            col = (cp == '\n' || cp == '\r') ? 0 : col + 1;
        }
    }
    return buf_to_str(&b);
}

/* ---- encode / translate / maketrans ---- */

static Value m_encode(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"encoding", "errors", NULL};
    Value a[2];
    if (args_parse("encode", args + 1, nargs - 1, kwnames, names, 0, 0, a) < 0) return VAL_NULL;
    if (a[0] && !val_is_str(a[0]))
        return err_format(&Exc_TypeError, "encode() argument 'encoding' must be str, not %s",
                          val_type_name(a[0]));
    if (a[1] && !val_is_str(a[1]))
        return err_format(&Exc_TypeError, "encode() argument 'errors' must be str, not %s",
                          val_type_name(a[1]));
    return codec_encode(SELF, a[0] ? str_data(a[0]) : "utf-8", a[1] ? str_data(a[1]) : "strict");
}

static Value m_translate(Value *args, size_t nargs, Value kwnames) {
    if (!one_arg("translate", nargs, kwnames)) return VAL_NULL;
    Value table = args[1];
    Buf b;
    buf_init(&b);
    const char *p = str_data(SELF), *end = p + str_size(SELF);
    while (p < end) {
        uint32_t cp = utf8_next(&p);
        Value key = val_from_smallint(cp);
        Value r = obj_getitem(table, key);
        if (!r) {
            if (!err_matches(&Exc_LookupError)) return VAL_NULL;
            err_clear();
            buf_add_cp(&b, cp);
            continue;
        }
        if (val_is_none(r)) continue;
        if (val_is_int(r)) {
            int64_t c;
            if (!int_as_i64(r, &c) || c < 0 || c > 0x10FFFF)
                return err_format(&Exc_ValueError, "character mapping must be in range(0x110000)");
            buf_add_cp(&b, (uint32_t)c);
        } else if (val_is_str(r)) {
            buf_add(&b, str_data(r), str_size(r));
        } else {
            return err_format(&Exc_TypeError, "character mapping must return integer, None or str");
        }
    }
    return buf_to_str(&b);
}

static Value m_maketrans(Value *args, size_t nargs, Value kwnames) {
    if (!no_kwargs("str.maketrans", kwnames) || !count_args("maketrans", nargs, 1, 3))
        return VAL_NULL;
    Value d = dict_new();
    if (!d) return VAL_NULL;
    if (nargs == 1) {
        Value src = args[0];
        if (!val_is_dict(src))
            return err_format(&Exc_TypeError,
                              "if you give only one argument to maketrans it must be a dict");
        size_t pos = 0;
        Value k, v;
        while (dict_next(src, &pos, &k, &v)) {
            if (val_is_str(k)) {
                if (str_length(k) != 1)
                    return err_format(&Exc_ValueError,
                                      "string keys in translate table must be of length 1");
                k = val_from_smallint(str_codepoint_at(k, 0));
            } else if (!val_is_int(k)) {
                return err_format(&Exc_TypeError,
                                  "keys in translate table must be strings or integers");
            }
            if (dict_set(d, k, v) < 0) return VAL_NULL;
        }
        return d;
    }
    for (size_t i = 0; i < nargs; i++)
        if (!str_arg(args[i], "maketrans", (int)i + 1)) return VAL_NULL;
    Value x = args[0], y = args[1];
    if (str_length(x) != str_length(y))
        return err_format(&Exc_ValueError, "the first two maketrans arguments must have equal length");
    const char *px = str_data(x), *py = str_data(y), *ex = px + str_size(x);
    while (px < ex) {
        uint32_t a = utf8_next(&px), c = utf8_next(&py);
        if (dict_set(d, val_from_smallint(a), val_from_smallint(c)) < 0) return VAL_NULL;
    }
    if (nargs == 3) {
        const char *pz = str_data(args[2]), *ez = pz + str_size(args[2]);
        while (pz < ez)
            if (dict_set(d, val_from_smallint(utf8_next(&pz)), VAL_NONE) < 0) return VAL_NULL;
    }
    return d;
}

/* ---- formatting ---- */

static Value m_format(Value *args, size_t nargs, Value kwnames) {
    /* keyword values follow the nargs positional ones (object.h) */
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    Value mapping = VAL_NULL;
    if (nkw > 0) {
        mapping = dict_new();
        if (!mapping) return VAL_NULL;
        for (size_t i = 0; i < nkw; i++)
            if (dict_set(mapping, tuple_items(kwnames)[i], args[nargs + i]) < 0) return VAL_NULL;
    }
    return strformat_vformat(SELF, args + 1, nargs - 1, mapping);
}

static Value m_format_map(Value *args, size_t nargs, Value kwnames) {
    if (!one_arg("format_map", nargs, kwnames)) return VAL_NULL;
    return strformat_vformat(SELF, NULL, 0, args[1]);
}

static Value m___format__(Value *args, size_t nargs, Value kwnames) {
    if (!one_arg("__format__", nargs, kwnames)) return VAL_NULL;
    if (!val_is_str(args[1]))
        return err_format(&Exc_TypeError, "__format__() argument must be str, not %s",
                          val_type_name(args[1]));
    return format_str(SELF, args[1]);
}

static Value m___getnewargs__(Value *args, size_t nargs, Value kwnames) {
    if (!no_args("__getnewargs__", nargs, kwnames)) return VAL_NULL;
    Value copy = str_new(str_data(SELF), str_size(SELF));
    return copy ? tuple_pack(1, copy) : VAL_NULL;
}

static Value m___sizeof__(Value *args, size_t nargs, Value kwnames) {
    if (!no_args("__sizeof__", nargs, kwnames)) return VAL_NULL;
    return int_from_i64((int64_t)(sizeof(StrObject) + str_size(SELF) + 1));
}

static const MethodDef str_methods[] = {
    {"capitalize", m_capitalize, METH_DEFAULT, NULL},
    {"casefold", m_casefold, METH_DEFAULT, NULL},
    {"center", m_center, METH_DEFAULT, NULL},
    {"count", m_count, METH_DEFAULT, NULL},
    {"encode", m_encode, METH_DEFAULT, NULL},
    {"endswith", m_endswith, METH_DEFAULT, NULL},
    {"expandtabs", m_expandtabs, METH_DEFAULT, NULL},
    {"find", m_find, METH_DEFAULT, NULL},
    {"format", m_format, METH_DEFAULT, NULL},
    {"format_map", m_format_map, METH_DEFAULT, NULL},
    {"index", m_index, METH_DEFAULT, NULL},
    {"isalnum", m_isalnum, METH_DEFAULT, NULL},
    {"isalpha", m_isalpha, METH_DEFAULT, NULL},
    {"isascii", m_isascii, METH_DEFAULT, NULL},
    {"isdecimal", m_isdecimal, METH_DEFAULT, NULL},
    {"isdigit", m_isdigit, METH_DEFAULT, NULL},
    {"isidentifier", m_isidentifier, METH_DEFAULT, NULL},
    {"islower", m_islower, METH_DEFAULT, NULL},
    {"isnumeric", m_isnumeric, METH_DEFAULT, NULL},
    {"isprintable", m_isprintable, METH_DEFAULT, NULL},
    {"isspace", m_isspace, METH_DEFAULT, NULL},
    {"istitle", m_istitle, METH_DEFAULT, NULL},
    {"isupper", m_isupper, METH_DEFAULT, NULL},
    {"join", m_join, METH_DEFAULT, NULL},
    {"ljust", m_ljust, METH_DEFAULT, NULL},
    {"lower", m_lower, METH_DEFAULT, NULL},
    {"lstrip", m_lstrip, METH_DEFAULT, NULL},
    {"maketrans", m_maketrans, METH_STATIC, NULL},
    {"partition", m_partition, METH_DEFAULT, NULL},
    {"removeprefix", m_removeprefix, METH_DEFAULT, NULL},
    {"removesuffix", m_removesuffix, METH_DEFAULT, NULL},
    {"replace", m_replace, METH_DEFAULT, NULL},
    {"rfind", m_rfind, METH_DEFAULT, NULL},
    {"rindex", m_rindex, METH_DEFAULT, NULL},
    {"rjust", m_rjust, METH_DEFAULT, NULL},
    {"rpartition", m_rpartition, METH_DEFAULT, NULL},
    {"rsplit", m_rsplit, METH_DEFAULT, NULL},
    {"rstrip", m_rstrip, METH_DEFAULT, NULL},
    {"split", m_split, METH_DEFAULT, NULL},
    {"splitlines", m_splitlines, METH_DEFAULT, NULL},
    {"startswith", m_startswith, METH_DEFAULT, NULL},
    {"strip", m_strip, METH_DEFAULT, NULL},
    {"swapcase", m_swapcase, METH_DEFAULT, NULL},
    {"title", m_title, METH_DEFAULT, NULL},
    {"translate", m_translate, METH_DEFAULT, NULL},
    {"upper", m_upper, METH_DEFAULT, NULL},
    {"zfill", m_zfill, METH_DEFAULT, NULL},
    {"__format__", m___format__, METH_DEFAULT, NULL},
    {"__getnewargs__", m___getnewargs__, METH_DEFAULT, NULL},
    {"__sizeof__", m___sizeof__, METH_DEFAULT, NULL},
    {NULL},
};

Type Str_Type = {
    .base = {&Type_Type},
    .name = "str",
    .basicsize = sizeof(StrObject),
    .flags = TPFLAG_STR_SUBCLASS | TPFLAG_BASETYPE,
    /* str subclasses keep their AttrStore in front of the variable-size
     * object (object.h, obj_alloc_var); the class machinery sets the
     * subclass's attrs_offset. */
    .doc = "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str",
    .tp_new = str_tp_new,
    .tp_repr = str_tp_repr,
    .tp_str = str_tp_str,
    .tp_hash = str_tp_hash,
    .tp_richcompare = str_tp_richcompare,
    .tp_iter = str_tp_iter,
    .nb_binary = {[NB_ADD] = str_nb_add, [NB_MULTIPLY] = str_nb_multiply,
                  [NB_REMAINDER] = str_nb_remainder},
    .sq_length = str_tp_length,
    .mp_subscript = str_tp_subscript,
    .sq_contains = str_tp_contains,
    .methods = str_methods,
};
