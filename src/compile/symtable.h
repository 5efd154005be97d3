/* symtable.h — scope analysis: which names are local, global, free or cell
 * in each function, class and module block (CPython's rules).
 *
 * Pass 1 walks the AST and records, per block, every name with DEF_* flags.
 * Pass 2 (analyze) resolves each name to a SCOPE_* by looking at enclosing
 * function blocks; class blocks never enclose the functions inside them.
 * Names are stored mangled (private names inside classes). Compile-time
 * errors (bad global/nonlocal, duplicate arguments, yield outside function)
 * are raised here as SyntaxError.
 */
#ifndef KRAIT_SYMTABLE_H
#define KRAIT_SYMTABLE_H

#include "../parse/ast.h"

/* DEF_* flags: how a name occurs in one block. */
#define DEF_GLOBAL 0x1       /* global statement */
#define DEF_LOCAL 0x2        /* assigned in the block */
#define DEF_PARAM 0x4        /* parameter */
#define DEF_NONLOCAL 0x8     /* nonlocal statement */
#define DEF_USE 0x10         /* read */
#define DEF_FREE_CLASS 0x20  /* free in a method, bound in this class */
#define DEF_IMPORT 0x40      /* bound by import */
#define DEF_ANNOT 0x80       /* annotated */
#define DEF_COMP_ITER 0x100  /* comprehension iteration variable */
#define DEF_BOUND (DEF_LOCAL | DEF_PARAM | DEF_IMPORT)

typedef enum {
    SCOPE_NONE = 0, SCOPE_LOCAL, SCOPE_GLOBAL_EXPLICIT, SCOPE_GLOBAL_IMPLICIT,
    SCOPE_FREE, SCOPE_CELL
} SymScope;

typedef enum { BLOCK_MODULE, BLOCK_FUNCTION, BLOCK_CLASS } BlockKind;

/* Comprehension kinds (for messages and code names); COMP_NONE otherwise. */
typedef enum { COMP_NONE, COMP_LIST, COMP_SET, COMP_DICT, COMP_GENEXP } CompKind;

/* Open-addressed map from a 64-bit key (an interned str Value, compared by
 * identity, or a node address) to an index. Shared by the symbol table and
 * the code generator. */
typedef struct NameMap {
    Value *keys;
    int *vals;
    int cap, len; /* cap: power of two or 0 */
} NameMap;
int namemap_get(const NameMap *m, Value key);          /* -1 if missing */
int namemap_put(NameMap *m, Value key, int val);        /* -1 on MemoryError */

typedef struct Symbol {
    Value name;
    int flags;
    SymScope scope;
    Span decl_span;  /* where a global/nonlocal declared it (for errors) */
} Symbol;

typedef struct SymBlock SymBlock;
struct SymBlock {
    BlockKind kind;
    CompKind comp;
    Value name;            /* function/class name, "top", "<lambda>", … */
    const void *node;      /* the Stmt/Expr that opened the block */
    int lineno;
    SymBlock *parent;
    Symbol *syms;
    int nsyms, capsyms;
    NameMap index;         /* name -> index into syms */
    Value *params;         /* parameter names in localsplus order */
    int nparams, capparams;
    SymBlock **children;
    int nchildren, capchildren;
    Value private_name;    /* class name for mangling, or VAL_NULL */
    bool is_generator;
    bool is_nested;        /* inside a function-like block */
    bool has_free;         /* has free variables */
    bool child_free;       /* a child has free variables */
    bool needs_class_closure; /* class: some method uses __class__/super */
    bool is_lambda;
    bool has_varargs, has_varkeywords;
};

typedef struct SymTable {
    SymBlock *top;
    NameMap nodes;          /* AST node address -> index into blocks */
    SymBlock **blocks;
    int nblocks, capblocks;
    Value filename;
} SymTable;

/* Build the table for a module. NULL with an exception set on error. */
SymTable *symtable_build(Module *mod, Value filename, ParseMode mode);
/* The block opened by a FunctionDef/ClassDef/Lambda/comprehension node. */
SymBlock *symtable_block_for(SymTable *st, const void *node);
/* Scope of a (mangled) name in a block; SCOPE_NONE if the block never
 * mentions it. */
SymScope symblock_scope(SymBlock *b, Value name);
int symblock_flags(SymBlock *b, Value name);
static inline bool symblock_is_function(SymBlock *b) {
    return b->kind == BLOCK_FUNCTION;
}
/* Private name mangling: __x inside class C -> _C__x. The result is always
 * interned (name itself when no mangling applies); VAL_NULL on error. */
Value symtable_mangle(Value private_name, Value name);

/* Fill a SyntaxErrorInfo for a span and raise it (always returns -1). */
int compile_syntax_error(Value filename, const Span *span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
