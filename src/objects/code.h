/* code.h — code objects: what the compiler produces and the VM runs.
 * Implemented in objects/code.c (the Code_Type). */
#ifndef KRAIT_CODE_H
#define KRAIT_CODE_H

#include "../vm/opcodes.h"
#include "object.h"

/* co_flags (CPython's values) */
#define CO_OPTIMIZED 0x1
#define CO_NEWLOCALS 0x2
#define CO_VARARGS 0x4
#define CO_VARKEYWORDS 0x8
#define CO_NESTED 0x10
#define CO_GENERATOR 0x20
#define CO_NOFREE 0x40
#define CO_COROUTINE 0x80
#define CO_HAS_DOCSTRING 0x4000000

/* Kinds of localsplus slots (co_localspluskinds), CPython's bits. A cell
 * variable that is also an argument is CO_FAST_LOCAL|CO_FAST_CELL. */
#define CO_FAST_LOCAL 0x20
#define CO_FAST_CELL 0x40
#define CO_FAST_FREE 0x80

/* One exception-table entry: an exception raised by an instruction whose
 * unit index is in [start, end) jumps to `target` after the value stack is
 * cut back to `depth` items; the exception is then pushed. Entries are
 * sorted by start and do not overlap (innermost handler wins because the
 * compiler splits ranges, as CPython's does). */
typedef struct ExceptionEntry {
    uint32_t start, end, target, depth;
} ExceptionEntry;

typedef struct CodeObject {
    Object base;
    CodeUnit *code;          /* instructions + inline caches */
    uint32_t ncode;          /* number of units */
    uint32_t flags;          /* CO_* */
    uint32_t argcount;       /* positional (incl. positional-only) */
    uint32_t posonlyargcount;
    uint32_t kwonlyargcount;
    uint32_t nlocalsplus;    /* locals + cells + free vars */
    uint32_t nlocals;        /* plain locals (arguments first) */
    uint32_t ncells;         /* cell variables that are not arguments… see kinds */
    uint32_t nfree;          /* free variables (the last nfree slots) */
    uint32_t stacksize;      /* max value-stack depth */
    uint32_t firstlineno;
    Value consts;            /* tuple */
    Value names;             /* tuple of interned str (globals, attrs, imports) */
    Value localsplusnames;   /* tuple of interned str, one per localsplus slot */
    uint8_t *localspluskinds; /* nlocalsplus CO_FAST_* bytes */
    Value filename;          /* str */
    Value name;              /* str: function name, "<module>", "<listcomp>", … */
    Value qualname;          /* str */
    int32_t *linetable;      /* ncode entries: source line of each unit (-1: none) */
    ExceptionEntry *exctable;
    uint32_t nexc;
    /* Tier-1 specialisation and later tiers hang their per-code data here. */
    void *tier_data;
    /* Tier 2's traces of this code's loops (opt/tier2.c). */
    void *tier2_data;
} CodeObject;

#define CODE(v) ((CodeObject *)val_as_ptr(v))

/* Allocate an empty code object (all fields zero, type set). */
CodeObject *code_new(void);
/* Line of the instruction at unit index i (for tracebacks). */
int code_line_at(CodeObject *co, uint32_t i);

#endif
