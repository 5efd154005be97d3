# Source text that is not valid UTF-8 or holds NUL bytes: a SyntaxError with
# CPython's message and line, through compile(), exec() and eval(). (The
# offset is left out: CPython points at the string token holding the bad
# byte, krait at the byte; see docs/hardening.md.)


def attempt(label, src, mode="exec", show_line=True):
    try:
        compile(src, "<bytes>", mode)
        print(label, "ok")
    except SyntaxError as e:
        print(label, type(e).__name__ + ":", e.msg, "| line", e.lineno if show_line else "-")


attempt("invalid start byte", b"x = 1\ny = '\xff'\n")
attempt("invalid continuation", b"x = '\xc3\x28'\n")
attempt("surrogate", b"x = '\xed\xa0\x80'\n")
attempt("overlong", b"x = '\xc0\xaf'\n")
attempt("beyond U+10FFFF", b"x = '\xf4\x90\x80\x80'\n")
attempt("lone byte", b"\xff")
attempt("nul in bytes", b"x = 1\ny = 2\x00\n")
attempt("nul in str", "x = 1\x00\n")
attempt("nul in comment", b"# \x00\nx = 1\n")
attempt("nul in eval", b"1 +\x00 2", "eval")
attempt("bom then utf-8", b"\xef\xbb\xbfx = '\xc3\xa9'\n")
attempt("latin-1 cookie", b"# -*- coding: latin-1 -*-\nx = '\xff'\n")
attempt("unknown cookie", b"# -*- coding: klingon -*-\nx = 1\n", show_line=False)
attempt("cookie after code", b"x = 1\n# -*- coding: klingon -*-\n")
attempt("valid 4-byte", "x = '\U0001F600'\n".encode())
for label, run, src in (("exec bytes", exec, b"'\xff'"), ("eval bytes", eval, b"'\xfe'")):
    try:
        run(src)
    except SyntaxError as e:
        print(label, "SyntaxError:", e.msg)
