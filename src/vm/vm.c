/* vm.c — the VM's public face (vm.h): running code objects, compiling
 * source, SyntaxError construction, introspection of the running frame,
 * the recursion guard (Python frames + guarded C recursion, plus a check
 * of the real C stack), the handled-exception stack, and SIGINT. */
#include "vm.h"

#include <signal.h>
#include <sys/resource.h>

#include "../compile/compile.h"
#include "../objects/dict.h"
#include "../objects/function.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "call.h"
#include "error.h"
#include "frame.h"

int vm_recursion_limit = 1000;
volatile int vm_pending_signal;

static ExcInfo base_exc_info;
ExcInfo *vm_exc_info = &base_exc_info;

/* ---- the C stack ---- */

static char *c_stack_base;
static size_t c_stack_budget = (size_t)6 << 20;

static void c_stack_init(void) {
    char here;
    c_stack_base = &here;
    struct rlimit rl;
    size_t size = (size_t)8 << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        size = (size_t)rl.rlim_cur;
    if (size > ((size_t)1 << 30)) size = (size_t)1 << 30;
    /* keep a margin for the C code between two checks and for libc */
    size_t margin = size / 8 > ((size_t)256 << 10) ? size / 8 : ((size_t)256 << 10);
    c_stack_budget = size > 2 * margin ? size - margin : size / 2;
}

static bool c_stack_exhausted(void) {
    char here;
    if (!c_stack_base) return false;
    size_t used = c_stack_base > &here ? (size_t)(c_stack_base - &here)
                                       : (size_t)(&here - c_stack_base);
    return used > c_stack_budget;
}

int vm_check_c_stack(void) {
    if (!c_stack_exhausted()) return 0;
    err_format(&Exc_RecursionError, "maximum recursion depth exceeded");
    return -1;
}

/* `where` is appended to the message verbatim, e.g.
 * " while getting the repr of an object" (NULL or "" for nothing). */
int vm_enter_recursion(const char *where) {
    if (vm_depth >= vm_recursion_limit || c_stack_exhausted()) {
        err_format(&Exc_RecursionError, "maximum recursion depth exceeded%s", where ? where : "");
        return -1;
    }
    vm_depth++;
    return 0;
}

void vm_leave_recursion(void) { vm_depth--; }

/* ---- signals ---- */

static void on_sigint(int sig) {
    (void)sig;
    vm_pending_signal = 1;
}

static void install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

void vm_init(void) {
    c_stack_init();
    install_sigint();
    /* Code, Function, Method, Cell, BuiltinFunction, Generator and Frame
     * are all in BUILTIN_TYPES: typesys_init has readied them. */
}

/* ---- running code ---- */

Value vm_eval_code(Value code, Value globals, Value locals) {
    if (!locals) locals = globals;
    if (val_is_dict(globals)) {
        Value b = dict_get_interned(globals, name___builtins__);
        if (!b) {
            if (err_occurred()) return VAL_NULL;
            if (vm_builtins_dict && dict_set(globals, name___builtins__, vm_builtins_dict) < 0)
                return VAL_NULL;
        }
    }
    Frame *f = vm_push_code_frame(code, globals, locals);
    if (!f) return VAL_NULL;
    Value result = vm_eval_frame(f, 0);
    vm_frame_release(f);
    return result;
}

/* ---- compiling ---- */

/* Line `lineno` (1-based) of src, always ending in a newline as CPython's
 * SyntaxError.text does; VAL_NULL if there is no such line. */
static Value source_line(const char *src, size_t len, int lineno) {
    if (lineno < 1) return VAL_NULL;
    size_t pos = 0;
    for (int line = 1; line < lineno; line++) {
        const char *nl = memchr(src + pos, '\n', len - pos);
        if (!nl) return VAL_NULL;
        pos = (size_t)(nl - src) + 1;
    }
    if (pos > len) return VAL_NULL;
    const char *nl = memchr(src + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - src) : len;
    if (end > pos && src[end - 1] == '\r') end--;
    char *buf = gc_alloc_atomic(end - pos + 2);
    if (!buf) return VAL_NULL;
    memcpy(buf, src + pos, end - pos);
    buf[end - pos] = '\n';
    buf[end - pos + 1] = 0;
    Value s = str_decode_utf8(buf, end - pos + 1);
    if (!s) err_clear();
    return s;
}

Value vm_raise_syntax_error(const SyntaxErrorInfo *info, Value filename) {
    Type *type = info->type ? info->type : &Exc_SyntaxError;
    Value msg = str_from_cstr(info->msg);
    if (!msg) return VAL_NULL;
    Value details = tuple_new(6);
    if (!details) return VAL_NULL;
    Value *d = tuple_items(details);
    d[0] = filename ? filename : VAL_NONE;
    d[1] = val_from_smallint(info->lineno);
    d[2] = val_from_smallint(info->col);
    d[3] = info->text ? info->text : VAL_NONE;
    d[4] = val_from_smallint(info->end_lineno ? info->end_lineno : info->lineno);
    d[5] = val_from_smallint(info->end_col);
    Value args[2] = {msg, details};
    Value exc = exc_new(type, args, 2);
    if (!exc) return VAL_NULL;
    err_restore(exc);
    return VAL_NULL;
}

/* The compiler's SyntaxErrors carry no source text: add the line. */
static void fill_syntax_error_text(const char *src, size_t len) {
    if (!err_matches(&Exc_SyntaxError)) return;
    Value exc = err_fetch();
    Value text = obj_lookup_attr(exc, str_intern_cstr("text"));
    if (!text) err_clear();
    if (!text || val_is_none(text)) {
        Value lineno = obj_lookup_attr(exc, str_intern_cstr("lineno"));
        if (!lineno) err_clear();
        if (lineno && val_is_smallint(lineno)) {
            Value line = source_line(src, len, (int)val_as_smallint(lineno));
            if (line && obj_setattr(exc, str_intern_cstr("text"), line) < 0) err_clear();
        }
    }
    err_restore(exc);
}

Value vm_compile(const char *src, size_t len, const char *filename, ParseMode mode) {
    Value fname = str_from_cstr(filename);
    if (!fname) return VAL_NULL;
    SyntaxErrorInfo info;
    memset(&info, 0, sizeof info);
    Module *mod = parse_source(src, len, filename, mode, &info);
    if (!mod) {
        if (!info.type && err_occurred()) return VAL_NULL; /* e.g. MemoryError */
        /* nesting past the parser's depth limit: a plain MemoryError */
        if (info.type == &Exc_MemoryError) return err_format(&Exc_MemoryError, "%s", info.msg);
        /* CPython's text is the physical line, newline included */
        Value line = source_line(src, len, info.lineno);
        if (line) info.text = line;
        return vm_raise_syntax_error(&info, fname);
    }
    Value code = compile_module(mod, fname, mode);
    if (!code) fill_syntax_error_text(src, len);
    return code;
}

/* ---- introspection ---- */

Value vm_current_globals(void) {
    if (!vm_frame) return err_format(&Exc_SystemError, "no current frame");
    return vm_frame->globals;
}

Value vm_current_locals(void) {
    if (!vm_frame) return err_format(&Exc_SystemError, "no current frame");
    return frame_locals_dict(vm_frame);
}

Value vm_handled_exception(void) {
    for (ExcInfo *e = vm_exc_info; e; e = e->previous)
        if (e->exc && !val_is_none(e->exc)) return e->exc;
    return VAL_NULL;
}

static int super_error(const char *msg) { return err_format_int(&Exc_RuntimeError, "%s", msg); }

int vm_super_context(Value *type_out, Value *self_out) {
    Frame *f = vm_frame;
    if (!f) return super_error("super(): no current frame");
    CodeObject *co = f->code;
    if (co->argcount == 0) return super_error("super(): no arguments");
    Value first = f->localsplus[0];
    if (first && co->localspluskinds && (co->localspluskinds[0] & CO_FAST_CELL) &&
        val_is_type_exact(first, &Cell_Type))
        first = CELL(first)->contents;
    if (!first) return super_error("super(): arg[0] deleted");
    for (uint32_t i = 0; i < co->nlocalsplus; i++) {
        if (!co->localspluskinds || !(co->localspluskinds[i] & CO_FAST_FREE)) continue;
        Value name = tuple_items(co->localsplusnames)[i];
        if (name != name___class__ && !str_eq(name, name___class__)) continue;
        Value cell = f->localsplus[i];
        if (!cell || !val_is_type_exact(cell, &Cell_Type))
            return super_error("super(): bad __class__ cell");
        Value cls = CELL(cell)->contents;
        if (!cls) return super_error("super(): empty __class__ cell");
        if (!val_is_typeobj(cls))
            return err_format_int(&Exc_RuntimeError, "super(): __class__ is not a type (%s)",
                                  val_type_name(cls));
        *type_out = cls;
        *self_out = first;
        return 0;
    }
    return super_error("super(): __class__ cell not found");
}
