# int <-> str conversion past sys.int_max_str_digits (4300 by default) is a
# ValueError, as in CPython 3.11+; powers of two bases have no limit.
import sys

big = 10**5000


def attempt(label, fn):
    try:
        r = fn()
        print(label, "ok", len(r) if isinstance(r, str) else r.bit_length())
    except ValueError as e:
        print(label, "ValueError:", e)


print(sys.get_int_max_str_digits(), sys.int_info.default_max_str_digits,
      sys.int_info.str_digits_check_threshold)
attempt("str", lambda: str(big))
attempt("repr", lambda: repr(-big))
attempt("f-string", lambda: f"{big}")
attempt("format d", lambda: format(big, "d"))
attempt("percent", lambda: "%d" % big)
attempt("int(str)", lambda: int("9" * 5000))
attempt("int(str) at limit", lambda: int("9" * 4300))
attempt("int(str) base 16", lambda: int("f" * 10000, 16))
attempt("hex", lambda: hex(big))
attempt("bin", lambda: bin(big))
attempt("int(bytes)", lambda: int(b"1" * 4301))
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print("ValueError:", e)
sys.set_int_max_str_digits(0)
attempt("unlimited", lambda: str(big))
sys.set_int_max_str_digits(640)
attempt("640", lambda: str(10**640))
attempt("641 digits", lambda: str(10**640 * 9))
sys.set_int_max_str_digits(4300)
