def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=9))
print(f(a=1, c=2, z=0))
def pos(a, b, /, c, *, d):
    return a, b, c, d
print(pos(1, 2, 3, d=4), pos(1, 2, c=3, d=4))
def defaults(x=[]):
    x.append(1)
    return x
print(defaults(), defaults(), defaults([0]))
def kwonly(*, a=1, b):
    return a + b
print(kwonly(b=5), kwonly(a=2, b=5))
def varkw(**kw):
    return kw
print(varkw(), varkw(x=1, y=2))
print(f.__name__, f.__defaults__, f.__kwdefaults__, pos.__code__.co_argcount)
def doc():
    "A docstring."
print(doc.__doc__, f.__doc__)
def nested(n):
    def helper(k):
        return k * n
    return [helper(i) for i in range(n)]
print(nested(4))
