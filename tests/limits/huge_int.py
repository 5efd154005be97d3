# Integers too big to hold: krait refuses them up front with MemoryError
# (results past 2**33 bits); CPython 3.13 starts computing and runs for
# minutes (so this output is written by hand).
def attempt(label, fn):
    try:
        fn()
        print(label, "ok")
    except MemoryError:
        print(label, "MemoryError")


n = 10
attempt("10**10**10", lambda: n ** n ** n)
attempt("pow(10, 10**12)", lambda: pow(10, 10**12))
attempt("2**2**40", lambda: 2 ** 2 ** 40)
attempt("shift by 2**40", lambda: 1 << 2**40)
print("still running")
