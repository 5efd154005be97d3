def gen():
    yield 1
    raise ValueError("from generator")
g = gen()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("caught", e)
print(next(g, "exhausted"))
def safe_div(pairs):
    for a, b in pairs:
        try:
            yield a / b
        except ZeroDivisionError:
            yield float("inf")
print(list(safe_div([(1, 2), (1, 0), (3, 1)])))
try:
    [1 / x for x in [1, 0]]
except ZeroDivisionError as e:
    print("comprehension raised:", e)
def gen_finally():
    try:
        yield "a"
        yield "b"
    finally:
        print("gen finally")
for x in gen_finally():
    print(x)
    break
print("after break")
g2 = gen_finally()
next(g2)
del g2
print("end")
