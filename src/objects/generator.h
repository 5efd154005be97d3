/* generator.h — generator objects. Implemented in objects/generator.c.
 *
 * Calling a function whose code has CO_GENERATOR binds the arguments into
 * a frame on the GC heap and wraps it in a generator; nothing runs until
 * the first next(). Each resumption runs the frame as the entry frame of
 * a nested eval loop; YIELD_VALUE leaves that loop with the frame
 * suspended. */
#ifndef KRAIT_GENERATOR_H
#define KRAIT_GENERATOR_H

#include "../vm/frame.h"
#include "object.h"

typedef struct GeneratorObject {
    Object base;
    Frame *frame;        /* heap frame; state FRAME_COMPLETED once finished */
    Value name, qualname;
    ExcInfo exc_state;   /* the generator's own handled exception */
    bool running;
} GeneratorObject;

#define GEN(v) ((GeneratorObject *)val_as_ptr(v))

/* Make the generator for a call of a CO_GENERATOR function. */
Value generator_from_call(Value func, Value *args, size_t nargs, Value kwnames);

/* Resume with `sent` (None for next()). 0: it yielded *out; 1: it returned
 * *out; -1: an exception is set. */
int generator_send(GeneratorObject *g, Value sent, Value *out);
/* gen.throw(exc): the next yielded value, or VAL_NULL with an exception
 * (StopIteration(value) when the generator returns). */
Value generator_throw(GeneratorObject *g, Value exc);
/* gen.close(): the return value (None usually), or VAL_NULL on error. */
Value generator_close(GeneratorObject *g);

#endif
