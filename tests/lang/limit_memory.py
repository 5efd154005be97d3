# Requests for absurd amounts of memory: MemoryError (or the OverflowError
# CPython gives when a size does not even fit in a C index), immediately,
# without touching the memory first.


def attempt(label, fn):
    try:
        fn()
        print(label, "ok")
    except (MemoryError, OverflowError, ValueError) as e:
        print(label, type(e).__name__ + (": " + str(e) if str(e) else ""))


big = 10**12
attempt("list repeat", lambda: [0] * big)
attempt("list repeat twice", lambda: [1] * 10**6 * 10**6)
attempt("None repeat 2**62", lambda: [None] * 2**62)
attempt("str repeat", lambda: "x" * big)
attempt("str repeat 2**63", lambda: "x" * 2**63)
attempt("bytes repeat", lambda: b"x" * big)
attempt("tuple repeat", lambda: (1,) * big)
attempt("bytes(n)", lambda: bytes(big))
attempt("bytearray(n)", lambda: bytearray(big))
attempt("center", lambda: "ab".center(big))
attempt("ljust 2**63", lambda: "x".ljust(2**63))
attempt("percent width", lambda: "%*d" % (big, 1))
attempt("format width", lambda: f"{1:{big}}")
attempt("shift", lambda: 1 << big)
attempt("float power", lambda: 10.0 ** big)
attempt("list(range)", lambda: list(range(big)))
attempt("list(range 10**30)", lambda: list(range(10**30)))
attempt("len(range 10**30)", lambda: len(range(10**30)))
attempt("tuple(range)", lambda: tuple(range(big)))
attempt("sorted(range)", lambda: sorted(range(big)))
attempt("star unpack", lambda: [*range(big)])
attempt("extend", lambda: [].extend(range(big)))
attempt("list(iter(range))", lambda: list(iter(range(big))))
attempt("list(reversed(range))", lambda: list(reversed(range(big))))
attempt("range index", lambda: range(10**30)[5])
print("still running")
