#!/usr/bin/env python3
"""Time every bench/bm_*.py workload with krait and other Pythons, in one
run, and print a Markdown table (median wall time of N runs and peak RSS,
plus the ratio to the first other Python).

Usage: bench/measure.py [--runs N] [--python PATH ...] [FILTER...]
Timing is whole-process wall time, so start-up is included. This is the
quick table of bench/RESULTS.md; the fuller benchmark suite is planned.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

GNU_TIME = "/usr/bin/time"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_once(cmd, cwd):
    """Wall time, peak RSS (KiB), exit status and stdout of one process.
    Peak RSS comes from GNU time: a child's own ru_maxrss would include the
    (large) parent it was cloned from, up to its exec."""
    rss_file = "/tmp/krait-measure-rss.%d" % os.getpid()
    if os.path.exists(GNU_TIME):
        cmd = [GNU_TIME, "-f", "%M", "-o", rss_file] + cmd
    out_r, out_w = os.pipe()
    actions = [(os.POSIX_SPAWN_DUP2, out_w, 1), (os.POSIX_SPAWN_CLOSE, out_r),
               (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
    old = os.getcwd()
    os.chdir(cwd)
    try:
        t0 = time.perf_counter()
        pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=actions)
    finally:
        os.chdir(old)
    os.close(out_w)
    chunks = []
    while True:
        b = os.read(out_r, 65536)
        if not b:
            break
        chunks.append(b)
    os.close(out_r)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - t0
    rss = 0
    if os.path.exists(rss_file):
        with open(rss_file) as f:
            rss = int(f.read().split()[-1] or 0)
        os.remove(rss_file)
    return elapsed, rss, os.waitstatus_to_exitcode(status), b"".join(chunks)


def measure(cmd, cwd, runs):
    times, rss, out, ok = [], 0, b"", True
    for _ in range(runs):
        e, r, rc, out = run_once(cmd, cwd)
        times.append(e)
        rss = max(rss, r)
        ok = ok and rc == 0
    return statistics.median(times), rss, out, ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--krait", default=os.path.join(ROOT, "krait"))
    ap.add_argument("--python", action="append", default=None)
    ap.add_argument("filters", nargs="*")
    args = ap.parse_args()
    others = args.python or ["python3"]
    names = sorted(n for n in os.listdir(os.path.join(ROOT, "bench"))
                   if n.startswith("bm_") and n.endswith(".py")
                   and (not args.filters or any(f in n for f in args.filters)))
    engines = [("krait", [args.krait])] + [(o, [o]) for o in others]
    header = "| workload | " + " | ".join("%s s (RSS MiB)" % e for e, _ in engines) + \
             " | %s / krait |" % engines[1][0]
    print(header)
    print("|" + "---|" * (len(engines) + 2))
    for name in names:
        cells, times = [], []
        expected = open(os.path.join(ROOT, "bench", name[:-3] + ".out"), "rb").read()
        for label, cmd in engines:
            t, rss, out, ok = measure(cmd + [name], os.path.join(ROOT, "bench"), args.runs)
            mark = "" if ok and out == expected else " (WRONG OUTPUT)"
            cells.append("%.3f (%.1f)%s" % (t, rss / 1024, mark))
            times.append(t)
        ratio = times[1] / times[0] if times[0] else float("nan")
        print("| %s | %s | %.2f× |" % (name[3:-3], " | ".join(cells), ratio))


if __name__ == "__main__":
    main()
