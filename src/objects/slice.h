/* slice.h — slice objects and the index arithmetic every sequence shares.
 * Implemented in objects/slice.c. */
#ifndef KRAIT_SLICE_H
#define KRAIT_SLICE_H

#include "object.h"

typedef struct SliceObject {
    Object base;
    Value start, stop, step; /* None when omitted */
} SliceObject;

#define SLICE(v) ((SliceObject *)val_as_ptr(v))

Value slice_new(Value start, Value stop, Value step);
/* Read start/stop/step as clamped int64s (None -> defaults; __index__
 * honoured). ValueError "slice step cannot be zero". -1 on error. */
int slice_unpack(Value slice, int64_t *start, int64_t *stop, int64_t *step);
/* Clip to a sequence of `length`; returns the number of items selected. */
int64_t slice_adjust(int64_t length, int64_t *start, int64_t *stop, int64_t step);

#endif
