# Operands changing type or value under the specialised forms of BINARY_OP
# for **, / (floats and small ints), // and % (small ints): every result
# and every error must be what the generic operation gives.

def power(x, y):
    return x ** y

def show(f, x, y):
    try:
        r = f(x, y)
        print(type(r).__name__, repr(r))
    except Exception as e:
        print(type(e).__name__, e)

for i in range(40):  # warm up on positive bases
    power(1.5 + i, -1.5)
for args in [(2.0, 0.5), (2.0, -1.5), (0.5, 1000.0), (2.0, -2000.0), (1.0, 1e308),
             (-8.0, 1.0 / 3.0), (-2.0, 3.0), (-2.0, 2.0), (-2.0, -3.0), (-0.0, 3.0),
             (0.0, -1.0), (0.0, 0.0), (10.0, 400.0), (-10.0, 401.0),
             (float("inf"), -1.0), (float("-inf"), 3.0), (float("nan"), 0.0),
             (1.0, float("nan")), (float("nan"), 2.0), (2.0, float("inf")),
             (0.5, float("inf")), (3, 2), (2.0, 3), (3, 0.5), ("a", 2.0)]:
    show(power, *args)

def true_divide(x, y):
    return x / y

for i in range(40):
    true_divide(1.0, i + 1)
for args in [(1.0, 3), (1, 3), (7, 2.0), (-0.0, 5), (0, -5), (1.5, 0.25), (2 ** 47 - 1, 3),
             (-2 ** 47, 7), (2 ** 60, 3), (1, 2 ** 60), (1.0, 0), (1, 0.0), (0, 0), (1e308, 1e-308),
             (float("nan"), 2), (float("inf"), float("inf")), (True, 2), (3, False), (1j, 2)]:
    show(true_divide, *args)

def floor_divide(x, y):
    return x // y

def remainder(x, y):
    return x % y

for i in range(40):
    floor_divide(i * 7, 3)
    remainder(i * 7, 3)
for args in [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, -3), (-2 ** 47, -1),
             (-2 ** 47, 1), (2 ** 47 - 1, -1), (5, 0), (2 ** 70, 3), (7.5, 2), (7, 2.5),
             (True, 2), ("%d", 3)]:
    show(floor_divide, *args)
    show(remainder, *args)

# in-place forms take the same paths
def inplace(n):
    x, f, p = 1000, 1.0, 1.0
    for i in range(1, n):
        x //= 2 if x > 1 else 1
        x %= 997
        f /= i
        p **= 0.5
    return x, f, p
print(inplace(30))

# small-int + - * at the edges of the inline range (2**47) and past int64
def add(x, y):
    return x + y
def sub(x, y):
    return x - y
def mul(x, y):
    return x * y
for i in range(40):
    add(i, 1), sub(i, 1), mul(i, 3)
M = 2 ** 47
for args in [(M - 1, 1), (M - 2, 1), (-M, -1), (-M + 1, -1), (M - 1, M - 1), (-M, -M),
             (M - 1, -(M - 1)), (0, -M), (-M, 0), (5, -7), (-5, 7)]:
    print(add(*args), sub(*args), sub(args[1], args[0]))
for args in [(M // 2, 2), (M // 2 - 1, 2), (-(M // 2), 2), (-(M // 2), -2), (M - 1, -1),
             (-M, -1), (-M, 1), (M - 1, M - 1), (-M, -M), (2 ** 24, 2 ** 23), (2 ** 24, 2 ** 23 - 1),
             (-(2 ** 24), 2 ** 23), (0, -M), (-1, -1), (3 ** 20, 3 ** 20), (-(3 ** 20), 3 ** 20)]:
    print(mul(*args), mul(args[1], args[0]))
