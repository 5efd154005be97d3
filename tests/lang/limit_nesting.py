# Deeply nested source is refused with an exception — SyntaxError,
# MemoryError or RecursionError exactly as CPython 3.13 chooses — never a
# crash of the parser or compiler. Sizes stay far from the thresholds where
# krait and CPython differ (see docs/hardening.md).


def attempt(label, src, mode="exec"):
    try:
        compile(src, "<nested>", mode)
        print(label, "ok")
    except SyntaxError as e:
        print(label, type(e).__name__ + ":", e.msg, "line", e.lineno)
    except (MemoryError, RecursionError) as e:
        print(label, type(e).__name__ + ":", e)


def fstrings(n):
    src = "1"
    for _ in range(n):
        src = "f'{" + src + "}'"
    return "x = " + src


def indented(n, head):
    return "".join(" " * i + head + "\n" for i in range(n)) + " " * n + "pass\n"


attempt("parens 200", "x = " + "(" * 200 + "1" + ")" * 200)
attempt("parens 201", "x = " + "(" * 201 + "1" + ")" * 201)
attempt("brackets 100000", "x = " + "[" * 100000 + "]" * 100000)
attempt("braces 1000", "x = " + "{1:" * 1000 + "1" + "}" * 1000)
attempt("unary 800", "x = " + "-" * 800 + "1")
attempt("unary 100000", "x = " + "-" * 100000 + "1")
attempt("not 100000", "x = " + "not " * 100000 + "x")
attempt("lambda 100000", "x = " + "lambda: " * 100000 + "1")
attempt("ternary 100000", "x = " + "1 if a else " * 100000 + "2")
attempt("power 100000", "x = a" + " ** a" * 100000)
attempt("plus 2000", "a" + " + a" * 2000, "eval")
attempt("plus 100000", "a" + " + a" * 100000, "eval")
attempt("attributes 100000", "x = a" + ".b" * 100000)
attempt("calls 100000", "x = f" + "()" * 100000)
attempt("subscripts 100000", "x = a" + "[0]" * 100000)
attempt("comparisons 100000", "x = a" + " < a" * 100000)
attempt("and 100000", "x = a" + " and a" * 100000)
attempt("f-strings 149", fstrings(149))
attempt("f-strings 150", fstrings(150))
attempt("f-strings 1000", fstrings(1000))
attempt("indent 99", indented(99, "if x:"))
attempt("indent 100", indented(100, "if x:"))
attempt("for loops 21", indented(21, "for x in y:"))
attempt("for loops 22", indented(22, "for x in y:"))
attempt("with items 22", "with " + ", ".join(["a"] * 22) + ": pass\n")
attempt("try/finally 60", "".join(" " * i + "try: pass\n" + " " * i + "finally:\n" for i in range(60)) + " " * 60 + "pass\n")
attempt("decorators 10000", "@d\n" * 10000 + "def f(): pass\n")
attempt("assign chain 10000", "a = " * 10000 + "1\n")
attempt("strings 10000", "x = " + "'a' " * 10000)

# the same through exec and eval of text
for src in ("(" * 300 + ")" * 300, "-" * 100000 + "1"):
    try:
        eval(src)
    except (SyntaxError, MemoryError) as e:
        print("eval:", type(e).__name__)
