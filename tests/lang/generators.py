def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count(5)), sum(count(101)))
g = count(2)
print(next(g), next(g), next(g, 'end'))
def echo():
    received = yield "ready"
    while True:
        received = yield f"got {received}"
e = echo()
print(next(e), e.send(1), e.send("two"))
def with_return():
    yield 1
    return "result"
g = with_return()
print(next(g))
try:
    next(g)
except StopIteration as s:
    print("StopIteration value:", s.value)
def catcher():
    try:
        yield 1
    except ValueError as err:
        yield f"caught {err}"
    finally:
        print("cleanup")
c = catcher()
print(next(c), c.throw(ValueError("boom")))
c.close()
def closer():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
g = closer(); next(g); g.close()
gen = (x * x for x in range(5))
print(type(gen).__name__, list(gen), list(gen))
def fibs():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print([x for _, x in zip(range(10), fibs())])
