/* compile_stmt.c — statements: control flow, exception handling, with,
 * imports, assignments. return/break/continue leave enclosing blocks by
 * emitting their exit code inline (finally bodies, __exit__ calls,
 * POP_EXCEPT, iterator pops), as CPython's fblock unwinding does.
 *
 * Exception handling protocol (no lasti): a handler is entered with the
 * stack cut to the depth recorded at its SETUP and the exception pushed.
 *   try body handler:     PUSH_EXC_INFO -> (prev exc), match, body,
 *                         POP_EXCEPT; no match: RERAISE.
 *   cleanup handler:      covers the handler region; entered as (prev exc2):
 *                         SWAP 2, POP_EXCEPT, RERAISE.
 */
#include "compiler.h"

#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../vm/error.h"

int compile_stmts(Compiler *c, StmtList *body) {
    for (int i = 0; i < body->len; i++)
        if (compile_stmt(c, body->items[i]) < 0) return -1;
    return 0;
}

static int emit_return_none(Compiler *c) {
    int idx = add_const(c, VAL_NONE);
    if (idx < 0) return -1;
    return emit(c, OP_RETURN_CONST, idx);
}

/* exit(None, None, None): exit is the callable, the first None fills the
 * self_or_null slot (CALL prepends it), two more make three arguments. */
static int emit_call_exit_with_nones(Compiler *c) {
    for (int i = 0; i < 3; i++)
        if (emit_const(c, VAL_NONE) < 0) return -1;
    return emit(c, OP_CALL, 2);
}

/* (prev exc) -> restore prev, raise exc. */
static int emit_pop_except_and_reraise(Compiler *c) {
    if (emit(c, OP_SWAP, 2) < 0 || emit(c, OP_POP_EXCEPT, 0) < 0) return -1;
    return emit(c, OP_RERAISE, 0);
}

/* ---- unwinding for return / break / continue ---- */

typedef struct UnwindState {
    int *hstack;
    int hstack_top;
    FBlock *fblocks;
    int nfblocks;
} UnwindState;

static int unwind_save(Compiler *c, UnwindState *st) {
    Unit *u = c->u;
    st->hstack_top = u->hstack_top;
    st->nfblocks = u->nfblocks;
    st->hstack = gc_alloc_atomic(sizeof(int) * (size_t)(u->hstack_top + 1));
    st->fblocks = gc_alloc(sizeof(FBlock) * (size_t)(u->nfblocks + 1));
    if (!st->hstack || !st->fblocks) {
        err_no_memory();
        return -1;
    }
    if (u->hstack_top) memcpy(st->hstack, u->hstack, sizeof(int) * (size_t)u->hstack_top);
    if (u->nfblocks) memcpy(st->fblocks, u->fblocks, sizeof(FBlock) * (size_t)u->nfblocks);
    return 0;
}

static void unwind_restore(Compiler *c, UnwindState *st) {
    Unit *u = c->u;
    if (st->hstack_top) memcpy(u->hstack, st->hstack, sizeof(int) * (size_t)st->hstack_top);
    if (st->nfblocks) memcpy(u->fblocks, st->fblocks, sizeof(FBlock) * (size_t)st->nfblocks);
    u->hstack_top = st->hstack_top;
    u->nfblocks = st->nfblocks;
}

static int emit_handler_name_cleanup(Compiler *c, Value name) {
    if (emit_const(c, VAL_NONE) < 0) return -1;
    if (compile_nameop(c, name, CTX_STORE) < 0) return -1;
    return compile_nameop(c, name, CTX_DEL);
}

/* Emit the exit code of one block; the caller has already cut the handler
 * and fblock stacks to what is active outside it. preserve_tos: a return
 * value sits on top of the stack and must stay there. */
static int unwind_fblock(Compiler *c, FBlock *fb, bool preserve_tos) {
    switch (fb->kind) {
    case FB_WHILE_LOOP:
    case FB_EXCEPTION_HANDLER:
    case FB_TRY_EXCEPT: return 0;
    case FB_FOR_LOOP:
        if (preserve_tos && emit(c, OP_SWAP, 2) < 0) return -1;
        return emit(c, OP_POP_TOP, 0);
    case FB_FINALLY_TRY: {
        /* A return/break inside this finally body must drop the value
         * that the outer return is carrying. */
        if (preserve_tos && push_fblock(c, FB_POP_VALUE, -1, -1) < 0) return -1;
        if (compile_stmts(c, fb->finalbody) < 0) return -1;
        if (preserve_tos) pop_fblock(c);
        return 0;
    }
    case FB_POP_VALUE:
        if (preserve_tos && emit(c, OP_SWAP, 2) < 0) return -1;
        return emit(c, OP_POP_TOP, 0);
    case FB_FINALLY_END:
        /* (prev exc [retval]) */
        if (preserve_tos && emit(c, OP_SWAP, 2) < 0) return -1;
        if (emit(c, OP_POP_TOP, 0) < 0) return -1;
        if (preserve_tos && emit(c, OP_SWAP, 2) < 0) return -1;
        return emit(c, OP_POP_EXCEPT, 0);
    case FB_WITH:
        if (preserve_tos && emit(c, OP_SWAP, 2) < 0) return -1;
        if (emit_call_exit_with_nones(c) < 0) return -1;
        return emit(c, OP_POP_TOP, 0);
    case FB_HANDLER_CLEANUP:
        if (preserve_tos && emit(c, OP_SWAP, 2) < 0) return -1;
        if (emit(c, OP_POP_EXCEPT, 0) < 0) return -1;
        if (fb->name != VAL_NULL) return emit_handler_name_cleanup(c, fb->name);
        return 0;
    }
    return 0;
}

/* Unwind blocks from the innermost outwards. With stop_at_loop, stop at
 * the innermost loop and return its index (or -1 if there is none). The
 * compiler state is left cut to the last block unwound; the caller emits
 * its final jump/return and then calls unwind_restore. */
static int unwind_fblocks(Compiler *c, UnwindState *st, bool preserve_tos, bool stop_at_loop, int *loop_out) {
    Unit *u = c->u;
    *loop_out = -1;
    for (int i = st->nfblocks - 1; i >= 0; i--) {
        FBlock fb = st->fblocks[i];
        if (stop_at_loop && (fb.kind == FB_WHILE_LOOP || fb.kind == FB_FOR_LOOP)) {
            *loop_out = i;
            return 0;
        }
        u->nfblocks = i;
        u->hstack_top = fb.handler_top;
        int saved_line = u->lineno;
        if (unwind_fblock(c, &fb, preserve_tos) < 0) return -1;
        u->lineno = saved_line;
    }
    return 0;
}

static bool in_function(Compiler *c) {
    return c->u->kind == UNIT_FUNCTION || c->u->kind == UNIT_LAMBDA || c->u->kind == UNIT_COMP;
}

static int compile_return(Compiler *c, Stmt *s) {
    if (!in_function(c)) return syntax_error_at(c, &s->span, "'return' outside function");
    Expr *value = s->u.return_.value;
    bool preserve = value != NULL;
    if (value && compile_expr(c, value) < 0) return -1;
    UnwindState st;
    if (unwind_save(c, &st) < 0) return -1;
    int loop;
    if (unwind_fblocks(c, &st, preserve, false, &loop) < 0) return -1;
    c->u->lineno = s->span.lineno;
    int r = preserve ? emit(c, OP_RETURN_VALUE, 0) : emit_return_none(c);
    unwind_restore(c, &st);
    return r;
}

static int compile_break_continue(Compiler *c, Stmt *s, bool is_break) {
    UnwindState st;
    if (unwind_save(c, &st) < 0) return -1;
    int loop;
    if (unwind_fblocks(c, &st, false, true, &loop) < 0) return -1;
    if (loop < 0) {
        unwind_restore(c, &st);
        return syntax_error_at(c, &s->span, is_break ? "'break' outside loop" : "'continue' not properly in loop");
    }
    FBlock fb = st.fblocks[loop];
    c->u->nfblocks = loop + 1;
    c->u->hstack_top = fb.handler_top;
    c->u->lineno = s->span.lineno;
    int r = 0;
    if (is_break) {
        r = unwind_fblock(c, &fb, false);
        if (r == 0) r = emit_jump(c, PSEUDO_JUMP, fb.exit_label);
    } else {
        r = emit_jump(c, PSEUDO_JUMP, fb.start_label);
    }
    unwind_restore(c, &st);
    return r;
}

/* ---- simple statements ---- */

static int compile_assign(Compiler *c, Stmt *s) {
    ExprList *targets = &s->u.assign.targets;
    if (compile_expr(c, s->u.assign.value) < 0) return -1;
    for (int i = 0; i < targets->len; i++) {
        if (i < targets->len - 1 && emit(c, OP_COPY, 1) < 0) return -1;
        if (compile_store_target(c, targets->items[i]) < 0) return -1;
    }
    return 0;
}

static int compile_augassign(Compiler *c, Stmt *s) {
    Expr *t = s->u.augassign.target;
    int op = s->u.augassign.op + NB_INPLACE_OFFSET;
    switch (t->kind) {
    case E_NAME:
        if (compile_nameop(c, t->u.name.id, CTX_LOAD) < 0) return -1;
        if (compile_expr(c, s->u.augassign.value) < 0 || emit(c, OP_BINARY_OP, op) < 0) return -1;
        return compile_nameop(c, t->u.name.id, CTX_STORE);
    case E_ATTRIBUTE: {
        int idx = add_name(c, t->u.attribute.attr);
        if (idx < 0 || compile_expr(c, t->u.attribute.value) < 0) return -1;
        if (emit(c, OP_COPY, 1) < 0 || emit(c, OP_LOAD_ATTR, idx << 1) < 0) return -1;
        if (compile_expr(c, s->u.augassign.value) < 0 || emit(c, OP_BINARY_OP, op) < 0) return -1;
        if (emit(c, OP_SWAP, 2) < 0) return -1;
        return emit(c, OP_STORE_ATTR, idx);
    }
    case E_SUBSCRIPT: {
        bool two;
        if (compile_expr(c, t->u.subscript.value) < 0) return -1;
        if (compile_subscript_parts(c, t->u.subscript.slice, &two) < 0) return -1;
        int n = two ? 3 : 2; /* container + key, or container + start + stop */
        for (int i = 0; i < n; i++)
            if (emit(c, OP_COPY, n) < 0) return -1;
        if (emit(c, two ? OP_BINARY_SLICE : OP_BINARY_SUBSCR, 0) < 0) return -1;
        if (compile_expr(c, s->u.augassign.value) < 0 || emit(c, OP_BINARY_OP, op) < 0) return -1;
        /* (container key... result) -> (result container key...) */
        for (int i = n + 1; i >= 2; i--)
            if (emit(c, OP_SWAP, i) < 0) return -1;
        return emit(c, two ? OP_STORE_SLICE : OP_STORE_SUBSCR, 0);
    }
    default: return syntax_error_at(c, &t->span, "'expression' is an illegal expression for augmented assignment");
    }
}

static int compile_annassign(Compiler *c, Stmt *s) {
    Expr *t = s->u.annassign.target;
    if (s->u.annassign.value) {
        if (compile_expr(c, s->u.annassign.value) < 0) return -1;
        return compile_store_target(c, t);
    }
    /* No value: annotations are never evaluated, but the target's parts
     * are (as CPython does for `a.b: int` and `a[i]: int`). */
    if (t->kind == E_ATTRIBUTE) {
        if (compile_expr(c, t->u.attribute.value) < 0) return -1;
        return emit(c, OP_POP_TOP, 0);
    }
    if (t->kind == E_SUBSCRIPT) {
        if (compile_expr(c, t->u.subscript.value) < 0 || emit(c, OP_POP_TOP, 0) < 0) return -1;
        if (compile_expr(c, t->u.subscript.slice) < 0) return -1;
        return emit(c, OP_POP_TOP, 0);
    }
    return 0;
}

static int compile_assert(Compiler *c, Stmt *s) {
    int end = new_label(c);
    if (end < 0) return -1;
    if (compile_jump_if(c, s->u.assert_.test, end, true) < 0) return -1;
    if (emit(c, OP_LOAD_ASSERTION_ERROR, 0) < 0) return -1;
    if (s->u.assert_.msg) {
        if (compile_expr(c, s->u.assert_.msg) < 0 || emit(c, OP_CALL, 0) < 0) return -1;
    }
    if (emit(c, OP_RAISE_VARARGS, 1) < 0) return -1;
    use_label(c, end);
    return 0;
}

static int compile_raise(Compiler *c, Stmt *s) {
    int n = 0;
    if (s->u.raise.exc) {
        if (compile_expr(c, s->u.raise.exc) < 0) return -1;
        n = 1;
        if (s->u.raise.cause) {
            if (compile_expr(c, s->u.raise.cause) < 0) return -1;
            n = 2;
        }
    }
    return emit(c, OP_RAISE_VARARGS, n);
}

static int compile_expr_stmt(Compiler *c, Stmt *s) {
    Expr *e = s->u.expr.value;
    if (c->mode == PARSE_SINGLE && c->u->kind == UNIT_MODULE) {
        if (compile_expr(c, e) < 0) return -1;
        if (emit(c, OP_CALL_INTRINSIC_1, INTRINSIC_PRINT) < 0) return -1;
        return emit(c, OP_POP_TOP, 0);
    }
    if (e->kind == E_CONSTANT) return 0; /* no effect (docstring-like) */
    if (compile_expr(c, e) < 0) return -1;
    return emit(c, OP_POP_TOP, 0);
}

/* ---- imports ---- */

static Value substring(const char *s, size_t n) {
    Value v = str_new(s, n);
    return v ? str_intern(v) : VAL_NULL;
}

static int emit_import_name(Compiler *c, Value name, int level, Value fromlist) {
    if (emit_const(c, val_from_smallint(level)) < 0) return -1;
    if (emit_const(c, fromlist) < 0) return -1;
    int idx = add_name_raw(c, name);
    if (idx < 0) return -1;
    return emit(c, OP_IMPORT_NAME, idx);
}

static int compile_import(Compiler *c, Stmt *s) {
    AliasList *names = &s->u.import.names;
    for (int i = 0; i < names->len; i++) {
        Alias *a = names->items[i];
        c->u->lineno = a->span.lineno ? a->span.lineno : s->span.lineno;
        if (emit_import_name(c, a->name, 0, VAL_NONE) < 0) return -1;
        const char *full = str_data(a->name);
        const char *dot = strchr(full, '.');
        if (a->asname == VAL_NULL) {
            /* `import a.b.c` binds the top-level package a. */
            Value top = dot ? substring(full, (size_t)(dot - full)) : a->name;
            if (!top || compile_nameop(c, top, CTX_STORE) < 0) return -1;
            continue;
        }
        if (!dot) {
            if (compile_nameop(c, a->asname, CTX_STORE) < 0) return -1;
            continue;
        }
        /* `import a.b.c as d`: walk down with IMPORT_FROM. */
        const char *p = dot + 1;
        for (;;) {
            const char *next = strchr(p, '.');
            size_t len = next ? (size_t)(next - p) : strlen(p);
            Value attr = substring(p, len);
            int idx;
            if (!attr || (idx = add_name_raw(c, attr)) < 0) return -1;
            if (emit(c, OP_IMPORT_FROM, idx) < 0) return -1;
            if (!next) break;
            if (emit(c, OP_SWAP, 2) < 0 || emit(c, OP_POP_TOP, 0) < 0) return -1;
            p = next + 1;
        }
        if (compile_nameop(c, a->asname, CTX_STORE) < 0) return -1;
        if (emit(c, OP_POP_TOP, 0) < 0) return -1;
    }
    return 0;
}

static int compile_importfrom(Compiler *c, Stmt *s) {
    AliasList *names = &s->u.importfrom.names;
    Value fromlist = tuple_new((size_t)names->len);
    if (!fromlist) return -1;
    for (int i = 0; i < names->len; i++) tuple_items(fromlist)[i] = names->items[i]->name;
    Value module = s->u.importfrom.module;
    if (module == VAL_NULL && !(module = str_intern_cstr(""))) return -1;
    if (emit_import_name(c, module, s->u.importfrom.level, fromlist) < 0) return -1;
    for (int i = 0; i < names->len; i++) {
        Alias *a = names->items[i];
        if (strcmp(str_data(a->name), "*") == 0) {
            if (emit(c, OP_CALL_INTRINSIC_1, INTRINSIC_IMPORT_STAR) < 0) return -1;
            return emit(c, OP_POP_TOP, 0);
        }
        int idx = add_name_raw(c, a->name);
        if (idx < 0 || emit(c, OP_IMPORT_FROM, idx) < 0) return -1;
        if (compile_nameop(c, a->asname != VAL_NULL ? a->asname : a->name, CTX_STORE) < 0) return -1;
    }
    return emit(c, OP_POP_TOP, 0);
}

/* ---- control flow ---- */

static int compile_if(Compiler *c, Stmt *s) {
    int end = new_label(c);
    int orelse = s->u.if_.orelse.len ? new_label(c) : end;
    if (end < 0 || orelse < 0) return -1;
    if (compile_jump_if(c, s->u.if_.test, orelse, false) < 0) return -1;
    if (compile_stmts(c, &s->u.if_.body) < 0) return -1;
    if (s->u.if_.orelse.len) {
        if (emit_jump(c, PSEUDO_JUMP, end) < 0) return -1;
        use_label(c, orelse);
        if (compile_stmts(c, &s->u.if_.orelse) < 0) return -1;
    }
    use_label(c, end);
    return 0;
}

static int compile_while(Compiler *c, Stmt *s) {
    int loop = new_label(c), anchor = new_label(c), end = new_label(c);
    if (loop < 0 || anchor < 0 || end < 0) return -1;
    use_label(c, loop);
    if (compile_jump_if(c, s->u.while_.test, anchor, false) < 0) return -1;
    if (push_fblock(c, FB_WHILE_LOOP, loop, end) < 0) return -1;
    if (compile_stmts(c, &s->u.while_.body) < 0) return -1;
    pop_fblock(c);
    c->u->lineno = s->span.lineno;
    if (emit_jump(c, PSEUDO_JUMP, loop) < 0) return -1;
    use_label(c, anchor);
    if (compile_stmts(c, &s->u.while_.orelse) < 0) return -1;
    use_label(c, end);
    return 0;
}

static int compile_for(Compiler *c, Stmt *s) {
    if (s->u.for_.is_async) return syntax_error_at(c, &s->span, "krait does not support 'async for' yet");
    int start = new_label(c), cleanup = new_label(c), end = new_label(c);
    if (start < 0 || cleanup < 0 || end < 0) return -1;
    if (compile_iterable(c, s->u.for_.iter) < 0 || emit(c, OP_GET_ITER, 0) < 0) return -1;
    use_label(c, start);
    c->u->lineno = s->span.lineno;
    if (emit_jump(c, OP_FOR_ITER, cleanup) < 0) return -1;
    if (push_fblock(c, FB_FOR_LOOP, start, end) < 0) return -1;
    if (compile_store_target(c, s->u.for_.target) < 0) return -1;
    if (compile_stmts(c, &s->u.for_.body) < 0) return -1;
    pop_fblock(c);
    c->u->lineno = s->span.lineno;
    if (emit_jump(c, PSEUDO_JUMP, start) < 0) return -1;
    use_label(c, cleanup); /* FOR_ITER popped the iterator */
    if (compile_stmts(c, &s->u.for_.orelse) < 0) return -1;
    use_label(c, end);
    return 0;
}

/* ---- try ---- */

/* One `except [T [as n]]:` clause. Stack on entry: (prev exc). */
static int compile_except_clause(Compiler *c, ExceptHandler *h, int next, int end, int outer_top) {
    c->u->lineno = h->span.lineno;
    if (h->type) {
        if (compile_expr(c, h->type) < 0) return -1;
        if (emit(c, OP_CHECK_EXC_MATCH, 0) < 0) return -1;
        if (emit_jump(c, OP_POP_JUMP_IF_FALSE, next) < 0) return -1;
    }
    if (h->name == VAL_NULL) {
        if (emit(c, OP_POP_TOP, 0) < 0) return -1;
        if (push_fblock(c, FB_HANDLER_CLEANUP, -1, -1) < 0) return -1;
        c->u->fblocks[c->u->nfblocks - 1].handler_top = outer_top;
        if (compile_stmts(c, &h->body) < 0) return -1;
        pop_fblock(c);
        int saved_top = c->u->hstack_top;
        c->u->hstack_top = outer_top;
        if (emit(c, OP_POP_EXCEPT, 0) < 0) return -1;
        if (emit_jump(c, PSEUDO_JUMP, end) < 0) return -1;
        c->u->hstack_top = saved_top;
        return 0;
    }
    /* except T as n: n is cleared (n = None; del n) on every exit. */
    if (compile_nameop(c, h->name, CTX_STORE) < 0) return -1;
    int cleanup_end = new_label(c);
    if (cleanup_end < 0) return -1;
    if (push_handler(c, cleanup_end, 0) < 0) return -1;
    if (push_fblock(c, FB_HANDLER_CLEANUP, -1, -1) < 0) return -1;
    c->u->fblocks[c->u->nfblocks - 1].handler_top = outer_top;
    c->u->fblocks[c->u->nfblocks - 1].name = h->name;
    if (compile_stmts(c, &h->body) < 0) return -1;
    pop_fblock(c);
    pop_handler(c);
    int saved_top = c->u->hstack_top;
    c->u->hstack_top = outer_top;
    c->u->lineno = h->span.lineno;
    if (emit(c, OP_POP_EXCEPT, 0) < 0) return -1;
    if (emit_handler_name_cleanup(c, h->name) < 0) return -1;
    if (emit_jump(c, PSEUDO_JUMP, end) < 0) return -1;
    c->u->hstack_top = saved_top;
    /* Exception inside the body: (prev exc2), still covered by the region's
     * cleanup handler, which restores prev. */
    use_label(c, cleanup_end);
    if (emit_handler_name_cleanup(c, h->name) < 0) return -1;
    return emit(c, OP_RERAISE, 0);
}

static int compile_try_except(Compiler *c, Stmt *s) {
    int except = new_label(c), end = new_label(c), cleanup = new_label(c);
    if (except < 0 || end < 0 || cleanup < 0) return -1;
    int outer_top = c->u->hstack_top;
    if (push_fblock(c, FB_TRY_EXCEPT, -1, -1) < 0) return -1;
    if (push_handler(c, except, 0) < 0) return -1;
    if (compile_stmts(c, &s->u.try_.body) < 0) return -1;
    pop_handler(c);
    pop_fblock(c);
    if (compile_stmts(c, &s->u.try_.orelse) < 0) return -1;
    if (emit_jump(c, PSEUDO_JUMP, end) < 0) return -1;

    /* Handler: (exc). The cleanup entry's depth is this depth: prev below. */
    use_label(c, except);
    c->u->lineno = s->u.try_.handlers.items[0]->span.lineno;
    if (emit(c, OP_PUSH_EXC_INFO, 0) < 0) return -1;
    if (push_handler(c, cleanup, 1) < 0) return -1; /* entered as (prev exc2) */
    if (push_fblock(c, FB_EXCEPTION_HANDLER, -1, -1) < 0) return -1;
    c->u->fblocks[c->u->nfblocks - 1].handler_top = outer_top;
    HandlerList *hl = &s->u.try_.handlers;
    for (int i = 0; i < hl->len; i++) {
        ExceptHandler *h = hl->items[i];
        if (!h->type && i < hl->len - 1)
            return syntax_error_at(c, &h->span, "default 'except:' must be last");
        int next = new_label(c);
        if (next < 0) return -1;
        if (compile_except_clause(c, h, next, end, outer_top) < 0) return -1;
        use_label(c, next);
    }
    pop_fblock(c);
    if (emit(c, OP_RERAISE, 0) < 0) return -1; /* no clause matched */
    pop_handler(c);
    use_label(c, cleanup);
    int saved_top = c->u->hstack_top;
    c->u->hstack_top = outer_top;
    if (emit_pop_except_and_reraise(c) < 0) return -1;
    c->u->hstack_top = saved_top;
    use_label(c, end);
    return 0;
}

static int compile_try_finally(Compiler *c, Stmt *s) {
    int final = new_label(c), exit = new_label(c), cleanup = new_label(c);
    if (final < 0 || exit < 0 || cleanup < 0) return -1;
    int outer_top = c->u->hstack_top;
    if (push_fblock(c, FB_FINALLY_TRY, -1, -1) < 0) return -1;
    c->u->fblocks[c->u->nfblocks - 1].finalbody = &s->u.try_.finalbody;
    if (push_handler(c, final, 0) < 0) return -1;
    int r = s->u.try_.handlers.len ? compile_try_except(c, s) : compile_stmts(c, &s->u.try_.body);
    if (r < 0) return -1;
    pop_handler(c);
    pop_fblock(c);
    /* Normal exit: the finally body inline. */
    if (compile_stmts(c, &s->u.try_.finalbody) < 0) return -1;
    if (emit_jump(c, PSEUDO_JUMP, exit) < 0) return -1;

    /* Exceptional exit: (exc). */
    use_label(c, final);
    if (emit(c, OP_PUSH_EXC_INFO, 0) < 0) return -1;
    if (push_handler(c, cleanup, 1) < 0) return -1; /* entered as (prev exc2) */
    if (push_fblock(c, FB_FINALLY_END, -1, -1) < 0) return -1;
    c->u->fblocks[c->u->nfblocks - 1].handler_top = outer_top;
    if (compile_stmts(c, &s->u.try_.finalbody) < 0) return -1;
    pop_fblock(c);
    if (emit(c, OP_RERAISE, 0) < 0) return -1;
    pop_handler(c);
    use_label(c, cleanup);
    if (emit_pop_except_and_reraise(c) < 0) return -1;
    use_label(c, exit);
    return 0;
}

static int compile_try(Compiler *c, Stmt *s) {
    if (s->u.try_.finalbody.len) return compile_try_finally(c, s);
    /* try/except without finally: the else clause belongs to it. */
    return compile_try_except(c, s);
}

/* ---- with ---- */

static int compile_with_item(Compiler *c, Stmt *s, int index) {
    WithItem *item = s->u.with.items.items[index];
    int final = new_label(c), exit = new_label(c), cleanup = new_label(c), suppress = new_label(c);
    if (final < 0 || exit < 0 || cleanup < 0 || suppress < 0) return -1;
    if (compile_expr(c, item->context_expr) < 0) return -1;
    c->u->lineno = s->span.lineno;
    if (emit(c, OP_BEFORE_WITH, 0) < 0) return -1;
    /* (exit res): the handler keeps exit on the stack, hence adjust 1. */
    if (push_fblock(c, FB_WITH, -1, -1) < 0) return -1;
    if (push_handler(c, final, 1) < 0) return -1;
    if (item->optional_vars) {
        if (compile_store_target(c, item->optional_vars) < 0) return -1;
    } else if (emit(c, OP_POP_TOP, 0) < 0) {
        return -1;
    }
    int r = index + 1 < s->u.with.items.len ? compile_with_item(c, s, index + 1) : compile_stmts(c, &s->u.with.body);
    if (r < 0) return -1;
    pop_handler(c);
    pop_fblock(c);
    c->u->lineno = s->span.lineno;
    if (emit_call_exit_with_nones(c) < 0 || emit(c, OP_POP_TOP, 0) < 0) return -1;
    if (emit_jump(c, PSEUDO_JUMP, exit) < 0) return -1;

    /* Exceptional exit: (exit exc). */
    use_label(c, final);
    if (emit(c, OP_PUSH_EXC_INFO, 0) < 0) return -1;
    if (push_handler(c, cleanup, 1) < 0) return -1; /* entered as (prev exc2) */          /* exit prev exc */
    if (emit(c, OP_WITH_EXCEPT_START, 0) < 0) return -1;      /* exit prev exc res */
    if (emit(c, OP_TO_BOOL, 0) < 0) return -1;
    if (emit_jump(c, OP_POP_JUMP_IF_TRUE, suppress) < 0) return -1;
    if (emit(c, OP_RERAISE, 0) < 0) return -1;
    use_label(c, suppress);
    if (emit(c, OP_POP_TOP, 0) < 0) return -1;                /* exit prev */
    pop_handler(c);
    if (emit(c, OP_POP_EXCEPT, 0) < 0 || emit(c, OP_POP_TOP, 0) < 0) return -1;
    if (emit_jump(c, PSEUDO_JUMP, exit) < 0) return -1;
    use_label(c, cleanup);
    if (emit_pop_except_and_reraise(c) < 0) return -1;
    use_label(c, exit);
    return 0;
}

static int compile_with(Compiler *c, Stmt *s) {
    if (s->u.with.is_async) return syntax_error_at(c, &s->span, "krait does not support 'async with' yet");
    return compile_with_item(c, s, 0);
}

/* ---- dispatch ---- */

static int compile_stmt_inner(Compiler *c, Stmt *s) {
    switch (s->kind) {
    case S_FUNCTIONDEF: return compile_function_def(c, s);
    case S_CLASSDEF: return compile_class_def(c, s);
    case S_RETURN: return compile_return(c, s);
    case S_DELETE:
        for (int i = 0; i < s->u.delete_.targets.len; i++)
            if (compile_delete_target(c, s->u.delete_.targets.items[i]) < 0) return -1;
        return 0;
    case S_ASSIGN: return compile_assign(c, s);
    case S_AUGASSIGN: return compile_augassign(c, s);
    case S_ANNASSIGN: return compile_annassign(c, s);
    case S_FOR: return compile_for(c, s);
    case S_WHILE: return compile_while(c, s);
    case S_IF: return compile_if(c, s);
    case S_WITH: return compile_with(c, s);
    case S_RAISE: return compile_raise(c, s);
    case S_TRY: return compile_try(c, s);
    case S_ASSERT: return compile_assert(c, s);
    case S_IMPORT: return compile_import(c, s);
    case S_IMPORTFROM: return compile_importfrom(c, s);
    case S_GLOBAL:
    case S_NONLOCAL:
    case S_PASS: return 0;
    case S_EXPR: return compile_expr_stmt(c, s);
    case S_BREAK: return compile_break_continue(c, s, true);
    case S_CONTINUE: return compile_break_continue(c, s, false);
    }
    return 0;
}

int compile_stmt(Compiler *c, Stmt *s) {
    if (enter_recursion(c) < 0) return -1;
    c->u->lineno = s->span.lineno;
    int r = compile_stmt_inner(c, s);
    leave_recursion(c);
    return r;
}
