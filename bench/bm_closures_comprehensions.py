# Closures and comprehensions: function factories and nested comprehensions.
import sys
def make_poly(coeffs):
    def poly(x):
        acc = 0
        for c in coeffs:
            acc = acc * x + c
        return acc
    return poly
def compose(*fs):
    def run(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return run
def run(n):
    polys = [make_poly([i % 3, 1, -(i % 5)]) for i in range(20)]
    pipeline = compose(*[(lambda k: (lambda v: (v * k + 1) % 10007))(k) for k in range(1, 6)])
    total = 0
    for i in range(n):
        vals = [p(i % 17) for p in polys]
        evens = {v % 13 for v in vals if v % 2 == 0}
        table = {k: pipeline(k + i) for k in evens}
        total = (total + sum(table.values()) + len(vals)) % 1000003
    return total
def kernel():
    # one iteration of the in-process warm-up mode (bench/warmup.py)
    return run(2)
if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    print(run(n))
