import sys
print(sys.argv[0].endswith("sys_module.py"), len(sys.argv), type(sys.path), sys.maxsize, sys.platform, sys.byteorder)
print(sys.version_info[0], sys.version_info.major >= 3, sys.version_info >= (3, 8), sys.version.startswith("3."))
print(sys.getrecursionlimit(), "sys" in sys.modules, sys.modules["sys"] is sys, type(sys.modules).__name__)
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig, sys.int_info.bits_per_digit)
print(sys.intern("abc") is sys.intern("ab" + "c"), sys.maxunicode, sys.get_int_max_str_digits())
try:
    raise KeyError("x")
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, tb is not None, sys.exception() is v)
print(sys.exc_info(), sys.exception())
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
def deep(n): return 0 if n == 0 else 1 + deep(n - 1)
print(deep(1500))
sys.set_int_max_str_digits(5000)
print(len(str(10 ** 4500)))
sys.set_int_max_str_digits(4300)
try:
    str(10 ** 5000)
except ValueError as e:
    print("ValueError:", str(e)[:40])
sys.stdout.write("write\n")
sys.stderr.write("")
print(hasattr(sys.stdout, "flush"), sys.stdin is not None, isinstance(sys.implementation.name, str))
