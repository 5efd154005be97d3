/* error.c — the current exception (one Python thread: a global), raising
 * helpers with CPython's standard messages, and the printing of uncaught
 * exceptions in CPython 3.13's format (without the ~~~^^^ markers). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../vm/error.h"
#include "../vm/vm.h"
#include "code.h"
#include "dict.h"
#include "list.h"
#include "module.h"
#include "shape.h"
#include "str.h"
#include "traceback.h"
#include "tuple.h"
#include "typeobj.h"

static Value current_exc;

/* A MemoryError that needs no allocation to raise. */
static BaseExceptionObject memory_error_obj = {.base = {&Exc_MemoryError}};

/* Implicit chaining: an exception raised while another is being handled
 * gets it as __context__ (cycles in the chain are cut, as CPython does). */
static void set_context(Value exc) {
    Value handled = vm_handled_exception();
    if (!handled || handled == exc || !val_is_exception(handled)) return;
    for (Value o = handled; o; o = EXC(o)->context) {
        if (EXC(o)->context == exc) {
            EXC(o)->context = VAL_NULL;
            break;
        }
    }
    EXC(exc)->context = handled;
}

static void set_current(Value exc) {
    if (val_is_exception(exc)) set_context(exc);
    current_exc = exc;
}

Value err_no_memory(void) {
    if (!memory_error_obj.args) memory_error_obj.args = tuple_new(0);
    current_exc = val_from_ptr(&memory_error_obj);
    return VAL_NULL;
}

static Value raise_with_message(Type *type, const char *msg, size_t len) {
    Value s = str_new(msg, len);
    if (!s) return VAL_NULL;
    Value exc = exc_new(type, &s, 1);
    if (!exc) return VAL_NULL; /* creating it raised something else */
    set_current(exc);
    return VAL_NULL;
}

static Value err_vformat(Type *type, const char *fmt, va_list ap) {
    char small[256];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    if (n < 0) return raise_with_message(type, fmt, strlen(fmt));
    if ((size_t)n < sizeof small) return raise_with_message(type, small, (size_t)n);
    char *big = gc_alloc_atomic((size_t)n + 1);
    if (!big) return err_no_memory();
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    return raise_with_message(type, big, (size_t)n);
}

Value err_format(Type *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err_vformat(type, fmt, ap);
    va_end(ap);
    return VAL_NULL;
}

int err_format_int(Type *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err_vformat(type, fmt, ap);
    va_end(ap);
    return -1;
}

Value err_set_none(Type *type) {
    Value exc = exc_new(type, NULL, 0);
    if (exc) set_current(exc);
    return VAL_NULL;
}

Value err_set_object(Type *type, Value value) {
    Value exc = exc_new(type, &value, 1);
    if (exc) set_current(exc);
    return VAL_NULL;
}

Value err_raise(Value exc) {
    if (val_is_typeobj(exc) && type_is_subtype(val_as_type(exc), &Exc_BaseException)) {
        Value inst = obj_call0(exc);
        if (!inst) return VAL_NULL;
        if (!val_is_exception(inst))
            return err_format(&Exc_TypeError,
                              "calling %s should have returned an instance of BaseException, not %s",
                              type_name(val_as_type(exc)), val_type_name(inst));
        exc = inst;
    } else if (!val_is_exception(exc)) {
        return err_format(&Exc_TypeError, "exceptions must derive from BaseException");
    }
    set_current(exc);
    return VAL_NULL;
}

Value err_occurred(void) { return current_exc; }

bool err_matches(Type *type) {
    return current_exc && type_is_subtype(val_type(current_exc), type);
}

Value err_fetch(void) {
    Value e = current_exc;
    current_exc = VAL_NULL;
    return e;
}

void err_restore(Value exc) { current_exc = exc; }
void err_clear(void) { current_exc = VAL_NULL; }

Value err_bad_operand(const char *op, Value a, Value b) {
    return err_format(&Exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", op,
                      val_type_name(a), val_type_name(b));
}

Value err_not_callable(Value v) {
    return err_format(&Exc_TypeError, "'%s' object is not callable", val_type_name(v));
}

/* AttributeError with .name and .obj filled in (what CPython's
 * "Did you mean" suggestions read). */
Value err_no_attribute(Value obj, Value name) {
    const char *n = val_is_str(name) ? str_data(name) : "?";
    if (val_is_typeobj(obj)) {
        Value qn = type_get_qualname(val_as_type(obj));
        err_format(&Exc_AttributeError, "type object '%s' has no attribute '%s'",
                   qn ? str_data(qn) : type_name(val_as_type(obj)), n);
    } else if (val_is_ptr(obj) && type_is_subtype(TYPE(obj), &Module_Type)) {
        Value mn = dict_get_interned(module_dict(obj), name___name__);
        if (mn && val_is_str(mn))
            err_format(&Exc_AttributeError, "module '%s' has no attribute '%s'", str_data(mn), n);
        else
            err_format(&Exc_AttributeError, "module has no attribute '%s'", n);
    } else {
        err_format(&Exc_AttributeError, "'%s' object has no attribute '%s'", val_type_name(obj), n);
    }
    Value exc = current_exc;
    if (exc && val_is_exception(exc) && val_type(exc) == &Exc_AttributeError) {
        attrs_set(&EXC(exc)->attrs, name_name, name);
        attrs_set(&EXC(exc)->attrs, str_intern_cstr("obj"), obj);
    }
    return VAL_NULL;
}

/* ---- printing uncaught exceptions ---- */

/* Line `lineno` of a file, without leading/trailing whitespace, or NULL. */
static char *read_source_line(const char *path, int lineno, char *buf, size_t bufsize) {
    if (!path || path[0] == '<' || lineno < 1) return NULL;
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    int line = 1;
    char *got = NULL;
    while (fgets(buf, (int)bufsize, f)) {
        size_t len = strlen(buf);
        bool complete = len > 0 && buf[len - 1] == '\n';
        if (line == lineno) {
            got = buf;
            break;
        }
        if (complete) line++;
    }
    fclose(f);
    if (!got) return NULL;
    while (*got == ' ' || *got == '\t' || *got == '\f') got++;
    size_t len = strlen(got);
    while (len && (got[len - 1] == '\n' || got[len - 1] == '\r' || got[len - 1] == ' ' ||
                   got[len - 1] == '\t'))
        got[--len] = 0;
    return got;
}

static const char *code_filename(Value code) {
    if (!code || !val_is_type_exact(code, &Code_Type)) return "<unknown>";
    Value f = CODE(code)->filename;
    return f && val_is_str(f) ? str_data(f) : "<unknown>";
}

static const char *code_name(Value code) {
    if (!code || !val_is_type_exact(code, &Code_Type)) return "<unknown>";
    Value n = CODE(code)->name;
    return n && val_is_str(n) ? str_data(n) : "<unknown>";
}

static void print_frame(FILE *out, const char *file, int lineno, const char *name) {
    char buf[4096];
    fprintf(out, "  File \"%s\", line %d, in %s\n", file, lineno, name);
    char *src = read_source_line(file, lineno, buf, sizeof buf);
    if (src && *src) fprintf(out, "    %s\n", src);
}

static void print_repeat(FILE *out, int repeats) {
    if (repeats > 0)
        fprintf(out, "  [Previous line repeated %d more time%s]\n", repeats,
                repeats == 1 ? "" : "s");
}

/* Entries repeated more than 3 times in a row print as one summary line. */
static void print_traceback(FILE *out, Value tb) {
    fputs("Traceback (most recent call last):\n", out);
    const char *last_file = NULL, *last_name = NULL;
    int last_line = -1, count = 0;
    for (; tb; tb = TRACEBACK(tb)->next) {
        TracebackObject *t = TRACEBACK(tb);
        const char *file = code_filename(t->code), *name = code_name(t->code);
        bool same = last_file && strcmp(file, last_file) == 0 && strcmp(name, last_name) == 0 &&
                    t->lineno == last_line;
        if (!same) {
            print_repeat(out, count - 3);
            count = 0;
        }
        last_file = file;
        last_name = name;
        last_line = t->lineno;
        if (++count <= 3) print_frame(out, file, t->lineno, name);
    }
    print_repeat(out, count - 3);
}

static Value exc_attr(Value exc, const char *name) {
    Value v = obj_lookup_attr(exc, str_intern_cstr(name));
    if (!v) err_clear();
    return v ? v : VAL_NONE;
}

static int64_t int_or(Value v, int64_t dflt) {
    return val_is_smallint(v) ? val_as_smallint(v) : dflt;
}

/* '  File "x.py", line 3', the text, the caret line (traceback.py's rules). */
static void print_syntax_error_location(FILE *out, Value exc, const char **suffix_file) {
    Value filename = exc_attr(exc, "filename"), lineno = exc_attr(exc, "lineno");
    Value text = exc_attr(exc, "text"), offset_v = exc_attr(exc, "offset");
    Value end_lineno = exc_attr(exc, "end_lineno"), end_offset_v = exc_attr(exc, "end_offset");
    const char *fname = val_is_str(filename) ? str_data(filename) : "<string>";
    *suffix_file = NULL;
    if (val_is_int(lineno))
        fprintf(out, "  File \"%s\", line %lld\n", fname, (long long)int_or(lineno, 0));
    else if (val_is_str(filename))
        *suffix_file = str_data(filename);
    if (!val_is_str(text)) return;
    const char *rtext = str_data(text);
    size_t rlen = str_size(text);
    while (rlen && rtext[rlen - 1] == '\n') rlen--;
    size_t spaces = 0;
    while (spaces < rlen && (rtext[spaces] == ' ' || rtext[spaces] == '\n' || rtext[spaces] == '\f'))
        spaces++;
    const char *ltext = rtext + spaces;
    int llen = (int)(rlen - spaces);
    fprintf(out, "    %.*s\n", llen, ltext);
    if (!val_is_int(offset_v)) return;
    int64_t offset = int_or(offset_v, 0), end_offset;
    if (int_or(lineno, -1) == int_or(end_lineno, -2)) {
        int64_t eo = int_or(end_offset_v, 0);
        end_offset = val_is_int(end_offset_v) && eo != 0 ? eo : offset;
    } else {
        end_offset = (int64_t)rlen + 1;
    }
    int64_t tlen = (int64_t)str_size(text);
    if (offset > tlen) offset = (int64_t)rlen + 1;
    if (end_offset > tlen) end_offset = (int64_t)rlen + 1;
    if (offset >= end_offset || end_offset < 0) end_offset = offset + 1;
    int64_t colno = offset - 1 - (int64_t)spaces, end_colno = end_offset - 1 - (int64_t)spaces;
    if (colno < 0) return;
    fputs("    ", out);
    for (int64_t i = 0; i < colno; i++)
        fputc(i < llen && (ltext[i] == '\t' || ltext[i] == '\f') ? ltext[i] : ' ', out);
    for (int64_t i = colno; i < end_colno; i++) fputc('^', out);
    fputc('\n', out);
}

static void print_exception_line(FILE *out, Value exc) {
    Type *t = val_type(exc);
    Value name = type_display_name(t);
    if (!name) {
        err_clear();
        name = str_from_cstr(type_name(t));
    }
    const char *suffix_file = NULL;
    bool syntax = type_is_subtype(t, &Exc_SyntaxError);
    if (syntax) print_syntax_error_location(out, exc, &suffix_file);
    Value msg;
    if (syntax) {
        msg = exc_attr(exc, "msg");
        msg = msg == VAL_NONE ? str_from_cstr("<no detail available>") : obj_str(msg);
    } else {
        msg = obj_str(exc);
    }
    if (!msg) {
        err_clear();
        fprintf(out, "%s: <exception str() failed>\n", str_data(name));
    } else if (str_size(msg) == 0 && !syntax) {
        fprintf(out, "%s\n", str_data(name));
    } else if (suffix_file) {
        fprintf(out, "%s: %s (%s)\n", str_data(name), str_data(msg), suffix_file);
    } else {
        fprintf(out, "%s: %s\n", str_data(name), str_data(msg));
    }
    Value notes = EXC(exc)->notes;
    if (notes && val_is_list(notes)) {
        for (size_t i = 0; i < list_size(notes); i++) {
            Value s = obj_str(list_items(notes)[i]);
            if (!s) {
                err_clear();
                fputs("<note str() failed>\n", out);
            } else {
                fprintf(out, "%s\n", str_data(s));
            }
        }
    }
}

#define MAX_CHAIN 100
static void print_chain(FILE *out, Value exc, Value *seen, int *nseen) {
    if (*nseen >= MAX_CHAIN) return;
    seen[(*nseen)++] = exc;
    BaseExceptionObject *e = EXC(exc);
    bool cause_seen = false, ctx_seen = false;
    for (int i = 0; i < *nseen; i++) {
        if (e->cause && seen[i] == e->cause) cause_seen = true;
        if (e->context && seen[i] == e->context) ctx_seen = true;
    }
    if (e->cause && val_is_exception(e->cause) && !cause_seen) {
        print_chain(out, e->cause, seen, nseen);
        fputs("\nThe above exception was the direct cause of the following exception:\n\n", out);
    } else if (e->context && val_is_exception(e->context) && !e->suppress_context && !ctx_seen) {
        print_chain(out, e->context, seen, nseen);
        fputs("\nDuring handling of the above exception, another exception occurred:\n\n", out);
    }
    if (e->traceback) print_traceback(out, e->traceback);
    print_exception_line(out, exc);
}

void err_print(Value exc) {
    fflush(stdout);
    Value saved = err_fetch();
    if (!val_is_exception(exc)) {
        Value r = obj_repr(exc);
        fprintf(stderr, "%s\n", r ? str_data(r) : "<exception>");
    } else {
        Value seen[MAX_CHAIN];
        int nseen = 0;
        print_chain(stderr, exc, seen, &nseen);
    }
    fflush(stderr);
    err_restore(saved);
}
