x = 5
print("big" if x > 3 else "small", "a" if 0 else "b" if 1 else "c")
sq = lambda v: v * v
print(sq(7), (lambda: 42)(), (lambda a, b=2, *c, d, **e: (a, b, c, d, e))(1, d=4))
adders = [lambda v, i=i: v + i for i in range(3)]
print([f(10) for f in adders])
print(sorted(['bb', 'a', 'ccc'], key=lambda s: -len(s)))
print((lambda *args: sum(args))(1, 2, 3), (lambda **kw: sorted(kw))(b=1, a=2))
