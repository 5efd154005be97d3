a, b = 1, 2
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
x, *mid, y = range(6)
print(x, mid, y)
[p, q] = {1: 'a', 2: 'b'}
print(p, q)
a = b = c = 7
print(a, b, c)
print(*[1, 2], *(3,), *"ab")
print([*range(3), *[9]], (*"xy",), {*[1, 1, 2]}, {**{'a': 1}, 'b': 2, **{'a': 3}})
def f(*args, **kwargs):
    return args, kwargs
print(f(*[1, 2], 3, *(4,), k=1, **{'m': 2}))
for a, *b in [(1, 2, 3), (4,)]:
    print(a, b)
