/* vm.h — what the rest of krait may ask of the virtual machine. */
#ifndef KRAIT_VM_H
#define KRAIT_VM_H

#include "../objects/code.h"
#include "../objects/object.h"
#include "../parse/ast.h"

/* Run a module-level or exec() code object with the given namespaces
 * (locals may equal globals). Returns the result (None for modules). */
Value vm_eval_code(Value code, Value globals, Value locals);

/* Compile source text to a code object: parse + compile. mode as for the
 * compile() builtin. SyntaxError (with filename, lineno, offset, text) on
 * bad source. */
Value vm_compile(const char *src, size_t len, const char *filename, ParseMode mode);

/* Turn parser/compiler error details into a raised SyntaxError (or
 * IndentationError/TabError) instance with msg, filename, lineno, offset,
 * text, end_lineno, end_offset. Always returns VAL_NULL. */
Value vm_raise_syntax_error(const SyntaxErrorInfo *info, Value filename);

/* Import machinery (vm/import.c): __import__(name, globals, fromlist, level). */
Value vm_import(Value name, Value globals, Value fromlist, int level);
/* Register a built-in module so `import name` finds it: init is called on
 * first import and returns the module object. */
typedef Value (*BuiltinModuleInit)(void);
void vm_register_builtin_module(const char *name, BuiltinModuleInit init);
/* Run a file as __main__ (krait FILE): returns 0 or sets an exception. */
int vm_run_main_file(const char *path);
int vm_run_main_string(const char *src);   /* krait -c */
int vm_run_main_module(const char *name);  /* krait -m */

/* The builtins module's dict, the dict of sys.modules, the sys module. */
extern Value vm_builtins_dict;
extern Value vm_sys_modules;

/* Introspection of the running Python code (for globals(), locals(),
 * vars(), super() with no arguments, sys._getframe). */
Value vm_current_globals(void);
Value vm_current_locals(void);  /* a dict snapshot for function frames */
/* For super(): the __class__ cell and first argument of the calling
 * function. -1 with RuntimeError set when not available. */
int vm_super_context(Value *type_out, Value *self_out);

/* C-level recursion guard for code that recurses through the C stack
 * (repr of nested containers, compile of deep trees, calls from C into
 * Python): -1 and RecursionError when over the limit. */
int vm_enter_recursion(const char *where);
void vm_leave_recursion(void);
extern int vm_recursion_limit;

/* The handled exception (sys.exc_info()/sys.exception()), VAL_NULL if none. */
Value vm_handled_exception(void);

/* Set by the SIGINT handler; the eval loop raises KeyboardInterrupt. */
extern volatile int vm_pending_signal;

#endif
