def inner():
    x = yield 1
    print("inner got", x)
    yield 2
    return "inner-result"
def outer():
    r = yield from inner()
    print("outer got", r)
    yield from [10, 20]
    yield from range(2)
g = outer()
print(next(g))
print(g.send("hello"))
print(list(g))
def delegating():
    try:
        yield from sub()
    except KeyError:
        print("outer caught KeyError")
    yield "after"
def sub():
    try:
        yield "s1"
    except ValueError:
        print("sub caught ValueError")
        yield "s2"
d = delegating()
print(next(d), d.throw(ValueError), d.throw(KeyError))
def flatten(x):
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
