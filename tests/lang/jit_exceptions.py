# Exceptions raised inside traced loops: the traceback, the handler that
# catches them and the state seen afterwards must be tier 1's.

def tb_lines(e):
    out = []
    tb = e.__traceback__
    while tb is not None:
        out.append(tb.tb_lineno)
        tb = tb.tb_next
    return out

def divide_all(values):
    out = []
    for v in values:
        out.append(100 // v)
    return out

try:
    divide_all(list(range(200, 1, -1)) + [0, 5])
except ZeroDivisionError as e:
    print("caught", tb_lines(e))

def index_walk(xs, n):
    total = 0
    i = 0
    while i < n:
        total += xs[i]
        i += 1
    return total

try:
    index_walk(list(range(150)), 200)
except IndexError as e:
    print("IndexError", e, tb_lines(e))

def keyed(d, keys):
    s = 0
    for k in keys:
        s += d[k]
    return s

d = {i: i * i for i in range(200)}
try:
    keyed(d, list(range(180)) + ["missing"])
except KeyError as e:
    print("KeyError", e, tb_lines(e))

class P:
    def __init__(self):
        self.x = 1

def attrs(objs):
    s = 0
    for o in objs:
        s += o.x
    return s

objs = [P() for _ in range(150)]
print(attrs(objs))
try:
    attrs(objs + [object()])
except AttributeError as e:
    print("AttributeError", tb_lines(e))

def handled(n):
    errors = 0
    total = 0
    for i in range(n):
        try:
            total += 10 // (i % 7)
        except ZeroDivisionError:
            errors += 1
    return errors, total

print(handled(500))

def unbound(n):
    for i in range(n):
        if i == n - 1:
            del later
        later = i
    return later

try:
    unbound(150)
except UnboundLocalError as e:
    print("UnboundLocalError", e, tb_lines(e))

def lines(n):
    acc = 0.0
    for i in range(n):
        acc += 1.0 / (n - 1 - i)
    return acc

try:
    lines(300)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e, tb_lines(e))

def last(n):
    s = 0
    for i in range(n):
        s = s + i
        if s > 5000:
            s = s + None
    return s

last(200)
