def f():
    try:
        return "try"
    finally:
        print("finally runs")
print(f())
def g():
    try:
        return 1
    finally:
        return 2
print(g())
def h():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
        finally:
            print("finally", i)
    return "done"
print(h())
def nested():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("inner finally")
    except ValueError as e:
        print("caught", e)
    finally:
        print("outer finally")
nested()
def exc_in_finally():
    try:
        try:
            1 / 0
        finally:
            print("cleanup before propagate")
    except ZeroDivisionError:
        print("propagated")
exc_in_finally()
x = 0
while x < 3:
    try:
        x += 1
    finally:
        pass
print(x)
