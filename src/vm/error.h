/* error.h — raising, inspecting and clearing the current exception.
 *
 * krait has one thread of Python execution; the current (in-flight)
 * exception lives in a global. A C function that fails sets it and returns
 * VAL_NULL (or -1); the VM unwinds until a handler takes it.
 * Implemented in objects/error.c.
 */
#ifndef KRAIT_ERROR_H
#define KRAIT_ERROR_H

#include "../objects/object.h"
#include "../objects/exceptions.h"

/* Raise type(msg) where msg is printf-formatted (%s, %d, %ld, %lld, %zd,
 * %zu, %c, %x, %p, %%). Always returns VAL_NULL so callers can
 * `return err_format(&Exc_TypeError, "...", ...);`. */
Value err_format(Type *type, const char *fmt, ...);
/* Raise type() with no arguments. */
Value err_set_none(Type *type);
/* Raise type(value). */
Value err_set_object(Type *type, Value value);
/* Raise an exception instance or class (as `raise exc`). */
Value err_raise(Value exc);
/* MemoryError, usable when nothing can be allocated. */
Value err_no_memory(void);
/* Same as err_format but returns -1, for int-returning functions. */
int err_format_int(Type *type, const char *fmt, ...);

/* The current exception instance, or VAL_NULL. */
Value err_occurred(void);
/* Is the current exception an instance of type (or a subclass)? */
bool err_matches(Type *type);
/* Take the current exception and clear it. */
Value err_fetch(void);
/* Replace the current exception (VAL_NULL clears). */
void err_restore(Value exc);
void err_clear(void);

/* Standard messages used in many places, so wording stays CPython's. */
Value err_bad_operand(const char *op, Value a, Value b); /* unsupported operand type(s) for +: 'int' and 'str' */
Value err_not_callable(Value v);   /* 'int' object is not callable */
Value err_no_attribute(Value obj, Value name); /* 'int' object has no attribute 'x' */

/* Print exc with its traceback and chained exceptions to stderr, exactly as
 * CPython's default excepthook does. */
void err_print(Value exc);

#endif
