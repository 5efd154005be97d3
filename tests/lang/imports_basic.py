import sys
import math as m
from math import sqrt, pi as PI
print(m.floor(2.5), sqrt(16), round(PI, 3))
sys.path.insert(0, "pkgs")
import helper_mod
print(helper_mod.greet("krait"), helper_mod.CONSTANT, helper_mod.__name__)
from helper_mod import greet, CONSTANT as C
print(greet("again"), C)
import mypkg
print(mypkg.PKG_NAME, mypkg.sub.value if hasattr(mypkg, "sub") else "sub not loaded")
import mypkg.sub
print(mypkg.sub.value, mypkg.sub.from_parent())
import mypkg.sub as s
print(s.value)
from mypkg import sub as s2, PKG_NAME
print(s2 is s, PKG_NAME)
from mypkg.rel import combined
print(combined())
print("helper_mod" in sys.modules, sys.modules["mypkg.sub"] is s)
import helper_mod as again
print(again is helper_mod, again.LOAD_COUNT)
from mypkg.star import *
print(public_a, "_private" in dir())
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
try:
    from helper_mod import nothing_here
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
