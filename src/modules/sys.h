/* sys.h — the sys module's set-up interface for main.c, plus "struct
 * sequences" (tuple subclasses with named fields: sys.version_info,
 * sys.float_info, time.struct_time, …). Implemented in modules/sys.c. */
#ifndef KRAIT_SYS_H
#define KRAIT_SYS_H

#include <stdbool.h>

#include "../objects/object.h"

/* Command-line switches, filled by main before runtime_init; sys.flags and
 * sys._xoptions are built from them. */
typedef struct CmdlineFlags {
    int optimize;          /* -O count */
    bool dont_write_bytecode, no_site, ignore_environment, isolated;
    bool unbuffered, safe_path, quiet, inspect;
    int verbose, bytes_warning;
} CmdlineFlags;
extern CmdlineFlags krait_cmdline;

/* Set sys.<name> = v (after modules_init). -1 on error. */
int sys_set(const char *name, Value v);
/* sys.<name> or VAL_NULL (no exception) when missing. */
Value sys_get(const char *name);
/* sys.stdout (print's hot path: no name interning per call). */
Value sys_get_stdout(void);
/* sys.argv / sys.orig_argv from C strings. */
int sys_set_argv(int argc, char **argv);
int sys_set_orig_argv(int argc, char **argv);
/* sys._xoptions[name] = value ("-X name=value"; "-X name" gives True). */
int sys_add_xoption(const char *option);
/* Build sys.path: first (VAL_NULL for none), then PYTHONPATH (unless
 * ignore_env), then <directory of the krait executable>/lib. */
int sys_init_path(Value first, bool ignore_env);
/* The directory holding the krait executable (no trailing slash). */
const char *sys_executable_dir(void);

/* ---- struct sequences ---- */
/* A tuple subclass named module.name whose items are also reachable as the
 * attributes `fields` (NULL-terminated, at most 20). repr is
 * "module.name(field=value, ...)" or, when repr_prefix is given,
 * "repr_prefix(field=value, ...)". */
Type *structseq_new_type(const char *module, const char *name,
                         const char *const *fields, const char *repr_prefix);
/* An instance holding items[0..nfields). */
Value structseq_new(Type *type, const Value *items);

#endif
