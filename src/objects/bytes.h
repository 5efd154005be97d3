/* bytes.h — bytes (immutable) and bytearray (mutable). Implemented in
 * objects/bytes.c and objects/bytearray.c. */
#ifndef KRAIT_BYTES_H
#define KRAIT_BYTES_H

#include "object.h"

typedef struct BytesObject {
    Object base;
    int64_t hash;
    size_t size;
    char data[]; /* NUL-terminated for convenience */
} BytesObject;

typedef struct ByteArrayObject {
    Object base;
    size_t size, capacity;
    char *data;
} ByteArrayObject;

#define BYTES(v) ((BytesObject *)val_as_ptr(v))
#define BYTEARRAY(v) ((ByteArrayObject *)val_as_ptr(v))

Value bytes_new(const char *data, size_t size);
Value bytearray_new(const char *data, size_t size);
Value bytes_repr(Value b);  /* b'...' */

#endif
