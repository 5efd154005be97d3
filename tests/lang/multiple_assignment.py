a = b = []
a.append(1)
print(a, b, a is b)
x, y = y, x = 1, 2
print(x, y)
i = 0
items = [10, 20, 30]
i, items[i] = 1, 99
print(i, items)
(a, b), c = [1, 2], 3
[d, (e, f)] = "x", "yz"
print(a, b, c, d, e, f)
first, *_, last = range(10)
print(first, last, _)
m = n = o = "same"
print(m is n is o)
t = 1, 2, 3
u, = [42]
print(t, u)
