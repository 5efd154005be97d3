s = list(range(10))
print(s[2:5], s[:3], s[7:], s[-3:], s[::2], s[::-1], s[1:8:3], s[8:1:-2], s[100:], s[-100:2])
t = "abcdefgh"
print(t[1:4], t[::-1], t[::3], t[-2:], t[:-2])
s[2:4] = ['x', 'y', 'z']
print(s)
s[::2] = range(len(s[::2]))
print(s)
del s[1:3]
print(s)
del s[::3]
print(s)
print((1, 2, 3, 4)[1:3], range(10)[2:8:2], b'abcdef'[1::2])
sl = slice(1, 5, 2)
print(s[sl], sl.start, sl.stop, sl.step, slice(3), slice(1, 10, 3).indices(5))
class Idx:
    def __getitem__(self, k):
        return k
i = Idx()
print(i[1], i[1:2], i[::3], i[1, 2], i[1:2, ::3], i[...])
