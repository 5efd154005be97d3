/* ast.h — the abstract syntax tree: what the parser builds and the compiler
 * (symbol table + code generator) reads. Shapes follow Python's `ast`
 * module so that names and fields read as Python programmers know them.
 *
 * Nodes are allocated with gc_alloc and never freed explicitly. Identifiers
 * are interned str Values. Constants are ready-made Values (int, float,
 * complex, str, bytes, True/False/None/Ellipsis).
 */
#ifndef KRAIT_AST_H
#define KRAIT_AST_H

#include "../objects/object.h"

typedef struct Expr Expr;
typedef struct Stmt Stmt;
typedef struct Arguments Arguments;

typedef struct { int len; Expr **items; } ExprList;
typedef struct { int len; Stmt **items; } StmtList;

/* Source span, CPython conventions: lines 1-based, columns 0-based UTF-8
 * byte offsets; end_col is exclusive. */
typedef struct { int lineno, col, end_lineno, end_col; } Span;

typedef enum { CTX_LOAD, CTX_STORE, CTX_DEL } ExprCtx;

typedef enum { BOOL_AND, BOOL_OR } BoolOpKind;
/* Binary operators use NB_* from object.h (NB_ADD, NB_SUBTRACT, …). */
typedef enum { UNARY_INVERT, UNARY_NOT, UNARY_PLUS, UNARY_MINUS } UnaryOpKind;
typedef enum {
    CMPOP_EQ, CMPOP_NOTEQ, CMPOP_LT, CMPOP_LTE, CMPOP_GT, CMPOP_GTE,
    CMPOP_IS, CMPOP_ISNOT, CMPOP_IN, CMPOP_NOTIN
} CmpOpKind;

typedef struct Keyword {
    Span span;
    Value arg; /* interned str, or VAL_NULL for **value */
    Expr *value;
} Keyword;
typedef struct { int len; Keyword **items; } KeywordList;

typedef struct Comprehension {
    Expr *target, *iter;
    ExprList ifs;
    bool is_async;
} Comprehension;
typedef struct { int len; Comprehension **items; } ComprehensionList;

typedef enum {
    E_BOOLOP, E_NAMEDEXPR, E_BINOP, E_UNARYOP, E_LAMBDA, E_IFEXP, E_DICT,
    E_SET, E_LISTCOMP, E_SETCOMP, E_DICTCOMP, E_GENEXP, E_AWAIT, E_YIELD,
    E_YIELDFROM, E_COMPARE, E_CALL, E_FORMATTEDVALUE, E_JOINEDSTR,
    E_CONSTANT, E_ATTRIBUTE, E_SUBSCRIPT, E_STARRED, E_NAME, E_LIST,
    E_TUPLE, E_SLICE
} ExprKind;

struct Expr {
    ExprKind kind;
    Span span;
    union {
        struct { BoolOpKind op; ExprList values; } boolop;
        struct { Expr *target, *value; } namedexpr;       /* target is E_NAME */
        struct { Expr *left; int op; Expr *right; } binop; /* op: NB_* */
        struct { UnaryOpKind op; Expr *operand; } unaryop;
        struct { Arguments *args; Expr *body; } lambda;
        struct { Expr *test, *body, *orelse; } ifexp;
        /* keys[i] == NULL means **values[i] */
        struct { ExprList keys, values; } dict;
        struct { ExprList elts; } set;
        /* listcomp, setcomp, genexp use elt; dictcomp uses key + value */
        struct { Expr *elt, *key, *value; ComprehensionList generators; } comp;
        struct { Expr *value; } await_;
        struct { Expr *value; } yield;                     /* value may be NULL */
        struct { Expr *value; } yieldfrom;
        struct { Expr *left; int n; CmpOpKind *ops; ExprList comparators; } compare;
        struct { Expr *func; ExprList args; KeywordList keywords; } call;
        /* conversion: -1 none, 's', 'r', 'a'; format_spec: E_JOINEDSTR or NULL */
        struct { Expr *value; int conversion; Expr *format_spec; } formatted;
        struct { ExprList values; } joinedstr; /* E_CONSTANT str and E_FORMATTEDVALUE */
        struct { Value value; } constant;
        struct { Expr *value; Value attr; ExprCtx ctx; } attribute;
        struct { Expr *value, *slice; ExprCtx ctx; } subscript;
        struct { Expr *value; ExprCtx ctx; } starred;
        struct { Value id; ExprCtx ctx; } name;
        struct { ExprList elts; ExprCtx ctx; } list;   /* E_LIST and E_TUPLE */
        struct { Expr *lower, *upper, *step; } slice;  /* each may be NULL */
    } u;
};

typedef struct Arg {
    Span span;
    Value name;        /* interned str */
    Expr *annotation;  /* may be NULL */
} Arg;
typedef struct { int len; Arg **items; } ArgList;

struct Arguments {
    ArgList posonlyargs, args, kwonlyargs;
    Arg *vararg, *kwarg;  /* may be NULL */
    ExprList kw_defaults; /* one per kwonlyarg; NULL item = no default */
    ExprList defaults;    /* for the last len(defaults) of posonlyargs+args */
};

typedef struct Alias {
    Span span;
    Value name;   /* dotted name as one str ("a.b.c"), or "*" */
    Value asname; /* VAL_NULL if none */
} Alias;
typedef struct { int len; Alias **items; } AliasList;

typedef struct WithItem {
    Expr *context_expr;
    Expr *optional_vars; /* may be NULL */
} WithItem;
typedef struct { int len; WithItem **items; } WithItemList;

typedef struct ExceptHandler {
    Span span;
    Expr *type;   /* NULL for a bare except */
    Value name;   /* VAL_NULL if no `as` */
    StmtList body;
} ExceptHandler;
typedef struct { int len; ExceptHandler **items; } HandlerList;

typedef enum {
    S_FUNCTIONDEF, S_CLASSDEF, S_RETURN, S_DELETE, S_ASSIGN, S_AUGASSIGN,
    S_ANNASSIGN, S_FOR, S_WHILE, S_IF, S_WITH, S_RAISE, S_TRY, S_ASSERT,
    S_IMPORT, S_IMPORTFROM, S_GLOBAL, S_NONLOCAL, S_EXPR, S_PASS, S_BREAK,
    S_CONTINUE
} StmtKind;

struct Stmt {
    StmtKind kind;
    Span span;
    union {
        struct {
            Value name; Arguments *args; StmtList body;
            ExprList decorator_list; Expr *returns; bool is_async;
            Value docstring; /* str constant or VAL_NULL */
        } funcdef;
        struct {
            Value name; ExprList bases; KeywordList keywords; StmtList body;
            ExprList decorator_list; Value docstring;
        } classdef;
        struct { Expr *value; } return_;        /* value may be NULL */
        struct { ExprList targets; } delete_;
        struct { ExprList targets; Expr *value; } assign; /* a = b = value */
        struct { Expr *target; int op; Expr *value; } augassign; /* op: NB_* (not inplace) */
        struct { Expr *target, *annotation, *value; bool simple; } annassign;
        struct { Expr *target, *iter; StmtList body, orelse; bool is_async; } for_;
        struct { Expr *test; StmtList body, orelse; } while_;
        struct { Expr *test; StmtList body, orelse; } if_;
        struct { WithItemList items; StmtList body; bool is_async; } with;
        struct { Expr *exc, *cause; } raise;    /* both may be NULL */
        struct { StmtList body; HandlerList handlers; StmtList orelse, finalbody; } try_;
        struct { Expr *test, *msg; } assert_;
        struct { AliasList names; } import;
        struct { Value module; AliasList names; int level; } importfrom; /* module may be VAL_NULL */
        struct { int n; Value *names; } global;  /* also nonlocal */
        struct { Expr *value; } expr;
    } u;
};

typedef struct Module {
    StmtList body;
    Value docstring; /* VAL_NULL if none */
} Module;

/* What the parser reports instead of a tree when the source is bad. The
 * caller (vm) turns it into a SyntaxError / IndentationError / TabError
 * instance with CPython's attributes. */
typedef struct SyntaxErrorInfo {
    Type *type;          /* &Exc_SyntaxError, &Exc_IndentationError, &Exc_TabError */
    char msg[256];
    int lineno, col;     /* col: 1-based character offset, as SyntaxError.offset */
    int end_lineno, end_col;
    Value text;          /* the source line (str) or VAL_NULL */
} SyntaxErrorInfo;

/* Parse modes */
typedef enum { PARSE_FILE, PARSE_EVAL, PARSE_SINGLE } ParseMode;

/* Parse UTF-8 source. Returns the module (for PARSE_EVAL: a Module whose
 * body is one S_EXPR statement), or NULL with *err filled in. Never crashes
 * on any input; deep nesting is reported as an error, not a stack overflow. */
Module *parse_source(const char *src, size_t len, const char *filename,
                     ParseMode mode, SyntaxErrorInfo *err);

#endif
