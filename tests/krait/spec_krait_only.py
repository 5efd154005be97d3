# krait-only specialisation checks (expected output written by hand: the
# names or the bytecode differ from CPython 3.13's).
import dis

def has(f, name):
    return any(i.opname == name for i in dis.get_instructions(f, adaptive=True))

# CPython 3.13 replaced CALL_PY_WITH_DEFAULTS by CALL_PY_GENERAL; krait keeps it.
def with_default(a, b=1):
    return a + b
def call_default(x):
    return with_default(x)
for i in range(100):
    call_default(i)
print("CALL_PY_WITH_DEFAULTS", has(call_default, "CALL_PY_WITH_DEFAULTS"))

# __slots__ instances keep attributes in shapes: INSTANCE_VALUE, not _SLOT.
class S:
    __slots__ = ("a",)
    def __init__(self, a):
        self.a = a
def slot_rw(o):
    o.a = o.a + 1
    return o.a
for i in range(100):
    slot_rw(S(i))
print("slots", has(slot_rw, "LOAD_ATTR_INSTANCE_VALUE"), has(slot_rw, "STORE_ATTR_INSTANCE_VALUE"))

# methods of built-in types with one argument: _O (krait has one C calling
# convention, so the form is chosen by argument count)
def one_arg(s):
    return s.startswith("a")
for i in range(100):
    one_arg("abc")
print("descr O", has(one_arg, "CALL_METHOD_DESCRIPTOR_O"))

# no instance attributes: METHOD_NO_DICT on built-in instances
def lst_method(l):
    return l.copy()
for i in range(100):
    lst_method([i])
print("no dict", has(lst_method, "LOAD_ATTR_METHOD_NO_DICT"))

# TO_BOOL is only emitted by a few statements in krait; STR_INT for ASCII
def char_at(s, i):
    return s[i]
for i in range(100):
    char_at("hello", i % 5)
print("str int", has(char_at, "BINARY_SUBSCR_STR_INT"))

# unpacking a list and a 3-tuple
def three(seq):
    a, b, c = seq
    return a
for i in range(100):
    three([1, 2, 3])
print("unpack list", has(three, "UNPACK_SEQUENCE_LIST"))
for i in range(2000):
    three((1, 2, 3))
print("unpack tuple", has(three, "UNPACK_SEQUENCE_TUPLE"))

# the exact output format of dis for a tiny function
def tiny(a):
    return a + 1
dis.dis(tiny)
dis.dis(tiny, show_caches=True)
for i in range(10):
    tiny(i)
dis.dis(tiny, adaptive=True)
print([i.opname for i in dis.Bytecode(tiny)])
print(dis.opname[dis.opmap["BINARY_OP"]], dis.hasjrel, len(dis.hasjabs) > 0)
