/* compile_expr.c — expressions, conditions, calls, assignment targets. */
#include "compiler.h"

#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../vm/error.h"

static int compile_exprs(Compiler *c, ExprList *l) {
    for (int i = 0; i < l->len; i++)
        if (compile_expr(c, l->items[i]) < 0) return -1;
    return 0;
}

bool expr_is_const(Expr *e, Value *out) {
    if (e->kind != E_CONSTANT) return false;
    if (out) *out = e->u.constant.value;
    return true;
}

static bool has_starred(ExprList *l) {
    for (int i = 0; i < l->len; i++)
        if (l->items[i]->kind == E_STARRED) return true;
    return false;
}

/* ---- displays ---- */

/* Displays longer than this are built incrementally (as CPython does) so
 * that a big literal does not need a deep value stack. */
#define BIG_DISPLAY 30

static bool fold_negative(Expr *operand, Value *out);

/* A display item known at compile time: a literal, or a negated number
 * literal (CPython's AST optimizer folds those before code generation). */
static bool display_const(Expr *e, Value *out) {
    if (e->kind == E_UNARYOP && e->u.unaryop.op == UNARY_MINUS)
        return fold_negative(e->u.unaryop.operand, out);
    return expr_is_const(e, out);
}

static bool all_constants(ExprList *elts) {
    Value v;
    for (int i = 0; i < elts->len; i++)
        if (!display_const(elts->items[i], &v)) return false;
    return true;
}

static Value constant_tuple(ExprList *elts) {
    Value t = tuple_new((size_t)elts->len);
    if (!t) return VAL_NULL;
    for (int i = 0; i < elts->len; i++) display_const(elts->items[i], &tuple_items(t)[i]);
    return t;
}

/* list/set display without starred items. */
static int compile_plain_display(Compiler *c, ExprList *elts, int build, int append, int extend) {
    if (build == OP_BUILD_LIST && elts->len >= 3 && all_constants(elts)) {
        /* [1, 2, 3]: extend an empty list by a constant tuple. */
        Value t = constant_tuple(elts);
        if (!t || emit(c, OP_BUILD_LIST, 0) < 0 || emit_const(c, t) < 0) return -1;
        return emit(c, extend, 1);
    }
    if (build == OP_BUILD_SET && elts->len >= 3 && all_constants(elts)) {
        /* {1, 2, 3}: update an empty set from a frozenset constant, as
         * CPython does. CPython's frozenset constant is rebuilt from its own
         * iteration order (by marshal), and that order decides the order of
         * the resulting set, so the constant is made the same way. */
        Value t = constant_tuple(elts);
        Value fs = t ? obj_call1(val_from_ptr(&FrozenSet_Type), t) : VAL_NULL;
        Value order = fs ? tuple_from_iterable(fs) : VAL_NULL;
        Value cst = order ? obj_call1(val_from_ptr(&FrozenSet_Type), order) : VAL_NULL;
        if (!cst || emit(c, OP_BUILD_SET, 0) < 0 || emit_const(c, cst) < 0) return -1;
        return emit(c, extend, 1);
    }
    if (elts->len > BIG_DISPLAY) {
        if (emit(c, build, 0) < 0) return -1;
        for (int i = 0; i < elts->len; i++)
            if (compile_expr(c, elts->items[i]) < 0 || emit(c, append, 1) < 0) return -1;
        return 0;
    }
    if (compile_exprs(c, elts) < 0) return -1;
    return emit(c, build, elts->len);
}

/* List/tuple/set with starred items: BUILD_x of the leading plain items,
 * then x_EXTEND/x_UPDATE for each starred and x_APPEND/x_ADD for others. */
static int compile_starred_display(Compiler *c, ExprList *elts, int build, int append, int extend) {
    int lead = 0;
    while (lead < elts->len && elts->items[lead]->kind != E_STARRED) {
        if (compile_expr(c, elts->items[lead]) < 0) return -1;
        lead++;
    }
    if (emit(c, build, lead) < 0) return -1;
    for (int i = lead; i < elts->len; i++) {
        Expr *x = elts->items[i];
        if (x->kind == E_STARRED) {
            if (compile_expr(c, x->u.starred.value) < 0 || emit(c, extend, 1) < 0) return -1;
        } else if (compile_expr(c, x) < 0 || emit(c, append, 1) < 0) {
            return -1;
        }
    }
    return 0;
}

static int compile_tuple(Compiler *c, Expr *e) {
    ExprList *elts = &e->u.list.elts;
    if (has_starred(elts)) {
        if (compile_starred_display(c, elts, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND) < 0) return -1;
        return emit(c, OP_CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE);
    }
    /* A tuple of constants is itself a constant. */
    if (elts->len > 0 && all_constants(elts)) {
        Value t = constant_tuple(elts);
        return t ? emit_const(c, t) : -1;
    }
    if (elts->len > BIG_DISPLAY) {
        if (compile_plain_display(c, elts, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND) < 0) return -1;
        return emit(c, OP_CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE);
    }
    if (compile_exprs(c, elts) < 0) return -1;
    return emit(c, OP_BUILD_TUPLE, elts->len);
}

static int compile_dict(Compiler *c, Expr *e) {
    ExprList *keys = &e->u.dict.keys, *values = &e->u.dict.values;
    bool has_unpack = false;
    for (int i = 0; i < keys->len; i++)
        if (!keys->items[i]) has_unpack = true;
    if (!has_unpack && keys->len <= BIG_DISPLAY / 2) {
        for (int i = 0; i < keys->len; i++)
            if (compile_expr(c, keys->items[i]) < 0 || compile_expr(c, values->items[i]) < 0) return -1;
        return emit(c, OP_BUILD_MAP, keys->len);
    }
    if (!has_unpack) {
        /* Big literal: add pair by pair to keep the stack shallow. */
        if (emit(c, OP_BUILD_MAP, 0) < 0) return -1;
        for (int i = 0; i < keys->len; i++) {
            if (compile_expr(c, keys->items[i]) < 0 || compile_expr(c, values->items[i]) < 0) return -1;
            if (emit(c, OP_MAP_ADD, 1) < 0) return -1;
        }
        return 0;
    }
    if (emit(c, OP_BUILD_MAP, 0) < 0) return -1;
    int i = 0;
    while (i < keys->len) {
        if (!keys->items[i]) {
            if (compile_expr(c, values->items[i]) < 0 || emit(c, OP_DICT_UPDATE, 1) < 0) return -1;
            i++;
            continue;
        }
        int n = 0;
        while (i < keys->len && keys->items[i]) {
            if (compile_expr(c, keys->items[i]) < 0 || compile_expr(c, values->items[i]) < 0) return -1;
            i++;
            n++;
        }
        if (emit(c, OP_BUILD_MAP, n) < 0 || emit(c, OP_DICT_UPDATE, 1) < 0) return -1;
    }
    return 0;
}

/* ---- operators ---- */

static int cmp_oparg(CmpOpKind op, int *opcode) {
    switch (op) {
    case CMPOP_EQ: *opcode = OP_COMPARE_OP; return CMP_EQ;
    case CMPOP_NOTEQ: *opcode = OP_COMPARE_OP; return CMP_NE;
    case CMPOP_LT: *opcode = OP_COMPARE_OP; return CMP_LT;
    case CMPOP_LTE: *opcode = OP_COMPARE_OP; return CMP_LE;
    case CMPOP_GT: *opcode = OP_COMPARE_OP; return CMP_GT;
    case CMPOP_GTE: *opcode = OP_COMPARE_OP; return CMP_GE;
    case CMPOP_IS: *opcode = OP_IS_OP; return 0;
    case CMPOP_ISNOT: *opcode = OP_IS_OP; return 1;
    case CMPOP_IN: *opcode = OP_CONTAINS_OP; return 0;
    case CMPOP_NOTIN: *opcode = OP_CONTAINS_OP; return 1;
    }
    *opcode = OP_COMPARE_OP;
    return CMP_EQ;
}

/* `x in [1, 2]` and `for x in [1, 2]` never expose the list: CPython's
 * optimizer makes it a constant tuple, and so do we. */
int compile_iterable(Compiler *c, Expr *e) {
    if (e->kind == E_LIST && e->u.list.elts.len > 0 && all_constants(&e->u.list.elts)) {
        Value t = constant_tuple(&e->u.list.elts);
        return t ? emit_const(c, t) : -1;
    }
    return compile_expr(c, e);
}

static int compile_comparator(Compiler *c, CmpOpKind op, Expr *e) {
    if (op == CMPOP_IN || op == CMPOP_NOTIN) return compile_iterable(c, e);
    return compile_expr(c, e);
}

static int emit_compare(Compiler *c, CmpOpKind op) {
    int opcode;
    int arg = cmp_oparg(op, &opcode);
    return emit(c, opcode, arg);
}

/* a < b < c: each operand evaluated once; stops at the first false. */
static int compile_compare(Compiler *c, Expr *e) {
    int n = e->u.compare.n;
    if (compile_expr(c, e->u.compare.left) < 0) return -1;
    if (n == 1) {
        if (compile_comparator(c, e->u.compare.ops[0], e->u.compare.comparators.items[0]) < 0) return -1;
        return emit_compare(c, e->u.compare.ops[0]);
    }
    int cleanup = new_label(c), end = new_label(c);
    if (cleanup < 0 || end < 0) return -1;
    for (int i = 0; i < n - 1; i++) {
        if (compile_comparator(c, e->u.compare.ops[i], e->u.compare.comparators.items[i]) < 0) return -1;
        if (emit(c, OP_SWAP, 2) < 0 || emit(c, OP_COPY, 2) < 0) return -1;
        if (emit_compare(c, e->u.compare.ops[i]) < 0) return -1;
        if (emit(c, OP_COPY, 1) < 0 || emit_jump(c, OP_POP_JUMP_IF_FALSE, cleanup) < 0) return -1;
        if (emit(c, OP_POP_TOP, 0) < 0) return -1;
    }
    if (compile_comparator(c, e->u.compare.ops[n - 1], e->u.compare.comparators.items[n - 1]) < 0) return -1;
    if (emit_compare(c, e->u.compare.ops[n - 1]) < 0) return -1;
    if (emit_jump(c, PSEUDO_JUMP, end) < 0) return -1;
    use_label(c, cleanup);
    if (emit(c, OP_SWAP, 2) < 0 || emit(c, OP_POP_TOP, 0) < 0) return -1;
    use_label(c, end);
    return 0;
}

static int compile_boolop(Compiler *c, Expr *e) {
    int end = new_label(c);
    if (end < 0) return -1;
    int jump = e->u.boolop.op == BOOL_AND ? OP_POP_JUMP_IF_FALSE : OP_POP_JUMP_IF_TRUE;
    ExprList *vals = &e->u.boolop.values;
    for (int i = 0; i < vals->len - 1; i++) {
        if (compile_expr(c, vals->items[i]) < 0) return -1;
        if (emit(c, OP_COPY, 1) < 0 || emit_jump(c, jump, end) < 0) return -1;
        if (emit(c, OP_POP_TOP, 0) < 0) return -1;
    }
    if (compile_expr(c, vals->items[vals->len - 1]) < 0) return -1;
    use_label(c, end);
    return 0;
}

/* Fold -<number literal> as CPython's AST optimizer does. */
static bool fold_negative(Expr *operand, Value *out) {
    Value v;
    if (!expr_is_const(operand, &v)) return false;
    if (val_is_smallint(v)) {
        int64_t i = val_as_smallint(v);
        if (!smallint_fits(-i)) return false;
        *out = val_from_smallint(-i);
        return true;
    }
    if (val_is_double(v)) {
        *out = val_from_double(-val_as_double(v));
        return true;
    }
    return false;
}

static int compile_unaryop(Compiler *c, Expr *e) {
    Value folded;
    if (e->u.unaryop.op == UNARY_MINUS && fold_negative(e->u.unaryop.operand, &folded))
        return emit_const(c, folded);
    if (compile_expr(c, e->u.unaryop.operand) < 0) return -1;
    switch (e->u.unaryop.op) {
    case UNARY_INVERT: return emit(c, OP_UNARY_INVERT, 0);
    case UNARY_NOT: return emit(c, OP_UNARY_NOT, 0);
    case UNARY_PLUS: return emit(c, OP_CALL_INTRINSIC_1, INTRINSIC_UNARY_POSITIVE);
    case UNARY_MINUS: return emit(c, OP_UNARY_NEGATIVE, 0);
    }
    return 0;
}

static int compile_ifexp(Compiler *c, Expr *e) {
    int orelse = new_label(c), end = new_label(c);
    if (orelse < 0 || end < 0) return -1;
    if (compile_jump_if(c, e->u.ifexp.test, orelse, false) < 0) return -1;
    if (compile_expr(c, e->u.ifexp.body) < 0) return -1;
    if (emit_jump(c, PSEUDO_JUMP, end) < 0) return -1;
    use_label(c, orelse);
    if (compile_expr(c, e->u.ifexp.orelse) < 0) return -1;
    use_label(c, end);
    return 0;
}

/* ---- conditions ---- */

/* Truth value of a constant when it is obvious, else -1. */
static int const_truth(Expr *e) {
    Value v;
    if (!expr_is_const(e, &v)) return -1;
    if (v == VAL_TRUE) return 1;
    if (v == VAL_FALSE || v == VAL_NONE) return 0;
    if (val_is_smallint(v)) return val_as_smallint(v) != 0;
    if (val_is_str_exact(v)) return str_size(v) != 0;
    return -1;
}

static bool is_none_const(Expr *e) {
    Value v;
    return expr_is_const(e, &v) && v == VAL_NONE;
}

int compile_jump_if(Compiler *c, Expr *e, int label, bool cond) {
    if (enter_recursion(c) < 0) return -1;
    int saved_line = c->u->lineno;
    c->u->lineno = e->span.lineno;
    int r = 0;
    int truth = const_truth(e);
    if (truth >= 0) {
        if ((truth != 0) == cond) r = emit_jump(c, PSEUDO_JUMP, label);
    } else if (e->kind == E_UNARYOP && e->u.unaryop.op == UNARY_NOT) {
        r = compile_jump_if(c, e->u.unaryop.operand, label, !cond);
    } else if (e->kind == E_BOOLOP) {
        ExprList *vals = &e->u.boolop.values;
        bool is_or = e->u.boolop.op == BOOL_OR;
        /* For `and` jumping on false (or `or` on true) every operand can
         * jump straight to label; otherwise the early exits skip past. */
        int next = label;
        if (is_or != cond && (next = new_label(c)) < 0) r = -1;
        for (int i = 0; r == 0 && i < vals->len - 1; i++)
            r = compile_jump_if(c, vals->items[i], next, is_or);
        if (r == 0) r = compile_jump_if(c, vals->items[vals->len - 1], label, cond);
        if (r == 0 && next != label) use_label(c, next);
    } else if (e->kind == E_COMPARE && e->u.compare.n == 1 &&
               (e->u.compare.ops[0] == CMPOP_IS || e->u.compare.ops[0] == CMPOP_ISNOT) &&
               is_none_const(e->u.compare.comparators.items[0])) {
        bool is_not = e->u.compare.ops[0] == CMPOP_ISNOT;
        int op = (is_not != cond) ? OP_POP_JUMP_IF_NONE : OP_POP_JUMP_IF_NOT_NONE;
        r = compile_expr(c, e->u.compare.left);
        if (r == 0) r = emit_jump(c, op, label);
    } else {
        r = compile_expr(c, e);
        if (r == 0) r = emit_jump(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, label);
    }
    c->u->lineno = saved_line;
    leave_recursion(c);
    return r;
}

/* ---- calls ---- */

static bool keywords_have_unpack(KeywordList *kws) {
    for (int i = 0; i < kws->len; i++)
        if (kws->items[i]->arg == VAL_NULL) return true;
    return false;
}

/* Build the kwargs dict for CALL_FUNCTION_EX: BUILD_MAP 0, then runs of
 * named keywords merged as small dicts and **mappings merged directly
 * (DICT_MERGE rejects repeated keys). */
static int compile_kwargs_dict(Compiler *c, KeywordList *kws) {
    if (emit(c, OP_BUILD_MAP, 0) < 0) return -1;
    int i = 0;
    while (i < kws->len) {
        Keyword *k = kws->items[i];
        if (k->arg == VAL_NULL) {
            if (compile_expr(c, k->value) < 0 || emit(c, OP_DICT_MERGE, 1) < 0) return -1;
            i++;
            continue;
        }
        int n = 0;
        while (i < kws->len && kws->items[i]->arg != VAL_NULL) {
            if (emit_const(c, kws->items[i]->arg) < 0) return -1;
            if (compile_expr(c, kws->items[i]->value) < 0) return -1;
            i++;
            n++;
        }
        if (emit(c, OP_BUILD_MAP, n) < 0 || emit(c, OP_DICT_MERGE, 1) < 0) return -1;
    }
    return 0;
}

/* The callable and self_or_null are on the stack, followed by nprefix
 * positional values already pushed. Emits the arguments and the call. */
int compile_call_helper(Compiler *c, int nprefix, ExprList *args, KeywordList *kws) {
    bool starred = has_starred(args);
    bool dstar = keywords_have_unpack(kws);
    if (starred || dstar) {
        if (starred) {
            if (emit(c, OP_BUILD_LIST, nprefix) < 0) return -1;
            for (int i = 0; i < args->len; i++) {
                Expr *a = args->items[i];
                if (a->kind == E_STARRED) {
                    if (compile_expr(c, a->u.starred.value) < 0 || emit(c, OP_LIST_EXTEND, 1) < 0) return -1;
                } else if (compile_expr(c, a) < 0 || emit(c, OP_LIST_APPEND, 1) < 0) {
                    return -1;
                }
            }
            if (emit(c, OP_CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE) < 0) return -1;
        } else {
            if (compile_exprs(c, args) < 0) return -1;
            if (emit(c, OP_BUILD_TUPLE, nprefix + args->len) < 0) return -1;
        }
        bool has_kw = kws->len > 0;
        if (has_kw && compile_kwargs_dict(c, kws) < 0) return -1;
        return emit(c, OP_CALL_FUNCTION_EX, has_kw ? 1 : 0);
    }
    if (compile_exprs(c, args) < 0) return -1;
    int total = nprefix + args->len;
    if (kws->len == 0) return emit(c, OP_CALL, total);
    Value names = tuple_new((size_t)kws->len);
    if (!names) return -1;
    for (int i = 0; i < kws->len; i++) {
        if (compile_expr(c, kws->items[i]->value) < 0) return -1;
        Value kwname = str_intern(kws->items[i]->arg);
        if (!kwname) return -1;
        tuple_items(names)[i] = kwname;
    }
    if (emit_const(c, names) < 0) return -1;
    return emit(c, OP_CALL_KW, total + kws->len);
}

static int compile_call(Compiler *c, Expr *e) {
    Expr *func = e->u.call.func;
    ExprList *args = &e->u.call.args;
    KeywordList *kws = &e->u.call.keywords;
    bool plain = !has_starred(args) && !keywords_have_unpack(kws);
    if (func->kind == E_ATTRIBUTE && func->u.attribute.ctx == CTX_LOAD && plain) {
        /* Method call: LOAD_ATTR with the low bit pushes (meth self) or
         * (attr NULL), exactly the callable/self_or_null pair CALL wants. */
        if (compile_expr(c, func->u.attribute.value) < 0) return -1;
        int idx = add_name(c, func->u.attribute.attr);
        if (idx < 0) return -1;
        /* A multi-line `obj\n .meth()` call is reported at the method's
         * line (compile_expr restores the line afterwards). */
        c->u->lineno = func->span.end_lineno;
        if (emit(c, OP_LOAD_ATTR, (idx << 1) | 1) < 0) return -1;
        return compile_call_helper(c, 0, args, kws);
    }
    if (func->kind == E_NAME) {
        int r = compile_load_global_for_call(c, func->u.name.id);
        if (r < 0) return -1;
        if (r == 1) return compile_call_helper(c, 0, args, kws);
    }
    if (compile_expr(c, func) < 0 || emit(c, OP_PUSH_NULL, 0) < 0) return -1;
    return compile_call_helper(c, 0, args, kws);
}

/* ---- f-strings ---- */

static int compile_formatted(Compiler *c, Expr *e) {
    if (compile_expr(c, e->u.formatted.value) < 0) return -1;
    int conv = e->u.formatted.conversion;
    if (conv != -1) {
        int arg = conv == 's' ? 1 : conv == 'r' ? 2 : 3;
        if (emit(c, OP_CONVERT_VALUE, arg) < 0) return -1;
    }
    if (e->u.formatted.format_spec) {
        if (compile_expr(c, e->u.formatted.format_spec) < 0) return -1;
        return emit(c, OP_FORMAT_WITH_SPEC, 0);
    }
    return emit(c, OP_FORMAT_SIMPLE, 0);
}

static int compile_joinedstr(Compiler *c, Expr *e) {
    ExprList *vals = &e->u.joinedstr.values;
    if (vals->len == 0) {
        Value empty = str_new("", 0);
        if (!empty) return -1;
        return emit_const(c, empty);
    }
    if (compile_exprs(c, vals) < 0) return -1;
    if (vals->len == 1 && vals->items[0]->kind == E_FORMATTEDVALUE) return 0;
    if (vals->len == 1 && expr_is_const(vals->items[0], NULL)) return 0;
    return emit(c, OP_BUILD_STRING, vals->len);
}

/* ---- subscripts ---- */

static int compile_slice_bound(Compiler *c, Expr *e) {
    if (!e) return emit_const(c, VAL_NONE);
    return compile_expr(c, e);
}

/* Push the key of a subscript. A two-part slice a[x:y] pushes x and y
 * (for BINARY_SLICE / STORE_SLICE) and sets *two_part. */
int compile_subscript_parts(Compiler *c, Expr *slice, bool *two_part) {
    *two_part = false;
    if (slice->kind == E_SLICE && !slice->u.slice.step) {
        *two_part = true;
        if (compile_slice_bound(c, slice->u.slice.lower) < 0) return -1;
        return compile_slice_bound(c, slice->u.slice.upper);
    }
    return compile_expr(c, slice);
}

static int compile_slice_expr(Compiler *c, Expr *e) {
    if (compile_slice_bound(c, e->u.slice.lower) < 0) return -1;
    if (compile_slice_bound(c, e->u.slice.upper) < 0) return -1;
    if (e->u.slice.step) {
        if (compile_expr(c, e->u.slice.step) < 0) return -1;
        return emit(c, OP_BUILD_SLICE, 3);
    }
    return emit(c, OP_BUILD_SLICE, 2);
}

/* ---- yield ---- */

static bool in_function(Compiler *c) {
    return c->u->kind == UNIT_FUNCTION || c->u->kind == UNIT_LAMBDA || c->u->kind == UNIT_COMP;
}

static int compile_yield_from(Compiler *c, Expr *e) {
    if (!in_function(c)) return syntax_error_at(c, &e->span, "'yield' outside function");
    if (compile_expr(c, e->u.yieldfrom.value) < 0) return -1;
    if (emit(c, OP_GET_YIELD_FROM_ITER, 0) < 0) return -1;
    if (emit_const(c, VAL_NONE) < 0) return -1;
    int send = new_label(c), fail = new_label(c), exit = new_label(c);
    if (send < 0 || fail < 0 || exit < 0) return -1;
    use_label(c, send);
    if (emit_jump(c, OP_SEND, exit) < 0) return -1;
    /* (recv res): on a throw into the receiver that finishes it, the
     * handler gets (recv exc) and CLEANUP_THROW extracts the value. */
    if (push_handler(c, fail, 1) < 0) return -1;
    if (emit(c, OP_YIELD_VALUE, 1) < 0) return -1;
    pop_handler(c);
    if (emit(c, OP_RESUME, 2) < 0) return -1;
    if (emit_jump(c, PSEUDO_JUMP, send) < 0) return -1;
    use_label(c, fail);
    if (emit(c, OP_CLEANUP_THROW, 0) < 0) return -1;
    if (emit_jump(c, PSEUDO_JUMP, exit) < 0) return -1;
    use_label(c, exit);
    return emit(c, OP_END_SEND, 0);
}

static int compile_yield(Compiler *c, Expr *e) {
    if (!in_function(c)) return syntax_error_at(c, &e->span, "'yield' outside function");
    if (e->u.yield.value) {
        if (compile_expr(c, e->u.yield.value) < 0) return -1;
    } else if (emit_const(c, VAL_NONE) < 0) {
        return -1;
    }
    if (emit(c, OP_YIELD_VALUE, 0) < 0) return -1;
    return emit(c, OP_RESUME, 1);
}

/* ---- dispatch ---- */

static int compile_expr_inner(Compiler *c, Expr *e) {
    switch (e->kind) {
    case E_BOOLOP: return compile_boolop(c, e);
    case E_NAMEDEXPR:
        if (compile_expr(c, e->u.namedexpr.value) < 0 || emit(c, OP_COPY, 1) < 0) return -1;
        return compile_store_target(c, e->u.namedexpr.target);
    case E_BINOP:
        if (compile_expr(c, e->u.binop.left) < 0 || compile_expr(c, e->u.binop.right) < 0) return -1;
        return emit(c, OP_BINARY_OP, e->u.binop.op);
    case E_UNARYOP: return compile_unaryop(c, e);
    case E_LAMBDA: return compile_lambda(c, e);
    case E_IFEXP: return compile_ifexp(c, e);
    case E_DICT: return compile_dict(c, e);
    case E_SET:
        if (has_starred(&e->u.set.elts))
            return compile_starred_display(c, &e->u.set.elts, OP_BUILD_SET, OP_SET_ADD, OP_SET_UPDATE);
        return compile_plain_display(c, &e->u.set.elts, OP_BUILD_SET, OP_SET_ADD, OP_SET_UPDATE);
    case E_LISTCOMP:
    case E_SETCOMP:
    case E_DICTCOMP:
    case E_GENEXP: return compile_comprehension(c, e);
    case E_AWAIT: return syntax_error_at(c, &e->span, "'await' outside async function");
    case E_YIELD: return compile_yield(c, e);
    case E_YIELDFROM: return compile_yield_from(c, e);
    case E_COMPARE: return compile_compare(c, e);
    case E_CALL: return compile_call(c, e);
    case E_FORMATTEDVALUE: return compile_formatted(c, e);
    case E_JOINEDSTR: return compile_joinedstr(c, e);
    case E_CONSTANT: return emit_const(c, e->u.constant.value);
    case E_ATTRIBUTE: {
        if (e->u.attribute.ctx != CTX_LOAD) return compile_store_target(c, e);
        if (compile_expr(c, e->u.attribute.value) < 0) return -1;
        int idx = add_name(c, e->u.attribute.attr);
        if (idx < 0) return -1;
        c->u->lineno = e->span.end_lineno;
        return emit(c, OP_LOAD_ATTR, idx << 1);
    }
    case E_SUBSCRIPT: {
        bool two;
        if (compile_expr(c, e->u.subscript.value) < 0) return -1;
        if (compile_subscript_parts(c, e->u.subscript.slice, &two) < 0) return -1;
        return emit(c, two ? OP_BINARY_SLICE : OP_BINARY_SUBSCR, 0);
    }
    case E_STARRED: return syntax_error_at(c, &e->span, "can't use starred expression here");
    case E_NAME: return compile_nameop(c, e->u.name.id, CTX_LOAD);
    case E_LIST:
        if (has_starred(&e->u.list.elts))
            return compile_starred_display(c, &e->u.list.elts, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND);
        return compile_plain_display(c, &e->u.list.elts, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND);
    case E_TUPLE: return compile_tuple(c, e);
    case E_SLICE: return compile_slice_expr(c, e);
    }
    return 0;
}

int compile_expr(Compiler *c, Expr *e) {
    if (enter_recursion(c) < 0) return -1;
    int saved = c->u->lineno;
    c->u->lineno = e->span.lineno;
    int r = compile_expr_inner(c, e);
    c->u->lineno = saved;
    leave_recursion(c);
    return r;
}

/* ---- assignment targets ---- */

static int compile_unpack(Compiler *c, Expr *t) {
    ExprList *elts = &t->u.list.elts;
    int star = -1;
    for (int i = 0; i < elts->len; i++) {
        if (elts->items[i]->kind != E_STARRED) continue;
        if (star >= 0) return syntax_error_at(c, &elts->items[i]->span, "multiple starred expressions in assignment");
        star = i;
    }
    if (star < 0) {
        if (emit(c, OP_UNPACK_SEQUENCE, elts->len) < 0) return -1;
    } else {
        int after = elts->len - star - 1;
        if (star >= 256 || after >= (1 << 16))
            return syntax_error_at(c, &t->span, "too many expressions in star-unpacking assignment");
        if (emit(c, OP_UNPACK_EX, star | (after << 8)) < 0) return -1;
    }
    for (int i = 0; i < elts->len; i++) {
        Expr *x = elts->items[i];
        if (compile_store_target(c, x->kind == E_STARRED ? x->u.starred.value : x) < 0) return -1;
    }
    return 0;
}

int compile_store_target(Compiler *c, Expr *t) {
    if (enter_recursion(c) < 0) return -1;
    int saved = c->u->lineno;
    c->u->lineno = t->span.lineno;
    int r = 0;
    switch (t->kind) {
    case E_NAME: r = compile_nameop(c, t->u.name.id, CTX_STORE); break;
    case E_ATTRIBUTE: {
        int idx;
        if (compile_expr(c, t->u.attribute.value) < 0 || (idx = add_name(c, t->u.attribute.attr)) < 0) {
            r = -1;
            break;
        }
        r = emit(c, OP_STORE_ATTR, idx);
        if (r == 0) r = note_static_attribute(c, t);
        break;
    }
    case E_SUBSCRIPT: {
        bool two;
        if (compile_expr(c, t->u.subscript.value) < 0 || compile_subscript_parts(c, t->u.subscript.slice, &two) < 0) {
            r = -1;
            break;
        }
        r = emit(c, two ? OP_STORE_SLICE : OP_STORE_SUBSCR, 0);
        break;
    }
    case E_TUPLE:
    case E_LIST: r = compile_unpack(c, t); break;
    case E_STARRED:
        r = syntax_error_at(c, &t->span, "starred assignment target must be in a list or tuple");
        break;
    default: r = syntax_error_at(c, &t->span, "cannot assign to expression"); break;
    }
    c->u->lineno = saved;
    leave_recursion(c);
    return r;
}

int compile_delete_target(Compiler *c, Expr *t) {
    if (enter_recursion(c) < 0) return -1;
    int saved = c->u->lineno;
    c->u->lineno = t->span.lineno;
    int r = 0;
    switch (t->kind) {
    case E_NAME: r = compile_nameop(c, t->u.name.id, CTX_DEL); break;
    case E_ATTRIBUTE: {
        int idx;
        if (compile_expr(c, t->u.attribute.value) < 0 || (idx = add_name(c, t->u.attribute.attr)) < 0) {
            r = -1;
            break;
        }
        r = emit(c, OP_DELETE_ATTR, idx);
        break;
    }
    case E_SUBSCRIPT:
        if (compile_expr(c, t->u.subscript.value) < 0 || compile_expr(c, t->u.subscript.slice) < 0) {
            r = -1;
            break;
        }
        r = emit(c, OP_DELETE_SUBSCR, 0);
        break;
    case E_TUPLE:
    case E_LIST:
        for (int i = 0; i < t->u.list.elts.len && r == 0; i++) r = compile_delete_target(c, t->u.list.elts.items[i]);
        break;
    default: r = syntax_error_at(c, &t->span, "cannot delete expression"); break;
    }
    c->u->lineno = saved;
    leave_recursion(c);
    return r;
}
