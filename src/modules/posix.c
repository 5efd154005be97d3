/* posix.c — the `posix` built-in module: the few operating-system calls
 * that lib/os.py builds the `os` module on (as CPython's os sits on posix). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../objects/dict.h"
#include "../objects/function.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../vm/error.h"
#include "modules.h"

extern char **environ;

/* OSError subclass chosen from errno, message and filename as CPython's. */
static Value raise_errno(Value filename) {
    int saved = errno;
    Value args[3] = {int_from_i64(saved), str_from_cstr(strerror(saved)), filename};
    Value exc = exc_new(&Exc_OSError, args, filename ? 3 : 2);
    return exc ? err_raise(exc) : VAL_NULL;
}

static int path_arg(const char *fname, Value v, const char **out) {
    if (!val_is_str(v)) {
        err_format(&Exc_TypeError, "%s: path should be string, bytes or os.PathLike, not %s",
                   fname, val_type_name(v));
        return -1;
    }
    *out = str_data(v);
    return 0;
}

static Value posix_getcwd(Value *args, size_t nargs, Value kwnames) {
    char buf[4096];
    if (args_check_count("getcwd", nargs, 0, 0) < 0) return VAL_NULL;
    if (!getcwd(buf, sizeof buf)) return raise_errno(VAL_NULL);
    return str_from_cstr(buf);
}

static Value posix_listdir(Value *args, size_t nargs, Value kwnames) {
    const char *path = ".";
    if (args_check_count("listdir", nargs, 0, 1) < 0) return VAL_NULL;
    if (nargs == 1 && path_arg("listdir", args[0], &path) < 0) return VAL_NULL;
    DIR *dir = opendir(path);
    if (!dir) return raise_errno(nargs ? args[0] : str_from_cstr("."));
    Value list = list_new(0);
    struct dirent *e;
    while (list && (e = readdir(dir))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        Value name = str_decode_utf8(e->d_name, strlen(e->d_name));
        if (!name || list_append(list, name) < 0) list = VAL_NULL;
    }
    closedir(dir);
    return list;
}

/* One-path calls that return nothing: remove, rmdir, mkdir, chdir. */
static Value path_call(const char *fname, int (*fn)(const char *), Value *args, size_t nargs) {
    const char *path;
    if (args_check_count(fname, nargs, 1, 2) < 0 || path_arg(fname, args[0], &path) < 0)
        return VAL_NULL;
    if (fn(path) < 0) return raise_errno(args[0]);
    return VAL_NONE;
}

static int do_mkdir(const char *p) { return mkdir(p, 0777); }

static Value posix_remove(Value *a, size_t n, Value k) { return path_call("remove", unlink, a, n); }
static Value posix_rmdir(Value *a, size_t n, Value k) { return path_call("rmdir", rmdir, a, n); }
static Value posix_mkdir(Value *a, size_t n, Value k) { return path_call("mkdir", do_mkdir, a, n); }
static Value posix_chdir(Value *a, size_t n, Value k) { return path_call("chdir", chdir, a, n); }

static Value posix_rename(Value *args, size_t nargs, Value kwnames) {
    const char *from, *to;
    if (args_check_count("rename", nargs, 2, 2) < 0 || path_arg("rename", args[0], &from) < 0 ||
        path_arg("rename", args[1], &to) < 0)
        return VAL_NULL;
    if (rename(from, to) < 0) return raise_errno(args[0]);
    return VAL_NONE;
}

/* stat(path) -> (mode, size, mtime): lib/os.py wraps it in stat_result. */
static Value posix_stat(Value *args, size_t nargs, Value kwnames) {
    const char *path;
    struct stat st;
    if (args_check_count("stat", nargs, 1, 1) < 0 || path_arg("stat", args[0], &path) < 0)
        return VAL_NULL;
    if (stat(path, &st) < 0) return raise_errno(args[0]);
    double mtime = st.st_mtim.tv_sec + st.st_mtim.tv_nsec * 1e-9;
    return tuple_pack(3, int_from_i64(st.st_mode), int_from_i64(st.st_size), val_from_double(mtime));
}

static Value posix_getpid(Value *args, size_t nargs, Value kwnames) {
    return int_from_i64(getpid());
}

static Value posix_putenv(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("putenv", nargs, 2, 2) < 0) return VAL_NULL;
    if (!val_is_str(args[0]) || !val_is_str(args[1]))
        return err_format(&Exc_TypeError, "str expected");
    if (setenv(str_data(args[0]), str_data(args[1]), 1) < 0) return raise_errno(VAL_NULL);
    return VAL_NONE;
}

static Value posix_unsetenv(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("unsetenv", nargs, 1, 1) < 0) return VAL_NULL;
    if (!val_is_str(args[0])) return err_format(&Exc_TypeError, "str expected");
    unsetenv(str_data(args[0]));
    return VAL_NONE;
}

static Value environ_dict(void) {
    Value d = dict_new();
    for (char **e = environ; d && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq) continue;
        Value k = str_decode_utf8(*e, eq - *e), v = str_decode_utf8(eq + 1, strlen(eq + 1));
        if (!k || !v) { err_clear(); continue; }
        if (dict_set(d, k, v) < 0) return VAL_NULL;
    }
    return d;
}

static const MethodDef posix_functions[] = {
    {"getcwd", posix_getcwd, 0, NULL},
    {"listdir", posix_listdir, 0, NULL},
    {"remove", posix_remove, 0, NULL},
    {"unlink", posix_remove, 0, NULL},
    {"rmdir", posix_rmdir, 0, NULL},
    {"mkdir", posix_mkdir, 0, NULL},
    {"chdir", posix_chdir, 0, NULL},
    {"rename", posix_rename, 0, NULL},
    {"stat", posix_stat, 0, NULL},
    {"getpid", posix_getpid, 0, NULL},
    {"putenv", posix_putenv, 0, NULL},
    {"unsetenv", posix_unsetenv, 0, NULL},
    {NULL, NULL, 0, NULL},
};

Value posix_module_init(void) {
    Value m = module_new_cstr("posix");
    if (!m || module_add_functions(m, posix_functions) < 0) return VAL_NULL;
    Value env = environ_dict();
    if (!env || dict_set_str(module_dict(m), "environ", env) < 0) return VAL_NULL;
    if (dict_set_str(module_dict(m), "sep", str_from_cstr("/")) < 0) return VAL_NULL;
    return m;
}
