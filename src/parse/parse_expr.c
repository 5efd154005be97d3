/* parse_expr.c — expressions, by precedence climbing from the grammar of
 * the language reference: lambda / ternary, or, and, not, comparisons,
 * | ^ & << >> + - * / // % @, unary, **, await-less primaries, atoms and
 * displays, comprehensions, calls and subscripts. Binary levels loop
 * (left-associative chains never recurse); unary prefixes are collected
 * first and applied afterwards, so `not not … x` and `- - … x` do not
 * recurse either. */
#include <string.h>

#include "../gc/gc.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/str.h"
#include "../vm/error.h"
#include "parser.h"

static Expr *parse_primary(Parser *p);
static Expr *parse_atom(Parser *p);
static Expr *parse_factor(Parser *p);

bool starts_expression(Token *t) {
    if (t->kind == T_NUMBER || t->kind == T_STRING) return true;
    if (t->kind == T_NAME)
        return t->op == KW_NONE || t->op == KW_TRUE || t->op == KW_FALSE ||
               t->op == KW_NONE_ || t->op == KW_NOT || t->op == KW_LAMBDA ||
               t->op == KW_AWAIT;
    if (t->kind == T_OP)
        return t->op == OP_LPAR || t->op == OP_LSQB || t->op == OP_LBRACE ||
               t->op == OP_MINUS || t->op == OP_PLUS || t->op == OP_TILDE ||
               t->op == OP_ELLIPSIS;
    return false;
}

/* Could this token begin a second expression right after a complete one?
 * (Tokens that would continue the first one, like '(' or '-', do not.) */
static bool starts_juxtaposed(Token *t) {
    if (t->kind == T_NUMBER || t->kind == T_STRING) return true;
    if (t->kind == T_NAME)
        return t->op == KW_NONE || t->op == KW_TRUE || t->op == KW_FALSE ||
               t->op == KW_NONE_ || t->op == KW_LAMBDA;
    return t->kind == T_OP && (t->op == OP_LBRACE || t->op == OP_TILDE || t->op == OP_ELLIPSIS);
}

/* Inside brackets, `a b` gets CPython's comma hint. Called where a ',' or a
 * closing bracket was expected after `e`. Never returns. */
void missing_comma_or_invalid(Parser *p, Expr *e) {
    Token *t = cur(p);
    bool name_then_string = e && e->kind == E_NAME && t->kind == T_STRING;
    if (e && (t->level > 0 || p->fstring_field) && starts_juxtaposed(t) && !name_then_string &&
        e->kind != E_STARRED) {
        Expr *next = parse_expression(p);
        err_span(p, &Exc_SyntaxError, e->span.lineno, e->span.col, next->span.end_lineno,
                 next->span.end_col, "invalid syntax. Perhaps you forgot a comma?");
    }
    err_invalid(p);
}

/* ---- numbers ---- */

Value parse_number(Parser *p, Token *t) {
    size_t n = (size_t)(t->end - t->start);
    char *text = gc_alloc_atomic(n + 1);
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        if (t->start[i] != '_') text[len++] = t->start[i];
    text[len] = 0;
    Value v;
    bool prefixed = len > 1 && text[0] == '0' && strchr("xXoObB", text[1]);
    if (!prefixed && (text[len - 1] == 'j' || text[len - 1] == 'J')) {
        Value f = float_from_string(text, len - 1);
        if (!f) { err_clear(); err_tok(p, t, "invalid imaginary literal"); }
        return complex_new(0.0, float_value(f));
    }
    if (!prefixed && strpbrk(text, ".eE")) {
        v = float_from_string(text, len);
        if (!v) { err_clear(); err_tok(p, t, "invalid decimal literal"); }
        return v;
    }
    v = int_from_string(text, len, prefixed ? 0 : 10);
    if (!v) {
        err_clear();
        if (!prefixed && int_max_str_digits > 0 && len > (size_t)int_max_str_digits)
            err_tok(p, t,
                    "Exceeds the limit (%d digits) for integer string conversion: value has "
                    "%zu digits; use sys.set_int_max_str_digits() to increase the limit - "
                    "Consider hexadecimal for huge integer literals to avoid decimal "
                    "conversion limits.",
                    int_max_str_digits, len);
        err_tok(p, t, "invalid decimal literal");
    }
    return v;
}

/* ---- comprehensions ---- */

static ComprehensionList parse_generators(Parser *p) {
    PVec gens = {0};
    while (at_kw(p, KW_FOR) || at_kw(p, KW_ASYNC)) {
        if (at_kw(p, KW_ASYNC)) err_invalid(p); /* async comprehensions: unsupported */
        advance(p);
        Comprehension *c = gc_alloc(sizeof *c);
        c->target = parse_star_targets(p);
        if (!accept_kw(p, KW_IN)) err_invalid(p);
        c->iter = parse_disjunction(p);
        PVec ifs = {0};
        while (accept_kw(p, KW_IF)) pvec_push(&ifs, parse_disjunction(p));
        c->ifs = PVEC_AS(ExprList, ifs);
        pvec_push(&gens, c);
    }
    return PVEC_AS(ComprehensionList, gens);
}

static Expr *make_comp(Parser *p, ExprKind kind, Token *open, Expr *elt) {
    if (elt->kind == E_STARRED)
        err_expr(p, elt, "iterable unpacking cannot be used in comprehension");
    Expr *e = new_expr(p, kind, open);
    e->u.comp.elt = elt;
    e->u.comp.generators = parse_generators(p);
    return e;
}

/* ---- displays ---- */

/* The items of a tuple, list or set display after its first one, up to and
 * including the closing bracket `close` (a trailing comma is allowed). */
static PVec parse_display_items(Parser *p, Expr *first, int close) {
    PVec elts = {0};
    pvec_push(&elts, first);
    Expr *last = first;
    while (!at_op(p, close)) {
        if (!accept_op(p, OP_COMMA)) missing_comma_or_invalid(p, last);
        if (at_op(p, close)) break;
        last = parse_star_named_expression(p);
        pvec_push(&elts, last);
    }
    advance(p);
    return elts;
}

/* After '(' : (), (yield), (x), (x,...), (x for ...). */
static Expr *parse_paren(Parser *p, Token *open) {
    if (accept_op(p, OP_RPAR)) {
        Expr *e = new_expr(p, E_TUPLE, open);
        end_at_prev(p, &e->span);
        return e;
    }
    if (at_kw(p, KW_YIELD)) {
        Expr *y = parse_yield_expr(p);
        if (!accept_op(p, OP_RPAR)) err_invalid(p);
        return y;
    }
    Expr *first = parse_star_named_expression(p);
    if (at_kw(p, KW_FOR) || at_kw(p, KW_ASYNC)) {
        Expr *g = make_comp(p, E_GENEXP, open, first);
        if (!accept_op(p, OP_RPAR)) missing_comma_or_invalid(p, NULL);
        end_at_prev(p, &g->span);
        return g;
    }
    if (accept_op(p, OP_RPAR)) {
        if (first->kind == E_STARRED) err_expr(p, first, "cannot use starred expression here");
        return first;
    }
    PVec elts = parse_display_items(p, first, OP_RPAR);
    Expr *t = new_expr(p, E_TUPLE, open);
    t->u.list.elts = PVEC_AS(ExprList, elts);
    end_at_prev(p, &t->span);
    return t;
}

static Expr *parse_list_display(Parser *p, Token *open) {
    PVec elts = {0};
    if (!at_op(p, OP_RSQB)) {
        Expr *first = parse_star_named_expression(p);
        if (at_kw(p, KW_FOR) || at_kw(p, KW_ASYNC)) {
            Expr *c = make_comp(p, E_LISTCOMP, open, first);
            if (!accept_op(p, OP_RSQB)) missing_comma_or_invalid(p, NULL);
            end_at_prev(p, &c->span);
            return c;
        }
        elts = parse_display_items(p, first, OP_RSQB);
    } else {
        advance(p);
    }
    Expr *e = new_expr(p, E_LIST, open);
    e->u.list.elts = PVEC_AS(ExprList, elts);
    end_at_prev(p, &e->span);
    return e;
}

_Noreturn static void dict_colon_expected(Parser *p, Expr *key) {
    err_span(p, &Exc_SyntaxError, key->span.lineno, key->span.col, key->span.lineno,
             TOK_RAW(0), "':' expected after dictionary key");
}

static Expr *parse_dict_rest(Parser *p, Token *open, PVec *keys, PVec *values) {
    while (!at_op(p, OP_RBRACE)) {
        if (!accept_op(p, OP_COMMA)) missing_comma_or_invalid(p, values->items[values->len - 1]);
        if (at_op(p, OP_RBRACE)) break;
        if (accept_op(p, OP_DOUBLESTAR)) {
            pvec_push(keys, NULL);
            pvec_push(values, parse_bitwise_or(p));
            continue;
        }
        Expr *k = parse_expression(p);
        if (!accept_op(p, OP_COLON)) {
            if (at_op(p, OP_COMMA) || at_op(p, OP_RBRACE)) dict_colon_expected(p, k);
            missing_comma_or_invalid(p, k);
        }
        pvec_push(keys, k);
        pvec_push(values, parse_expression(p));
    }
    advance(p);
    Expr *e = new_expr(p, E_DICT, open);
    e->u.dict.keys = PVEC_AS(ExprList, *keys);
    e->u.dict.values = PVEC_AS(ExprList, *values);
    end_at_prev(p, &e->span);
    return e;
}

static Expr *parse_brace(Parser *p, Token *open) {
    PVec keys = {0}, values = {0};
    if (accept_op(p, OP_RBRACE)) {
        Expr *e = new_expr(p, E_DICT, open);
        end_at_prev(p, &e->span);
        return e;
    }
    if (accept_op(p, OP_DOUBLESTAR)) {
        pvec_push(&keys, NULL);
        pvec_push(&values, parse_bitwise_or(p));
        if (at_kw(p, KW_FOR))
            err_tok(p, cur(p), "dict unpacking cannot be used in dict comprehension");
        return parse_dict_rest(p, open, &keys, &values);
    }
    Expr *first = parse_star_named_expression(p);
    if (first->kind != E_STARRED && accept_op(p, OP_COLON)) {
        Expr *value = parse_expression(p);
        if (at_kw(p, KW_FOR) || at_kw(p, KW_ASYNC)) {
            Expr *c = new_expr(p, E_DICTCOMP, open);
            c->u.comp.key = first;
            c->u.comp.value = value;
            c->u.comp.generators = parse_generators(p);
            if (!accept_op(p, OP_RBRACE)) missing_comma_or_invalid(p, NULL);
            end_at_prev(p, &c->span);
            return c;
        }
        pvec_push(&keys, first);
        pvec_push(&values, value);
        return parse_dict_rest(p, open, &keys, &values);
    }
    if (at_kw(p, KW_FOR) || at_kw(p, KW_ASYNC)) {
        Expr *c = make_comp(p, E_SETCOMP, open, first);
        if (!accept_op(p, OP_RBRACE)) missing_comma_or_invalid(p, NULL);
        end_at_prev(p, &c->span);
        return c;
    }
    PVec elts = parse_display_items(p, first, OP_RBRACE);
    Expr *e = new_expr(p, E_SET, open);
    e->u.set.elts = PVEC_AS(ExprList, elts);
    end_at_prev(p, &e->span);
    return e;
}

/* ---- atoms and primaries ---- */

static Expr *parse_atom(Parser *p) {
    Token *t = cur(p);
    if (t->kind == T_NAME) {
        switch (t->op) {
        case KW_NONE: advance(p); return make_name(p, t, CTX_LOAD);
        case KW_TRUE: advance(p); return make_constant(p, t, VAL_TRUE);
        case KW_FALSE: advance(p); return make_constant(p, t, VAL_FALSE);
        case KW_NONE_: advance(p); return make_constant(p, t, VAL_NONE);
        default: err_invalid(p);
        }
    }
    if (t->kind == T_NUMBER) {
        advance(p);
        return make_constant(p, t, parse_number(p, t));
    }
    if (t->kind == T_STRING) return parse_strings(p);
    if (t->kind != T_OP) err_invalid(p);
    Expr *e;
    switch (t->op) {
    case OP_ELLIPSIS: advance(p); return make_constant(p, t, VAL_ELLIPSIS);
    case OP_LPAR: advance(p); enter(p); e = parse_paren(p, t); leave(p); return e;
    case OP_LSQB: advance(p); enter(p); e = parse_list_display(p, t); leave(p); return e;
    case OP_LBRACE: advance(p); enter(p); e = parse_brace(p, t); leave(p); return e;
    default: err_invalid(p);
    }
}

static Expr *parse_slice_item(Parser *p) {
    Token *start = cur(p);
    Expr *lower = NULL;
    if (at_op(p, OP_STAR)) {
        advance(p);
        Expr *s = new_expr(p, E_STARRED, start);
        s->u.starred.value = parse_bitwise_or(p);
        s->u.starred.ctx = CTX_LOAD;
        end_at_prev(p, &s->span);
        return s;
    }
    if (!at_op(p, OP_COLON)) {
        lower = parse_named_expression(p);
        if (!at_op(p, OP_COLON)) return lower;
    }
    Expr *s = new_expr(p, E_SLICE, start);
    advance(p); /* ':' */
    s->u.slice.lower = lower;
    if (!at_op(p, OP_COLON) && !at_op(p, OP_COMMA) && !at_op(p, OP_RSQB))
        s->u.slice.upper = parse_expression(p);
    if (accept_op(p, OP_COLON) && !at_op(p, OP_COMMA) && !at_op(p, OP_RSQB))
        s->u.slice.step = parse_expression(p);
    end_at_prev(p, &s->span);
    return s;
}

static Expr *parse_subscript(Parser *p, Expr *value) {
    advance(p); /* '[' */
    enter(p);
    Token *first_tok = cur(p);
    Expr *first = parse_slice_item(p);
    Expr *index = first;
    if (at_op(p, OP_COMMA) || first->kind == E_STARRED) {
        PVec elts = {0};
        pvec_push(&elts, first);
        while (accept_op(p, OP_COMMA)) {
            if (at_op(p, OP_RSQB)) break;
            pvec_push(&elts, parse_slice_item(p));
        }
        index = new_expr(p, E_TUPLE, first_tok);
        index->u.list.elts = PVEC_AS(ExprList, elts);
        end_at_prev(p, &index->span);
    }
    if (!accept_op(p, OP_RSQB)) missing_comma_or_invalid(p, index);
    leave(p);
    Expr *e = new_expr(p, E_SUBSCRIPT, first_tok);
    e->span.lineno = value->span.lineno;
    e->span.col = value->span.col;
    e->u.subscript.value = value;
    e->u.subscript.slice = index;
    e->u.subscript.ctx = CTX_LOAD;
    end_at_prev(p, &e->span);
    return e;
}

static void check_keyword_name(Parser *p, Token *name) {
    if (name->op == KW_TRUE || name->op == KW_FALSE || name->op == KW_NONE_) {
        Token *eq = ahead(p, 1);
        err_span(p, &Exc_SyntaxError, name->lineno, name->col, eq->end_lineno, eq->end_col,
                 "cannot assign to %.*s", (int)(name->end - name->start), name->start);
    }
}

Expr *parse_call(Parser *p, Expr *func) {
    Token *open = advance(p); /* '(' */
    enter(p);
    PVec args = {0}, keywords = {0};
    bool seen_keyword = false, seen_kwunpack = false;
    Expr *last = NULL;
    while (!at_op(p, OP_RPAR)) {
        Token *start = cur(p);
        if (accept_op(p, OP_STAR)) {
            Expr *s = new_expr(p, E_STARRED, start);
            s->u.starred.value = parse_expression(p);
            s->u.starred.ctx = CTX_LOAD;
            end_at_prev(p, &s->span);
            if (seen_kwunpack) {
                Token *comma = tok_at(p, p->pos - 1);
                for (int i = p->pos - 1; i > 0; i--) {
                    comma = tok_at(p, i);
                    if (comma->kind == T_OP && comma->op == OP_COMMA && comma->level == open->level + 1) break;
                }
                err_span(p, &Exc_SyntaxError, comma->lineno, comma->col, s->span.end_lineno,
                         s->span.end_col, "iterable argument unpacking follows keyword argument unpacking");
            }
            if (at_kw(p, KW_FOR)) err_expr(p, s, "iterable unpacking cannot be used in comprehension");
            pvec_push(&args, s);
            last = s;
        } else if (accept_op(p, OP_DOUBLESTAR)) {
            Keyword *k = gc_alloc(sizeof *k);
            k->arg = VAL_NULL;
            k->value = parse_expression(p);
            span_from(p, &k->span, start);
            pvec_push(&keywords, k);
            seen_kwunpack = true;
            last = k->value;
        } else if (start->kind == T_NAME && ahead(p, 1)->kind == T_OP &&
                   ahead(p, 1)->op == OP_EQUAL) {
            check_keyword_name(p, start);
            if (start->op != KW_NONE) err_invalid(p);
            advance(p);
            advance(p);
            Keyword *k = gc_alloc(sizeof *k);
            k->arg = tok_ident(p, start);
            k->value = parse_expression(p);
            span_from(p, &k->span, start);
            pvec_push(&keywords, k);
            seen_keyword = true;
            last = k->value;
        } else {
            Expr *e = parse_named_expression(p);
            if (at_kw(p, KW_FOR) || at_kw(p, KW_ASYNC)) {
                Expr *g = make_comp(p, E_GENEXP, start, e);
                end_at_prev(p, &g->span);
                bool sole = args.len == 0 && keywords.len == 0 && at_op(p, OP_RPAR);
                if (!sole) {
                    if (at_op(p, OP_COMMA) || args.len || keywords.len)
                        err_span(p, &Exc_SyntaxError, e->span.lineno, e->span.col,
                                 g->span.end_lineno, g->span.end_col,
                                 "Generator expression must be parenthesized");
                    missing_comma_or_invalid(p, g);
                }
                g->span.lineno = open->lineno;
                g->span.col = open->col;
                g->span.end_lineno = cur(p)->end_lineno;
                g->span.end_col = cur(p)->end_col;
                e = g;
            }
            if (seen_kwunpack)
                err_tok(p, cur(p), "positional argument follows keyword argument unpacking");
            if (seen_keyword) err_tok(p, cur(p), "positional argument follows keyword argument");
            pvec_push(&args, e);
            last = e;
        }
        if (!accept_op(p, OP_COMMA)) {
            if (!at_op(p, OP_RPAR)) missing_comma_or_invalid(p, last);
        }
    }
    advance(p);
    leave(p);
    Expr *c = new_expr(p, E_CALL, open);
    c->span.lineno = func->span.lineno;
    c->span.col = func->span.col;
    c->u.call.func = func;
    c->u.call.args = PVEC_AS(ExprList, args);
    c->u.call.keywords = PVEC_AS(KeywordList, keywords);
    end_at_prev(p, &c->span);
    return c;
}

static Expr *parse_primary(Parser *p) {
    Token *start = cur(p);
    Expr *e = parse_atom(p);
    for (;;) {
        if (at_op(p, OP_DOT)) {
            advance(p);
            Token *name = expect_name(p);
            Expr *a = new_expr(p, E_ATTRIBUTE, name);
            a->u.attribute.value = e;
            a->u.attribute.attr = tok_ident(p, name);
            a->u.attribute.ctx = CTX_LOAD;
            e = a;
        } else if (at_op(p, OP_LPAR)) {
            e = parse_call(p, e);
        } else if (at_op(p, OP_LSQB)) {
            e = parse_subscript(p, e);
        } else {
            return e;
        }
        /* `(a).b`: the span starts at the parenthesis */
        e->span.lineno = start->lineno;
        e->span.col = start->col;
    }
}

/* ---- operators ---- */

static Expr *parse_power(Parser *p) {
    Token *start = cur(p);
    Expr *base = parse_primary(p);
    if (!at_op(p, OP_DOUBLESTAR)) return base;
    advance(p);
    enter(p);
    Expr *exp = parse_factor(p);
    leave(p);
    Expr *e = new_expr(p, E_BINOP, cur(p));
    span_from(p, &e->span, start);
    e->u.binop.left = base;
    e->u.binop.op = NB_POWER;
    e->u.binop.right = exp;
    return e;
}

static Expr *parse_factor(Parser *p) {
    PVec ops = {0};
    while (at_op(p, OP_MINUS) || at_op(p, OP_PLUS) || at_op(p, OP_TILDE)) {
        pvec_push(&ops, advance(p));
        enter(p);
    }
    Expr *e = parse_power(p);
    for (int i = ops.len - 1; i >= 0; i--) {
        Token *t = ops.items[i];
        Expr *u = new_expr(p, E_UNARYOP, t);
        u->u.unaryop.op = t->op == OP_MINUS ? UNARY_MINUS : t->op == OP_PLUS ? UNARY_PLUS
                                                                              : UNARY_INVERT;
        u->u.unaryop.operand = e;
        end_at_prev(p, &u->span);
        e = u;
        leave(p);
    }
    return e;
}

/* Binary levels from loosest (|) to tightest (* / // % @). */
static const struct { int tok, nb; } LEVEL_OPS[6][6] = {
    {{OP_VBAR, NB_OR}},
    {{OP_CIRCUMFLEX, NB_XOR}},
    {{OP_AMPER, NB_AND}},
    {{OP_LEFTSHIFT, NB_LSHIFT}, {OP_RIGHTSHIFT, NB_RSHIFT}},
    {{OP_PLUS, NB_ADD}, {OP_MINUS, NB_SUBTRACT}},
    {{OP_STAR, NB_MULTIPLY}, {OP_SLASH, NB_TRUE_DIVIDE}, {OP_DOUBLESLASH, NB_FLOOR_DIVIDE},
     {OP_PERCENT, NB_REMAINDER}, {OP_AT, NB_MATRIX_MULTIPLY}},
};

static int level_op(Parser *p, int level) {
    Token *t = cur(p);
    if (t->kind != T_OP) return -1;
    for (int i = 0; i < 6 && LEVEL_OPS[level][i].tok; i++)
        if (LEVEL_OPS[level][i].tok == t->op) return LEVEL_OPS[level][i].nb;
    return -1;
}

static Expr *parse_binary_level(Parser *p, int level) {
    Token *start = cur(p);
    Expr *left = level == 5 ? parse_factor(p) : parse_binary_level(p, level + 1);
    int nb;
    while ((nb = level_op(p, level)) >= 0) {
        advance(p);
        Expr *right = level == 5 ? parse_factor(p) : parse_binary_level(p, level + 1);
        Expr *e = new_expr(p, E_BINOP, cur(p));
        span_from(p, &e->span, start);
        e->u.binop.left = left;
        e->u.binop.op = nb;
        e->u.binop.right = right;
        left = e;
    }
    return left;
}

Expr *parse_bitwise_or(Parser *p) { return parse_binary_level(p, 0); }

static int comparison_op(Parser *p) {
    Token *t = cur(p);
    if (t->kind == T_OP) {
        switch (t->op) {
        case OP_EQEQUAL: advance(p); return CMPOP_EQ;
        case OP_NOTEQUAL: advance(p); return CMPOP_NOTEQ;
        case OP_LESS: advance(p); return CMPOP_LT;
        case OP_LESSEQUAL: advance(p); return CMPOP_LTE;
        case OP_GREATER: advance(p); return CMPOP_GT;
        case OP_GREATEREQUAL: advance(p); return CMPOP_GTE;
        default: return -1;
        }
    }
    if (t->kind != T_NAME) return -1;
    if (t->op == KW_IN) { advance(p); return CMPOP_IN; }
    if (t->op == KW_NOT) {
        if (ahead(p, 1)->kind == T_NAME && ahead(p, 1)->op == KW_IN) {
            p->pos += 2;
            return CMPOP_NOTIN;
        }
        err_tok(p, ahead(p, 1), "invalid syntax"); /* `a not b`: 'in' was expected */
    }
    if (t->op == KW_IS) {
        advance(p);
        return accept_kw(p, KW_NOT) ? CMPOP_ISNOT : CMPOP_IS;
    }
    return -1;
}

static Expr *parse_comparison(Parser *p) {
    Token *start = cur(p);
    Expr *left = parse_bitwise_or(p);
    int op = comparison_op(p);
    if (op < 0) return left;
    int n = 0, cap = 4;
    CmpOpKind *ops = gc_alloc_atomic((size_t)cap * sizeof *ops);
    PVec comparators = {0};
    Expr *last = left;
    while (op >= 0) {
        if (n == cap) {
            cap *= 2;
            ops = gc_realloc(ops, (size_t)cap * sizeof *ops);
            if (!ops) err_tok(p, cur(p), "out of memory");
        }
        ops[n++] = (CmpOpKind)op;
        last = parse_bitwise_or(p);
        pvec_push(&comparators, last);
        op = comparison_op(p);
    }
    Expr *e = new_expr(p, E_COMPARE, cur(p));
    span_from(p, &e->span, start);
    e->u.compare.left = left;
    e->u.compare.n = n;
    e->u.compare.ops = ops;
    e->u.compare.comparators = PVEC_AS(ExprList, comparators);
    return e;
}

static Expr *parse_inversion(Parser *p) {
    PVec nots = {0};
    while (at_kw(p, KW_NOT)) {
        pvec_push(&nots, advance(p));
        enter(p);
    }
    Expr *e = parse_comparison(p);
    for (int i = nots.len - 1; i >= 0; i--) {
        Expr *u = new_expr(p, E_UNARYOP, nots.items[i]);
        u->u.unaryop.op = UNARY_NOT;
        u->u.unaryop.operand = e;
        end_at_prev(p, &u->span);
        e = u;
        leave(p);
    }
    return e;
}

static Expr *parse_boolop(Parser *p, int kw) {
    Token *start = cur(p);
    Expr *first = kw == KW_OR ? parse_boolop(p, KW_AND) : parse_inversion(p);
    if (!at_kw(p, kw)) return first;
    PVec values = {0};
    pvec_push(&values, first);
    Expr *last = first;
    while (accept_kw(p, kw)) {
        last = kw == KW_OR ? parse_boolop(p, KW_AND) : parse_inversion(p);
        pvec_push(&values, last);
    }
    Expr *e = new_expr(p, E_BOOLOP, cur(p));
    span_from(p, &e->span, start);
    e->u.boolop.op = kw == KW_OR ? BOOL_OR : BOOL_AND;
    e->u.boolop.values = PVEC_AS(ExprList, values);
    return e;
}

Expr *parse_disjunction(Parser *p) { return parse_boolop(p, KW_OR); }

static Expr *parse_lambda(Parser *p) {
    Token *start = advance(p);
    Expr *e = new_expr(p, E_LAMBDA, start);
    e->u.lambda.args = parse_parameters(p, OP_COLON, true);
    if (!accept_op(p, OP_COLON)) err_invalid(p);
    e->u.lambda.body = parse_expression(p);
    end_at_prev(p, &e->span);
    return e;
}

Expr *parse_expression(Parser *p) {
    enter(p);
    if (at_kw(p, KW_LAMBDA)) {
        Expr *l = parse_lambda(p);
        leave(p);
        return l;
    }
    Token *start = cur(p);
    Expr *body = parse_disjunction(p);
    if (at_kw(p, KW_IF)) {
        advance(p);
        Expr *test = parse_disjunction(p);
        if (!accept_kw(p, KW_ELSE)) {
            if (starts_expression(cur(p)) || cur(p)->kind == T_NAME) err_invalid(p);
            err_span(p, &Exc_SyntaxError, body->span.lineno, body->span.col,
                     test->span.end_lineno, test->span.end_col,
                     "expected 'else' after 'if' expression");
        }
        Expr *orelse = parse_expression(p);
        Expr *e = new_expr(p, E_IFEXP, cur(p));
        span_from(p, &e->span, start);
        e->u.ifexp.test = test;
        e->u.ifexp.body = body;
        e->u.ifexp.orelse = orelse;
        body = e;
    }
    leave(p);
    return body;
}

Expr *parse_named_expression(Parser *p) {
    Token *t = cur(p);
    if (t->kind == T_NAME && t->op == KW_NONE && ahead(p, 1)->kind == T_OP &&
        ahead(p, 1)->op == OP_COLONEQUAL) {
        advance(p);
        advance(p);
        Expr *target = make_name(p, t, CTX_STORE);
        Expr *value = parse_expression(p);
        Expr *e = new_expr(p, E_NAMEDEXPR, t);
        span_from(p, &e->span, t);
        e->u.namedexpr.target = target;
        e->u.namedexpr.value = value;
        return e;
    }
    Expr *e = parse_expression(p);
    if (at_op(p, OP_COLONEQUAL)) {
        const char *what = expr_description(e);
        if (e->kind == E_NAME) err_invalid(p);
        err_expr(p, e, "cannot use assignment expressions with %s", what);
    }
    return e;
}

Expr *parse_star_named_expression(Parser *p) {
    Token *t = cur(p);
    if (accept_op(p, OP_STAR)) {
        Expr *s = new_expr(p, E_STARRED, t);
        s->u.starred.value = parse_bitwise_or(p);
        s->u.starred.ctx = CTX_LOAD;
        end_at_prev(p, &s->span);
        return s;
    }
    return parse_named_expression(p);
}

static Expr *parse_star_expression(Parser *p) {
    Token *t = cur(p);
    if (accept_op(p, OP_STAR)) {
        Expr *s = new_expr(p, E_STARRED, t);
        s->u.starred.value = parse_bitwise_or(p);
        s->u.starred.ctx = CTX_LOAD;
        end_at_prev(p, &s->span);
        return s;
    }
    return parse_expression(p);
}

static bool starts_star_expression(Token *t) {
    return starts_expression(t) || (t->kind == T_OP && t->op == OP_STAR);
}

Expr *parse_star_expressions(Parser *p) {
    Token *start = cur(p);
    Expr *first = parse_star_expression(p);
    if (!at_op(p, OP_COMMA)) return first;
    PVec elts = {0};
    pvec_push(&elts, first);
    while (accept_op(p, OP_COMMA)) {
        if (!starts_star_expression(cur(p))) break;
        pvec_push(&elts, parse_star_expression(p));
    }
    Expr *e = new_expr(p, E_TUPLE, cur(p));
    span_from(p, &e->span, start);
    e->u.list.elts = PVEC_AS(ExprList, elts);
    return e;
}

Expr *parse_star_targets(Parser *p) {
    Token *t0 = cur(p);
    PVec elts = {0};
    bool comma = false;
    for (;;) {
        Token *t = cur(p);
        Expr *e;
        if (accept_op(p, OP_STAR)) {
            e = new_expr(p, E_STARRED, t);
            e->u.starred.value = parse_bitwise_or(p);
            e->u.starred.ctx = CTX_LOAD;
            end_at_prev(p, &e->span);
        } else {
            e = parse_bitwise_or(p);
        }
        pvec_push(&elts, e);
        if (!accept_op(p, OP_COMMA)) break;
        comma = true;
        if (!starts_star_expression(cur(p))) break;
    }
    Expr *target;
    if (!comma) {
        target = elts.items[0];
    } else {
        target = new_expr(p, E_TUPLE, t0);
        target->u.list.elts = PVEC_AS(ExprList, elts);
        end_at_prev(p, &target->span);
    }
    set_target(p, target, CTX_STORE, TARGET_FOR);
    return target;
}

Expr *parse_yield_expr(Parser *p) {
    Token *t = advance(p); /* 'yield' */
    if (accept_kw(p, KW_FROM)) {
        Expr *e = new_expr(p, E_YIELDFROM, t);
        e->u.yieldfrom.value = parse_expression(p);
        end_at_prev(p, &e->span);
        return e;
    }
    Expr *e = new_expr(p, E_YIELD, t);
    if (starts_star_expression(cur(p))) e->u.yield.value = parse_star_expressions(p);
    end_at_prev(p, &e->span);
    return e;
}
