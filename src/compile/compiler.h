/* compiler.h — internal interface of the code generator, shared by
 * compiler.c (units, names, functions, classes), compile_expr.c,
 * compile_stmt.c and assemble.c (labels, stack depth, tables).
 *
 * Code is first emitted as a flat list of Instr whose jump opargs are label
 * numbers. Exception handling uses zero-size SETUP pseudo-instructions: the
 * "current handler" at emission time is recorded on every instruction, and
 * the assembler turns runs of equal handlers into exception-table entries
 * whose depth is the stack depth measured at the SETUP.
 */
#ifndef KRAIT_COMPILER_H
#define KRAIT_COMPILER_H

#include "../objects/code.h"
#include "compile.h"
#include "symtable.h"

/* Pseudo opcodes (never in final code). */
enum {
    PSEUDO_JUMP = 256,  /* becomes JUMP_FORWARD or JUMP_BACKWARD */
    PSEUDO_SETUP = 257, /* zero-size marker: oparg = handler id */
};

typedef struct Instr {
    int op;        /* OP_* or PSEUDO_* */
    int arg;       /* oparg; a label number for jumps */
    int line;
    int handler;   /* handler id covering this instruction, -1 none */
} Instr;

/* An exception handler: code raising inside its range jumps to `label`
 * with the stack cut to depth(at setup) - adjust, the exception pushed. */
typedef struct Handler {
    int label;
    int setup;     /* index of the PSEUDO_SETUP instruction */
    int adjust;
} Handler;

typedef enum {
    FB_WHILE_LOOP, FB_FOR_LOOP, FB_TRY_EXCEPT, FB_FINALLY_TRY, FB_FINALLY_END,
    FB_WITH, FB_HANDLER_CLEANUP, FB_EXCEPTION_HANDLER,
    FB_POP_VALUE /* a return value kept on the stack while a finally body runs */
} FBlockKind;

typedef struct FBlock {
    FBlockKind kind;
    int start_label;   /* loops: continue target */
    int exit_label;    /* loops: break target */
    StmtList *finalbody; /* FB_FINALLY_TRY */
    Value name;        /* FB_HANDLER_CLEANUP: the `as` name or VAL_NULL */
    int handler_top;   /* handler stack height outside this block */
    int lineno;
} FBlock;

typedef enum { UNIT_MODULE, UNIT_CLASS, UNIT_FUNCTION, UNIT_LAMBDA, UNIT_COMP } UnitKind;

typedef struct Unit Unit;
struct Unit {
    Unit *parent;
    UnitKind kind;
    SymBlock *ste;
    Value name, qualname, private_name;
    int firstlineno;

    Instr *instrs;
    int ninstrs, capinstrs;
    int *labels;           /* label -> instruction index, -1 until placed */
    int nlabels, caplabels;
    Handler *handlers;
    int nhandlers, caphandlers;
    int *hstack;           /* active handler ids, innermost last */
    int hstack_top, caphstack;
    FBlock *fblocks;
    int nfblocks, capfblocks;

    Value *consts;
    int nconsts, capconsts;
    Value *names;
    int nnames, capnames;
    NameMap names_index;

    /* localsplus: name -> slot; kinds per slot */
    NameMap fast_index;
    Value *fast_names;
    uint8_t *fast_kinds;
    int nfast, capfast, capkinds;
    int nlocals, ncells_extra, nfree;
    int nparams;          /* parameters are the first nparams slots */

    int argcount, posonlyargcount, kwonlyargcount;
    uint32_t flags;
    int lineno;           /* line of the node being compiled */
    bool has_docstring;
    /* class units: names assigned as self.<name> in nested functions
     * (the class's __static_attributes__) */
    Value *static_attrs;
    int nstatic_attrs, capstatic_attrs;
};

typedef struct Compiler {
    Unit *u;
    SymTable *st;
    Value filename;
    ParseMode mode;
    int depth;            /* recursion guard */
} Compiler;

#define COMPILE_MAX_DEPTH 2500

/* ---- emission (compiler.c) ---- */
int emit(Compiler *c, int op, int arg);
int emit_jump(Compiler *c, int op, int label);
int new_label(Compiler *c);
int use_label(Compiler *c, int label);
int emit_const(Compiler *c, Value v);       /* LOAD_CONST v */
int add_const(Compiler *c, Value v);        /* index, -1 on error */
int add_name(Compiler *c, Value name);      /* mangles; index, -1 on error */
int add_name_raw(Compiler *c, Value name);  /* no mangling */
/* Push a handler: emits the SETUP marker at the current point. Returns the
 * handler id, -1 on error. */
int push_handler(Compiler *c, int label, int adjust);
void pop_handler(Compiler *c);
/* Re-enter an existing handler's coverage (for code placed elsewhere). */
int push_existing_handler(Compiler *c, int handler_id);
int push_fblock(Compiler *c, FBlockKind kind, int start, int exit);
void pop_fblock(Compiler *c);
int enter_recursion(Compiler *c);
void leave_recursion(Compiler *c);
int syntax_error_at(Compiler *c, const Span *span, const char *msg);
Value mangle_name(Compiler *c, Value name);

/* ---- names, functions, classes (compiler.c) ---- */
int compile_nameop(Compiler *c, Value name, ExprCtx ctx);
int compile_load_global_for_call(Compiler *c, Value name); /* 1 if it pushed v NULL, 0 if not applicable */
int compile_function_def(Compiler *c, Stmt *s);
int compile_class_def(Compiler *c, Stmt *s);
int compile_lambda(Compiler *c, Expr *e);
int compile_comprehension(Compiler *c, Expr *e);
int compile_body_stmts(Compiler *c, StmtList *body, int skip_first);
/* Record `self.<attr> = …` for the enclosing class's __static_attributes__. */
int note_static_attribute(Compiler *c, Expr *target);

/* ---- expressions (compile_expr.c) ---- */
int compile_expr(Compiler *c, Expr *e);
int compile_iterable(Compiler *c, Expr *e); /* constant lists become tuples */
int compile_jump_if(Compiler *c, Expr *e, int label, bool cond);
int compile_store_target(Compiler *c, Expr *t);   /* value on TOS */
int compile_delete_target(Compiler *c, Expr *t);
int compile_call_helper(Compiler *c, int nprefix, ExprList *args, KeywordList *kws);
int compile_subscript_parts(Compiler *c, Expr *slice, bool *two_part);
bool expr_is_const(Expr *e, Value *out);

/* ---- statements (compile_stmt.c) ---- */
int compile_stmt(Compiler *c, Stmt *s);
int compile_stmts(Compiler *c, StmtList *body);

/* ---- assembly (assemble.c) ---- */
/* Net stack effect of an instruction; jumping selects the branch-taken
 * effect for conditional jumps. */
int stack_effect(int op, int oparg, bool jumping);
CodeObject *assemble_unit(Compiler *c, Unit *u);

#endif
