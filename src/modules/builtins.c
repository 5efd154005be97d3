/* builtins.c — the builtins module: object-protocol functions (print, repr,
 * getattr, isinstance, …), code execution (compile, eval, exec,
 * __import__), the module table itself, and the names of the built-in
 * types, constants and exceptions. Numeric helpers live in builtins_num.c,
 * iteration helpers in builtins_iter.c. */
#include "builtins.h"

#include <string.h>

#include "../objects/bytes.h"
#include "../objects/code.h"
#include "../objects/dict.h"
#include "../objects/function.h"
#include "../objects/int.h"
#include "../objects/iterobject.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/typeobj.h"
#include "../vm/error.h"
#include "../vm/vm.h"
#include "io.h"
#include "modules.h"
#include "sys.h"

extern const MethodDef *io_open_def; /* io.c: open() */

int builtin_kwargs(const char *fname, Value *args, size_t nargs, Value kwnames,
                   const char *const *names, Value *out) {
    if (!kwnames) return 0;
    for (size_t k = 0; k < tuple_size(kwnames); k++) {
        Value key = tuple_items(kwnames)[k];
        size_t i = 0;
        while (names[i] && strcmp(names[i], str_data(key)) != 0) i++;
        if (!names[i])
            return err_format_int(&Exc_TypeError, "%s() got an unexpected keyword argument '%s'",
                                  fname, str_data(key));
        out[i] = args[nargs + k];
    }
    return 0;
}

/* ---- print / input ---- */

static int print_sep_arg(Value v, const char *what, Value *out, const char *dflt) {
    if (!v || val_is_none(v)) {
        *out = str_from_cstr(dflt);
        return 0;
    }
    if (!val_is_str(v))
        return err_format_int(&Exc_TypeError, "%s must be None or a string, not %s", what,
                              val_type_name(v));
    *out = v;
    return 0;
}

/* print's output for the real stdout, gathered so that one print is one
 * write even when stdout is unbuffered (-u, PYTHONUNBUFFERED). */
typedef struct PrintBuf {
    char *data;
    size_t len, cap;
    char local[512];
} PrintBuf;

static int printbuf_add(PrintBuf *b, Value s) {
    size_t n = str_size(s);
    if (b->len + n > b->cap) {
        size_t cap = (b->len + n) * 2;
        char *grown = gc_alloc_atomic(cap);
        if (!grown) return (err_no_memory(), -1);
        memcpy(grown, b->data, b->len);
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, str_data(s), n);
    b->len += n;
    return 0;
}

/* One piece of output: into the gathered buffer, or file.write(s). */
static int print_piece(Value file, PrintBuf *fast, Value s) {
    if (fast) return printbuf_add(fast, s);
    return io_write_str(file, s);
}

static Value builtin_print(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"sep", "end", "file", "flush", NULL};
    Value kw[4] = {0};
    if (builtin_kwargs("print", args, nargs, kwnames, names, kw) < 0) return VAL_NULL;
    Value sep, end;
    if (print_sep_arg(kw[0], "sep", &sep, " ") < 0 || print_sep_arg(kw[1], "end", &end, "\n") < 0)
        return VAL_NULL;
    Value file = kw[2] && !val_is_none(kw[2]) ? kw[2] : sys_get_stdout();
    if (!file || val_is_none(file)) return VAL_NONE;
    PrintBuf buf, *fast = NULL;
    if (file == io_stdout) {
        buf.data = buf.local;
        buf.len = 0;
        buf.cap = sizeof buf.local;
        fast = &buf;
    }
    for (size_t i = 0; i < nargs; i++) {
        if (i > 0 && print_piece(file, fast, sep) < 0) return VAL_NULL;
        Value s = val_is_str_exact(args[i]) ? args[i] : obj_str(args[i]);
        if (!s || print_piece(file, fast, s) < 0) return VAL_NULL;
    }
    if (print_piece(file, fast, end) < 0) return VAL_NULL;
    if (fast && io_write_stdout(buf.data, buf.len) < 0) return VAL_NULL;
    if (kw[3]) {
        int flush = obj_truthy(kw[3]);
        if (flush < 0 || (flush && io_flush(file) < 0)) return VAL_NULL;
    }
    return VAL_NONE;
}

static Value builtin_input(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("input", kwnames) < 0 || args_check_count("input", nargs, 0, 1) < 0)
        return VAL_NULL;
    Value in = sys_get("stdin"), out = sys_get("stdout");
    if (!in || val_is_none(in)) return err_format(&Exc_RuntimeError, "input(): lost sys.stdin");
    if (!out || val_is_none(out)) return err_format(&Exc_RuntimeError, "input(): lost sys.stdout");
    if (nargs == 1) {
        Value prompt = obj_str(args[0]);
        if (!prompt || io_write_str(out, prompt) < 0) return VAL_NULL;
    }
    if (io_flush(out) < 0) return VAL_NULL;
    Value line = obj_call_method(in, "readline", NULL, 0);
    if (!line) return VAL_NULL;
    if (!val_is_str(line))
        return err_format(&Exc_TypeError, "object.readline() returned non-string");
    size_t size = str_size(line);
    if (size == 0) return err_format(&Exc_EOFError, "EOF when reading a line");
    if (str_data(line)[size - 1] == '\n') return str_new(str_data(line), size - 1);
    return line;
}

/* ---- object protocol ---- */

static Value builtin_repr(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("repr", kwnames) < 0 || args_check_count("repr", nargs, 1, 1) < 0)
        return VAL_NULL;
    return obj_repr(args[0]);
}

static Value builtin_ascii(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("ascii", kwnames) < 0 || args_check_count("ascii", nargs, 1, 1) < 0)
        return VAL_NULL;
    return obj_ascii(args[0]);
}

static Value builtin_len(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("len", kwnames) < 0 || args_check_count("len", nargs, 1, 1) < 0)
        return VAL_NULL;
    int64_t n = obj_len(args[0]);
    return n < 0 ? VAL_NULL : int_from_i64(n);
}

static Value builtin_hash(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("hash", kwnames) < 0 || args_check_count("hash", nargs, 1, 1) < 0)
        return VAL_NULL;
    int64_t h;
    if (obj_hash(args[0], &h) < 0) return VAL_NULL;
    return int_from_i64(h);
}

static Value builtin_id(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("id", kwnames) < 0 || args_check_count("id", nargs, 1, 1) < 0)
        return VAL_NULL;
    /* Heap objects: their address. Inline ints/floats: their bits, which
     * are stable per value (like CPython's cached small ints). */
    return int_from_u64((uint64_t)args[0]);
}

static Value builtin_callable(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("callable", kwnames) < 0 || args_check_count("callable", nargs, 1, 1) < 0)
        return VAL_NULL;
    return val_bool(val_type(args[0])->tp_call != NULL);
}

static int attr_name_arg(Value name) {
    if (val_is_str(name)) return 0;
    return err_format_int(&Exc_TypeError, "attribute name must be string, not '%s'",
                          val_type_name(name));
}

static Value builtin_getattr(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("getattr", kwnames) < 0 || args_check_count("getattr", nargs, 2, 3) < 0)
        return VAL_NULL;
    if (attr_name_arg(args[1]) < 0) return VAL_NULL;
    Value name = str_intern(args[1]);
    if (nargs == 2) return obj_getattr(args[0], name);
    Value v = obj_getattr(args[0], name);
    if (v || !err_matches(&Exc_AttributeError)) return v;
    err_clear();
    return args[2];
}

static Value builtin_hasattr(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("hasattr", kwnames) < 0 || args_check_count("hasattr", nargs, 2, 2) < 0)
        return VAL_NULL;
    if (attr_name_arg(args[1]) < 0) return VAL_NULL;
    Value v = obj_getattr(args[0], str_intern(args[1]));
    if (v) return VAL_TRUE;
    if (!err_matches(&Exc_AttributeError)) return VAL_NULL;
    err_clear();
    return VAL_FALSE;
}

static Value builtin_setattr(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("setattr", kwnames) < 0 || args_check_count("setattr", nargs, 3, 3) < 0)
        return VAL_NULL;
    if (attr_name_arg(args[1]) < 0) return VAL_NULL;
    if (obj_setattr(args[0], str_intern(args[1]), args[2]) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value builtin_delattr(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("delattr", kwnames) < 0 || args_check_count("delattr", nargs, 2, 2) < 0)
        return VAL_NULL;
    if (attr_name_arg(args[1]) < 0) return VAL_NULL;
    if (obj_delattr(args[0], str_intern(args[1])) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value builtin_isinstance(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("isinstance", kwnames) < 0 ||
        args_check_count("isinstance", nargs, 2, 2) < 0)
        return VAL_NULL;
    int r = obj_isinstance(args[0], args[1]);
    return r < 0 ? VAL_NULL : val_bool(r);
}

static Value builtin_issubclass(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("issubclass", kwnames) < 0 ||
        args_check_count("issubclass", nargs, 2, 2) < 0)
        return VAL_NULL;
    int r = obj_issubclass(args[0], args[1]);
    return r < 0 ? VAL_NULL : val_bool(r);
}

static Value sorted_list(Value iterable) {
    Value list = list_from_iterable(iterable);
    if (!list || list_sort(list, VAL_NULL, false) < 0) return VAL_NULL;
    return list;
}

static Value builtin_dir(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("dir", kwnames) < 0 || args_check_count("dir", nargs, 0, 1) < 0)
        return VAL_NULL;
    if (nargs == 0) {
        Value locals = vm_current_locals();
        if (!locals) return VAL_NULL;
        return sorted_list(val_is_dict(locals) ? dict_keys_list(locals) : locals);
    }
    Value names = obj_dir(args[0]);
    return names ? sorted_list(names) : VAL_NULL;
}

static Value builtin_vars(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("vars", kwnames) < 0 || args_check_count("vars", nargs, 0, 1) < 0)
        return VAL_NULL;
    if (nargs == 0) return vm_current_locals();
    Value d = obj_lookup_attr(args[0], name___dict__);
    if (d || err_occurred()) return d;
    return err_format(&Exc_TypeError, "vars() argument must have __dict__ attribute");
}

static Value builtin_globals(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("globals", kwnames) < 0 || args_check_count("globals", nargs, 0, 0) < 0)
        return VAL_NULL;
    return vm_current_globals();
}

static Value builtin_locals(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("locals", kwnames) < 0 || args_check_count("locals", nargs, 0, 0) < 0)
        return VAL_NULL;
    return vm_current_locals();
}

static Value builtin_format(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"value", "format_spec", NULL};
    Value v[2];
    if (args_parse("format", args, nargs, kwnames, names, 2, 1, v) < 0) return VAL_NULL;
    Value spec = v[1] ? v[1] : str_from_cstr("");
    if (!val_is_str(spec))
        return err_format(&Exc_TypeError, "format() argument 2 must be str, not %s",
                          val_type_name(spec));
    return obj_format(v[0], spec);
}

static Value builtin_breakpoint(Value *args, size_t nargs, Value kwnames) {
    return VAL_NONE; /* no debugger: sys.breakpointhook's effect is a no-op */
}

/* ---- compile / eval / exec ---- */

/* The text of a source argument (str or bytes); NULL + TypeError otherwise. */
static const char *source_text(Value source, const char *fname, const char *kinds,
                               size_t *size) {
    const char *data;
    if (val_is_str(source)) {
        data = str_data(source);
        *size = str_size(source);
    } else if (val_is_ptr(source) && (TYPE(source)->flags & TPFLAG_BYTES_SUBCLASS)) {
        data = BYTES(source)->data;
        *size = BYTES(source)->size;
    } else if (val_is_ptr(source) && type_is_subtype(TYPE(source), &ByteArray_Type)) {
        data = BYTEARRAY(source)->data;
        *size = BYTEARRAY(source)->size;
    } else {
        err_format(&Exc_TypeError, "%s() arg 1 must be a %s object", fname, kinds);
        return NULL;
    }
    if (memchr(data, 0, *size)) {
        err_format(&Exc_SyntaxError, "source code string cannot contain null bytes");
        return NULL;
    }
    return data;
}

static int parse_mode_arg(Value mode, ParseMode *out) {
    const char *m = val_is_str(mode) ? str_data(mode) : "";
    if (!strcmp(m, "exec")) *out = PARSE_FILE;
    else if (!strcmp(m, "eval")) *out = PARSE_EVAL;
    else if (!strcmp(m, "single")) *out = PARSE_SINGLE;
    else if (!val_is_str(mode))
        return err_format_int(&Exc_TypeError, "compile() argument 'mode' must be str, not %s",
                              val_type_name(mode));
    else
        return err_format_int(&Exc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
    return 0;
}

static Value builtin_compile(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"source", "filename", "mode", "flags",
                                        "dont_inherit", "optimize", "_feature_version", NULL};
    Value v[7];
    if (args_parse("compile", args, nargs, kwnames, names, 0, 3, v) < 0) return VAL_NULL;
    ParseMode mode = PARSE_FILE;
    if (parse_mode_arg(v[2], &mode) < 0) return VAL_NULL;
    Value filename = v[1];
    if (val_is_ptr(filename) && (TYPE(filename)->flags & TPFLAG_BYTES_SUBCLASS))
        filename = str_decode_utf8(BYTES(filename)->data, BYTES(filename)->size);
    else if (!val_is_str(filename)) {
        Value fspath = obj_lookup_attr(filename, str_from_cstr("__fspath__"));
        if (!fspath)
            return err_occurred() ? VAL_NULL
                   : err_format(&Exc_TypeError,
                                "expected str, bytes or os.PathLike object, not %s",
                                val_type_name(v[1]));
        filename = obj_call0(fspath);
    }
    if (!filename) return VAL_NULL;
    size_t size;
    const char *src = source_text(v[0], "compile", "string, bytes or AST", &size);
    if (!src) return VAL_NULL;
    return vm_compile(src, size, str_data(filename), mode);
}

/* Resolve eval/exec namespaces the way CPython does. */
static int exec_namespaces(const char *fname, Value *globals, Value *locals) {
    bool is_eval = fname[0] == 'e' && fname[1] == 'v';
    if (*globals && val_is_none(*globals)) *globals = VAL_NULL;
    if (*locals && val_is_none(*locals)) *locals = VAL_NULL;
    if (*globals && !val_is_dict(*globals)) {
        if (is_eval)
            return err_format_int(&Exc_TypeError, val_type(*globals)->mp_subscript
                                      ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                      : "globals must be a dict");
        return err_format_int(&Exc_TypeError, "exec() globals must be a dict, not %s",
                              val_type_name(*globals));
    }
    if (*locals && !val_type(*locals)->mp_subscript)
        return err_format_int(&Exc_TypeError, is_eval ? "locals must be a mapping"
                                                      : "locals must be a mapping or None, not %s",
                              val_type_name(*locals));
    if (!*globals) {
        if (!(*globals = vm_current_globals())) return -1;
        if (!*locals && !(*locals = vm_current_locals())) return -1;
    } else if (!*locals) {
        *locals = *globals;
    }
    Value has = dict_get(*globals, name___builtins__);
    if (!has) {
        if (err_occurred()) return -1;
        if (dict_set(*globals, name___builtins__, vm_builtins_dict) < 0) return -1;
    }
    return 0;
}

static Value eval_or_exec(const char *fname, Value *args, size_t nargs, Value kwnames,
                          ParseMode mode) {
    static const char *const names[] = {"source", "globals", "locals", "closure", NULL};
    Value v[4];
    if (args_parse(fname, args, nargs, kwnames, names, 1, 1, v) < 0) return VAL_NULL;
    Value globals = v[1], locals = v[2];
    if (exec_namespaces(fname, &globals, &locals) < 0) return VAL_NULL;
    Value code;
    if (val_is_type_exact(v[0], &Code_Type)) {
        code = v[0];
        if (mode == PARSE_EVAL && CODE(code)->nfree > 0)
            return err_format(&Exc_TypeError,
                              "code object passed to eval() may not contain free variables");
    } else {
        size_t size;
        const char *src = source_text(v[0], fname, "string, bytes or code", &size);
        if (!src) return VAL_NULL;
        if (mode == PARSE_EVAL) {
            while (size && (*src == ' ' || *src == '\t')) src++, size--;
        }
        code = vm_compile(src, size, "<string>", mode);
        if (!code) return VAL_NULL;
    }
    Value result = vm_eval_code(code, globals, locals);
    if (!result) return VAL_NULL;
    return mode == PARSE_EVAL ? result : VAL_NONE;
}

static Value builtin_eval(Value *args, size_t nargs, Value kwnames) {
    return eval_or_exec("eval", args, nargs, kwnames, PARSE_EVAL);
}

static Value builtin_exec(Value *args, size_t nargs, Value kwnames) {
    return eval_or_exec("exec", args, nargs, kwnames, PARSE_FILE);
}

static Value builtin___import__(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"name", "globals", "locals", "fromlist", "level", NULL};
    Value v[5];
    if (args_parse("__import__", args, nargs, kwnames, names, 0, 1, v) < 0) return VAL_NULL;
    int64_t level = 0;
    if (v[4] && obj_index_i64(v[4], &level) < 0) return VAL_NULL;
    return vm_import(v[0], v[1] ? v[1] : VAL_NONE, v[3] ? v[3] : VAL_NONE, (int)level);
}

/* ---- exit/quit and the copyright/credits/license printers ---- */

typedef struct HelperObject {
    Object base;
    const char *name; /* exit/quit */
    const char *text; /* printers */
} HelperObject;

static Value quitter_repr(Value self) {
    return str_format_c("Use %s() or Ctrl-D (i.e. EOF) to exit", ((HelperObject *)OBJ(self))->name);
}

static Value quitter_call(Value self, Value *args, size_t nargs, Value kwnames) {
    if (args_check_count(((HelperObject *)OBJ(self))->name, nargs, 0, 1) < 0) return VAL_NULL;
    Value exc = exc_new(&Exc_SystemExit, args, nargs);
    return exc ? err_raise(exc) : VAL_NULL;
}

static Value printer_repr(Value self) { return str_from_cstr(((HelperObject *)OBJ(self))->text); }

static Value printer_call(Value self, Value *args, size_t nargs, Value kwnames) {
    Value text = printer_repr(self);
    Value out = sys_get("stdout");
    if (!text || !out || io_write_str(out, text) < 0 ||
        io_write_str(out, str_from_cstr("\n")) < 0)
        return VAL_NULL;
    return VAL_NONE;
}

static Type Quitter_Type = {
    .base = {&Type_Type}, .name = "Quitter", .basicsize = sizeof(HelperObject),
    .tp_repr = quitter_repr, .tp_call = quitter_call,
};

static Type Printer_Type = {
    .base = {&Type_Type}, .name = "_Printer", .basicsize = sizeof(HelperObject),
    .tp_repr = printer_repr, .tp_call = printer_call,
};

static Value helper_new(Type *type, const char *name, const char *text) {
    HelperObject *h = obj_alloc(type, sizeof(HelperObject));
    if (!h) return err_no_memory();
    h->name = name;
    h->text = text;
    return val_from_ptr(h);
}

/* ---- the module ---- */

static const MethodDef builtin_functions[] = {
    {"print", builtin_print, METH_DEFAULT, NULL},
    {"input", builtin_input, METH_DEFAULT, NULL},
    {"repr", builtin_repr, METH_DEFAULT, NULL},
    {"ascii", builtin_ascii, METH_DEFAULT, NULL},
    {"len", builtin_len, METH_DEFAULT, NULL},
    {"hash", builtin_hash, METH_DEFAULT, NULL},
    {"id", builtin_id, METH_DEFAULT, NULL},
    {"callable", builtin_callable, METH_DEFAULT, NULL},
    {"getattr", builtin_getattr, METH_DEFAULT, NULL},
    {"hasattr", builtin_hasattr, METH_DEFAULT, NULL},
    {"setattr", builtin_setattr, METH_DEFAULT, NULL},
    {"delattr", builtin_delattr, METH_DEFAULT, NULL},
    {"isinstance", builtin_isinstance, METH_DEFAULT, NULL},
    {"issubclass", builtin_issubclass, METH_DEFAULT, NULL},
    {"dir", builtin_dir, METH_DEFAULT, NULL},
    {"vars", builtin_vars, METH_DEFAULT, NULL},
    {"globals", builtin_globals, METH_DEFAULT, NULL},
    {"locals", builtin_locals, METH_DEFAULT, NULL},
    {"format", builtin_format, METH_DEFAULT, NULL},
    {"breakpoint", builtin_breakpoint, METH_DEFAULT, NULL},
    {"compile", builtin_compile, METH_DEFAULT, NULL},
    {"eval", builtin_eval, METH_DEFAULT, NULL},
    {"exec", builtin_exec, METH_DEFAULT, NULL},
    {"__import__", builtin___import__, METH_DEFAULT, NULL},
    {"__build_class__", builtin___build_class__, METH_DEFAULT, NULL},
    {NULL},
};

static int add_types(Value d) {
    struct { const char *name; Type *type; } types[] = {
        {"object", &Object_Type}, {"type", &Type_Type}, {"int", &Int_Type},
        {"bool", &Bool_Type}, {"float", &Float_Type}, {"complex", &Complex_Type},
        {"str", &Str_Type}, {"bytes", &Bytes_Type}, {"bytearray", &ByteArray_Type},
        {"list", &List_Type}, {"tuple", &Tuple_Type}, {"dict", &Dict_Type},
        {"set", &Set_Type}, {"frozenset", &FrozenSet_Type}, {"range", &Range_Type},
        {"slice", &Slice_Type}, {"property", &Property_Type},
        {"staticmethod", &StaticMethod_Type}, {"classmethod", &ClassMethod_Type},
        {"super", &Super_Type}, {"enumerate", &Enumerate_Type}, {"zip", &Zip_Type},
        {"map", &Map_Type}, {"filter", &Filter_Type}, {"reversed", &Reversed_Type},
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (dict_set_str(d, types[i].name, val_from_ptr(types[i].type)) < 0) return -1;
#define ADD_EXC(c, py, base) \
    if (dict_set_str(d, py, val_from_ptr(&Exc_##c)) < 0) return -1;
    EXCEPTION_TYPES(ADD_EXC)
#undef ADD_EXC
    if (dict_set_str(d, "EnvironmentError", val_from_ptr(&Exc_OSError)) < 0 ||
        dict_set_str(d, "IOError", val_from_ptr(&Exc_OSError)) < 0)
        return -1;
    return 0;
}

static const char copyright_text[] =
    "Copyright (c) the krait authors.\n"
    "krait implements the Python language; Python is\n"
    "Copyright (c) 2001 Python Software Foundation. All Rights Reserved.";
static const char credits_text[] =
    "    Thanks to the CPython, PyPy, MicroPython and Lua communities, whose\n"
    "    designs and documentation krait learned from.";
static const char license_text[] = "See the LICENSE file distributed with krait.";

static int add_constants(Value d) {
    struct { const char *name; Value v; } items[] = {
        {"None", VAL_NONE}, {"True", VAL_TRUE}, {"False", VAL_FALSE},
        {"Ellipsis", VAL_ELLIPSIS}, {"NotImplemented", VAL_NOTIMPL},
        {"__debug__", val_bool(krait_cmdline.optimize == 0)},
        {"__spec__", VAL_NONE}, {"__loader__", VAL_NONE}, {"__package__", str_from_cstr("")},
        {"exit", helper_new(&Quitter_Type, "exit", NULL)},
        {"quit", helper_new(&Quitter_Type, "quit", NULL)},
        {"copyright", helper_new(&Printer_Type, "copyright", copyright_text)},
        {"credits", helper_new(&Printer_Type, "credits", credits_text)},
        {"license", helper_new(&Printer_Type, "license", license_text)},
    };
    for (size_t i = 0; i < sizeof items / sizeof *items; i++)
        if (!items[i].v || dict_set_str(d, items[i].name, items[i].v) < 0) return -1;
    Value open_fn = builtin_function_new(io_open_def, VAL_NULL, str_from_cstr("_io"));
    if (!open_fn || dict_set_str(d, "open", open_fn) < 0) return -1;
    return 0;
}

Value builtins_module_init(void) {
    if (type_ready(&Quitter_Type) < 0 || type_ready(&Printer_Type) < 0) return VAL_NULL;
    Value m = module_new_cstr("builtins");
    if (!m) return VAL_NULL;
    /* If the VM already made the builtins dict, the module must use it. */
    if (vm_builtins_dict) {
        if (dict_update(vm_builtins_dict, module_dict(m)) < 0) return VAL_NULL;
        MODULE(m)->dict = vm_builtins_dict;
    } else {
        vm_builtins_dict = module_dict(m);
    }
    if (module_add_functions(m, builtin_functions) < 0 ||
        module_add_functions(m, builtins_num_functions) < 0 ||
        module_add_functions(m, builtins_iter_functions) < 0)
        return VAL_NULL;
    Value d = module_dict(m);
    if (add_types(d) < 0 || add_constants(d) < 0) return VAL_NULL;
    return m;
}
