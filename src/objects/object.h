/* object.h — the object header, the type structure and the abstract object
 * protocol every part of krait uses to operate on Values.
 *
 * Conventions (all of krait follows them):
 *  - A function returning Value returns VAL_NULL on error, with the current
 *    exception set (see vm/error.h). A function returning int returns -1 on
 *    error, 0/1 otherwise. Every caller checks.
 *  - An iterator's next returns VAL_NULL with NO exception set when it is
 *    exhausted (the StopIteration fast path, as in CPython).
 *  - Calls use one vector convention everywhere: (args, nargs, kwnames) —
 *    positional args first, then one value per keyword whose names are in
 *    the tuple kwnames (VAL_NULL when there are none).
 *  - Methods written in C receive `self` as args[0].
 */
#ifndef KRAIT_OBJECT_H
#define KRAIT_OBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "../gc/gc.h"
#include "../vm/value.h"

typedef struct Type Type;

/* Every heap object starts with this header. */
typedef struct Object {
    Type *type;
} Object;

#define OBJ(v) ((Object *)val_as_ptr(v))

/* ---- slot signatures ---- */
typedef Value (*UnaryFn)(Value self);
typedef Value (*BinaryFn)(Value a, Value b);
typedef Value (*TernaryFn)(Value a, Value b, Value c);
typedef Value (*CallFn)(Value self, Value *args, size_t nargs, Value kwnames);
typedef Value (*NewFn)(Type *type, Value *args, size_t nargs, Value kwnames);
typedef int (*InitFn)(Value self, Value *args, size_t nargs, Value kwnames);
typedef int (*HashFn)(Value self, int64_t *out);
typedef Value (*RichCmpFn)(Value a, Value b, int op); /* may return NotImplemented */
typedef Value (*GetAttrFn)(Value self, Value name);    /* name is an interned str */
typedef int (*SetAttrFn)(Value self, Value name, Value v); /* v NULL: delete */
typedef int64_t (*LenFn)(Value self);                   /* -1 on error */
typedef int (*SetItemFn)(Value self, Value key, Value v); /* v NULL: delete */
typedef int (*ContainsFn)(Value self, Value item);
typedef int (*BoolFn)(Value self);
typedef Value (*DescrGetFn)(Value descr, Value obj, Value type); /* obj NULL: via class */
typedef int (*DescrSetFn)(Value descr, Value obj, Value v);      /* v NULL: delete */

/* C functions exposed to Python (builtins, methods): self is args[0]. */
typedef Value (*CFunction)(Value *args, size_t nargs, Value kwnames);

typedef struct MethodDef {
    const char *name;
    CFunction fn;
    int flags; /* METH_* */
    const char *doc;
} MethodDef;

#define METH_DEFAULT 0     /* a plain method: bound on instance access */
#define METH_CLASS 1       /* classmethod: args[0] is the type */
#define METH_STATIC 2      /* staticmethod: no self */

typedef Value (*Getter)(Value self);
typedef int (*Setter)(Value self, Value v); /* v NULL: delete */

typedef struct GetSetDef {
    const char *name;
    Getter get;
    Setter set; /* NULL: read-only */
} GetSetDef;

/* Comparison operators, in COMPARE_OP oparg order. */
enum { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE };

/* Binary operators, in BINARY_OP oparg order (CPython's NB_* numbering, so
 * `dis` prints the same oparg). NB_INPLACE_x == NB_x + NB_INPLACE_OFFSET. */
enum {
    NB_ADD, NB_AND, NB_FLOOR_DIVIDE, NB_LSHIFT, NB_MATRIX_MULTIPLY,
    NB_MULTIPLY, NB_REMAINDER, NB_OR, NB_POWER, NB_RSHIFT, NB_SUBTRACT,
    NB_TRUE_DIVIDE, NB_XOR,
    NB_COUNT
};
#define NB_INPLACE_OFFSET NB_COUNT

/* Type flags */
#define TPFLAG_HEAPTYPE (1u << 0)     /* created by a class statement */
#define TPFLAG_BASETYPE (1u << 1)     /* may be subclassed */
#define TPFLAG_READY (1u << 2)        /* type_ready has run */
#define TPFLAG_ABSTRACT (1u << 3)
#define TPFLAG_INT_SUBCLASS (1u << 8) /* fast isinstance checks */
#define TPFLAG_FLOAT_SUBCLASS (1u << 9)
#define TPFLAG_STR_SUBCLASS (1u << 10)
#define TPFLAG_BYTES_SUBCLASS (1u << 11)
#define TPFLAG_TUPLE_SUBCLASS (1u << 12)
#define TPFLAG_LIST_SUBCLASS (1u << 13)
#define TPFLAG_DICT_SUBCLASS (1u << 14)
#define TPFLAG_EXC_SUBCLASS (1u << 15)
#define TPFLAG_TYPE_SUBCLASS (1u << 16)

struct Type {
    Object base;          /* type of the type: &Type_Type or a metaclass */
    const char *name;     /* __name__ (for builtins: "int", "list", …) */
    Value qualname;       /* str or NULL (then name is used) */
    Value module;         /* str __module__ or NULL ("builtins") */
    size_t basicsize;     /* bytes for an instance (before attrs) */
    uint32_t flags;
    uint32_t version;     /* bumped when the type or a base is mutated; 0 = none yet */
    Type *tp_base;        /* the solid base: the first base whose layout instances extend */
    Value bases;          /* tuple of types */
    Value mro;            /* tuple of types, self first */
    Value dict;           /* dict: the class namespace */
    Value subclasses;     /* list of weak-ish refs or NULL */
    ptrdiff_t attrs_offset; /* 0: instances have no AttrStore. > 0: its byte
                             offset inside the instance (a class statement
                             appends one after a fixed-size base). < 0: it
                             sits just BEFORE the object (variable-size bases
                             such as str, bytes, tuple; see obj_alloc_var). */
    const char *doc;

    /* construction */
    NewFn tp_new;
    InitFn tp_init;
    CallFn tp_call;       /* calling an instance of this type */

    /* object protocol */
    UnaryFn tp_repr;
    UnaryFn tp_str;
    HashFn tp_hash;       /* NULL: unhashable */
    RichCmpFn tp_richcompare;
    GetAttrFn tp_getattro;
    SetAttrFn tp_setattro;
    UnaryFn tp_iter;
    UnaryFn tp_iternext;
    DescrGetFn tp_descr_get;
    DescrSetFn tp_descr_set;

    /* number protocol: nb_binary[NB_x] and nb_inplace[NB_x]. A binary slot
     * is called with the operands in source order; either may be of this
     * type. It returns NotImplemented for operand types it does not handle. */
    BinaryFn nb_binary[NB_COUNT];
    BinaryFn nb_inplace[NB_COUNT];
    UnaryFn nb_negative;
    UnaryFn nb_positive;
    UnaryFn nb_absolute;
    UnaryFn nb_invert;
    BoolFn nb_bool;
    UnaryFn nb_int;
    UnaryFn nb_float;
    UnaryFn nb_index;

    /* container protocol */
    LenFn sq_length;
    BinaryFn mp_subscript;  /* obj[key] */
    SetItemFn mp_ass_subscript;
    ContainsFn sq_contains;

    /* static tables turned into the type dict by type_ready */
    const MethodDef *methods;   /* terminated by {NULL} */
    const GetSetDef *getset;    /* terminated by {NULL} */
};

#define TYPE(v) (OBJ(v)->type)

/* Instance attributes of Python-level objects. While `shape` is set, the
 * attribute names and their slot indexes come from the shared shape (hidden
 * class) and values sit in `slots`; the specialising interpreter caches
 * (shape, index) pairs. Once code asks for a real __dict__ (or deletes an
 * attribute), the store switches to dict mode: shape NULL, `dict` live. */
typedef struct Shape Shape; /* objects/shape.h */
typedef struct AttrStore {
    Shape *shape;
    Value *slots;
    Value dict;
} AttrStore;

static inline AttrStore *obj_attrs(Value v, Type *t) {
    return (AttrStore *)((char *)val_as_ptr(v) + t->attrs_offset);
}

/* ---- singletons (static objects; compare by identity) ---- */
extern Object None_Obj, NotImplemented_Obj, Ellipsis_Obj;
extern Object True_Obj, False_Obj; /* the two bool instances */
#define VAL_NONE val_from_ptr(&None_Obj)
#define VAL_TRUE val_from_ptr(&True_Obj)
#define VAL_FALSE val_from_ptr(&False_Obj)
#define VAL_NOTIMPL val_from_ptr(&NotImplemented_Obj)
#define VAL_ELLIPSIS val_from_ptr(&Ellipsis_Obj)
static inline Value val_bool(int b) { return b ? VAL_TRUE : VAL_FALSE; }

/* ---- the built-in types (static Type objects) ---- */
#define BUILTIN_TYPES(X) \
    X(Object_Type) X(Type_Type) X(NoneType_Type) X(NotImplementedType_Type) \
    X(Ellipsis_Type) X(Int_Type) X(Bool_Type) X(Float_Type) X(Complex_Type) \
    X(Str_Type) X(Bytes_Type) X(ByteArray_Type) X(List_Type) X(Tuple_Type) \
    X(Dict_Type) X(Set_Type) X(FrozenSet_Type) X(Range_Type) X(Slice_Type) \
    X(Function_Type) X(BuiltinFunction_Type) X(Method_Type) X(Code_Type) \
    X(Cell_Type) X(Module_Type) X(Generator_Type) X(Frame_Type) \
    X(Traceback_Type) X(Property_Type) X(StaticMethod_Type) \
    X(ClassMethod_Type) X(Super_Type) X(MethodDescr_Type) \
    X(GetSetDescr_Type) X(ClassMethodDescr_Type)
#define DECLARE_TYPE(t) extern Type t;
BUILTIN_TYPES(DECLARE_TYPE)
#undef DECLARE_TYPE

/* Type of any Value, including inline ints and floats. */
static inline Type *val_type(Value v) {
    if (val_is_ptr(v)) return TYPE(v);
    if (val_is_smallint(v)) return &Int_Type;
    return &Float_Type;
}

/* Exact type checks that never dereference more than needed. */
static inline bool val_is_type_exact(Value v, Type *t) {
    return val_is_ptr(v) && TYPE(v) == t;
}
static inline bool val_has_flag(Value v, uint32_t flag) {
    return (val_type(v)->flags & flag) != 0;
}
static inline bool val_is_none(Value v) { return v == VAL_NONE; }
static inline bool val_is_bool(Value v) { return v == VAL_TRUE || v == VAL_FALSE; }
static inline bool val_is_str(Value v) {
    return val_is_ptr(v) && (TYPE(v) == &Str_Type || (TYPE(v)->flags & TPFLAG_STR_SUBCLASS));
}
static inline bool val_is_str_exact(Value v) { return val_is_type_exact(v, &Str_Type); }
/* int (small or big), including bool and int subclasses */
static inline bool val_is_int(Value v) {
    return val_is_smallint(v) || (val_is_ptr(v) && (TYPE(v)->flags & TPFLAG_INT_SUBCLASS));
}
static inline bool val_is_float(Value v) {
    return val_is_double(v) || (val_is_ptr(v) && (TYPE(v)->flags & TPFLAG_FLOAT_SUBCLASS));
}
static inline bool val_is_tuple(Value v) { return val_has_flag(v, TPFLAG_TUPLE_SUBCLASS); }
static inline bool val_is_list(Value v) { return val_has_flag(v, TPFLAG_LIST_SUBCLASS); }
static inline bool val_is_dict(Value v) { return val_has_flag(v, TPFLAG_DICT_SUBCLASS); }
static inline bool val_is_typeobj(Value v) { return val_has_flag(v, TPFLAG_TYPE_SUBCLASS); }
static inline bool val_is_exception(Value v) { return val_has_flag(v, TPFLAG_EXC_SUBCLASS); }
static inline Type *val_as_type(Value v) { return (Type *)val_as_ptr(v); }

/* ---- the abstract object protocol (objects/abstract.c) ----
 * These are what the VM and library code call. They dispatch through the
 * type slots and implement Python's rules (reflected operands, subclass
 * priority, __eq__ fallback to identity, __bool__/__len__ truth, …). */
Value obj_repr(Value v);                 /* repr(v) -> str */
Value obj_str(Value v);                  /* str(v) -> str */
Value obj_ascii(Value v);
Value obj_format(Value v, Value spec);   /* format(v, spec) */
int obj_hash(Value v, int64_t *out);     /* -1 + TypeError if unhashable */
Value obj_richcompare(Value a, Value b, int op); /* result object */
int obj_richcompare_bool(Value a, Value b, int op); /* -1 error, else 0/1 */
int obj_eq(Value a, Value b);            /* identity first, then == ; -1 on error */
int obj_truthy(Value v);                 /* -1 on error */
Value obj_binary_op(Value a, Value b, int nb_op); /* NB_x or NB_INPLACE_x */
Value obj_pow3(Value a, Value b, Value mod);
Value obj_negative(Value v);
Value obj_positive(Value v);
Value obj_invert(Value v);
Value obj_absolute(Value v);
Value obj_index(Value v);                /* __index__ -> int */
int obj_index_i64(Value v, int64_t *out); /* __index__, OverflowError if too big */
Value obj_int(Value v);                  /* int(v) */
Value obj_float(Value v);                /* float(v) */
Value obj_getattr(Value obj, Value name);       /* AttributeError if missing */
Value obj_getattr_cstr(Value obj, const char *name);
Value obj_lookup_attr(Value obj, Value name);   /* NULL without error if missing */
int obj_setattr(Value obj, Value name, Value v);
int obj_delattr(Value obj, Value name);
Value obj_getitem(Value obj, Value key);
int obj_setitem(Value obj, Value key, Value v);
int obj_delitem(Value obj, Value key);
int64_t obj_len(Value v);                /* -1 on error */
int obj_contains(Value container, Value item); /* `in`; -1 on error */
Value obj_iter(Value v);                 /* iter(v) */
Value obj_next(Value it);                /* NULL w/o error when exhausted */
Value obj_call(Value callable, Value *args, size_t nargs, Value kwnames);
Value obj_call0(Value callable);
Value obj_call1(Value callable, Value a);
Value obj_call2(Value callable, Value a, Value b);
/* obj.name(args...) */
Value obj_call_method(Value obj, const char *name, Value *args, size_t nargs);
int obj_isinstance(Value obj, Value cls);   /* cls may be a tuple; -1 error */
int obj_issubclass(Value derived, Value cls);
bool type_is_subtype(Type *a, Type *b);     /* walks a's mro */
Value obj_dir(Value obj);
/* Look a name up along type's MRO (no descriptors applied). NULL w/o error. */
Value type_lookup(Type *type, Value name);
/* Generic attribute access for objects with an AttrStore and for types. */
Value obj_generic_getattr(Value obj, Value name);
int obj_generic_setattr(Value obj, Value name, Value v);
/* Make a static type usable: build its dict from methods/getset, its mro,
 * inherit slots from base. Returns -1 on error. */
int type_ready(Type *type);
/* type name for messages: "int", "MyClass" */
const char *type_name(Type *t);
static inline const char *val_type_name(Value v) { return type_name(val_type(v)); }

/* Allocate an object of `type` with `size` bytes (zeroed), header set. */
static inline void *obj_alloc(Type *type, size_t size) {
    Object *o = (Object *)gc_alloc(size);
    if (o) o->type = type;
    return o;
}

/* Allocate an instance of a possibly variable-size type: when the type keeps
 * its AttrStore in front of the object (attrs_offset < 0), the block is made
 * larger and the returned object starts after the prefix. libgc is set to
 * honour interior pointers, so the prefix stays alive with the object. */
static inline void *obj_alloc_var(Type *type, size_t size) {
    size_t prefix = type->attrs_offset < 0 ? (size_t)(-type->attrs_offset) : 0;
    char *block = (char *)gc_alloc(prefix + size);
    if (!block) return NULL;
    Object *o = (Object *)(block + prefix);
    o->type = type;
    return o;
}

/* Area initialisers, called in this order by runtime_init (vm/runtime.c):
 *   strings_init    interns COMMON_NAMES (str.h); must not need any dict or
 *                   type_ready — str_new/str_intern work on the static type
 *   typesys_init    type_ready for every type in BUILTIN_TYPES and
 *                   EXCEPTION_TYPES (bases first), singletons' types
 *   numbers_init … modules_init: each readies the extra (internal) types its
 *                   area defines (iterators, views, …) and builds its tables
 */
void strings_init(void);    /* str, bytes, bytearray, format */
void typesys_init(void);    /* object, type, descriptors, exceptions, module */
void numbers_init(void);    /* int, bool, float, complex */
void containers_init(void); /* list, tuple, dict, set, range, slice, iterators */
void vm_init(void);         /* function, code, cell, frame, generator, import */
void modules_init(void);    /* builtins, sys, math, time, json, io, … */

#endif
