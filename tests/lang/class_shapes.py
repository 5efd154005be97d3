class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
ps = [P(i, i * 2) for i in range(5)]
ps[2].z = "extra"
ps[3].y, ps[3].x = "swapped", "order"
print([(p.x, p.y) for p in ps], ps[2].z, hasattr(ps[1], "z"))
del ps[0].x
print(hasattr(ps[0], "x"), ps[0].y, vars(ps[0]))
ps[0].x = 99
print(vars(ps[0]), list(vars(ps[2])))
class Q:
    pass
q = Q()
for i in range(50):
    setattr(q, f"a{i}", i)
print(sum(getattr(q, f"a{i}") for i in range(50)), len(vars(q)))
q.__dict__["direct"] = 1
print(q.direct, "direct" in dir(q))
P.cls_attr = "class level"
print(ps[4].cls_attr)
def total(p): return p.x + p.y
print(sum(total(P(i, 1)) for i in range(1000)))
class R:
    def __init__(self):
        self.a = 1
r1, r2 = R(), R()
r2.b = 2
r1.b = 3
r1.a, r2.a = "x", "y"
print(vars(r1), vars(r2))
