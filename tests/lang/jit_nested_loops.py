# Nested loops: an outer loop's trace continues in its inner loops' traces,
# and an inner loop's end gets a bridge back into the outer loop. Results
# must be tier 1's whatever path the machine code takes.

def two_inner(n):
    t = 0.0
    for i in range(n):
        for j in range(10):
            t += j * 0.5
        for k in range(5):
            t -= k
    return t

print(two_inner(3000))

def triangle(n):
    count = 0
    for i in range(n):
        for j in range(i):
            count += j & 3
    return count

print(triangle(300))

def with_break(n):
    found = []
    for i in range(n):
        for j in range(50):
            if j * j > i:
                found.append(j)
                break
        else:
            found.append(-1)
    return sum(found), found[-3:]

print(with_break(2000))

def while_inside(n):
    steps = 0
    for i in range(1, n):
        x = i
        while x != 1:
            x = x // 2 if x % 2 == 0 else 3 * x + 1
            steps += 1
    return steps

print(while_inside(800))

def three_deep(n):
    acc = 0
    for a in range(n):
        for b in range(4):
            for c in range(3):
                acc += a * b - c
    return acc

print(three_deep(700))

def inner_changes_type(n):
    out = 0
    for i in range(n):
        vals = [1, 2, 3] if i < n // 2 else [1.5, 2.5, 3.5]
        for v in vals:
            out += v
    return out

print(inner_changes_type(1000))

def inner_raises(n):
    caught = 0
    for i in range(n):
        try:
            for j in range(5):
                if i > 400 and j == 3:
                    raise ValueError(i)
        except ValueError:
            caught += 1
    return caught

print(inner_raises(600))

def generator_inner(n):
    def gen(k):
        for x in range(k):
            yield x * 2
    total = 0
    for i in range(n):
        for v in gen(i % 7):
            total += v
    return total

print(generator_inner(1500))
