r = range(0, 20, 3)
print(r, list(r), len(r), r[2], r[-1], r[1:4], 9 in r, 10 in r, r.index(9), r.count(3))
print(list(range(5, 0, -1)), list(range(-3)), range(10**20)[-1], 10**19 in range(10**20))
print(range(3) == range(0, 3), range(0) == range(5, 5), list(reversed(range(4))), sum(range(0, 100, 5)))
print(r.start, r.stop, r.step, bool(range(0)), max(range(7)), min(range(3, 9)))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
acc = 0
for i in range(1000000):
    acc += i & 3
print(acc)
