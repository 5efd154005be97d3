/* function.h — Python functions, bound methods, cells, built-in functions.
 * Implemented in objects/function.c (Python functions, methods, cells) and
 * objects/builtinfunc.c (C functions). */
#ifndef KRAIT_FUNCTION_H
#define KRAIT_FUNCTION_H

#include "object.h"

typedef struct FunctionObject {
    Object base;
    Value code;         /* CodeObject */
    Value globals;      /* dict */
    Value builtins;     /* dict */
    Value name, qualname, module, doc;
    Value defaults;     /* tuple or VAL_NULL */
    Value kwdefaults;   /* dict or VAL_NULL */
    Value closure;      /* tuple of cells or VAL_NULL */
    Value annotations;  /* dict or VAL_NULL */
    Value dict;         /* __dict__ or VAL_NULL (function attributes) */
    uint32_t version;   /* bumped when code/defaults change (for call caches) */
} FunctionObject;

typedef struct MethodObject {   /* a bound method */
    Object base;
    Value func;
    Value self;
} MethodObject;

typedef struct CellObject {
    Object base;
    Value contents;     /* VAL_NULL: empty */
} CellObject;

/* A C function exposed to Python: builtins, C methods bound to self, and
 * the unbound method descriptors of built-in types all use it. */
typedef struct BuiltinFunctionObject {
    Object base;
    const MethodDef *def;
    Value self;         /* VAL_NULL for plain functions; else prepended */
    Value module;       /* str or VAL_NULL */
} BuiltinFunctionObject;

#define FUNC(v) ((FunctionObject *)val_as_ptr(v))
#define METHOD(v) ((MethodObject *)val_as_ptr(v))
#define CELL(v) ((CellObject *)val_as_ptr(v))

Value function_new(Value code, Value globals, Value qualname);
Value method_new(Value func, Value self);
Value cell_new(Value contents);
Value builtin_function_new(const MethodDef *def, Value self, Value module);

/* Parse C-function arguments against a signature, CPython-style messages.
 * names: parameter names (NULL-terminated); npos_only: how many leading
 * parameters are positional-only; nrequired: how many are required.
 * out receives one Value per name (VAL_NULL when absent). fname is used in
 * messages ("print() got an unexpected keyword argument 'x'").
 * Returns -1 with TypeError set on a mismatch. */
int args_parse(const char *fname, Value *args, size_t nargs, Value kwnames,
               const char *const *names, int npos_only, int nrequired,
               Value *out);
/* Reject keyword arguments / check counts, CPython wording. */
int args_no_kwargs(const char *fname, Value kwnames);
int args_check_count(const char *fname, size_t nargs, size_t min, size_t max);

#endif
