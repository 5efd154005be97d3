# Call sites specialised for one function object accept any function made
# from the same code (fresh closures each time) and nothing else.

def make_adder(k):
    def add(x):
        return x + k
    return add

def closures(n):
    total = 0
    for i in range(n):
        f = make_adder(i)          # a new function object every time
        total += f(1)
    return total

print(closures(500))

def comprehensions(n):
    out = 0
    for i in range(n):
        out += sum([j * i for j in range(3)])
    return out

print(comprehensions(500))

def gen_code():
    yield 1
    yield 2

def plain(x):
    return x * 10

def call_site(f, x):
    return f(x)

for i in range(100):
    call_site(plain, i)
# the cached function's code becomes a generator's: the site must not push a frame
plain.__code__ = (lambda x: (yield x)).__code__
print(list(call_site(plain, 7)))

def two(a, b):
    return a - b

def site2(f):
    return f(5, 3)

for _ in range(100):
    site2(two)
two.__defaults__ = (100,)
print(site2(two))
two.__code__ = (lambda a, b=1: a + b).__code__
print(site2(two), two(1))

# Different closures over the same code see their own cells.
fs = [make_adder(k) for k in range(5)]
print([call_site(f, 10) for f in fs * 30][-5:])

# defaults differ between function objects of the same code
def make_default(d):
    def g(x, y=d):
        return x * y
    return g

gs = [make_default(k) for k in range(4)]
acc = []
for _ in range(50):
    for g in gs:
        acc.append(call_site(g, 3))
print(acc[-4:])
