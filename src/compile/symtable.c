/* symtable.c — pass 1 (collect names per block) and pass 2 (resolve scopes)
 * of the compiler; see symtable.h. The resolution follows CPython's
 * analyze_block/analyze_name/update_symbols closely so that closures,
 * class scopes and global/nonlocal behave identically. */
#include "symtable.h"

#include <stdarg.h>
#include <stdio.h>

#include "../objects/str.h"
#include "../vm/error.h"
#include "../vm/vm.h"

#define SYMTABLE_MAX_DEPTH 2500

/* ---- NameMap ---- */

static uint64_t namemap_hash(Value key) {
    uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

int namemap_get(const NameMap *m, Value key) {
    if (m->cap == 0) return -1;
    uint64_t mask = (uint64_t)m->cap - 1;
    for (uint64_t i = namemap_hash(key) & mask;; i = (i + 1) & mask) {
        if (m->keys[i] == key) return m->vals[i];
        if (m->keys[i] == VAL_NULL) return -1;
    }
}

static int namemap_grow(NameMap *m) {
    int newcap = m->cap ? m->cap * 2 : 16;
    Value *keys = gc_alloc(sizeof(Value) * newcap);
    int *vals = gc_alloc_atomic(sizeof(int) * newcap);
    if (!keys || !vals) {
        err_no_memory();
        return -1;
    }
    uint64_t mask = (uint64_t)newcap - 1;
    for (int j = 0; j < m->cap; j++) {
        if (m->keys[j] == VAL_NULL) continue;
        uint64_t i = namemap_hash(m->keys[j]) & mask;
        while (keys[i] != VAL_NULL) i = (i + 1) & mask;
        keys[i] = m->keys[j];
        vals[i] = m->vals[j];
    }
    m->keys = keys;
    m->vals = vals;
    m->cap = newcap;
    return 0;
}

int namemap_put(NameMap *m, Value key, int val) {
    if ((m->len + 1) * 2 > m->cap && namemap_grow(m) < 0) return -1;
    uint64_t mask = (uint64_t)m->cap - 1;
    uint64_t i = namemap_hash(key) & mask;
    while (m->keys[i] != VAL_NULL && m->keys[i] != key) i = (i + 1) & mask;
    if (m->keys[i] == VAL_NULL) {
        m->keys[i] = key;
        m->len++;
    }
    m->vals[i] = val;
    return 0;
}

/* Sets of names for the analysis: a NameMap whose value is 1 (member) or
 * 0 (removed). */
typedef NameMap NameSet;

static bool set_has(const NameSet *s, Value k) { return s && namemap_get(s, k) > 0; }
static int set_add(NameSet *s, Value k) { return namemap_put(s, k, 1); }
static void set_discard(NameSet *s, Value k) {
    if (set_has(s, k)) namemap_put(s, k, 0);
}
static int set_update(NameSet *dst, const NameSet *src) {
    if (!src) return 0;
    for (int i = 0; i < src->cap; i++)
        if (src->keys[i] != VAL_NULL && src->vals[i] > 0 && set_add(dst, src->keys[i]) < 0)
            return -1;
    return 0;
}

/* ---- errors ---- */

int compile_syntax_error(Value filename, const Span *span, const char *fmt, ...) {
    SyntaxErrorInfo info;
    memset(&info, 0, sizeof info);
    info.type = &Exc_SyntaxError;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(info.msg, sizeof info.msg, fmt, ap);
    va_end(ap);
    if (span) {
        info.lineno = span->lineno;
        info.col = span->col + 1;
        info.end_lineno = span->end_lineno;
        info.end_col = span->end_col + 1;
    }
    info.text = VAL_NULL;
    vm_raise_syntax_error(&info, filename);
    return -1;
}

/* ---- mangling ---- */

/* Names are keyed by identity everywhere in the compiler, so every name
 * that reaches a table goes through here and comes out interned. */
static Value interned(Value name) {
    return STR(name)->interned ? name : str_intern(name);
}

Value symtable_mangle(Value private_name, Value name) {
    if (private_name == VAL_NULL) return interned(name);
    const char *s = str_data(name);
    size_t n = str_size(name);
    /* Only __x that does not end in __ and has no dot is private. */
    if (n < 3 || s[0] != '_' || s[1] != '_') return interned(name);
    if (s[n - 1] == '_' && s[n - 2] == '_') return interned(name);
    if (memchr(s, '.', n)) return interned(name);
    const char *cls = str_data(private_name);
    size_t clen = str_size(private_name);
    while (clen > 0 && *cls == '_') {
        cls++;
        clen--;
    }
    if (clen == 0) return interned(name);
    char *buf = gc_alloc_atomic(1 + clen + n + 1);
    if (!buf) return err_no_memory();
    buf[0] = '_';
    memcpy(buf + 1, cls, clen);
    memcpy(buf + 1 + clen, s, n);
    Value mangled = str_new(buf, 1 + clen + n);
    if (!mangled) return VAL_NULL;
    return str_intern(mangled);
}

/* ---- pass 1: collecting names ---- */

typedef struct Builder {
    SymTable *st;
    SymBlock *cur;
    int depth;
} Builder;

static int grow(void **arr, int *cap, int need, size_t elem) {
    if (need <= *cap) return 0;
    int newcap = *cap ? *cap * 2 : 8;
    while (newcap < need) newcap *= 2;
    void *p = gc_alloc(elem * newcap);
    if (!p) {
        err_no_memory();
        return -1;
    }
    if (*arr) memcpy(p, *arr, elem * (*cap));
    *arr = p;
    *cap = newcap;
    return 0;
}

static int block_add_symbol(SymBlock *b, Value name, int flags) {
    int idx = namemap_get(&b->index, name);
    if (idx >= 0) {
        b->syms[idx].flags |= flags;
        return 0;
    }
    if (grow((void **)&b->syms, &b->capsyms, b->nsyms + 1, sizeof(Symbol)) < 0) return -1;
    b->syms[b->nsyms].name = name;
    b->syms[b->nsyms].flags = flags;
    b->syms[b->nsyms].scope = SCOPE_NONE;
    if (namemap_put(&b->index, name, b->nsyms) < 0) return -1;
    b->nsyms++;
    return 0;
}

int symblock_flags(SymBlock *b, Value name) {
    int idx = namemap_get(&b->index, name);
    return idx < 0 ? 0 : b->syms[idx].flags;
}

SymScope symblock_scope(SymBlock *b, Value name) {
    int idx = namemap_get(&b->index, name);
    return idx < 0 ? SCOPE_NONE : b->syms[idx].scope;
}

static SymBlock *block_new(Builder *bd, BlockKind kind, Value name, const void *node, int lineno) {
    SymTable *st = bd->st;
    SymBlock *b = gc_alloc(sizeof(SymBlock));
    if (!b) {
        err_no_memory();
        return NULL;
    }
    b->kind = kind;
    b->name = name;
    b->node = node;
    b->lineno = lineno;
    b->parent = bd->cur;
    if (bd->cur) {
        SymBlock *p = bd->cur;
        b->is_nested = p->is_nested || p->kind == BLOCK_FUNCTION;
        b->private_name = p->private_name;
        if (grow((void **)&p->children, &p->capchildren, p->nchildren + 1, sizeof(SymBlock *)) < 0)
            return NULL;
        p->children[p->nchildren++] = b;
    }
    if (grow((void **)&st->blocks, &st->capblocks, st->nblocks + 1, sizeof(SymBlock *)) < 0)
        return NULL;
    if (node && namemap_put(&st->nodes, val_from_ptr(node), st->nblocks) < 0) return NULL;
    st->blocks[st->nblocks++] = b;
    return b;
}

SymBlock *symtable_block_for(SymTable *st, const void *node) {
    int idx = namemap_get(&st->nodes, val_from_ptr(node));
    return idx < 0 ? NULL : st->blocks[idx];
}

static Value mangle(Builder *bd, Value name) {
    return symtable_mangle(bd->cur->private_name, name);
}

static int add_def(Builder *bd, Value name, int flags) {
    Value m = mangle(bd, name);
    if (!m) return -1;
    return block_add_symbol(bd->cur, m, flags);
}

static int syntax_error(Builder *bd, const Span *span, const char *fmt, const char *name) {
    return compile_syntax_error(bd->st->filename, span, fmt, name);
}

static int visit_expr(Builder *bd, Expr *e);
static int visit_stmts(Builder *bd, StmtList *body);

static int visit_exprs(Builder *bd, ExprList *l) {
    for (int i = 0; i < l->len; i++)
        if (l->items[i] && visit_expr(bd, l->items[i]) < 0) return -1;
    return 0;
}

static int add_param(Builder *bd, Arg *a) {
    Value m = mangle(bd, a->name);
    if (!m) return -1;
    SymBlock *b = bd->cur;
    if (symblock_flags(b, m) & DEF_PARAM)
        return syntax_error(bd, &a->span, "duplicate argument '%s' in function definition",
                            str_data(a->name));
    if (block_add_symbol(b, m, DEF_PARAM) < 0) return -1;
    if (grow((void **)&b->params, &b->capparams, b->nparams + 1, sizeof(Value)) < 0) return -1;
    b->params[b->nparams++] = m;
    return 0;
}

static int visit_params(Builder *bd, Arguments *args) {
    for (int i = 0; i < args->posonlyargs.len; i++)
        if (add_param(bd, args->posonlyargs.items[i]) < 0) return -1;
    for (int i = 0; i < args->args.len; i++)
        if (add_param(bd, args->args.items[i]) < 0) return -1;
    for (int i = 0; i < args->kwonlyargs.len; i++)
        if (add_param(bd, args->kwonlyargs.items[i]) < 0) return -1;
    if (args->vararg) {
        if (add_param(bd, args->vararg) < 0) return -1;
        bd->cur->has_varargs = true;
    }
    if (args->kwarg) {
        if (add_param(bd, args->kwarg) < 0) return -1;
        bd->cur->has_varkeywords = true;
    }
    return 0;
}

static int visit_defaults(Builder *bd, Arguments *args) {
    if (visit_exprs(bd, &args->defaults) < 0) return -1;
    return visit_exprs(bd, &args->kw_defaults);
}

static const char *comp_description(CompKind k) {
    switch (k) {
    case COMP_LIST: return "list comprehension";
    case COMP_SET: return "set comprehension";
    case COMP_DICT: return "dict comprehension";
    default: return "generator expression";
    }
}

/* Mark the for-targets of a comprehension as its iteration variables (for
 * the walrus rebinding check). */
static int mark_comp_iter(SymBlock *b, Expr *t) {
    switch (t->kind) {
    case E_NAME: {
        Value m = symtable_mangle(b->private_name, t->u.name.id);
        if (!m) return -1;
        return block_add_symbol(b, m, DEF_COMP_ITER);
    }
    case E_TUPLE:
    case E_LIST:
        for (int i = 0; i < t->u.list.elts.len; i++)
            if (mark_comp_iter(b, t->u.list.elts.items[i]) < 0) return -1;
        return 0;
    case E_STARRED: return mark_comp_iter(b, t->u.starred.value);
    default: return 0;
    }
}

static int visit_comprehension(Builder *bd, Expr *e, CompKind kind) {
    ComprehensionList *gens = &e->u.comp.generators;
    Comprehension *outer = gens->items[0];
    /* The outermost iterable is evaluated in the enclosing scope. */
    if (visit_expr(bd, outer->iter) < 0) return -1;
    static const char *const names[] = {"", "<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"};
    Value name = str_intern_cstr(names[kind]);
    if (!name) return -1;
    SymBlock *b = block_new(bd, BLOCK_FUNCTION, name, e, e->span.lineno);
    if (!b) return -1;
    b->comp = kind;
    b->is_generator = kind == COMP_GENEXP;
    SymBlock *saved = bd->cur;
    bd->cur = b;
    Value dot0 = str_intern_cstr(".0");
    if (!dot0 || block_add_symbol(b, dot0, DEF_PARAM) < 0) return -1;
    if (grow((void **)&b->params, &b->capparams, 1, sizeof(Value)) < 0) return -1;
    b->params[b->nparams++] = dot0;
    for (int i = 0; i < gens->len; i++) {
        Comprehension *g = gens->items[i];
        if (i > 0 && visit_expr(bd, g->iter) < 0) return -1;
        if (visit_expr(bd, g->target) < 0) return -1;
        if (mark_comp_iter(b, g->target) < 0) return -1;
        if (visit_exprs(bd, &g->ifs) < 0) return -1;
    }
    if (kind == COMP_DICT) {
        if (visit_expr(bd, e->u.comp.key) < 0 || visit_expr(bd, e->u.comp.value) < 0) return -1;
    } else if (visit_expr(bd, e->u.comp.elt) < 0) {
        return -1;
    }
    bd->cur = saved;
    return 0;
}

/* Is name an iteration variable of the comprehension block b? */
static bool is_comp_iter_var(SymBlock *b, Value name) {
    return (symblock_flags(b, name) & DEF_COMP_ITER) != 0;
}

/* A walrus inside a comprehension binds in the nearest enclosing function
 * (or the module), CPython's symtable_extend_namedexpr_scope. */
static int visit_namedexpr_target(Builder *bd, Expr *e) {
    Expr *target = e->u.namedexpr.target;
    Value name = target->u.name.id;
    if (bd->cur->comp == COMP_NONE) return add_def(bd, name, DEF_LOCAL);
    Value m = mangle(bd, name);
    if (!m) return -1;
    for (SymBlock *b = bd->cur; b; b = b->parent) {
        if (b->comp != COMP_NONE) {
            if (is_comp_iter_var(b, m))
                return syntax_error(bd, &target->span,
                                    "assignment expression cannot rebind comprehension iteration variable '%s'",
                                    str_data(name));
            continue;
        }
        if (b->kind == BLOCK_FUNCTION) {
            int in_scope = symblock_flags(b, m);
            if (block_add_symbol(bd->cur, m, (in_scope & DEF_GLOBAL) ? DEF_GLOBAL : DEF_NONLOCAL) < 0)
                return -1;
            bd->cur->syms[namemap_get(&bd->cur->index, m)].decl_span = target->span;
            return block_add_symbol(b, m, DEF_LOCAL);
        }
        if (b->kind == BLOCK_MODULE) {
            if (block_add_symbol(bd->cur, m, DEF_GLOBAL) < 0) return -1;
            return block_add_symbol(b, m, DEF_GLOBAL);
        }
        return syntax_error(bd, &target->span,
                            "assignment expression within a comprehension cannot be used in a class body%s", "");
    }
    return 0;
}

static int visit_name(Builder *bd, Expr *e) {
    Value id = e->u.name.id;
    if (e->u.name.ctx == CTX_LOAD) {
        if (add_def(bd, id, DEF_USE) < 0) return -1;
        /* super() needs the implicit __class__ cell of the enclosing class. */
        if (bd->cur->kind == BLOCK_FUNCTION && str_size(id) == 5 && memcmp(str_data(id), "super", 5) == 0)
            return block_add_symbol(bd->cur, name___class__, DEF_USE);
        return 0;
    }
    return add_def(bd, id, DEF_LOCAL);
}

static int visit_yield(Builder *bd, Expr *e) {
    SymBlock *b = bd->cur;
    if (b->comp != COMP_NONE) {
        char msg[64];
        snprintf(msg, sizeof msg, "'yield' inside %s", comp_description(b->comp));
        return syntax_error(bd, &e->span, "%s", msg);
    }
    if (b->kind != BLOCK_FUNCTION) return syntax_error(bd, &e->span, "'yield' outside function%s", "");
    b->is_generator = true;
    return 0;
}

static int visit_expr_inner(Builder *bd, Expr *e) {
    switch (e->kind) {
    case E_BOOLOP: return visit_exprs(bd, &e->u.boolop.values);
    case E_NAMEDEXPR:
        if (visit_expr(bd, e->u.namedexpr.value) < 0) return -1;
        return visit_namedexpr_target(bd, e);
    case E_BINOP:
        if (visit_expr(bd, e->u.binop.left) < 0) return -1;
        return visit_expr(bd, e->u.binop.right);
    case E_UNARYOP: return visit_expr(bd, e->u.unaryop.operand);
    case E_LAMBDA: {
        if (visit_defaults(bd, e->u.lambda.args) < 0) return -1;
        Value name = str_intern_cstr("<lambda>");
        if (!name) return -1;
        SymBlock *b = block_new(bd, BLOCK_FUNCTION, name, e, e->span.lineno);
        if (!b) return -1;
        b->is_lambda = true;
        SymBlock *saved = bd->cur;
        bd->cur = b;
        if (visit_params(bd, e->u.lambda.args) < 0) return -1;
        if (visit_expr(bd, e->u.lambda.body) < 0) return -1;
        bd->cur = saved;
        return 0;
    }
    case E_IFEXP:
        if (visit_expr(bd, e->u.ifexp.test) < 0) return -1;
        if (visit_expr(bd, e->u.ifexp.body) < 0) return -1;
        return visit_expr(bd, e->u.ifexp.orelse);
    case E_DICT:
        if (visit_exprs(bd, &e->u.dict.keys) < 0) return -1;
        return visit_exprs(bd, &e->u.dict.values);
    case E_SET: return visit_exprs(bd, &e->u.set.elts);
    case E_LISTCOMP: return visit_comprehension(bd, e, COMP_LIST);
    case E_SETCOMP: return visit_comprehension(bd, e, COMP_SET);
    case E_DICTCOMP: return visit_comprehension(bd, e, COMP_DICT);
    case E_GENEXP: return visit_comprehension(bd, e, COMP_GENEXP);
    case E_AWAIT: return visit_expr(bd, e->u.await_.value);
    case E_YIELD:
        if (e->u.yield.value && visit_expr(bd, e->u.yield.value) < 0) return -1;
        return visit_yield(bd, e);
    case E_YIELDFROM:
        if (visit_expr(bd, e->u.yieldfrom.value) < 0) return -1;
        return visit_yield(bd, e);
    case E_COMPARE:
        if (visit_expr(bd, e->u.compare.left) < 0) return -1;
        return visit_exprs(bd, &e->u.compare.comparators);
    case E_CALL:
        if (visit_expr(bd, e->u.call.func) < 0) return -1;
        if (visit_exprs(bd, &e->u.call.args) < 0) return -1;
        for (int i = 0; i < e->u.call.keywords.len; i++)
            if (visit_expr(bd, e->u.call.keywords.items[i]->value) < 0) return -1;
        return 0;
    case E_FORMATTEDVALUE:
        if (visit_expr(bd, e->u.formatted.value) < 0) return -1;
        if (e->u.formatted.format_spec) return visit_expr(bd, e->u.formatted.format_spec);
        return 0;
    case E_JOINEDSTR: return visit_exprs(bd, &e->u.joinedstr.values);
    case E_CONSTANT: return 0;
    case E_ATTRIBUTE: return visit_expr(bd, e->u.attribute.value);
    case E_SUBSCRIPT:
        if (visit_expr(bd, e->u.subscript.value) < 0) return -1;
        return visit_expr(bd, e->u.subscript.slice);
    case E_STARRED: return visit_expr(bd, e->u.starred.value);
    case E_NAME: return visit_name(bd, e);
    case E_LIST:
    case E_TUPLE: return visit_exprs(bd, &e->u.list.elts);
    case E_SLICE:
        if (e->u.slice.lower && visit_expr(bd, e->u.slice.lower) < 0) return -1;
        if (e->u.slice.upper && visit_expr(bd, e->u.slice.upper) < 0) return -1;
        if (e->u.slice.step && visit_expr(bd, e->u.slice.step) < 0) return -1;
        return 0;
    }
    return 0;
}

static int enter(Builder *bd) {
    if (++bd->depth > SYMTABLE_MAX_DEPTH) {
        err_format(&Exc_RecursionError, "maximum recursion depth exceeded during compilation");
        return -1;
    }
    return 0;
}

static int visit_expr(Builder *bd, Expr *e) {
    if (enter(bd) < 0) return -1;
    int r = visit_expr_inner(bd, e);
    bd->depth--;
    return r;
}

static int visit_global(Builder *bd, Stmt *s, bool nonlocal) {
    const char *kw = nonlocal ? "nonlocal" : "global";
    if (nonlocal && bd->cur->kind == BLOCK_MODULE)
        return syntax_error(bd, &s->span, "nonlocal declaration not allowed at module level%s", "");
    for (int i = 0; i < s->u.global.n; i++) {
        Value name = s->u.global.names[i];
        Value m = mangle(bd, name);
        if (!m) return -1;
        int cur = symblock_flags(bd->cur, m);
        char msg[300];
        const char *fmt = NULL;
        if (cur & DEF_PARAM)
            fmt = "name '%s' is parameter and %s";
        else if (cur & DEF_USE)
            fmt = "name '%s' is used prior to %s declaration";
        else if (cur & DEF_ANNOT)
            fmt = "annotated name '%s' can't be %s";
        else if (cur & DEF_LOCAL) /* CPython does not count imports here */
            fmt = "name '%s' is assigned to before %s declaration";
        else if (cur & (nonlocal ? DEF_GLOBAL : DEF_NONLOCAL))
            fmt = "name '%s' is nonlocal and global";
        if (fmt) {
            snprintf(msg, sizeof msg, fmt, str_data(name), kw);
            return syntax_error(bd, &s->span, "%s", msg);
        }
        if (block_add_symbol(bd->cur, m, nonlocal ? DEF_NONLOCAL : DEF_GLOBAL) < 0) return -1;
        bd->cur->syms[namemap_get(&bd->cur->index, m)].decl_span = s->span;
    }
    return 0;
}

static int visit_alias_store(Builder *bd, Alias *a, bool from_import, Stmt *s) {
    Value store = a->asname;
    if (store == VAL_NULL) {
        const char *n = str_data(a->name);
        if (from_import && strcmp(n, "*") == 0) {
            if (bd->cur->kind != BLOCK_MODULE)
                return syntax_error(bd, a->span.lineno ? &a->span : &s->span,
                                    "import * only allowed at module level%s", "");
            return 0;
        }
        const char *dot = strchr(n, '.');
        if (dot) {
            store = str_new(n, dot - n);
            if (!store || !(store = str_intern(store))) return -1;
        } else {
            store = a->name;
        }
    }
    return add_def(bd, store, DEF_IMPORT);
}

static int visit_stmt_inner(Builder *bd, Stmt *s) {
    switch (s->kind) {
    case S_FUNCTIONDEF: {
        if (add_def(bd, s->u.funcdef.name, DEF_LOCAL) < 0) return -1;
        if (visit_defaults(bd, s->u.funcdef.args) < 0) return -1;
        if (visit_exprs(bd, &s->u.funcdef.decorator_list) < 0) return -1;
        SymBlock *b = block_new(bd, BLOCK_FUNCTION, s->u.funcdef.name, s, s->span.lineno);
        if (!b) return -1;
        SymBlock *saved = bd->cur;
        bd->cur = b;
        if (visit_params(bd, s->u.funcdef.args) < 0) return -1;
        if (visit_stmts(bd, &s->u.funcdef.body) < 0) return -1;
        bd->cur = saved;
        return 0;
    }
    case S_CLASSDEF: {
        if (add_def(bd, s->u.classdef.name, DEF_LOCAL) < 0) return -1;
        if (visit_exprs(bd, &s->u.classdef.bases) < 0) return -1;
        for (int i = 0; i < s->u.classdef.keywords.len; i++)
            if (visit_expr(bd, s->u.classdef.keywords.items[i]->value) < 0) return -1;
        if (visit_exprs(bd, &s->u.classdef.decorator_list) < 0) return -1;
        SymBlock *b = block_new(bd, BLOCK_CLASS, s->u.classdef.name, s, s->span.lineno);
        if (!b) return -1;
        b->private_name = s->u.classdef.name;
        SymBlock *saved = bd->cur;
        bd->cur = b;
        if (visit_stmts(bd, &s->u.classdef.body) < 0) return -1;
        bd->cur = saved;
        return 0;
    }
    case S_RETURN: return s->u.return_.value ? visit_expr(bd, s->u.return_.value) : 0;
    case S_DELETE: return visit_exprs(bd, &s->u.delete_.targets);
    case S_ASSIGN:
        if (visit_expr(bd, s->u.assign.value) < 0) return -1;
        return visit_exprs(bd, &s->u.assign.targets);
    case S_AUGASSIGN:
        if (visit_expr(bd, s->u.augassign.target) < 0) return -1;
        return visit_expr(bd, s->u.augassign.value);
    case S_ANNASSIGN: {
        Expr *t = s->u.annassign.target;
        if (t->kind == E_NAME) {
            Value m = mangle(bd, t->u.name.id);
            if (!m) return -1;
            int cur = symblock_flags(bd->cur, m);
            if (s->u.annassign.simple && (cur & (DEF_GLOBAL | DEF_NONLOCAL)) &&
                bd->cur->kind != BLOCK_MODULE) {
                char msg[300];
                snprintf(msg, sizeof msg, "annotated name '%s' can't be %s", str_data(t->u.name.id),
                         (cur & DEF_GLOBAL) ? "global" : "nonlocal");
                return syntax_error(bd, &s->span, "%s", msg);
            }
            int flags = DEF_LOCAL | (s->u.annassign.simple ? DEF_ANNOT : 0);
            if (s->u.annassign.simple || s->u.annassign.value)
                if (block_add_symbol(bd->cur, m, flags) < 0) return -1;
        } else if (visit_expr(bd, t) < 0) {
            return -1;
        }
        return s->u.annassign.value ? visit_expr(bd, s->u.annassign.value) : 0;
    }
    case S_FOR:
        if (visit_expr(bd, s->u.for_.target) < 0) return -1;
        if (visit_expr(bd, s->u.for_.iter) < 0) return -1;
        if (visit_stmts(bd, &s->u.for_.body) < 0) return -1;
        return visit_stmts(bd, &s->u.for_.orelse);
    case S_WHILE:
    case S_IF:
        if (visit_expr(bd, s->u.if_.test) < 0) return -1;
        if (visit_stmts(bd, &s->u.if_.body) < 0) return -1;
        return visit_stmts(bd, &s->u.if_.orelse);
    case S_WITH:
        for (int i = 0; i < s->u.with.items.len; i++) {
            WithItem *w = s->u.with.items.items[i];
            if (visit_expr(bd, w->context_expr) < 0) return -1;
            if (w->optional_vars && visit_expr(bd, w->optional_vars) < 0) return -1;
        }
        return visit_stmts(bd, &s->u.with.body);
    case S_RAISE:
        if (s->u.raise.exc && visit_expr(bd, s->u.raise.exc) < 0) return -1;
        if (s->u.raise.cause && visit_expr(bd, s->u.raise.cause) < 0) return -1;
        return 0;
    case S_TRY:
        if (visit_stmts(bd, &s->u.try_.body) < 0) return -1;
        for (int i = 0; i < s->u.try_.handlers.len; i++) {
            ExceptHandler *h = s->u.try_.handlers.items[i];
            if (h->type && visit_expr(bd, h->type) < 0) return -1;
            if (h->name != VAL_NULL && add_def(bd, h->name, DEF_LOCAL) < 0) return -1;
            if (visit_stmts(bd, &h->body) < 0) return -1;
        }
        if (visit_stmts(bd, &s->u.try_.orelse) < 0) return -1;
        return visit_stmts(bd, &s->u.try_.finalbody);
    case S_ASSERT:
        if (visit_expr(bd, s->u.assert_.test) < 0) return -1;
        return s->u.assert_.msg ? visit_expr(bd, s->u.assert_.msg) : 0;
    case S_IMPORT:
        for (int i = 0; i < s->u.import.names.len; i++)
            if (visit_alias_store(bd, s->u.import.names.items[i], false, s) < 0) return -1;
        return 0;
    case S_IMPORTFROM:
        for (int i = 0; i < s->u.importfrom.names.len; i++)
            if (visit_alias_store(bd, s->u.importfrom.names.items[i], true, s) < 0) return -1;
        return 0;
    case S_GLOBAL: return visit_global(bd, s, false);
    case S_NONLOCAL: return visit_global(bd, s, true);
    case S_EXPR: return visit_expr(bd, s->u.expr.value);
    case S_PASS:
    case S_BREAK:
    case S_CONTINUE: return 0;
    }
    return 0;
}

static int visit_stmts(Builder *bd, StmtList *body) {
    for (int i = 0; i < body->len; i++) {
        if (enter(bd) < 0) return -1;
        int r = visit_stmt_inner(bd, body->items[i]);
        bd->depth--;
        if (r < 0) return -1;
    }
    return 0;
}

/* ---- pass 2: analysis ---- */

typedef struct Analyzer {
    SymTable *st;
    int depth;
} Analyzer;

static NameSet *set_new(void) {
    NameSet *s = gc_alloc(sizeof(NameSet));
    if (!s) err_no_memory();
    return s;
}

static NameSet *set_copy(const NameSet *src) {
    NameSet *s = set_new();
    if (!s || set_update(s, src) < 0) return NULL;
    return s;
}

static int analyze_name(Analyzer *an, SymBlock *b, Symbol *sym, NameSet *bound, NameSet *local,
                        NameSet *free, NameSet *global) {
    Value name = sym->name;
    int flags = sym->flags;
    if (flags & DEF_GLOBAL) {
        if (flags & DEF_NONLOCAL)
            return compile_syntax_error(an->st->filename, &sym->decl_span, "name '%s' is nonlocal and global",
                                        str_data(name));
        sym->scope = SCOPE_GLOBAL_EXPLICIT;
        if (set_add(global, name) < 0) return -1;
        set_discard(bound, name);
        return 0;
    }
    if (flags & DEF_NONLOCAL) {
        if (!set_has(bound, name))
            return compile_syntax_error(an->st->filename, &sym->decl_span,
                                        "no binding for nonlocal '%s' found", str_data(name));
        sym->scope = SCOPE_FREE;
        b->has_free = true;
        return set_add(free, name);
    }
    if (flags & DEF_BOUND) {
        sym->scope = SCOPE_LOCAL;
        if (set_add(local, name) < 0) return -1;
        set_discard(global, name);
        return 0;
    }
    if (set_has(bound, name)) {
        sym->scope = SCOPE_FREE;
        b->has_free = true;
        return set_add(free, name);
    }
    if (set_has(global, name)) {
        sym->scope = SCOPE_GLOBAL_IMPLICIT;
        return 0;
    }
    if (b->is_nested) b->has_free = true;
    sym->scope = SCOPE_GLOBAL_IMPLICIT;
    return 0;
}

static int analyze_block(Analyzer *an, SymBlock *b, NameSet *bound, NameSet *free, NameSet *global);

static int analyze_child(Analyzer *an, SymBlock *child, NameSet *bound, NameSet *free, NameSet *global) {
    NameSet *cbound = set_copy(bound);
    NameSet *cglobal = set_copy(global);
    if (!cbound || !cglobal) return -1;
    return analyze_block(an, child, cbound, free, cglobal);
}

/* Names free in children that this function binds become cells. */
static void analyze_cells(SymBlock *b, NameSet *newfree) {
    for (int i = 0; i < b->nsyms; i++) {
        Symbol *sym = &b->syms[i];
        if (sym->scope == SCOPE_LOCAL && set_has(newfree, sym->name)) {
            sym->scope = SCOPE_CELL;
            set_discard(newfree, sym->name);
        }
    }
}

static int update_symbols(SymBlock *b, NameSet *bound, NameSet *newfree) {
    for (int i = 0; i < newfree->cap; i++) {
        Value name = newfree->keys[i];
        if (name == VAL_NULL || newfree->vals[i] <= 0) continue;
        int idx = namemap_get(&b->index, name);
        if (idx >= 0) {
            if (b->kind == BLOCK_CLASS) b->syms[idx].flags |= DEF_FREE_CLASS;
            continue;
        }
        if (!set_has(bound, name)) continue; /* a global */
        if (block_add_symbol(b, name, 0) < 0) return -1;
        b->syms[b->nsyms - 1].scope = SCOPE_FREE;
    }
    return 0;
}

static int analyze_block(Analyzer *an, SymBlock *b, NameSet *bound, NameSet *free, NameSet *global) {
    if (++an->depth > SYMTABLE_MAX_DEPTH) {
        err_format(&Exc_RecursionError, "maximum recursion depth exceeded during compilation");
        return -1;
    }
    NameSet *local = set_new(), *newbound = set_new(), *newfree = set_new(), *newglobal = set_new();
    if (!local || !newbound || !newfree || !newglobal) return -1;
    if (b->kind == BLOCK_CLASS) {
        /* The class namespace is invisible to nested functions. */
        if (set_update(newglobal, global) < 0 || set_update(newbound, bound) < 0) return -1;
    }
    for (int i = 0; i < b->nsyms; i++)
        if (analyze_name(an, b, &b->syms[i], bound, local, free, global) < 0) return -1;
    if (b->kind != BLOCK_CLASS) {
        if (b->kind == BLOCK_FUNCTION && set_update(newbound, local) < 0) return -1;
        if (set_update(newbound, bound) < 0 || set_update(newglobal, global) < 0) return -1;
    } else if (set_add(newbound, name___class__) < 0) {
        return -1;
    }
    for (int i = 0; i < b->nchildren; i++) {
        SymBlock *child = b->children[i];
        if (analyze_child(an, child, newbound, newfree, newglobal) < 0) return -1;
        if (child->has_free || child->child_free) b->child_free = true;
    }
    if (b->kind == BLOCK_FUNCTION) {
        analyze_cells(b, newfree);
    } else if (b->kind == BLOCK_CLASS && set_has(newfree, name___class__)) {
        set_discard(newfree, name___class__);
        b->needs_class_closure = true;
    }
    if (update_symbols(b, bound, newfree) < 0) return -1;
    if (set_update(free, newfree) < 0) return -1;
    an->depth--;
    return 0;
}

/* ---- entry ---- */

SymTable *symtable_build(Module *mod, Value filename, ParseMode mode) {
    (void)mode;
    SymTable *st = gc_alloc(sizeof(SymTable));
    if (!st) {
        err_no_memory();
        return NULL;
    }
    st->filename = filename;
    Builder bd = {st, NULL, 0};
    Value top = str_intern_cstr("top");
    if (!top) return NULL;
    st->top = block_new(&bd, BLOCK_MODULE, top, NULL, 1);
    if (!st->top) return NULL;
    bd.cur = st->top;
    if (visit_stmts(&bd, &mod->body) < 0) return NULL;
    Analyzer an = {st, 0};
    NameSet *free = set_new(), *global = set_new();
    if (!free || !global) return NULL;
    if (analyze_block(&an, st->top, NULL, free, global) < 0) return NULL;
    return st;
}
