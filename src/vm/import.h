/* import.h — the parts of the import system (vm/import.c) and of running
 * __main__ (vm/runmain.c) that vm.h does not already declare. */
#ifndef KRAIT_IMPORT_H
#define KRAIT_IMPORT_H

#include <stdbool.h>

#include "../objects/object.h"

/* `from module import *` into locals (a dict or any mapping): the names in
 * module.__all__, else every public name of module.__dict__. -1 on error.
 * Used by INTRINSIC_IMPORT_STAR. */
int vm_import_star(Value module, Value locals);

/* IMPORT_FROM: module.name, falling back to sys.modules["module.name"]
 * (a submodule bound during a circular import), else ImportError
 * "cannot import name 'x' from 'm' (/path/m.py)" with CPython's wording. */
Value vm_import_from(Value module, Value name);

/* Is the module of this name running its code right now (imported but
 * not finished)? For CPython's "partially initialized module" and
 * "cannot access submodule" AttributeError wordings (module.c). */
bool import_is_initializing(Value name);

/* Import by absolute dotted name from C ("os.path"). */
Value import_module_cstr(const char *name);

/* Names of the registered built-in modules, sorted (sys.builtin_module_names). */
Value import_builtin_module_names(void);

/* Where a module's source lives, found without running it (for -m).
 * Imports the parent packages. Returns 1 when found, 0 when not (no
 * exception), -1 on error. */
typedef struct ModuleLocation {
    Value file;        /* the .py to run; VAL_NULL for a namespace package */
    Value package_dir; /* packages: the directory (their __path__[0]) */
    Value ns_path;     /* namespace packages: list of directories */
    bool is_package;
} ModuleLocation;
int import_locate(Value fullname, ModuleLocation *loc);

/* Read a source file (whole, UTF-8 BOM removed). NULL with OSError set on
 * failure; *size receives the length. */
char *import_read_source(const char *path, size_t *size);

/* ---- runmain.c ----
 * The name krait was invoked as (argv[0]), for "krait: can't open file …".
 * vm_run_main_file / vm_run_main_module return 0 on success, -1 with an
 * exception set when the program raised, or a positive exit status after
 * printing a start-up error themselves (2: the file cannot be opened;
 * 1: -m found no module). */
extern const char *krait_program_name;
/* Run source read from stdin as __main__ (krait < prog.py, krait -). */
int vm_run_main_stdin(void);
/* An absolute, normalised form of path (no symlinks resolved). */
char *path_absolute(const char *path);

#endif
