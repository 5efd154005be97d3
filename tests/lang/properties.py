class Temp:
    def __init__(self, c):
        self._c = c
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("too cold")
        self._c = v
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
t = Temp(100)
print(t.celsius, t.fahrenheit)
t.celsius = 0
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print("AttributeError:", e)
class P:
    def getx(self): return 42
    x = property(getx, doc="the x")
print(P().x, P.x.__doc__, type(P.x).__name__)
class D:
    @property
    def v(self): return self._v
    @v.deleter
    def v(self):
        print("deleting")
        del self._v
    @v.setter
    def v(self, val): self._v = val
d = D(); d.v = 3; print(d.v); del d.v; print(hasattr(d, '_v'))
