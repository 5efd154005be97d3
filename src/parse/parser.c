/* parser.c — parse_source and the parser's plumbing: source checks
 * (BOM, coding cookie, NUL bytes, UTF-8), the lazily filled token buffer,
 * error reporting, node allocation. The grammar itself lives in
 * parse_expr.c and parse_stmt.c. */
#include <stdio.h>
#include <string.h>

#include "../gc/gc.h"
#include "../objects/exceptions.h"
#include "../objects/str.h"
#include "parser.h"

/* ---- small containers ---- */

void pvec_push(PVec *v, void *item) {
    if (v->len == v->cap) {
        int cap = v->cap ? v->cap * 2 : 4;
        size_t bytes = (size_t)cap * sizeof(void *);
        void **items = v->items ? gc_realloc(v->items, bytes) : gc_alloc(bytes);
        if (!items) return; /* out of memory: the item is dropped; gc aborts first */
        v->items = items;
        v->cap = cap;
    }
    v->items[v->len++] = item;
}

void buf_append(Buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) cap *= 2;
        char *data = b->data ? gc_realloc(b->data, cap) : gc_alloc_atomic(cap);
        if (!data) return;
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

void buf_append_cp(Buf *b, uint32_t cp) {
    char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    buf_append(b, u, n);
}

/* ---- tokens ---- */

Token *tok_at(Parser *p, int index) {
    int size = p->fstring_field ? FIELD_TOKEN_CHUNK : TOKEN_CHUNK;
    while (index >= p->ntoks) {
        int chunk = p->ntoks / size;
        if (chunk >= p->nchunks) {
            size_t bytes = (size_t)(chunk + 1) * sizeof(Token *);
            Token **chunks = p->chunks ? gc_realloc(p->chunks, bytes) : gc_alloc(bytes);
            Token *fresh = gc_alloc((size_t)size * sizeof(Token));
            if (!chunks || !fresh)
                tok_error_at(p->sink, &Exc_SyntaxError, NULL, 1, 0, 0, 0, "out of memory");
            chunks[chunk] = fresh;
            p->chunks = chunks;
            p->nchunks = chunk + 1;
        }
        Token *slot = &p->chunks[chunk][p->ntoks % size];
        if (p->ntoks > 0 && p->tz->done) {
            *slot = *tok_at(p, p->ntoks - 1); /* ENDMARKER repeats */
        } else {
            p->sink->tokenizing = true;
            tok_next(p->tz, slot);
            p->sink->tokenizing = false;
        }
        p->ntoks++;
    }
    return &p->chunks[index / size][index % size];
}

Token *advance(Parser *p) {
    Token *t = cur(p);
    if (t->kind != T_ENDMARKER) p->pos++;
    return t;
}

bool at_op(Parser *p, int op) {
    Token *t = cur(p);
    return t->kind == T_OP && t->op == op;
}

bool at_kw(Parser *p, int kw) {
    Token *t = cur(p);
    return t->kind == T_NAME && t->op == kw;
}

bool accept_op(Parser *p, int op) {
    if (!at_op(p, op)) return false;
    p->pos++;
    return true;
}

bool accept_kw(Parser *p, int kw) {
    if (!at_kw(p, kw)) return false;
    p->pos++;
    return true;
}

Token *expect_op(Parser *p, int op) {
    if (!at_op(p, op)) err_invalid(p);
    return advance(p);
}

bool tok_is_name(const Token *t, const char *s) {
    size_t n = strlen(s);
    return t->kind == T_NAME && (size_t)(t->end - t->start) == n && memcmp(t->start, s, n) == 0;
}

/* Identifiers are NFKC-normalised (PEP 3131). Without the Unicode
 * database only the common compatibility cases are folded: fullwidth
 * ASCII, MICRO SIGN, LATIN SMALL LETTER LONG S. */
static Value normalised_ident(const char *s, size_t n) {
    Buf b = {0};
    const unsigned char *q = (const unsigned char *)s, *e = q + n;
    while (q < e) {
        uint32_t cp = *q;
        int len = 1;
        if (cp >= 0xF0) { cp = ((cp & 7u) << 18) | ((q[1] & 0x3Fu) << 12) | ((q[2] & 0x3Fu) << 6) | (q[3] & 0x3Fu); len = 4; }
        else if (cp >= 0xE0) { cp = ((cp & 0xFu) << 12) | ((q[1] & 0x3Fu) << 6) | (q[2] & 0x3Fu); len = 3; }
        else if (cp >= 0xC0) { cp = ((cp & 0x1Fu) << 6) | (q[1] & 0x3Fu); len = 2; }
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
        else if (cp == 0xB5) cp = 0x3BC;
        else if (cp == 0x17F) cp = 's';
        buf_append_cp(&b, cp);
        q += len;
    }
    return str_intern(str_new(b.data, b.len));
}

Value tok_ident(Parser *p, Token *t) {
    size_t n = (size_t)(t->end - t->start);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)t->start[i] >= 0x80) return normalised_ident(t->start, n);
    return str_intern(str_new(t->start, n));
}

Token *expect_name(Parser *p) {
    Token *t = cur(p);
    if (t->kind != T_NAME || t->op != KW_NONE) err_invalid(p);
    return advance(p);
}

/* ---- errors ---- */

static const char *line_start_of(Parser *p, int lineno, const Token *hint) {
    if (hint && hint->lineno == lineno) return hint->line_start;
    const char *s = p->sink->src;
    for (int l = 1; l < lineno && s < p->sink->src_end; s++)
        if (*s == '\n') l++;
    return s;
}

void err_span(Parser *p, Type *type, int lineno, int col, int end_lineno, int end_col,
              const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    tok_verror_at(p->sink, type, line_start_of(p, lineno, NULL), lineno, col, end_lineno,
                  end_col, fmt, ap);
}

void err_tok(Parser *p, Token *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int end_col = t->end_col;
    if (t->kind == T_ENDMARKER || t->kind == T_DEDENT) end_col = t->col;
    tok_verror_at(p->sink, &Exc_SyntaxError, t->line_start, t->lineno, t->col,
                  t->end_lineno, end_col, fmt, ap);
}

void err_expr(Parser *p, Expr *e, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    tok_verror_at(p->sink, &Exc_SyntaxError, line_start_of(p, e->span.lineno, NULL),
                  e->span.lineno, e->span.col, e->span.end_lineno, e->span.end_col, fmt, ap);
}

void err_invalid(Parser *p) {
    Token *t = cur(p);
    if (t->kind == T_INDENT)
        tok_error_at(p->sink, &Exc_IndentationError, t->line_start, t->lineno, t->col,
                     t->lineno, TOK_RAW(-1), "unexpected indent");
    if (t->kind == T_ENDMARKER && p->fstring_field)
        err_tok(p, t, "f-string: expecting '}'");
    err_tok(p, t, "invalid syntax");
}

void enter(Parser *p) {
    if (++*p->depth > PARSER_MAX_DEPTH) {
        /* CPython 3.13 raises this as MemoryError, not SyntaxError */
        Token *t = cur(p);
        tok_error_at(p->sink, &Exc_MemoryError, t->line_start, t->lineno, t->col, 0, 0,
                     "Parser stack overflowed - Python source too complex to parse");
    }
}

/* ---- nodes ---- */

Expr *new_expr(Parser *p, ExprKind kind, Token *start) {
    Expr *e = gc_alloc(sizeof *e);
    if (!e) err_tok(p, start, "out of memory");
    e->kind = kind;
    e->span.lineno = start->lineno;
    e->span.col = start->col;
    e->span.end_lineno = start->end_lineno;
    e->span.end_col = start->end_col;
    return e;
}

Stmt *new_stmt(Parser *p, StmtKind kind, Token *start) {
    Stmt *s = gc_alloc(sizeof *s);
    if (!s) err_tok(p, start, "out of memory");
    s->kind = kind;
    s->span.lineno = start->lineno;
    s->span.col = start->col;
    s->span.end_lineno = start->end_lineno;
    s->span.end_col = start->end_col;
    return s;
}

void end_at_prev(Parser *p, Span *s) {
    if (p->pos == 0) return;
    Token *t = prev(p);
    s->end_lineno = t->end_lineno;
    s->end_col = t->end_col;
}

void span_from(Parser *p, Span *s, Token *start) {
    s->lineno = start->lineno;
    s->col = start->col;
    end_at_prev(p, s);
}

void span_between(Span *s, const Span *first, const Span *last) {
    s->lineno = first->lineno;
    s->col = first->col;
    s->end_lineno = last->end_lineno;
    s->end_col = last->end_col;
}

Expr *make_name(Parser *p, Token *t, ExprCtx ctx) {
    Expr *e = new_expr(p, E_NAME, t);
    e->u.name.id = tok_ident(p, t);
    e->u.name.ctx = ctx;
    return e;
}

Expr *make_constant(Parser *p, Token *t, Value v) {
    Expr *e = new_expr(p, E_CONSTANT, t);
    e->u.constant.value = v;
    return e;
}

/* ---- source preparation ---- */

/* Report a problem with the raw bytes (before tokenizing). */
_Noreturn static void source_error(ErrorSink *sink, int lineno, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    const char *ls = sink->src;
    for (int l = 1; l < lineno && ls < sink->src_end; ls++)
        if (*ls == '\n') l++;
    tok_verror_at(sink, &Exc_SyntaxError, ls, lineno, 0, 0, 0, fmt, ap);
}

static int line_of(const char *src, const char *at) {
    int line = 1;
    for (const char *q = src; q < at; q++)
        if (*q == '\n') line++;
    return line;
}

/* Length of the valid UTF-8 sequence at s[i], or 0 if invalid. *bad_len
 * gets how many bytes a decoder would report (1, or the truncated run).
 * Surrogates and overlong forms are invalid, as for CPython's decoder. */
static size_t utf8_sequence(const unsigned char *s, size_t i, size_t n, size_t *bad_len,
                            bool *truncated) {
    unsigned char c = s[i];
    *bad_len = 1;
    *truncated = false;
    if (c < 0x80) return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    for (size_t k = 1; k <= need; k++) {
        if (i + k >= n || s[i + k] == '\n') { /* cut short */
            *bad_len = k;
            *truncated = true;
            return 0;
        }
        unsigned char b = s[i + k];
        bool ok = k == 1 ? (b >= lo && b <= hi) : (b & 0xC0) == 0x80;
        if (!ok) return 0;
    }
    return need + 1;
}

/* Invalid UTF-8: CPython's wording differs between running a file and
 * compile() of bytes; a filename like "<string>" means the latter. */
_Noreturn static void utf8_error(ErrorSink *sink, const char *s, size_t n, size_t bad,
                                 size_t bad_len, bool truncated, const char *filename) {
    /* the error's text line must be valid UTF-8: show bad bytes as U+FFFD */
    Buf clean = {0};
    for (size_t i = 0; i < n;) {
        size_t len, blen;
        bool trunc;
        len = utf8_sequence((const unsigned char *)s, i, n, &blen, &trunc);
        if (len == 0) { buf_append_cp(&clean, 0xFFFD); i += blen; }
        else { buf_append(&clean, s + i, len); i += len; }
    }
    const char *ls = s + bad;
    while (ls > s && ls[-1] != '\n') ls--;
    int lineno = line_of(s, s + bad);
    const char *cls = clean.data ? clean.data : "";
    for (int l = 1; l < lineno; cls++)
        if (*cls == '\n') l++;
    sink->src = clean.data ? clean.data : "";
    sink->src_end = sink->src + clean.len;
    int col = 0; /* column in the cleaned line: chars before the bad byte */
    for (const char *q = ls; q < s + bad; q++)
        if (((unsigned char)*q & 0xC0) != 0x80) col++;
    unsigned char byte = (unsigned char)s[bad];
    if (filename && filename[0] != '<')
        tok_error_at(sink, &Exc_SyntaxError, cls, lineno, TOK_RAW(col + 1), lineno, TOK_RAW(-1),
                     "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no "
                     "encoding declared; see https://peps.python.org/pep-0263/ for details",
                     byte, filename, lineno);
    if (truncated)
        tok_error_at(sink, &Exc_SyntaxError, cls, lineno, TOK_RAW(col + 1), lineno, TOK_RAW(-1),
                     "(unicode error) 'utf-8' codec can't decode bytes in position 0-%zu: "
                     "unexpected end of data", bad_len - 1);
    bool bad_start = byte < 0xC2 || byte > 0xF4;
    tok_error_at(sink, &Exc_SyntaxError, cls, lineno, TOK_RAW(col + 1), lineno, TOK_RAW(-1),
                 "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position 0: %s",
                 byte, bad_start ? "invalid start byte" : "invalid continuation byte");
}

static void check_utf8(ErrorSink *sink, const char *s, size_t n, const char *filename) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) { i++; continue; }
        size_t bad_len;
        bool truncated;
        size_t len = utf8_sequence(u, i, n, &bad_len, &truncated);
        if (len == 0) utf8_error(sink, s, n, i, bad_len, truncated, filename);
        i += len;
    }
}

/* The encoding named by a PEP 263 cookie on one of the first two lines,
 * copied into name (lowercased), or false if there is none. */
static bool find_cookie(const char *src, const char *end, char *name, size_t cap) {
    const char *line = src;
    for (int l = 0; l < 2 && line < end; l++) {
        const char *le = memchr(line, '\n', (size_t)(end - line));
        if (!le) le = end;
        const char *q = line;
        while (q < le && (*q == ' ' || *q == '\t' || *q == '\f')) q++;
        if (q < le && *q == '#') {
            for (const char *c = q; c + 6 < le; c++) {
                if (memcmp(c, "coding", 6) != 0 || (c[6] != ':' && c[6] != '=')) continue;
                const char *v = c + 7;
                while (v < le && (*v == ' ' || *v == '\t')) v++;
                size_t n = 0;
                while (v < le && n + 1 < cap &&
                       (tok_is_ident_char((unsigned char)*v) || *v == '-' || *v == '.')) {
                    char ch = *v++;
                    name[n++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
                }
                name[n] = 0;
                return n > 0;
            }
        } else if (q < le) {
            return false; /* code on line 1: the cookie may not be on line 2 */
        }
        line = le + 1;
    }
    return false;
}

static bool is_utf8_name(const char *n) {
    return !strcmp(n, "utf-8") || !strcmp(n, "utf8") || !strcmp(n, "utf_8") ||
           !strncmp(n, "utf-8-", 6) || !strncmp(n, "utf_8_", 6) || !strcmp(n, "ascii") ||
           !strcmp(n, "us-ascii");
}
static bool is_latin1_name(const char *n) {
    return !strcmp(n, "latin-1") || !strcmp(n, "latin1") || !strcmp(n, "latin_1") ||
           !strcmp(n, "iso-8859-1") || !strcmp(n, "iso8859-1") || !strcmp(n, "iso_8859_1") ||
           !strncmp(n, "iso-8859-1-", 11) || !strncmp(n, "latin-1-", 8);
}

/* Copy with universal newlines (and latin-1 transcoding if asked). */
static char *normalise(const char *src, size_t len, bool latin1, size_t *out_len) {
    char *out = gc_alloc_atomic(len * (latin1 ? 2 : 1) + 2);
    if (!out) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c == '\r') {
            out[n++] = '\n';
            if (i + 1 < len && src[i + 1] == '\n') i++;
        } else if (latin1 && c >= 0x80) {
            out[n++] = (char)(0xC0 | (c >> 6));
            out[n++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[n++] = (char)c;
        }
    }
    out[n] = 0;
    *out_len = n;
    return out;
}

static void check_source(ErrorSink *sink, const char **src, size_t *len,
                         const char *filename) {
    const char *s = *src;
    size_t n = *len;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) { s += 3; n -= 3; }
    sink->src = s;
    sink->src_end = s + n;
    const char *nul = memchr(s, 0, n);
    if (nul) {
        sink->src_end = nul;
        source_error(sink, line_of(s, nul), "source code cannot contain null bytes");
    }
    char enc[64];
    bool latin1 = false;
    if (find_cookie(s, s + n, enc, sizeof enc) && !is_utf8_name(enc)) {
        if (!is_latin1_name(enc)) {
            /* CPython words this differently for files and for compile() */
            if (filename && filename[0] != '<')
                source_error(sink, 1, "encoding problem: %s", enc);
            source_error(sink, 1, "unknown encoding: %s", enc);
        }
        latin1 = true;
    }
    if (!latin1) {
        check_utf8(sink, s, n, filename);
    }
    if (latin1 || memchr(s, '\r', n)) {
        size_t out_len;
        char *copy = normalise(s, n, latin1, &out_len);
        if (copy) { s = copy; n = out_len; }
    }
    *src = s;
    *len = n;
    sink->src = s;
    sink->src_end = s + n;
}

/* ---- entry point ---- */

static Module *parse_eval(Parser *p) {
    Token *first = cur(p);
    Expr *e = parse_star_expressions(p);
    while (cur(p)->kind == T_NEWLINE) p->pos++;
    if (cur(p)->kind != T_ENDMARKER) err_invalid(p);
    Stmt *s = new_stmt(p, S_EXPR, first);
    s->span = e->span;
    s->u.expr.value = e;
    Module *m = gc_alloc(sizeof *m);
    Stmt **items = gc_alloc(sizeof *items);
    items[0] = s;
    m->body.len = 1;
    m->body.items = items;
    m->docstring = VAL_NULL;
    return m;
}

/* After a parser error: tokenize the rest; a tokenizer error replaces it. */
static void drain_tokenizer(ErrorSink *sink) {
    jmp_buf escape;
    SyntaxErrorInfo *saved = gc_alloc(sizeof *saved);
    if (!saved) return;
    *saved = *sink->info;
    sink->escape = &escape;
    if (setjmp(escape)) return; /* the tokenizer's error is now in info */
    Tokenizer *tz = sink->main_tokenizer;
    Token t;
    sink->tokenizing = true;
    for (int guard = 0; !tz->done && guard < 100000000; guard++) tok_next(tz, &t);
    *sink->info = *saved;
}

/* Everything after the recovery point is set up, in its own frame so that
 * no local of parse_source changes between setjmp and longjmp. */
static Module *parse_prepared(ErrorSink *sink, const char *src, size_t len,
                              const char *filename, ParseMode mode) {
    Tokenizer *tz = gc_alloc(sizeof *tz);
    Parser parser;
    int depth = 0;
    check_source(sink, &src, &len, filename);
    const char *begin = src;
    if (mode == PARSE_EVAL)
        while (begin < src + len && (*begin == ' ' || *begin == '\t')) begin++;
    tok_init(tz, sink, begin, src + len, 1, src);
    sink->main_tokenizer = tz;
    memset(&parser, 0, sizeof parser);
    parser.sink = sink;
    parser.tz = tz;
    parser.depth = &depth;
    parser.mode = mode;
    if (mode == PARSE_EVAL) return parse_eval(&parser);
    Module *m = gc_alloc(sizeof *m);
    if (mode == PARSE_SINGLE) {
        PVec body = {0};
        while (cur(&parser)->kind == T_NEWLINE) parser.pos++;
        if (cur(&parser)->kind != T_ENDMARKER) {
            if (cur(&parser)->kind == T_INDENT) err_invalid(&parser);
            parse_statement(&parser, &body);
        }
        while (cur(&parser)->kind == T_NEWLINE) parser.pos++;
        if (cur(&parser)->kind != T_ENDMARKER)
            err_tok(&parser, cur(&parser),
                    "multiple statements found while compiling a single statement");
        m->body = PVEC_AS(StmtList, body);
        m->docstring = VAL_NULL;
        return m;
    }
    m->body = parse_file_statements(&parser);
    m->docstring = docstring_of(m->body);
    return m;
}

Module *parse_source(const char *src, size_t len, const char *filename, ParseMode mode,
                     SyntaxErrorInfo *err) {
    jmp_buf escape;
    ErrorSink *sink = gc_alloc(sizeof *sink);
    if (!sink) return NULL;
    *sink = (ErrorSink){.info = err, .src = src, .src_end = src + len, .escape = &escape};
    memset(err, 0, sizeof *err);
    if (setjmp(escape)) {
        if (!sink->error_from_tokenizer && sink->main_tokenizer) drain_tokenizer(sink);
        return NULL;
    }
    return parse_prepared(sink, src, len, filename, mode);
}
