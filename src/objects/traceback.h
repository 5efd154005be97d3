/* traceback.h — traceback objects (one per frame an exception passed
 * through, outermost first). Implemented in objects/exceptions.c. */
#ifndef KRAIT_TRACEBACK_H
#define KRAIT_TRACEBACK_H

#include "object.h"

typedef struct TracebackObject {
    Object base;
    Value next;     /* the next (inner) entry, or VAL_NULL */
    Value code;     /* CodeObject: filename and function name for printing */
    Value frame;    /* frame object or VAL_NULL (tb_frame is then None) */
    int lineno;
    int lasti;
} TracebackObject;

#define TRACEBACK(v) ((TracebackObject *)val_as_ptr(v))

Value traceback_new(Value next, Value code, int lineno);
/* Set the bases of the EXCEPTION_TYPES and their special slots; called by
 * typesys_init before the types are readied. */
void exceptions_setup(void);

#endif
