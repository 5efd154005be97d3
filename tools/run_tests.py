#!/usr/bin/env python3
"""Run every krait test and end with the line `N passed, N failed`.

Python-level tests: tests/lang/*.py, tests/lib/*.py and the benchmark
workloads bench/bm_*.py (their checksums must match CPython's). Each NAME.py has
NAME.out beside it (the stdout CPython printed) and, when CPython exited
non-zero or wrote to stderr, NAME.err holding `exit: N` and the last stderr
line. tools/regen_expected.py writes those files with a real CPython.

Each program runs in every engine mode (see MODES); a difference between
modes is a bug in the faster tier. C unit tests are the executables
build/tests/test_* (built by `make ctests`); each prints its own
`N passed, N failed` line, which is added to the totals.

Usage: run_tests.py [--krait PATH] [--mode NAME] [-j N] [-v] [FILTER...]
"""
import argparse
import concurrent.futures as futures
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# tests/krait holds krait-only behaviour (e.g. which specialised instructions
# dis shows) whose expected output is written by hand, not by CPython.
TEST_DIRS = ["tests/lang", "tests/lib", "tests/krait", "bench"]
TIMEOUT = 60

# Engine modes: name -> extra environment. "stress" sets every tier-up
# threshold to 1 so nearly everything is traced and compiled.
MODES = {
    "jit-off": {"PYTHON_JIT": "0"},
    "default": {},
    "stress": {"PYTHON_JIT": "1", "KRAIT_JIT_STRESS": "1"},
}

# Tests listed here are expected to fail for a known, documented reason
# (see the file for each reason). They are reported as "known failures",
# still run, and a known failure that starts passing is reported too.
KNOWN_FAILURES = os.path.join(ROOT, "tests", "known_failures.txt")


def load_known_failures():
    known = {}
    if os.path.exists(KNOWN_FAILURES):
        for line in open(KNOWN_FAILURES, encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, why = line.partition(" ")
                known[name] = why.strip()
    return known


def expected_for(path):
    base = path[:-3]
    with open(base + ".out", encoding="utf-8", errors="surrogateescape") as f:
        out = f.read()
    code, last = 0, ""
    if os.path.exists(base + ".err"):
        with open(base + ".err", encoding="utf-8", errors="surrogateescape") as f:
            lines = f.read().split("\n")
        m = re.match(r"exit: (-?\d+)$", lines[0])
        code = int(m.group(1)) if m else 0
        last = lines[1] if len(lines) > 1 else ""
    return out, code, last


def last_line(text):
    lines = [l for l in text.rstrip("\n").split("\n")]
    return lines[-1] if lines and lines[-1] != "" else ""


def run_one(krait, path, mode):
    env = dict(os.environ)
    env.update(MODES[mode])
    env.pop("PYTHONPATH", None)
    stdin_path = path[:-3] + ".stdin"
    stdin = open(stdin_path, "rb") if os.path.exists(stdin_path) else subprocess.DEVNULL
    try:
        p = subprocess.run([krait, os.path.basename(path)], cwd=os.path.dirname(path),
                           stdin=stdin, capture_output=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return "timeout after %ds" % TIMEOUT
    finally:
        if stdin is not subprocess.DEVNULL:
            stdin.close()
    out = p.stdout.decode("utf-8", "surrogateescape")
    err = p.stderr.decode("utf-8", "surrogateescape")
    want_out, want_code, want_last = expected_for(path)
    problems = []
    if p.returncode != want_code:
        problems.append("exit code %d, expected %d" % (p.returncode, want_code))
    if out != want_out:
        problems.append("stdout differs:\n" + diff(want_out, out))
    if want_code != 0:
        got_last = last_line(err)
        if got_last != want_last:
            problems.append("last stderr line %r, expected %r" % (got_last, want_last))
    elif p.returncode < 0 or "Segmentation" in err:
        problems.append("crashed: " + last_line(err))
    if problems and err and "stderr" not in " ".join(problems):
        problems.append("stderr tail: " + "\n".join(err.rstrip().split("\n")[-5:]))
    return "\n".join(problems)


def diff(want, got):
    w, g = want.split("\n"), got.split("\n")
    for i in range(max(len(w), len(g))):
        a = w[i] if i < len(w) else "<missing>"
        b = g[i] if i < len(g) else "<missing>"
        if a != b:
            return "  line %d: expected %r\n  line %d:      got %r" % (i + 1, a, i + 1, b)
    return "  (trailing difference)"


def run_ctests(verbose):
    passed = failed = 0
    bindir = os.path.join(ROOT, "build", "tests")
    if not os.path.isdir(bindir):
        return 0, 0
    for name in sorted(os.listdir(bindir)):
        exe = os.path.join(bindir, name)
        if not name.startswith("test_") or not os.access(exe, os.X_OK):
            continue
        try:
            p = subprocess.run([exe], capture_output=True, timeout=TIMEOUT)
            text = p.stdout.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            text = "timeout\n0 passed, 1 failed\n"
            p = None
        m = re.search(r"^(\d+) passed, (\d+) failed$", text, re.M)
        if m and p is not None and p.returncode in (0, 1):
            passed += int(m.group(1))
            failed += int(m.group(2))
            bad = int(m.group(2)) > 0
        else:
            failed += 1
            bad = True
        if bad or verbose:
            print("[c] %s:\n%s" % (name, text.rstrip()))
    return passed, failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--krait", default=os.path.join(ROOT, "krait"))
    ap.add_argument("--mode", action="append", choices=sorted(MODES))
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--no-c", action="store_true", help="skip C unit tests")
    ap.add_argument("filters", nargs="*")
    args = ap.parse_args()
    modes = args.mode or list(MODES)
    known = load_known_failures()

    tests = []
    for d in TEST_DIRS:
        full = os.path.join(ROOT, d)
        for name in sorted(os.listdir(full)) if os.path.isdir(full) else []:
            if d == "bench" and not name.startswith("bm_"):
                continue
            if name.endswith(".py") and os.path.exists(os.path.join(full, name[:-3] + ".out")):
                rel = d + "/" + name
                if not args.filters or any(f in rel for f in args.filters):
                    tests.append(rel)

    passed = failed = known_failed = 0
    if not os.access(args.krait, os.X_OK):
        print("no krait executable at %s (run make first)" % args.krait)
        print("0 passed, %d failed" % (len(tests) * len(modes)))
        return 1
    jobs = [(t, m) for t in tests for m in modes]
    with futures.ThreadPoolExecutor(max_workers=args.j) as pool:
        results = pool.map(lambda tm: run_one(args.krait, os.path.join(ROOT, tm[0]), tm[1]), jobs)
        for (test, mode), problem in zip(jobs, results):
            name = test[:-3]
            if not problem:
                passed += 1
                if name in known:
                    print("UNEXPECTED PASS %s [%s] (listed in known_failures.txt)" % (test, mode))
                elif args.v:
                    print("ok   %s [%s]" % (test, mode))
            elif name in known:
                known_failed += 1
                if args.v:
                    print("known %s [%s]: %s" % (test, mode, known[name]))
            else:
                failed += 1
                print("FAIL %s [%s]\n  %s" % (test, mode, problem.replace("\n", "\n  ")))

    if not args.no_c and not args.filters:
        cp, cf = run_ctests(args.v)
        passed += cp
        failed += cf
    if known_failed:
        print("(%d runs of tests listed in tests/known_failures.txt failed as expected; "
              "they are counted as skipped)" % known_failed)
        print("%d passed, %d failed, %d skipped" % (passed, failed, known_failed))
    else:
        print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
