x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x **= 3; print(x)
x %= 7; print(x)
x <<= 4; print(x)
x >>= 1; print(x)
x |= 1; print(x)
x &= 0xf; print(x)
x ^= 0xff; print(x)
x /= 2; print(x)
s = "ab"; s += "cd"; s *= 2; print(s)
l = [1]; m = l; l += [2]; print(m, l is m)
t = (1,); u = t; t += (2,); print(u, t)
class C:
    pass
c = C(); c.v = 1; c.v += 41; print(c.v)
d = {'k': 1}; d['k'] += 1; d['k'] *= 10; print(d)
a = [1, 2, 3]; a[1] += 10; a[-1] **= 2; print(a)
calls = []
def key():
    calls.append('key')
    return 0
a[key()] += 1
print(a, calls)
