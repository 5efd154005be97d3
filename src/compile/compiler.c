/* compiler.c — compile_module and the machinery every part of the code
 * generator shares: compilation units (one per code object), instruction
 * emission, labels, handler and frame-block stacks, constant and name
 * tables, name resolution to LOAD_FAST/LOAD_DEREF/LOAD_GLOBAL/LOAD_NAME,
 * and the code objects of functions, lambdas, classes and comprehensions.
 */
#include "compiler.h"

#include <stdio.h>
#include <stdlib.h>

#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../vm/error.h"

/* ---- small growable arrays ---- */

static int ensure(void **arr, int *cap, int need, size_t elem) {
    if (need <= *cap) return 0;
    int newcap = *cap ? *cap * 2 : 16;
    while (newcap < need) newcap *= 2;
    void *p = gc_alloc(elem * (size_t)newcap);
    if (!p) {
        err_no_memory();
        return -1;
    }
    if (*arr) memcpy(p, *arr, elem * (size_t)*cap);
    *arr = p;
    *cap = newcap;
    return 0;
}

/* ---- errors and recursion ---- */

int syntax_error_at(Compiler *c, const Span *span, const char *msg) {
    return compile_syntax_error(c->filename, span, "%s", msg);
}

int enter_recursion(Compiler *c) {
    if (++c->depth > COMPILE_MAX_DEPTH) {
        c->depth--;
        err_format(&Exc_RecursionError, "maximum recursion depth exceeded during compilation");
        return -1;
    }
    return 0;
}

void leave_recursion(Compiler *c) { c->depth--; }

Value mangle_name(Compiler *c, Value name) { return symtable_mangle(c->u->private_name, name); }

/* ---- emission ---- */

int emit(Compiler *c, int op, int arg) {
    Unit *u = c->u;
    if (ensure((void **)&u->instrs, &u->capinstrs, u->ninstrs + 1, sizeof(Instr)) < 0) return -1;
    Instr *in = &u->instrs[u->ninstrs++];
    in->op = op;
    in->arg = arg;
    in->line = u->lineno;
    in->handler = u->hstack_top > 0 ? u->hstack[u->hstack_top - 1] : -1;
    return 0;
}

int emit_jump(Compiler *c, int op, int label) { return emit(c, op, label); }

int new_label(Compiler *c) {
    Unit *u = c->u;
    if (ensure((void **)&u->labels, &u->caplabels, u->nlabels + 1, sizeof(int)) < 0) return -1;
    u->labels[u->nlabels] = -1;
    return u->nlabels++;
}

int use_label(Compiler *c, int label) {
    c->u->labels[label] = c->u->ninstrs;
    return 0;
}

int push_handler(Compiler *c, int label, int adjust) {
    Unit *u = c->u;
    if (ensure((void **)&u->handlers, &u->caphandlers, u->nhandlers + 1, sizeof(Handler)) < 0)
        return -1;
    int id = u->nhandlers++;
    u->handlers[id].label = label;
    u->handlers[id].setup = u->ninstrs;
    u->handlers[id].adjust = adjust;
    if (emit(c, PSEUDO_SETUP, id) < 0) return -1;
    if (push_existing_handler(c, id) < 0) return -1;
    return id;
}

int push_existing_handler(Compiler *c, int handler_id) {
    Unit *u = c->u;
    if (ensure((void **)&u->hstack, &u->caphstack, u->hstack_top + 1, sizeof(int)) < 0) return -1;
    u->hstack[u->hstack_top++] = handler_id;
    return 0;
}

void pop_handler(Compiler *c) { c->u->hstack_top--; }

/* CPython's CO_MAXBLOCKS. Besides matching CPython, it bounds the
 * duplication of finally bodies (each is compiled twice, once for the
 * normal and once for the exceptional exit), which grows as 2^nesting:
 * without it, 50 nested try/finally statements exhausted memory. */
#define COMPILE_MAX_FBLOCKS 21

int push_fblock(Compiler *c, FBlockKind kind, int start, int exit) {
    Unit *u = c->u;
    if (u->nfblocks >= COMPILE_MAX_FBLOCKS) {
        /* CPython points at the statement; the line is what we have here */
        Span at = {u->lineno, 0, u->lineno, 0};
        return syntax_error_at(c, &at, "too many statically nested blocks");
    }
    if (ensure((void **)&u->fblocks, &u->capfblocks, u->nfblocks + 1, sizeof(FBlock)) < 0) return -1;
    FBlock *fb = &u->fblocks[u->nfblocks++];
    memset(fb, 0, sizeof *fb);
    fb->kind = kind;
    fb->start_label = start;
    fb->exit_label = exit;
    fb->handler_top = u->hstack_top;
    fb->lineno = u->lineno;
    fb->name = VAL_NULL;
    return 0;
}

void pop_fblock(Compiler *c) { c->u->nfblocks--; }

/* ---- constants and names ---- */

static bool is_identifier_like(Value s) {
    const char *p = str_data(s);
    size_t n = str_size(s);
    for (size_t i = 0; i < n; i++) {
        char ch = p[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_'))
            return false;
    }
    return true;
}

int add_const(Compiler *c, Value v) {
    Unit *u = c->u;
    /* Identifier-like strings are interned (as CPython does), which makes
     * equal ones share a slot; other constants merge only when their bits
     * are identical (small ints, floats, singletons, the same object). */
    if (val_is_str_exact(v) && is_identifier_like(v)) {
        v = str_intern(v);
        if (!v) return -1;
    }
    for (int i = 0; i < u->nconsts; i++)
        if (u->consts[i] == v) return i;
    if (ensure((void **)&u->consts, &u->capconsts, u->nconsts + 1, sizeof(Value)) < 0) return -1;
    u->consts[u->nconsts] = v;
    return u->nconsts++;
}

int emit_const(Compiler *c, Value v) {
    int idx = add_const(c, v);
    if (idx < 0) return -1;
    return emit(c, OP_LOAD_CONST, idx);
}

int add_name_raw(Compiler *c, Value name) {
    Unit *u = c->u;
    int idx = namemap_get(&u->names_index, name);
    if (idx >= 0) return idx;
    if (ensure((void **)&u->names, &u->capnames, u->nnames + 1, sizeof(Value)) < 0) return -1;
    u->names[u->nnames] = name;
    if (namemap_put(&u->names_index, name, u->nnames) < 0) return -1;
    return u->nnames++;
}

int add_name(Compiler *c, Value name) {
    Value m = mangle_name(c, name);
    if (!m) return -1;
    return add_name_raw(c, m);
}

/* ---- units ---- */

static int add_fast(Unit *u, Value name, uint8_t kind) {
    if (ensure((void **)&u->fast_names, &u->capfast, u->nfast + 1, sizeof(Value)) < 0) return -1;
    if (u->capkinds < u->capfast) {
        uint8_t *kinds = gc_alloc_atomic((size_t)u->capfast);
        if (!kinds) {
            err_no_memory();
            return -1;
        }
        if (u->nfast) memcpy(kinds, u->fast_kinds, (size_t)u->nfast);
        u->fast_kinds = kinds;
        u->capkinds = u->capfast;
    }
    u->fast_names[u->nfast] = name;
    u->fast_kinds[u->nfast] = kind;
    if (namemap_put(&u->fast_index, name, u->nfast) < 0) return -1;
    u->nfast++;
    return 0;
}

static bool is_function_like(Unit *u) {
    return u->kind == UNIT_FUNCTION || u->kind == UNIT_LAMBDA || u->kind == UNIT_COMP;
}

/* localsplus layout: parameters, other locals, cells that are not
 * parameters, free variables (the last nfree slots). */
static int build_localsplus(Unit *u) {
    SymBlock *b = u->ste;
    if (is_function_like(u)) {
        for (int i = 0; i < b->nparams; i++) {
            uint8_t kind = CO_FAST_LOCAL;
            if (symblock_scope(b, b->params[i]) == SCOPE_CELL) kind |= CO_FAST_CELL;
            if (add_fast(u, b->params[i], kind) < 0) return -1;
        }
        u->nparams = b->nparams;
        for (int i = 0; i < b->nsyms; i++) {
            Symbol *s = &b->syms[i];
            if (s->scope == SCOPE_LOCAL && !(s->flags & DEF_PARAM) && add_fast(u, s->name, CO_FAST_LOCAL) < 0)
                return -1;
        }
        u->nlocals = u->nfast;
        for (int i = 0; i < b->nsyms; i++) {
            Symbol *s = &b->syms[i];
            if (s->scope == SCOPE_CELL && !(s->flags & DEF_PARAM)) {
                if (add_fast(u, s->name, CO_FAST_CELL) < 0) return -1;
                u->ncells_extra++;
            }
        }
    } else if (u->kind == UNIT_CLASS && b->needs_class_closure) {
        if (add_fast(u, name___class__, CO_FAST_CELL) < 0) return -1;
        u->ncells_extra++;
    }
    for (int i = 0; i < b->nsyms; i++) {
        Symbol *s = &b->syms[i];
        bool is_free = s->scope == SCOPE_FREE || (u->kind == UNIT_CLASS && (s->flags & DEF_FREE_CLASS));
        if (is_free && namemap_get(&u->fast_index, s->name) < 0) {
            if (add_fast(u, s->name, CO_FAST_FREE) < 0) return -1;
            u->nfree++;
        }
    }
    return 0;
}

/* MAKE_CELL for every cell, COPY_FREE_VARS, RESUME. */
static int emit_prologue(Compiler *c) {
    Unit *u = c->u;
    for (int i = 0; i < u->nfast; i++)
        if ((u->fast_kinds[i] & CO_FAST_CELL) && emit(c, OP_MAKE_CELL, i) < 0) return -1;
    if (u->nfree > 0 && emit(c, OP_COPY_FREE_VARS, u->nfree) < 0) return -1;
    return emit(c, OP_RESUME, 0);
}

static Value concat3(Value a, const char *mid, Value b) {
    size_t na = str_size(a), nm = strlen(mid), nb = str_size(b);
    char *buf = gc_alloc_atomic(na + nm + nb + 1);
    if (!buf) return err_no_memory();
    memcpy(buf, str_data(a), na);
    memcpy(buf + na, mid, nm);
    memcpy(buf + na + nm, str_data(b), nb);
    return str_new(buf, na + nm + nb);
}

/* CPython's compiler_set_qualname. */
static Value make_qualname(Compiler *c, UnitKind kind, Value name) {
    Unit *parent = c->u;
    /* CPython 3.12+ inlines list/set/dict comprehensions, so what is
     * defined inside one is named as if defined in the enclosing scope. */
    while (parent && parent->kind == UNIT_COMP && parent->ste->comp != COMP_GENEXP) parent = parent->parent;
    if (!parent || parent->kind == UNIT_MODULE) return name;
    if (kind == UNIT_FUNCTION || kind == UNIT_CLASS) {
        Value m = symtable_mangle(parent->private_name, name);
        if (!m) return VAL_NULL;
        if (symblock_scope(parent->ste, m) == SCOPE_GLOBAL_EXPLICIT) return name;
    }
    if (is_function_like(parent)) return concat3(parent->qualname, ".<locals>.", name);
    return concat3(parent->qualname, ".", name);
}

static Unit *enter_unit(Compiler *c, UnitKind kind, SymBlock *ste, Value name, int firstlineno) {
    Unit *u = gc_alloc(sizeof(Unit));
    if (!u) {
        err_no_memory();
        return NULL;
    }
    u->kind = kind;
    u->ste = ste;
    u->name = name;
    u->qualname = kind == UNIT_MODULE ? name : make_qualname(c, kind, name);
    if (!u->qualname) return NULL;
    u->private_name = ste->private_name;
    if (kind == UNIT_CLASS) u->private_name = name;
    u->firstlineno = firstlineno;
    u->lineno = firstlineno;
    u->parent = c->u;
    if (build_localsplus(u) < 0) return NULL;
    if (is_function_like(u)) u->flags |= CO_OPTIMIZED | CO_NEWLOCALS;
    if (ste->is_nested) u->flags |= CO_NESTED;
    if (ste->is_generator && is_function_like(u)) u->flags |= CO_GENERATOR;
    if (u->nfree == 0 && u->ncells_extra == 0) u->flags |= CO_NOFREE;
    c->u = u;
    if (emit_prologue(c) < 0) return NULL;
    return u;
}

static void leave_unit(Compiler *c) { c->u = c->u->parent; }

/* ---- name operations ---- */

typedef enum { OPK_FAST, OPK_DEREF, OPK_GLOBAL, OPK_NAME } OpKind;

static OpKind name_opkind(Unit *u, Value mangled) {
    SymScope scope = symblock_scope(u->ste, mangled);
    switch (scope) {
    case SCOPE_FREE:
    case SCOPE_CELL: return OPK_DEREF;
    case SCOPE_LOCAL: return is_function_like(u) ? OPK_FAST : OPK_NAME;
    case SCOPE_GLOBAL_IMPLICIT: return is_function_like(u) ? OPK_GLOBAL : OPK_NAME;
    case SCOPE_GLOBAL_EXPLICIT: return OPK_GLOBAL;
    default: return OPK_NAME;
    }
}

static int fast_slot(Compiler *c, Value mangled) {
    int slot = namemap_get(&c->u->fast_index, mangled);
    if (slot < 0) err_format(&Exc_SystemError, "compiler: no slot for '%s'", str_data(mangled));
    return slot;
}

int compile_nameop(Compiler *c, Value name, ExprCtx ctx) {
    Unit *u = c->u;
    if (ctx == CTX_LOAD && str_size(name) == 9 && memcmp(str_data(name), "__debug__", 9) == 0)
        return emit_const(c, VAL_TRUE);
    Value m = mangle_name(c, name);
    if (!m) return -1;
    OpKind kind = name_opkind(u, m);
    if (kind == OPK_FAST || kind == OPK_DEREF) {
        int slot = fast_slot(c, m);
        if (slot < 0) return -1;
        if (kind == OPK_FAST) {
            /* The assembler downgrades LOAD_FAST_CHECK to LOAD_FAST where
             * the local is provably bound. */
            int op = ctx == CTX_LOAD ? OP_LOAD_FAST_CHECK : ctx == CTX_STORE ? OP_STORE_FAST : OP_DELETE_FAST;
            return emit(c, op, slot);
        }
        if (ctx == CTX_LOAD && u->kind == UNIT_CLASS) {
            if (emit(c, OP_LOAD_LOCALS, 0) < 0) return -1;
            return emit(c, OP_LOAD_FROM_DICT_OR_DEREF, slot);
        }
        int op = ctx == CTX_LOAD ? OP_LOAD_DEREF : ctx == CTX_STORE ? OP_STORE_DEREF : OP_DELETE_DEREF;
        return emit(c, op, slot);
    }
    int idx = add_name_raw(c, m);
    if (idx < 0) return -1;
    if (kind == OPK_GLOBAL) {
        if (ctx == CTX_LOAD) return emit(c, OP_LOAD_GLOBAL, idx << 1);
        return emit(c, ctx == CTX_STORE ? OP_STORE_GLOBAL : OP_DELETE_GLOBAL, idx);
    }
    int op = ctx == CTX_LOAD ? OP_LOAD_NAME : ctx == CTX_STORE ? OP_STORE_NAME : OP_DELETE_NAME;
    return emit(c, op, idx);
}

int compile_load_global_for_call(Compiler *c, Value name) {
    if (str_size(name) == 9 && memcmp(str_data(name), "__debug__", 9) == 0) return 0;
    Value m = mangle_name(c, name);
    if (!m) return -1;
    if (name_opkind(c->u, m) != OPK_GLOBAL) return 0;
    int idx = add_name_raw(c, m);
    if (idx < 0) return -1;
    if (emit(c, OP_LOAD_GLOBAL, (idx << 1) | 1) < 0) return -1;
    return 1;
}

/* ---- bodies ---- */

int compile_body_stmts(Compiler *c, StmtList *body, int skip_first) {
    for (int i = skip_first; i < body->len; i++)
        if (compile_stmt(c, body->items[i]) < 0) return -1;
    return 0;
}

static int last_line(StmtList *body, int fallback) {
    if (body->len == 0) return fallback;
    return body->items[body->len - 1]->span.end_lineno;
}

/* Push a closure tuple (when the code has free variables), the code, and
 * MAKE_FUNCTION, then SET_FUNCTION_ATTRIBUTE for closure and the
 * attributes whose values the caller pushed before (flags 1/2). */
static int make_closure(Compiler *c, CodeObject *code, int flags) {
    if (code->nfree > 0) {
        Value *names = tuple_items(code->localsplusnames);
        for (uint32_t i = code->nlocalsplus - code->nfree; i < code->nlocalsplus; i++) {
            int slot = namemap_get(&c->u->fast_index, names[i]);
            if (slot < 0 || !(c->u->fast_kinds[slot] & (CO_FAST_CELL | CO_FAST_FREE))) {
                err_format(&Exc_SystemError, "compiler: no cell for free variable '%s'", str_data(names[i]));
                return -1;
            }
            if (emit(c, OP_LOAD_CLOSURE, slot) < 0) return -1;
        }
        if (emit(c, OP_BUILD_TUPLE, (int)code->nfree) < 0) return -1;
        flags |= 8;
    }
    if (emit_const(c, val_from_ptr(code)) < 0) return -1;
    if (emit(c, OP_MAKE_FUNCTION, 0) < 0) return -1;
    static const int order[] = {8, 4, 2, 1};
    for (int i = 0; i < 4; i++)
        if ((flags & order[i]) && emit(c, OP_SET_FUNCTION_ATTRIBUTE, order[i]) < 0) return -1;
    return 0;
}

/* Push the defaults tuple and the kw-defaults dict; returns the
 * SET_FUNCTION_ATTRIBUTE flags (1, 2) or -1. */
static int compile_defaults(Compiler *c, Arguments *args) {
    int flags = 0;
    if (args->defaults.len > 0) {
        for (int i = 0; i < args->defaults.len; i++)
            if (compile_expr(c, args->defaults.items[i]) < 0) return -1;
        if (emit(c, OP_BUILD_TUPLE, args->defaults.len) < 0) return -1;
        flags |= 1;
    }
    int nkw = 0;
    for (int i = 0; i < args->kwonlyargs.len; i++) {
        Expr *d = i < args->kw_defaults.len ? args->kw_defaults.items[i] : NULL;
        if (!d) continue;
        Value m = mangle_name(c, args->kwonlyargs.items[i]->name);
        if (!m || emit_const(c, m) < 0) return -1;
        if (compile_expr(c, d) < 0) return -1;
        nkw++;
    }
    if (nkw > 0) {
        if (emit(c, OP_BUILD_MAP, nkw) < 0) return -1;
        flags |= 2;
    }
    return flags;
}

static void set_arg_counts(Unit *u, Arguments *args) {
    u->posonlyargcount = args->posonlyargs.len;
    u->argcount = args->posonlyargs.len + args->args.len;
    u->kwonlyargcount = args->kwonlyargs.len;
    if (args->vararg) u->flags |= CO_VARARGS;
    if (args->kwarg) u->flags |= CO_VARKEYWORDS;
}

static int compile_decorators(Compiler *c, ExprList *decorators) {
    for (int i = 0; i < decorators->len; i++)
        if (compile_expr(c, decorators->items[i]) < 0) return -1;
    return 0;
}

/* [dec, obj] CALL 0 calls dec(obj): the object sits in the self_or_null
 * slot, which CALL prepends to the arguments. Innermost first. */
static int apply_decorators(Compiler *c, ExprList *decorators) {
    for (int i = decorators->len - 1; i >= 0; i--) {
        c->u->lineno = decorators->items[i]->span.lineno;
        if (emit(c, OP_CALL, 0) < 0) return -1;
    }
    return 0;
}

int compile_function_def(Compiler *c, Stmt *s) {
    if (s->u.funcdef.is_async)
        return syntax_error_at(c, &s->span, "krait does not support 'async def' yet");
    SymBlock *ste = symtable_block_for(c->st, s);
    if (!ste) {
        err_format(&Exc_SystemError, "compiler: no symbol table for function");
        return -1;
    }
    int line = s->span.lineno;
    if (compile_decorators(c, &s->u.funcdef.decorator_list) < 0) return -1;
    int firstlineno = s->u.funcdef.decorator_list.len ? s->u.funcdef.decorator_list.items[0]->span.lineno : line;
    c->u->lineno = line;
    int flags = compile_defaults(c, s->u.funcdef.args);
    if (flags < 0) return -1;

    Unit *u = enter_unit(c, UNIT_FUNCTION, ste, s->u.funcdef.name, firstlineno);
    if (!u) return -1;
    set_arg_counts(u, s->u.funcdef.args);
    int skip = 0;
    if (s->u.funcdef.docstring != VAL_NULL) {
        if (add_const(c, s->u.funcdef.docstring) < 0) return -1;
        u->flags |= CO_HAS_DOCSTRING;
        u->has_docstring = true;
        skip = 1;
    }
    if (compile_body_stmts(c, &s->u.funcdef.body, skip) < 0) return -1;
    u->lineno = last_line(&s->u.funcdef.body, line);
    if (emit_const(c, VAL_NONE) < 0) return -1;
    u->instrs[u->ninstrs - 1].op = OP_RETURN_CONST;
    CodeObject *code = assemble_unit(c, u);
    leave_unit(c);
    if (!code) return -1;

    c->u->lineno = line;
    if (make_closure(c, code, flags) < 0) return -1;
    if (apply_decorators(c, &s->u.funcdef.decorator_list) < 0) return -1;
    c->u->lineno = line;
    return compile_nameop(c, s->u.funcdef.name, CTX_STORE);
}

int compile_lambda(Compiler *c, Expr *e) {
    SymBlock *ste = symtable_block_for(c->st, e);
    if (!ste) {
        err_format(&Exc_SystemError, "compiler: no symbol table for lambda");
        return -1;
    }
    int flags = compile_defaults(c, e->u.lambda.args);
    if (flags < 0) return -1;
    Unit *u = enter_unit(c, UNIT_LAMBDA, ste, ste->name, e->span.lineno);
    if (!u) return -1;
    set_arg_counts(u, e->u.lambda.args);
    if (compile_expr(c, e->u.lambda.body) < 0) return -1;
    if (ste->is_generator) {
        if (emit(c, OP_POP_TOP, 0) < 0) return -1;
        if (emit_const(c, VAL_NONE) < 0) return -1;
        u->instrs[u->ninstrs - 1].op = OP_RETURN_CONST;
    } else if (emit(c, OP_RETURN_VALUE, 0) < 0) {
        return -1;
    }
    CodeObject *code = assemble_unit(c, u);
    leave_unit(c);
    if (!code) return -1;
    return make_closure(c, code, flags);
}

static int store_name_str(Compiler *c, const char *name) {
    Value n = str_intern_cstr(name);
    if (!n) return -1;
    int idx = add_name_raw(c, n);
    if (idx < 0) return -1;
    return emit(c, OP_STORE_NAME, idx);
}

int note_static_attribute(Compiler *c, Expr *target) {
    Expr *owner = target->u.attribute.value;
    if (owner->kind != E_NAME || str_size(owner->u.name.id) != 4 || memcmp(str_data(owner->u.name.id), "self", 4) != 0)
        return 0;
    for (Unit *u = c->u->parent; u; u = u->parent) {
        if (u->kind != UNIT_CLASS) continue;
        Value attr = target->u.attribute.attr;
        for (int i = 0; i < u->nstatic_attrs; i++)
            if (u->static_attrs[i] == attr) return 0;
        if (ensure((void **)&u->static_attrs, &u->capstatic_attrs, u->nstatic_attrs + 1, sizeof(Value)) < 0)
            return -1;
        u->static_attrs[u->nstatic_attrs++] = attr;
        return 0;
    }
    return 0;
}

static int compare_str_values(const void *a, const void *b) {
    Value x = *(const Value *)a, y = *(const Value *)b;
    size_t nx = str_size(x), ny = str_size(y);
    int r = memcmp(str_data(x), str_data(y), nx < ny ? nx : ny);
    if (r) return r;
    return nx < ny ? -1 : nx > ny;
}

/* LOAD_CONST (sorted names); STORE_NAME __static_attributes__ */
static int emit_static_attributes(Compiler *c) {
    Unit *u = c->u;
    Value t = tuple_new((size_t)u->nstatic_attrs);
    if (!t) return -1;
    for (int i = 0; i < u->nstatic_attrs; i++) tuple_items(t)[i] = u->static_attrs[i];
    if (u->nstatic_attrs > 1) qsort(tuple_items(t), (size_t)u->nstatic_attrs, sizeof(Value), compare_str_values);
    if (emit_const(c, t) < 0) return -1;
    return store_name_str(c, "__static_attributes__");
}

static int compile_class_body(Compiler *c, Stmt *s, SymBlock *ste, int firstlineno) {
    Unit *u = enter_unit(c, UNIT_CLASS, ste, s->u.classdef.name, firstlineno);
    if (!u) return -1;
    u->lineno = s->span.lineno;
    int idx = add_name_raw(c, name___name__);
    if (idx < 0 || emit(c, OP_LOAD_NAME, idx) < 0) return -1;
    if (store_name_str(c, "__module__") < 0) return -1;
    if (emit_const(c, u->qualname) < 0 || store_name_str(c, "__qualname__") < 0) return -1;
    if (emit_const(c, val_from_smallint(firstlineno)) < 0 || store_name_str(c, "__firstlineno__") < 0)
        return -1;
    int skip = 0;
    if (s->u.classdef.docstring != VAL_NULL) {
        if (emit_const(c, s->u.classdef.docstring) < 0 || store_name_str(c, "__doc__") < 0) return -1;
        skip = 1;
    }
    if (compile_body_stmts(c, &s->u.classdef.body, skip) < 0) return -1;
    u->lineno = last_line(&s->u.classdef.body, s->span.lineno);
    if (emit_static_attributes(c) < 0) return -1;
    if (ste->needs_class_closure) {
        int slot = namemap_get(&u->fast_index, name___class__);
        if (emit(c, OP_LOAD_CLOSURE, slot) < 0 || emit(c, OP_COPY, 1) < 0) return -1;
        if (store_name_str(c, "__classcell__") < 0 || emit(c, OP_RETURN_VALUE, 0) < 0) return -1;
    } else {
        if (emit_const(c, VAL_NONE) < 0) return -1;
        u->instrs[u->ninstrs - 1].op = OP_RETURN_CONST;
    }
    return 0;
}

int compile_class_def(Compiler *c, Stmt *s) {
    SymBlock *ste = symtable_block_for(c->st, s);
    if (!ste) {
        err_format(&Exc_SystemError, "compiler: no symbol table for class");
        return -1;
    }
    int line = s->span.lineno;
    if (compile_decorators(c, &s->u.classdef.decorator_list) < 0) return -1;
    int firstlineno = s->u.classdef.decorator_list.len ? s->u.classdef.decorator_list.items[0]->span.lineno : line;
    c->u->lineno = line;
    if (emit(c, OP_LOAD_BUILD_CLASS, 0) < 0 || emit(c, OP_PUSH_NULL, 0) < 0) return -1;
    if (compile_class_body(c, s, ste, firstlineno) < 0) return -1;
    CodeObject *code = assemble_unit(c, c->u);
    leave_unit(c);
    if (!code) return -1;
    c->u->lineno = line;
    if (make_closure(c, code, 0) < 0) return -1;
    if (emit_const(c, s->u.classdef.name) < 0) return -1;
    if (compile_call_helper(c, 2, &s->u.classdef.bases, &s->u.classdef.keywords) < 0) return -1;
    if (apply_decorators(c, &s->u.classdef.decorator_list) < 0) return -1;
    c->u->lineno = line;
    return compile_nameop(c, s->u.classdef.name, CTX_STORE);
}

/* ---- comprehensions ---- */

static int compile_comp_loop(Compiler *c, Expr *e, CompKind kind, int gen_index) {
    ComprehensionList *gens = &e->u.comp.generators;
    Comprehension *g = gens->items[gen_index];
    if (g->is_async) return syntax_error_at(c, &e->span, "krait does not support asynchronous comprehensions yet");
    int start = new_label(c), if_cleanup = new_label(c), anchor = new_label(c);
    if (start < 0 || if_cleanup < 0 || anchor < 0) return -1;
    if (gen_index == 0) {
        if (emit(c, OP_LOAD_FAST, 0) < 0) return -1; /* .0, the outermost iterator */
    } else {
        if (compile_iterable(c, g->iter) < 0 || emit(c, OP_GET_ITER, 0) < 0) return -1;
    }
    use_label(c, start);
    if (emit_jump(c, OP_FOR_ITER, anchor) < 0) return -1;
    if (compile_store_target(c, g->target) < 0) return -1;
    for (int i = 0; i < g->ifs.len; i++)
        if (compile_jump_if(c, g->ifs.items[i], if_cleanup, false) < 0) return -1;
    if (gen_index + 1 < gens->len) {
        if (compile_comp_loop(c, e, kind, gen_index + 1) < 0) return -1;
    } else {
        int depth = gens->len + 1;
        switch (kind) {
        case COMP_GENEXP:
            if (compile_expr(c, e->u.comp.elt) < 0) return -1;
            if (emit(c, OP_YIELD_VALUE, 0) < 0 || emit(c, OP_RESUME, 1) < 0) return -1;
            if (emit(c, OP_POP_TOP, 0) < 0) return -1;
            break;
        case COMP_LIST:
            if (compile_expr(c, e->u.comp.elt) < 0 || emit(c, OP_LIST_APPEND, depth) < 0) return -1;
            break;
        case COMP_SET:
            if (compile_expr(c, e->u.comp.elt) < 0 || emit(c, OP_SET_ADD, depth) < 0) return -1;
            break;
        case COMP_DICT:
            if (compile_expr(c, e->u.comp.key) < 0 || compile_expr(c, e->u.comp.value) < 0) return -1;
            if (emit(c, OP_MAP_ADD, depth) < 0) return -1;
            break;
        default: break;
        }
    }
    use_label(c, if_cleanup);
    if (emit_jump(c, PSEUDO_JUMP, start) < 0) return -1;
    use_label(c, anchor);
    return 0;
}

int compile_comprehension(Compiler *c, Expr *e) {
    SymBlock *ste = symtable_block_for(c->st, e);
    if (!ste) {
        err_format(&Exc_SystemError, "compiler: no symbol table for comprehension");
        return -1;
    }
    CompKind kind = ste->comp;
    Unit *u = enter_unit(c, UNIT_COMP, ste, ste->name, e->span.lineno);
    if (!u) return -1;
    u->argcount = 1;
    static const int build_op[] = {0, OP_BUILD_LIST, OP_BUILD_SET, OP_BUILD_MAP, 0};
    if (kind != COMP_GENEXP && emit(c, build_op[kind], 0) < 0) return -1;
    if (compile_comp_loop(c, e, kind, 0) < 0) return -1;
    if (kind == COMP_GENEXP) {
        if (emit_const(c, VAL_NONE) < 0) return -1;
        u->instrs[u->ninstrs - 1].op = OP_RETURN_CONST;
    } else if (emit(c, OP_RETURN_VALUE, 0) < 0) {
        return -1;
    }
    CodeObject *code = assemble_unit(c, u);
    leave_unit(c);
    if (!code) return -1;
    if (make_closure(c, code, 0) < 0) return -1;
    if (emit(c, OP_PUSH_NULL, 0) < 0) return -1;
    if (compile_iterable(c, e->u.comp.generators.items[0]->iter) < 0) return -1;
    if (emit(c, OP_GET_ITER, 0) < 0) return -1;
    return emit(c, OP_CALL, 1);
}

/* ---- entry ---- */

static int compile_module_body(Compiler *c, Module *mod) {
    if (c->mode == PARSE_EVAL) {
        if (mod->body.len != 1 || mod->body.items[0]->kind != S_EXPR) {
            err_format(&Exc_SystemError, "compiler: eval mode needs one expression");
            return -1;
        }
        c->u->lineno = mod->body.items[0]->span.lineno;
        if (compile_expr(c, mod->body.items[0]->u.expr.value) < 0) return -1;
        return emit(c, OP_RETURN_VALUE, 0);
    }
    int skip = 0;
    if (mod->docstring != VAL_NULL && c->mode == PARSE_FILE) {
        c->u->lineno = mod->body.len ? mod->body.items[0]->span.lineno : 1;
        if (emit_const(c, mod->docstring) < 0 || store_name_str(c, "__doc__") < 0) return -1;
        skip = 1;
    }
    if (compile_body_stmts(c, &mod->body, skip) < 0) return -1;
    c->u->lineno = last_line(&mod->body, 1);
    if (emit_const(c, VAL_NONE) < 0) return -1;
    c->u->instrs[c->u->ninstrs - 1].op = OP_RETURN_CONST;
    return 0;
}

Value compile_module(Module *mod, Value filename, ParseMode mode) {
    SymTable *st = symtable_build(mod, filename, mode);
    if (!st) return VAL_NULL;
    Compiler c;
    memset(&c, 0, sizeof c);
    c.st = st;
    c.filename = filename;
    c.mode = mode;
    Value name = str_intern_cstr("<module>");
    if (!name) return VAL_NULL;
    Unit *u = enter_unit(&c, UNIT_MODULE, st->top, name, 1);
    if (!u) return VAL_NULL;
    if (compile_module_body(&c, mod) < 0) return VAL_NULL;
    CodeObject *code = assemble_unit(&c, u);
    if (!code) return VAL_NULL;
    return val_from_ptr(code);
}
