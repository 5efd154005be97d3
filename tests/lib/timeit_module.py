import timeit
t = timeit.timeit("sum(range(100))", number=1000)
print(type(t).__name__, t > 0)
calls = []
def work():
    calls.append(1)
t2 = timeit.timeit(work, number=50)
print(len(calls), t2 >= 0)
timer = timeit.Timer("x * 2", setup="x = 21")
print(timer.timeit(number=10) >= 0, len(timer.repeat(repeat=3, number=10)))
r = timeit.repeat("pass", number=5, repeat=4)
print(len(r), all(v >= 0 for v in r))
print(timeit.timeit(stmt="y = 1", setup="import math", number=3) >= 0)
print(timeit.timeit("a + b", globals={"a": 1, "b": 2}, number=10) >= 0)
