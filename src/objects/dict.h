/* dict.h — insertion-ordered hash tables: a dense array of entries in
 * insertion order plus a sparse index table of slots into it (the compact
 * layout CPython and PyPy use). Implemented in objects/dict.c. */
#ifndef KRAIT_DICT_H
#define KRAIT_DICT_H

#include "object.h"

typedef struct DictEntry {
    int64_t hash;
    Value key;   /* VAL_NULL: deleted entry */
    Value value;
} DictEntry;

typedef struct DictObject {
    Object base;
    size_t used;        /* live entries */
    size_t nentries;    /* entries used, including deleted ones */
    size_t capacity;    /* entries allocated */
    size_t mask;        /* index table size - 1 (power of two) */
    void *indices;      /* int32 or int64 slots; -1 empty, -2 dummy */
    DictEntry *entries;
    /* Bumped on every insertion, deletion or value change: the
     * specialising interpreter guards cached globals with it. */
    uint64_t version;
} DictObject;

#define DICT(v) ((DictObject *)val_as_ptr(v))
static inline size_t dict_size(Value d) { return DICT(d)->used; }

Value dict_new(void);
/* Lookup: the value, or VAL_NULL. VAL_NULL with an exception set means a
 * key's __hash__/__eq__ raised; callers test err_occurred() when it matters. */
Value dict_get(Value d, Value key);
Value dict_get_str(Value d, const char *key);
/* Fast path for an interned str key (compares by identity first). */
Value dict_get_interned(Value d, Value key);
int dict_set(Value d, Value key, Value v);
int dict_set_str(Value d, const char *key, Value v);
/* 0 deleted, 1 missing (no exception), -1 error. */
int dict_del(Value d, Value key);
/* Iterate: pos starts at 0; returns false when done. */
bool dict_next(Value d, size_t *pos, Value *key, Value *value);
Value dict_copy(Value d);
int dict_update(Value d, Value other);   /* d.update(other) (mapping or pairs) */
int dict_merge_kwargs(Value d, Value other); /* d.update(other), TypeError on a repeated key */
Value dict_keys_list(Value d);

#endif
