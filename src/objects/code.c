/* code.c — code objects (Code_Type): the compiler's output, read by the VM.
 * The structure is filled in directly by the compiler (code.h); this file
 * gives it a Python face (co_* attributes, repr) and the line lookup. */
#include "code.h"

#include "../vm/error.h"
#include "bytes.h"
#include "list.h"
#include "str.h"
#include "tuple.h"

CodeObject *code_new(void) {
    CodeObject *co = obj_alloc(&Code_Type, sizeof(CodeObject));
    if (!co) err_no_memory();
    return co;
}

/* Units the compiler marked with -1 (caches, synthetic jumps) belong to the
 * nearest preceding line. */
int code_line_at(CodeObject *co, uint32_t i) {
    if (!co->linetable || co->ncode == 0) return (int)co->firstlineno;
    if (i >= co->ncode) i = co->ncode - 1;
    for (int64_t k = i; k >= 0; k--)
        if (co->linetable[k] >= 0) return co->linetable[k];
    return (int)co->firstlineno;
}

static Value code_repr(Value self) {
    CodeObject *co = CODE(self);
    return str_format_c("<code object %U at %p, file \"%U\", line %d>", co->name,
                        (void *)co, co->filename, (int)co->firstlineno);
}

/* The names of the localsplus slots whose kind has any bit of `kinds`. */
static Value names_of_kind(CodeObject *co, int kinds, int exclude) {
    size_t n = 0;
    for (uint32_t i = 0; i < co->nlocalsplus; i++)
        if ((co->localspluskinds[i] & kinds) && !(co->localspluskinds[i] & exclude)) n++;
    Value t = tuple_new(n);
    if (!t) return VAL_NULL;
    size_t k = 0;
    for (uint32_t i = 0; i < co->nlocalsplus; i++)
        if ((co->localspluskinds[i] & kinds) && !(co->localspluskinds[i] & exclude))
            tuple_items(t)[k++] = tuple_items(co->localsplusnames)[i];
    return t;
}

static Value code_varnames(Value self) { return names_of_kind(CODE(self), CO_FAST_LOCAL, 0); }
/* cells that are also arguments are listed in co_varnames AND co_cellvars */
static Value code_cellvars(Value self) { return names_of_kind(CODE(self), CO_FAST_CELL, 0); }
static Value code_freevars(Value self) { return names_of_kind(CODE(self), CO_FAST_FREE, 0); }
static Value code_name(Value self) { return CODE(self)->name; }
static Value code_qualname(Value self) { return CODE(self)->qualname; }
static Value code_filename(Value self) { return CODE(self)->filename; }
static Value code_consts(Value self) { return CODE(self)->consts; }
static Value code_names(Value self) { return CODE(self)->names; }
static Value code_firstlineno(Value self) { return val_from_smallint(CODE(self)->firstlineno); }
static Value code_argcount(Value self) { return val_from_smallint(CODE(self)->argcount); }
static Value code_posonlyargcount(Value self) {
    return val_from_smallint(CODE(self)->posonlyargcount);
}
static Value code_kwonlyargcount(Value self) {
    return val_from_smallint(CODE(self)->kwonlyargcount);
}
static Value code_nlocals(Value self) { return val_from_smallint(CODE(self)->nlocals); }
static Value code_flags(Value self) { return val_from_smallint(CODE(self)->flags); }
static Value code_stacksize(Value self) { return val_from_smallint(CODE(self)->stacksize); }
/* co_code: the instructions as the compiler made them — specialised
 * opcodes shown as their generic family and caches zeroed, as CPython's
 * co_code hides quickening. 4 bytes per unit, little-endian (opcode byte
 * first, then the 24-bit oparg). */
static Value code_code(Value self) {
    CodeObject *co = CODE(self);
    CodeUnit *units = gc_alloc_atomic(sizeof(CodeUnit) * (co->ncode + 1));
    if (!units) return err_no_memory();
    for (uint32_t i = 0; i < co->ncode;) {
        int op = CU_OP(co->code[i]);
        units[i] = CU_MAKE(opcode_family[op], CU_ARG(co->code[i]));
        uint32_t ncache = opcode_cache_units[op];
        for (uint32_t k = 1; k <= ncache && i + k < co->ncode; k++) units[i + k] = 0;
        i += 1 + ncache;
    }
    return bytes_new((const char *)units, (size_t)co->ncode * sizeof(CodeUnit));
}

/* _co_code_adaptive: the live units, specialised forms and caches included
 * (dis.dis(adaptive=True) reads it). */
static Value code_code_adaptive(Value self) {
    CodeObject *co = CODE(self);
    return bytes_new((const char *)co->code, (size_t)co->ncode * sizeof(CodeUnit));
}

/* Bytes per code unit in co_code; dis shows offsets as unit index * 2 so
 * they read like CPython's 16-bit-unit byte offsets. */
static Value code_unit_size(Value self) { return val_from_smallint(sizeof(CodeUnit)); }

/* co_lines(): (start, end, line) runs over dis offsets (unit index * 2);
 * line None where the compiler recorded none. */
static Value code_lines(Value *args, size_t nargs, Value kwnames) {
    CodeObject *co = CODE(args[0]);
    Value result = list_new(0);
    if (!result) return VAL_NULL;
    uint32_t start = 0;
    for (uint32_t i = 1; i <= co->ncode; i++) {
        int32_t line = co->linetable ? co->linetable[start] : -1;
        if (i < co->ncode && co->linetable && co->linetable[i] == line) continue;
        Value entry = tuple_pack(3, val_from_smallint(start * 2), val_from_smallint(i * 2),
                                 line >= 0 ? val_from_smallint(line) : VAL_NONE);
        if (!entry || list_append(result, entry) < 0) return VAL_NULL;
        start = i;
    }
    return obj_iter(result);
}

/* _co_exception_entries(): [(start, end, target, depth)] in dis offsets. */
static Value code_exception_entries(Value *args, size_t nargs, Value kwnames) {
    CodeObject *co = CODE(args[0]);
    Value result = list_new(0);
    if (!result) return VAL_NULL;
    for (uint32_t i = 0; i < co->nexc; i++) {
        ExceptionEntry *e = &co->exctable[i];
        Value entry = tuple_pack(4, val_from_smallint(e->start * 2), val_from_smallint(e->end * 2),
                                 val_from_smallint(e->target * 2), val_from_smallint(e->depth));
        if (!entry || list_append(result, entry) < 0) return VAL_NULL;
    }
    return result;
}

/* _varname_from_oparg(i): the name of localsplus slot i (as CPython's). */
static Value code_varname_from_oparg(Value *args, size_t nargs, Value kwnames) {
    CodeObject *co = CODE(args[0]);
    int64_t i;
    if (nargs != 2 || !val_is_smallint(args[1]))
        return err_format(&Exc_TypeError, "_varname_from_oparg() takes one int");
    i = val_as_smallint(args[1]);
    if (i < 0 || i >= (int64_t)co->nlocalsplus)
        return err_format(&Exc_IndexError, "tuple index out of range");
    return tuple_items(co->localsplusnames)[i];
}

static const MethodDef code_methods[] = {
    {"co_lines", code_lines, METH_DEFAULT, NULL},
    {"_co_exception_entries", code_exception_entries, METH_DEFAULT, NULL},
    {"_varname_from_oparg", code_varname_from_oparg, METH_DEFAULT, NULL},
    {NULL},
};

static Value code_richcompare(Value a, Value b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || !val_is_type_exact(b, &Code_Type)) return VAL_NOTIMPL;
    return val_bool((a == b) == (op == CMP_EQ));
}

static int code_hash(Value self, int64_t *out) {
    *out = (int64_t)((uintptr_t)val_as_ptr(self) >> 4);
    return 0;
}

static const GetSetDef code_getset[] = {
    {"co_name", code_name, NULL},
    {"co_qualname", code_qualname, NULL},
    {"co_filename", code_filename, NULL},
    {"co_consts", code_consts, NULL},
    {"co_names", code_names, NULL},
    {"co_varnames", code_varnames, NULL},
    {"co_cellvars", code_cellvars, NULL},
    {"co_freevars", code_freevars, NULL},
    {"co_firstlineno", code_firstlineno, NULL},
    {"co_argcount", code_argcount, NULL},
    {"co_posonlyargcount", code_posonlyargcount, NULL},
    {"co_kwonlyargcount", code_kwonlyargcount, NULL},
    {"co_nlocals", code_nlocals, NULL},
    {"co_flags", code_flags, NULL},
    {"co_stacksize", code_stacksize, NULL},
    {"co_code", code_code, NULL},
    {"_co_code_adaptive", code_code_adaptive, NULL},
    {"_co_unit_size", code_unit_size, NULL},
    {NULL},
};

Type Code_Type = {
    .base = {&Type_Type},
    .name = "code",
    .basicsize = sizeof(CodeObject),
    .tp_repr = code_repr,
    .tp_hash = code_hash,
    .tp_richcompare = code_richcompare,
    .getset = code_getset,
    .methods = code_methods,
};
