print(6 & 3, 6 | 3, 6 ^ 3, ~6, 1 << 10, 1024 >> 3, -1 >> 1, -16 >> 2)
print(-6 & 3, -6 | 3, -6 ^ 3, ~-1, ~0)
b = 2 ** 100
print(b & (b - 1), b | 1, b ^ b, ~b, -b >> 50, b >> 200, (-b) & 0xff)
print((255).bit_length(), (-256).bit_length(), (0).bit_length(), (7).bit_count())
print(True & False, True | False, True ^ True, ~True)
