# One attribute site seeing instances of several classes and shapes (the
# polymorphic LOAD_ATTR cache), then classes and instances changing under
# it: every read must still follow Python's lookup rules.

class Base:
    def __init__(self, v):
        self.a = v
        self.b = v * 2
    def m(self):
        return "Base.m", self.a

class C1(Base):
    def m(self):
        return "C1.m", self.b

class C2(Base):
    def __init__(self, v):
        super().__init__(v)
        self.c = v * 3

class C3(Base):
    pass

class C4(C2):
    def m(self):
        return "C4.m", self.c

class C5(Base):
    def m(self):
        return "C5.m"

def read_b(o):
    return o.b

def call_m(o):
    return o.m()

objs = [Base(1), C1(2), C2(3), C3(4), C4(5), C5(6)]
for rnd in range(200):
    for o in objs:
        read_b(o)
        call_m(o)
print([read_b(o) for o in objs])
print([call_m(o) for o in objs])

# a shadowing instance attribute, a new data descriptor, a replaced method
objs[2].m = lambda: "instance m"
C3.b = property(lambda self: "C3 property")
C1.m = lambda self: "new C1.m"
for rnd in range(100):
    for o in objs:
        read_b(o)
        call_m(o)
print([read_b(o) for o in objs])
print([call_m(o) for o in objs])

# dict mode, a deleted attribute, a shape that lacks the name
o = C4(7)
o.__dict__
print(read_b(o), call_m(o))
del objs[0].b
try:
    read_b(objs[0])
except AttributeError as e:
    print("AttributeError", e)
class Other:
    b = "class attr"
    def m(self):
        return "Other.m"
print(read_b(Other()), call_m(Other()))
print(read_b(objs[1]), call_m(objs[1]))
