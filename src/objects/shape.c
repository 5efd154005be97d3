/* shape.c — the shape tree and the AttrStore operations on top of it. */
#include "shape.h"

#include "../vm/error.h"
#include "dict.h"
#include "int.h"
#include "str.h"

static Shape *root_shape;

Shape *shape_root(void) {
    if (!root_shape) root_shape = gc_alloc_root(sizeof(Shape));
    return root_shape;
}

Value attr_name_intern(Value name) {
    if (val_is_str_exact(name) && STR(name)->interned) return name;
    if (!val_is_str(name)) return name;
    return str_intern(name);
}

int shape_lookup(Shape *s, Value name) {
    int i = shape_lookup_fast(s, name);
    if (i != -2) return i;
    Value idx = dict_get_interned(s->index_dict, name);
    return idx ? (int)val_as_smallint(idx) : -1;
}

static Shape *shape_find_child(Shape *s, Value name) {
    if (s->child_dict) {
        Value c = dict_get_interned(s->child_dict, name);
        return c ? (Shape *)val_as_ptr(c) : NULL;
    }
    for (uint32_t i = 0; i < s->nchildren; i++)
        if (s->child_names[i] == name) return s->children[i];
    return NULL;
}

static Shape *shape_make_child(Shape *s, Value name) {
    Shape *c = gc_alloc(sizeof(Shape));
    if (!c) return NULL;
    c->parent = s;
    c->nslots = s->nslots + 1;
    c->names = gc_alloc(sizeof(Value) * c->nslots);
    if (!c->names) return NULL;
    if (s->nslots) memcpy(c->names, s->names, sizeof(Value) * s->nslots);
    c->names[s->nslots] = name;
    if (c->nslots > SHAPE_LINEAR_LIMIT) {
        c->index_dict = dict_new();
        if (!c->index_dict) return NULL;
        for (uint32_t i = 0; i < c->nslots; i++)
            if (dict_set(c->index_dict, c->names[i], val_from_smallint(i)) < 0) return NULL;
    }
    return c;
}

static int shape_remember_child(Shape *s, Value name, Shape *c) {
    if (s->child_dict) return dict_set(s->child_dict, name, val_from_ptr(c));
    if (s->nchildren == SHAPE_LINEAR_LIMIT) {
        s->child_dict = dict_new();
        if (!s->child_dict) return -1;
        for (uint32_t i = 0; i < s->nchildren; i++)
            if (dict_set(s->child_dict, s->child_names[i], val_from_ptr(s->children[i])) < 0)
                return -1;
        return dict_set(s->child_dict, name, val_from_ptr(c));
    }
    if (s->nchildren == s->children_cap) {
        uint32_t cap = s->children_cap ? s->children_cap * 2 : 2;
        Value *names = gc_alloc(sizeof(Value) * cap);
        Shape **kids = gc_alloc(sizeof(Shape *) * cap);
        if (!names || !kids) return -1;
        if (s->nchildren) {
            memcpy(names, s->child_names, sizeof(Value) * s->nchildren);
            memcpy(kids, s->children, sizeof(Shape *) * s->nchildren);
        }
        s->child_names = names;
        s->children = kids;
        s->children_cap = cap;
    }
    s->child_names[s->nchildren] = name;
    s->children[s->nchildren++] = c;
    return 0;
}

Shape *shape_add(Shape *s, Value name) {
    Shape *c = shape_find_child(s, name);
    if (c) return c;
    c = shape_make_child(s, name);
    if (!c || shape_remember_child(s, name, c) < 0) {
        err_no_memory();
        return NULL;
    }
    return c;
}

/* ---- AttrStore ---- */

static bool attrs_is_dict_mode(AttrStore *a) { return a->dict != VAL_NULL; }

Value attrs_get(AttrStore *a, Value name) {
    if (attrs_is_dict_mode(a)) return dict_get(a->dict, name);
    if (!a->shape) return VAL_NULL;
    name = attr_name_intern(name);
    if (!name) return VAL_NULL;
    int i = shape_lookup(a->shape, name);
    return i >= 0 ? a->slots[i] : VAL_NULL;
}

/* Capacity of a slots array holding n values: powers of two from 4. */
static uint32_t slots_capacity(uint32_t n) {
    uint32_t cap = 4;
    while (cap < n) cap *= 2;
    return cap;
}

Value attrs_dict(AttrStore *a) {
    if (attrs_is_dict_mode(a)) return a->dict;
    Value d = dict_new();
    if (!d) return VAL_NULL;
    if (a->shape) {
        for (uint32_t i = 0; i < a->shape->nslots; i++)
            if (dict_set(d, a->shape->names[i], a->slots[i]) < 0) return VAL_NULL;
    }
    a->dict = d;
    a->shape = NULL;
    a->slots = NULL;
    return d;
}

void attrs_set_dict(AttrStore *a, Value d) {
    a->dict = d;
    a->shape = NULL;
    a->slots = NULL;
}

int attrs_set(AttrStore *a, Value name, Value v) {
    if (attrs_is_dict_mode(a)) return dict_set(a->dict, name, v);
    name = attr_name_intern(name);
    if (!name) return -1;
    Shape *s = a->shape ? a->shape : shape_root();
    int i = shape_lookup(s, name);
    if (i >= 0) {
        a->slots[i] = v;
        return 0;
    }
    if (s->nslots >= SHAPE_MAX_SLOTS) {
        Value d = attrs_dict(a);
        return d ? dict_set(d, name, v) : -1;
    }
    Shape *next = shape_add(s, name);
    if (!next) return -1;
    uint32_t n = s->nslots;
    if (!a->slots || n + 1 > slots_capacity(n)) {
        Value *grown = gc_alloc(sizeof(Value) * slots_capacity(n + 1));
        if (!grown) {
            err_no_memory();
            return -1;
        }
        if (n) memcpy(grown, a->slots, sizeof(Value) * n);
        a->slots = grown;
    }
    a->slots[n] = v;
    a->shape = next;
    return 0;
}

int attrs_del(AttrStore *a, Value name) {
    if (!attrs_is_dict_mode(a)) {
        if (!attrs_get(a, name)) return 1;
        if (!attrs_dict(a)) return -1;
    }
    return dict_del(a->dict, name);
}
