/* strlit.c — string and bytes literals: prefixes, escape decoding (with
 * CPython's error messages), and implicit concatenation of adjacent
 * literals, which may mix plain strings and f-strings (fstring.c).
 *
 * \N{name} knows only the small table below (no Unicode database here):
 * other names are reported as "unknown Unicode character name". */
#include <string.h>
#include <strings.h>

#include "../objects/bytes.h"
#include "../objects/str.h"
#include "parser.h"

static const struct { const char *name; uint32_t cp; } UNICODE_NAMES[] = {
    {"NULL", 0x0}, {"BELL", 0x7}, {"BACKSPACE", 0x8}, {"CHARACTER TABULATION", 0x9},
    {"LINE FEED", 0xA}, {"LF", 0xA}, {"CARRIAGE RETURN", 0xD}, {"CR", 0xD},
    {"ESCAPE", 0x1B}, {"SPACE", 0x20}, {"EXCLAMATION MARK", 0x21}, {"QUOTATION MARK", 0x22},
    {"NUMBER SIGN", 0x23}, {"DOLLAR SIGN", 0x24}, {"PERCENT SIGN", 0x25},
    {"AMPERSAND", 0x26}, {"APOSTROPHE", 0x27}, {"LEFT PARENTHESIS", 0x28},
    {"RIGHT PARENTHESIS", 0x29}, {"ASTERISK", 0x2A}, {"PLUS SIGN", 0x2B}, {"COMMA", 0x2C},
    {"HYPHEN-MINUS", 0x2D}, {"FULL STOP", 0x2E}, {"SOLIDUS", 0x2F}, {"COLON", 0x3A},
    {"SEMICOLON", 0x3B}, {"LESS-THAN SIGN", 0x3C}, {"EQUALS SIGN", 0x3D},
    {"GREATER-THAN SIGN", 0x3E}, {"QUESTION MARK", 0x3F}, {"COMMERCIAL AT", 0x40},
    {"LEFT SQUARE BRACKET", 0x5B}, {"REVERSE SOLIDUS", 0x5C}, {"RIGHT SQUARE BRACKET", 0x5D},
    {"CIRCUMFLEX ACCENT", 0x5E}, {"LOW LINE", 0x5F}, {"GRAVE ACCENT", 0x60},
    {"LEFT CURLY BRACKET", 0x7B}, {"VERTICAL LINE", 0x7C}, {"RIGHT CURLY BRACKET", 0x7D},
    {"TILDE", 0x7E}, {"DELETE", 0x7F}, {"NO-BREAK SPACE", 0xA0}, {"NBSP", 0xA0},
    {"INVERTED EXCLAMATION MARK", 0xA1}, {"CENT SIGN", 0xA2}, {"POUND SIGN", 0xA3},
    {"CURRENCY SIGN", 0xA4}, {"YEN SIGN", 0xA5}, {"SECTION SIGN", 0xA7},
    {"COPYRIGHT SIGN", 0xA9}, {"LEFT-POINTING DOUBLE ANGLE QUOTATION MARK", 0xAB},
    {"NOT SIGN", 0xAC}, {"SOFT HYPHEN", 0xAD}, {"REGISTERED SIGN", 0xAE},
    {"DEGREE SIGN", 0xB0}, {"PLUS-MINUS SIGN", 0xB1}, {"SUPERSCRIPT TWO", 0xB2},
    {"SUPERSCRIPT THREE", 0xB3}, {"MICRO SIGN", 0xB5}, {"PILCROW SIGN", 0xB6},
    {"MIDDLE DOT", 0xB7}, {"RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK", 0xBB},
    {"VULGAR FRACTION ONE HALF", 0xBD}, {"INVERTED QUESTION MARK", 0xBF},
    {"LATIN CAPITAL LETTER A WITH GRAVE", 0xC0}, {"LATIN CAPITAL LETTER A WITH ACUTE", 0xC1},
    {"LATIN CAPITAL LETTER A WITH DIAERESIS", 0xC4}, {"LATIN CAPITAL LETTER C WITH CEDILLA", 0xC7},
    {"LATIN CAPITAL LETTER E WITH ACUTE", 0xC9}, {"LATIN CAPITAL LETTER N WITH TILDE", 0xD1},
    {"LATIN CAPITAL LETTER O WITH DIAERESIS", 0xD6}, {"MULTIPLICATION SIGN", 0xD7},
    {"LATIN CAPITAL LETTER U WITH DIAERESIS", 0xDC}, {"LATIN SMALL LETTER SHARP S", 0xDF},
    {"LATIN SMALL LETTER A WITH GRAVE", 0xE0}, {"LATIN SMALL LETTER A WITH ACUTE", 0xE1},
    {"LATIN SMALL LETTER A WITH DIAERESIS", 0xE4}, {"LATIN SMALL LETTER C WITH CEDILLA", 0xE7},
    {"LATIN SMALL LETTER E WITH GRAVE", 0xE8}, {"LATIN SMALL LETTER E WITH ACUTE", 0xE9},
    {"LATIN SMALL LETTER I WITH ACUTE", 0xED}, {"LATIN SMALL LETTER N WITH TILDE", 0xF1},
    {"LATIN SMALL LETTER O WITH ACUTE", 0xF3}, {"LATIN SMALL LETTER O WITH DIAERESIS", 0xF6},
    {"DIVISION SIGN", 0xF7}, {"LATIN SMALL LETTER U WITH DIAERESIS", 0xFC},
    {"GREEK CAPITAL LETTER DELTA", 0x394}, {"GREEK CAPITAL LETTER SIGMA", 0x3A3},
    {"GREEK CAPITAL LETTER OMEGA", 0x3A9}, {"GREEK SMALL LETTER ALPHA", 0x3B1},
    {"GREEK SMALL LETTER BETA", 0x3B2}, {"GREEK SMALL LETTER GAMMA", 0x3B3},
    {"GREEK SMALL LETTER DELTA", 0x3B4}, {"GREEK SMALL LETTER EPSILON", 0x3B5},
    {"GREEK SMALL LETTER THETA", 0x3B8}, {"GREEK SMALL LETTER LAMDA", 0x3BB},
    {"GREEK SMALL LETTER MU", 0x3BC}, {"GREEK SMALL LETTER PI", 0x3C0},
    {"GREEK SMALL LETTER SIGMA", 0x3C3}, {"GREEK SMALL LETTER TAU", 0x3C4},
    {"GREEK SMALL LETTER PHI", 0x3C6}, {"GREEK SMALL LETTER OMEGA", 0x3C9},
    {"CYRILLIC CAPITAL LETTER A", 0x410}, {"CYRILLIC SMALL LETTER A", 0x430},
    {"HEBREW LETTER ALEF", 0x5D0}, {"ARABIC LETTER ALEF", 0x627},
    {"EN SPACE", 0x2002}, {"EM SPACE", 0x2003}, {"THIN SPACE", 0x2009},
    {"ZERO WIDTH SPACE", 0x200B}, {"ZERO WIDTH NON-JOINER", 0x200C},
    {"ZERO WIDTH JOINER", 0x200D}, {"LEFT-TO-RIGHT MARK", 0x200E},
    {"RIGHT-TO-LEFT MARK", 0x200F}, {"HYPHEN", 0x2010}, {"EN DASH", 0x2013},
    {"EM DASH", 0x2014}, {"LEFT SINGLE QUOTATION MARK", 0x2018},
    {"RIGHT SINGLE QUOTATION MARK", 0x2019}, {"LEFT DOUBLE QUOTATION MARK", 0x201C},
    {"RIGHT DOUBLE QUOTATION MARK", 0x201D}, {"DAGGER", 0x2020}, {"BULLET", 0x2022},
    {"HORIZONTAL ELLIPSIS", 0x2026}, {"LINE SEPARATOR", 0x2028},
    {"PARAGRAPH SEPARATOR", 0x2029}, {"PER MILLE SIGN", 0x2030}, {"PRIME", 0x2032},
    {"EURO SIGN", 0x20AC}, {"TRADE MARK SIGN", 0x2122}, {"LEFTWARDS ARROW", 0x2190},
    {"UPWARDS ARROW", 0x2191}, {"RIGHTWARDS ARROW", 0x2192}, {"DOWNWARDS ARROW", 0x2193},
    {"LEFT RIGHT ARROW", 0x2194}, {"RIGHTWARDS DOUBLE ARROW", 0x21D2},
    {"FOR ALL", 0x2200}, {"PARTIAL DIFFERENTIAL", 0x2202}, {"THERE EXISTS", 0x2203},
    {"EMPTY SET", 0x2205}, {"NABLA", 0x2207}, {"ELEMENT OF", 0x2208},
    {"N-ARY PRODUCT", 0x220F}, {"N-ARY SUMMATION", 0x2211}, {"MINUS SIGN", 0x2212},
    {"SQUARE ROOT", 0x221A}, {"INFINITY", 0x221E}, {"LOGICAL AND", 0x2227},
    {"LOGICAL OR", 0x2228}, {"INTERSECTION", 0x2229}, {"UNION", 0x222A},
    {"INTEGRAL", 0x222B}, {"ALMOST EQUAL TO", 0x2248}, {"NOT EQUAL TO", 0x2260},
    {"IDENTICAL TO", 0x2261}, {"LESS-THAN OR EQUAL TO", 0x2264},
    {"GREATER-THAN OR EQUAL TO", 0x2265}, {"BOX DRAWINGS LIGHT HORIZONTAL", 0x2500},
    {"BOX DRAWINGS LIGHT VERTICAL", 0x2502}, {"FULL BLOCK", 0x2588},
    {"LIGHT SHADE", 0x2591}, {"BLACK SQUARE", 0x25A0}, {"WHITE SQUARE", 0x25A1},
    {"BLACK CIRCLE", 0x25CF}, {"WHITE CIRCLE", 0x25CB}, {"BLACK STAR", 0x2605},
    {"WHITE STAR", 0x2606}, {"SNOWMAN", 0x2603}, {"WHITE SMILING FACE", 0x263A},
    {"BLACK HEART SUIT", 0x2665}, {"CHECK MARK", 0x2713}, {"HEAVY CHECK MARK", 0x2714},
    {"BALLOT X", 0x2717}, {"HEAVY BLACK HEART", 0x2764}, {"IDEOGRAPHIC SPACE", 0x3000},
    {"ZERO WIDTH NO-BREAK SPACE", 0xFEFF}, {"BYTE ORDER MARK", 0xFEFF},
    {"REPLACEMENT CHARACTER", 0xFFFD}, {"GRINNING FACE", 0x1F600},
    {"FACE WITH TEARS OF JOY", 0x1F602}, {"THUMBS UP SIGN", 0x1F44D},
    {"SNAKE", 0x1F40D}, {"PILE OF POO", 0x1F4A9},
};

/* Name lookup, case-insensitive like unicodedata.lookup; also the regular
 * families LATIN CAPITAL/SMALL LETTER x and DIGIT n. */
static bool lookup_unicode_name(const char *name, size_t n, uint32_t *cp) {
    char buf[80];
    if (n == 0 || n >= sizeof buf) return false;
    for (size_t i = 0; i < n; i++) buf[i] = (name[i] >= 'a' && name[i] <= 'z') ? name[i] - 32 : name[i];
    buf[n] = 0;
    for (size_t i = 0; i < sizeof UNICODE_NAMES / sizeof UNICODE_NAMES[0]; i++)
        if (strcmp(UNICODE_NAMES[i].name, buf) == 0) { *cp = UNICODE_NAMES[i].cp; return true; }
    if (n == 22 && strncmp(buf, "LATIN CAPITAL LETTER ", 21) == 0 && buf[21] >= 'A' && buf[21] <= 'Z') {
        *cp = (uint32_t)buf[21];
        return true;
    }
    if (n == 20 && strncmp(buf, "LATIN SMALL LETTER ", 19) == 0 && buf[19] >= 'A' && buf[19] <= 'Z') {
        *cp = (uint32_t)(buf[19] + 32);
        return true;
    }
    if (n == 7 && strncmp(buf, "DIGIT ", 6) == 0 && buf[6] >= '0' && buf[6] <= '9') {
        *cp = (uint32_t)buf[6];
        return true;
    }
    static const char *const digit_names[] = {"ZERO", "ONE", "TWO", "THREE", "FOUR",
                                              "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"};
    if (strncmp(buf, "DIGIT ", 6) == 0)
        for (int d = 0; d < 10; d++)
            if (strcmp(buf + 6, digit_names[d]) == 0) { *cp = (uint32_t)('0' + d); return true; }
    return false;
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

_Noreturn static void unicode_error(Parser *p, Token *tok, long from, long to, const char *why) {
    err_tok(p, tok, "(unicode error) 'unicodeescape' codec can't decode bytes in position "
                    "%ld-%ld: %s", from, to, why);
}

/* \x, \u, \U: exactly `digits` hex digits. */
static const char *decode_hex_escape(Parser *p, Token *tok, const char *body, const char *q,
                                     const char *e, int digits, bool is_bytes, Buf *out) {
    const char *bs = q - 1;
    uint32_t v = 0;
    int found = 0;
    q++; /* the x/u/U */
    while (found < digits && q < e && hex_value(*q) >= 0) {
        v = v * 16 + (uint32_t)hex_value(*q);
        q++;
        found++;
    }
    if (found < digits) {
        if (is_bytes) err_tok(p, tok, "(value error) invalid \\x escape at position %ld", (long)(bs - body));
        const char *what = digits == 2 ? "truncated \\xXX escape"
                         : digits == 4 ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
        unicode_error(p, tok, (long)(bs - body), (long)(bs - body) + 1 + found, what);
    }
    if (is_bytes) {
        char c = (char)v;
        buf_append(out, &c, 1);
    } else {
        if (v > 0x10FFFF)
            unicode_error(p, tok, (long)(bs - body), (long)(q - body) - 1, "illegal Unicode character");
        buf_append_cp(out, v);
    }
    return q;
}

static const char *decode_named_escape(Parser *p, Token *tok, const char *body, const char *q,
                                       const char *e, Buf *out) {
    const char *bs = q - 1;
    q++; /* N */
    if (q >= e || *q != '{')
        unicode_error(p, tok, (long)(bs - body), (long)(q - body) - 1, "malformed \\N character escape");
    const char *name = q + 1;
    const char *close = name;
    while (close < e && *close != '}') close++;
    if (close >= e || close == name)
        unicode_error(p, tok, (long)(bs - body), (long)(close - body) - (close >= e),
                      "malformed \\N character escape");
    uint32_t cp;
    if (!lookup_unicode_name(name, (size_t)(close - name), &cp))
        unicode_error(p, tok, (long)(bs - body), (long)(close - body), "unknown Unicode character name");
    buf_append_cp(out, cp);
    return close + 1;
}

void decode_literal_body(Parser *p, Token *tok, const char *s, const char *e, bool raw,
                         bool is_bytes, Buf *out) {
    if (is_bytes)
        for (const char *q = s; q < e; q++)
            if ((unsigned char)*q >= 0x80)
                err_tok(p, tok, "bytes can only contain ASCII literal characters");
    if (raw) {
        buf_append(out, s, (size_t)(e - s));
        return;
    }
    const char *q = s;
    while (q < e) {
        const char *run = q;
        while (q < e && *q != '\\') q++;
        buf_append(out, run, (size_t)(q - run));
        if (q >= e) break;
        q++; /* backslash */
        if (q >= e) { buf_append(out, "\\", 1); break; }
        char c = *q;
        char simple = 0;
        switch (c) {
        case '\n': q++; continue;
        case '\\': simple = '\\'; break;
        case '\'': simple = '\''; break;
        case '"': simple = '"'; break;
        case 'a': simple = '\a'; break;
        case 'b': simple = '\b'; break;
        case 'f': simple = '\f'; break;
        case 'n': simple = '\n'; break;
        case 'r': simple = '\r'; break;
        case 't': simple = '\t'; break;
        case 'v': simple = '\v'; break;
        case 'x': q = decode_hex_escape(p, tok, s, q, e, 2, is_bytes, out); continue;
        case 'u':
        case 'U':
        case 'N':
            if (is_bytes) break;
            if (c == 'N') q = decode_named_escape(p, tok, s, q, e, out);
            else q = decode_hex_escape(p, tok, s, q, e, c == 'u' ? 4 : 8, false, out);
            continue;
        default:
            if (c >= '0' && c <= '7') {
                uint32_t v = 0;
                for (int i = 0; i < 3 && q < e && *q >= '0' && *q <= '7'; i++) v = v * 8 + (uint32_t)(*q++ - '0');
                if (is_bytes) {
                    char b = (char)(v & 0xFF);
                    buf_append(out, &b, 1);
                } else {
                    buf_append_cp(out, v);
                }
                continue;
            }
            break;
        }
        if (simple) {
            buf_append(out, &simple, 1);
            q++;
        } else {
            buf_append(out, "\\", 1); /* unknown escape: kept (CPython warns) */
        }
    }
}

/* ---- adjacent literals ---- */

typedef struct LitInfo {
    bool raw, bytes, fstr, triple;
    char quote;
    const char *body, *body_end;
} LitInfo;

static LitInfo literal_info(Token *t) {
    LitInfo li = {0};
    const char *q = t->start;
    while (*q != '\'' && *q != '"') {
        char c = *q | 0x20;
        if (c == 'r') li.raw = true;
        else if (c == 'b') li.bytes = true;
        else if (c == 'f') li.fstr = true;
        q++;
    }
    li.quote = *q;
    li.triple = t->end - q >= 6 && q[1] == *q && q[2] == *q;
    int ql = li.triple ? 3 : 1;
    li.body = q + ql;
    li.body_end = t->end - ql;
    return li;
}

static void flush_pending(Parser *p, Token *tok, PVec *parts, Buf *pending) {
    if (pending->len == 0) return;
    Expr *c = make_constant(p, tok, str_new(pending->data, pending->len));
    pvec_push(parts, c);
    pending->len = 0;
}

Expr *parse_strings(Parser *p) {
    Token *first = cur(p);
    int n = 0;
    bool any_bytes = false, any_text = false, any_f = false;
    while (ahead(p, n)->kind == T_STRING) {
        LitInfo li = literal_info(ahead(p, n));
        if (li.bytes) any_bytes = true; else any_text = true;
        if (li.fstr) any_f = true;
        n++;
    }
    Token *last = ahead(p, n - 1);
    if (any_bytes && any_text) {
        Token *after = ahead(p, n);
        err_tok(p, after, "cannot mix bytes and nonbytes literals");
    }
    Buf buf = {0};
    PVec parts = {0};
    for (int i = 0; i < n; i++) {
        Token *t = ahead(p, i);
        LitInfo li = literal_info(t);
        if (li.fstr)
            parse_fstring_body(p, t, li.body, li.body_end, li.raw, &parts, &buf);
        else
            decode_literal_body(p, t, li.body, li.body_end, li.raw, li.bytes, &buf);
    }
    p->pos += n;
    Expr *e;
    if (any_bytes) {
        e = make_constant(p, first, bytes_new(buf.data ? buf.data : "", buf.len));
    } else if (!any_f) {
        e = make_constant(p, first, str_new(buf.data ? buf.data : "", buf.len));
    } else {
        flush_pending(p, last, &parts, &buf);
        e = new_expr(p, E_JOINEDSTR, first);
        e->u.joinedstr.values = PVEC_AS(ExprList, parts);
    }
    e->span.end_lineno = last->end_lineno;
    e->span.end_col = last->end_col;
    return e;
}

void fstring_flush_literal(Parser *p, Token *tok, PVec *parts, Buf *pending) {
    flush_pending(p, tok, parts, pending);
}
