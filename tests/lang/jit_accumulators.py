# Float accumulators (x = x op e) updated in place by traces: the value
# must be tier 1's whatever happens inside e.

def basic(n):
    s = 0.0
    p = 1.0
    d = 100.0
    for i in range(n):
        s += i * 1.5
        p *= 1.0001
        d -= 0.25
    return s, round(p, 6), d

print(basic(5000))

def self_reference(n):
    s = 1.0
    for i in range(n):
        s += s * 0.001
    return round(s, 6)

print(self_reference(2000))

def becomes_int_then_str(n):
    s = 0.0
    out = []
    for i in range(n):
        if i == n // 2:
            s = int(s)
        s += 1.5 if i < n // 2 else 2
        out.append(type(s).__name__)
    return s, out[:2], out[-2:]

print(becomes_int_then_str(1000))

def operand_changes(vals):
    s = 0.0
    for v in vals:
        s += v * 2.0
    return s

print(operand_changes([0.5] * 500 + [3] * 10 + [0.25] * 500))
try:
    operand_changes([0.5] * 500 + ["x"])
except TypeError as e:
    print("TypeError:", e)

def two_accumulators(n):
    a = b = 0.0
    for i in range(n):
        a += i * 0.5
        b -= a * 0.001
    return a, round(b, 6)

print(two_accumulators(3000))

def with_call(n):
    s = 0.0
    for i in range(n):
        s += abs(i - 100) * 0.5
    return s

print(with_call(2000))

def nan_and_inf(n):
    s = 0.0
    for i in range(n):
        s += float("inf") if i == n - 3 else 0.5
    t = 0.0
    for i in range(n):
        t *= float("nan") if i == n - 2 else 1.0
    return s, t

print(nan_and_inf(800))
