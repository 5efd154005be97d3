# Deep recursion in Python code and in C code called from Python: always a
# RecursionError, and the program carries on afterwards.
import sys


def show(label, fn):
    try:
        fn()
        print(label, "no error")
    except RecursionError as e:
        print(label, "RecursionError:", e)


def plain():
    return plain()


def ping(n):
    return pong(n + 1)


def pong(n):
    return ping(n + 1)


class SelfRepr:
    def __repr__(self):
        return repr(self)


class SelfAttr:
    def __getattr__(self, name):
        return getattr(self, name)


class SelfEq:
    def __eq__(self, other):
        return self == other


def gen():
    yield from gen()


def deep_lambda():
    f = lambda: 0
    for _ in range(100000):
        f = (lambda g: lambda: g())(f)
    return f()


show("plain", plain)
show("mutual", lambda: ping(0))
show("repr", lambda: repr(SelfRepr()))
show("getattr", lambda: SelfAttr().missing)
show("eq", lambda: SelfEq() == 1)
show("yield from", lambda: next(gen()))
show("closures", deep_lambda)
show("plain again", plain)

nested = []
for _ in range(100000):
    nested = [nested]
show("nested list repr", lambda: repr(nested))
show("nested list eq", lambda: nested == [nested])

d = {}
for _ in range(100000):
    d = {"k": d}
show("nested dict str", lambda: str(d))


def depth(n=0):
    try:
        return depth(n + 1)
    except RecursionError:
        return n


sys.setrecursionlimit(200)
small = depth()
print("limit 200 reached between 150 and 200:", 150 < small < 200)
sys.setrecursionlimit(1000)
print("limit restored:", sys.getrecursionlimit())
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError:", e)
