/* tokenizer.c — source text to tokens, one at a time, as CPython's
 * tokenizer does it: indentation stack with tab/space consistency checks,
 * bracket tracking (for "never closed"/"does not match" errors), numbers
 * checked against the literal grammar, strings (f-strings too) kept whole.
 *
 * The source reaching here is already valid UTF-8, NUL-free and has only
 * '\n' line ends (parser.c normalises it). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../gc/gc.h"
#include "../objects/exceptions.h"
#include "../objects/str.h"
#include "tokenizer.h"

#define TAB_SIZE 8
#define MAX_FSTRING_NESTING 150

/* ---- errors ---- */

static const char *line_end_of(const ErrorSink *sink, const char *line_start) {
    const char *e = line_start;
    while (e < sink->src_end && *e != '\n') e++;
    return e;
}

/* 1-based character offset of byte column col within a line. Columns at
 * or past line_end count one character per byte; line_end itself is never
 * read, since on the last line of a source without a final newline it is
 * the end of the buffer. */
static int char_offset(const char *line_start, const char *line_end, int col) {
    int chars = 0;
    for (const char *p = line_start; p < line_start + col && p < line_end; p++)
        if (((unsigned char)*p & 0xC0) != 0x80) chars++;
    if (line_start + col > line_end) chars += (int)(line_start + col - line_end);
    return chars + 1;
}

/* Byte column -> SyntaxError's 1-based character offset, with the raw
 * encodings of tokenizer.h (TOK_RAW) passed through. */
static int convert_col(const ErrorSink *sink, const char *line_start, int lineno,
                       int target_line, int col) {
    if (TOK_IS_RAW(col)) return col + 100000;
    const char *ls = line_start;
    for (int l = lineno; l < target_line && ls < sink->src_end; l++) {
        ls = line_end_of(sink, ls);
        if (ls < sink->src_end) ls++;
    }
    return char_offset(ls, line_end_of(sink, ls), col);
}

/* The error's text as a str. str_new wants valid UTF-8 and the line may
 * not be (encoding errors are reported from raw bytes): bytes that are not
 * part of a well-formed sequence become U+FFFD. */
static Value line_text(const char *s, const char *e) {
    size_t n = (size_t)(e - s);
    char *out = gc_alloc_atomic(n * 3 + 1);
    if (!out) return VAL_NULL;
    size_t len = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t need = u[i] < 0x80 ? 0 : (u[i] >= 0xC2 && u[i] <= 0xDF) ? 1
                    : (u[i] >= 0xE0 && u[i] <= 0xEF) ? 2 : (u[i] >= 0xF0 && u[i] <= 0xF4) ? 3 : 99;
        bool ok = need != 99 && i + need < n + (need == 0);
        for (size_t k = 1; ok && k <= need; k++) ok = i + k < n && (u[i + k] & 0xC0) == 0x80;
        if (ok && need == 2) {
            uint32_t cp = ((u[i] & 0x0Fu) << 12) | ((u[i + 1] & 0x3Fu) << 6);
            ok = cp >= 0x800; /* surrogates are allowed by str_new */
        }
        if (ok && need == 3) {
            uint32_t cp = ((u[i] & 0x07u) << 18) | ((u[i + 1] & 0x3Fu) << 12);
            ok = cp >= 0x10000 && cp <= 0x10FFFF;
        }
        if (!ok) {
            memcpy(out + len, "\xEF\xBF\xBD", 3);
            len += 3;
            i++;
            continue;
        }
        memcpy(out + len, s + i, need + 1);
        len += need + 1;
        i += need + 1;
    }
    return str_new(out, len);
}

void tok_verror_at(ErrorSink *sink, Type *type, const char *line_start, int lineno, int col,
                   int end_lineno, int end_col, const char *fmt, va_list ap) {
    SyntaxErrorInfo *info = sink->info;
    sink->error_from_tokenizer = sink->tokenizing;
    vsnprintf(info->msg, sizeof info->msg, fmt, ap);
    info->type = type;
    info->lineno = lineno;
    info->text = VAL_NULL;
    if (!line_start) line_start = sink->src;
    const char *le = line_end_of(sink, line_start);
    info->text = line_text(line_start, le);
    info->col = convert_col(sink, line_start, lineno, lineno, col);
    if (end_lineno == 0) {
        info->end_lineno = lineno;
        info->end_col = info->col;
    } else {
        info->end_lineno = end_lineno;
        info->end_col = convert_col(sink, line_start, lineno, end_lineno, end_col);
    }
    longjmp(*sink->escape, 1);
}

void tok_error_at(ErrorSink *sink, Type *type, const char *line_start, int lineno,
                  int col, int end_lineno, int end_col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    tok_verror_at(sink, type, line_start, lineno, col, end_lineno, end_col, fmt, ap);
    va_end(ap);
}

/* An error at a byte position of the current line. */
_Noreturn static void error_here(Tokenizer *tz, const char *at, int extra,
                                 const char *fmt, const char *arg) {
    int col = (int)(at - tz->line_start) + extra;
    tok_error_at(tz->sink, &Exc_SyntaxError, tz->line_start, tz->lineno, col, tz->lineno,
                 col, fmt, arg);
}

void tok_init(Tokenizer *tz, ErrorSink *sink, const char *begin, const char *end,
              int lineno, const char *line_start) {
    memset(tz, 0, sizeof *tz);
    tz->sink = sink;
    tz->cur = begin;
    tz->end = end;
    tz->lineno = lineno;
    tz->line_start = line_start;
    tz->at_line_start = true;
    tz->last_was_newline = true;
}

/* ---- character classes ---- */

bool tok_is_ident_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool tok_is_ident_char(unsigned char c) {
    return tok_is_ident_start(c) || (c >= '0' && c <= '9');
}

static uint32_t decode_cp(const char *p, int *len) {
    const unsigned char *s = (const unsigned char *)p;
    if (s[0] < 0x80) { *len = 1; return s[0]; }
    if (s[0] < 0xE0) { *len = 2; return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu); }
    if (s[0] < 0xF0) {
        *len = 3;
        return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    }
    *len = 4;
    return ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
           (s[3] & 0x3Fu);
}

/* Without the Unicode database we approximate: these code points are not
 * printable (CPython reports them as such)... */
static bool cp_is_nonprintable(uint32_t c) {
    return (c >= 0x80 && c <= 0xA0) || c == 0xAD || (c >= 0x2000 && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000 ||
           c == 0xFEFF || (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xD800 && c <= 0xDFFF);
}
/* ...and these are symbols/punctuation that cannot be part of a name. The
 * rest of non-ASCII counts as letters (no NFKC normalisation either). */
static bool cp_is_symbol(uint32_t c) {
    if (c >= 0xA1 && c <= 0xBF) return c != 0xAA && c != 0xB5 && c != 0xBA && c != 0xB7;
    if (c == 0xD7 || c == 0xF7) return true;
    if (c >= 0x2010 && c <= 0x2BFF) return !(c >= 0x2070 && c <= 0x209F) &&
                                           !(c >= 0x2100 && c <= 0x214F);
    if (c >= 0x3001 && c <= 0x3003) return true;
    if (c >= 0x3008 && c <= 0x3020) return true;
    if (c >= 0xFF01 && c <= 0xFF0F) return true;
    if (c >= 0x1F000 && c <= 0x1FAFF) return true;
    return false;
}

_Noreturn static void bad_character(Tokenizer *tz, const char *p) {
    int len;
    uint32_t c = decode_cp(p, &len);
    char buf[64];
    if (c < 0x80 || cp_is_nonprintable(c)) {
        snprintf(buf, sizeof buf, "%04X", (unsigned)c);
        error_here(tz, p, 0, "invalid non-printable character U+%s", buf);
    }
    snprintf(buf, sizeof buf, "%.*s' (U+%04X", len, p, (unsigned)c);
    error_here(tz, p, 0, "invalid character '%s)", buf);
}

/* Check the non-ASCII characters of a name; p..e is the name. */
static void check_name_chars(Tokenizer *tz, const char *p, const char *e) {
    while (p < e) {
        if ((unsigned char)*p < 0x80) { p++; continue; }
        int len;
        uint32_t c = decode_cp(p, &len);
        if (cp_is_nonprintable(c) || cp_is_symbol(c)) bad_character(tz, p);
        p += len;
    }
}

/* ---- strings ---- */

int tok_string_prefix_len(const char *p, const char *end) {
    int n = 0;
    bool r = false, b = false, f = false, u = false;
    while (p + n < end && n < 3) {
        char c = p[n] | 0x20;
        if (c == 'r' && !r && !u) r = true;
        else if (c == 'b' && !b && !f && !u) b = true;
        else if (c == 'f' && !f && !b && !u) f = true;
        else if (c == 'u' && n == 0) u = true;
        else break;
        n++;
    }
    if (p + n < end && (p[n] == '\'' || p[n] == '"')) return n;
    return -1;
}

static const char *skip_string(Tokenizer *tz, const char *p, bool soft, int nesting);

/* Skip an f-string replacement field whose '{' is at p. Returns the position
 * after its '}', or NULL when the enclosing quote ends it (soft failure). */
static const char *skip_field(Tokenizer *tz, const char *p, char quote, bool triple,
                              int nesting, int spec_depth) {
    int depth = 0;
    p++;
    while (p < tz->end) {
        char c = *p;
        if (c == '\'' || c == '"') {
            /* PEP 701: any quote, even the enclosing one, starts a nested
             * string; one that does not end is the f-string's end instead. */
            const char *after = skip_string(tz, p, true, nesting + 1);
            if (!after) break;
            p = after;
            continue;
        }
        if (tok_is_ident_start((unsigned char)c)) {
            int n = tok_string_prefix_len(p, tz->end);
            if (n > 0) {
                const char *after = skip_string(tz, p, true, nesting + 1);
                if (!after) break;
                p = after;
                continue;
            }
            while (p < tz->end && tok_is_ident_char((unsigned char)*p)) p++;
            continue;
        }
        if (c == '#') {
            while (p < tz->end && *p != '\n') p++;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') { depth++; p++; continue; }
        if ((c == ')' || c == ']') && depth > 0) { depth--; p++; continue; }
        if (c == '}' && depth > 0) { depth--; p++; continue; }
        if (c == '}') return p + 1;
        if (depth == 0 && c == '!' && p + 1 < tz->end && p[1] != '=') {
            p++;
            while (p < tz->end && tok_is_ident_char((unsigned char)*p)) p++;
            continue;
        }
        if (depth == 0 && c == ':' && !(p + 1 < tz->end && p[1] == '=')) {
            /* format spec: literal text with nested fields */
            p++;
            while (p < tz->end) {
                char s = *p;
                if (s == quote) {
                    if (!triple) break;
                    if (p + 2 < tz->end && p[1] == quote && p[2] == quote) break;
                }
                if (s == '\n' && !triple) break;
                if (s == '{') {
                    if (spec_depth >= 2) {
                        tok_error_at(tz->sink, &Exc_SyntaxError, tz->line_start, tz->lineno,
                                     (int)(p - tz->line_start) - 1, tz->lineno,
                                     (int)(p - tz->line_start) - 1,
                                     "f-string: expressions nested too deeply");
                    }
                    p = skip_field(tz, p, quote, triple, nesting, spec_depth + 1);
                    if (!p) return NULL;
                    continue;
                }
                if (s == '}') return p + 1;
                if (s == '\\' && p + 1 < tz->end) p++;
                p++;
            }
            break;
        }
        if (c == '\\' && p + 1 < tz->end && p[1] == '\n') { p += 2; continue; }
        p++;
    }
    return NULL;
}

static void count_lines(Tokenizer *tz, const char *from, const char *to) {
    for (const char *q = from; q < to; q++)
        if (*q == '\n') { tz->lineno++; tz->line_start = q + 1; }
}

/* Skip one string literal (prefix at p). soft: return NULL instead of
 * reporting an unterminated string (used inside f-string fields). */
static const char *skip_string(Tokenizer *tz, const char *p, bool soft, int nesting) {
    const char *start = p;
    int plen = tok_string_prefix_len(p, tz->end);
    bool is_f = false, raw = false;
    for (int i = 0; i < plen; i++) {
        if ((p[i] | 0x20) == 'f') is_f = true;
        if ((p[i] | 0x20) == 'r') raw = true;
    }
    /* Only f-strings hold fields, so an f-string at this nesting has
     * nesting + 1 f-strings open counting itself; CPython refuses the
     * 150th (plain strings inside fields do not count). */
    if (is_f && nesting + 1 >= MAX_FSTRING_NESTING)
        error_here(tz, p, 0, "too many nested f-strings%s", "");
    p += plen;
    char quote = *p;
    bool triple = p + 2 < tz->end && p[1] == quote && p[2] == quote;
    p += triple ? 3 : 1;
    while (p < tz->end) {
        char c = *p;
        if (c == quote) {
            if (!triple) return p + 1;
            if (p + 2 < tz->end && p[1] == quote && p[2] == quote) return p + 3;
        } else if (c == '\\') {
            if (is_f && p + 1 < tz->end && (p[1] == '{' || p[1] == '}')) {
                p++; /* the brace keeps its meaning */
                continue;
            }
            if (is_f && !raw && p + 2 < tz->end && p[1] == 'N' && p[2] == '{') {
                p += 3; /* \N{NAME}: its braces are not a field */
                while (p < tz->end && *p != '}' && *p != quote && *p != '\n') p++;
                if (p < tz->end && *p == '}') p++;
                continue;
            }
            p++;
            if (p >= tz->end) break;
        } else if (c == '\n' && !triple) {
            break;
        } else if (is_f && c == '{') {
            if (p + 1 < tz->end && p[1] == '{') { p += 2; continue; }
            const char *after = skip_field(tz, p, quote, triple, nesting, 0);
            if (!after) {
                if (soft) return NULL;
                /* point at where the field stopped */
                const char *stop = p + 1;
                while (stop < tz->end && *stop != '\n' && *stop != quote) stop++;
                const char *ls = start;
                while (ls > tz->sink->src && ls[-1] != '\n') ls--;
                int lineno = tz->lineno;
                for (const char *q = start; q < stop; q++)
                    if (*q == '\n') { lineno++; ls = q + 1; }
                tok_error_at(tz->sink, &Exc_SyntaxError, ls, lineno, (int)(stop - ls),
                             lineno, (int)(stop - ls), "f-string: expecting '}'");
            }
            p = after;
            continue;
        } else if (is_f && c == '}') {
            if (p + 1 < tz->end && p[1] == '}') { p += 2; continue; }
            if (soft) return NULL;
            const char *ls = start;
            while (ls > tz->sink->src && ls[-1] != '\n') ls--;
            int lineno = tz->lineno;
            for (const char *q = start; q < p; q++)
                if (*q == '\n') { lineno++; ls = q + 1; }
            tok_error_at(tz->sink, &Exc_SyntaxError, ls, lineno, (int)(p - ls), lineno,
                         (int)(p - ls), "f-string: single '}' is not allowed");
        }
        p++;
    }
    if (soft) return NULL;
    int detected = tz->lineno;
    for (const char *q = start; q < p && q < tz->end; q++)
        if (*q == '\n') detected++;
    if (p >= tz->end && p > start && p[-1] == '\n') detected--;
    tok_error_at(tz->sink, &Exc_SyntaxError, tz->line_start, tz->lineno,
                 (int)(start - tz->line_start), tz->lineno, (int)(start - tz->line_start),
                 "unterminated %s%sstring literal (detected at line %d)",
                 triple ? "triple-quoted " : "", is_f ? "f-" : "", detected);
}

const char *tok_skip_string(Tokenizer *tz, const char *p) {
    return skip_string(tz, p, false, 0);
}

/* ---- numbers ---- */

static bool is_digit_in(char c, int base) {
    if (base == 16) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    if (base == 8) return c >= '0' && c <= '7';
    if (base == 2) return c == '0' || c == '1';
    return c >= '0' && c <= '9';
}

static const char *kind_name(int base) {
    return base == 16 ? "hexadecimal" : base == 8 ? "octal" : base == 2 ? "binary" : "decimal";
}

/* A number may be followed by a keyword glued on (`1if x else y`); CPython
 * only warns about that. Anything else name-like is an error. */
static void check_number_end(Tokenizer *tz, const char *p, int base) {
    if (p >= tz->end || !tok_is_ident_char((unsigned char)*p)) return;
    static const char *const glued[] = {"and", "else", "for", "if", "in", "is", "not", "or"};
    for (size_t i = 0; i < sizeof glued / sizeof glued[0]; i++) {
        size_t n = strlen(glued[i]);
        if ((size_t)(tz->end - p) >= n && memcmp(p, glued[i], n) == 0) return;
    }
    if (base != 10 && is_digit_in(*p, 10) && !is_digit_in(*p, base)) {
        char d[2] = {*p, 0};
        char msg[64];
        snprintf(msg, sizeof msg, "invalid digit '%s' in %s literal", d, kind_name(base));
        error_here(tz, p, 0, "%s", msg);
    }
    char msg[64];
    snprintf(msg, sizeof msg, "invalid %s literal", kind_name(base));
    error_here(tz, p, -1, "%s", msg);
}

/* Digits with single underscores between them. Returns the end. */
static const char *scan_digits(Tokenizer *tz, const char *p, int base) {
    while (p < tz->end) {
        if (is_digit_in(*p, base)) { p++; continue; }
        if (*p == '_') {
            if (p + 1 < tz->end && is_digit_in(p[1], base)) { p += 2; continue; }
            p++;
            char msg[64];
            snprintf(msg, sizeof msg, "invalid %s literal", kind_name(base));
            error_here(tz, p, -1, "%s", msg);
        }
        break;
    }
    return p;
}

static const char *scan_exponent_and_imag(Tokenizer *tz, const char *p) {
    if (p < tz->end && (*p | 0x20) == 'e') {
        const char *e = p + 1;
        if (e < tz->end && (*e == '+' || *e == '-')) e++;
        if (e >= tz->end || !is_digit_in(*e, 10)) error_here(tz, e - 1, -1, "%s", "invalid decimal literal");
        p = scan_digits(tz, e, 10);
    }
    if (p < tz->end && (*p | 0x20) == 'j') p++;
    return p;
}

static const char *scan_number(Tokenizer *tz, const char *p) {
    const char *start = p;
    if (*p == '0' && p + 1 < tz->end && strchr("xXoObB", p[1]) && p[1]) {
        char k = p[1] | 0x20;
        int base = k == 'x' ? 16 : k == 'o' ? 8 : 2;
        p += 2;
        if (p < tz->end && *p == '_') p++;
        if (p >= tz->end || !is_digit_in(*p, base)) {
            if (p < tz->end && base != 10 && is_digit_in(*p, 10)) check_number_end(tz, p, base);
            char msg[64];
            snprintf(msg, sizeof msg, "invalid %s literal", kind_name(base));
            error_here(tz, p, -1, "%s", msg);
        }
        p = scan_digits(tz, p, base);
        check_number_end(tz, p, base);
        return p;
    }
    if (*p != '.') p = scan_digits(tz, p, 10);
    bool is_float = false;
    if (p < tz->end && *p == '.') {
        is_float = true;
        p++;
        if (p < tz->end && is_digit_in(*p, 10)) p = scan_digits(tz, p, 10);
    }
    if (p < tz->end && ((*p | 0x20) == 'e' || (*p | 0x20) == 'j')) {
        is_float = true;
        p = scan_exponent_and_imag(tz, p);
    }
    if (!is_float && *start == '0') {
        /* "0", "00", "0_0" are fine; other leading zeros are not */
        for (const char *q = start; q < p; q++) {
            if (*q != '0' && *q != '_') {
                int col = (int)(start - tz->line_start);
                tok_error_at(tz->sink, &Exc_SyntaxError, tz->line_start, tz->lineno, col,
                             tz->lineno, (int)(q - tz->line_start),
                             "leading zeros in decimal integer literals are not permitted; "
                             "use an 0o prefix for octal integers");
            }
        }
    }
    check_number_end(tz, p, 10);
    return p;
}

/* ---- operators and keywords ---- */

static const struct { const char *text; int op; } OPERATORS[] = {
    {"**=", OP_DOUBLESTAREQUAL}, {"//=", OP_DOUBLESLASHEQUAL}, {">>=", OP_RIGHTSHIFTEQUAL},
    {"<<=", OP_LEFTSHIFTEQUAL}, {"...", OP_ELLIPSIS}, {"!=", OP_NOTEQUAL},
    {"%=", OP_PERCENTEQUAL}, {"&=", OP_AMPEREQUAL}, {"**", OP_DOUBLESTAR},
    {"*=", OP_STAREQUAL}, {"+=", OP_PLUSEQUAL}, {"-=", OP_MINEQUAL}, {"->", OP_RARROW},
    {"//", OP_DOUBLESLASH}, {"/=", OP_SLASHEQUAL}, {":=", OP_COLONEQUAL},
    {"<<", OP_LEFTSHIFT}, {"<=", OP_LESSEQUAL}, {"==", OP_EQEQUAL},
    {">=", OP_GREATEREQUAL}, {">>", OP_RIGHTSHIFT}, {"@=", OP_ATEQUAL},
    {"^=", OP_CIRCUMFLEXEQUAL}, {"|=", OP_VBAREQUAL}, {"(", OP_LPAR}, {")", OP_RPAR},
    {"[", OP_LSQB}, {"]", OP_RSQB}, {"{", OP_LBRACE}, {"}", OP_RBRACE}, {":", OP_COLON},
    {",", OP_COMMA}, {";", OP_SEMI}, {"+", OP_PLUS}, {"-", OP_MINUS}, {"*", OP_STAR},
    {"/", OP_SLASH}, {"|", OP_VBAR}, {"&", OP_AMPER}, {"<", OP_LESS}, {">", OP_GREATER},
    {"=", OP_EQUAL}, {".", OP_DOT}, {"%", OP_PERCENT}, {"~", OP_TILDE},
    {"^", OP_CIRCUMFLEX}, {"@", OP_AT}, {"!", OP_EXCLAMATION},
};

static const char *const KEYWORDS[] = {
    [KW_FALSE] = "False", [KW_NONE_] = "None", [KW_TRUE] = "True", [KW_AND] = "and",
    [KW_AS] = "as", [KW_ASSERT] = "assert", [KW_ASYNC] = "async", [KW_AWAIT] = "await",
    [KW_BREAK] = "break", [KW_CLASS] = "class", [KW_CONTINUE] = "continue",
    [KW_DEF] = "def", [KW_DEL] = "del", [KW_ELIF] = "elif", [KW_ELSE] = "else",
    [KW_EXCEPT] = "except", [KW_FINALLY] = "finally", [KW_FOR] = "for", [KW_FROM] = "from",
    [KW_GLOBAL] = "global", [KW_IF] = "if", [KW_IMPORT] = "import", [KW_IN] = "in",
    [KW_IS] = "is", [KW_LAMBDA] = "lambda", [KW_NONLOCAL] = "nonlocal", [KW_NOT] = "not",
    [KW_OR] = "or", [KW_PASS] = "pass", [KW_RAISE] = "raise", [KW_RETURN] = "return",
    [KW_TRY] = "try", [KW_WHILE] = "while", [KW_WITH] = "with", [KW_YIELD] = "yield",
};

static int keyword_of(const char *p, size_t n) {
    for (int k = KW_FALSE; k <= KW_YIELD; k++)
        if (strlen(KEYWORDS[k]) == n && memcmp(KEYWORDS[k], p, n) == 0) return k;
    return KW_NONE;
}

/* ---- brackets ---- */

static void open_paren(Tokenizer *tz, const char *p) {
    if (tz->paren_count >= TOK_MAX_PAREN)
        error_here(tz, p, 0, "%s", "too many nested parentheses");
    tz->parens[tz->paren_count] = *p;
    tz->paren_line[tz->paren_count] = tz->lineno;
    tz->paren_col[tz->paren_count] = (int)(p - tz->line_start);
    tz->paren_line_start[tz->paren_count] = tz->line_start;
    tz->paren_count++;
}

static void close_paren(Tokenizer *tz, const char *p) {
    char c = *p;
    int col = (int)(p - tz->line_start);
    if (tz->paren_count == 0) {
        if (tz->in_fstring_expr) return; /* the field's own closing brace */
        char s[2] = {c, 0};
        tok_error_at(tz->sink, &Exc_SyntaxError, tz->line_start, tz->lineno, col, tz->lineno,
                     col, "unmatched '%s'", s);
    }
    char open = tz->parens[tz->paren_count - 1];
    char want = open == '(' ? ')' : open == '[' ? ']' : '}';
    if (c != want) {
        int ol = tz->paren_line[tz->paren_count - 1];
        if (ol != tz->lineno)
            tok_error_at(tz->sink, &Exc_SyntaxError, tz->line_start, tz->lineno, col,
                         tz->lineno, col,
                         "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                         c, open, ol);
        tok_error_at(tz->sink, &Exc_SyntaxError, tz->line_start, tz->lineno, col, tz->lineno,
                     col, "closing parenthesis '%c' does not match opening parenthesis '%c'",
                     c, open);
    }
    tz->paren_count--;
}

/* ---- indentation ---- */

/* At the start of a logical line: measure the indentation and queue
 * INDENT/DEDENT. Returns 1 for INDENT, 0 otherwise (dedents are pending).
 * Blank and comment-only lines are skipped entirely. */
static int handle_indentation(Tokenizer *tz) {
    for (;;) {
        const char *p = tz->cur;
        int col = 0, altcol = 0;
        while (p < tz->end) {
            if (*p == ' ') { col++; altcol++; }
            else if (*p == '\t') { col = (col / TAB_SIZE + 1) * TAB_SIZE; altcol++; }
            else if (*p == '\f') { col = altcol = 0; }
            else break;
            p++;
        }
        if (p < tz->end && (*p == '#' || *p == '\n' || *p == '\\')) {
            if (*p == '\\' && !(p + 1 < tz->end && p[1] == '\n')) {
                tz->cur = p;
                goto measured;
            }
            if (*p == '\\') {  /* backslash-newline on a blank line: joins lines */
                tz->cur = p + 2;
                tz->lineno++;
                tz->line_start = p + 2;
                if (tz->cur >= tz->end) {
                    const char *ls = p;
                    while (ls > tz->sink->src && ls[-1] != '\n') ls--;
                    tok_error_at(tz->sink, &Exc_SyntaxError, ls, tz->lineno - 1,
                                 (int)(p - ls) + 1, tz->lineno - 1, TOK_RAW(-1),
                                 "unexpected EOF while parsing");
                }
                continue;
            }
            while (p < tz->end && *p != '\n') p++;
            if (p < tz->end) p++;
            tz->cur = p;
            tz->lineno++;
            tz->line_start = p;
            continue;
        }
        tz->cur = p;
        if (p >= tz->end) { col = altcol = 0; }
measured:;
        int top = tz->indent_count;
        if (col == tz->indents[top]) {
            if (altcol != tz->alt_indents[top]) goto tab_error;
            return 0;
        }
        if (col > tz->indents[top]) {
            if (top + 1 >= TOK_MAX_INDENT)
                tok_error_at(tz->sink, &Exc_IndentationError, tz->line_start, tz->lineno,
                             (int)(p - tz->line_start), 0, 0, "too many levels of indentation");
            if (altcol <= tz->alt_indents[top]) goto tab_error;
            tz->indent_count++;
            tz->indents[tz->indent_count] = col;
            tz->alt_indents[tz->indent_count] = altcol;
            return 1;
        }
        while (tz->indent_count > 0 && col < tz->indents[tz->indent_count]) {
            tz->pending_dedents++;
            tz->indent_count--;
        }
        if (col != tz->indents[tz->indent_count]) {
            const char *le = tz->line_start;
            while (le < tz->end && *le != '\n') le++;
            tok_error_at(tz->sink, &Exc_IndentationError, tz->line_start, tz->lineno,
                         (int)(le - tz->line_start), tz->lineno, TOK_RAW(-1),
                         "unindent does not match any outer indentation level");
        }
        if (altcol != tz->alt_indents[tz->indent_count]) goto tab_error;
        return 0;
    }
tab_error:
    tok_error_at(tz->sink, &Exc_TabError, tz->line_start, tz->lineno, 0, tz->lineno, TOK_RAW(0),
                 "inconsistent use of tabs and spaces in indentation");
}

/* ---- the main scanner ---- */

static void set_token(Tokenizer *tz, Token *t, TokKind kind, int op, const char *s,
                      const char *e) {
    t->kind = kind;
    t->op = op;
    t->start = s;
    t->end = e;
    t->lineno = tz->lineno;
    t->col = (int)(s - tz->line_start);
    t->line_start = tz->line_start;
    t->level = tz->paren_count;
    t->end_lineno = tz->lineno;
    t->end_col = (int)(e - tz->line_start);
}

static void emit_eof(Tokenizer *tz, Token *out) {
    if (tz->paren_count > 0 && !tz->in_fstring_expr) {
        int i = tz->paren_count - 1;
        char s[2] = {tz->parens[i], 0};
        tok_error_at(tz->sink, &Exc_SyntaxError, tz->paren_line_start[i], tz->paren_line[i],
                     tz->paren_col[i], tz->paren_line[i], TOK_RAW(0), "'%s' was never closed", s);
    }
    if (!tz->last_was_newline && !tz->in_fstring_expr) {
        set_token(tz, out, T_NEWLINE, 0, tz->cur, tz->cur);
        out->end_col = out->col + 1;
        tz->last_was_newline = true;
        return;
    }
    if (tz->indent_count > 0) {
        tz->indent_count--;
        set_token(tz, out, T_DEDENT, 0, tz->cur, tz->cur);
        return;
    }
    set_token(tz, out, T_ENDMARKER, 0, tz->cur, tz->cur);
    tz->done = true;
}

void tok_next(Tokenizer *tz, Token *out) {
    if (tz->pending_dedents > 0) {
        tz->pending_dedents--;
        set_token(tz, out, T_DEDENT, 0, tz->cur, tz->cur);
        return;
    }
    if (tz->at_line_start && tz->paren_count == 0 && !tz->in_fstring_expr) {
        tz->at_line_start = false;
        int ind = handle_indentation(tz);
        if (tz->cur >= tz->end) {
            emit_eof(tz, out);
            return;
        }
        if (ind) {
            set_token(tz, out, T_INDENT, 0, tz->cur, tz->cur);
            out->col = out->col > 0 ? out->col - 1 : 0;
            out->end_col = -1;
            return;
        }
        if (tz->pending_dedents > 0) {
            tz->pending_dedents--;
            set_token(tz, out, T_DEDENT, 0, tz->cur, tz->cur);
            return;
        }
    }
    tz->at_line_start = false;
    const char *p = tz->cur;
    for (;;) {
        while (p < tz->end && (*p == ' ' || *p == '\t' || *p == '\f')) p++;
        if (p < tz->end && *p == '#') {
            while (p < tz->end && *p != '\n') p++;
        }
        if (p < tz->end && *p == '\\') {
            if (p + 1 >= tz->end) {
                tok_error_at(tz->sink, &Exc_SyntaxError, tz->line_start, tz->lineno,
                             (int)(p - tz->line_start) + 1, tz->lineno, TOK_RAW(-1),
                             "unexpected EOF while parsing");
            }
            if (p[1] != '\n') {
                int col = (int)(p - tz->line_start) + 1;
                tok_error_at(tz->sink, &Exc_SyntaxError, tz->line_start, tz->lineno, col,
                             tz->lineno, TOK_RAW(0),
                             "unexpected character after line continuation character");
            }
            if (p + 2 >= tz->end && !tz->in_fstring_expr) {
                tok_error_at(tz->sink, &Exc_SyntaxError, tz->line_start, tz->lineno,
                             (int)(p - tz->line_start) + 1, tz->lineno, TOK_RAW(-1),
                             "unexpected EOF while parsing");
            }
            p += 2;
            tz->lineno++;
            tz->line_start = p;
            continue;
        }
        if (p < tz->end && *p == '\n' && (tz->paren_count > 0 || tz->in_fstring_expr)) {
            p++;
            tz->lineno++;
            tz->line_start = p;
            continue;
        }
        break;
    }
    tz->cur = p;
    if (p >= tz->end) {
        emit_eof(tz, out);
        return;
    }
    unsigned char c = (unsigned char)*p;
    if (c == '\n') {
        set_token(tz, out, T_NEWLINE, 0, p, p + 1);
        tz->cur = p + 1;
        tz->lineno++;
        tz->line_start = p + 1;
        tz->at_line_start = true;
        if (tz->last_was_newline) { tok_next(tz, out); return; }
        tz->last_was_newline = true;
        return;
    }
    tz->last_was_newline = false;
    if (tok_is_ident_start(c)) {
        int plen = tok_string_prefix_len(p, tz->end);
        if (plen >= 0) goto string;
        const char *e = p;
        while (e < tz->end && tok_is_ident_char((unsigned char)*e)) e++;
        check_name_chars(tz, p, e);
        set_token(tz, out, T_NAME, keyword_of(p, (size_t)(e - p)), p, e);
        tz->cur = e;
        return;
    }
    if ((c >= '0' && c <= '9') || (c == '.' && p + 1 < tz->end && p[1] >= '0' && p[1] <= '9')) {
        const char *e = scan_number(tz, p);
        set_token(tz, out, T_NUMBER, 0, p, e);
        tz->cur = e;
        return;
    }
    if (c == '\'' || c == '"') {
string:;
        int lineno = tz->lineno;
        const char *ls = tz->line_start;
        const char *e = tok_skip_string(tz, p);
        set_token(tz, out, T_STRING, 0, p, e);
        out->lineno = lineno;
        out->line_start = ls;
        out->col = (int)(p - ls);
        count_lines(tz, p, e);
        out->end_lineno = tz->lineno;
        out->end_col = (int)(e - tz->line_start);
        tz->cur = e;
        return;
    }
    for (size_t i = 0; i < sizeof OPERATORS / sizeof OPERATORS[0]; i++) {
        size_t n = strlen(OPERATORS[i].text);
        if ((size_t)(tz->end - p) >= n && memcmp(p, OPERATORS[i].text, n) == 0) {
            int op = OPERATORS[i].op;
            if (op == OP_EXCLAMATION && !tz->in_fstring_expr) break;
            set_token(tz, out, T_OP, op, p, p + n);
            if (op == OP_LPAR || op == OP_LSQB || op == OP_LBRACE) open_paren(tz, p);
            else if (op == OP_RPAR || op == OP_RSQB || op == OP_RBRACE) close_paren(tz, p);
            tz->cur = p + n;
            return;
        }
    }
    if (c >= 0x80) bad_character(tz, p);
    if (c == '$' || c == '?' || c == '`' || c == '!') {
        int col = (int)(p - tz->line_start);
        tok_error_at(tz->sink, &Exc_SyntaxError, tz->line_start, tz->lineno, col, tz->lineno,
                     col + 1, "invalid syntax");
    }
    bad_character(tz, p);
}
