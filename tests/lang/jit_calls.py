# Calls inside hot loops: tier 2 follows simple Python calls into the
# callee. Every result must match tier 1 (and CPython) exactly.


def add(a, b):
    return a + b


def scale(x, k=2.0):
    return x * k


def loop_plain(n):
    total = 0
    for i in range(n):
        total = add(total, i)
    return total


def loop_defaults(n):
    acc = 0.0
    for i in range(n):
        acc = acc + scale(1.5)
        acc = acc - scale(0.5, 3.0)
    return acc


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def norm2(self):
        return self.dot(self)


def loop_methods(n):
    v = Vec(1.5, 2.0)
    w = Vec(0.5, -1.25)
    s = 0.0
    for i in range(n):
        s += v.dot(w) + w.norm2()
    return s


def loop_bound(n):
    v = Vec(3, 4)
    f = v.norm2
    t = 0
    for i in range(n):
        t += f()
    return t


def boom(i):
    if i == 700:
        raise ValueError("bad value %d" % i)
    return i * 2


def loop_raises(n):
    out = 0
    try:
        for i in range(n):
            out += boom(i)
    except ValueError as e:
        print("caught", e, out)
    return out


def flip(i):
    if i < 500:
        return i
    return i * 0.5


def loop_type_change(n):
    r = 0
    for i in range(n):
        r = r + flip(i)
    return r


def fact(k):
    if k <= 1:
        return 1
    return k * fact(k - 1)


def loop_recursion(n):
    t = 0
    for i in range(n):
        t += fact(i % 12)
    return t


FACTOR = 3


def times_factor(x):
    return x * FACTOR


def rebind(i):
    global FACTOR
    if i == 600:
        FACTOR = 5
    return i


def loop_global(n):
    t = 0
    for i in range(n):
        rebind(i)
        t += times_factor(i)
    return t


def inner(x):
    return x + 1


def middle(x):
    return inner(x) * 2


def outer(x):
    return middle(x) - 3


def deepest(x):
    return outer(outer(x))


def loop_nested(n):
    t = 0
    for i in range(n):
        t += deepest(i)
    return t


def noreturn(x):
    x + 1


def loop_none(n):
    c = 0
    for i in range(n):
        if noreturn(i) is None:
            c += 1
    return c


def with_loop(k):
    s = 0
    for j in range(k):
        s += j
    return s


def loop_callee_loops(n):
    t = 0
    for i in range(n):
        t += with_loop(i % 7)
    return t


def gen_user(n):
    return sum(add(i, 1) for i in range(n))


print(loop_plain(2000))
print(loop_defaults(2000))
print(loop_methods(2000))
print(loop_bound(2000))
print(loop_raises(1000))
print(loop_type_change(1000))
print(loop_recursion(1000))
print(loop_global(1000))
print(loop_nested(1000))
print(loop_none(1000))
print(loop_callee_loops(1000))
print(gen_user(1000))


def last(i):
    return [1, 2][i]


def loop_uncaught(n):
    t = 0
    for i in range(n):
        t += last(i // 500)
    return t


print(loop_uncaught(1200))
