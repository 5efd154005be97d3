# After warming code up, dis.get_instructions(f, adaptive=True) shows the
# specialised instructions in place. Only forms that CPython 3.13 and krait
# both make (same name) are checked, so CPython prints the same lines.
import dis

def has(f, name):
    return any(i.opname == name for i in dis.get_instructions(f, adaptive=True))

def heavy_loop(n):
    s = 0.0
    for i in range(n):
        s += i * 1.618
    return s

for _ in range(2000):
    heavy_loop(10)
print("heavy_loop", has(heavy_loop, "BINARY_OP_ADD_FLOAT"), has(heavy_loop, "FOR_ITER_RANGE"),
      has(heavy_loop, "LOAD_GLOBAL_BUILTIN"))
print("generic mul stays", has(heavy_loop, "BINARY_OP"))

def ints(n):
    t = 0
    for i in range(n):
        if i < n:
            t = t + i - 1
    return t
for _ in range(100):
    ints(20)
print("ints", has(ints, "BINARY_OP_ADD_INT"), has(ints, "BINARY_OP_SUBTRACT_INT"),
      has(ints, "COMPARE_OP_INT"))

def floats(a, b):
    return a * b - a
for _ in range(100):
    floats(1.5, 2.5)
print("floats", has(floats, "BINARY_OP_MULTIPLY_FLOAT"), has(floats, "BINARY_OP_SUBTRACT_FLOAT"))

def concat(a, b):
    return a + b
for _ in range(100):
    concat("x", "y")
print("unicode", has(concat, "BINARY_OP_ADD_UNICODE"))

def items(lst, d, key):
    return lst[0] + d[key]
for _ in range(100):
    items([1, 2], {"k": 3}, "k")
print("subscr", has(items, "BINARY_SUBSCR_LIST_INT"), has(items, "BINARY_SUBSCR_DICT"))

def stores(lst, d):
    lst[0] = 1
    d["a"] = 2
for _ in range(100):
    stores([0], {})
print("store_subscr", has(stores, "STORE_SUBSCR_LIST_INT"), has(stores, "STORE_SUBSCR_DICT"))

def member(x, s, d):
    return x in s, x in d
for _ in range(100):
    member(1, {1, 2}, {1: 2})
print("contains", has(member, "CONTAINS_OP_SET"), has(member, "CONTAINS_OP_DICT"))

def pairs(seq):
    t = 0
    for a, b in seq:
        t += a
    return t
for _ in range(100):
    pairs([(1, 2), (3, 4)])
print("unpack", has(pairs, "UNPACK_SEQUENCE_TWO_TUPLE"), has(pairs, "FOR_ITER_LIST"))

def over_tuple(t):
    n = 0
    for x in t:
        n += 1
    return n
for _ in range(100):
    over_tuple((1, 2, 3))
print("tuple iter", has(over_tuple, "FOR_ITER_TUPLE"))

def gen():
    yield 1
    yield 2
def over_gen():
    return [x for x in gen()] + [y for y in range(0)]
def loop_gen():
    n = 0
    for x in gen():
        n += x
    return n
for _ in range(100):
    loop_gen()
print("gen iter", has(loop_gen, "FOR_ITER_GEN"))

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm(self):
        return self.x * self.x + self.y * self.y
    @property
    def px(self):
        return self.x

def use_point(p):
    p.x = p.x + 1
    return p.norm() + p.px

def make_point(i):
    return Point(i, i)

for i in range(100):
    use_point(make_point(i))
print("attrs", has(use_point, "LOAD_ATTR_INSTANCE_VALUE"), has(use_point, "STORE_ATTR_INSTANCE_VALUE"),
      has(use_point, "LOAD_ATTR_METHOD_WITH_VALUES"), has(use_point, "LOAD_ATTR_PROPERTY"))
print("init", has(make_point, "CALL_ALLOC_AND_ENTER_INIT"), has(make_point, "LOAD_GLOBAL_MODULE"))

import math
def mod_attr():
    return math.pi
class Config:
    size = 3
def class_attr():
    return Config.size
for _ in range(100):
    mod_attr()
    class_attr()
print("module/class", has(mod_attr, "LOAD_ATTR_MODULE"), has(class_attr, "LOAD_ATTR_CLASS"))

def helper(a, b):
    return a
def with_default(a, b=1):
    return a
def calls(x, lst):
    helper(x, x)
    with_default(x)
    lst.append(x)
    return len(lst), isinstance(x, int)
for i in range(100):
    calls(i, [])
print("calls", has(calls, "CALL_PY_EXACT_ARGS"), has(calls, "CALL_LIST_APPEND"),
      has(calls, "CALL_LEN"), has(calls, "CALL_ISINSTANCE"))

class Adder:
    def __init__(self, k):
        self.k = k
    def add(self, v):
        return self.k + v
def call_bound(m):
    return m(1)
for i in range(100):
    call_bound(Adder(i).add)
print("bound method", has(call_bound, "CALL_BOUND_METHOD_EXACT_ARGS"))

def builtin_o(x):
    return abs(x)
def typ(x):
    return type(x)
for i in range(100):
    builtin_o(-i)
    typ(i)
print("builtins", has(builtin_o, "CALL_BUILTIN_O"), has(typ, "CALL_TYPE_1"))

def method_descr(s):
    return s.upper(), s.startswith("a", 0)
for i in range(100):
    method_descr("abc")
print("method descriptors", has(method_descr, "CALL_METHOD_DESCRIPTOR_NOARGS"),
      has(method_descr, "CALL_METHOD_DESCRIPTOR_FAST"))

# a specialisation that stops fitting turns back to the generic form
def flip(a, b):
    return a + b
for i in range(100):
    flip(i, i)
before = has(flip, "BINARY_OP_ADD_INT")
for i in range(2000):
    flip("a", "b") if i % 2 else flip([1], [2])
print("deopt", before, has(flip, "BINARY_OP_ADD_INT"))

# adaptive=False shows only generic instructions
print("plain", any(i.opname.startswith("BINARY_OP_") for i in dis.get_instructions(heavy_loop)))
print("opmap", "BINARY_OP" in dis.opmap, "BINARY_OP_ADD_INT" in dis.opmap)
