it = iter([1, 2, 3])
print(next(it), list(it), list(it))
class Fib:
    def __init__(self, limit): self.limit = limit
    def __iter__(self):
        a, b = 0, 1
        while a < self.limit:
            yield a
            a, b = b, a + b
print(list(Fib(100)), sum(Fib(1000)), 13 in Fib(20), max(Fib(50)))
e = enumerate(["x", "y"])
print(next(e), list(e))
z = zip(range(3), "abc")
print(next(z), dict(z))
m = map(lambda v: v * 2, range(4))
print(next(m), list(m))
r = reversed("abc")
print(next(r), "".join(r))
d = {"a": 1, "b": 2}
di = iter(d.items())
print(next(di), list(di))
s = iter("hi")
print(s.__next__(), next(s), next(s, None))
f = filter(lambda v: v > 1, [0, 1, 2, 3])
print(list(f), list(f))
it2 = iter(range(5))
for v in it2:
    if v == 1:
        print("skip", next(it2))
    else:
        print("got", v)
