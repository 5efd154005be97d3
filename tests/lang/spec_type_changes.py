# Specialised instructions must keep their results right when the types
# flowing through them change after they specialised (each loop warms an
# instruction up with one type, then feeds it others).

def add(a, b):
    return a + b

def sub(a, b):
    return a - b

def mul(a, b):
    return a * b

for op in (add, sub, mul):
    out = []
    for i in range(50):
        out.append(op(i, 3))
    out.append(op(2.5, 4.0))
    out.append(op(10 ** 20, 7))          # big ints
    out.append(op(2 ** 46, 2 ** 46))     # leaves the inline int range
    out.append(op(True, 2))
    out.append(op(1.5, 2))               # mixed int/float
    if op is add:
        out.append(op("ab", "cd"))
        out.append(op([1], [2]))
    if op is mul:
        out.append(op("ab", 3))
        out.append(op(-(2 ** 40), 2 ** 40))
    print(op.__name__, out[-8:])

def fadd(a, b):
    return a + b
for i in range(100):
    fadd(0.5, float(i))
print(fadd(1, 2), fadd("x", "y"), fadd(1.0, 2), fadd(float("inf"), -float("inf")))

def cmp(a, b):
    return (a < b, a <= b, a == b, a != b, a > b, a >= b)
for i in range(100):
    cmp(i, 50)
print(cmp(1.5, 1.5), cmp("a", "b"), cmp(10 ** 30, 10 ** 29), cmp(float("nan"), 1.0))
for i in range(100):
    cmp(float(i), 50.0)
print(cmp(1, 2), cmp(float("nan"), float("nan")))

def eq(a, b):
    return a == b
for i in range(100):
    eq("x" * (i % 3), "xx")
print(eq("xx", "xx"), eq("a", 1), eq(1, 1.0), eq(None, None))

def subscr(c, k):
    return c[k]
for i in range(100):
    subscr([1, 2, 3], i % 3)
print(subscr([1, 2, 3], -1), subscr((4, 5), 1), subscr({"a": 1}, "a"), subscr("hey", 2),
      subscr(range(10), 3), subscr([1, 2, 3], slice(1, None)), subscr("héllo", 1))
try:
    subscr([1], 5)
except IndexError as e:
    print("IndexError", e)
for i in range(100):
    subscr({i: i}, i)
try:
    subscr({}, "missing")
except KeyError as e:
    print("KeyError", e)
class D(dict):
    def __missing__(self, key):
        return "default"
print(subscr(D(), "k"))

def store(c, k, v):
    c[k] = v
    return c
for i in range(100):
    store([0, 0], i % 2, i)
print(store([0, 0], -1, 9), store({}, "a", 1), store(bytearray(b"ab"), 0, 65))
try:
    store([0], 3, 1)
except IndexError as e:
    print("IndexError", e)

def contains(x, c):
    return x in c, x not in c
for i in range(100):
    contains(i, {1, 2, 3})
print(contains(2, {1: 2, 2: 3}), contains(3, [3]), contains("a", "abc"), contains(1, frozenset([1])))
try:
    contains([], {1})
except TypeError as e:
    print("TypeError", e)

def unpack(seq):
    a, b = seq
    return a, b
for i in range(100):
    unpack((i, i))
print(unpack([1, 2]), unpack("xy"), unpack({3: 4, 5: 6}), unpack(iter((7, 8))))
try:
    unpack((1, 2, 3))
except ValueError as e:
    print("ValueError", e)

def unpack3(seq):
    a, b, c = seq
    return c
for i in range(100):
    unpack3([1, 2, i])
print(unpack3((1, 2, 3)), unpack3("abc"))

def loop(it):
    total = []
    for x in it:
        total.append(x)
    return total
for i in range(60):
    loop(range(3))
print(loop([1, 2]), loop((3, 4)), loop("ab"), loop(range(2 ** 62, 2 ** 62 + 2)),
      loop(x * 2 for x in range(3)), loop({5: 6}))
for i in range(60):
    loop([i])
print(loop(range(-3, 3, 2)), loop(reversed([1, 2])))

def truth(v):
    return "yes" if v else "no"
for i in range(100):
    truth(i)
print([truth(v) for v in (0, 1, [], [0], "", "a", None, True, False, 0.0, 2.5, {}, {1: 2})])
