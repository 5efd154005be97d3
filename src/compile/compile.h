/* compile.h — AST to code object. Implemented in compile/symtable.c and
 * compile/compiler.c (+ helpers in compile/). */
#ifndef KRAIT_COMPILE_H
#define KRAIT_COMPILE_H

#include "../parse/ast.h"

/* Compile a parsed module. mode PARSE_EVAL yields code returning the
 * expression's value; PARSE_SINGLE prints expression statements' values.
 * Returns a CodeObject Value, or VAL_NULL with SyntaxError set (e.g.
 * "'return' outside function", "nonlocal ... not found"). */
Value compile_module(Module *mod, Value filename, ParseMode mode);

#endif
