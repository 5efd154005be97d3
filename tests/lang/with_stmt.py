class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return False
with CM("a") as a, CM("b") as b:
    print("body", a, b)
with (CM("c") as c,
      CM("d")):
    print("paren body", c)
try:
    with CM("e"):
        raise KeyError("x")
except KeyError:
    print("KeyError propagated")
def early():
    with CM("f"):
        return "returned"
print(early())
for i in range(2):
    with CM(f"loop{i}"):
        if i == 0:
            continue
        break
class Suppress:
    def __enter__(self): return self
    def __exit__(self, *a):
        print("suppressing", a[0].__name__)
        return True
with Suppress():
    1 / 0
print("continued")
with open(__file__) as fh:
    print(fh.readline().rstrip())
print(fh.closed)
