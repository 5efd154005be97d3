/* code.c — code objects (Code_Type): the compiler's output, read by the VM.
 * The structure is filled in directly by the compiler (code.h); this file
 * gives it a Python face (co_* attributes, repr) and the line lookup. */
#include "code.h"

#include "../vm/error.h"
#include "bytes.h"
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
static Value code_code(Value self) {
    CodeObject *co = CODE(self);
    return bytes_new((const char *)co->code, (size_t)co->ncode * sizeof(CodeUnit));
}

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
};
