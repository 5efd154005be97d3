class Dyn:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith("x"):
            return name.upper()
        raise AttributeError(f"no {name}")
d = Dyn()
print(d.real, d.xyz, getattr(d, "xa"), hasattr(d, "nope"))
class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        print("del", name)
        object.__delattr__(self, name)
l = Logged()
l.a = 1
del l.a
print(hasattr(l, "a"))
class All:
    def __getattribute__(self, name):
        if name == "secret":
            return 42
        return object.__getattribute__(self, name)
a = All(); a.x = 3
print(a.secret, a.x)
class Desc:
    def __get__(self, obj, owner):
        return "via descriptor" if obj else "class access"
    def __set__(self, obj, v):
        obj.__dict__["stored"] = v
class Host:
    d = Desc()
h = Host()
print(h.d, Host.d)
h.d = 5
print(h.stored)
class Named:
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, owner): return self.name
class Owner:
    foo = Named()
print(Owner().foo)
setattr(h, "new", 1); print(h.new); delattr(h, "new"); print(hasattr(h, "new"))
