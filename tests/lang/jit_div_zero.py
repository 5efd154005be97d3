# Division by zero inside traced loops: caught each time, then uncaught
# (the message and traceback are tier 1's).

def caught(n):
    msgs = set()
    s = 0.0
    for i in range(n):
        d = i % 50
        try:
            s += 1.5 / d
        except ZeroDivisionError as e:
            msgs.add(str(e))
        try:
            s += 100 / d
        except ZeroDivisionError as e:
            msgs.add(str(e))
        try:
            s += 2.0 / (d * 1.0)
        except ZeroDivisionError as e:
            msgs.add(str(e))
    return round(s, 6), sorted(msgs)

print(caught(500))

def float_zero_divisor(n):
    s = 0.0
    x = 3.0
    for i in range(n, -1, -1):
        s += x / (i * 0.5)
    return s

try:
    float_zero_divisor(300)
except ZeroDivisionError as e:
    print("caught:", e)

def int_zero(n):
    s = 0.0
    for i in range(n, -1, -1):
        s += 1000 / i
    return s

try:
    int_zero(300)
except ZeroDivisionError as e:
    print("caught:", e)

def uncaught(n):
    s = 0.0
    for i in range(n, -5, -1):
        s += 2.5 / i
    return s

print(uncaught(300))
