# Loops the optimizer peels (a first iteration, then the loop knowing what
# stays the same): locals and accumulators whose kind changes after many
# iterations must still exit to tier 1 with the right values.

def acc_changes(n):
    s = 0.0
    for i in range(n):
        if i == 150:
            s = int(s)          # float -> int
        if i == 300:
            s = str(s)          # int -> str
        if i < 300:
            s += i * 1.5
        else:
            s += "x"
    return s[:12], len(s)

print(acc_changes(400))

def local_changes(n):
    out = 0
    x = 1.25
    for i in range(n):
        y = x * 2
        out += y if not isinstance(y, str) else len(y)
        if i == 100:
            x = 3
        elif i == 200:
            x = "ab"
    return out

print(local_changes(300))

def while_float(n):
    t = 0.0
    k = 0
    while k < n:
        t = t + 0.5
        t = t * 1.0
        k += 1
        if k == n // 2:
            t = 7          # the loop-invariant float stops being one
    return t, k

print(while_float(500))

def iter_changes():
    total = 0
    for seq in ([1, 2, 3] * 40, (4, 5, 6) * 40, range(100), "abc" * 30):
        for v in seq:
            total += v if isinstance(v, int) else ord(v)
    return total

print(iter_changes())

def big_range():
    # a range whose values leave the small-int range partway through
    base = 2 ** 47 - 150
    s = 0
    for i in range(base, base + 300):
        s += i - base
    return s

print(big_range())

def nested(n):
    acc = 0.0
    for i in range(n):
        for j in range(n):
            acc += (i - j) * 0.25
    return acc

print(nested(60))
