class C:
    cls_attr = 1
    @property
    def prop(self): raise AttributeError("inner")
for expr in ["C().nope", "C.nope", "(1).nope", "'s'.nope", "[].nope", "None.nope", "C().prop", "type.nope"]:
    try:
        eval(expr)
    except AttributeError as e:
        print(expr, "->", e)
import math
try:
    math.nope
except AttributeError as e:
    print(e)
try:
    (1).real = 5
except AttributeError as e:
    print(e)
try:
    del C().cls_attr
except AttributeError as e:
    print(e)
