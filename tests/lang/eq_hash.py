class Key:
    def __init__(self, k): self.k = k
    def __eq__(self, o): return isinstance(o, Key) and self.k == o.k
    def __hash__(self): return hash(self.k)
    def __repr__(self): return f"Key({self.k})"
d = {Key(1): "one", Key(2): "two"}
print(d[Key(1)], Key(2) in d, Key(3) in d, len({Key(1), Key(1), Key(2)}))
class NoHash:
    def __eq__(self, o): return True
try:
    {NoHash()}
except TypeError as e:
    print("TypeError:", e)
print(NoHash.__hash__, hash(1) == hash(1.0) == hash(True), {1: "a", 1.0: "b"})
print(hash("abc") == hash("ab" + "c"), hash((1, "x")) == hash((1, "x")), hash(None) == hash(None))
class IdOnly: pass
a = IdOnly()
print({a: 1}[a], a == a, a != IdOnly())
