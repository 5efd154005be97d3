# Branchy loops: the trace follows the usual direction of each branch and
# exits when the other one is taken; results must not depend on it.

def classify(n):
    small = big = odd = none = 0
    for i in range(n):
        v = None if i % 10 == 0 else i
        if v is None:
            none += 1
            continue
        if v < 50:
            small += 1
        else:
            big += 1
        if v & 1:
            odd += 1
        if i > n - 3:
            break
    return small, big, odd, none

print(classify(1000))

def truthiness(items):
    count = 0
    for x in items:
        if x:
            count += 1
        if not x:
            count -= 1
    return count

print(truthiness([0, 1, "", "a", [], [1], None, 2.5, 0.0] * 40))

def while_and_or(n, m):
    i = 0
    hits = 0
    while i < n and (m or i < 5):
        if i % 3 == 0 or i % 5 == 0:
            hits += 1
        i += 1
    return hits

print(while_and_or(1000, True), while_and_or(1000, False))

def flips(n):
    flag = True
    count = 0
    for i in range(n):
        if flag:
            count += 2
        else:
            count -= 1
        if i % 7 == 0:
            flag = not flag
    return count

print(flips(2000))

counter = 0
def globals_loop(n):
    global counter
    for i in range(n):
        counter = counter + len("ab") + abs(-i) % 3
    return counter

print(globals_loop(400))

def shadow(n):
    total = 0
    for i in range(n):
        total += len([i])
    return total

print(shadow(200))
import builtins
saved = builtins.len
builtins.len = lambda x: 10
print(shadow(200))
builtins.len = saved
len = lambda x: 100
print(shadow(200))
del len
print(shadow(200))

class Body:
    def __init__(self, x, v):
        self.x = x
        self.v = v

def move(bodies, steps):
    for _ in range(steps):
        for b in bodies:
            b.x = b.x + b.v * 0.5
    return [round(b.x, 3) for b in bodies]

bs = [Body(float(i), 1.0 + i) for i in range(5)]
print(move(bs, 100))
bs[2].extra = 1
bs[3].x = 7
print(move(bs, 100))

def tuples(n):
    pairs = [(i, i * 2.0) for i in range(10)]
    s = 0.0
    for k in range(n):
        for a, b in pairs:
            s += a * b
        if k == n // 2:
            pairs.append([1, 2.0])
    return s

print(tuples(100))

def lists(n):
    grid = [[0.0] * 8 for _ in range(8)]
    for k in range(n):
        for i in range(8):
            row = grid[i]
            row[k % 8] = row[k % 8] + i * 0.5
    return sum(map(sum, grid))

print(lists(400))
