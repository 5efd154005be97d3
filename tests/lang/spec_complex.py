# The complex form of BINARY_OP: exact complex operands only; anything else
# (floats, ints, subclasses, other operators) takes the generic path with
# the same results.

def mix(pairs, op):
    out = []
    for a, b in pairs:
        if op == "+":
            out.append(a + b)
        elif op == "-":
            out.append(a - b)
        else:
            out.append(a * b)
    return out

class MyComplex(complex):
    def __add__(self, other):
        return "MyComplex.__add__"

cases = [(1 + 2j, 3 - 1j)] * 50 + [(1.5, 2j), (2, 1 + 1j), (1j, 2), (True, 1j)] + [(2j, 3j)] * 50
for op in "+-*":
    r = mix(cases, op)
    print(op, r[0], r[49], r[50:54], r[-1])

print(mix([(MyComplex(1, 2), 1j)] * 3 + [(1j, 1j)] * 3, "+"))

def iterate(c, n):
    z = 0j
    for _ in range(n):
        z = z * z + c
        if abs(z) > 2.0:
            break
    return z

print(iterate(-0.75 + 0.1j, 200), iterate(0.3 + 0.5j, 200), iterate(0.25, 50))

def inplace(n):
    z = 1 + 1j
    w = 0j
    for i in range(n):
        w += z
        w -= 0.5j
        w *= 1j if i % 2 else 1
    return w

print(inplace(300))

inf = float("inf")
nan = float("nan")
specials = [(complex(inf, 1), complex(1, 0)), (complex(nan, 0), 1j), (complex(inf, inf), complex(0, 0))] * 20
for op in "+-*":
    print(op, mix(specials, op)[-3:])

try:
    print(mix([(1j, 1j)] * 10 + [(1j, "x")], "+"))
except TypeError as e:
    print("TypeError:", e)
