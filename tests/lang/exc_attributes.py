try:
    import nonexistent_module_xyz
except ImportError as e:
    print(type(e).__name__, e.name, e)
try:
    open("/nonexistent/file.txt")
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename)
    print(e)
try:
    raise SystemExit(3)
except SystemExit as e:
    print("code", e.code)
try:
    b"\xff".decode()
except UnicodeDecodeError as e:
    print(e.encoding, e.start, e.end, e.reason)
    print(e)
def gen():
    return (yield 1)
g = gen(); next(g)
try:
    g.send(99)
except StopIteration as e:
    print("value", e.value)
e = ValueError("v")
print(e.__traceback__, e.__cause__, e.__context__)
try:
    raise e
except ValueError as caught:
    print(caught.__traceback__ is not None, caught is e)
e2 = RuntimeError("x").with_traceback(None)
print(e2)
err = ValueError("base")
err.add_note("a note")
print(err.__notes__)
