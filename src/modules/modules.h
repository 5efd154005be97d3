/* modules.h — the built-in modules written in C: their init functions and
 * the few cross-area functions they use that no shared header declares
 * (yet). modules_init (object.h) creates builtins and sys and registers the
 * rest with vm_register_builtin_module. */
#ifndef KRAIT_MODULES_H
#define KRAIT_MODULES_H

#include "../objects/object.h"

/* Module constructors (each returns the new module or VAL_NULL). */
Value builtins_module_init(void); /* builtins.c */
Value sys_module_init(void);      /* sys.c */
Value time_module_init(void);     /* time.c */
Value math_module_init(void);     /* math.c — numbers author */

/* builtins.c splits: the tables of functions defined in the other files,
 * merged into the builtins module by builtins_module_init. */
extern const MethodDef builtins_num_functions[];  /* builtins_num.c */
extern const MethodDef builtins_iter_functions[]; /* builtins_iter.c */

/* The builtins module object and the sys module object. */
extern Value builtins_module, sys_module;

/* ---- provided by other areas; declared here until their headers do ----
 * numbers (objects/number.h): divmod(a, b) and round(x[, ndigits]) with
 * CPython's dispatch (__divmod__/__rdivmod__, __round__). ndigits is
 * VAL_NULL when omitted or None. */
Value number_divmod(Value a, Value b);
Value number_round(Value number, Value ndigits);

#endif
