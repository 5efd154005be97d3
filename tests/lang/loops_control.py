result = []
for i in range(5):
    try:
        if i % 2:
            continue
        result.append(i)
    except Exception:
        pass
    finally:
        result.append("f")
print(result)
found = None
for row in [[1, 2], [3, 4], [5, 6]]:
    for v in row:
        if v == 4:
            found = v
            break
    else:
        continue
    break
print(found)
n = 0
while n < 10:
    n += 1
    if n == 3: continue
    if n == 6: break
print(n)
total = 0
for i in range(3):
    for j in range(3):
        if j > i: break
        total += i * j
print(total)
i = 0
while True:
    i += 1
    try:
        if i > 2: break
    finally:
        print("finally", i)
