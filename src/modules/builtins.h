/* builtins.h — helpers shared by the files of the builtins module
 * (builtins.c, builtins_num.c, builtins_iter.c). */
#ifndef KRAIT_BUILTINS_H
#define KRAIT_BUILTINS_H

#include "../objects/object.h"

/* Keyword-only arguments: for each keyword in kwnames (values after the
 * nargs positionals in args), store its value in out[i] where names[i]
 * matches; an unknown keyword raises CPython's "f() got an unexpected
 * keyword argument 'x'". out[] must start as VAL_NULL. -1 on error. */
int builtin_kwargs(const char *fname, Value *args, size_t nargs, Value kwnames,
                   const char *const *names, Value *out);

#endif
