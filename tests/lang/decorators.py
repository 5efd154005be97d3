def trace(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args)
        return fn(*args, **kwargs)
    return wrapper
def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@trace
def add(a, b):
    return a + b
print(add(1, 2))
@repeat(3)
@trace
def hello(name):
    return "hi " + name
print(hello("bob"))
registry = []
def register(cls):
    registry.append(cls.__name__)
    return cls
@register
class A: pass
@register
class B: pass
print(registry)
fns = {"d": lambda f: f}
@fns["d"]
def sub(x): return -x
print(sub(3))
