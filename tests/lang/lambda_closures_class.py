class Button:
    def __init__(self, label):
        self.label = label
        self.handlers = []
    def on_click(self, fn):
        self.handlers.append(fn)
        return fn
    def click(self):
        return [h(self) for h in self.handlers]
b = Button("ok")
@b.on_click
def first(btn): return "first:" + btn.label
b.on_click(lambda btn: "lambda:" + btn.label.upper())
print(b.click())
def make_accumulators():
    total = [0]
    def add(n):
        total[0] += n
        return total[0]
    def reset():
        total[0] = 0
    return add, reset
add, reset = make_accumulators()
print(add(5), add(10), reset(), add(1))
funcs = {name: (lambda n=name: n * 2) for name in ["a", "b"]}
print({k: f() for k, f in funcs.items()})
