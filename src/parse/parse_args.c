/* parse_args.c — parameter lists (def and lambda) and assignment-target
 * validation with CPython's messages. */
#include "../gc/gc.h"
#include "../objects/str.h"
#include "parser.h"

/* ---- parameters ---- */

typedef struct ParamState {
    PVec posonly, args, kwonly, defaults, kw_defaults;
    Arg *vararg, *kwarg;
    bool seen_slash, seen_star, bare_star;
    Token *star_tok;
} ParamState;

static Arg *parse_param(Parser *p, bool is_lambda) {
    Token *name = cur(p);
    if (name->kind != T_NAME || name->op != KW_NONE) err_invalid(p);
    advance(p);
    Arg *a = gc_alloc(sizeof *a);
    a->name = tok_ident(p, name);
    a->span = (Span){name->lineno, name->col, name->end_lineno, name->end_col};
    if (!is_lambda && accept_op(p, OP_COLON)) {
        if (at_op(p, OP_STAR)) { /* `*args: *Ts` */
            Token *st = advance(p);
            Expr *s = new_expr(p, E_STARRED, st);
            s->u.starred.value = parse_expression(p);
            s->u.starred.ctx = CTX_LOAD;
            end_at_prev(p, &s->span);
            a->annotation = s;
        } else {
            a->annotation = parse_expression(p);
        }
        a->span.end_lineno = a->annotation->span.end_lineno;
        a->span.end_col = a->annotation->span.end_col;
    }
    return a;
}

static void param_slash(Parser *p, ParamState *st) {
    Token *t = advance(p);
    if (st->seen_slash) err_tok(p, t, "/ may appear only once");
    if (st->seen_star) err_tok(p, t, "/ must be ahead of *");
    if (st->args.len == 0) {
        if (at_op(p, OP_RPAR) || at_op(p, OP_COLON)) err_tok(p, t, "invalid syntax");
        err_tok(p, t, "at least one argument must precede /");
    }
    st->posonly = st->args;
    st->args = (PVec){0};
    st->seen_slash = true;
}

static void param_star(Parser *p, ParamState *st, int closer, bool is_lambda) {
    Token *t = advance(p);
    if (st->seen_star) err_tok(p, t, "* argument may appear only once");
    st->seen_star = true;
    st->star_tok = t;
    if (at_op(p, OP_COMMA) || at_op(p, closer)) {
        st->bare_star = true;
        return;
    }
    st->vararg = parse_param(p, is_lambda);
    if (at_op(p, OP_EQUAL)) err_tok(p, cur(p), "var-positional argument cannot have default value");
}

static void param_plain(Parser *p, ParamState *st, bool is_lambda) {
    Arg *a = parse_param(p, is_lambda);
    Expr *def = NULL;
    if (accept_op(p, OP_EQUAL)) def = parse_expression(p);
    if (st->seen_star) {
        pvec_push(&st->kwonly, a);
        pvec_push(&st->kw_defaults, def);
        return;
    }
    if (def) {
        pvec_push(&st->defaults, def);
    } else if (st->defaults.len > 0) {
        err_span(p, &Exc_SyntaxError, a->span.lineno, a->span.col, a->span.end_lineno,
                 a->span.end_col, "parameter without a default follows parameter with a default");
    }
    pvec_push(&st->args, a);
}

Arguments *parse_parameters(Parser *p, int closer, bool is_lambda) {
    ParamState st = {0};
    while (!at_op(p, closer)) {
        if (is_lambda && at_op(p, OP_LPAR)) {
            Token *open = cur(p), *close = open;
            for (int i = 1; close->kind != T_ENDMARKER && close->kind != T_NEWLINE &&
                            !(close->kind == T_OP && close->op == OP_RPAR); i++)
                close = ahead(p, i);
            err_span(p, &Exc_SyntaxError, open->lineno, open->col, close->end_lineno,
                     close->end_col, "Lambda expression parameters cannot be parenthesized");
        }
        if (st.kwarg) err_tok(p, cur(p), "arguments cannot follow var-keyword argument");
        if (at_op(p, OP_SLASH)) {
            param_slash(p, &st);
        } else if (at_op(p, OP_STAR)) {
            param_star(p, &st, closer, is_lambda);
        } else if (accept_op(p, OP_DOUBLESTAR)) {
            st.kwarg = parse_param(p, is_lambda);
            if (at_op(p, OP_EQUAL))
                err_tok(p, cur(p), "var-keyword argument cannot have default value");
        } else {
            param_plain(p, &st, is_lambda);
        }
        if (!accept_op(p, OP_COMMA)) {
            if (!at_op(p, closer)) {
                if (is_lambda && cur(p)->kind == T_OP && cur(p)->op == OP_LPAR)
                    err_tok(p, cur(p), "Lambda expression parameters cannot be parenthesized");
                err_invalid(p);
            }
        } else if (st.kwarg && !at_op(p, closer)) {
            err_tok(p, cur(p), "arguments cannot follow var-keyword argument");
        }
    }
    if (st.bare_star && st.kwonly.len == 0) err_tok(p, st.star_tok, "named arguments must follow bare *");
    Arguments *a = gc_alloc(sizeof *a);
    a->posonlyargs = PVEC_AS(ArgList, st.posonly);
    a->args = PVEC_AS(ArgList, st.args);
    a->kwonlyargs = PVEC_AS(ArgList, st.kwonly);
    a->vararg = st.vararg;
    a->kwarg = st.kwarg;
    a->kw_defaults = PVEC_AS(ExprList, st.kw_defaults);
    a->defaults = PVEC_AS(ExprList, st.defaults);
    return a;
}

/* ---- targets ---- */

const char *expr_description(Expr *e) {
    switch (e->kind) {
    case E_BOOLOP: case E_BINOP: case E_UNARYOP: return "expression";
    case E_NAMEDEXPR: return "named expression";
    case E_LAMBDA: return "lambda";
    case E_IFEXP: return "conditional expression";
    case E_DICT: return "dict literal";
    case E_SET: return "set display";
    case E_LISTCOMP: return "list comprehension";
    case E_SETCOMP: return "set comprehension";
    case E_DICTCOMP: return "dict comprehension";
    case E_GENEXP: return "generator expression";
    case E_AWAIT: return "await expression";
    case E_YIELD: case E_YIELDFROM: return "yield expression";
    case E_COMPARE: return "comparison";
    case E_CALL: return "function call";
    case E_FORMATTEDVALUE: case E_JOINEDSTR: return "f-string expression";
    case E_CONSTANT: {
        Value v = e->u.constant.value;
        if (v == VAL_TRUE) return "True";
        if (v == VAL_FALSE) return "False";
        if (v == VAL_NONE) return "None";
        if (v == VAL_ELLIPSIS) return "ellipsis";
        return "literal";
    }
    case E_ATTRIBUTE: return "attribute";
    case E_SUBSCRIPT: return "subscript";
    case E_STARRED: return "starred";
    case E_NAME: return "name";
    case E_LIST: return "list";
    case E_TUPLE: return "tuple";
    case E_SLICE: return "slice";
    }
    return "expression";
}

static void set_target_rec(Parser *p, Expr *e, ExprCtx ctx, TargetKind kind, bool top) {
    switch (e->kind) {
    case E_NAME: e->u.name.ctx = ctx; return;
    case E_ATTRIBUTE: e->u.attribute.ctx = ctx; return;
    case E_SUBSCRIPT: e->u.subscript.ctx = ctx; return;
    case E_STARRED:
        if (kind == TARGET_DEL) err_expr(p, e, "cannot delete starred");
        if (top) err_expr(p, e, "starred assignment target must be in a list or tuple");
        e->u.starred.ctx = ctx;
        set_target_rec(p, e->u.starred.value, ctx, kind, false);
        return;
    case E_TUPLE:
    case E_LIST: {
        e->u.list.ctx = ctx;
        int starred = 0;
        for (int i = 0; i < e->u.list.elts.len; i++) {
            Expr *elt = e->u.list.elts.items[i];
            if (elt->kind == E_STARRED && ++starred > 1)
                err_expr(p, e, "multiple starred expressions in assignment");
            set_target_rec(p, elt, ctx, kind, false);
        }
        return;
    }
    default: break;
    }
    const char *what = expr_description(e);
    if (kind == TARGET_DEL) err_expr(p, e, "cannot delete %s", what);
    bool is_yield = e->kind == E_YIELD || e->kind == E_YIELDFROM;
    if (kind == TARGET_CHAIN && is_yield)
        err_expr(p, e, "assignment to yield expression not possible");
    bool singleton = e->kind == E_CONSTANT &&
                     (e->u.constant.value == VAL_TRUE || e->u.constant.value == VAL_FALSE ||
                      e->u.constant.value == VAL_NONE);
    if (kind == TARGET_ASSIGN && top && !is_yield && !singleton)
        err_expr(p, e, "cannot assign to %s here. Maybe you meant '==' instead of '='?", what);
    err_expr(p, e, "cannot assign to %s", what);
}

void set_target(Parser *p, Expr *e, ExprCtx ctx, TargetKind kind) {
    set_target_rec(p, e, ctx, kind, true);
}
