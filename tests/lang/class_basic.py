class Point:
    """A 2-D point."""
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
p = Point(3, 4)
print(p, p.norm2(), p.dims, Point.dims, Point.__doc__, Point.__name__)
p.z = 5
print(p.z, hasattr(p, 'z'), getattr(p, 'w', 'none'))
Point.dims = 3
print(p.dims)
p.dims = 10
print(p.dims, Point.dims)
print(type(p).__name__, isinstance(p, Point), type(p) is Point)
m = p.norm2
print(m(), m.__self__ is p, Point.norm2(p))
class Empty:
    pass
e = Empty()
print(type(e).__name__, Empty.__qualname__, Empty.__module__)
print(sorted(vars(p).items()))
print(p.__dict__ == {'x': 3, 'y': 4, 'z': 5, 'dims': 10})
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
for _ in range(3):
    Counter()
print(Counter.count)
