t = (1, 2, 3, 2)
print(t, t[0], t[-1], t[1:3], len(t), t.count(2), t.index(3), 2 in t, t + (4,), t * 2)
print((), (1,), tuple("ab"), tuple(range(3)), (1, 2) < (1, 3), (1, 2) == (1, 2), hash((1, 2)) == hash((1, 2)))
print(hash((1, 2)), hash(()), hash((1, "a")) == hash((1, "a")), hash((-1,)), hash((1.5, None)) == hash((1.5, None)))
a, b, *c = t
print(a, b, c)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], max(nested), sorted([(2, 'b'), (1, 'z'), (2, 'a')]))
d = {(1, 2): "pair"}
print(d[(1, 2)], d[1, 2])
print(tuple(x * 2 for x in range(3)), (1, [2]) == (1, [2]), type(()).__name__)
try:
    t[10]
except IndexError as e:
    print("IndexError:", e)
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
