# krait-only specialised forms (expected output written by hand): **, / and
# //, % get forms of their own, and an attribute site that sees several
# classes keeps them all (LOAD_ATTR_POLY) instead of trading one for another.
import dis

def forms(f):
    return sorted({i.opname for i in dis.get_instructions(f, adaptive=True)
                   if i.opname.startswith(("BINARY_OP", "LOAD_ATTR"))})

def arith(x, y, i, j):
    return x ** y, x / y, i / j, x / i, i // j, i % j

for n in range(100):
    arith(2.5, 0.5, n + 7, 3)
print(forms(arith))

class A:
    def __init__(self):
        self.x = 1
    def get(self):
        return self.x
class B(A):
    def get(self):
        return self.x + 1
class C(A):
    def __init__(self):
        self.y = 0
        super().__init__()

def site(o):
    return o.x, o.get()

objs = [A(), B(), C()]
for n in range(300):
    for o in objs:
        site(o)
print(forms(site), [site(o) for o in objs])

# a site that only ever sees one class stays monomorphic
def mono(o):
    return o.x
for n in range(300):
    mono(objs[0])
print(forms(mono))
