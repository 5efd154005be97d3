for i in range(3):
    print(i)
else:
    print("loop finished")
for i in range(10):
    if i == 4:
        print("found 4")
        break
else:
    print("never")
for ch in "abc":
    for j in range(3):
        if j == 1:
            continue
        print(ch, j)
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a, b)
for x in []:
    print("nothing")
else:
    print("empty else")
total = 0
for i in range(100000):
    total += i
print(total)
