# Attribute, global and call specialisations under mutation: attributes
# added after specialising, classes mutated, globals rebound, builtins
# shadowed, instances switched to dict mode, __slots__, properties and
# methods replaced on the class.

class P:
    def __init__(self, x):
        self.x = x

    def get(self):
        return self.x

def read(o):
    return o.x

def call_get(o):
    return o.get()

ps = [P(i) for i in range(100)]
print(sum(read(p) for p in ps), sum(call_get(p) for p in ps))

# a new attribute after specialisation changes the shape
p = P(1)
p.y = 2
print(read(p), call_get(p))

# an instance attribute shadowing the method
p.get = lambda: "shadowed"
print(call_get(p))

# replace the method on the class
P.get = lambda self: self.x * 100
print(call_get(P(3)))

# dict mode (asking for __dict__ switches the store)
q = P(4)
q.__dict__["x"] = 40
print(read(q), call_get(q))
del q.x
try:
    read(q)
except AttributeError as e:
    print("AttributeError", e)

# a data descriptor added to the class after specialisation wins
class Q:
    def __init__(self):
        self.v = 1
def read_v(o):
    return o.v
qs = [Q() for _ in range(50)]
print(sum(read_v(o) for o in qs))
Q.v = property(lambda self: "from property")
print(read_v(qs[0]))

# properties, then the property replaced
class R:
    def __init__(self, n):
        self._n = n
    @property
    def n(self):
        return self._n * 2
def read_n(o):
    return o.n
print(sum(read_n(R(i)) for i in range(100)))
R.n = property(lambda self: -self._n)
print(read_n(R(5)))
del R.n
try:
    read_n(R(5))
except AttributeError as e:
    print("AttributeError", e)

# __slots__
class S:
    __slots__ = ("a", "b")
    def __init__(self, a):
        self.a = a
def set_a(o, v):
    o.a = v
    return o.a
print(sum(set_a(S(0), i) for i in range(100)))
s = S(1)
try:
    s.c = 3
except AttributeError as e:
    print("AttributeError", e)
print(set_a(s, "ok"))

# store to an attribute that later becomes a property with a setter
class T:
    def __init__(self):
        self.w = 0
def set_w(o, v):
    o.w = v
ts = [T() for _ in range(60)]
for t in ts:
    set_w(t, 5)
log = []
T.w = property(lambda self: "get", lambda self, v: log.append(v))
set_w(ts[0], 7)
print(ts[0].w, log)

# class attributes and class mutation
class K:
    limit = 10
    def m(self):
        return "m"
def limit():
    return K.limit
print(sum(limit() for _ in range(100)))
K.limit = 20
print(limit())
K.m = lambda self: "new m"
print(K().m())

# globals rebound and builtins shadowed
G = 1
def read_g():
    return G
def use_len(x):
    return len(x)
print(sum(read_g() for _ in range(100)), sum(use_len("ab") for _ in range(100)))
G = 2
print(read_g())
len = lambda x: "shadowed len"
print(use_len("ab"))
del len
print(use_len("abc"))
import builtins
old_abs = builtins.abs
def use_abs(x):
    return abs(x)
print(sum(use_abs(-i) for i in range(100)))
builtins.abs = lambda x: "patched abs"
print(use_abs(-1))
builtins.abs = old_abs
print(use_abs(-7))
del G
try:
    read_g()
except NameError as e:
    print("NameError", e)

# modules
import math
def pi():
    return math.pi
print(round(sum(pi() for _ in range(100)), 3))
math.pi = 3
print(pi())

# calls: functions redefined, defaults changed, code replaced
def f(a, b=2):
    return a + b
def call_f(x):
    return f(x)
print(sum(call_f(i) for i in range(100)))
f.__defaults__ = (100,)
print(call_f(1))
def g(a, b=5):
    return a * b
f.__code__ = g.__code__
print(call_f(3))
def f(a, *args):
    return ("varargs", a, args)
print(call_f(1))

# bound methods, init, isinstance, type
class B:
    def __init__(self, v):
        self.v = v
    def plus(self, n):
        return self.v + n
def make(v):
    return B(v)
def bound(m):
    return m(1)
print(sum(make(i).v for i in range(100)), sum(bound(B(i).plus) for i in range(100)))
def bad_init(self, v):
    return 42
B.__init__ = bad_init
try:
    make(1)
except TypeError as e:
    print("TypeError", e)
def check(x):
    return isinstance(x, int), type(x).__name__
print([check(v) for v in (1, "a", 2.0, True)][:2], check(B.__new__(B)))
appended = []
def app(x):
    appended.append(x)
for i in range(100):
    app(i)
appended = (1,)
try:
    app(2)
except AttributeError as e:
    print("AttributeError", e)

# recursion through a specialised call still hits the limit
def deep(n):
    return deep(n + 1)
try:
    deep(0)
except RecursionError:
    print("RecursionError")
