class BST:
    def __init__(self):
        self.root = None
    def insert(self, key):
        if self.root is None:
            self.root = [key, None, None]
            return
        node = self.root
        while True:
            idx = 1 if key < node[0] else 2
            if node[idx] is None:
                node[idx] = [key, None, None]
                return
            node = node[idx]
    def inorder(self):
        out = []
        def walk(n):
            if n:
                walk(n[1]); out.append(n[0]); walk(n[2])
        walk(self.root)
        return out
    def height(self, n="root"):
        n = self.root if n == "root" else n
        return 0 if n is None else 1 + max(self.height(n[1]), self.height(n[2]))
t = BST()
x = 7
for _ in range(200):
    x = (x * 1103515245 + 12345) % 2**31
    t.insert(x % 1000)
vals = t.inorder()
print(len(vals), vals[:8], vals == sorted(vals), t.height())
