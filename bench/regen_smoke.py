#!/usr/bin/env python3
"""Regenerate bench/smoke/*.out, the expected outputs of make bench-smoke,
with CPython 3.13 (by default `PYENV_VERSION=3.13.0 pyenv exec python3`).
Run it after changing a workload, its smoke size or its kernel().

Usage: bench/regen_smoke.py [--python PATH]
"""
import sys

sys.dont_write_bytecode = True  # keep bench/ free of __pycache__
import os  # noqa: E402
import subprocess  # noqa: E402
import suite  # noqa: E402


def cpython_313(args):
    """The command that runs CPython 3.13; refuses any other version, since
    the smoke outputs must be the reference implementation's."""
    if args[:1] == ["--python"]:
        cmd, env = [args[1]], None
    else:
        cmd, env = ["pyenv", "exec", "python3"], dict(os.environ, PYENV_VERSION="3.13.0")
    ver = subprocess.run(cmd + ["-c", "import sys; print(sys.version_info[:2])"],
                         capture_output=True, text=True, env=env).stdout.strip()
    if ver != "(3, 13)":
        sys.exit("regen_smoke: %s is not CPython 3.13 (%r)" % (" ".join(cmd), ver))
    return cmd, env


def main(args):
    cmd, env = cpython_313(args)
    out_dir = os.path.join(suite.BENCH, "smoke")
    os.makedirs(out_dir, exist_ok=True)
    n = 0
    for label, expected_file, argv, warm in suite.smoke_cases():
        r = suite.run(cmd + argv, dict(suite.child_env(), **(env or {})), timeout=120)
        if r.returncode != 0:
            sys.exit("regen_smoke: %s failed: %s" % (label, r.error_line()))
        with open(os.path.join(out_dir, expected_file), "w") as f:
            f.write(suite.warmup_summary(r.stdout) if warm else r.stdout)
        n += 1
    print("regenerated %d smoke outputs in bench/smoke with %s" % (n, " ".join(cmd)))


if __name__ == "__main__":
    main(sys.argv[1:])
