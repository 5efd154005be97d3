for v in [-5, 0, 3, 10, 100]:
    if v < 0:
        print(v, "negative")
    elif v == 0:
        print(v, "zero")
    elif v < 10:
        print(v, "small")
    else:
        print(v, "large")
if []: print("no")
else: print("empty list is falsy")
if 1: pass
