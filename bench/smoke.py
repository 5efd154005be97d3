#!/usr/bin/env python3
"""make bench-smoke: run every workload once at a tiny size with krait (JIT
on, then off) and compare its stdout with CPython 3.13's for that size
(bench/smoke/NAME.out, made by regen_smoke.py); likewise one tiny run of
the warm-up mode (NAME.warmup.out). Checks results only, never times.
The last line is `N passed, N failed`; the exit status is 1 on a failure.

Usage: bench/smoke.py [--krait PATH] [FILTER...]
"""
import sys

sys.dont_write_bytecode = True  # keep bench/ free of __pycache__
import os  # noqa: E402
import suite  # noqa: E402

SMOKE = os.path.join(suite.BENCH, "smoke")


def check(argv, expected_file, warm, jit, krait):
    """None when the run matches, else a one-line reason."""
    path = os.path.join(SMOKE, expected_file)
    if not os.path.exists(path):
        return "no %s (run bench/regen_smoke.py)" % os.path.relpath(path, suite.ROOT)
    with open(path) as f:
        expected = f.read()
    r = suite.run([krait] + argv, suite.child_env(jit), timeout=60)
    if r.returncode != 0:
        return "exit %d: %s" % (r.returncode, r.error_line())
    got = suite.warmup_summary(r.stdout) if warm else r.stdout
    if got != expected:
        return "output differs: expected %r, got %r" % (expected[:80], got[:80])
    return None


def main(args):
    krait = suite.KRAIT
    if args[:1] == ["--krait"]:
        krait, args = os.path.abspath(args[1]), args[2:]
    passed = failed = 0
    for label, expected_file, argv, warm in suite.smoke_cases():
        if args and not any(f in label for f in args):
            continue
        for jit in ("1", "0"):
            why = check(argv, expected_file, warm, jit, krait)
            if why is None:
                passed += 1
            else:
                failed += 1
                print("FAIL %s [PYTHON_JIT=%s]: %s" % (label, jit, why))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
