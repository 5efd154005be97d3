# Generators and recursion inside traced loops: trace exits at frame
# boundaries, loops inside generators, generators closed early.

def squares(n):
    for i in range(n):
        yield i * i

def consume(n):
    total = 0
    for v in squares(n):
        total += v
    return total

print(consume(500))

def gen_with_loop(n):
    acc = 0
    for i in range(n):
        acc += i
        if i % 100 == 99:
            yield acc

print(list(gen_with_loop(1000)))

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def fibs(n):
    out = []
    for i in range(n):
        out.append(fib(i % 12))
    return sum(out)

print(fibs(300))

def depth(n):
    if n == 0:
        return 0
    s = 0
    for i in range(150):
        s += i
    return s + depth(n - 1)

print(depth(20))

def early_close():
    closed = []
    def g():
        try:
            for i in range(1000):
                yield i
        finally:
            closed.append(True)
    total = 0
    for rounds in range(120):
        for v in g():
            total += v
            if v == 3:
                break
    return total, len(closed)

print(early_close())

def genexpr_sum(n):
    return sum(x * 2.0 for x in range(n))

print(genexpr_sum(1000))

def nested(n):
    t = 0
    for i in range(n):
        for j in range(i % 50):
            t += j
    return t

print(nested(400))
