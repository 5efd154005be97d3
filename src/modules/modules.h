/* modules.h — the built-in modules written in C: their init functions and
 * shared state. modules_init (object.h) creates builtins and sys and registers the
 * rest with vm_register_builtin_module. */
#ifndef KRAIT_MODULES_H
#define KRAIT_MODULES_H

#include "../objects/object.h"

/* Module constructors (each returns the new module or VAL_NULL). */
Value builtins_module_init(void); /* builtins.c */
Value sys_module_init(void);      /* sys.c */
Value time_module_init(void);     /* time.c */
Value posix_module_init(void);    /* posix.c (lib/os.py builds on it) */
Value opcode_module_init(void);   /* opcode_module.c (lib/opcode.py, lib/dis.py) */
/* math_module_init: objects/number.h (numbers area, modules/math.c). */

/* builtins.c splits: the tables of functions defined in the other files,
 * merged into the builtins module by builtins_module_init. */
extern const MethodDef builtins_num_functions[];  /* builtins_num.c */
extern const MethodDef builtins_iter_functions[]; /* builtins_iter.c */

/* The builtins module object and the sys module object. */
extern Value builtins_module, sys_module;

#endif
