#!/usr/bin/env python3
"""Regenerate the expected outputs of krait's Python-level tests with a real
CPython (>= 3.12; 3.13 preferred): for every tests/lang/*.py, tests/lib/*.py
and bench/*.py program, write NAME.out (stdout) and, when CPython exits
non-zero, NAME.err (`exit: N` + the last stderr line).

Usage: regen_expected.py [--python PATH] [FILTER...]
By default it looks for CPython 3.13 through pyenv, then python3.
"""
import argparse
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRS = ["tests/lang", "tests/lib", "bench"]


def find_python():
    if shutil.which("pyenv"):
        p = subprocess.run(["pyenv", "prefix", "3.13.0"], capture_output=True, text=True)
        exe = os.path.join(p.stdout.strip(), "bin", "python3")
        if p.returncode == 0 and os.path.exists(exe):
            return exe
    return shutil.which("python3")


def check_version(python):
    out = subprocess.run([python, "-c", "import sys; print(sys.version_info[:2] >= (3, 12))"],
                         capture_output=True, text=True).stdout.strip()
    if out != "True":
        sys.exit("regen_expected: %s is older than 3.12" % python)


def regen(python, path):
    stdin_path = path[:-3] + ".stdin"
    stdin = open(stdin_path, "rb") if os.path.exists(stdin_path) else subprocess.DEVNULL
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
    env.pop("PYTHONPATH", None)
    p = subprocess.run([python, os.path.basename(path)], cwd=os.path.dirname(path),
                       stdin=stdin, capture_output=True, env=env, timeout=600)
    base = path[:-3]
    with open(base + ".out", "wb") as f:
        f.write(p.stdout)
    err = p.stderr.decode("utf-8", "surrogateescape").rstrip("\n")
    if p.returncode != 0:
        last = err.split("\n")[-1] if err else ""
        with open(base + ".err", "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write("exit: %d\n%s\n" % (p.returncode, last))
    elif os.path.exists(base + ".err"):
        os.remove(base + ".err")
    return p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=None)
    ap.add_argument("filters", nargs="*")
    args = ap.parse_args()
    python = args.python or find_python()
    check_version(python)
    n = 0
    for d in DIRS:
        full = os.path.join(ROOT, d)
        for name in sorted(os.listdir(full)) if os.path.isdir(full) else []:
            rel = d + "/" + name
            if not name.endswith(".py") or (args.filters and not any(f in rel for f in args.filters)):
                continue
            if d == "bench" and not name.startswith("bm_"):
                continue
            regen(python, os.path.join(full, name))
            n += 1
    print("regenerated %d expected outputs with %s" % (n, python))


if __name__ == "__main__":
    main()
