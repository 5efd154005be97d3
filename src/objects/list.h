/* list.h — lists. Implemented in objects/list.c (sorting in listsort.c). */
#ifndef KRAIT_LIST_H
#define KRAIT_LIST_H

#include "object.h"

typedef struct ListObject {
    Object base;
    size_t size, capacity;
    Value *items;
} ListObject;

#define LIST(v) ((ListObject *)val_as_ptr(v))
static inline size_t list_size(Value l) { return LIST(l)->size; }
static inline Value *list_items(Value l) { return LIST(l)->items; }

Value list_new(size_t capacity);          /* empty list */
Value list_from_array(const Value *items, size_t n);
Value list_from_iterable(Value it);       /* list(it) */
int list_append(Value list, Value v);     /* -1 on MemoryError */
int list_extend(Value list, Value iterable);
/* Stable sort in place with optional key function (VAL_NULL) and reverse. */
int list_sort(Value list, Value key, bool reverse);

#endif
