/* parser.h — internals shared by the recursive-descent parser's files
 * (parser.c: driver, tokens, errors, node helpers; parse_expr.c;
 * parse_stmt.c; fstring.c; strlit.c). Not for use outside src/parse.
 *
 * Errors long-jump back to parse_source (no resources need freeing: every
 * allocation is gc memory). Recursion is bounded by Parser.depth. */
#ifndef KRAIT_PARSER_H
#define KRAIT_PARSER_H

#include "../objects/exceptions.h"
#include "ast.h"
#include "tokenizer.h"

/* Past this many nested expression levels the parser gives up with
 * CPython's MemoryError "Parser stack overflowed - Python source too
 * complex to parse" (see enter() in parser.c). A bracket costs about two
 * levels, so CPython's deepest legal bracket nesting (TOK_MAX_PAREN, 200)
 * must fit; CPython's own parser stack allows about 6000 unary levels.
 * Each level is about 1 KB of C stack in an ASan build, well inside the
 * 8 MB main stack. */
#define PARSER_MAX_DEPTH 1000

#define TOKEN_CHUNK 512
#define FIELD_TOKEN_CHUNK 16 /* f-string fields are usually a few tokens */

typedef struct Parser {
    ErrorSink *sink;
    Tokenizer *tz;
    Token **chunks;      /* tokens in stable chunks: Token* never moves */
    int nchunks, ntoks;
    int pos;             /* index of the current token */
    int *depth;          /* shared with sub-parsers of f-string fields */
    ParseMode mode;
    bool fstring_field;  /* parsing the expression of an f-string field */
    /* fstring.c: last position looked up inside an f-string token */
    struct { Token *tok; const char *at, *line_start; int lineno; } pos_cache;
} Parser;

/* A growable array of pointers, turned into an ExprList & co. at the end. */
typedef struct PVec { void **items; int len, cap; } PVec;
void pvec_push(PVec *v, void *item);
#define PVEC_AS(type, v) ((type){(v).len, (void *)(v).items})

/* A growable byte buffer (gc memory). */
typedef struct Buf { char *data; size_t len, cap; } Buf;
void buf_append(Buf *b, const char *s, size_t n);
void buf_append_cp(Buf *b, uint32_t cp); /* UTF-8 encode (surrogates too) */

/* ---- tokens ---- */
Token *tok_at(Parser *p, int index);
static inline Token *cur(Parser *p) { return tok_at(p, p->pos); }
static inline Token *ahead(Parser *p, int k) { return tok_at(p, p->pos + k); }
static inline Token *prev(Parser *p) { return tok_at(p, p->pos - 1); }
Token *advance(Parser *p);
bool at_op(Parser *p, int op);
bool at_kw(Parser *p, int kw);
bool accept_op(Parser *p, int op);
bool accept_kw(Parser *p, int kw);
Token *expect_op(Parser *p, int op);   /* "invalid syntax" otherwise */
bool tok_is_name(const Token *t, const char *s);
Value tok_ident(Parser *p, Token *t);  /* interned name of a NAME token */
Token *expect_name(Parser *p);         /* a NAME that is not a keyword */

/* ---- errors (never return) ---- */
_Noreturn void err_tok(Parser *p, Token *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn void err_span(Parser *p, Type *type, int lineno, int col, int end_lineno,
                        int end_col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
_Noreturn void err_expr(Parser *p, Expr *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn void err_invalid(Parser *p); /* "invalid syntax" at the current token */
void enter(Parser *p);                 /* depth guard */
static inline void leave(Parser *p) { (*p->depth)--; }

/* ---- nodes ---- */
Expr *new_expr(Parser *p, ExprKind kind, Token *start);
Stmt *new_stmt(Parser *p, StmtKind kind, Token *start);
void end_at_prev(Parser *p, Span *s);  /* span ends where the last token ended */
void span_between(Span *s, const Span *first, const Span *last);
/* From start's beginning to the end of the last consumed token: CPython's
 * spans cover the tokens, parentheses of a parenthesized operand included. */
void span_from(Parser *p, Span *s, Token *start);
Expr *make_name(Parser *p, Token *t, ExprCtx ctx);
Expr *make_constant(Parser *p, Token *t, Value v);

/* ---- expressions (parse_expr.c) ---- */
Expr *parse_expression(Parser *p);          /* expression (ternary, lambda) */
Expr *parse_named_expression(Parser *p);    /* allows NAME := expr */
Expr *parse_star_expressions(Parser *p);    /* a, *b, c  -> tuple if comma */
Expr *parse_star_named_expression(Parser *p);
Expr *parse_disjunction(Parser *p);
Expr *parse_bitwise_or(Parser *p);
Expr *parse_yield_expr(Parser *p);          /* at 'yield' */
Expr *parse_star_targets(Parser *p);        /* for-loop / comprehension targets */
Expr *parse_call(Parser *p, Expr *func);       /* at '(' : Call node */
/* Where ',' or a closer was expected after e: comma hint or invalid syntax. */
_Noreturn void missing_comma_or_invalid(Parser *p, Expr *e);
Arguments *parse_parameters(Parser *p, int closer, bool is_lambda);
Value parse_number(Parser *p, Token *t);
bool starts_expression(Token *t);

/* Target validation: sets ctx and reports CPython's messages. */
/* TARGET_ASSIGN: first target of `=` (gets the "Maybe you meant '=='" hint);
 * TARGET_CHAIN: later targets of a chain. */
typedef enum { TARGET_ASSIGN, TARGET_CHAIN, TARGET_FOR, TARGET_DEL, TARGET_WITH } TargetKind;
void set_target(Parser *p, Expr *e, ExprCtx ctx, TargetKind kind);
const char *expr_description(Expr *e); /* "literal", "function call", ... */

/* ---- statements (parse_stmt.c) ---- */
StmtList parse_file_statements(Parser *p);
void parse_statement(Parser *p, PVec *out); /* one line's simple stmts or a compound */
Value docstring_of(StmtList body);

/* ---- strings (strlit.c, fstring.c) ---- */
/* Decode the body [s, e) of a (non-f) literal into out; tok for errors. */
void decode_literal_body(Parser *p, Token *tok, const char *s, const char *e, bool raw,
                         bool is_bytes, Buf *out);
Expr *parse_strings(Parser *p);             /* one or more adjacent STRING tokens */
/* f-string pieces: appends E_CONSTANT / E_FORMATTEDVALUE exprs to parts. */
void fstring_flush_literal(Parser *p, Token *tok, PVec *parts, Buf *pending);
void parse_fstring_body(Parser *p, Token *tok, const char *s, const char *e, bool raw,
                        PVec *parts, Buf *pending);

#endif
