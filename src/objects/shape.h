/* shape.h — shapes (hidden classes) for instance attributes.
 *
 * A shape is a node in one global tree rooted at shape_root(): each edge
 * adds one interned attribute name, so a shape is the ordered list of names
 * an object gained, and all objects that gained the same names in the same
 * order share it. An AttrStore in shape mode keeps the values in `slots`,
 * indexed by the shape. Deleting an attribute or asking for __dict__ moves
 * the store to dict mode for good (shape NULL, dict live).
 *
 * A zeroed AttrStore (shape NULL, dict NULL) is a valid empty store: that
 * is what gc_alloc hands out, so nobody needs to initialise one.
 *
 * The specialising interpreter caches (shape pointer, index) pairs: shapes
 * are never mutated after creation, so a pointer compare is a full guard.
 * Implemented in objects/shape.c.
 */
#ifndef KRAIT_SHAPE_H
#define KRAIT_SHAPE_H

#include "object.h"

/* Beyond this many attributes an object goes to dict mode (keeps shape
 * trees shallow for objects used as ad-hoc maps). */
#define SHAPE_MAX_SLOTS 64
/* Shapes with more names than this get a name->index dict for lookup. */
#define SHAPE_LINEAR_LIMIT 8

struct Shape {
    Shape *parent;
    uint32_t nslots;        /* number of names (= slot count needed) */
    Value *names;           /* nslots interned strs, in slot order */
    Value index_dict;       /* name -> index when nslots > SHAPE_LINEAR_LIMIT */
    /* transitions to children: small array, then a dict name -> Shape */
    uint32_t nchildren, children_cap;
    Value *child_names;
    Shape **children;
    Value child_dict;       /* used once nchildren > SHAPE_LINEAR_LIMIT */
};

Shape *shape_root(void);
/* Slot index of name (an interned str) or -1. */
static inline int shape_lookup_fast(Shape *s, Value name) {
    if (s->nslots <= SHAPE_LINEAR_LIMIT) {
        for (uint32_t i = 0; i < s->nslots; i++)
            if (s->names[i] == name) return (int)i;
        return -1;
    }
    return -2; /* caller falls back to shape_lookup */
}
int shape_lookup(Shape *s, Value name);
/* The child shape that adds name (created on first use). NULL: no memory. */
Shape *shape_add(Shape *s, Value name);

/* ---- AttrStore operations (the store's mode is handled here) ---- */

/* Value of name or VAL_NULL (no exception). name must be a str. */
Value attrs_get(AttrStore *a, Value name);
/* Set (v != NULL) — -1 on memory error. name must be a str. */
int attrs_set(AttrStore *a, Value name, Value v);
/* 0 deleted, 1 missing (no exception), -1 error. */
int attrs_del(AttrStore *a, Value name);
/* Switch to dict mode (if not yet) and return the live dict. */
Value attrs_dict(AttrStore *a);
/* Replace the whole namespace by a dict (obj.__dict__ = d). */
void attrs_set_dict(AttrStore *a, Value d);
/* Intern a str attribute name if needed (non-str is returned unchanged). */
Value attr_name_intern(Value name);

#endif
