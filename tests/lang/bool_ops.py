print(True and False, True or False, not True, not 0, not [], not [0])
print(0 or 'default', '' or [] or None, 1 and 2 and 3, 1 and 0 and 3)
print(None or 0 or '', [] and 1, bool(''), bool('x'), bool(0.0), bool(1j))
print(True + True, True * 10, int(False), str(True), True == 1, isinstance(True, int))
class Falsy:
    def __bool__(self):
        return False
class Empty:
    def __len__(self):
        return 0
print(bool(Falsy()), bool(Empty()), bool(object()), Falsy() or 'x')
x = 0
y = x or 5
print(y)
