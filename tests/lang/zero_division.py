cases = [lambda: 1 / 0, lambda: 1 // 0, lambda: 1 % 0, lambda: 1.0 / 0, lambda: 1.0 // 0.0,
         lambda: 1.0 % 0.0, lambda: divmod(1, 0), lambda: 0.0 ** -1, lambda: 2**100 // 0, lambda: (1+1j) / 0,
         lambda: pow(2, -1, 4)]
for c in cases:
    try:
        c()
    except (ZeroDivisionError, ValueError) as e:
        print(type(e).__name__ + ":", e)
