parts = []
for i in range(10):
    parts.append(str(i) * (i % 3 + 1))
print("".join(parts), len("".join(parts)))
s = ""
for i in range(1000):
    s += chr(97 + i % 26)
print(len(s), s[:30], s.count("a"))
lines = ["%-6s|%6.2f|%03d" % (name, val, n) for name, val, n in [("a", 1.5, 7), ("bbb", 22.125, 42)]]
print("\n".join(lines))
print("{:-^30}".format(" centered "), "=" * 10)
rows = [("apple", 3, 0.5), ("banana", 12, 0.25)]
for name, qty, price in rows:
    print(f"{name:<10}{qty:>5}{price:>8.2f}{qty * price:>8.2f}")
print(str(1) + str(2.0) + str(None) + str([]) + str(()) + repr(""))
