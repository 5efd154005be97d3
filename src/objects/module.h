/* module.h — module objects. Implemented in objects/module.c. */
#ifndef KRAIT_MODULE_H
#define KRAIT_MODULE_H

#include "object.h"

typedef struct ModuleObject {
    Object base;
    Value dict;   /* the module namespace (also its globals) */
} ModuleObject;

#define MODULE(v) ((ModuleObject *)val_as_ptr(v))

/* A new module whose dict holds __name__ (and __doc__ = None, etc.). */
Value module_new(Value name);
Value module_new_cstr(const char *name);
/* Add the C functions of defs (terminated by {NULL}) to the module dict. */
int module_add_functions(Value module, const MethodDef *defs);
static inline Value module_dict(Value m) { return MODULE(m)->dict; }

#endif
