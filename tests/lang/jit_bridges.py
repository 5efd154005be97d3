# Side exits that get hot grow bridges; traces run generic instructions.
# Every result must be what tier 1 (and CPython) computes.

# A call site whose callee changes halfway: the loop's trace guards the
# first function, the second one is reached through a bridge.
def double(x):
    return x * 2

def negate(x):
    return -x

def polymorphic(n):
    total = 0
    for i in range(n):
        f = double if i < n // 2 else negate
        total += f(i)
    return total

print(polymorphic(1000))

# Bound methods of several classes at one call site (an OOP scheduler's shape).
class A:
    def step(self, v):
        return v + 1

class B:
    def step(self, v):
        return v * 3

class C(A):
    def step(self, v):
        return v - 7

def dispatch(n):
    objs = [A(), B(), C()]
    acc = 0
    for i in range(n):
        acc = (acc + objs[i % 3].step(i)) % 1000003
    return acc

print(dispatch(3000))

# A branch that flips direction for good part way through.
def flips(n):
    hits = misses = 0
    for i in range(n):
        if i < 300:
            hits += 1
        else:
            misses += i & 1
    return hits, misses

print(flips(2000))

# The type of a value changes under a specialised instruction, repeatedly.
def changing(values):
    out = []
    acc = 0
    for v in values:
        acc = acc + v
        out.append(type(acc).__name__)
    return acc, out[-1], out.count("int"), out.count("float")

print(changing([1] * 200 + [0.5] * 200 + [2] * 200))
print(changing([2 ** 62] * 300))

def strings(n):
    s = 0
    for i in range(n):
        x = i if i < n // 2 else str(i)
        s += len(str(x + x))
    return s

print(strings(400))

# Generic instructions inside traced loops: closures, iterators, dicts,
# sets, slices, f-strings, globals, calls of classes and with keywords.
counter = 0

def generic_ops(n):
    global counter
    seen = set()
    table = {}
    parts = []
    for i in range(n):
        add = lambda y: y + i
        pairs = [(k, add(k)) for k in range(3)]
        table[i % 7] = {"k": i, "pairs": pairs[1:]}
        seen.add(i % 11)
        word = f"{i:03d}-{i!r}"
        parts.append(word[1:4])
        counter += 1
        data = list(range(5))
        data[1:3] = [i, i]
        parts.append(str(sum(data[::2])))
        parts.append(str(dict(a=i, b=-i)["b"]))
        parts.append(str(~i))
    return len(seen), len(table), parts[-4:], counter

print(generic_ops(500))

# A generator consumed by a traced loop (resumed from machine code).
def evens(n):
    for i in range(n):
        if i % 2 == 0:
            yield i

def consume(n):
    t = 0
    for e in evens(n):
        t += e
    return t

print(consume(5000))

# A loop that breaks out of a generator early (it must be closed).
def closing(n):
    log = []
    def gen():
        try:
            for i in range(n):
                yield i
        finally:
            log.append("closed")
    for x in gen():
        if x == n // 2:
            break
    return x, log

print(closing(400))

# An exception raised inside a bridge keeps its traceback and message.
def fails_late(n):
    t = 0
    for i in range(n):
        if i < n - 5:
            t += i
        else:
            t += 10 // (n - 1 - i)
    return t

try:
    fails_late(600)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

# Nested loops whose inner loop has its own trace and bridges.
def nested(n):
    total = 0
    for i in range(n):
        for j in range(i % 5):
            if j % 2:
                total += j + i
            else:
                total -= 1
    return total

print(nested(2000))

# Exits inside a callee: the bridge returns into the caller it knows, after
# checking the caller is the one it was made for (g has two callers here).
def g(x):
    if x % 4 == 0:
        return x // 4
    return x * 3

def caller_one(n):
    t = 0
    for i in range(n):
        t += g(i) + 1
    return t

def caller_two(n):
    t = []
    for i in range(n):
        t.append(g(i) - 1)
    return sum(t), t[-2:]

print(caller_one(3000), caller_two(3000), caller_one(50))

# __init__ frames return through tier 1 (it checks for None), even from a bridge.
class Point:
    def __init__(self, x):
        if x % 3:
            self.x = x
        else:
            self.x = -x

def make_points(n):
    s = 0
    for i in range(n):
        s += Point(i).x
    return s

print(make_points(3000))

# A polymorphic attribute store in a callee (an OOP queue's shape).
class Q1:
    def __init__(self):
        self.queue = None
class Q2:
    def __init__(self):
        self.other = 1
        self.queue = None

def put(q, v):
    q.queue = v
    return q

def fill(n):
    qs = [Q1(), Q2(), Q1(), Q2(), Q2()]
    last = 0
    for i in range(n):
        last += put(qs[i % 5], i).queue
    return last

print(fill(4000))
