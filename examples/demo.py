"""A short tour of what krait runs: classes, generators, closures,
exceptions, f-strings, big ints and floats — timed with timeit."""
import math
import timeit


class Shape:
    def area(self):
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}(area={self.area():.2f})"


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return math.pi * self.r ** 2


class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
        n += 1


def heavy_loop(n):
    s = 0.0
    for i in range(n):
        s += i * 1.618
    return s


shapes = sorted([Circle(1), Rect(2, 3), Circle(0.5)], key=lambda s: s.area())
print("shapes by area:", shapes)
gen = primes()
print("first primes:", [next(gen) for _ in range(10)])
print("2**200 =", 2 ** 200)
try:
    {}["missing"]
except KeyError as e:
    print("caught KeyError:", e)
print(f"heavy_loop(1_000_000) = {heavy_loop(1_000_000):.1f}")
t = timeit.timeit(lambda: heavy_loop(100_000), number=10)
print(f"timeit: heavy_loop(100_000) x10 took {t:.3f} s")
