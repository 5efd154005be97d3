/* runmain.c — running a program as __main__: a file, a -c string, a -m
 * module, stdin, or a minimal interactive prompt. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../objects/dict.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "error.h"
#include "import.h"
#include "vm.h"

const char *krait_program_name = "krait";

/* ---- paths ---- */

char *path_absolute(const char *path) {
    char cwd[4096];
    const char *prefix = "";
    if (path[0] != '/') {
        if (!getcwd(cwd, sizeof cwd)) return NULL;
        prefix = cwd;
    }
    size_t len = strlen(prefix) + strlen(path) + 2;
    char *joined = gc_alloc_atomic(len), *out = gc_alloc_atomic(len + 1);
    if (!joined || !out) return NULL;
    snprintf(joined, len, "%s/%s", prefix, path);
    /* Normalise: drop empty and "." components, let ".." pop one. */
    size_t o = 0;
    for (char *p = joined; *p;) {
        while (*p == '/') p++;
        char *end = p;
        while (*end && *end != '/') end++;
        size_t n = (size_t)(end - p);
        if (n == 0 || (n == 1 && p[0] == '.')) {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (o > 0 && out[o - 1] != '/') o--;
            if (o > 0) o--;
        } else {
            out[o++] = '/';
            memcpy(out + o, p, n);
            o += n;
        }
        p = end;
    }
    if (o == 0) out[o++] = '/';
    out[o] = 0;
    return out;
}

/* ---- the __main__ module ---- */

static Value new_main_module(void) {
    Value module = module_new(name___main__);
    if (!module) return VAL_NULL;
    Value d = module_dict(module);
    /* CPython gives __main__ the builtins module itself (other modules get
     * its dict); both forms are accepted by the VM's builtins lookup. */
    Value builtins = dict_get_str(vm_sys_modules, "builtins");
    if (dict_set(d, name___builtins__, builtins ? builtins : vm_builtins_dict) < 0 ||
        dict_set(d, name___package__, VAL_NONE) < 0 ||
        dict_set(d, name___spec__, VAL_NONE) < 0 ||
        dict_set(d, name___loader__, VAL_NONE) < 0 ||
        dict_set(vm_sys_modules, name___main__, module) < 0)
        return VAL_NULL;
    return module;
}

static int run_source(Value module, const char *src, size_t len, const char *filename) {
    Value code = vm_compile(src, len, filename, PARSE_FILE);
    if (!code) return -1;
    Value d = module_dict(module);
    return vm_eval_code(code, d, d) ? 0 : -1;
}

int vm_run_main_string(const char *src) {
    Value module = new_main_module();
    if (!module) return -1;
    return run_source(module, src, strlen(src), "<string>");
}

static int cant_open(const char *path, int err) {
    fflush(stdout);
    fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", krait_program_name, path, err,
            strerror(err));
    return 2;
}

int vm_run_main_file(const char *path) {
    char *abs = path_absolute(path);
    if (!abs) return (err_no_memory(), -1);
    struct stat sb;
    if (stat(abs, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        /* A directory runs its __main__.py, as CPython does. */
        size_t len = strlen(abs) + sizeof "/__main__.py";
        char *main_py = gc_alloc_atomic(len);
        if (!main_py) return (err_no_memory(), -1);
        snprintf(main_py, len, "%s/__main__.py", abs);
        if (access(main_py, R_OK) != 0) {
            /* CPython names the directory as cwd + "/" + path, unnormalised */
            char cwd[4096];
            bool relative = path[0] != '/' && getcwd(cwd, sizeof cwd);
            fflush(stdout);
            fprintf(stderr, "%s: can't find '__main__' module in '%s%s%s'\n",
                    krait_program_name, relative ? cwd : "", relative ? "/" : "", path);
            return 1;
        }
        abs = main_py;
    }
    int fd = open(abs, O_RDONLY);
    if (fd < 0) return cant_open(abs, errno);
    close(fd);
    size_t size;
    char *src = import_read_source(abs, &size);
    if (!src) {
        err_clear();
        return cant_open(abs, errno ? errno : EIO);
    }
    Value module = new_main_module();
    if (!module) return -1;
    if (dict_set(module_dict(module), name___file__, str_from_cstr(abs)) < 0) return -1;
    return run_source(module, src, size, abs);
}

/* ---- -m ---- */

static int module_error(const char *fmt, const char *a, const char *b, const char *c) {
    fflush(stdout);
    fprintf(stderr, "%s: ", krait_program_name);
    fprintf(stderr, fmt, a, b, c);
    fputc('\n', stderr);
    return 1;
}

/* Locate fullname; a package means its __main__ submodule. 1 found, or an
 * exit status (>1 never) after printing, or -1 with an exception. */
static int locate_main_module(Value *fullname, ModuleLocation *loc) {
    int rc = import_locate(*fullname, loc);
    if (rc < 0) {
        Value exc = err_fetch();
        Value text = obj_str(exc);
        if (!text) {
            err_clear();
            text = str_from_cstr("");
        }
        Value quoted = obj_repr(*fullname);
        fflush(stdout);
        fprintf(stderr, "%s: Error while finding module specification for %s (%s: %s)\n",
                krait_program_name, quoted ? str_data(quoted) : "?", val_type_name(exc),
                str_data(text));
        err_clear();
        return 1;
    }
    if (rc == 0) return module_error("No module named %s", str_data(*fullname), "", "");
    if (!loc->is_package) return 0;
    /* Run the package's __main__: the package itself is imported first. */
    if (!import_module_cstr(str_data(*fullname))) return -1;
    Value pkg = *fullname;
    *fullname = str_format_c("%U.__main__", pkg);
    if (!*fullname) return -1;
    rc = import_locate(*fullname, loc);
    if (rc < 0) return -1;
    if (rc == 0 || loc->is_package)
        return module_error("No module named %s.__main__; '%s' is a package and cannot be "
                            "directly executed", str_data(pkg), str_data(pkg), "");
    return 0;
}

int vm_run_main_module(const char *name) {
    if (name[0] == '.')
        return module_error("Relative module names not supported", "", "", "");
    Value fullname = str_from_cstr(name);
    if (!fullname) return -1;
    ModuleLocation loc;
    int rc = locate_main_module(&fullname, &loc);
    if (rc != 0) return rc;
    if (!loc.file) return module_error("No module named %s", name, "", "");
    size_t size;
    char *src = import_read_source(str_data(loc.file), &size);
    if (!src) return -1;
    /* sys.argv[0] becomes the module's path, as runpy does. */
    Value sys = dict_get_str(vm_sys_modules, "sys");
    Value argv = sys ? obj_lookup_attr(sys, str_intern_cstr("argv")) : VAL_NULL;
    if (argv && val_is_list(argv) && list_size(argv) > 0) list_items(argv)[0] = loc.file;
    if (err_occurred()) err_clear();
    Value module = new_main_module();
    if (!module) return -1;
    const char *s = str_data(fullname);
    const char *dot = strrchr(s, '.');
    Value package = dot ? str_new(s, (size_t)(dot - s)) : str_from_cstr("");
    Value d = module_dict(module);
    if (!package || dict_set(d, name___file__, loc.file) < 0 ||
        dict_set(d, name___package__, package) < 0)
        return -1;
    return run_source(module, src, size, str_data(loc.file));
}

/* ---- stdin and the interactive prompt ---- */

static char *read_all_stdin(size_t *size) {
    size_t cap = 8192, len = 0;
    char *buf = gc_alloc_atomic(cap + 1);
    while (buf) {
        ssize_t n = read(0, buf + len, cap - len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        len += (size_t)n;
        if (len == cap) {
            char *grown = gc_alloc_atomic(cap * 2 + 1);
            if (grown) memcpy(grown, buf, len);
            buf = grown;
            cap *= 2;
        }
    }
    if (!buf) return NULL;
    buf[len] = 0;
    *size = len;
    return buf;
}

/* Does this statement need more lines? A line ending in ':' opens a block
 * that an empty line closes; unbalanced brackets continue too. */
static bool needs_more(const char *src, size_t len, bool in_block) {
    int depth = 0;
    for (size_t i = 0; i < len; i++) {
        char c = src[i];
        if (c == '(' || c == '[' || c == '{') depth++;
        else if (c == ')' || c == ']' || c == '}') depth--;
    }
    if (depth > 0) return true;
    size_t end = len;
    while (end > 0 && (src[end - 1] == '\n' || src[end - 1] == ' ')) end--;
    if (end > 0 && (src[end - 1] == ':' || src[end - 1] == '\\')) return true;
    return in_block && !(len >= 1 && src[len - 1] == '\n' && (len == 1 || src[len - 2] == '\n'));
}

static int repl(Value module) {
    Value d = module_dict(module);
    char line[4096];
    for (;;) {
        size_t cap = 4096, len = 0;
        char *src = gc_alloc_atomic(cap);
        bool in_block = false;
        if (!src) return (err_no_memory(), -1);
        for (;;) {
            fputs(len == 0 ? ">>> " : "... ", stdout);
            fflush(stdout);
            if (!fgets(line, sizeof line, stdin)) {
                if (ferror(stdin) && errno == EINTR) {
                    /* Ctrl-C at the prompt drops the pending input. */
                    clearerr(stdin);
                    vm_pending_signal = 0;
                    fputs("\nKeyboardInterrupt\n", stdout);
                    len = 0;
                    in_block = false;
                    continue;
                }
                fputc('\n', stdout);
                return 0;
            }
            size_t n = strlen(line);
            if (len + n + 1 > cap) {
                char *grown = gc_alloc_atomic(cap * 2 + n);
                if (!grown) return (err_no_memory(), -1);
                memcpy(grown, src, len);
                src = grown;
                cap = cap * 2 + n;
            }
            memcpy(src + len, line, n + 1);
            len += n;
            if (len == 1 && src[0] == '\n') break;
            if (!needs_more(src, len, in_block)) break;
            in_block = true;
        }
        Value code = vm_compile(src, len, "<stdin>", PARSE_SINGLE);
        if (code && vm_eval_code(code, d, d)) continue;
        if (err_matches(&Exc_SystemExit)) return -1;
        Value exc = err_fetch();
        fflush(stdout);
        err_print(exc);
    }
}

int vm_run_main_stdin(void) {
    Value module = new_main_module();
    if (!module) return -1;
    if (isatty(0)) return repl(module);
    size_t size;
    char *src = read_all_stdin(&size);
    if (!src) return (err_no_memory(), -1);
    return run_source(module, src, size, "<stdin>");
}
