/* parse_stmt.c — statements: simple statements (separated by ';'),
 * compound statements with their indented blocks, decorators, imports.
 * `match`, `type` are soft keywords and stay names, so their statement
 * forms fail as ordinary syntax errors; async/await are keywords this
 * implementation does not support (SyntaxError "invalid syntax"). */
#include <string.h>

#include "../gc/gc.h"
#include "../objects/str.h"
#include "parser.h"

static StmtList parse_block(Parser *p, const char *what, int header_line);

/* ---- helpers ---- */

/* A compound statement ends with the last token of its last block (a
 * trailing ';' included), as in CPython. */
static void end_after_block(Parser *p, Span *span) {
    int i = p->pos - 1;
    while (i > 0 && (tok_at(p, i)->kind == T_NEWLINE || tok_at(p, i)->kind == T_DEDENT ||
                     tok_at(p, i)->kind == T_INDENT))
        i--;
    Token *t = tok_at(p, i);
    span->end_lineno = t->end_lineno;
    span->end_col = t->end_col;
}

static void end_with_list(Parser *p, Stmt *s, StmtList body) {
    if (body.len > 0) end_after_block(p, &s->span);
}

/* After a compound statement's header. forced: CPython reports "expected ':'"
 * whatever follows; otherwise only before a newline. */
static void expect_colon(Parser *p, bool forced) {
    if (accept_op(p, OP_COLON)) return;
    if (forced || cur(p)->kind == T_NEWLINE) err_tok(p, cur(p), "expected ':'");
    err_invalid(p);
}

Value docstring_of(StmtList body) {
    if (body.len == 0) return VAL_NULL;
    Stmt *s = body.items[0];
    if (s->kind != S_EXPR || s->u.expr.value->kind != E_CONSTANT) return VAL_NULL;
    Value v = s->u.expr.value->u.constant.value;
    return val_is_str(v) ? v : VAL_NULL;
}

/* ---- simple statements ---- */

static Expr *parse_rhs(Parser *p) {
    if (at_kw(p, KW_YIELD)) return parse_yield_expr(p);
    return parse_star_expressions(p);
}

static int augassign_op(Token *t) {
    if (t->kind != T_OP) return -1;
    switch (t->op) {
    case OP_PLUSEQUAL: return NB_ADD;
    case OP_MINEQUAL: return NB_SUBTRACT;
    case OP_STAREQUAL: return NB_MULTIPLY;
    case OP_ATEQUAL: return NB_MATRIX_MULTIPLY;
    case OP_SLASHEQUAL: return NB_TRUE_DIVIDE;
    case OP_PERCENTEQUAL: return NB_REMAINDER;
    case OP_AMPEREQUAL: return NB_AND;
    case OP_VBAREQUAL: return NB_OR;
    case OP_CIRCUMFLEXEQUAL: return NB_XOR;
    case OP_LEFTSHIFTEQUAL: return NB_LSHIFT;
    case OP_RIGHTSHIFTEQUAL: return NB_RSHIFT;
    case OP_DOUBLESTAREQUAL: return NB_POWER;
    case OP_DOUBLESLASHEQUAL: return NB_FLOOR_DIVIDE;
    default: return -1;
    }
}

static Stmt *parse_annassign(Parser *p, Token *first, Expr *target) {
    advance(p); /* ':' */
    if (target->kind == E_TUPLE)
        err_expr(p, target->u.list.elts.len && first->kind != T_OP ? target->u.list.elts.items[0] : target,
                 "only single target (not tuple) can be annotated");
    if (target->kind == E_LIST)
        err_expr(p, target, "only single target (not list) can be annotated");
    if (target->kind != E_NAME && target->kind != E_ATTRIBUTE && target->kind != E_SUBSCRIPT)
        err_expr(p, target, "illegal target for annotation");
    set_target(p, target, CTX_STORE, TARGET_ASSIGN);
    Stmt *s = new_stmt(p, S_ANNASSIGN, first);
    s->u.annassign.target = target;
    s->u.annassign.annotation = parse_expression(p);
    if (accept_op(p, OP_EQUAL)) s->u.annassign.value = parse_rhs(p);
    s->u.annassign.simple = target->kind == E_NAME && !(first->kind == T_OP && first->op == OP_LPAR);
    end_at_prev(p, &s->span);
    return s;
}

static Stmt *parse_augassign(Parser *p, Token *first, Expr *target, int op) {
    advance(p);
    if (target->kind != E_NAME && target->kind != E_ATTRIBUTE && target->kind != E_SUBSCRIPT)
        err_expr(p, target, "'%s' is an illegal expression for augmented assignment",
                 expr_description(target));
    set_target(p, target, CTX_STORE, TARGET_ASSIGN);
    Stmt *s = new_stmt(p, S_AUGASSIGN, first);
    s->u.augassign.target = target;
    s->u.augassign.op = op;
    s->u.augassign.value = parse_rhs(p);
    end_at_prev(p, &s->span);
    return s;
}

/* `print "x"` and friends: Python 2 habits get CPython's hint. */
static void check_print_statement(Parser *p, Expr *e) {
    if (e->kind != E_NAME || cur(p)->kind == T_NEWLINE) return;
    Token *t = cur(p);
    if (!starts_expression(t) || (t->kind == T_OP && t->op != OP_LBRACE && t->op != OP_LSQB))
        return;
    const char *name = str_data(e->u.name.id);
    if (strcmp(name, "print") != 0 && strcmp(name, "exec") != 0) return;
    Expr *arg = parse_star_expressions(p);
    err_span(p, &Exc_SyntaxError, e->span.lineno, e->span.col, arg->span.end_lineno,
             arg->span.end_col, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
             name, name);
}

static Stmt *parse_expr_statement(Parser *p) {
    Token *first = cur(p);
    Expr *e = parse_rhs(p);
    if (at_op(p, OP_COLONEQUAL) && e->kind != E_NAME)
        err_expr(p, e, "cannot use assignment expressions with %s", expr_description(e));
    if (at_op(p, OP_COLON)) return parse_annassign(p, first, e);
    int aug = augassign_op(cur(p));
    if (aug >= 0) return parse_augassign(p, first, e, aug);
    if (at_op(p, OP_EQUAL)) {
        PVec targets = {0};
        int n = 0;
        while (accept_op(p, OP_EQUAL)) {
            set_target(p, e, CTX_STORE, n == 0 ? TARGET_ASSIGN : TARGET_CHAIN);
            pvec_push(&targets, e);
            n++;
            e = parse_rhs(p);
        }
        Stmt *s = new_stmt(p, S_ASSIGN, first);
        s->u.assign.targets = PVEC_AS(ExprList, targets);
        s->u.assign.value = e;
        end_at_prev(p, &s->span);
        return s;
    }
    check_print_statement(p, e);
    Stmt *s = new_stmt(p, S_EXPR, first);
    span_from(p, &s->span, first);
    s->u.expr.value = e;
    return s;
}

static Value parse_dotted_name(Parser *p) {
    Token *t = expect_name(p);
    if (!at_op(p, OP_DOT)) return tok_ident(p, t);
    Buf b = {0};
    buf_append(&b, t->start, (size_t)(t->end - t->start));
    while (accept_op(p, OP_DOT)) {
        Token *n = expect_name(p);
        buf_append(&b, ".", 1);
        buf_append(&b, n->start, (size_t)(n->end - n->start));
    }
    return str_intern(str_new(b.data, b.len));
}

static Alias *parse_alias(Parser *p, bool dotted) {
    Token *start = cur(p);
    Alias *a = gc_alloc(sizeof *a);
    a->name = dotted ? parse_dotted_name(p) : tok_ident(p, expect_name(p));
    a->asname = VAL_NULL;
    if (accept_kw(p, KW_AS)) a->asname = tok_ident(p, expect_name(p));
    a->span = (Span){start->lineno, start->col, 0, 0};
    end_at_prev(p, &a->span);
    return a;
}

static Stmt *parse_import(Parser *p, Token *kw) {
    if (cur(p)->kind != T_NAME || cur(p)->op != KW_NONE) {
        if (cur(p)->kind == T_NEWLINE)
            err_span(p, &Exc_SyntaxError, cur(p)->lineno, cur(p)->col, cur(p)->lineno,
                     cur(p)->col, "Expected one or more names after 'import'");
        err_invalid(p);
    }
    PVec names = {0};
    do pvec_push(&names, parse_alias(p, true));
    while (accept_op(p, OP_COMMA));
    Stmt *s = new_stmt(p, S_IMPORT, kw);
    s->u.import.names = PVEC_AS(AliasList, names);
    end_at_prev(p, &s->span);
    return s;
}

static Stmt *parse_from_import(Parser *p, Token *kw) {
    int level = 0;
    for (;;) {
        if (accept_op(p, OP_DOT)) level++;
        else if (accept_op(p, OP_ELLIPSIS)) level += 3;
        else break;
    }
    Value module = VAL_NULL;
    if (!at_kw(p, KW_IMPORT)) module = parse_dotted_name(p);
    if (!accept_kw(p, KW_IMPORT)) err_invalid(p);
    if (cur(p)->kind == T_NEWLINE)
        err_span(p, &Exc_SyntaxError, cur(p)->lineno, cur(p)->col, cur(p)->lineno, cur(p)->col,
                 "Expected one or more names after 'import'");
    PVec names = {0};
    if (at_op(p, OP_STAR)) {
        Token *star = advance(p);
        Alias *a = gc_alloc(sizeof *a);
        a->name = str_intern_cstr("*");
        a->asname = VAL_NULL;
        a->span = (Span){star->lineno, star->col, star->end_lineno, star->end_col};
        pvec_push(&names, a);
    } else if (accept_op(p, OP_LPAR)) {
        do {
            if (at_op(p, OP_RPAR) && names.len > 0) break;
            pvec_push(&names, parse_alias(p, false));
        } while (accept_op(p, OP_COMMA));
        if (!accept_op(p, OP_RPAR)) err_invalid(p);
    } else {
        do {
            if (cur(p)->kind == T_NEWLINE && names.len > 0)
                err_tok(p, cur(p), "trailing comma not allowed without surrounding parentheses");
            pvec_push(&names, parse_alias(p, false));
        } while (accept_op(p, OP_COMMA));
    }
    Stmt *s = new_stmt(p, S_IMPORTFROM, kw);
    s->u.importfrom.module = module;
    s->u.importfrom.names = PVEC_AS(AliasList, names);
    s->u.importfrom.level = level;
    end_at_prev(p, &s->span);
    return s;
}

static Stmt *parse_global(Parser *p, Token *kw, StmtKind kind) {
    PVec names = {0};
    do pvec_push(&names, expect_name(p));
    while (accept_op(p, OP_COMMA));
    Stmt *s = new_stmt(p, kind, kw);
    s->u.global.n = names.len;
    s->u.global.names = gc_alloc((size_t)names.len * sizeof(Value));
    for (int i = 0; i < names.len; i++) s->u.global.names[i] = tok_ident(p, names.items[i]);
    end_at_prev(p, &s->span);
    return s;
}

static Stmt *parse_del(Parser *p, Token *kw) {
    PVec targets = {0};
    do {
        if (cur(p)->kind == T_NEWLINE || at_op(p, OP_SEMI)) {
            if (targets.len == 0) err_invalid(p);
            break;
        }
        Expr *e = at_op(p, OP_STAR) ? parse_star_named_expression(p) : parse_expression(p);
        set_target(p, e, CTX_DEL, TARGET_DEL);
        pvec_push(&targets, e);
    } while (accept_op(p, OP_COMMA));
    Stmt *s = new_stmt(p, S_DELETE, kw);
    s->u.delete_.targets = PVEC_AS(ExprList, targets);
    end_at_prev(p, &s->span);
    return s;
}

static bool at_simple_end(Parser *p) {
    return cur(p)->kind == T_NEWLINE || at_op(p, OP_SEMI);
}

static Stmt *parse_simple_statement(Parser *p) {
    Token *t = cur(p);
    if (t->kind != T_NAME || t->op == KW_NONE) return parse_expr_statement(p);
    Stmt *s;
    switch (t->op) {
    case KW_PASS: advance(p); return new_stmt(p, S_PASS, t);
    case KW_BREAK: advance(p); return new_stmt(p, S_BREAK, t);
    case KW_CONTINUE: advance(p); return new_stmt(p, S_CONTINUE, t);
    case KW_RETURN:
        advance(p);
        s = new_stmt(p, S_RETURN, t);
        if (!at_simple_end(p)) s->u.return_.value = parse_star_expressions(p);
        end_at_prev(p, &s->span);
        return s;
    case KW_RAISE:
        advance(p);
        s = new_stmt(p, S_RAISE, t);
        if (!at_simple_end(p)) {
            s->u.raise.exc = parse_expression(p);
            if (accept_kw(p, KW_FROM)) s->u.raise.cause = parse_expression(p);
        }
        end_at_prev(p, &s->span);
        return s;
    case KW_GLOBAL: advance(p); return parse_global(p, t, S_GLOBAL);
    case KW_NONLOCAL: advance(p); return parse_global(p, t, S_NONLOCAL);
    case KW_DEL: advance(p); return parse_del(p, t);
    case KW_ASSERT:
        advance(p);
        s = new_stmt(p, S_ASSERT, t);
        s->u.assert_.test = parse_expression(p);
        if (accept_op(p, OP_COMMA)) s->u.assert_.msg = parse_expression(p);
        end_at_prev(p, &s->span);
        return s;
    case KW_IMPORT: advance(p); return parse_import(p, t);
    case KW_FROM: advance(p); return parse_from_import(p, t);
    default: return parse_expr_statement(p);
    }
}

static void parse_simple_statements(Parser *p, PVec *out) {
    for (;;) {
        pvec_push(out, parse_simple_statement(p));
        if (accept_op(p, OP_SEMI)) {
            if (cur(p)->kind == T_NEWLINE) break;
            continue;
        }
        break;
    }
    if (cur(p)->kind != T_NEWLINE) err_invalid(p);
    advance(p);
}

/* ---- compound statements ---- */

static Stmt *parse_if(Parser *p, Token *kw) {
    Stmt *s = new_stmt(p, S_IF, kw);
    s->u.if_.test = parse_named_expression(p);
    expect_colon(p, false);
    bool elif = kw->kind == T_NAME && kw->op == KW_ELIF;
    s->u.if_.body = parse_block(p, elif ? "'elif' statement" : "'if' statement", kw->lineno);
    end_with_list(p, s, s->u.if_.body);
    if (at_kw(p, KW_ELIF)) {
        Token *e = advance(p);
        Stmt *nested = parse_if(p, e);
        Stmt **items = gc_alloc(sizeof *items);
        items[0] = nested;
        s->u.if_.orelse = (StmtList){1, items};
    } else if (at_kw(p, KW_ELSE)) {
        Token *e = advance(p);
        expect_colon(p, true);
        s->u.if_.orelse = parse_block(p, "'else' statement", e->lineno);
    }
    end_with_list(p, s, s->u.if_.orelse);
    return s;
}

static StmtList parse_else_block(Parser *p) {
    if (!at_kw(p, KW_ELSE)) return (StmtList){0};
    Token *e = advance(p);
    expect_colon(p, true);
    return parse_block(p, "'else' statement", e->lineno);
}

static Stmt *parse_while(Parser *p, Token *kw) {
    Stmt *s = new_stmt(p, S_WHILE, kw);
    s->u.while_.test = parse_named_expression(p);
    expect_colon(p, false);
    s->u.while_.body = parse_block(p, "'while' statement", kw->lineno);
    s->u.while_.orelse = parse_else_block(p);
    end_with_list(p, s, s->u.while_.body);
    end_with_list(p, s, s->u.while_.orelse);
    return s;
}

static Stmt *parse_for(Parser *p, Token *kw) {
    Stmt *s = new_stmt(p, S_FOR, kw);
    s->u.for_.target = parse_star_targets(p);
    if (!accept_kw(p, KW_IN)) err_invalid(p);
    s->u.for_.iter = parse_star_expressions(p);
    expect_colon(p, false);
    s->u.for_.body = parse_block(p, "'for' statement", kw->lineno);
    s->u.for_.orelse = parse_else_block(p);
    end_with_list(p, s, s->u.for_.body);
    end_with_list(p, s, s->u.for_.orelse);
    return s;
}

static ExceptHandler *parse_handler(Parser *p, Token *kw) {
    ExceptHandler *h = gc_alloc(sizeof *h);
    h->span = (Span){kw->lineno, kw->col, kw->end_lineno, kw->end_col};
    h->name = VAL_NULL;
    if (at_op(p, OP_STAR)) err_invalid(p); /* except*: not supported */
    if (!at_op(p, OP_COLON)) {
        Token *first = cur(p);
        Expr *type = parse_expression(p);
        if (at_op(p, OP_COMMA)) { /* PEP 758: except A, B: */
            PVec elts = {0};
            pvec_push(&elts, type);
            while (accept_op(p, OP_COMMA)) pvec_push(&elts, parse_expression(p));
            Expr *t = new_expr(p, E_TUPLE, first);
            t->u.list.elts = PVEC_AS(ExprList, elts);
            end_at_prev(p, &t->span);
            type = t;
            if (at_kw(p, KW_AS))
                err_expr(p, type, "multiple exception types must be parenthesized when using 'as'");
        }
        h->type = type;
        if (accept_kw(p, KW_AS)) h->name = tok_ident(p, expect_name(p));
    }
    expect_colon(p, false);
    h->body = parse_block(p, "'except' statement", kw->lineno);
    end_after_block(p, &h->span);
    return h;
}

static Stmt *parse_try(Parser *p, Token *kw) {
    Stmt *s = new_stmt(p, S_TRY, kw);
    expect_colon(p, true);
    s->u.try_.body = parse_block(p, "'try' statement", kw->lineno);
    end_with_list(p, s, s->u.try_.body);
    PVec handlers = {0};
    while (at_kw(p, KW_EXCEPT)) {
        Token *e = advance(p);
        ExceptHandler *h = parse_handler(p, e);
        pvec_push(&handlers, h);
        s->span.end_lineno = h->span.end_lineno;
        s->span.end_col = h->span.end_col;
    }
    s->u.try_.handlers = PVEC_AS(HandlerList, handlers);
    if (handlers.len > 0) s->u.try_.orelse = parse_else_block(p);
    end_with_list(p, s, s->u.try_.orelse);
    if (at_kw(p, KW_FINALLY)) {
        Token *f = advance(p);
        expect_colon(p, true);
        s->u.try_.finalbody = parse_block(p, "'finally' statement", f->lineno);
        end_with_list(p, s, s->u.try_.finalbody);
    }
    if (handlers.len == 0 && s->u.try_.finalbody.len == 0) {
        if (cur(p)->kind != T_ENDMARKER && cur(p)->kind != T_DEDENT)
            err_tok(p, cur(p), "expected 'except' or 'finally' block");
        /* at the end of a block CPython points just past the try body */
        int i = p->pos - 1;
        while (i > 0 && tok_at(p, i)->kind == T_DEDENT) i--;
        Token *t = tok_at(p, i);
        tok_error_at(p->sink, &Exc_SyntaxError, t->line_start, t->lineno, t->col, t->lineno,
                     TOK_RAW(-1), "expected 'except' or 'finally' block");
    }
    return s;
}

static WithItem *parse_with_item(Parser *p) {
    WithItem *w = gc_alloc(sizeof *w);
    w->context_expr = parse_expression(p);
    if (accept_kw(p, KW_AS)) {
        Expr *target = parse_bitwise_or(p);
        set_target(p, target, CTX_STORE, TARGET_WITH);
        w->optional_vars = target;
    }
    return w;
}

static Stmt *parse_with(Parser *p, Token *kw) {
    Stmt *s = new_stmt(p, S_WITH, kw);
    PVec items = {0};
    bool parenthesized = false;
    if (at_op(p, OP_LPAR)) {
        /* `with (a as b, c):` — a '(' whose partner is directly followed by ':' */
        int level = cur(p)->level;
        int i = 1;
        for (;; i++) {
            Token *t = ahead(p, i);
            if (t->kind == T_ENDMARKER || t->kind == T_NEWLINE) break;
            if (t->kind == T_OP && t->op == OP_RPAR && t->level == level + 1) {
                Token *after = ahead(p, i + 1);
                parenthesized = after->kind == T_OP && after->op == OP_COLON;
                break;
            }
        }
    }
    if (parenthesized) {
        advance(p);
        do {
            if (at_op(p, OP_RPAR) && items.len > 0) break;
            pvec_push(&items, parse_with_item(p));
        } while (accept_op(p, OP_COMMA));
        if (!accept_op(p, OP_RPAR)) err_invalid(p);
    } else {
        do pvec_push(&items, parse_with_item(p));
        while (accept_op(p, OP_COMMA));
    }
    expect_colon(p, false);
    s->u.with.items = PVEC_AS(WithItemList, items);
    s->u.with.body = parse_block(p, "'with' statement", kw->lineno);
    end_with_list(p, s, s->u.with.body);
    return s;
}

/* The span starts at 'def' (not at a decorator), as in CPython. */
static Stmt *parse_funcdef(Parser *p, Token *kw, ExprList decorators) {
    Stmt *s = new_stmt(p, S_FUNCTIONDEF, kw);
    s->u.funcdef.name = tok_ident(p, expect_name(p));
    if (!at_op(p, OP_LPAR)) {
        if (at_op(p, OP_LSQB)) err_invalid(p); /* PEP 695 type parameters: unsupported */
        err_tok(p, cur(p), "expected '('");
    }
    advance(p);
    s->u.funcdef.args = parse_parameters(p, OP_RPAR, false);
    advance(p); /* ')' */
    if (accept_op(p, OP_RARROW)) s->u.funcdef.returns = parse_expression(p);
    expect_colon(p, true);
    s->u.funcdef.decorator_list = decorators;
    s->u.funcdef.body = parse_block(p, "function definition", kw->lineno);
    s->u.funcdef.docstring = docstring_of(s->u.funcdef.body);
    end_with_list(p, s, s->u.funcdef.body);
    return s;
}

static Stmt *parse_classdef(Parser *p, Token *kw, ExprList decorators) {
    Stmt *s = new_stmt(p, S_CLASSDEF, kw);
    s->u.classdef.name = tok_ident(p, expect_name(p));
    if (at_op(p, OP_LSQB)) err_invalid(p); /* PEP 695 type parameters: unsupported */
    if (at_op(p, OP_LPAR)) {
        int open_index = p->pos;
        Token *open = cur(p);
        Expr *call = parse_call(p, make_name(p, kw, CTX_LOAD));
        ExprList args = call->u.call.args;
        if (args.len == 1 && args.items[0]->kind == E_GENEXP &&
            args.items[0]->span.col == open->col && args.items[0]->span.lineno == open->lineno) {
            for (int i = open_index + 1;; i++) { /* a generator is no base list */
                Token *t = tok_at(p, i);
                if (t->kind == T_NAME && t->op == KW_FOR && t->level == open->level + 1)
                    err_tok(p, t, "invalid syntax");
            }
        }
        s->u.classdef.bases = args;
        s->u.classdef.keywords = call->u.call.keywords;
    }
    expect_colon(p, false);
    s->u.classdef.decorator_list = decorators;
    s->u.classdef.body = parse_block(p, "class definition", kw->lineno);
    s->u.classdef.docstring = docstring_of(s->u.classdef.body);
    end_with_list(p, s, s->u.classdef.body);
    return s;
}

static Stmt *parse_decorated(Parser *p) {
    PVec decorators = {0};
    while (accept_op(p, OP_AT)) {
        pvec_push(&decorators, parse_named_expression(p));
        if (cur(p)->kind != T_NEWLINE) err_invalid(p);
        advance(p);
    }
    ExprList list = PVEC_AS(ExprList, decorators);
    if (at_kw(p, KW_DEF)) return parse_funcdef(p, advance(p), list);
    if (at_kw(p, KW_CLASS)) return parse_classdef(p, advance(p), list);
    err_invalid(p);
}

void parse_statement(Parser *p, PVec *out) {
    Token *t = cur(p);
    if (t->kind == T_INDENT || t->kind == T_DEDENT) err_invalid(p);
    if (t->kind == T_OP && t->op == OP_AT) {
        enter(p);
        pvec_push(out, parse_decorated(p));
        leave(p);
        return;
    }
    if (t->kind == T_NAME) {
        Stmt *s = NULL;
        enter(p);
        switch (t->op) {
        case KW_IF: advance(p); s = parse_if(p, t); break;
        case KW_WHILE: advance(p); s = parse_while(p, t); break;
        case KW_FOR: advance(p); s = parse_for(p, t); break;
        case KW_TRY: advance(p); s = parse_try(p, t); break;
        case KW_WITH: advance(p); s = parse_with(p, t); break;
        case KW_DEF: advance(p); s = parse_funcdef(p, t, (ExprList){0}); break;
        case KW_CLASS: advance(p); s = parse_classdef(p, t, (ExprList){0}); break;
        case KW_ASYNC: err_invalid(p);
        default: break;
        }
        leave(p);
        if (s) {
            pvec_push(out, s);
            return;
        }
    }
    parse_simple_statements(p, out);
}

static StmtList parse_block(Parser *p, const char *what, int header_line) {
    PVec body = {0};
    if (cur(p)->kind != T_NEWLINE) {
        parse_simple_statements(p, &body);
        return PVEC_AS(StmtList, body);
    }
    advance(p);
    Token *t = cur(p);
    if (t->kind != T_INDENT) {
        int end_col = t->kind == T_ENDMARKER || t->kind == T_DEDENT ? t->col : t->end_col;
        tok_error_at(p->sink, &Exc_IndentationError, t->line_start, t->lineno, t->col,
                     t->lineno, end_col, "expected an indented block after %s on line %d",
                     what, header_line);
    }
    advance(p);
    while (cur(p)->kind != T_DEDENT && cur(p)->kind != T_ENDMARKER) parse_statement(p, &body);
    advance(p);
    return PVEC_AS(StmtList, body);
}

StmtList parse_file_statements(Parser *p) {
    PVec body = {0};
    while (cur(p)->kind != T_ENDMARKER) {
        if (cur(p)->kind == T_NEWLINE) {
            advance(p);
            continue;
        }
        parse_statement(p, &body);
    }
    return PVEC_AS(StmtList, body);
}
