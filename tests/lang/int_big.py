a = 2 ** 100 + 12345
b = 3 ** 70
print(a + b, a - b, a * b, a // b, a % b, -a // b, -a % b, divmod(a, -b))
print(a ** 3, pow(a, 65537, b), pow(7, -1, 2**61 - 1), a & b, a | b, a ^ b, ~a, -a)
print(a << 100, a >> 50, a == 2 ** 100 + 12345, a < b, a > b, abs(-a), hash(a), hash(-a))
print(str(a)[:10], len(str(3 ** 2000)), int(str(b)) == b, hex(a), oct(b), bin(2 ** 70))
print((2**64).to_bytes(9, "big"), int.from_bytes(b"\x01\x00", "little"), (-1).to_bytes(2, "big", signed=True))
print(a.bit_length(), (2 ** 64 - 1).bit_count(), (-a).bit_length(), (10**30).as_integer_ratio())
n = 1
for i in range(1, 60):
    n *= i
print(n, n % 1000000007, n // 10 ** 70)
print(float(2**100), 2**100 / 3, 10**400 // 10**399, int(1e300) % 1000)
print(-(2**47) // 3, (2**47 - 1) * 3, (-2**47) * -1, 2**47 - 1 + 1 - 1)
print(sum(range(10**6)), 10**18 + 10**18, -(10**18) * 10, 123456789 * 987654321)
print(round(2**100 + 7, -2), int(-3.99), 7 // 2.0, 2**100 // 2.0 == 2**99)
