print(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0, 2 > 1.5, 'a' < 'b', 'abc' < 'abd')
print([1, 2] < [1, 3], (1, 2) == (1, 2), [1, [2]] == [1, [2]], 1 != 2)
one = 1
print(None is None, one is not None, 2 ** 70 == 2 ** 70, 2**53 + 1 > float(2**53))
def f(x):
    print("eval", x)
    return x
print(f(1) < f(2) < f(3))
print(f(3) < f(2) < f(1))
x = 5
print(0 < x <= 5, 0 < x < 5, 1 < x != 6, x in [5], x not in (1, 2))
print('b' in 'abc', 'd' not in 'abc', 3 in range(5), 5 in {5: 1})
print(float('nan') == float('nan'), float('nan') != float('nan'))
