x = 1
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
d = {'a': 1, 'b': 2}
del d['a']
print(d)
l = [1, 2, 3]
del l[0], l[-1]
print(l)
class C: pass
c = C(); c.attr = 5
del c.attr
print(hasattr(c, 'attr'))
def f():
    pass
print(f())
assert True
assert 1 == 1, "not shown"
try:
    assert 1 == 2, "one is not two"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert False
except AssertionError as e:
    print("bare:", repr(e))
