counter = 0
def inc():
    global counter
    counter += 1
inc(); inc()
print(counter)
def outer():
    x = 1
    def inner():
        nonlocal x
        x += 10
        return x
    inner()
    return x, inner()
print(outer())
def make_counter():
    count = 0
    def step():
        nonlocal count
        count += 1
        return count
    return step
c1, c2 = make_counter(), make_counter()
print(c1(), c1(), c1(), c2())
def g():
    global newglobal
    newglobal = "created"
g()
print(newglobal)
x = "global"
def shadow():
    x = "local"
    def read():
        return x
    return read()
print(shadow(), x)
