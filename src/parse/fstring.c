/* fstring.c — the inside of an f-string token (PEP 701): literal text with
 * {{ }} escapes, replacement fields {expr[=][!conv][:spec]} whose
 * expression is re-tokenized and parsed by a sub-parser over the same
 * source (so positions stay right), and format specs with nested fields. */
#include <stdio.h>
#include <string.h>

#include "../gc/gc.h"
#include "../objects/str.h"
#include "parser.h"

/* Line number and line start of position q inside token tok. Fields are
 * visited left to right, so the last answer is a good starting point
 * (keeps f-strings with many fields linear). */
static void position_of(Parser *p, Token *tok, const char *q, int *lineno, const char **line_start) {
    int line = tok->lineno;
    const char *ls = tok->line_start, *from = tok->start;
    if (p->pos_cache.tok == tok && p->pos_cache.at >= tok->start) {
        const char *at = p->pos_cache.at;
        bool same_line = at > q && p->pos_cache.line_start <= q &&
                         !memchr(q, '\n', (size_t)(at - q));
        if (at <= q || same_line) {
            line = p->pos_cache.lineno;
            ls = p->pos_cache.line_start;
            from = at <= q ? at : q;
        }
    }
    for (const char *c = from; c < q; c++)
        if (*c == '\n') { line++; ls = c + 1; }
    p->pos_cache.tok = tok;
    p->pos_cache.at = q;
    p->pos_cache.lineno = line;
    p->pos_cache.line_start = ls;
    *lineno = line;
    *line_start = ls;
}

_Noreturn static void error_at_char(Parser *p, Token *tok, const char *q, int width,
                                    const char *fmt, const char *arg) {
    int lineno;
    const char *ls;
    position_of(p, tok, q, &lineno, &ls);
    int col = (int)(q - ls);
    tok_error_at(p->sink, &Exc_SyntaxError, ls, lineno, col, lineno, col + width, fmt, arg);
}

/* End of the field expression starting at s: the first '}', '!', ':' or
 * self-documenting '=' outside brackets and nested strings. */
static const char *scan_expr_end(Parser *p, const char *s, const char *e) {
    int depth = 0;
    const char *q = s;
    while (q < e) {
        char c = *q;
        if (c == '\'' || c == '"' ||
            (tok_is_ident_start((unsigned char)c) && tok_string_prefix_len(q, e) > 0)) {
            Tokenizer tz;
            tok_init(&tz, p->sink, q, e, 1, q);
            q = tok_skip_string(&tz, q);
            continue;
        }
        if (tok_is_ident_char((unsigned char)c)) {
            while (q < e && tok_is_ident_char((unsigned char)*q)) q++;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') depth++;
        else if ((c == ')' || c == ']' || c == '}') && depth > 0) depth--;
        else if (depth == 0) {
            if (c == '}' || c == ':') return q;
            if (c == '!') {
                if (q + 1 < e && q[1] == '=') { q += 2; continue; }
                return q;
            }
            if (c == '=' ) {
                if (q + 1 < e && q[1] == '=') { q += 2; continue; }
                bool part_of_op = q > s && strchr("=!<>", q[-1]);
                if (!part_of_op) {
                    const char *r = q + 1;
                    while (r < e && (*r == ' ' || *r == '\t' || *r == '\n' || *r == '#')) {
                        if (*r == '#')
                            while (r < e && *r != '\n') r++;
                        else
                            r++;
                    }
                    if (r >= e || *r == '}' || *r == '!' || *r == ':') return q;
                }
            }
            if (c == '#') {
                while (q < e && *q != '\n') q++;
                continue;
            }
        }
        q++;
    }
    return q;
}

static Expr *parse_field_expression(Parser *p, Token *tok, const char *s, const char *x) {
    int lineno;
    const char *ls;
    position_of(p, tok, s, &lineno, &ls);
    Tokenizer *tz = gc_alloc(sizeof *tz); /* big: keep it off the C stack */
    if (!tz) err_tok(p, tok, "out of memory");
    tok_init(tz, p->sink, s, x, lineno, ls);
    tz->in_fstring_expr = true;
    tz->at_line_start = false;
    Parser sub;
    memset(&sub, 0, sizeof sub);
    sub.sink = p->sink;
    sub.tz = tz;
    sub.depth = p->depth;
    sub.mode = p->mode;
    sub.fstring_field = true;
    enter(p);
    if (at_kw(&sub, KW_LAMBDA)) {
        Token *t = cur(&sub);
        Token *colon = t;
        for (int i = 1; colon->kind != T_ENDMARKER && !(colon->kind == T_OP && colon->op == OP_COLON); i++)
            colon = ahead(&sub, i);
        if (colon->kind == T_ENDMARKER) {
            /* the ':' ended the expression text: it follows x */
            int col = (int)(x - ls);
            err_span(&sub, &Exc_SyntaxError, t->lineno, t->col, t->lineno, col + 1,
                     "f-string: lambda expressions are not allowed without parentheses");
        }
        err_span(&sub, &Exc_SyntaxError, t->lineno, t->col, colon->lineno, colon->end_col,
                 "f-string: lambda expressions are not allowed without parentheses");
    }
    Expr *v = at_kw(&sub, KW_YIELD) ? parse_yield_expr(&sub) : parse_star_expressions(&sub);
    if (cur(&sub)->kind != T_ENDMARKER) missing_comma_or_invalid(&sub, v);
    leave(p);
    return v;
}

static const char *parse_field(Parser *p, Token *tok, const char *q, const char *e, bool raw,
                               int spec_depth, PVec *parts, Buf *pending);

/* Literal text [s, x) of an f-string (or spec), appended to pending. */
static void literal_text(Parser *p, Token *tok, const char *s, const char *x, bool raw,
                         Buf *pending) {
    if (x > s) decode_literal_body(p, tok, s, x, raw, false, pending);
}

/* Skip a backslash escape at q (for scanning only; decoding comes later). */
static const char *skip_escape(const char *q, const char *e, bool raw) {
    if (q + 1 >= e) return q + 1;
    if (!raw && q[1] == 'N' && q + 2 < e && q[2] == '{') {
        const char *c = q + 3;
        while (c < e && *c != '}') c++;
        return c < e ? c + 1 : c;
    }
    if (q[1] == '{' || q[1] == '}') return q + 1;
    return q + 2;
}

/* The format spec after ':' up to (not including) the field's '}'. */
static Expr *parse_spec(Parser *p, Token *tok, const char **qp, const char *e, bool raw,
                        int spec_depth) {
    PVec parts = {0};
    Buf pending = {0};
    const char *q = *qp, *lit = q;
    Expr *spec = new_expr(p, E_JOINEDSTR, tok);
    while (q < e && *q != '}') {
        if (*q == '\\') { q = skip_escape(q, e, raw); continue; }
        if (*q == '{') {
            literal_text(p, tok, lit, q, raw, &pending);
            if (spec_depth >= 2)
                error_at_char(p, tok, q, 0, "%s", "f-string: expressions nested too deeply");
            q = parse_field(p, tok, q, e, raw, spec_depth + 1, &parts, &pending);
            lit = q;
            continue;
        }
        q++;
    }
    literal_text(p, tok, lit, q, raw, &pending);
    fstring_flush_literal(p, tok, &parts, &pending);
    spec->u.joinedstr.values = PVEC_AS(ExprList, parts);
    *qp = q;
    return spec;
}

static const char *parse_field(Parser *p, Token *tok, const char *q, const char *e, bool raw,
                               int spec_depth, PVec *parts, Buf *pending) {
    const char *open = q;
    const char *s = q + 1;
    const char *x = scan_expr_end(p, s, e);
    const char *t = s;
    while (t < x && (*t == ' ' || *t == '\t' || *t == '\n')) t++;
    if (t == x) {
        if (x >= e) error_at_char(p, tok, x, 0, "%s", "f-string: expecting '}'");
        char what[2] = {*x, 0};
        error_at_char(p, tok, x, 1, "f-string: valid expression required before '%s'", what);
    }
    Expr *value = parse_field_expression(p, tok, s, x);
    bool selfdoc = false;
    if (x < e && *x == '=') {
        /* the text shown is the source up to the conversion/spec, less comments */
        x++;
        buf_append(pending, s, (size_t)(x - s));
        while (x < e && (*x == ' ' || *x == '\t' || *x == '\n' || *x == '#')) {
            if (*x == '#') {
                while (x < e && *x != '\n') x++;
                continue;
            }
            buf_append(pending, x, 1);
            x++;
        }
        selfdoc = true;
    }
    int conversion = -1;
    if (x < e && *x == '!') {
        x++;
        if (x < e && (*x == ' ' || *x == '\t' || *x == '\n'))
            error_at_char(p, tok, x, 1, "%s",
                          "f-string: conversion type must come right after the exclamanation mark");
        if (x >= e || *x == '}' || *x == ':')
            error_at_char(p, tok, x, 1, "%s", "f-string: missing conversion character");
        const char *c = x;
        while (x < e && tok_is_ident_char((unsigned char)*x)) x++;
        if (x - c != 1 || (*c != 's' && *c != 'r' && *c != 'a')) {
            char name[32];
            size_t n = (size_t)(x - c) < sizeof name - 1 ? (size_t)(x - c) : sizeof name - 1;
            memcpy(name, c, n);
            name[n] = 0;
            if (n == 0) error_at_char(p, tok, c, 1, "%s", "f-string: missing conversion character");
            char msg[128];
            snprintf(msg, sizeof msg, "f-string: invalid conversion character '%s': expected 's', 'r', or 'a'", name);
            error_at_char(p, tok, c, (int)n, "%s", msg);
        }
        conversion = *c;
        while (x < e && (*x == ' ' || *x == '\t' || *x == '\n')) x++;
    }
    Expr *spec = NULL;
    if (x < e && *x == ':') {
        x++;
        spec = parse_spec(p, tok, &x, e, raw, spec_depth);
    }
    if (x >= e || *x != '}') {
        error_at_char(p, tok, x, 0, "%s", "f-string: expecting '}'");
    }
    x++;
    if (selfdoc && conversion == -1 && spec == NULL) conversion = 'r';
    fstring_flush_literal(p, tok, parts, pending);
    Expr *fv = new_expr(p, E_FORMATTEDVALUE, tok);
    int lineno;
    const char *ls;
    position_of(p, tok, open, &lineno, &ls);
    fv->span.lineno = lineno;
    fv->span.col = (int)(open - ls);
    position_of(p, tok, x, &lineno, &ls);
    fv->span.end_lineno = lineno;
    fv->span.end_col = (int)(x - ls);
    fv->u.formatted.value = value;
    fv->u.formatted.conversion = conversion;
    fv->u.formatted.format_spec = spec;
    pvec_push(parts, fv);
    return x;
}

void parse_fstring_body(Parser *p, Token *tok, const char *s, const char *e, bool raw,
                        PVec *parts, Buf *pending) {
    const char *q = s, *lit = s;
    while (q < e) {
        char c = *q;
        if (c == '\\') { q = skip_escape(q, e, raw); continue; }
        if (c == '{' || c == '}') {
            if (q + 1 < e && q[1] == c) {
                literal_text(p, tok, lit, q + 1, raw, pending);
                q += 2;
                lit = q;
                continue;
            }
            if (c == '}') error_at_char(p, tok, q, 0, "%s", "f-string: single '}' is not allowed");
            literal_text(p, tok, lit, q, raw, pending);
            q = parse_field(p, tok, q, e, raw, 0, parts, pending);
            lit = q;
            continue;
        }
        q++;
    }
    literal_text(p, tok, lit, e, raw, pending);
}
