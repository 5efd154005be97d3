class Query:
    def __init__(self, items):
        self.items = list(items)
    def where(self, pred):
        return Query(x for x in self.items if pred(x))
    def select(self, fn):
        return Query(map(fn, self.items))
    def order_by(self, key, reverse=False):
        return Query(sorted(self.items, key=key, reverse=reverse))
    def take(self, n):
        return Query(self.items[:n])
    def to_list(self):
        return self.items
    def __len__(self):
        return len(self.items)
q = Query(range(30)).where(lambda v: v % 3 == 0).select(lambda v: v * v).order_by(lambda v: -v).take(4)
print(q.to_list(), len(q))
print(" ".join("a-b-c".upper().split("-")).lower().replace(" ", "+").center(11, "*"))
