/* tuple.h — tuples. Implemented in objects/tuple.c. */
#ifndef KRAIT_TUPLE_H
#define KRAIT_TUPLE_H

#include "object.h"

typedef struct TupleObject {
    Object base;
    size_t size;
    Value items[];
} TupleObject;

#define TUPLE(v) ((TupleObject *)val_as_ptr(v))
static inline size_t tuple_size(Value t) { return TUPLE(t)->size; }
static inline Value *tuple_items(Value t) { return TUPLE(t)->items; }

/* A tuple of n items, all VAL_NULL: the caller fills every slot before the
 * tuple escapes. The empty tuple is a singleton. */
Value tuple_new(size_t n);
Value tuple_from_array(const Value *items, size_t n);
Value tuple_pack(size_t n, ...);
Value tuple_from_iterable(Value it); /* tuple(it) */

#endif
