"""Warm-up curves: run bench/warmup.py for each workload in each of a few
interpreters, summarise the batches, and draw one PNG per workload class
with gnuplot (bench/warmup_<class>.png).

A point is one batch: x = iterations done so far (log scale), y = that
batch's time per iteration divided by the baseline's steady state, so 1.0
is "as fast as warmed-up CPython" in every panel and panels compare.
"""
import os
import shutil
import statistics
import subprocess
import tempfile

import suite

STYLES = {"krait JIT on": 'lw 2 lc rgb "#d62728"',
          "krait JIT off": 'lw 2 dt 2 lc rgb "#1f77b4"'}
OTHER_STYLE = 'lw 2 lc rgb "#222222"'


def kernel_text(name):
    """The kernel's body as one line, for panel titles."""
    with open(suite.script(name)) as f:
        lines = f.read().split("\n")
    body = []
    for line in lines[lines.index("def kernel():") + 1:]:
        if not line.startswith(" "):
            break
        if not line.strip().startswith("#"):
            body.append(line.strip().replace("return ", "", 1))
    return "; ".join(body)


def parse(stdout):
    """[(iterations, seconds)] from warmup.py's output."""
    points = []
    for line in stdout.splitlines():
        words = line.split()
        if len(words) == 2 and words[0].isdigit():
            points.append((int(words[0]), float(words[1])))
    return points


def steady(points):
    """Steady-state seconds per iteration: the median over the last quarter
    of the batches (the largest ones, long after any tier-up)."""
    tail = points[-max(3, len(points) // 4):]
    return statistics.median(s / n for n, s in tail)


def collect(interps, names, batches, largest, runs, log):
    """{name: {label: points}} and a list of (name, label, reason) failures.
    Each curve is the batch-by-batch median of `runs` processes: one noisy
    batch (the machine is shared) then does not draw a spike. A run whose
    '# result' differs from the first interpreter's is a failure."""
    data, failures = {}, []
    warmup = os.path.join(suite.BENCH, "warmup.py")
    for name in names:
        data[name], ref = {}, None
        for it in interps:
            log("warm-up curve %s: %s" % (name, it.label))
            samples = []
            for _ in range(runs):
                r = suite.run(it.cmd + [warmup, "bm_" + name, str(batches), str(largest)],
                              suite.child_env(it.jit))
                summary = suite.warmup_summary(r.stdout)
                if r.returncode != 0:
                    why = "exit %d: %s" % (r.returncode, r.error_line())
                elif ref is not None and summary != ref:
                    why = "result differs"
                else:
                    ref = ref or summary
                    samples.append(parse(r.stdout))
                    continue
                failures.append((name, it.label, "warm-up mode: " + why))
                break
            if samples and len(samples) == runs:
                data[name][it.label] = [(batch[0][0], statistics.median(s for _, s in batch))
                                        for batch in zip(*samples)]
    return data, failures


def summarise(points, base_steady):
    """(steady us/iter, steady / baseline steady, first call / own steady,
    mean of the first ~100 iterations / own steady). The last one averages
    over many batches, so it measures warm-up cost robustly on a noisy
    machine where single batches jump."""
    own = steady(points)
    done = seconds = 0
    for n, s in points:
        done, seconds = done + n, seconds + s
        if done >= 100:
            break
    return own * 1e6, own / base_steady, points[0][1] / points[0][0] / own, seconds / done / own


def _panel(name, curves, base_steady, tmp):
    """The gnuplot commands for one workload's panel."""
    plots = []
    for label, points in curves.items():
        path = os.path.join(tmp, "%s-%d.dat" % (name, len(plots)))
        with open(path, "w") as f:
            done = 0
            for n, s in points:
                done += n
                f.write("%d %.6g\n" % (done, s / n / base_steady))
        plots.append('"%s" using 1:2 with linespoints pt 7 ps 0.5 %s title "%s"'
                     % (path, STYLES.get(label, OTHER_STYLE), label))
    plots.append('1 with lines dt 3 lc rgb "#888888" notitle')
    return ['set title "%s: %s"' % (name, kernel_text(name)),
            "plot " + ", ".join(plots)]


def plot(data, baseline, out_dir, log):
    """One PNG per class that has curves; returns {class: png path}."""
    pngs = {}
    if not shutil.which("gnuplot"):
        log("gnuplot not found (tools/setup.sh installs it): no warm-up pictures")
        return pngs
    with tempfile.TemporaryDirectory(prefix="krait-warmup.") as tmp:
        for key, title in suite.CLASSES:
            names = [n for n in data if suite.WORKLOADS[n][0] == key
                     and baseline in data[n]]
            if not names:
                continue
            cols = 2 if len(names) > 1 else 1
            rows = (len(names) + cols - 1) // cols
            png = os.path.join(out_dir, "warmup_%s.png" % key)
            script = [
                'set terminal pngcairo noenhanced size %d,%d font "sans,10"'
                % (560 * cols, 60 + 380 * rows),
                'set output "%s"' % png,
                "set logscale x 10", "set logscale y 2", 'set format x "%g"',
                'set format y "%g"', "set grid", "set key top right",
                'set xlabel "iterations so far (log)"',
                'set ylabel "time per iteration / %s steady state"' % baseline,
                'set multiplot layout %d,%d title "Warm-up, %s"' % (rows, cols, title)]
            for name in names:
                script += _panel(name, data[name], steady(data[name][baseline]), tmp)
            script.append("unset multiplot")
            p = subprocess.run(["gnuplot"], input="\n".join(script) + "\n",
                               capture_output=True, text=True)
            if p.returncode != 0:
                log("gnuplot failed for %s: %s" % (key, p.stderr.strip()[-300:]))
                continue
            pngs[key] = png
    return pngs
