name = "world"
n = 42
pi = 3.14159
print(f"hello {name}!", f'{n}', f"{n + 1}", F"{name!r}", f"{name!s}", f"{'é'!a}")
print(f"{pi:.2f}", f"{n:5d}|", f"{n:<5}|", f"{n:^7}|", f"{n:>5}|", f"{n:05d}")
print(f"{n:x} {n:X} {n:o} {n:b} {n:#x} {n:#b}", f"{1234567:,}", f"{1234567:_}")
print(f"{{literal}}", f"{'nested'}", f"{name.upper()}", f"{[1, 2][0]}")
print(f"{3.5:e}", f"{0.25:%}", f"{1e-7:g}", f"{12345.678:,.2f}")
d = {"key": "value"}
print(f"{d['key']}", f"{d["key"]}")
