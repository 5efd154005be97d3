# Side exits taken often: a branch whose usual direction flips after many
# iterations, a loop whose value types change every N iterations, and a
# call site whose callee changes. All tiers must agree with CPython.


def flipping_branch(n):
    a = b = 0
    for i in range(n):
        if i < n // 2:
            a += i
        else:
            b += i * 2
    return a, b


def alternating(n):
    evens = odds = 0
    for i in range(n):
        if i % 3 == 0:
            evens += 1
        else:
            odds -= 1
    return evens, odds


def changing_types(n):
    total = 0
    for i in range(n):
        x = i if (i // 100) % 2 == 0 else i * 0.5
        total = total + x
    return total


def type_every_n(n):
    acc = 0
    values = [1, 2.5, "s", 3]
    for i in range(n):
        v = values[(i // 50) % 4]
        if isinstance(v, str):
            acc += len(v)
        else:
            acc = acc + v
    return acc


def f1(x):
    return x + 1


def f2(x):
    return x * 2


def polymorphic_calls(n):
    fs = [f1, f2]
    t = 0
    for i in range(n):
        t += fs[(i // 200) % 2](i)
    return t


class A:
    def val(self):
        return 1


class B:
    def val(self):
        return 2


def polymorphic_methods(n):
    objs = [A(), B()]
    t = 0
    for i in range(n):
        t += objs[(i // 300) % 2].val()
    return t


def while_flip(n):
    i = 0
    s = 0
    while i < n:
        if i > 1000:
            s -= 1
        else:
            s += 1
        i += 1
    return s


print(flipping_branch(5000))
print(alternating(5000))
print(changing_types(5000))
print(type_every_n(5000))
print(polymorphic_calls(5000))
print(polymorphic_methods(5000))
print(while_flip(5000))
