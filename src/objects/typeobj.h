/* typeobj.h — the type system's internal interface: heap types (classes
 * made by `class` statements or type(name, bases, dict)), descriptors,
 * slot wrappers and the helpers abstract.c, descr.c, super.c and the VM
 * share. Implemented in objects/typeobj.c (type object, class creation,
 * MRO), objects/typeslots.c (dunder <-> slot mapping), objects/descr.c,
 * objects/object.c.
 */
#ifndef KRAIT_TYPEOBJ_H
#define KRAIT_TYPEOBJ_H

#include "object.h"

/* The solid base (object.h's tp_base). Several areas spell it through this
 * macro; keep it. */
#ifndef TP_BASE
#define TP_BASE(t) ((t)->tp_base)
#endif

/* Every type created at run time (TPFLAG_HEAPTYPE) has this layout;
 * Type_Type.basicsize is sizeof(HeapTypeObject) so metaclass instances
 * have it too. Static types are plain `Type`s: only read these fields when
 * TPFLAG_HEAPTYPE is set. */
typedef struct HeapTypeObject {
    Type type;
    Value name;        /* str __name__ (type.name points into its bytes) */
    Value slot_names;  /* __slots__ without __dict__: tuple of the only
                          attribute names instances may have; else NULL */
} HeapTypeObject;

#define HEAPTYPE(t) ((HeapTypeObject *)(t))

/* Layout of instances of heap types: basicsize is the FULL instance size
 * (base size + the appended AttrStore when attrs_offset > 0), so a built-in
 * tp_new that allocates `type->basicsize` bytes for a subtype is right. */

/* ---- descriptors (objects/descr.c) ---- */
typedef struct MethodDescrObject {      /* MethodDescr_Type, ClassMethodDescr_Type */
    Object base;
    Type *owner;
    const MethodDef *def;
} MethodDescrObject;

typedef struct GetSetDescrObject {      /* GetSetDescr_Type */
    Object base;
    Type *owner;
    const GetSetDef *def;
} GetSetDescrObject;

typedef struct PropertyObject {         /* Property_Type */
    Object base;
    Value fget, fset, fdel, doc, name;  /* VAL_NULL or None when absent */
} PropertyObject;

typedef struct WrapperFuncObject {      /* StaticMethod_Type, ClassMethod_Type */
    Object base;
    Value func;
    AttrStore attrs;                    /* arbitrary attributes (__dict__) */
} WrapperFuncObject;

/* A built-in type's slot exposed as a dunder ("<slot wrapper '__add__' of
 * 'int' objects>"). Calling it with (self, *args) runs owner's slot. */
typedef struct SlotDef SlotDef;
typedef struct SlotWrapperObject {
    Object base;
    Type *owner;
    const SlotDef *slot;
} SlotWrapperObject;
extern Type SlotWrapper_Type;
extern Type MethodWrapper_Type; /* a slot wrapper bound to an instance */

Value methoddescr_new(Type *owner, const MethodDef *def);
Value classmethoddescr_new(Type *owner, const MethodDef *def);
Value getsetdescr_new(Type *owner, const GetSetDef *def);
Value staticmethod_new(Value func);
Value classmethod_new(Value func);
Value slotwrapper_new(Type *owner, const SlotDef *slot);
/* Is v a data descriptor (its type has __set__ / __delete__)? */
static inline bool descr_is_data(Value v) {
    return val_is_ptr(v) && TYPE(v)->tp_descr_set != NULL;
}

/* ---- slots (objects/typeslots.c) ---- */
/* Add the dunder wrappers for the slots a static type defines itself. */
int type_add_slot_wrappers(Type *type);
/* Recompute every slot of a heap type from the dunders its MRO holds, and
 * do the same for its subclasses (after a class attribute changed). */
void type_update_slots(Type *type);
/* Is name one of the dunders that map to a slot? */
bool slot_name_is_special(Value name);

/* ---- types (objects/typeobj.c) ---- */
/* New version for type and all its subclasses (anything cached is stale). */
void type_modified(Type *type);
/* Heap-type instance creation: allocate basicsize bytes, set the header. */
Value type_generic_alloc(Type *type);
/* type(name, bases, dict) through a given metatype; kw for __init_subclass__. */
Value type_new_impl(Type *meta, Value name, Value bases, Value dict,
                    Value *kwargs, size_t nkw, Value kwnames);
Value type_getattro(Value type, Value name);
int type_setattro(Value type, Value name, Value v);
Value type_repr(Value type);
/* The str __qualname__ / __module__ of a type. */
Value type_get_qualname(Type *type);
Value type_get_module(Type *type);
/* "module.Qualname" when module is not builtins / __main__ ("ValueError",
 * "mod.MyError"), as tracebacks print it. */
Value type_display_name(Type *type);
/* class statement entry point, installed as builtins.__build_class__. */
Value builtin___build_class__(Value *args, size_t nargs, Value kwnames);

/* ---- object (objects/object.c) ---- */
Value object_new(Type *type, Value *args, size_t nargs, Value kwnames);
int object_init(Value self, Value *args, size_t nargs, Value kwnames);
Value object_repr(Value self);
Value object_str(Value self);
int object_hash(Value self, int64_t *out);
Value object_richcompare(Value a, Value b, int op);
Value object_get_dict(Value self);       /* obj.__dict__ (AttrStore to dict mode) */
int object_set_dict(Value self, Value v);
extern const GetSetDef object_dict_getset[]; /* {"__dict__", ...}, {NULL} */
/* dir() helper: every name along type's MRO, as keys of the dict result. */
int type_collect_dir(Type *type, Value result);

/* ---- attribute helpers (objects/abstract.c) ---- */
/* Method lookup without creating a bound method: 1 and *out = the plain
 * function when obj.name is a method to be called with obj prepended;
 * 0 and *out = the attribute otherwise; -1 on error (AttributeError set).
 * The VM's LOAD_ATTR method form uses it. */
int obj_get_method(Value obj, Value name, Value *out);
/* Look a dunder up on type(obj) (never the instance) and call it with obj
 * prepended. *found false (and VAL_NULL, no error) when absent. */
Value call_special(Value obj, Value name, Value *args, size_t nargs, bool *found);
/* Apply a descriptor found on a type: its __get__(obj, type) if any. */
Value descr_bind(Value attr, Value obj, Type *type);
/* Call an attribute found on type(self) as a method: descr(self, *args),
 * without building a bound method when descr is a plain function. */
Value call_unbound(Value descr, Value self, Value *args, size_t nargs, Value kwnames);
/* Generic getattr that returns VAL_NULL WITHOUT an AttributeError when the
 * name is simply missing (other errors are still raised). */
Value obj_generic_getattr_noerr(Value obj, Value name);
int obj_generic_setattr_impl(Value obj, Value name, Value v);

/* ---- X | Y (objects/union.c) ---- */
extern Type UnionType_Type;
/* a | b for types, None and unions; NotImplemented for anything else. */
Value union_new(Value a, Value b);
/* The tuple of members of a union (for isinstance/issubclass). */
static inline bool val_is_union(Value v) { return val_is_type_exact(v, &UnionType_Type); }
Value union_args(Value u);

/* ---- C[T] (objects/genericalias.c) ---- */
extern Type GenericAlias_Type;
/* origin[key]: key is one argument or a tuple of them. */
Value generic_alias_new(Value origin, Value key);

#endif
