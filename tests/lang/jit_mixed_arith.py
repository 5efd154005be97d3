# Generic arithmetic on operands the optimizer knows to be ints and floats,
# in both orders; results must be exactly CPython's.

def mixed(n):
    r = []
    a = b = c = d = e = f = g = h = 0.0
    for i in range(1, n):
        a += i * 1.618
        b += 1.618 * i
        c += i - 0.75
        d += 0.75 - i
        e += i / 3.0
        f += 3.0 / i
        g += i / 7
        h += 2.5 ** (i % 5) + (i % 3) ** 0.5
    r = [a, b, c, d, e, f, g, h]
    return [round(x, 6) for x in r]

print(mixed(400))

def compares(n):
    counts = [0] * 6
    for i in range(n):
        x = i * 0.5
        if i < x: counts[0] += 1
        if x <= i: counts[1] += 1
        if i == x: counts[2] += 1
        if x != i: counts[3] += 1
        if 100 > x: counts[4] += 1
        if i >= 100.5: counts[5] += 1
    return counts

print(compares(300))

def nan_and_inf(n):
    nan = float("nan")
    inf = float("inf")
    c = 0
    for i in range(n):
        if i < nan: c += 1
        if i != nan: c += 2
        if i < inf: c += 4
        if -inf < i: c += 8
    return c

print(nan_and_inf(200))

def folding(n):
    s = 0
    for i in range(n):
        s += 3 * 4 + i
        s -= 2.5 * 2
        s += 7 / 2
        s += 2 ** 10
    return s

print(folding(300))

def power_complex(n):
    out = None
    for i in range(n):
        out = (-8.0) ** (1 / 3) if i % 2 else 2.0 ** 0.5
    return out

print(power_complex(101))

def int_true_div(n):
    s = 0.0
    for i in range(1, n):
        for j in range(1, 20):
            s += i / j
    return round(s, 9)

print(int_true_div(200))
