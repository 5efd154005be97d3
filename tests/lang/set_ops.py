s = {3, 1, 2}
print(s, len(s), 2 in s, 5 not in s, sorted(s))
s.add(4); s.discard(1); s.discard(100); s.remove(2); print(s)
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b, a <= b, {3} < a, a >= {1}, a.isdisjoint({9}))
print(a.union([7], (8,)), a.intersection(b, {4}), a.difference(b), a.symmetric_difference(b), a.issubset(range(10)))
c = set(a); c |= {10}; c &= {1, 10, 2}; c -= {2}; c ^= {5}; print(c)
print(set(), set("hello") == set("olleh"), len(set(range(100)) - set(range(50))), {x % 3 for x in range(10)})
fs = frozenset([1, 2, 2])
print(fs, frozenset(), fs | {3}, hash(fs) == hash(frozenset([2, 1])), {fs: "frozen"}[frozenset({1, 2})])
print({100, 5, 37, 64, 1000, -3, 12}, {8, 16, 24, 0, 1})
e = {10, 20, 30}
print(e.pop() in (10, 20, 30), len(e))
big = set(range(0, 200, 7))
big.difference_update(range(0, 200, 14))
print(sorted(big)[:5], len(big), min(big), max(big))
print(set([1, 2]) == {2, 1}, {1, 2} == frozenset({1, 2}), {1} != {2}, {-1, -2, 5, 3})
try:
    set().pop()
except KeyError as e:
    print("KeyError:", e)
try:
    {1}.remove(5)
except KeyError as e:
    print("KeyError:", e)
u = {1, 2, 3}
u.update([4], {5}); u.intersection_update(range(2, 5)); print(u, u.copy(), {0.5, 1.5})
