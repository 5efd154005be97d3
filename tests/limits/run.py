#!/usr/bin/env python3
"""Limits that tests/lang cannot hold: source files that are themselves bad
(invalid UTF-8, NUL bytes, unreadable, missing, a directory, nested too
deep), and programs on which CPython itself crashes or runs for minutes.

FILE CASES are written to a scratch directory at run time and run as
`krait NAME`; their exit status and last stderr line must match
files.expected, which `run.py --regen [--python PATH]` writes with CPython
3.13. Paths are normalised: the scratch directory becomes <dir> and the
interpreter's name before ": can't" becomes <python>.

PROGRAMS are tests/limits/*.py with hand-written NAME.out (and NAME.err:
"exit: N" + last stderr line): krait's behaviour where CPython's is a crash
(each file says why). --regen never touches them.

Usage: run.py [--krait PATH] [--regen [--python PATH]]
Ends with `N passed, N failed`.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXPECTED = os.path.join(HERE, "files.expected")
TIMEOUT = 120


def nested(prefix, opener, closer, n):
    return (prefix + opener * n + "1" + closer * n + "\n").encode()


# name -> file content (bytes), or a marker for the special cases
FILE_CASES = {
    "bad_utf8.py": b"print(1)\nx = '\xff'\n",
    "bad_utf8_comment.py": b"# caf\xe9\nprint(1)\n",
    "truncated_utf8.py": b"x = '\xe2\x82'\n",
    "surrogate_utf8.py": b"print(1)\n\xed\xa0\x80\n",
    "nul_byte.py": b"print(1)\nx = 1\x00\n",
    "bad_cookie.py": b"# -*- coding: klingon -*-\nprint(1)\n",
    "latin1_cookie.py": b"# -*- coding: latin-1 -*-\nprint('\xe9')\n",
    "bom.py": b"\xef\xbb\xbfprint('bom')\n",
    "crlf.py": b"x = 1\r\nprint(x)\r\n",
    "empty.py": b"",
    "deep_parens.py": nested("x = ", "(", ")", 201),
    "deep_unary.py": ("x = " + "-" * 100000 + "1\n").encode(),
    "deep_plus.py": ("x = 1" + " + 1" * 100000 + "\n").encode(),
    "deep_blocks.py": "".join(" " * i + "for x in y:\n" for i in range(30)).encode() + b" " * 30 + b"pass\n",
    "missing.py": None,
    "a_directory": "dir",
    "unreadable.py": "unreadable",
}


# Root reads a mode-000 file anyway; without capabilities it cannot (and
# it can still run an interpreter under /root, which another user could
# not). setpriv is in util-linux, which every Debian system has.
NO_CAPS = ["setpriv", "--bounding-set=-all", "--inh-caps=-all"]


def run_file_case(python, scratch, name):
    content = FILE_CASES[name]
    path = os.path.join(scratch, name)
    prefix = []
    if content == "dir":
        os.mkdir(path)
    elif content == "unreadable":
        with open(path, "wb") as f:
            f.write(b"print('read it')\n")
        os.chmod(path, 0)
        if os.geteuid() == 0:
            prefix = NO_CAPS
    elif content is not None:
        with open(path, "wb") as f:
            f.write(content)
    p = subprocess.run(prefix + [python, name], cwd=scratch, capture_output=True,
                       timeout=TIMEOUT)
    err = p.stderr.decode("utf-8", "replace").rstrip("\n").split("\n")
    last = err[-1] if err else ""
    last = last.replace(scratch, "<dir>")
    last = re.sub(r"^\S+: can't", "<python>: can't", last)
    return "exit: %d | %s" % (p.returncode, last)


def file_results(python):
    scratch = tempfile.mkdtemp(prefix="krait-limits-")
    try:
        return {name: run_file_case(python, scratch, name) for name in FILE_CASES}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def load_expected():
    expected = {}
    with open(EXPECTED, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, _, result = line.rstrip("\n").partition(" => ")
                expected[name] = result
    return expected


def run_program(krait, name):
    base = os.path.join(HERE, name[:-3])
    p = subprocess.run([krait, name], cwd=HERE, capture_output=True, timeout=TIMEOUT)
    with open(base + ".out", encoding="utf-8") as f:
        want_out = f.read()
    want_code, want_last = 0, ""
    if os.path.exists(base + ".err"):
        with open(base + ".err", encoding="utf-8") as f:
            lines = f.read().split("\n")
        want_code = int(lines[0].split(":")[1])
        want_last = lines[1]
    err = p.stderr.decode("utf-8", "replace").rstrip("\n").split("\n")
    problems = []
    if p.returncode != want_code:
        problems.append("exit %d, expected %d" % (p.returncode, want_code))
    if p.stdout.decode("utf-8", "replace") != want_out:
        problems.append("stdout differs")
    if want_code and err[-1] != want_last:
        problems.append("last stderr line %r, expected %r" % (err[-1], want_last))
    if problems:
        problems.append("stderr tail: " + " / ".join(err[-3:]))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--krait", default=os.path.join(ROOT, "krait"))
    ap.add_argument("--regen", action="store_true")
    ap.add_argument("--python", default=None)
    args = ap.parse_args()

    if args.regen:
        python = args.python or shutil.which("python3")
        results = file_results(python)
        with open(EXPECTED, "w", encoding="utf-8") as f:
            f.write("# Written by tests/limits/run.py --regen with %s\n" % os.path.basename(python))
            for name, result in results.items():
                f.write("%s => %s\n" % (name, result))
        print("wrote %s" % EXPECTED)
        return 0

    krait = os.path.abspath(args.krait)
    passed = failed = 0
    expected = load_expected()
    for name, got in file_results(krait).items():
        if got == expected.get(name):
            passed += 1
        else:
            failed += 1
            print("FAIL limits/%s\n  got      %s\n  expected %s" % (name, got, expected.get(name)))
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".py") and name != "run.py":
            problems = run_program(krait, name)
            if problems:
                failed += 1
                print("FAIL limits/%s\n  %s" % (name, "\n  ".join(problems)))
            else:
                passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
