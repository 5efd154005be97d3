# Data nested far deeper than any recursion limit, walked by C code that
# recurses: krait raises RecursionError where CPython 3.13 overflows the C
# stack and dies with SIGSEGV (so this output is written by hand).
DEPTH = 1000000


def attempt(label, build, use):
    x = build()
    try:
        use(x)
        print(label, "ok")
    except RecursionError as e:
        print(label, "RecursionError:", e)


def nest(wrap, start):
    def build():
        x = start
        for _ in range(DEPTH):
            x = wrap(x)
        return x
    return build


attempt("tuple hash", nest(lambda x: (x,), ()), hash)
attempt("tuple as dict key", nest(lambda x: (x,), ()), lambda x: {x: 1})
attempt("slice hash", nest(slice, 1), hash)
attempt("map chain", nest(lambda it: map(abs, it), iter([1])), next)
attempt("filter chain", nest(lambda it: filter(None, it), iter([1])), list)
attempt("zip chain", nest(zip, iter([1])), next)
attempt("enumerate chain", nest(enumerate, iter([1])), next)
print("still running")
