print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print({x % 4 for x in range(10)})
print({k: v for k, v in zip("abc", range(3))})
print(sum(x for x in range(10)), max((len(w), w) for w in ["aa", "b", "ccc"]))
print([[i * j for j in range(3)] for i in range(3)])
x = "outer"
print([x for x in "ab"], x)
def scope():
    y = 10
    return [y + i for i in range(3)]
print(scope())
class K:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(K.doubled)
print({(a, b): a * b for a in range(2) for b in range(2)})
g = (i for i in range(3))
print(next(g), list(g))
