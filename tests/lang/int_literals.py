print(0, 7, 1_000_000, 0x_ff, 0XFF, 0o17, 0O_7, 0b1010, 0B_1_1)
print(123456789012345678901234567890)
print(-2**63, 2**64, -(2**100))
print(0xdead_beef, 0o777, 0b1111_0000)
print(type(10**30), 10**30 // 10**29)
x = 140737488355327  # 2**47 - 1, the largest inline int
print(x, x + 1, x * 2, -x - 2, (x + 1) - 1)
print(type(x + 1) is int, (x + 1) - 1 == x)
