print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -3)), range(5)[-1], range(0, 10, 2)[1:3])
print(list(zip()), list(zip([1, 2, 3], "ab")))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print("ValueError:", e)
print(sorted({3: 'a', 1: 'b'}.items()), sorted([(1, 'b'), (1, 'a'), (0, 'z')]))
data = [("b", 2), ("a", 2), ("c", 1)]
print(sorted(data, key=lambda p: p[1]), sorted(data, key=lambda p: p[1], reverse=True))
print(min("hello"), max(range(10), key=lambda v: v % 7), min(1, 2, key=lambda v: -v))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
print(any(x > 3 for x in range(5)), all(x < 3 for x in range(5)))
print(list(enumerate(["a", "b"], start=10)), next(enumerate("x")))
g = globals()
print("__name__" in g, g["__name__"])
def loc():
    a = 1
    b = 2
    return sorted(locals().items())
print(loc())
print(eval("1 + 2 * 3"), eval("x * 2", {"x": 21}), eval("[i for i in range(3)]"))
ns = {}
exec("y = 5\ndef f(): return y * 2", ns)
print(ns["y"], ns["f"]())
code = compile("a + 1", "<expr>", "eval")
print(eval(code, {"a": 41}))
exec(compile("print('compiled exec')", "<s>", "exec"))
print(format(1234.5, ","), format(0.5, ".0%"), format(10, "x"), format(255, "#06x"))
print(isinstance(True, bool), isinstance([], (list, tuple)), type(3.0) is float)
print(slice(1, 2), repr(range(3)), repr(range(1, 9, 2)))
