x = "global"
class C:
    x = "class"
    y = x + "-derived"
    def method(self):
        return x
    def method2(self):
        return self.x
    z = [x for _ in range(1)]
print(C.y, C().method(), C().method2(), C.z)
def outer():
    v = "enclosing"
    class Inner:
        w = v
        def get(self):
            return v
    return Inner
I = outer()
print(I.w, I().get())
class Counter:
    total = 0
    def add(self):
        Counter.total += 1
        self.total_local = Counter.total
c = Counter(); c.add(); c.add()
print(Counter.total, c.total_local)
