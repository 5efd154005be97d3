# Sums of small ints may be big ints: the optimizer's typed int operations
# guard them to be small and must hand big ones back to tier 1.

def grows(n):
    out = []
    x = 1
    for i in range(n):
        x = x + x          # small, then big
        y = (x + 1) // 3
        z = (x + i) % 7
        w = 1.0 / (x + 1)
        out.append((y % 1000, z, w > 0))
    return out[-3:], len(out)

print(grows(80))

def edges(n):
    r = []
    lo = -(2 ** 47)
    for i in range(n):
        a = lo + 0
        r.append(a // -1)
        r.append(a % -3)
        r.append((a - i) // 2)
        r.append(-7 // 2 + i % 3)
        r.append((i - 50) % 7)
        r.append((i - 50) // 7)
    return r[-6:], sum(r[:60])

print(edges(120))

def mod_zero(n):
    msgs = []
    for i in range(n):
        d = (i + 3) % 4 - 1 + 1 - 1   # 0 every fourth time
        try:
            msgs.append((i + 10) % d)
        except ZeroDivisionError as e:
            msgs.append(str(e))
        try:
            msgs.append((i + 10) // d)
        except ZeroDivisionError as e:
            msgs.append(str(e))
    return msgs[:12], len(msgs)

print(mod_zero(200))

def compare_big(n):
    c = 0
    x = 2 ** 46
    for i in range(n):
        x = x + 2 ** 44
        if x > 1.5e14: c += 1
        if x < i * 1e12: c += 100
    return c

print(compare_big(100))
