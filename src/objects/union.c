/* union.c — `X | Y` between types (types.UnionType): what annotations
 * such as `int | None` evaluate to, and what isinstance() accepts. */
#include "../vm/error.h"
#include "list.h"
#include "str.h"
#include "tuple.h"
#include "typeobj.h"

typedef struct UnionObject {
    Object base;
    Value args; /* tuple of distinct types, flattened */
} UnionObject;

#define UNION(v) ((UnionObject *)val_as_ptr(v))

Value union_args(Value u) { return UNION(u)->args; }

static bool union_member_ok(Value v) {
    return v == VAL_NONE || val_is_typeobj(v) || val_is_union(v) ||
           val_is_type_exact(v, &GenericAlias_Type);
}

static int add_member(Value list, Value v) {
    if (val_is_union(v)) {
        Value args = UNION(v)->args;
        for (size_t i = 0; i < tuple_size(args); i++)
            if (add_member(list, tuple_items(args)[i]) < 0) return -1;
        return 0;
    }
    if (v == VAL_NONE) v = val_from_ptr(&NoneType_Type);
    for (size_t i = 0; i < list_size(list); i++)
        if (list_items(list)[i] == v) return 0;
    return list_append(list, v);
}

Value union_new(Value a, Value b) {
    if (!union_member_ok(a) || !union_member_ok(b)) return VAL_NOTIMPL;
    Value members = list_new(0);
    if (!members || add_member(members, a) < 0 || add_member(members, b) < 0) return VAL_NULL;
    if (list_size(members) == 1) return list_items(members)[0];
    UnionObject *u = obj_alloc(&UnionType_Type, sizeof(UnionObject));
    if (!u) return err_no_memory();
    u->args = tuple_from_array(list_items(members), list_size(members));
    return u->args ? val_from_ptr(u) : VAL_NULL;
}

static Value member_repr(Value t) {
    if (t == val_from_ptr(&NoneType_Type)) return str_from_cstr("None");
    if (val_is_type_exact(t, &GenericAlias_Type)) return obj_repr(t);
    if (!val_is_typeobj(t)) return obj_repr(t);
    Type *type = val_as_type(t);
    Value qn = type_get_qualname(type), mod = type_get_module(type);
    if (!qn || !mod) return VAL_NULL;
    if (val_is_str(mod) && strcmp(str_data(mod), "builtins") != 0)
        return str_format_c("%U.%U", mod, qn);
    return qn;
}

static Value union_repr(Value self) {
    Value args = UNION(self)->args, out = VAL_NULL;
    for (size_t i = 0; i < tuple_size(args); i++) {
        Value r = member_repr(tuple_items(args)[i]);
        if (!r) return VAL_NULL;
        out = out ? str_format_c("%U | %U", out, r) : r;
        if (!out) return VAL_NULL;
    }
    return out;
}

static bool union_has(Value u, Value t) {
    Value args = UNION(u)->args;
    for (size_t i = 0; i < tuple_size(args); i++)
        if (tuple_items(args)[i] == t) return true;
    return false;
}

static Value union_richcompare(Value a, Value b, int op) {
    if (!val_is_union(a) || !val_is_union(b) || (op != CMP_EQ && op != CMP_NE)) return VAL_NOTIMPL;
    Value aa = UNION(a)->args, ba = UNION(b)->args;
    bool eq = tuple_size(aa) == tuple_size(ba);
    for (size_t i = 0; eq && i < tuple_size(aa); i++) eq = union_has(b, tuple_items(aa)[i]);
    return val_bool(op == CMP_EQ ? eq : !eq);
}

static int union_hash(Value self, int64_t *out) {
    Value args = UNION(self)->args;
    int64_t h = 0x345678;
    for (size_t i = 0; i < tuple_size(args); i++) {
        int64_t m;
        if (obj_hash(tuple_items(args)[i], &m) < 0) return -1;
        h ^= m;
    }
    *out = h == -1 ? -2 : h;
    return 0;
}

static Value union_get_args(Value self) { return UNION(self)->args; }

static const GetSetDef union_getset[] = {
    {"__args__", union_get_args, NULL},
    {NULL},
};

Type UnionType_Type = {
    .base = {&Type_Type},
    .name = "types.UnionType",
    .basicsize = sizeof(UnionObject),
    .tp_repr = union_repr,
    .tp_richcompare = union_richcompare,
    .tp_hash = union_hash,
    .nb_binary = {[NB_OR] = union_new},
    .getset = union_getset,
};
