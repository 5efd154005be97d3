print(1.5 + 2.25, 1.5 - 2.25, 1.5 * 2.25, 1.5 / 2.25, 7.5 // 2, 7.5 % 2)
print(-7.5 // 2, -7.5 % 2, 7.5 % -2, 2.0 ** 0.5, 2 ** 0.5, 10 ** -2)
print(1 + 1.0, 3 * 0.1, 1 / 3 * 3, 0.1 + 0.7, 1e308 * 10, -1e308 * 10)
print(float('inf') - float('inf'), 1.0 == 1, 0.1 + 0.2 == 0.3, abs(-2.5))
print(round(2.675, 2), round(0.125, 2), round(1.5), round(-0.5), round(2.5001))
print(divmod(7.5, 2), divmod(-7.5, 2), 5.0.is_integer(), (2.5).as_integer_ratio())
print(float(10**20), float(2**53 + 1), 1e16 + 1, int(1e16) + 1)
print(max(1.5, 2), min(-0.0, 0.0), sum([0.1] * 10))
x = 0.0
for i in range(1000):
    x += i * 0.001
print(x)
