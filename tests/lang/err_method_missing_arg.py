class C:
    def m(self, a, b):
        return a + b
C().m(1)
