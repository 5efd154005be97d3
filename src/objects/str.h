/* str.h — str objects: immutable UTF-8 text with a cached code-point count
 * and hash. Implemented in objects/str.c (methods in str_methods.c,
 * formatting in format.c). */
#ifndef KRAIT_STR_H
#define KRAIT_STR_H

#include "object.h"

/* Text is stored as UTF-8 (NUL-terminated, so data is a C string when the
 * text has no NUL). `ascii` strings index in O(1); others walk the bytes
 * (str.c keeps that fast enough for the common cases). */
typedef struct StrObject {
    Object base;
    int64_t hash;     /* -1: not computed yet */
    size_t length;    /* in code points */
    size_t size;      /* in bytes */
    bool ascii;
    bool interned;
    char data[];
} StrObject;

#define STR(v) ((StrObject *)val_as_ptr(v))
static inline const char *str_data(Value s) { return STR(s)->data; }
static inline size_t str_size(Value s) { return STR(s)->size; }
static inline size_t str_length(Value s) { return STR(s)->length; }

/* utf8 must be valid UTF-8 (surrogates encoded as 3 bytes are allowed). */
Value str_new(const char *utf8, size_t size);
Value str_from_cstr(const char *s);
/* Decode bytes as UTF-8; invalid input: UnicodeDecodeError (VAL_NULL). */
Value str_decode_utf8(const char *bytes, size_t size);
/* printf-like; besides the C conversions supports %R (repr of a Value),
 * %S (str of a Value), %T (type name of a Value), %U (a str Value). */
Value str_format_c(const char *fmt, ...);
/* Interned strings are unique per content: compare them by identity. */
Value str_intern(Value s);
Value str_intern_cstr(const char *s);
Value str_concat(Value a, Value b);
bool str_eq(Value a, Value b);      /* both str */
int64_t str_hash(Value s);
Value str_from_codepoint(uint32_t cp);
/* Code point at index i (0 <= i < length). */
uint32_t str_codepoint_at(Value s, size_t i);
Value str_repr(Value s);            /* 'text' with CPython's quoting rules */
Value str_join(Value sep, Value iterable);
/* Format a value by the format mini-language (objects/format.c). */
Value format_str(Value s, Value spec);

/* Identifiers used across the runtime, interned once in strings_init. */
#define COMMON_NAMES(X) \
    X(__init__) X(__new__) X(__call__) X(__name__) X(__qualname__) \
    X(__module__) X(__doc__) X(__dict__) X(__class__) X(__getattr__) \
    X(__getattribute__) X(__setattr__) X(__delattr__) X(__get__) \
    X(__set__) X(__delete__) X(__repr__) X(__str__) X(__format__) \
    X(__hash__) X(__eq__) X(__ne__) X(__lt__) X(__le__) X(__gt__) \
    X(__ge__) X(__bool__) X(__len__) X(__iter__) X(__next__) \
    X(__getitem__) X(__setitem__) X(__delitem__) X(__contains__) \
    X(__enter__) X(__exit__) X(__index__) X(__int__) X(__float__) \
    X(__complex__) X(__bases__) X(__mro__) X(__slots__) X(__builtins__) \
    X(__file__) X(__path__) X(__package__) X(__spec__) X(__loader__) \
    X(__all__) X(__import__) X(__build_class__) X(__annotations__) \
    X(__class_getitem__) X(__init_subclass__) X(__set_name__) \
    X(__missing__) X(__reversed__) X(__neg__) X(__pos__) X(__abs__) \
    X(__invert__) X(__round__) X(__trunc__) X(__floor__) X(__ceil__) \
    X(__bytes__) X(__main__) X(__prepare__) X(__instancecheck__) \
    X(__subclasscheck__) X(__classcell__) X(__length_hint__) \
    X(__cause__) X(__context__) X(__traceback__) X(__weakref__) \
    X(__orig_bases__) X(__mro_entries__) X(__abstractmethods__) \
    X(__dir__) X(__sizeof__) X(__reduce__) X(__await__) \
    X(send) X(throw) X(close) X(keys) X(items) X(values) X(append) \
    X(args) X(value) X(code) X(msg) X(name) X(mro) X(super) X(self) \
    X(builtins) X(fileno) X(write) X(flush) X(read) X(readline) \
    X(__add__) X(__radd__) X(__iadd__) X(__sub__) X(__rsub__) X(__isub__) \
    X(__mul__) X(__rmul__) X(__imul__) X(__matmul__) X(__rmatmul__) \
    X(__imatmul__) X(__truediv__) X(__rtruediv__) X(__itruediv__) \
    X(__floordiv__) X(__rfloordiv__) X(__ifloordiv__) X(__mod__) \
    X(__rmod__) X(__imod__) X(__divmod__) X(__rdivmod__) X(__pow__) \
    X(__rpow__) X(__ipow__) X(__lshift__) X(__rlshift__) X(__ilshift__) \
    X(__rshift__) X(__rrshift__) X(__irshift__) X(__and__) X(__rand__) \
    X(__iand__) X(__or__) X(__ror__) X(__ior__) X(__xor__) X(__rxor__) \
    X(__ixor__)

#define DECLARE_NAME(n) extern Value name_##n;
COMMON_NAMES(DECLARE_NAME)
#undef DECLARE_NAME

#endif
