l = [3, 1, 4, 1, 5, 9, 2, 6]
l.append(5); print(l)
l.extend([8, 9]); print(l)
l.insert(0, 0); l.insert(100, 100); l.insert(-1, -1); print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(1); print(l, l.index(5), l.index(5, 5), l.count(9))
l.sort(); print(l)
l.sort(reverse=True); print(l)
l.reverse(); print(l)
c = l.copy(); c.clear(); print(c, len(l))
print([1, 2] + [3], [0] * 3, [[0] * 2] * 2, 3 * [1], [1, 2, 3][-1], [] * 5)
words = ["banana", "Apple", "cherry", "apple"]
words.sort(key=str.lower); print(words)
words.sort(key=len); print(words)
nested = [[3, "c"], [1, "a"], [2, "b"]]
print(sorted(nested), min(nested), max(nested))
x = [1, 2, 3]
x[1:2] = [7, 8, 9]; print(x)
x[:] = []; print(x)
y = [1, [2, 3]]
z = y[:]
z[1].append(4); print(y, z, y == z, y is z)
print(list(range(3)) == [0, 1, 2], [1, 2] < [1, 2, 0], [2] > [1, 9], [] == [], [1] != [1.0])
r = [1]; r.append(r); print(r)
print(5 in [1, 5], [1, 2].__len__(), list.__name__, [0, 1, 2][True])
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].remove(2)
except ValueError as e:
    print("ValueError:", e)
stack = []
for i in range(5): stack.append(i * i)
while stack: print(stack.pop(), end=" ")
print()
print(sorted([5, 2, 8, 1, 9, 3, 7, 4, 6, 0] * 3)[::3])
