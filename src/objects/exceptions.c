/* exceptions.c — the built-in exception hierarchy, exception objects and
 * traceback objects.
 *
 * All built-in exceptions share BaseExceptionObject; specific attributes
 * (StopIteration.value, OSError.errno, SyntaxError.lineno, …) are ordinary
 * attributes in the instance's AttrStore, set by the type's __init__. */
#include <errno.h>
#include <string.h>

#include "../vm/error.h"
#include "bytes.h"
#include "dict.h"
#include "function.h"
#include "int.h"
#include "list.h"
#include "shape.h"
#include "str.h"
#include "traceback.h"
#include "tuple.h"
#include "typeobj.h"

/* `Exc_Object` names the root of the hierarchy in EXCEPTION_TYPES. */
#define Exc_Object Object_Type

#define DEFINE_EXC(c, py, b) \
    Type Exc_##c = { \
        .base = {&Type_Type}, \
        .name = py, \
        .basicsize = sizeof(BaseExceptionObject), \
        .attrs_offset = offsetof(BaseExceptionObject, attrs), \
        .flags = TPFLAG_BASETYPE | TPFLAG_EXC_SUBCLASS, \
    };
EXCEPTION_TYPES(DEFINE_EXC)
#undef DEFINE_EXC

/* ---- attribute helpers ---- */

static int exc_set(Value exc, const char *name, Value v) {
    Value n = str_intern_cstr(name);
    if (!n) return -1;
    return attrs_set(&EXC(exc)->attrs, n, v ? v : VAL_NONE);
}

static Value exc_get(Value exc, const char *name) {
    Value n = str_intern_cstr(name);
    Value v = n ? attrs_get(&EXC(exc)->attrs, n) : VAL_NULL;
    return v ? v : VAL_NONE;
}

static size_t nkw_of(Value kwnames) { return kwnames ? tuple_size(kwnames) : 0; }

static int reject_kwargs(Value self, Value kwnames) {
    if (nkw_of(kwnames))
        return err_format_int(&Exc_TypeError, "%s() takes no keyword arguments", val_type_name(self));
    return 0;
}

/* Keyword arguments accepted by some constructors (name=, path=, obj=). */
static int take_kwargs(Value self, Value *args, size_t nargs, Value kwnames,
                       const char *const *allowed) {
    for (size_t i = 0; i < nkw_of(kwnames); i++) {
        Value k = tuple_items(kwnames)[i];
        const char *ks = str_data(k);
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++) ok = strcmp(*a, ks) == 0;
        if (!ok)
            return err_format_int(&Exc_TypeError, "%s() got an unexpected keyword argument '%s'",
                                  val_type_name(self), ks);
        if (exc_set(self, ks, args[nargs + i]) < 0) return -1;
    }
    return 0;
}

static Value args_tuple(Value *args, size_t nargs) { return tuple_from_array(args, nargs); }

/* ---- BaseException ---- */

static Value exc_alloc(Type *type, Value *args, size_t nargs) {
    Value self = type_generic_alloc(type);
    if (!self) return VAL_NULL;
    EXC(self)->args = args_tuple(args, nargs);
    if (!EXC(self)->args) return VAL_NULL;
    return self;
}

static Value BaseException_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    return exc_alloc(type, args, nargs);
}

static int BaseException_init(Value self, Value *args, size_t nargs, Value kwnames) {
    if (reject_kwargs(self, kwnames) < 0) return -1;
    EXC(self)->args = args_tuple(args, nargs);
    return EXC(self)->args ? 0 : -1;
}

static Value BaseException_str(Value self) {
    Value a = EXC(self)->args;
    switch (tuple_size(a)) {
    case 0: return str_intern_cstr("");
    case 1: return obj_str(tuple_items(a)[0]);
    default: return obj_str(a);
    }
}

static Value BaseException_repr(Value self) {
    Value a = EXC(self)->args;
    const char *name = val_type_name(self);
    if (tuple_size(a) == 1) {
        Value r = obj_repr(tuple_items(a)[0]);
        return r ? str_format_c("%s(%U)", name, r) : VAL_NULL;
    }
    Value r = obj_repr(a);
    return r ? str_format_c("%s%U", name, r) : VAL_NULL;
}

static Value exc_with_traceback(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("with_traceback", nargs, 2, 2) < 0) return VAL_NULL;
    Value tb = args[1];
    if (tb != VAL_NONE && !val_is_type_exact(tb, &Traceback_Type))
        return err_format(&Exc_TypeError, "__traceback__ must be a traceback or None");
    EXC(args[0])->traceback = tb == VAL_NONE ? VAL_NULL : tb;
    return args[0];
}

static Value exc_add_note(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("add_note", nargs, 2, 2) < 0) return VAL_NULL;
    Value note = args[1];
    if (!val_is_str(note))
        return err_format(&Exc_TypeError, "note must be a str, not '%s'", val_type_name(note));
    BaseExceptionObject *e = EXC(args[0]);
    if (!e->notes) {
        e->notes = list_new(0);
        if (!e->notes) return VAL_NULL;
    }
    if (!val_is_list(e->notes))
        return err_format(&Exc_TypeError, "Cannot add note: __notes__ is not a list");
    return list_append(e->notes, note) < 0 ? VAL_NULL : VAL_NONE;
}

static Value exc_get_args(Value self) { return EXC(self)->args; }
static int exc_set_args(Value self, Value v) {
    if (!v) return err_format_int(&Exc_TypeError, "args may not be deleted");
    Value t = tuple_from_iterable(v);
    if (!t) return -1;
    EXC(self)->args = t;
    return 0;
}

static Value or_none(Value v) { return v ? v : VAL_NONE; }

static Value exc_get_traceback(Value self) { return or_none(EXC(self)->traceback); }
static int exc_set_traceback(Value self, Value v) {
    if (!v) return err_format_int(&Exc_TypeError, "__traceback__ may not be deleted");
    if (v != VAL_NONE && !val_is_type_exact(v, &Traceback_Type))
        return err_format_int(&Exc_TypeError, "__traceback__ must be a traceback or None");
    EXC(self)->traceback = v == VAL_NONE ? VAL_NULL : v;
    return 0;
}

static Value exc_get_cause(Value self) { return or_none(EXC(self)->cause); }
static int exc_set_cause(Value self, Value v) {
    if (!v) return err_format_int(&Exc_TypeError, "__cause__ may not be deleted");
    if (v != VAL_NONE && !val_is_exception(v))
        return err_format_int(&Exc_TypeError,
                              "exception cause must be None or derive from BaseException");
    EXC(self)->cause = v == VAL_NONE ? VAL_NULL : v;
    EXC(self)->suppress_context = true;
    return 0;
}

static Value exc_get_context(Value self) { return or_none(EXC(self)->context); }
static int exc_set_context(Value self, Value v) {
    if (!v) return err_format_int(&Exc_TypeError, "__context__ may not be deleted");
    if (v != VAL_NONE && !val_is_exception(v))
        return err_format_int(&Exc_TypeError,
                              "exception context must be None or derive from BaseException");
    EXC(self)->context = v == VAL_NONE ? VAL_NULL : v;
    return 0;
}

static Value exc_get_suppress(Value self) { return val_bool(EXC(self)->suppress_context); }
static int exc_set_suppress(Value self, Value v) {
    if (!v) return err_format_int(&Exc_TypeError, "__suppress_context__ may not be deleted");
    int t = obj_truthy(v);
    if (t < 0) return -1;
    EXC(self)->suppress_context = t;
    return 0;
}

static Value exc_get_notes(Value self) {
    if (!EXC(self)->notes)
        return err_format(&Exc_AttributeError, "'%s' object has no attribute '__notes__'",
                          val_type_name(self));
    return EXC(self)->notes;
}
static int exc_set_notes(Value self, Value v) {
    if (!v && !EXC(self)->notes)
        return err_format_int(&Exc_AttributeError, "__notes__");
    EXC(self)->notes = v;
    return 0;
}

static const MethodDef BaseException_methods[] = {
    {"with_traceback", exc_with_traceback, METH_DEFAULT,
     "Set self.__traceback__ to tb and return self."},
    {"add_note", exc_add_note, METH_DEFAULT, "Add a note to the exception"},
    {NULL},
};

static const GetSetDef BaseException_getset[] = {
    {"args", exc_get_args, exc_set_args},
    {"__traceback__", exc_get_traceback, exc_set_traceback},
    {"__cause__", exc_get_cause, exc_set_cause},
    {"__context__", exc_get_context, exc_set_context},
    {"__suppress_context__", exc_get_suppress, exc_set_suppress},
    {"__notes__", exc_get_notes, exc_set_notes},
    {"__dict__", object_get_dict, object_set_dict},
    {NULL},
};

/* ---- KeyError, StopIteration, SystemExit ---- */

static Value KeyError_str(Value self) {
    Value a = EXC(self)->args;
    if (tuple_size(a) == 1) return obj_repr(tuple_items(a)[0]);
    return BaseException_str(self);
}

static int StopIteration_init(Value self, Value *args, size_t nargs, Value kwnames) {
    if (BaseException_init(self, args, nargs, kwnames) < 0) return -1;
    return exc_set(self, "value", nargs ? args[0] : VAL_NONE);
}

static int SystemExit_init(Value self, Value *args, size_t nargs, Value kwnames) {
    if (BaseException_init(self, args, nargs, kwnames) < 0) return -1;
    Value code = nargs == 0 ? VAL_NONE : nargs == 1 ? args[0] : EXC(self)->args;
    return exc_set(self, "code", code);
}

/* ---- ImportError, AttributeError, NameError ---- */

static int ImportError_init(Value self, Value *args, size_t nargs, Value kwnames) {
    static const char *const allowed[] = {"name", "path", "name_from", NULL};
    EXC(self)->args = args_tuple(args, nargs);
    if (!EXC(self)->args) return -1;
    if (exc_set(self, "name", VAL_NONE) < 0 || exc_set(self, "path", VAL_NONE) < 0) return -1;
    if (take_kwargs(self, args, nargs, kwnames, allowed) < 0) return -1;
    return exc_set(self, "msg", nargs == 1 ? args[0] : VAL_NONE);
}

static Value ImportError_str(Value self) {
    Value msg = exc_get(self, "msg");
    if (msg != VAL_NONE) return obj_str(msg);
    return BaseException_str(self);
}

static int AttributeError_init(Value self, Value *args, size_t nargs, Value kwnames) {
    static const char *const allowed[] = {"name", "obj", NULL};
    EXC(self)->args = args_tuple(args, nargs);
    if (!EXC(self)->args) return -1;
    if (exc_set(self, "name", VAL_NONE) < 0 || exc_set(self, "obj", VAL_NONE) < 0) return -1;
    return take_kwargs(self, args, nargs, kwnames, allowed);
}

static int NameError_init(Value self, Value *args, size_t nargs, Value kwnames) {
    static const char *const allowed[] = {"name", NULL};
    EXC(self)->args = args_tuple(args, nargs);
    if (!EXC(self)->args) return -1;
    if (exc_set(self, "name", VAL_NONE) < 0) return -1;
    return take_kwargs(self, args, nargs, kwnames, allowed);
}

/* ---- OSError ---- */

/* OSError(errno, ...) builds the subclass the errno stands for. */
static Type *oserror_subclass_for(Value errno_val) {
    if (!val_is_smallint(errno_val)) return NULL;
    switch (val_as_smallint(errno_val)) {
    case EAGAIN: case EALREADY: case EINPROGRESS: return &Exc_BlockingIOError;
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK: return &Exc_BlockingIOError;
#endif
    case ECHILD: return &Exc_ChildProcessError;
    case EPIPE: case ESHUTDOWN: return &Exc_BrokenPipeError;
    case ECONNABORTED: return &Exc_ConnectionAbortedError;
    case ECONNREFUSED: return &Exc_ConnectionRefusedError;
    case ECONNRESET: return &Exc_ConnectionResetError;
    case EEXIST: return &Exc_FileExistsError;
    case ENOENT: return &Exc_FileNotFoundError;
    case EISDIR: return &Exc_IsADirectoryError;
    case ENOTDIR: return &Exc_NotADirectoryError;
    case EINTR: return &Exc_InterruptedError;
    case EACCES: case EPERM: return &Exc_PermissionError;
    case ESRCH: return &Exc_ProcessLookupError;
    case ETIMEDOUT: return &Exc_TimeoutError;
    default: return NULL;
    }
}

/* errno, strerror, filename, winerror (ignored), filename2 */
static int oserror_parse(Value self, Value *args, size_t nargs) {
    Value errno_v = VAL_NONE, strerror = VAL_NONE, filename = VAL_NONE, filename2 = VAL_NONE;
    size_t nkeep = nargs;
    if (nargs >= 2 && nargs <= 5) {
        errno_v = args[0];
        strerror = args[1];
        if (nargs >= 3) {
            filename = args[2];
            nkeep = 2;
        }
        if (nargs == 5) filename2 = args[4];
    }
    EXC(self)->args = args_tuple(args, nkeep);
    if (!EXC(self)->args) return -1;
    if (exc_set(self, "errno", errno_v) < 0 || exc_set(self, "strerror", strerror) < 0 ||
        exc_set(self, "filename", filename) < 0 || exc_set(self, "filename2", filename2) < 0)
        return -1;
    return 0;
}

static Value OSError_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    if (type == &Exc_OSError && nargs >= 2) {
        Type *sub = oserror_subclass_for(args[0]);
        if (sub) type = sub;
    }
    Value self = exc_alloc(type, args, nargs);
    if (!self || oserror_parse(self, args, nargs) < 0) return VAL_NULL;
    return self;
}

static int OSError_init(Value self, Value *args, size_t nargs, Value kwnames) {
    if (reject_kwargs(self, kwnames) < 0) return -1;
    return oserror_parse(self, args, nargs);
}

static Value OSError_str(Value self) {
    Value errno_v = exc_get(self, "errno"), strerror = exc_get(self, "strerror");
    Value filename = exc_get(self, "filename"), filename2 = exc_get(self, "filename2");
    if (filename != VAL_NONE) {
        Value f1 = obj_repr(filename);
        if (!f1) return VAL_NULL;
        if (filename2 != VAL_NONE) {
            Value f2 = obj_repr(filename2);
            if (!f2) return VAL_NULL;
            return str_format_c("[Errno %S] %S: %U -> %U", errno_v, strerror, f1, f2);
        }
        return str_format_c("[Errno %S] %S: %U", errno_v, strerror, f1);
    }
    if (errno_v != VAL_NONE && strerror != VAL_NONE)
        return str_format_c("[Errno %S] %S", errno_v, strerror);
    return BaseException_str(self);
}

/* ---- SyntaxError ---- */

static int SyntaxError_init(Value self, Value *args, size_t nargs, Value kwnames) {
    static const char *const fields[] = {"filename", "lineno", "offset", "text", "end_lineno",
                                         "end_offset"};
    if (reject_kwargs(self, kwnames) < 0) return -1;
    EXC(self)->args = args_tuple(args, nargs);
    if (!EXC(self)->args) return -1;
    if (exc_set(self, "msg", nargs >= 1 ? args[0] : VAL_NONE) < 0) return -1;
    for (int i = 0; i < 6; i++)
        if (exc_set(self, fields[i], VAL_NONE) < 0) return -1;
    if (exc_set(self, "print_file_and_line", VAL_NONE) < 0) return -1;
    if (nargs == 2) {
        Value info = tuple_from_iterable(args[1]);
        if (!info) return -1;
        size_t n = tuple_size(info);
        if (n < 4 || n > 6)
            return err_format_int(&Exc_IndexError, "tuple index out of range");
        for (size_t i = 0; i < n; i++)
            if (exc_set(self, fields[i], tuple_items(info)[i]) < 0) return -1;
    }
    return 0;
}

static const char *path_basename(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static Value SyntaxError_str(Value self) {
    Value msg = obj_str(exc_get(self, "msg"));
    if (!msg) return VAL_NULL;
    Value filename = exc_get(self, "filename"), lineno = exc_get(self, "lineno");
    bool have_file = val_is_str(filename), have_line = val_is_int(lineno);
    if (have_file && have_line)
        return str_format_c("%U (%s, line %S)", msg, path_basename(str_data(filename)), lineno);
    if (have_file) return str_format_c("%U (%s)", msg, path_basename(str_data(filename)));
    if (have_line) return str_format_c("%U (line %S)", msg, lineno);
    return msg;
}

/* ---- Unicode errors ---- */

static int UnicodeError_init_common(Value self, Value *args, size_t nargs, Value kwnames,
                                    bool has_encoding) {
    if (BaseException_init(self, args, nargs, kwnames) < 0) return -1;
    size_t want = has_encoding ? 5 : 4;
    if (nargs != want) return 0; /* plain UnicodeError-style construction */
    size_t i = 0;
    if (has_encoding) {
        if (!val_is_str(args[0]))
            return err_format_int(&Exc_TypeError, "argument 1 must be str, not %s",
                                  val_type_name(args[0]));
        if (exc_set(self, "encoding", args[i++]) < 0) return -1;
    }
    if (exc_set(self, "object", args[i]) < 0 || exc_set(self, "start", args[i + 1]) < 0 ||
        exc_set(self, "end", args[i + 2]) < 0 || exc_set(self, "reason", args[i + 3]) < 0)
        return -1;
    return 0;
}

static int UnicodeDecodeError_init(Value self, Value *a, size_t n, Value kw) {
    if (n == 5 && !val_has_flag(a[1], TPFLAG_BYTES_SUBCLASS) &&
        !type_is_subtype(val_type(a[1]), &ByteArray_Type))
        return err_format_int(&Exc_TypeError, "a bytes-like object is required, not '%s'",
                              val_type_name(a[1]));
    return UnicodeError_init_common(self, a, n, kw, true);
}
static int UnicodeEncodeError_init(Value self, Value *a, size_t n, Value kw) {
    if (n == 5 && !val_is_str(a[1]))
        return err_format_int(&Exc_TypeError, "argument 2 must be str, not %s", val_type_name(a[1]));
    return UnicodeError_init_common(self, a, n, kw, true);
}
static int UnicodeTranslateError_init(Value self, Value *a, size_t n, Value kw) {
    return UnicodeError_init_common(self, a, n, kw, false);
}

static bool unicode_fields(Value self, int64_t *start, int64_t *end) {
    Value s = exc_get(self, "start"), e = exc_get(self, "end");
    return val_is_int(s) && val_is_int(e) && int_as_i64(s, start) && int_as_i64(e, end);
}

static Value codepoint_escape(uint32_t c) {
    if (c < 0x100) return str_format_c("\\x%02x", c);
    if (c < 0x10000) return str_format_c("\\u%04x", c);
    return str_format_c("\\U%08x", c);
}

static Value UnicodeDecodeError_str(Value self) {
    int64_t start, end;
    Value obj = exc_get(self, "object");
    if (!unicode_fields(self, &start, &end)) return BaseException_str(self);
    Value enc = obj_str(exc_get(self, "encoding")), reason = obj_str(exc_get(self, "reason"));
    if (!enc || !reason) return VAL_NULL;
    int64_t size = val_has_flag(obj, TPFLAG_BYTES_SUBCLASS) ? (int64_t)BYTES(obj)->size : -1;
    if (start >= 0 && start < size && end == start + 1)
        return str_format_c("'%U' codec can't decode byte 0x%02x in position %lld: %U", enc,
                            (unsigned)(unsigned char)BYTES(obj)->data[start], (long long)start,
                            reason);
    return str_format_c("'%U' codec can't decode bytes in position %lld-%lld: %U", enc,
                        (long long)start, (long long)(end - 1), reason);
}

static Value unicode_char_str(Value self, const char *what, Value enc) {
    int64_t start, end;
    Value obj = exc_get(self, "object");
    if (!unicode_fields(self, &start, &end)) return BaseException_str(self);
    Value reason = obj_str(exc_get(self, "reason"));
    if (!reason) return VAL_NULL;
    const char *prefix = enc ? "'" : "";
    Value encs = enc ? enc : str_intern_cstr("");
    const char *sep = enc ? "' codec " : "";
    if (val_is_str(obj) && start >= 0 && (size_t)start < str_length(obj) && end == start + 1) {
        Value ch = codepoint_escape(str_codepoint_at(obj, (size_t)start));
        if (!ch) return VAL_NULL;
        return str_format_c("%s%U%scan't %s character '%U' in position %lld: %U", prefix, encs, sep,
                            what, ch, (long long)start, reason);
    }
    return str_format_c("%s%U%scan't %s characters in position %lld-%lld: %U", prefix, encs, sep,
                        what, (long long)start, (long long)(end - 1), reason);
}

static Value UnicodeEncodeError_str(Value self) {
    Value enc = obj_str(exc_get(self, "encoding"));
    return enc ? unicode_char_str(self, "encode", enc) : VAL_NULL;
}
static Value UnicodeTranslateError_str(Value self) {
    return unicode_char_str(self, "translate", VAL_NULL);
}

/* ---- BaseExceptionGroup (minimal: message + exceptions, no splitting) ---- */

static int BaseExceptionGroup_init(Value self, Value *args, size_t nargs, Value kwnames) {
    if (reject_kwargs(self, kwnames) < 0) return -1;
    if (nargs != 2)
        return err_format_int(&Exc_TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments (%zu given)",
                              nargs);
    if (!val_is_str(args[0]))
        return err_format_int(&Exc_TypeError, "argument 1 must be str, not %s",
                              val_type_name(args[0]));
    Value excs = tuple_from_iterable(args[1]);
    if (!excs) return -1;
    if (tuple_size(excs) == 0)
        return err_format_int(&Exc_ValueError, "second argument (exceptions) must be a non-empty sequence");
    EXC(self)->args = args_tuple(args, nargs);
    if (!EXC(self)->args) return -1;
    if (exc_set(self, "message", args[0]) < 0) return -1;
    return exc_set(self, "exceptions", excs);
}

static Value BaseExceptionGroup_str(Value self) {
    Value excs = exc_get(self, "exceptions");
    size_t n = val_is_tuple(excs) ? tuple_size(excs) : 0;
    return str_format_c("%S (%zu sub-exception%s)", exc_get(self, "message"), n, n == 1 ? "" : "s");
}

/* ---- construction helpers for the VM ---- */

Value exc_new(Type *type, Value *args, size_t nargs) {
    return obj_call(val_from_ptr(type), args, nargs, VAL_NULL);
}

Value traceback_new(Value next, Value code, int lineno) {
    TracebackObject *tb = obj_alloc(&Traceback_Type, sizeof(TracebackObject));
    if (!tb) return err_no_memory();
    tb->next = next;
    tb->code = code;
    tb->lineno = lineno;
    return val_from_ptr(tb);
}

void exc_add_traceback(Value exc, Value code, int lineno) {
    if (!val_is_exception(exc)) return;
    Value tb = traceback_new(EXC(exc)->traceback, code, lineno);
    if (tb) EXC(exc)->traceback = tb;
}

/* ---- traceback objects ---- */

static Value tb_get_next(Value self) { return or_none(TRACEBACK(self)->next); }
static int tb_set_next(Value self, Value v) {
    if (!v) return err_format_int(&Exc_TypeError, "can't delete tb_next attribute");
    if (v != VAL_NONE && !val_is_type_exact(v, &Traceback_Type))
        return err_format_int(&Exc_TypeError, "expected traceback object or None, got '%s'",
                              val_type_name(v));
    for (Value t = v; t != VAL_NONE && t; t = TRACEBACK(t)->next)
        if (t == self) return err_format_int(&Exc_ValueError, "traceback loop detected");
    TRACEBACK(self)->next = v == VAL_NONE ? VAL_NULL : v;
    return 0;
}
static Value tb_get_lineno(Value self) { return val_from_smallint(TRACEBACK(self)->lineno); }
static Value tb_get_lasti(Value self) { return val_from_smallint(TRACEBACK(self)->lasti); }
static Value tb_get_frame(Value self) { return or_none(TRACEBACK(self)->frame); }
static Value tb_get_code(Value self) { return or_none(TRACEBACK(self)->code); }

static const GetSetDef traceback_getset[] = {
    {"tb_next", tb_get_next, tb_set_next},
    {"tb_lineno", tb_get_lineno, NULL},
    {"tb_lasti", tb_get_lasti, NULL},
    {"tb_frame", tb_get_frame, NULL},
    {"tb_code", tb_get_code, NULL},
    {NULL},
};

Type Traceback_Type = {
    .base = {&Type_Type},
    .name = "traceback",
    .basicsize = sizeof(TracebackObject),
    .getset = traceback_getset,
};

/* ---- wiring ---- */

static const char *const exc_docs[][2] = {
    {"BaseException", "Common base class for all exceptions"},
    {"Exception", "Common base class for all non-exit exceptions."},
    {"ValueError", "Inappropriate argument value (of correct type)."},
    {"TypeError", "Inappropriate argument type."},
    {"KeyError", "Mapping key not found."},
    {"IndexError", "Sequence index out of range."},
    {"AttributeError", "Attribute not found."},
    {"NameError", "Name not found globally."},
    {"RuntimeError", "Unspecified run-time error."},
    {"StopIteration", "Signal the end from iterator.__next__()."},
    {"ZeroDivisionError", "Second argument to a division or modulo operation was zero."},
    {"NotImplementedError", "Method or function hasn't been implemented yet."},
    {"AssertionError", "Assertion failed."},
    {"OSError", "Base class for I/O related errors."},
    {"ImportError", "Import can't find module, or can't find name in module."},
    {NULL, NULL},
};

#define LINK_BASE(c, py, b) TP_BASE(&Exc_##c) = &Exc_##b;
void exceptions_setup(void) {
    EXCEPTION_TYPES(LINK_BASE)
    Type *b = &Exc_BaseException;
    b->tp_new = BaseException_new;
    b->tp_init = BaseException_init;
    b->tp_str = BaseException_str;
    b->tp_repr = BaseException_repr;
    b->methods = BaseException_methods;
    b->getset = BaseException_getset;
    Exc_KeyError.tp_str = KeyError_str;
    Exc_StopIteration.tp_init = StopIteration_init;
    Exc_SystemExit.tp_init = SystemExit_init;
    Exc_ImportError.tp_init = ImportError_init;
    Exc_ImportError.tp_str = ImportError_str;
    Exc_AttributeError.tp_init = AttributeError_init;
    Exc_NameError.tp_init = NameError_init;
    Exc_OSError.tp_new = OSError_new;
    Exc_OSError.tp_init = OSError_init;
    Exc_OSError.tp_str = OSError_str;
    Exc_SyntaxError.tp_init = SyntaxError_init;
    Exc_SyntaxError.tp_str = SyntaxError_str;
    Exc_UnicodeDecodeError.tp_init = UnicodeDecodeError_init;
    Exc_UnicodeDecodeError.tp_str = UnicodeDecodeError_str;
    Exc_UnicodeEncodeError.tp_init = UnicodeEncodeError_init;
    Exc_UnicodeEncodeError.tp_str = UnicodeEncodeError_str;
    Exc_UnicodeTranslateError.tp_init = UnicodeTranslateError_init;
    Exc_UnicodeTranslateError.tp_str = UnicodeTranslateError_str;
    Exc_BaseExceptionGroup.tp_init = BaseExceptionGroup_init;
    Exc_BaseExceptionGroup.tp_str = BaseExceptionGroup_str;
#define SET_DOC(c, py, base) \
    for (int i = 0; exc_docs[i][0]; i++) \
        if (strcmp(exc_docs[i][0], py) == 0) Exc_##c.doc = exc_docs[i][1];
    EXCEPTION_TYPES(SET_DOC)
#undef SET_DOC
}
#undef LINK_BASE
