/* import.c — the import system: built-in module registry, sys.path search
 * for NAME.py and NAME/__init__.py (and namespace packages), packages and
 * submodules, relative imports, from-lists and `import *`.
 *
 * It follows importlib's observable behaviour (sys.modules holds a module
 * before its code runs and loses it again if the code fails; a submodule is
 * bound as an attribute of its parent after loading; messages match
 * CPython's) without importlib itself: no specs, loaders or finders. */
#include "import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../objects/dict.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "error.h"
#include "vm.h"

/* Weak so that whichever area ends up defining these owns them; the import
 * system only needs them to exist. */
__attribute__((weak)) Value vm_builtins_dict;
__attribute__((weak)) Value vm_sys_modules;

/* ---- the built-in module registry ---- */

typedef struct BuiltinModule {
    const char *name;
    BuiltinModuleInit init;
} BuiltinModule;

#define MAX_BUILTIN_MODULES 128
static BuiltinModule builtin_modules[MAX_BUILTIN_MODULES];
static size_t n_builtin_modules;

void vm_register_builtin_module(const char *name, BuiltinModuleInit init) {
    for (size_t i = 0; i < n_builtin_modules; i++) {
        if (!strcmp(builtin_modules[i].name, name)) {
            builtin_modules[i].init = init;
            return;
        }
    }
    if (n_builtin_modules < MAX_BUILTIN_MODULES)
        builtin_modules[n_builtin_modules++] = (BuiltinModule){name, init};
}

static BuiltinModuleInit find_builtin(Value name) {
    for (size_t i = 0; i < n_builtin_modules; i++)
        if (!strcmp(builtin_modules[i].name, str_data(name))) return builtin_modules[i].init;
    return NULL;
}

Value import_builtin_module_names(void) {
    Value names = list_new(n_builtin_modules);
    if (!names) return VAL_NULL;
    for (size_t i = 0; i < n_builtin_modules; i++)
        if (list_append(names, str_from_cstr(builtin_modules[i].name)) < 0) return VAL_NULL;
    if (list_sort(names, VAL_NULL, false) < 0) return VAL_NULL;
    return tuple_from_array(list_items(names), list_size(names));
}

/* ---- small helpers ---- */

/* Modules whose code is running right now (name -> True): lets
 * IMPORT_FROM say "partially initialized module". */
static Value initializing;

bool import_is_initializing(Value name) {
    if (!initializing || !val_is_str(name)) return false;
    Value v = dict_get(initializing, name);
    if (!v && err_occurred()) err_clear();
    return v != VAL_NULL;
}

static Value sys_modules_get(Value name) {
    Value m = dict_get(vm_sys_modules, name);
    if (!m && err_occurred()) return VAL_NULL;
    return m;
}

static Value raise_import_error(Type *type, Value msg, Value name, Value path) {
    Value exc = exc_new(type, &msg, 1);
    if (!exc) return VAL_NULL;
    /* name/path are plain attributes; a failing setattr must not hide
     * the import error itself. */
    if (name && obj_setattr(exc, name_name, name) < 0) err_clear();
    if (path && obj_setattr(exc, str_intern_cstr("path"), path) < 0) err_clear();
    return err_raise(exc);
}

static Value module_not_found(Value fullname, const char *suffix_fmt, Value parent) {
    Value msg = suffix_fmt ? str_format_c("No module named %R; %R is not a package", fullname,
                                          parent)
                           : str_format_c("No module named %R", fullname);
    if (!msg) return VAL_NULL;
    return raise_import_error(&Exc_ModuleNotFoundError, msg, fullname, VAL_NULL);
}

/* sys.path, found through sys.modules (import.c sits below the modules). */
static Value sys_path(void) {
    Value sys = dict_get_str(vm_sys_modules, "sys");
    if (!sys) return VAL_NULL;
    Value path = obj_lookup_attr(sys, str_intern_cstr("path"));
    return path && !val_is_none(path) ? path : VAL_NULL;
}

static bool is_file(const char *path) {
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static bool is_dir(const char *path) {
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* "dir/name" + suffix; '' stands for the current directory, made absolute
 * as importlib's FileFinder does. */
static char *join_path(const char *dir, const char *name, const char *suffix) {
    char cwd[4096];
    if (!*dir) {
        if (!getcwd(cwd, sizeof cwd)) return NULL;
        dir = cwd;
    }
    size_t dlen = strlen(dir), nlen = strlen(name), slen = strlen(suffix);
    char *out = gc_alloc_atomic(dlen + nlen + slen + 2);
    if (!out) return NULL;
    memcpy(out, dir, dlen);
    size_t pos = dlen;
    if (dlen == 0 || dir[dlen - 1] != '/') out[pos++] = '/';
    memcpy(out + pos, name, nlen);
    memcpy(out + pos + nlen, suffix, slen + 1);
    return out;
}

char *import_read_source(const char *path, size_t *size) {
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        int err = errno;
        Value args[3] = {val_from_smallint(err), str_from_cstr(strerror(err)), str_from_cstr(path)};
        Type *type = err == ENOENT ? &Exc_FileNotFoundError
                   : err == EACCES ? &Exc_PermissionError
                   : err == EISDIR ? &Exc_IsADirectoryError : &Exc_OSError;
        Value exc = exc_new(type, args, 3);
        if (exc) err_raise(exc);
        return NULL;
    }
    size_t cap = 8192, len = 0;
    char *buf = gc_alloc_atomic(cap + 1);
    for (;;) {
        if (!buf) {
            fclose(fp);
            err_no_memory();
            return NULL;
        }
        len += fread(buf + len, 1, cap - len, fp);
        if (len < cap) break;
        char *grown = gc_alloc_atomic(cap * 2 + 1);
        if (grown) memcpy(grown, buf, len);
        buf = grown;
        cap *= 2;
    }
    bool failed = ferror(fp);
    int err = errno;
    fclose(fp);
    if (failed) {
        Value args[3] = {val_from_smallint(err), str_from_cstr(strerror(err)), str_from_cstr(path)};
        Value exc = exc_new(err == EISDIR ? &Exc_IsADirectoryError : &Exc_OSError, args, 3);
        if (exc) err_raise(exc);
        return NULL;
    }
    buf[len] = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
        buf += 3;
        len -= 3;
    }
    *size = len;
    return buf;
}

/* ---- finding a module on a search path ---- */

/* Search `paths` (a list of directory strs) for `shortname`: a package
 * directory with __init__.py wins over NAME.py in the same directory, as
 * in importlib; a bare directory becomes a namespace package only when no
 * entry has a real module. 1 found, 0 not, -1 error. */
static int search_path(Value shortname, Value paths, ModuleLocation *loc) {
    memset(loc, 0, sizeof *loc);
    const char *name = str_data(shortname);
    Value ns_dirs = VAL_NULL;
    Value seq = obj_iter(paths);
    if (!seq) return -1;
    for (;;) {
        Value entry = obj_next(seq);
        if (!entry) {
            if (err_occurred()) return -1;
            break;
        }
        if (!val_is_str(entry)) continue;
        char *pkg_dir = join_path(str_data(entry), name, "");
        char *init = join_path(str_data(entry), name, "/__init__.py");
        char *file = join_path(str_data(entry), name, ".py");
        if (!pkg_dir || !init || !file) return (err_no_memory(), -1);
        if (is_dir(pkg_dir) && is_file(init)) {
            loc->file = str_from_cstr(init);
            loc->package_dir = str_from_cstr(pkg_dir);
            loc->is_package = true;
            return 1;
        }
        if (is_file(file)) {
            loc->file = str_from_cstr(file);
            return 1;
        }
        if (is_dir(pkg_dir)) {
            if (!ns_dirs && !(ns_dirs = list_new(1))) return -1;
            if (list_append(ns_dirs, str_from_cstr(pkg_dir)) < 0) return -1;
        }
    }
    if (ns_dirs) {
        loc->ns_path = ns_dirs;
        loc->is_package = true;
        return 1;
    }
    return 0;
}

/* ---- loading ---- */

static Value parent_name(Value fullname) {
    const char *s = str_data(fullname);
    const char *dot = strrchr(s, '.');
    if (!dot) return VAL_NULL;
    return str_new(s, (size_t)(dot - s));
}

static int init_module_dict(Value module, Value fullname, const ModuleLocation *loc) {
    Value d = module_dict(module);
    Value package = loc->is_package ? fullname : parent_name(fullname);
    if (!package) package = str_from_cstr("");
    if (dict_set(d, name___file__, loc->file ? loc->file : VAL_NONE) < 0 ||
        dict_set(d, name___package__, package) < 0 ||
        dict_set(d, name___loader__, VAL_NONE) < 0 ||
        dict_set(d, name___spec__, VAL_NONE) < 0 ||
        dict_set(d, name___builtins__, vm_builtins_dict) < 0)
        return -1;
    if (loc->is_package) {
        Value path = loc->ns_path ? loc->ns_path : list_from_array(&loc->package_dir, 1);
        if (!path || dict_set(d, name___path__, path) < 0) return -1;
    }
    return 0;
}

static int run_module_code(Value module, Value file) {
    size_t size;
    char *src = import_read_source(str_data(file), &size);
    if (!src) return -1;
    Value code = vm_compile(src, size, str_data(file), PARSE_FILE);
    if (!code) return -1;
    Value d = module_dict(module);
    return vm_eval_code(code, d, d) ? 0 : -1;
}

/* Create, register and execute a module from its location. */
static Value load_module(Value fullname, const ModuleLocation *loc) {
    Value module = module_new(fullname);
    if (!module || init_module_dict(module, fullname, loc) < 0) return VAL_NULL;
    if (dict_set(vm_sys_modules, fullname, module) < 0) return VAL_NULL;
    if (!loc->file) return module; /* namespace package: nothing to run */
    if (!initializing && !(initializing = dict_new())) return VAL_NULL;
    if (dict_set(initializing, fullname, VAL_TRUE) < 0) return VAL_NULL;
    int rc = run_module_code(module, loc->file);
    Value exc = rc < 0 ? err_fetch() : VAL_NULL;
    dict_del(initializing, fullname);
    if (rc < 0) {
        if (dict_del(vm_sys_modules, fullname) < 0) err_clear();
        err_restore(exc);
        return VAL_NULL;
    }
    /* The module may have replaced itself in sys.modules. */
    Value final = sys_modules_get(fullname);
    if (!final) {
        if (err_occurred()) return VAL_NULL;
        Value msg = str_format_c("Loaded module %U not found in sys.modules", fullname);
        return msg ? raise_import_error(&Exc_ImportError, msg, fullname, VAL_NULL) : VAL_NULL;
    }
    return final;
}

static Value load_builtin(Value fullname, BuiltinModuleInit init) {
    Value module = init();
    if (!module) return VAL_NULL;
    if (dict_set(vm_sys_modules, fullname, module) < 0) return VAL_NULL;
    return module;
}

static Value import_absolute(Value fullname);

/* The parent package of a dotted name, imported, and its __path__.
 * *path_out stays VAL_NULL (no error) when the parent is not a package. */
static Value import_parent(Value parent, Value *path_out) {
    *path_out = VAL_NULL;
    Value parent_mod = import_absolute(parent);
    if (!parent_mod) return VAL_NULL;
    Value path = obj_lookup_attr(parent_mod, name___path__);
    if (!path && err_occurred()) return VAL_NULL;
    *path_out = path;
    return parent_mod;
}

static Value cached_module(Value fullname, bool *found) {
    Value m = sys_modules_get(fullname);
    *found = m != VAL_NULL;
    if (m && val_is_none(m)) {
        *found = true;
        Value msg = str_format_c("import of %U halted; None in sys.modules", fullname);
        return msg ? raise_import_error(&Exc_ModuleNotFoundError, msg, fullname, VAL_NULL)
                   : VAL_NULL;
    }
    return m;
}

static Value import_absolute(Value fullname) {
    bool found;
    Value m = cached_module(fullname, &found);
    if (found || err_occurred()) return m;
    BuiltinModuleInit init = find_builtin(fullname);
    if (init) return load_builtin(fullname, init);

    Value parent = parent_name(fullname), parent_mod = VAL_NULL, paths;
    if (parent) {
        parent_mod = import_parent(parent, &paths);
        if (!parent_mod) return VAL_NULL;
        /* Importing the parent may have imported us already. */
        m = cached_module(fullname, &found);
        if (found || err_occurred()) return m;
        if (!paths) return module_not_found(fullname, "not a package", parent);
    } else {
        paths = sys_path();
        if (!paths) {
            if (err_occurred()) return VAL_NULL;
            return err_format(&Exc_ImportError, "sys.path must be a list of directory names");
        }
    }
    const char *dot = strrchr(str_data(fullname), '.');
    Value shortname = dot ? str_from_cstr(dot + 1) : fullname;
    ModuleLocation loc;
    int rc = search_path(shortname, paths, &loc);
    if (rc < 0) return VAL_NULL;
    if (rc == 0) return module_not_found(fullname, NULL, VAL_NULL);
    Value module = load_module(fullname, &loc);
    if (!module) return VAL_NULL;
    if (parent_mod && obj_setattr(parent_mod, str_intern(shortname), module) < 0)
        return VAL_NULL;
    return module;
}

Value import_module_cstr(const char *name) {
    Value s = str_from_cstr(name);
    return s ? import_absolute(s) : VAL_NULL;
}

int import_locate(Value fullname, ModuleLocation *loc) {
    Value parent = parent_name(fullname), paths;
    if (parent) {
        if (!import_parent(parent, &paths)) return -1;
        if (!paths) {
            /* importlib.util.find_spec's wording, which runpy reports */
            Value msg = str_format_c("__path__ attribute not found on %R while trying to find %R",
                                     parent, fullname);
            if (msg) raise_import_error(&Exc_ModuleNotFoundError, msg, fullname, VAL_NULL);
            return -1;
        }
    } else {
        paths = sys_path();
        if (!paths) return err_occurred() ? -1 : 0;
    }
    const char *dot = strrchr(str_data(fullname), '.');
    return search_path(dot ? str_from_cstr(dot + 1) : fullname, paths, loc);
}

/* ---- __import__ ---- */

static Value globals_get(Value globals, Value key) {
    if (!globals || !val_is_dict(globals)) return VAL_NULL;
    Value v = dict_get(globals, key);
    if (!v && err_occurred()) err_clear();
    return v;
}

/* The package a relative import is relative to: __package__, else
 * __spec__.parent, else __name__ (minus its last part unless __path__). */
static Value calc_package(Value globals) {
    Value package = globals_get(globals, name___package__);
    if (package && !val_is_none(package)) {
        if (!val_is_str(package))
            return err_format(&Exc_TypeError, "package must be a string");
        return package;
    }
    Value spec = globals_get(globals, name___spec__);
    if (spec && !val_is_none(spec)) return obj_getattr_cstr(spec, "parent");
    Value name = globals_get(globals, name___name__);
    if (!name || !val_is_str(name))
        return err_format(&Exc_KeyError, "'__name__' not in globals");
    if (globals_get(globals, name___path__)) return name;
    Value parent = parent_name(name);
    return parent ? parent : str_from_cstr("");
}

static Value resolve_relative(Value name, Value globals, int level) {
    Value package = calc_package(globals);
    if (!package) {
        if (!err_matches(&Exc_KeyError)) return VAL_NULL;
        err_clear();
        package = str_from_cstr("");
    }
    if (str_size(package) == 0)
        return err_format(&Exc_ImportError, "attempted relative import with no known parent package");
    /* Drop level-1 trailing components. */
    const char *s = str_data(package);
    size_t end = str_size(package);
    for (int i = 1; i < level; i++) {
        while (end > 0 && s[end - 1] != '.') end--;
        if (end == 0)
            return err_format(&Exc_ImportError, "attempted relative import beyond top-level package");
        end--;
    }
    Value base = str_new(s, end);
    if (!base || str_size(name) == 0) return base;
    return str_format_c("%U.%U", base, name);
}

static Value handle_fromlist(Value module, Value fromlist, bool from_all);

static int fromlist_item(Value module, Value item, bool from_all) {
    if (!val_is_str(item)) {
        if (from_all) {
            Value modname = obj_getattr(module, name___name__);
            if (!modname) return -1;
            return err_format_int(&Exc_TypeError, "Item in %s.__all__ must be str, not %s",
                                  val_is_str(modname) ? str_data(modname) : "?",
                                  val_type_name(item));
        }
        return err_format_int(&Exc_TypeError, "Item in ``from list'' must be str, not %s",
                              val_type_name(item));
    }
    if (!strcmp(str_data(item), "*")) {
        if (from_all) return 0;
        Value all = obj_lookup_attr(module, name___all__);
        if (!all) return err_occurred() ? -1 : 0;
        return handle_fromlist(module, all, true) ? 0 : -1;
    }
    Value have = obj_lookup_attr(module, item);
    if (have) return 0;
    if (err_occurred()) return -1;
    Value modname = obj_getattr(module, name___name__);
    if (!modname) return -1;
    Value from_name = str_format_c("%S.%U", modname, item);
    if (!from_name) return -1;
    if (import_absolute(from_name)) return 0;
    /* A missing submodule is fine here: IMPORT_FROM reports it properly. */
    if (!err_matches(&Exc_ModuleNotFoundError)) return -1;
    Value exc = err_fetch();
    Value exc_name = obj_lookup_attr(exc, name_name);
    if (!exc_name) err_clear();
    Value cached = sys_modules_get(from_name);
    if (exc_name && val_is_str(exc_name) && str_eq(exc_name, from_name) &&
        !(cached && val_is_none(cached)))
        return 0;
    err_restore(exc);
    return -1;
}

static Value handle_fromlist(Value module, Value fromlist, bool from_all) {
    Value it = obj_iter(fromlist);
    if (!it) return VAL_NULL;
    for (Value item; (item = obj_next(it));)
        if (fromlist_item(module, item, from_all) < 0) return VAL_NULL;
    return err_occurred() ? VAL_NULL : module;
}

Value vm_import(Value name, Value globals, Value fromlist, int level) {
    if (!val_is_str(name))
        return err_format(&Exc_TypeError, "module name must be a string");
    if (level < 0) return err_format(&Exc_ValueError, "level must be >= 0");
    Value resolved = name;
    if (level > 0) {
        resolved = resolve_relative(name, globals, level);
        if (!resolved) return VAL_NULL;
    } else if (str_size(name) == 0) {
        return err_format(&Exc_ValueError, "Empty module name");
    }
    Value module = import_absolute(resolved);
    if (!module) return VAL_NULL;

    int has_fromlist = fromlist && !val_is_none(fromlist) ? obj_truthy(fromlist) : 0;
    if (has_fromlist < 0) return VAL_NULL;
    if (has_fromlist) {
        Value path = obj_lookup_attr(module, name___path__);
        if (!path) return err_occurred() ? VAL_NULL : module;
        return handle_fromlist(module, fromlist, false);
    }
    /* `import a.b.c` binds a: return the top-level package of the name as
     * written (relative to the resolved base for relative imports). */
    const char *s = str_data(name);
    const char *dot = strchr(s, '.');
    if (!dot) return module;
    if (level == 0) {
        Value top = str_new(s, (size_t)(dot - s));
        return top ? import_absolute(top) : VAL_NULL;
    }
    size_t cut = str_size(name) - (size_t)(dot - s);
    Value modname = obj_getattr(module, name___name__);
    if (!modname || !val_is_str(modname)) return VAL_NULL;
    Value top = str_new(str_data(modname), str_size(modname) - cut);
    if (!top) return VAL_NULL;
    Value m = sys_modules_get(top);
    if (!m && !err_occurred())
        return err_format(&Exc_KeyError, "%s", str_data(top));
    return m;
}

/* ---- IMPORT_FROM and import * ---- */

Value vm_import_from(Value module, Value name) {
    Value v = obj_lookup_attr(module, name);
    if (v || err_occurred()) return v;
    Value pkgname = obj_lookup_attr(module, name___name__);
    if (!pkgname && err_occurred()) return VAL_NULL;
    if (pkgname && val_is_str(pkgname)) {
        Value fullname = str_format_c("%U.%U", pkgname, name);
        if (!fullname) return VAL_NULL;
        Value m = sys_modules_get(fullname);
        if (m || err_occurred()) return m;
    } else {
        pkgname = str_from_cstr("<unknown module name>");
    }
    Value file = obj_lookup_attr(module, name___file__);
    if (!file && err_occurred()) return VAL_NULL;
    Value where = file && val_is_str(file) ? file : str_from_cstr("unknown location");
    bool partial = import_is_initializing(pkgname);
    Value msg = partial
        ? str_format_c("cannot import name %R from partially initialized module %R "
                       "(most likely due to a circular import) (%U)", name, pkgname, where)
        : str_format_c("cannot import name %R from %R (%U)", name, pkgname, where);
    if (!msg) return VAL_NULL;
    return raise_import_error(&Exc_ImportError, msg, pkgname,
                              file && val_is_str(file) ? file : VAL_NULL);
}

static int store_name(Value locals, Value key, Value v) {
    if (val_is_dict(locals)) return dict_set(locals, key, v);
    return obj_setitem(locals, key, v);
}

int vm_import_star(Value module, Value locals) {
    Value all = obj_lookup_attr(module, name___all__);
    if (!all && err_occurred()) return -1;
    Value names;
    bool skip_private = false;
    if (all) {
        names = all;
    } else {
        Value d = obj_lookup_attr(module, name___dict__);
        if (!d) {
            if (!err_occurred())
                err_format(&Exc_ImportError, "from-import-* object has no __dict__ and no __all__");
            return -1;
        }
        names = val_is_dict(d) ? dict_keys_list(d) : d;
        skip_private = true;
    }
    Value it = obj_iter(names);
    if (!it) return -1;
    for (Value key; (key = obj_next(it));) {
        if (!val_is_str(key)) {
            Value modname = obj_lookup_attr(module, name___name__);
            const char *mn = modname && val_is_str(modname) ? str_data(modname) : "?";
            if (all)
                return err_format_int(&Exc_TypeError, "Item in %s.__all__ must be str, not %s",
                                      mn, val_type_name(key));
            return err_format_int(&Exc_TypeError, "Key in %s.__dict__ must be str, not %s",
                                  mn, val_type_name(key));
        }
        if (skip_private && str_data(key)[0] == '_') continue;
        Value v = obj_getattr(module, key);
        if (!v || store_name(locals, key, v) < 0) return -1;
    }
    return err_occurred() ? -1 : 0;
}
