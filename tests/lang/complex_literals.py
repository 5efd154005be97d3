print(1j, 2.5j, 1 + 2j, (1 + 2j) * (3 - 1j), abs(3 + 4j))
print(complex(1, 2), complex(0, -1), (1+2j).real, (1+2j).imag, (1+2j).conjugate())
print((1+1j) ** 2, 1j * 1j, (2+0j) / (1+1j), -1j, 0j)
print(complex("1+2j"), complex(3), -(1+0j))
z = 0.5 + 0.5j
for i in range(5):
    z = z * z + (0.1 - 0.2j)
print(round(z.real, 10), round(z.imag, 10))
