class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["created_by"] = "Meta"
        return super().__new__(mcls, name, bases, ns)
    def __call__(cls, *a, **k):
        print("Meta.__call__", cls.__name__)
        return super().__call__(*a, **k)
class WithMeta(metaclass=Meta):
    def __init__(self, v):
        self.v = v
w = WithMeta(5)
print(w.v, WithMeta.created_by, type(WithMeta).__name__)
class Base:
    subclasses = []
    def __init_subclass__(cls, tag="none", **kw):
        super().__init_subclass__(**kw)
        Base.subclasses.append((cls.__name__, tag))
class A(Base, tag="a"): pass
class B(Base): pass
print(Base.subclasses)
T = type("T", (object,), {"x": 1, "hello": lambda self: "hi"})
print(T.x, T().hello(), T.__name__)
class Singleton:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
print(Singleton() is Singleton())
class MyList(list):
    def total(self): return sum(self)
ml = MyList([1, 2, 3]); ml.append(4)
print(ml, ml.total(), len(ml), isinstance(ml, list), type(ml).__name__)
class MyDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)
md = MyDict(); md["a"] = 5; print(md)
class MyInt(int):
    def double(self): return self * 2
print(MyInt(21).double(), MyInt(3) + 4, type(MyInt(3) + 4).__name__)
class MyStr(str):
    def shout(self): return self.upper() + "!"
print(MyStr("hey").shout(), MyStr("a") + "b")
class Slots:
    __slots__ = ("a", "b")
    def __init__(self): self.a = 1
print(Slots().a)
print(type(int), type(type), isinstance(int, type), object.__name__, int.__mro__)
class Fwd:
    def __class_getitem__(cls, item): return f"Fwd[{item.__name__}]"
print(Fwd[int])
