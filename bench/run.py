#!/usr/bin/env python3
"""make bench: time every bench/bm_*.py workload as a whole process with
krait (JIT on, JIT off, tier 1 only, tier 1 unspecialised) and other
Pythons, draw the warm-up curves, measure start-up, collect JIT costs, and
write bench/RESULTS.md.

Usage: bench/run.py [--runs N] [--python PATH]... [--pythons VER[,VER]]
                    [--baseline TEXT] [--clock cpu|wall] [--only NAME]...
                    [--no-curves] [--callgrind NAME[:SIZE][,...]]
                    [--callgrind-only]             (--help for the rest)

Every run's stdout is compared with the baseline's (CPython, the reference
implementation); a mismatch or a crash is reported as a failure, never as a
time. Timings never decide pass/fail: the exit status is 0 unless the
harness itself breaks.
"""
import sys

sys.dont_write_bytecode = True  # keep bench/ free of __pycache__
import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import curves  # noqa: E402
import pythons  # noqa: E402
import report  # noqa: E402
import suite  # noqa: E402

T0 = time.perf_counter()


def log(msg):
    sys.stderr.write("[bench %5.0fs] %s\n" % (time.perf_counter() - T0, msg))
    sys.stderr.flush()


class Cell:
    """The runs of one workload on one interpreter: wall and CPU seconds,
    peak RSS, and the first failure (None while every run matched the
    reference). `clock` ("cpu" or "wall") picks the times that count."""

    def __init__(self, clock):
        self.clock, self.wall, self.cpu, self.rss, self.failure = clock, [], [], [], None

    @property
    def times(self):
        return self.cpu if self.clock == "cpu" else self.wall

    def add(self, r):
        self.wall.append(r.seconds)
        self.cpu.append(r.cpu_seconds)
        self.rss.append(r.rss_kib)

    def median(self):
        return statistics.median(self.times) if self.times and not self.failure else None

    def spread(self):
        """Interquartile range / median: how noisy this cell's runs were,
        without letting one run disturbed by the shared machine dominate."""
        m = self.median()
        if not m or len(self.times) < 2:
            return 0.0 if m else None
        q1, _, q3 = statistics.quantiles(self.times, n=4, method="inclusive")
        return (q3 - q1) / m


def argv_for(name, size):
    return [suite.script(name)] + ([] if size is None else [str(size)])


def time_workload(name, interps, baseline, runs, clock):
    """One warm-up round then `runs` rounds, each round running every
    interpreter once in turn, so that a slow phase of the (shared, noisy)
    machine hits every column alike instead of one."""
    size = suite.WORKLOADS[name][1]
    cells = {it.label: Cell(clock) for it in interps}
    order = [baseline] + [it for it in interps if it is not baseline]
    reference = None
    for rnd in range(runs + 1):
        for it in order:
            cell = cells[it.label]
            if cell.failure:
                continue
            r = suite.run(it.cmd + argv_for(name, size), suite.child_env(it.jit))
            if r.returncode != 0:
                cell.failure = "exit %d: %s" % (r.returncode, r.error_line())
            elif reference is None:
                reference = r.stdout  # the baseline's, as it runs first
            elif r.stdout != reference:
                got = (r.stdout.strip().splitlines() or [""])[0][:60]
                cell.failure = "wrong output (%r)" % got
            elif rnd > 0:
                cell.add(r)
    return cells


def startup(interps, runs):
    """Wall time and peak RSS of hello-world and of a ~0.2 s script (the
    data_transform workload at its own default size), checked against the
    committed CPython outputs. {script: {label: Cell}}."""
    result = {}
    for name, n in (("hello", runs * 2), ("data_transform", runs)):
        with open(suite.script(name)[:-3] + ".out") as f:
            expected = f.read()
        cells = {it.label: Cell("wall") for it in interps}
        for rnd in range(n + 1):
            for it in interps:
                cell = cells[it.label]
                r = suite.run(it.cmd + [suite.script(name)], suite.child_env(it.jit))
                if r.returncode != 0 or r.stdout != expected:
                    cell.failure = cell.failure or "exit %d / wrong output" % r.returncode
                elif rnd > 0:
                    cell.add(r)
        result[name] = cells
    return result


STAT_LINE = re.compile(r"(?i)jit|compil|bytes|trace")


def jit_stats(krait, names):
    """{name: [stat lines]} from `krait -X jit-stats`, JIT on; empty lists
    everywhere means the JIT is not built (the option is accepted, silent)."""
    stats = {}
    for name in names:
        r = suite.run([krait, "-X", "jit-stats"] + argv_for(name, suite.WORKLOADS[name][1]),
                      suite.child_env("1"))
        lines = [l.strip() for l in r.stderr.splitlines() if STAT_LINE.search(l)]
        stats[name] = lines if r.returncode == 0 else []
    return stats


def callgrind_targets(spec):
    """[(name, size)] from "fib,nbody:2000" ("1" means fib): the bench size
    unless a size follows the colon. Unknown names are logged and left out."""
    targets = []
    for item in filter(None, ("fib" if spec == "1" else spec).split(",")):
        name, _, size = item.partition(":")
        if name not in suite.WORKLOADS:
            log("callgrind: no workload %r" % name)
        elif size and not size.isdigit():
            log("callgrind: size %r of %s is not a number" % (size, name))
        else:
            targets.append((name, int(size) if size else suite.WORKLOADS[name][1]))
    return targets


def count_instructions(it, name, size):
    """(instructions or None, stdout) of one run under callgrind."""
    r = suite.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
                  + it.cmd + argv_for(name, size), suite.child_env(it.jit), timeout=1800)
    m = re.search(r"Collected : (\d+)", r.stderr)
    return (int(m.group(1)) if m and r.returncode == 0 else None), r.stdout


def callgrind(targets, interps):
    """{name: {"size": size, label: instructions}}: valgrind counts
    instructions, which repeat exactly run to run, unlike seconds on this
    machine. A run whose output differs from the first one's counts as a
    failure (None), like a crash."""
    counts = {}
    for name, size in targets:
        counts[name], reference = {"size": size}, None
        for it in interps:
            log("callgrind %s (size %s): %s" % (name, size, it.label))
            n, out = count_instructions(it, name, size)
            if reference is None and n is not None:
                reference = out
            counts[name][it.label] = n if n is not None and out == reference else None
    return counts


def callgrind_interps(interps, baseline):
    """The baseline (first: its output is the reference) and every krait
    column (JIT on, JIT off, tier 1, generic)."""
    kraits = [it for it in interps if it.is_krait()]
    return ([] if baseline.is_krait() else [baseline]) + kraits


def snapshot(krait, tmp):
    """A private copy of krait for the whole run: others rebuild ./krait
    while a run takes minutes, and a relink would otherwise fail some runs
    and mix two binaries in one table. krait finds lib/ beside its own
    executable, hence the link."""
    copy = os.path.join(tmp, "krait")
    shutil.copy2(krait, copy)
    os.symlink(os.path.join(os.path.dirname(krait), "lib"), os.path.join(tmp, "lib"))
    return copy


def machine():
    """Facts for the report header."""
    cpu, mem = "unknown", ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        kib = int(f.readline().split()[1])
        mem = "%.0f GiB" % (kib / 1048576)
    return {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "cpu": cpu,
            "cores": os.cpu_count(), "memory": mem, "kernel": os.uname().release,
            "load": "%.2f %.2f %.2f" % os.getloadavg()}


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="measured runs per cell (after 1 warm-up run)")
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                    help="what the table times: CPU (user + system, immune to the "
                    "preemption a shared machine adds) or wall seconds")
    ap.add_argument("--python", action="append", help="another interpreter (repeatable); "
                    "default: every python3.X on PATH or in pyenv, and pypy3")
    ap.add_argument("--pythons", help="keep only these other interpreters, by version or "
                    "name, comma-separated (e.g. 3.13 or 3.13,3.12,pypy; 'none': krait "
                    "only); krait's four columns always run")
    ap.add_argument("--baseline", default="CPython 3.13", help="column the ratios are against")
    ap.add_argument("--krait", default=suite.KRAIT)
    ap.add_argument("--only", action="append", help="workload names to run (repeatable)")
    ap.add_argument("--no-curves", action="store_true", help="skip the warm-up curves")
    ap.add_argument("--curve-runs", type=int, default=3, help="processes per warm-up curve")
    ap.add_argument("--batches", type=int, default=50)
    ap.add_argument("--largest", type=int, default=10000, help="largest warm-up batch")
    ap.add_argument("--callgrind", default="", help="workloads to count instructions for, "
                    "comma-separated, each NAME or NAME:SIZE (default: its bench size); "
                    "'1' means fib")
    ap.add_argument("--callgrind-only", action="store_true", help="only count instructions "
                    "(--callgrind) and print that table; RESULTS.md is left alone")
    ap.add_argument("--output", default=os.path.join(suite.BENCH, "RESULTS.md"))
    return ap.parse_args()


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="krait-bench.") as tmp:
        measure(args, snapshot(os.path.abspath(args.krait), tmp))


def interpreters(args, krait):
    shown = os.path.relpath(os.path.abspath(args.krait))
    versions = args.pythons.split(",") if args.pythons else None
    interps = pythons.kraits(krait, "./" + shown if "/" not in shown else shown) \
        + pythons.others(args.python, versions)
    baseline = pythons.pick_baseline(interps, args.baseline)
    log("interpreters: " + ", ".join(it.label for it in interps)
        + "; baseline " + baseline.label)
    return interps, baseline


def callgrind_only(args, krait):
    """--callgrind-only: the instruction-count table on stdout, nothing else."""
    interps, baseline = interpreters(args, krait)
    targets = callgrind_targets(args.callgrind)
    if not targets:
        sys.exit("--callgrind-only needs --callgrind NAME[:SIZE][,...]")
    d = {"baseline": baseline, "callgrind": callgrind(targets, callgrind_interps(interps, baseline))}
    print("\n".join(report.section_callgrind(d)))


def measure(args, krait):
    if args.callgrind_only:
        return callgrind_only(args, krait)
    names = [n for n in suite.WORKLOADS if not args.only or n in args.only]
    interps, baseline = interpreters(args, krait)
    data = {"machine": machine(), "interps": interps, "baseline": baseline,
            "runs": args.runs, "names": names, "clock": args.clock}
    data["cells"] = {}
    for name in names:
        log("timing %s (size %s)" % (name, suite.WORKLOADS[name][1]))
        data["cells"][name] = time_workload(name, interps, baseline, args.runs, args.clock)
    # start-up and warm-up curves: JIT on and off against the baseline
    three = interps[:2] + ([] if baseline.is_krait() else [baseline])
    log("start-up")
    data["startup"] = startup(three, args.runs)
    log("jit-stats")
    data["jit_stats"] = jit_stats(krait, names)
    data["curves"], data["curve_failures"], data["pngs"] = {}, [], {}
    if not args.no_curves:
        with_kernel = [n for n in names if suite.has_kernel(n)]
        data["curves"], data["curve_failures"] = curves.collect(
            three, with_kernel, args.batches, args.largest, args.curve_runs, log)
        data["pngs"] = curves.plot(data["curves"], baseline.label,
                                   os.path.dirname(os.path.abspath(args.output)), log)
    data["curve_args"] = (args.batches, args.largest, args.curve_runs)
    targets = callgrind_targets(args.callgrind)
    data["callgrind"] = callgrind(targets, callgrind_interps(interps, baseline)) if targets else {}
    data["elapsed"] = time.perf_counter() - T0
    text = report.render(data, report.kept_notes(args.output))
    with open(args.output, "w") as f:
        f.write(text)
    log("wrote %s in %.0f s" % (os.path.relpath(args.output), data["elapsed"]))


if __name__ == "__main__":
    main()
