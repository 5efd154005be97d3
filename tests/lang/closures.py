def make_multipliers():
    return [lambda x, i=i: x * i for i in range(4)]
print([m(2) for m in make_multipliers()])
def late():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late())
def counter():
    n = 0
    def get():
        return n
    def inc():
        nonlocal n
        n += 1
    return get, inc
get, inc = counter()
inc(); inc()
print(get())
def deep():
    a = 1
    def l1():
        b = 2
        def l2():
            def l3():
                return a + b
            return l3()
        return l2()
    return l1()
print(deep())
def cell_and_arg(x):
    def g():
        return x * 2
    x += 1
    return g()
print(cell_and_arg(5))
print(make_multipliers.__closure__, get.__closure__[0].cell_contents)
