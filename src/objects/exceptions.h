/* exceptions.h — the built-in exception hierarchy and the exception object.
 * Implemented in objects/exceptions.c. */
#ifndef KRAIT_EXCEPTIONS_H
#define KRAIT_EXCEPTIONS_H

#include "object.h"

/* Every built-in exception instance has this layout (subclasses defined in
 * Python add nothing: their extra attributes go to `attrs`). Specific
 * attributes (StopIteration.value, SystemExit.code, OSError.errno,
 * SyntaxError.lineno, ImportError.name, …) are ordinary attributes in
 * `attrs`, set by the type's __init__. */
typedef struct BaseExceptionObject {
    Object base;
    Value args;             /* tuple */
    Value traceback;        /* traceback object or None/NULL */
    Value cause;            /* __cause__: exception or NULL */
    Value context;          /* __context__: exception or NULL */
    bool suppress_context;  /* __suppress_context__ */
    Value notes;            /* __notes__ list or NULL */
    AttrStore attrs;
} BaseExceptionObject;

#define EXC(v) ((BaseExceptionObject *)val_as_ptr(v))

/* X(CName, "python name", base CName). Order: a base before its subclasses. */
#define EXCEPTION_TYPES(X) \
    X(BaseException, "BaseException", Object) \
    X(BaseExceptionGroup, "BaseExceptionGroup", BaseException) \
    X(GeneratorExit, "GeneratorExit", BaseException) \
    X(KeyboardInterrupt, "KeyboardInterrupt", BaseException) \
    X(SystemExit, "SystemExit", BaseException) \
    X(Exception, "Exception", BaseException) \
    X(ArithmeticError, "ArithmeticError", Exception) \
    X(FloatingPointError, "FloatingPointError", ArithmeticError) \
    X(OverflowError, "OverflowError", ArithmeticError) \
    X(ZeroDivisionError, "ZeroDivisionError", ArithmeticError) \
    X(AssertionError, "AssertionError", Exception) \
    X(AttributeError, "AttributeError", Exception) \
    X(BufferError, "BufferError", Exception) \
    X(EOFError, "EOFError", Exception) \
    X(ImportError, "ImportError", Exception) \
    X(ModuleNotFoundError, "ModuleNotFoundError", ImportError) \
    X(LookupError, "LookupError", Exception) \
    X(IndexError, "IndexError", LookupError) \
    X(KeyError, "KeyError", LookupError) \
    X(MemoryError, "MemoryError", Exception) \
    X(NameError, "NameError", Exception) \
    X(UnboundLocalError, "UnboundLocalError", NameError) \
    X(OSError, "OSError", Exception) \
    X(BlockingIOError, "BlockingIOError", OSError) \
    X(ChildProcessError, "ChildProcessError", OSError) \
    X(ConnectionError, "ConnectionError", OSError) \
    X(BrokenPipeError, "BrokenPipeError", ConnectionError) \
    X(ConnectionAbortedError, "ConnectionAbortedError", ConnectionError) \
    X(ConnectionRefusedError, "ConnectionRefusedError", ConnectionError) \
    X(ConnectionResetError, "ConnectionResetError", ConnectionError) \
    X(FileExistsError, "FileExistsError", OSError) \
    X(FileNotFoundError, "FileNotFoundError", OSError) \
    X(InterruptedError, "InterruptedError", OSError) \
    X(IsADirectoryError, "IsADirectoryError", OSError) \
    X(NotADirectoryError, "NotADirectoryError", OSError) \
    X(PermissionError, "PermissionError", OSError) \
    X(ProcessLookupError, "ProcessLookupError", OSError) \
    X(TimeoutError, "TimeoutError", OSError) \
    X(ReferenceError, "ReferenceError", Exception) \
    X(RuntimeError, "RuntimeError", Exception) \
    X(NotImplementedError, "NotImplementedError", RuntimeError) \
    X(RecursionError, "RecursionError", RuntimeError) \
    X(StopAsyncIteration, "StopAsyncIteration", Exception) \
    X(StopIteration, "StopIteration", Exception) \
    X(SyntaxError, "SyntaxError", Exception) \
    X(IndentationError, "IndentationError", SyntaxError) \
    X(TabError, "TabError", IndentationError) \
    X(SystemError, "SystemError", Exception) \
    X(TypeError, "TypeError", Exception) \
    X(ValueError, "ValueError", Exception) \
    X(UnicodeError, "UnicodeError", ValueError) \
    X(UnicodeDecodeError, "UnicodeDecodeError", UnicodeError) \
    X(UnicodeEncodeError, "UnicodeEncodeError", UnicodeError) \
    X(UnicodeTranslateError, "UnicodeTranslateError", UnicodeError) \
    X(Warning, "Warning", Exception) \
    X(BytesWarning, "BytesWarning", Warning) \
    X(DeprecationWarning, "DeprecationWarning", Warning) \
    X(EncodingWarning, "EncodingWarning", Warning) \
    X(FutureWarning, "FutureWarning", Warning) \
    X(ImportWarning, "ImportWarning", Warning) \
    X(PendingDeprecationWarning, "PendingDeprecationWarning", Warning) \
    X(ResourceWarning, "ResourceWarning", Warning) \
    X(RuntimeWarning, "RuntimeWarning", Warning) \
    X(SyntaxWarning, "SyntaxWarning", Warning) \
    X(UnicodeWarning, "UnicodeWarning", Warning) \
    X(UserWarning, "UserWarning", Warning)

#define DECLARE_EXC(c, py, base) extern Type Exc_##c;
EXCEPTION_TYPES(DECLARE_EXC)
#undef DECLARE_EXC

/* Create an instance: type(*args). */
Value exc_new(Type *type, Value *args, size_t nargs);
/* Prepend a traceback entry: code object (for filename and name) + line. */
void exc_add_traceback(Value exc, Value code, int lineno);

#endif
