/* sys.c — the sys module, and struct sequences (named-field tuples). */
#include "sys.h"

#include <float.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/function.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/typeobj.h"
#include "../jit/jit.h"
#include "../vm/error.h"
#include "../vm/vm.h"
#include "io.h"
#include "modules.h"

#define KRAIT_VERSION "0.1"
#define PY_VERSION "3.14.0"
#define PY_HEXVERSION 0x030E00F0

CmdlineFlags krait_cmdline;

/* ---- struct sequences ---- */

#define STRUCTSEQ_MAX 20

typedef struct StructSeqType {
    Type type;
    const char *const *fields;
    size_t nfields;
    const char *repr_prefix; /* "sys.version_info" or "namespace" */
} StructSeqType;

/* Getters cannot carry an index, so there is one per position. */
#define FIELD_GETTER(i) \
    static Value structseq_get_##i(Value self) { return tuple_items(self)[i]; }
FIELD_GETTER(0) FIELD_GETTER(1) FIELD_GETTER(2) FIELD_GETTER(3)
FIELD_GETTER(4) FIELD_GETTER(5) FIELD_GETTER(6) FIELD_GETTER(7)
FIELD_GETTER(8) FIELD_GETTER(9) FIELD_GETTER(10) FIELD_GETTER(11)
FIELD_GETTER(12) FIELD_GETTER(13) FIELD_GETTER(14) FIELD_GETTER(15)
FIELD_GETTER(16) FIELD_GETTER(17) FIELD_GETTER(18) FIELD_GETTER(19)
#undef FIELD_GETTER

static const Getter structseq_getters[STRUCTSEQ_MAX] = {
    structseq_get_0, structseq_get_1, structseq_get_2, structseq_get_3,
    structseq_get_4, structseq_get_5, structseq_get_6, structseq_get_7,
    structseq_get_8, structseq_get_9, structseq_get_10, structseq_get_11,
    structseq_get_12, structseq_get_13, structseq_get_14, structseq_get_15,
    structseq_get_16, structseq_get_17, structseq_get_18, structseq_get_19,
};

static Value structseq_repr(Value self) {
    StructSeqType *st = (StructSeqType *)TYPE(self);
    Value parts = list_new(st->nfields);
    for (size_t i = 0; i < st->nfields && i < tuple_size(self); i++) {
        Value r = obj_repr(tuple_items(self)[i]);
        if (!r) return VAL_NULL;
        Value part = str_format_c("%s=%U", st->fields[i], r);
        if (!part || list_append(parts, part) < 0) return VAL_NULL;
    }
    Value body = str_join(str_from_cstr(", "), parts);
    if (!body) return VAL_NULL;
    return str_format_c("%s(%U)", st->repr_prefix, body);
}

Type *structseq_new_type(const char *module, const char *name,
                         const char *const *fields, const char *repr_prefix) {
    StructSeqType *st = gc_alloc(sizeof(StructSeqType));
    size_t n = 0;
    while (fields[n]) n++;
    GetSetDef *getset = gc_alloc((n + 1) * sizeof(GetSetDef));
    if (!st || !getset || n > STRUCTSEQ_MAX) return NULL;
    for (size_t i = 0; i < n; i++) {
        getset[i].name = fields[i];
        getset[i].get = structseq_getters[i];
    }
    if (!repr_prefix) {
        size_t len = strlen(module) + strlen(name) + 2;
        char *full = gc_alloc_atomic(len);
        if (!full) return NULL;
        snprintf(full, len, "%s.%s", module, name);
        repr_prefix = full;
    }
    Type *t = &st->type;
    t->base.type = &Type_Type;
    t->name = name;
    t->module = str_intern_cstr(module);
    t->basicsize = sizeof(TupleObject);
    t->flags = TPFLAG_TUPLE_SUBCLASS;
    TP_BASE(t) = &Tuple_Type;
    t->tp_repr = structseq_repr;
    t->getset = getset;
    st->fields = fields;
    st->nfields = n;
    st->repr_prefix = repr_prefix;
    if (type_ready(t) < 0) return NULL;
    return t;
}

Value structseq_new(Type *type, const Value *items) {
    StructSeqType *st = (StructSeqType *)type;
    Value t = tuple_from_array(items, st->nfields);
    if (!t) return VAL_NULL;
    /* A fresh non-empty tuple: retagging it makes it an instance of the
     * subclass without a second allocation path. */
    TUPLE(t)->base.type = type;
    return t;
}

/* ---- module state access ---- */

int sys_set(const char *name, Value v) {
    return dict_set_str(module_dict(sys_module), name, v);
}

Value sys_get(const char *name) {
    Value v = dict_get_str(module_dict(sys_module), name);
    if (!v && err_occurred()) err_clear();
    return v;
}

Value sys_get_stdout(void) {
    static Value name;
    if (!name) name = str_intern_cstr("stdout");
    Value v = dict_get_interned(module_dict(sys_module), name);
    if (!v && err_occurred()) err_clear();
    return v;
}

static Value list_of_cstrs(int argc, char **argv) {
    Value list = list_new((size_t)argc);
    if (!list) return VAL_NULL;
    for (int i = 0; i < argc; i++) {
        Value s = str_decode_utf8(argv[i], strlen(argv[i]));
        if (!s) {
            err_clear();
            s = str_from_cstr("?");
        }
        if (list_append(list, s) < 0) return VAL_NULL;
    }
    return list;
}

int sys_set_argv(int argc, char **argv) {
    Value list = list_of_cstrs(argc, argv);
    return list ? sys_set("argv", list) : -1;
}

int sys_set_orig_argv(int argc, char **argv) {
    Value list = list_of_cstrs(argc, argv);
    return list ? sys_set("orig_argv", list) : -1;
}

int sys_add_xoption(const char *option) {
    Value xopts = sys_get("_xoptions");
    if (!xopts) return -1;
    const char *eq = strchr(option, '=');
    Value key, value;
    if (eq) {
        key = str_new(option, (size_t)(eq - option));
        value = str_from_cstr(eq + 1);
    } else {
        key = str_from_cstr(option);
        value = VAL_TRUE;
    }
    if (!key || !value) return -1;
    return dict_set(xopts, key, value);
}

static char executable_path[4096];
static char executable_dir[4096];

static void find_executable(void) {
    ssize_t n = readlink("/proc/self/exe", executable_path, sizeof executable_path - 1);
    if (n <= 0) n = 0;
    executable_path[n] = 0;
    memcpy(executable_dir, executable_path, (size_t)n + 1);
    char *slash = strrchr(executable_dir, '/');
    if (slash) *(slash == executable_dir ? slash + 1 : slash) = 0;
}

const char *sys_executable_dir(void) {
    if (!executable_dir[0]) find_executable();
    return executable_dir;
}

int sys_init_path(Value first, bool ignore_env) {
    Value path = list_new(4);
    if (!path) return -1;
    if (first && list_append(path, first) < 0) return -1;
    const char *env = ignore_env ? NULL : getenv("PYTHONPATH");
    while (env && *env) {
        const char *colon = strchr(env, ':');
        size_t len = colon ? (size_t)(colon - env) : strlen(env);
        if (len > 0) {
            Value entry = str_new(env, len);
            if (!entry) err_clear();
            else if (list_append(path, entry) < 0) return -1;
        }
        env = colon ? colon + 1 : NULL;
    }
    Value lib = str_format_c("%s/lib", sys_executable_dir());
    if (!lib || list_append(path, lib) < 0) return -1;
    return sys_set("path", path);
}

/* ---- functions ---- */

static Value sys_exit(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("exit", kwnames) < 0 || args_check_count("exit", nargs, 0, 1) < 0)
        return VAL_NULL;
    Value exc = exc_new(&Exc_SystemExit, args, nargs);
    return exc ? err_raise(exc) : VAL_NULL;
}

static Value sys_getrecursionlimit(Value *args, size_t nargs, Value kwnames) {
    return int_from_i64(vm_recursion_limit);
}

static Value sys_setrecursionlimit(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("setrecursionlimit", kwnames) < 0 ||
        args_check_count("setrecursionlimit", nargs, 1, 1) < 0)
        return VAL_NULL;
    if (!val_is_int(args[0]))
        return err_format(&Exc_TypeError, "'%s' object cannot be interpreted as an integer",
                          val_type_name(args[0]));
    int64_t limit;
    if (!int_as_i64(args[0], &limit) || limit > INT_MAX)
        return err_format(&Exc_OverflowError, "Python int too large to convert to C int");
    if (limit < 1)
        return err_format(&Exc_ValueError, "recursion limit must be greater or equal than 1");
    vm_recursion_limit = (int)limit;
    return VAL_NONE;
}

static Value traceback_of(Value exc) {
    Value tb = EXC(exc)->traceback;
    return tb ? tb : VAL_NONE;
}

static Value sys_exc_info(Value *args, size_t nargs, Value kwnames) {
    Value exc = vm_handled_exception();
    if (!exc || val_is_none(exc)) return tuple_pack(3, VAL_NONE, VAL_NONE, VAL_NONE);
    return tuple_pack(3, val_from_ptr(val_type(exc)), exc, traceback_of(exc));
}

static Value sys_exception(Value *args, size_t nargs, Value kwnames) {
    Value exc = vm_handled_exception();
    return exc ? exc : VAL_NONE;
}

static Value sys_intern(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("intern", nargs, 1, 1) < 0) return VAL_NULL;
    if (!val_is_str_exact(args[0]))
        return err_format(&Exc_TypeError, "intern() argument must be str, not %s",
                          val_type_name(args[0]));
    return str_intern(args[0]);
}

static Value sys_get_int_max_str_digits(Value *args, size_t nargs, Value kwnames) {
    return int_from_i64(int_max_str_digits);
}

static Value sys_set_int_max_str_digits(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"maxdigits", NULL};
    Value v;
    if (args_parse("set_int_max_str_digits", args, nargs, kwnames, names, 0, 1, &v) < 0)
        return VAL_NULL;
    int64_t digits;
    if (obj_index_i64(v, &digits) < 0) return VAL_NULL;
    if (digits != 0 && (digits < 640 || digits > INT_MAX))
        return err_format(&Exc_ValueError, "maxdigits must be 0 or larger than 640");
    int_max_str_digits = (int)digits;
    return VAL_NONE;
}

static Value sys_getsizeof(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"object", "default", NULL};
    Value v[2];
    if (args_parse("getsizeof", args, nargs, kwnames, names, 0, 1, v) < 0) return VAL_NULL;
    Value method = type_lookup(val_type(v[0]), name___sizeof__);
    if (method) {
        Value size = obj_call_method(v[0], "__sizeof__", NULL, 0);
        if (size) return obj_binary_op(size, val_from_smallint(16), NB_ADD);
        if (!v[1]) return VAL_NULL;
        err_clear();
        return v[1];
    }
    /* No __sizeof__: an estimate from the instance layout. */
    int64_t len = 0;
    Type *t = val_type(v[0]);
    if (t->sq_length) {
        len = obj_len(v[0]);
        if (len < 0) {
            err_clear();
            len = 0;
        }
    }
    size_t item = (t->flags & (TPFLAG_TUPLE_SUBCLASS | TPFLAG_LIST_SUBCLASS)) ? 8 : 1;
    return int_from_i64((int64_t)(t->basicsize + 16 + (size_t)len * item));
}

static Value sys_getrefcount(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("getrefcount", nargs, 1, 1) < 0) return VAL_NULL;
    return val_from_smallint(2); /* no reference counts exist; CPython's usual answer */
}

static Value sys_getdefaultencoding(Value *args, size_t nargs, Value kwnames) {
    return str_from_cstr("utf-8");
}

static Value sys_getfilesystemencodeerrors(Value *args, size_t nargs, Value kwnames) {
    return str_from_cstr("surrogateescape");
}

static Value sys_is_finalizing(Value *args, size_t nargs, Value kwnames) {
    return VAL_FALSE;
}

/* sys.displayhook: what the interactive prompt does with a value. */
static Value sys_displayhook(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("displayhook", kwnames) < 0 ||
        args_check_count("displayhook", nargs, 1, 1) < 0)
        return VAL_NULL;
    Value v = args[0];
    if (val_is_none(v)) return VAL_NONE;
    Value underscore = str_intern_cstr("_");
    if (dict_set(vm_builtins_dict, underscore, VAL_NONE) < 0) return VAL_NULL;
    Value text = obj_repr(v);
    if (!text) return VAL_NULL;
    Value out = sys_get("stdout");
    if (!out || val_is_none(out)) return err_format(&Exc_RuntimeError, "lost sys.stdout");
    if (io_write_str(out, text) < 0 || io_write_str(out, str_from_cstr("\n")) < 0)
        return VAL_NULL;
    if (dict_set(vm_builtins_dict, underscore, v) < 0) return VAL_NULL;
    return VAL_NONE;
}

/* sys.excepthook(type, value, traceback): the default traceback printer. */
static Value sys_excepthook(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("excepthook", kwnames) < 0 ||
        args_check_count("excepthook", nargs, 3, 3) < 0)
        return VAL_NULL;
    Value out = sys_get("stdout");
    if (out && !val_is_none(out) && io_flush(out) < 0) err_clear();
    if (val_is_exception(args[1])) err_print(args[1]);
    return VAL_NONE;
}

static const MethodDef sys_functions[] = {
    {"displayhook", sys_displayhook, METH_DEFAULT, NULL},
    {"__displayhook__", sys_displayhook, METH_DEFAULT, NULL},
    {"excepthook", sys_excepthook, METH_DEFAULT, NULL},
    {"__excepthook__", sys_excepthook, METH_DEFAULT, NULL},
    {"exit", sys_exit, METH_DEFAULT, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, METH_DEFAULT, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, METH_DEFAULT, NULL},
    {"exc_info", sys_exc_info, METH_DEFAULT, NULL},
    {"exception", sys_exception, METH_DEFAULT, NULL},
    {"intern", sys_intern, METH_DEFAULT, NULL},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, METH_DEFAULT, NULL},
    {"set_int_max_str_digits", sys_set_int_max_str_digits, METH_DEFAULT, NULL},
    {"getsizeof", sys_getsizeof, METH_DEFAULT, NULL},
    {"getrefcount", sys_getrefcount, METH_DEFAULT, NULL},
    {"getdefaultencoding", sys_getdefaultencoding, METH_DEFAULT, NULL},
    {"getfilesystemencoding", sys_getdefaultencoding, METH_DEFAULT, NULL},
    {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors, METH_DEFAULT, NULL},
    {"is_finalizing", sys_is_finalizing, METH_DEFAULT, NULL},
    {NULL},
};

/* sys._jit: the JIT's switches as CPython 3.14 names them; the answers
 * come from src/jit (jit/jit.h). Enabled: -X jit[=0|1] (sys._xoptions)
 * overrides PYTHON_JIT, which overrides the default (on where stencils
 * were built); never enabled when unavailable. */
static Value jit_is_available(Value *args, size_t nargs, Value kwnames) {
    return val_bool(jit_available());
}

static Value jit_is_enabled(Value *args, size_t nargs, Value kwnames) {
    if (!jit_available()) return VAL_FALSE;
    Value xopts = sys_get("_xoptions");
    Value opt = xopts && val_is_type_exact(xopts, &Dict_Type) ? dict_get_str(xopts, "jit") : VAL_NULL;
    if (opt && val_is_type_exact(opt, &Str_Type)) return val_bool(strcmp(str_data(opt), "0") != 0);
    if (opt) return VAL_TRUE; /* a bare -X jit */
    return val_bool(jit_enabled_by_default());
}

static Value jit_is_active(Value *args, size_t nargs, Value kwnames) {
    return val_bool(jit_active());
}

static const MethodDef jit_functions[] = {
    {"is_available", jit_is_available, METH_DEFAULT, NULL},
    {"is_enabled", jit_is_enabled, METH_DEFAULT, NULL},
    {"is_active", jit_is_active, METH_DEFAULT, NULL},
    {NULL},
};

/* ---- the module's data ---- */

static const char *const version_info_fields[] = {"major", "minor", "micro",
                                                  "releaselevel", "serial", NULL};
static const char *const float_info_fields[] = {
    "max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig",
    "mant_dig", "epsilon", "radix", "rounds", NULL};
static const char *const int_info_fields[] = {
    "bits_per_digit", "sizeof_digit", "default_max_str_digits",
    "str_digits_check_threshold", NULL};
static const char *const implementation_fields[] = {
    "name", "cache_tag", "version", "hexversion", "_multiarch", NULL};
static const char *const flags_fields[] = {
    "debug", "inspect", "interactive", "optimize", "dont_write_bytecode",
    "no_user_site", "no_site", "ignore_environment", "verbose", "bytes_warning",
    "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode",
    "warn_default_encoding", "safe_path", "int_max_str_digits", NULL};

static Value make_version_info(Type *type, int major, int minor, int micro,
                               const char *level, int serial) {
    Value items[5] = {val_from_smallint(major), val_from_smallint(minor),
                      val_from_smallint(micro), str_from_cstr(level),
                      val_from_smallint(serial)};
    return structseq_new(type, items);
}

static Value make_float_info(void) {
    Type *t = structseq_new_type("sys", "float_info", float_info_fields, NULL);
    if (!t) return VAL_NULL;
    Value items[11] = {
        val_from_double(DBL_MAX), val_from_smallint(DBL_MAX_EXP),
        val_from_smallint(DBL_MAX_10_EXP), val_from_double(DBL_MIN),
        val_from_smallint(DBL_MIN_EXP), val_from_smallint(DBL_MIN_10_EXP),
        val_from_smallint(DBL_DIG), val_from_smallint(DBL_MANT_DIG),
        val_from_double(DBL_EPSILON), val_from_smallint(FLT_RADIX),
        val_from_smallint(FLT_ROUNDS)};
    return structseq_new(t, items);
}

static Value make_int_info(void) {
    Type *t = structseq_new_type("sys", "int_info", int_info_fields, NULL);
    if (!t) return VAL_NULL;
    Value items[4] = {val_from_smallint(30), val_from_smallint(4), val_from_smallint(4300),
                      val_from_smallint(640)};
    return structseq_new(t, items);
}

static Value make_flags(void) {
    Type *t = structseq_new_type("sys", "flags", flags_fields, NULL);
    if (!t) return VAL_NULL;
    const CmdlineFlags *f = &krait_cmdline;
    Value items[18] = {
        val_from_smallint(0), val_from_smallint(f->inspect), val_from_smallint(0),
        val_from_smallint(f->optimize), val_from_smallint(f->dont_write_bytecode),
        val_from_smallint(f->isolated), val_from_smallint(f->no_site),
        val_from_smallint(f->ignore_environment), val_from_smallint(f->verbose),
        val_from_smallint(f->bytes_warning), val_from_smallint(f->quiet),
        val_from_smallint(0), val_from_smallint(f->isolated), VAL_FALSE,
        val_from_smallint(0), val_from_smallint(0), val_bool(f->safe_path),
        val_from_smallint(int_max_str_digits)};
    return structseq_new(t, items);
}

static int add_versions(Value d) {
    Type *vi_type = structseq_new_type("sys", "version_info", version_info_fields, NULL);
    if (!vi_type) return -1;
    Value version_info = make_version_info(vi_type, 3, 14, 0, "final", 0);
    Value impl_version = make_version_info(vi_type, 0, 1, 0, "alpha", 0);
    Type *impl_type = structseq_new_type("types", "SimpleNamespace", implementation_fields,
                                         "namespace");
    if (!version_info || !impl_version || !impl_type) return -1;
    Value impl_items[5] = {str_from_cstr("krait"), VAL_NONE, impl_version,
                           int_from_i64(0x000100A0), str_from_cstr("x86_64-linux-gnu")};
    Value implementation = structseq_new(impl_type, impl_items);
#ifdef __VERSION__
    const char *compiler = "[GCC " __VERSION__ "]";
#else
    const char *compiler = "[unknown compiler]";
#endif
    Value version = str_format_c("%s (krait %s) %s", PY_VERSION, KRAIT_VERSION, compiler);
    if (!implementation || !version) return -1;
    if (dict_set_str(d, "version_info", version_info) < 0 ||
        dict_set_str(d, "implementation", implementation) < 0 ||
        dict_set_str(d, "version", version) < 0 ||
        dict_set_str(d, "hexversion", int_from_i64(PY_HEXVERSION)) < 0 ||
        dict_set_str(d, "api_version", val_from_smallint(1013)) < 0)
        return -1;
    return 0;
}

static int add_streams(Value d) {
    struct { const char *name, *dunder; Value stream; } streams[] = {
        {"stdin", "__stdin__", io_stdin},
        {"stdout", "__stdout__", io_stdout},
        {"stderr", "__stderr__", io_stderr},
    };
    for (size_t i = 0; i < 3; i++) {
        if (dict_set_str(d, streams[i].name, streams[i].stream) < 0 ||
            dict_set_str(d, streams[i].dunder, streams[i].stream) < 0)
            return -1;
    }
    return 0;
}

static int add_constants(Value d) {
    const char *dir = sys_executable_dir();
    Value exe = str_from_cstr(executable_path);
    Value prefix = str_from_cstr(dir);
    struct { const char *name; Value v; } items[] = {
        {"maxsize", int_from_i64(INT64_MAX)},
        {"maxunicode", val_from_smallint(0x10FFFF)},
        {"byteorder", str_from_cstr("little")},
        {"platform", str_from_cstr("linux")},
        {"executable", exe},
        {"_base_executable", exe},
        {"prefix", prefix},
        {"base_prefix", prefix},
        {"exec_prefix", prefix},
        {"base_exec_prefix", prefix},
        {"platlibdir", str_from_cstr("lib")},
        {"abiflags", str_from_cstr("")},
        {"float_repr_style", str_from_cstr("short")},
        {"copyright", str_from_cstr("Copyright (c) the krait authors.")},
        {"dont_write_bytecode", val_bool(krait_cmdline.dont_write_bytecode)},
        {"pycache_prefix", VAL_NONE},
        {"float_info", make_float_info()},
        {"int_info", make_int_info()},
        {"flags", make_flags()},
        {"_xoptions", dict_new()},
        {"warnoptions", list_new(0)},
        {"meta_path", list_new(0)},
        {"path_hooks", list_new(0)},
        {"path_importer_cache", dict_new()},
        {"argv", list_new(0)},
        {"orig_argv", list_new(0)},
        {"path", list_new(0)},
        {"modules", vm_sys_modules},
    };
    for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
        if (!items[i].v || dict_set_str(d, items[i].name, items[i].v) < 0) return -1;
    }
    return 0;
}

static Value make_jit_module(void) {
    Value jit = module_new_cstr("sys._jit");
    if (!jit || module_add_functions(jit, jit_functions) < 0) return VAL_NULL;
    return jit;
}

Value sys_module_init(void) {
    find_executable();
    Value m = module_new_cstr("sys");
    if (!m || module_add_functions(m, sys_functions) < 0) return VAL_NULL;
    sys_module = m;
    Value d = module_dict(m);
    Value jit = make_jit_module();
    if (!jit || dict_set_str(d, "_jit", jit) < 0) return VAL_NULL;
    if (add_versions(d) < 0 || add_streams(d) < 0 || add_constants(d) < 0) return VAL_NULL;
    return m;
}
