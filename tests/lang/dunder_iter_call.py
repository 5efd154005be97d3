class Countdown:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)), [x * 2 for x in Countdown(3)])
it = iter(Countdown(2))
print(next(it), next(it), next(it, "stop"))
class Adder:
    def __init__(self, base): self.base = base
    def __call__(self, x, *, times=1): return (self.base + x) * times
add5 = Adder(5)
print(add5(1), add5(2, times=3), callable(add5), callable(5))
class Ctx:
    def __enter__(self):
        print("enter")
        return "resource"
    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None, ev)
        return True
with Ctx() as r:
    print("using", r)
    raise ValueError("suppressed")
print("after with")
class Fmt:
    def __format__(self, spec): return f"<{spec}>"
    def __str__(self): return "STR"
    def __repr__(self): return "REPR"
f = Fmt()
print(f"{f:abc}", format(f, "x"), str(f), repr(f), f"{f!r}", f"{f!s}", [f])
class L:
    def __len__(self): return 7
print(len(L()))
