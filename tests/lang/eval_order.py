log = []
def v(name, val=None):
    log.append(name)
    return val if val is not None else name
d = {}
d[v("key")] = v("value")
print(log); log.clear()
x = [v("a"), v("b")][v("idx", 0)]
print(x, log); log.clear()
v("f", lambda *a, **k: a)(v("arg1"), v("arg2"), k=v("kw"))
print(log); log.clear()
r = v("left", 1) + v("right", 2) * v("mul", 3)
print(r, log); log.clear()
a, b = v("first"), v("second")
print(log); log.clear()
result = v("cond", True) and v("then") or v("else")
print(result, log); log.clear()
{v("k1"): v("v1"), v("k2"): v("v2")}
print(log)
