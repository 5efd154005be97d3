# A traced loop whose operand types change mid-loop: int, then float, then
# str. Every guard that fails must hand the iteration back to tier 1 at the
# exact instruction, with the same stack and locals.

def accumulate(values):
    total = values[0]
    for k in range(1, len(values)):
        total = total + values[k]
        total = total * 1
    return total

ints = list(range(300))
print(accumulate(ints))
mixed = list(range(200)) + [0.5 * i for i in range(200)]
print(accumulate(mixed))
print(accumulate(["a"] * 3 + ["b"] * 2)[:8], len(accumulate(["x"] * 150)))

def changing(n):
    x = 0
    out = []
    for i in range(n):
        if i == 100:
            x = 0.25
        if i == 200:
            x = "s"
        if i < 200:
            x = x + 1
            x = x - 1
            x = x * 1
            out.append(x < 10)
        else:
            x = x + "t"
    return x[:5], len(x), out.count(True)

print(changing(300))

def while_types(limit):
    i = 0
    acc = 0
    while i < limit:
        acc += i
        i += 1
        if i == 150:
            i = float(i)
    return acc, i

print(while_types(300))

# big ints appear when a small-int product overflows
def grow(n):
    v = 1
    for i in range(n):
        v = v * 3
    return v

print(grow(120) % 1000003, grow(40))

# the comparison changes type: int < float, then back
def compare(seq):
    hits = 0
    for v in seq:
        if v < 100:
            hits += 1
    return hits

print(compare(list(range(150)) + [1.5, 200.0] * 50 + list(range(300))))
