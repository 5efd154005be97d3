import sys
calls = []
def default_value():
    calls.append("evaluated")
    return 10
def f(a=default_value()):
    return a
print(calls, f(), f(), calls)
def append_to(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target
print(append_to(1), append_to(2))
def order(*args, **kwargs):
    return list(args), list(kwargs.items())
print(order(3, 1, z=1, a=2, m=3))
print(order(**{"b": 1, "a": 2}), order(*range(3), **dict(x=1)))
def kw_first(a, b, c):
    return a, b, c
print(kw_first(c=3, a=1, b=2), kw_first(1, c=3, b=2), kw_first(*[1, 2], **{"c": 3}))
