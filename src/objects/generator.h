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
    /* Only a for-loop's iterator slot refers to it (see
     * generator_claim_for_loop): dropping that slot closes it, as
     * CPython's reference counting would. */
    bool loop_owned;
} GeneratorObject;

#define GEN(v) ((GeneratorObject *)val_as_ptr(v))

/* Make the generator for a call of a CO_GENERATOR function. */
Value generator_from_call(Value func, Value *args, size_t nargs, Value kwnames);

/* Resume with `sent` (None for next()). 0: it yielded *out; 1: it returned
 * *out; -1: an exception is set. */
int generator_send(GeneratorObject *g, Value sent, Value *out);
/* next(gen) as Python sees it: the next value, or VAL_NULL with
 * StopIteration(return value) once it returns (tp_iternext drops the
 * value, per the iterator convention). builtins.next should use this for
 * generators so `except StopIteration as e: e.value` works. */
Value generator_next(GeneratorObject *g);
/* gen.throw(exc): the next yielded value, or VAL_NULL with an exception
 * (StopIteration(value) when the generator returns). */
Value generator_throw(GeneratorObject *g, Value exc);
/* gen.close(): the return value (None usually), or VAL_NULL on error. */
Value generator_close(GeneratorObject *g);

/* Emulating CPython's prompt finalisation for the common case
 * `for x in gen(...): ... break`: a generator created by a call whose
 * result goes straight into GET_ITER has no other reference, so when the
 * loop drops it (POP_TOP on break/return, or the stack being cut by an
 * exception) it is closed at once, running its finally blocks.
 *
 * generator_claim_for_loop: GET_ITER on a generator in frame f (whose
 * instr_ptr is the GET_ITER). Marks it loop-owned when it was made by the
 * instruction just before. */
void generator_claim_for_loop(Frame *f, Value gen);
/* A value leaves the stack for good: close it if it is a loop-owned
 * generator still suspended. Errors are reported as CPython reports
 * exceptions in finalisers; any exception in flight is preserved. */
void generator_discard(Value v);
/* The same for every value in [from, to). */
void generator_discard_range(Value *from, Value *to);

#endif
