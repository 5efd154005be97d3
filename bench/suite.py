"""What the benchmark harness knows about the workloads, and how it runs one
process. Shared by run.py (make bench), smoke.py (make bench-smoke) and
regen_smoke.py. Runs on the machine's python3, never on krait.
"""
import os
import resource
import subprocess
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
KRAIT = os.path.join(ROOT, "krait")
GNU_TIME = "/usr/bin/time"

# Workload classes in report order: (key, title). The keys name the
# warm-up pictures (warmup_<key>.png).
CLASSES = [
    ("numeric", "numeric loops"),
    ("data", "data transformation"),
    ("json", "API handler / JSON"),
    ("oop", "OOP calls"),
    ("recursion", "recursion"),
    ("generators", "generators"),
    ("bigint", "big ints"),
    ("startup", "start-up"),
]

# name: (class, bench size, smoke size). Bench sizes are chosen so that a
# run takes ~0.2-0.4 s on CPython 3.13 here: long enough that start-up does
# not dominate, short enough that ~10 interpreters x 6 runs fit the budget.
# Smoke sizes finish in a few milliseconds. None = the workload takes no size.
WORKLOADS = {
    "float_loop": ("numeric", 6000000, 10000),
    "mandelbrot": ("numeric", 300, 12),
    "nbody": ("numeric", 60000, 200),
    "spectral_norm": ("numeric", 200, 12),
    "data_transform": ("data", 80000, 200),
    "closures_comprehensions": ("data", 30000, 50),
    "json_api": ("json", 6000, 60),
    "richards": ("oop", 40000, 200),
    "fib": ("recursion", 32, 15),
    "generators": ("generators", 1200000, 2000),
    "pidigits": ("bigint", 2500, 60),
    "hello": ("startup", None, None),
}

# Batches for the smoke test of the warm-up mode: tiny, result only.
SMOKE_WARMUP_ARGS = ["3", "2"]


def script(name):
    return os.path.join(BENCH, "bm_%s.py" % name)


def has_kernel(name):
    """True when the workload can be driven by warmup.py."""
    with open(script(name)) as f:
        return "\ndef kernel():" in f.read()


def child_env(jit=None):
    """Environment for a measured process: no bytecode files written into
    bench/, a fixed hash seed (as the expected outputs were made with), and
    PYTHON_JIT only for krait."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    env.pop("PYTHON_JIT", None)
    if jit is not None:
        env["PYTHON_JIT"] = jit
    return env


class Result:
    """One finished process: wall seconds, CPU seconds (user + system), peak
    RSS in KiB (0 if unknown), exit status, stdout and stderr (text)."""

    def __init__(self, seconds, cpu_seconds, rss_kib, returncode, stdout, stderr):
        self.seconds = seconds
        self.cpu_seconds = cpu_seconds
        self.rss_kib = rss_kib
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    def error_line(self):
        lines = self.stderr.strip().splitlines()
        return lines[-1] if lines else ""


def run(cmd, env, timeout=600, cwd=BENCH):
    """Run cmd once. Peak RSS comes from GNU time: a child's own ru_maxrss
    would count the (large) parent's pages it was forked with, until exec.
    The wall time includes GNU time's own exec (~1 ms), equally for all.
    CPU time is the growth of this (single-threaded) harness's reaped
    children's usage: exactly the child's, plus GNU time's ~1 ms."""
    rss_file = None
    if os.path.exists(GNU_TIME):
        fd, rss_file = tempfile.mkstemp(prefix="krait-bench-rss.")
        os.close(fd)
        cmd = [GNU_TIME, "-f", "%M", "-o", rss_file] + cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        rc, out, err = -9, e.stdout or b"", b"timed out after %d s" % timeout
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss = 0
    if rss_file:
        with open(rss_file) as f:
            words = f.read().split()
        os.remove(rss_file)
        # GNU time writes "Command exited with non-zero status N" first
        rss = int(words[-1]) if words and words[-1].isdigit() else 0
    return Result(seconds, cpu, rss, rc, out.decode("utf-8", "replace"),
                  err.decode("utf-8", "replace"))


def smoke_cases():
    """(label, expected-file, argv after the interpreter, is_warmup) for
    make bench-smoke: every workload at its smoke size, and the warm-up
    mode of every workload that has a kernel()."""
    for name, (_, _, size) in WORKLOADS.items():
        args = [] if size is None else [str(size)]
        yield name, name + ".out", [script(name)] + args, False
        if has_kernel(name):
            yield (name + " (warmup mode)", name + ".warmup.out",
                   [os.path.join(BENCH, "warmup.py"), "bm_" + name] + SMOKE_WARMUP_ARGS, True)


def warmup_summary(stdout):
    """What of warmup.py's output is deterministic: how many timing lines
    it printed and its '# result' line (the timings themselves vary)."""
    lines = stdout.splitlines()
    timed = [l for l in lines if len(l.split()) == 2 and l.split()[0].isdigit()]
    results = [l for l in lines if l.startswith("# result")]
    return "%d batches\n" % len(timed) + "".join(l + "\n" for l in results)
