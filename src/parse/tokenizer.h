/* tokenizer.h — turns UTF-8 source into tokens on demand (internal to
 * src/parse). Indentation becomes INDENT/DEDENT, newlines inside brackets
 * vanish, and a whole string literal (f-strings included, with their nested
 * fields) is one STRING token whose text the parser decodes later. */
#ifndef KRAIT_TOKENIZER_H
#define KRAIT_TOKENIZER_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include "ast.h"

typedef enum {
    T_ENDMARKER, T_NAME, T_NUMBER, T_STRING, T_NEWLINE, T_INDENT, T_DEDENT,
    T_OP
} TokKind;

/* Operators, ordered longest spelling first within the table in tokenizer.c. */
typedef enum {
    OP_NONE, OP_LPAR, OP_RPAR, OP_LSQB, OP_RSQB, OP_LBRACE, OP_RBRACE,
    OP_COLON, OP_COMMA, OP_SEMI, OP_PLUS, OP_MINUS, OP_STAR, OP_SLASH,
    OP_VBAR, OP_AMPER, OP_LESS, OP_GREATER, OP_EQUAL, OP_DOT, OP_PERCENT,
    OP_EQEQUAL, OP_NOTEQUAL, OP_LESSEQUAL, OP_GREATEREQUAL, OP_TILDE,
    OP_CIRCUMFLEX, OP_LEFTSHIFT, OP_RIGHTSHIFT, OP_DOUBLESTAR, OP_PLUSEQUAL,
    OP_MINEQUAL, OP_STAREQUAL, OP_SLASHEQUAL, OP_PERCENTEQUAL, OP_AMPEREQUAL,
    OP_VBAREQUAL, OP_CIRCUMFLEXEQUAL, OP_LEFTSHIFTEQUAL, OP_RIGHTSHIFTEQUAL,
    OP_DOUBLESTAREQUAL, OP_DOUBLESLASH, OP_DOUBLESLASHEQUAL, OP_AT,
    OP_ATEQUAL, OP_RARROW, OP_ELLIPSIS, OP_COLONEQUAL, OP_EXCLAMATION
} OpKind;

/* Hard keywords (soft ones — match, case, type, _ — stay plain names). */
typedef enum {
    KW_NONE, KW_FALSE, KW_NONE_, KW_TRUE, KW_AND, KW_AS, KW_ASSERT, KW_ASYNC,
    KW_AWAIT, KW_BREAK, KW_CLASS, KW_CONTINUE, KW_DEF, KW_DEL, KW_ELIF,
    KW_ELSE, KW_EXCEPT, KW_FINALLY, KW_FOR, KW_FROM, KW_GLOBAL, KW_IF,
    KW_IMPORT, KW_IN, KW_IS, KW_LAMBDA, KW_NONLOCAL, KW_NOT, KW_OR, KW_PASS,
    KW_RAISE, KW_RETURN, KW_TRY, KW_WHILE, KW_WITH, KW_YIELD
} KeywordKind;

typedef struct Token {
    TokKind kind;
    int op;          /* OpKind for T_OP, KeywordKind for T_NAME (0 = plain) */
    const char *start, *end;
    int lineno, col, end_lineno, end_col; /* col: 0-based byte offsets */
    int level;       /* bracket depth before this token */
    const char *line_start; /* start of the token's first line */
} Token;

#define TOK_MAX_INDENT 100
#define TOK_MAX_PAREN 200

/* Where the tokenizer reports an error: it fills the SyntaxErrorInfo and
 * long-jumps to the parser's recovery point. */
typedef struct Tokenizer Tokenizer;
typedef struct ErrorSink {
    SyntaxErrorInfo *info;
    const char *src, *src_end;  /* the whole source, for the `text` line */
    jmp_buf *escape;
    /* As in CPython, an error found by the tokenizer beats one found by the
     * parser: after a parser error the rest of the file is tokenized. */
    Tokenizer *main_tokenizer;
    bool tokenizing, error_from_tokenizer;
} ErrorSink;

struct Tokenizer {
    ErrorSink *sink;
    const char *cur, *end;
    const char *line_start;
    int lineno;
    bool at_line_start;
    bool in_fstring_expr;  /* tokenizing an f-string field: newlines are blanks */
    bool done;             /* ENDMARKER produced */
    int pending_dedents;
    int indent_count;
    int indents[TOK_MAX_INDENT + 1], alt_indents[TOK_MAX_INDENT + 1];
    int paren_count;
    char parens[TOK_MAX_PAREN];
    int paren_line[TOK_MAX_PAREN], paren_col[TOK_MAX_PAREN];
    const char *paren_line_start[TOK_MAX_PAREN];
    bool last_was_newline; /* suppress duplicate NEWLINEs */
};

void tok_init(Tokenizer *tz, ErrorSink *sink, const char *begin, const char *end,
              int lineno, const char *line_start);
void tok_next(Tokenizer *tz, Token *out);

/* Report an error at (lineno, byte col) in the line that starts at
 * line_start; never returns. Columns are 0-based byte columns and become
 * 1-based character offsets; TOK_RAW(n) passes offset n through unchanged
 * (CPython reports 0 or -1 in places). end_lineno 0: end = start. */
#define TOK_RAW(n) (-100000 + (n))
#define TOK_IS_RAW(c) ((c) < -50000)
_Noreturn void tok_verror_at(ErrorSink *sink, Type *type, const char *line_start,
                             int lineno, int col, int end_lineno, int end_col,
                             const char *fmt, va_list ap);
_Noreturn void tok_error_at(ErrorSink *sink, Type *type, const char *line_start,
                            int lineno, int col, int end_lineno, int end_col,
                            const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/* Skip a string literal starting at p (its prefix included): returns the
 * position after the closing quote. Handles nested f-string fields. Used by
 * the tokenizer and by fstring.c. Errors long-jump through the tokenizer. */
const char *tok_skip_string(Tokenizer *tz, const char *p);

/* Length of a string prefix at p (letters before the quote), or -1 if the
 * letters there do not form a valid prefix followed by a quote. */
int tok_string_prefix_len(const char *p, const char *end);

bool tok_is_ident_start(unsigned char c);
bool tok_is_ident_char(unsigned char c);

#endif
