"""Render the measurements of bench/run.py as bench/RESULTS.md. Everything
is regenerated on each run except the Notes section between the markers,
which is carried over so that the lead's prose survives."""
import math
import os
import re
import statistics

import curves
import suite
from pythons import GENERIC, OFF, ON, TIER1

NOTES_START = "<!-- notes: kept by bench/run.py across runs; edit freely -->"
NOTES_END = "<!-- end of notes -->"
DEFAULT_NOTES = "(Observations on these numbers go here.)\n"


def kept_notes(path):
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
        if NOTES_START in text and NOTES_END in text:
            return text.split(NOTES_START, 1)[1].split(NOTES_END, 1)[0].strip("\n") + "\n"
    return DEFAULT_NOTES


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def ratio(a, b):
    return a / b if a and b else None


def fmt_x(r):
    return "%.2f×" % r if r else "–"


def gain(cells, slow, fast):
    """(slow column's time / fast column's time, noise): > 1 means `fast`
    is faster. The noise is the larger relative interquartile range of the
    two columns."""
    a, b = cells[slow], cells[fast]
    spreads = [s for s in (a.spread(), b.spread()) if s is not None]
    return ratio(a.median(), b.median()), max(spreads) if spreads else None


def jit_gain(cells):
    """(JIT off time / JIT on time, noise): > 1 means the JIT makes it faster."""
    return gain(cells, OFF, ON)


def fmt_gain(g, noise):
    return "%s ±%.0f%%" % (fmt_x(g), 100 * noise) if g and noise is not None else fmt_x(g)


def clock_name(d):
    return "CPU" if d["clock"] == "cpu" else "wall"


def fmt_time(cell):
    return "**FAIL**" if cell.failure else "%.3f" % cell.median()


def verdict(gain, noise, jit_built):
    if gain is None:
        return "no data (a failure, see below)"
    if not jit_built:
        return "JIT not built yet: on and off are the same engine, so %s is noise" % fmt_x(gain)
    margin = max(0.05, noise or 0)
    if gain > 1 + margin:
        return "JIT helps: %s faster" % fmt_x(gain)
    if gain < 1 - margin:
        return "JIT hurts: %s slower" % fmt_x(1 / gain)
    return "no measurable effect (%s, within noise)" % fmt_x(gain)


def section_machine(d):
    m = d["machine"]
    return ["## Machine", "",
            "- date: %s" % m["date"],
            "- CPU: %s, %s cores; memory %s; Linux %s" % (m["cpu"], m["cores"], m["memory"], m["kernel"]),
            "- load average when the run started: %s" % m["load"],
            "- the whole run took %.0f s" % d["elapsed"], "",
            "This machine has 2 cores shared with other work, so it is **noisy**: times are "
            "CPU time where noted, every time is the **median** of %d runs after one "
            "unmeasured warm-up run, the interpreters take turns run by run, and the ± "
            "beside each JIT gain shows how far apart the runs were: read smaller "
            "differences as noise. Timings never decide pass/fail; for repeatable numbers "
            "use the instruction counts (`make bench CALLGRIND=fib`)." % d["runs"], ""]


def section_interps(d):
    out = ["## Interpreters", "", "| column | exact version | command |", "|---|---|---|"]
    for it in d["interps"]:
        env = "PYTHON_JIT=%s " % it.jit if it.jit is not None else ""
        out.append("| %s | %s | `%s%s` |" % (it.label, it.version, env, it.shown))
    if not d["jit_built"]:
        out += ["", "**The JIT does not exist yet**: `krait JIT on` and `krait JIT off` run "
                "the same engine today, so any difference between those two columns is "
                "measurement noise, not a JIT effect."]
    return out + [""]


def section_times(d):
    base = d["baseline"].label
    labels = [it.label for it in d["interps"]]
    what = ("CPU seconds (user + system) of the whole process" if d["clock"] == "cpu"
            else "wall seconds of the whole process")
    out = ["## Whole-process times", "",
           "Median %s, start-up included, and in parentheses the speed-up against %s "
           "(above 1 = faster than %s). *JIT gain* is JIT-off time / JIT-on time, ± the "
           "larger interquartile range of the two columns' runs relative to their median "
           "(the noise). Sizes are passed as argv[1] (bench/suite.py) so that a run takes "
           "~0.2-0.4 s." % (what, base, base), ""]
    if d["clock"] == "cpu":
        out += ["CPU time rather than wall time because this machine is shared: a "
                "process that is preempted waits without using CPU, so CPU time keeps the "
                "interpreter's own cost and drops the neighbours'. Every interpreter here "
                "runs Python on one thread, so nothing is double-counted; a JIT that "
                "compiles on a background thread will have that work counted, as it "
                "should. `--clock wall` gives wall seconds.", ""]
    out += ["| workload (size) | class | " + " | ".join(labels)
            + " | JIT gain | peak RSS MiB (krait on / %s) |" % base,
            "|---|---|" + "---:|" * len(labels) + "---:|---:|"]
    for name, cells in d["cells"].items():
        bt = cells[base].median()
        row = []
        for label in labels:
            c = cells[label]
            row.append("**FAIL**" if c.failure else "%.3f (%s)" % (c.median(), fmt_x(ratio(bt, c.median()))))
        g = fmt_gain(*jit_gain(cells))
        rss = [max(cells[l].rss) / 1024 if cells[l].rss else None for l in (ON, base)]
        cls, size = suite.WORKLOADS[name][:2]
        out.append("| %s (%s) | %s | %s | %s | %s |" % (
            name, "–" if size is None else size, cls, " | ".join(row), g,
            " / ".join("%.1f" % r if r else "–" for r in rss)))
    return out + [""]


def section_tier1(d):
    """Issue #3's before and after: tier 1 unspecialised, then specialised."""
    base = d["baseline"].label
    out = ["## Tier 1 specialisation: before and after", "",
           "The same runs as the table above (median %s seconds), tier 2 off in both: "
           "*generic* is `./krait -X tier2=0 -X specialization=0`, the interpreter that "
           "never specialises (before), *tier 1* is `./krait -X tier2=0`, the specialising "
           "interpreter (after). *Gain* is generic time / tier-1 time (above 1 = "
           "specialisation helps), ± the noise as above; the last column is %s's time / "
           "tier 1's (above 1 = tier 1 alone is faster than %s)." % (clock_name(d), base, base),
           "", "| workload | generic | tier 1 | gain (generic / tier 1) | %s | tier 1 vs %s |"
           % (base, base), "|---|---:|---:|---:|---:|---:|"]
    gains, speeds = [], []
    for name, cells in d["cells"].items():
        g, noise = gain(cells, GENERIC, TIER1)
        speed = ratio(cells[base].median(), cells[TIER1].median())
        gains.append(g)
        speeds.append(speed)
        out.append("| %s | %s | %s | %s | %s | %s |" % (
            name, fmt_time(cells[GENERIC]), fmt_time(cells[TIER1]), fmt_gain(g, noise),
            fmt_time(cells[base]), fmt_x(speed)))
    out.append("| geometric mean | | | %s | | %s |" % (fmt_x(geomean(gains)), fmt_x(geomean(speeds))))
    return out + [""]


def section_tier2(d):
    """Issue #4: what traces add over tier 1, interpreted and as machine code."""
    base = d["baseline"].label
    out = ["## Tier 2: JIT on, JIT off, tier 1 only", "",
           "The same runs again (median %s seconds). *JIT off* runs the traces in the "
           "micro-op interpreter, *tier 1* makes no traces. Ratios, each above 1 when "
           "the second column is faster: *traces* = tier 1 / JIT off (what tracing gains "
           "without machine code), *machine code* = JIT off / JIT on (the JIT gain of the "
           "tables above), *tier 2* = tier 1 / JIT on (both together), and %s / JIT on."
           % (clock_name(d), base), "",
           "| workload | JIT on | JIT off | tier 1 | %s | traces (tier 1 / off) | machine code "
           "(off / on) | tier 2 (tier 1 / on) | JIT on vs %s |" % (base, base),
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    columns = [[], [], [], []]
    for name, cells in d["cells"].items():
        gains = [gain(cells, TIER1, OFF), gain(cells, OFF, ON), gain(cells, TIER1, ON),
                 (ratio(cells[base].median(), cells[ON].median()), None)]
        for col, (g, _) in zip(columns, gains):
            col.append(g)
        out.append("| %s | %s | %s | %s | %s | %s |" % (
            name, fmt_time(cells[ON]), fmt_time(cells[OFF]), fmt_time(cells[TIER1]),
            fmt_time(cells[base]), " | ".join(fmt_gain(g, n) for g, n in gains)))
    out.append("| geometric mean | | | | | %s |" % " | ".join(fmt_x(geomean(c)) for c in columns))
    return out + [""]


def section_verdicts(d):
    base = d["baseline"].label
    out = ["## Verdict per workload class: when does the JIT help?", "",
           "Geometric means over the class's workloads.", "",
           "| class | workloads | krait JIT on vs %s | JIT gain (off/on) | verdict |" % base,
           "|---|---|---:|---:|---|"]
    for key, title in suite.CLASSES:
        names = [n for n in d["cells"] if suite.WORKLOADS[n][0] == key]
        if not names:
            continue
        speed = geomean(ratio(d["cells"][n][base].median(), d["cells"][n][ON].median()) for n in names)
        gains = [jit_gain(d["cells"][n]) for n in names]
        mean = geomean(g for g, _ in gains)
        noise = max((s for _, s in gains if s is not None), default=None)
        out.append("| %s | %s | %s | %s | %s |" % (title, ", ".join(names), fmt_x(speed),
                                                   fmt_x(mean), verdict(mean, noise, d["jit_built"])))
    slow = []
    for name, cells in d["cells"].items():
        t, bt = cells[ON].median(), cells[base].median()
        if t and bt and t > bt:
            slow.append("- %s: krait %.3f s vs %s %.3f s (%.2f× slower; JIT off %s s)" % (
                name, t, base, bt, t / bt,
                "%.3f" % cells[OFF].median() if cells[OFF].median() else "–"))
    out += ["", "### Where krait is slower than %s" % base, ""]
    out += slow or ["None this run."]
    return out + [""]


def section_curves(d):
    base = d["baseline"].label
    batches, largest, runs = d["curve_args"]
    out = ["## Warm-up curves", "",
           "`bench/warmup.py bm_NAME %d %d` calls the workload's `kernel()` in %d batches "
           "growing geometrically from 1 to %d calls inside one process and prints "
           "`iterations seconds` per batch (CPU seconds, `time.process_time`, so that "
           "preemption by other work does not make long batches look slow). Each curve is the batch-by-batch median of "
           "%d such processes. x: iterations done so far (log); y: that batch's time per "
           "iteration divided by %s's steady state (median of its last quarter of "
           "batches), log scale; the dotted line at 1 is warmed-up %s." % (
               batches, largest, batches, largest, runs, base, base), ""]
    if not d["pngs"]:
        return out + ["Not drawn this run (--no-curves, or gnuplot missing).", ""]
    for key, title in suite.CLASSES:
        if key in d["pngs"]:
            out.append("- %s: [warmup_%s.png](warmup_%s.png)" % (title, key, key))
    out += ["", "Start-up has no kernel to repeat; see the next section.", "",
            "| workload | %s steady µs/iter | steady ÷ %s: on / off | first call ÷ own steady: "
            "on / off / %s | first ~100 iterations ÷ own steady: on / off / %s |"
            % (base, base, base, base), "|---|---:|---:|---:|---:|"]
    for name, per in d["curves"].items():
        if base not in per:
            continue
        bs = curves.steady(per[base])
        s = {l: curves.summarise(p, bs) for l, p in per.items()}
        get = lambda l, i, f: f % s[l][i] if l in s else "–"  # noqa: E731
        out.append("| %s | %.1f | %s / %s | %s / %s / %s | %s / %s / %s |" % (
            name, s[base][0], get(ON, 1, "%.2f"), get(OFF, 1, "%.2f"),
            get(ON, 2, "%.1f"), get(OFF, 2, "%.1f"), get(base, 2, "%.1f"),
            get(ON, 3, "%.2f"), get(OFF, 3, "%.2f"), get(base, 3, "%.2f")))
    return out + [""]


def section_startup(d):
    labels = [it.label for it in d["interps"][:2]] + [d["baseline"].label]
    out = ["## Start-up and short scripts", "",
           "Median wall time, median CPU time (user + system) and median peak RSS "
           "(GNU `/usr/bin/time -f %M`, the child's own pages only) of bm_hello.py and "
           "of a ~0.2 s script (bm_data_transform.py at its own default size), outputs "
           "checked against CPython's.", "", "| script | " + " | ".join(labels) + " |",
           "|---|" + "---:|" * len(labels)]
    for name, cells in d["startup"].items():
        row = []
        for label in labels:
            c = cells[label]
            row.append("**FAIL**" if c.failure else "%.1f ms wall, %.1f ms CPU, %.1f MiB" % (
                1000 * c.median(), 1000 * statistics.median(c.cpu), statistics.median(c.rss) / 1024))
        out.append("| %s (%d runs) | %s |" % (name, len(cells[labels[0]].wall), " | ".join(row)))
    return out + [""]


JIT_FIELDS = [  # (column, pattern over the joined jit-stats lines)
    ("traces made", r"traces made: (\d+)"),
    ("machine code bytes", r"machine code: (\d+) bytes"),
    ("compile time ms", r"compile time ([\d.]+) ms"),
    ("ns per micro-op", r"\(([\d.]+) ns per micro-op"),
    ("bridges", r"bridges from hot side exits: (\d+) made"),
    ("side exits at failed guards", r"side exits: (\d+) at failed guards"),
    ("de-optimisation rate", r"de-optimisation rate: ([\d.]+%)"),
]


def machine_code_bytes(lines):
    m = re.search(r"machine code: (\d+) bytes", "\n".join(lines))
    return int(m.group(1)) if m else 0


def section_jit_costs(d):
    out = ["## JIT costs", ""]
    if not d["jit_built"]:
        return out + ["JIT not built yet: `./krait -X jit-stats` reports no machine code "
                      "for any workload. Once it does, its compile time and code size "
                      "appear here per workload.", ""]
    out += ["From `PYTHON_JIT=1 ./krait -X jit-stats` at the bench sizes (one run each); "
            "the full lines follow the table.", "",
            "| workload | " + " | ".join(c for c, _ in JIT_FIELDS) + " |",
            "|---|" + "---:|" * len(JIT_FIELDS)]
    for name, lines in d["jit_stats"].items():
        text = "\n".join(lines)
        cells = [re.search(p, text) for _, p in JIT_FIELDS]
        out.append("| %s | %s |" % (name, " | ".join(m.group(1) if m else "–" for m in cells)))
    out.append("")
    for name, lines in d["jit_stats"].items():
        out += ["<details><summary>%s</summary>" % name, "", "```"]
        out += (lines or ["(nothing printed)"]) + ["```", "", "</details>", ""]
    return out


# Instruction-count ratios: (title, slower column, faster column); the
# baseline's own ratio is added when it is not krait.
CALLGRIND_RATIOS = [
    ("specialisation (generic / tier 1)", GENERIC, TIER1),
    ("traces (tier 1 / JIT off)", TIER1, OFF),
    ("machine code (JIT off / on)", OFF, ON),
    ("all tiers (generic / JIT on)", GENERIC, ON),
]


def section_callgrind(d):
    out = ["## Instruction counts (callgrind)", ""]
    if not d["callgrind"]:
        return out + ["Not measured this run. `make bench CALLGRIND=fib` (or a comma-separated "
                      "list, each NAME or NAME:SIZE; `1` means fib) adds instruction counts "
                      "from `valgrind --tool=callgrind`, which repeat exactly run to run; "
                      "`python3 bench/run.py --callgrind fib:25 --callgrind-only` prints just them.", ""]
    base = d["baseline"].label
    kraits = [GENERIC, TIER1, OFF, ON]
    labels = kraits + ([] if base in kraits else [base])
    ratios = CALLGRIND_RATIOS + ([] if base in kraits else [("%s / JIT on" % base, base, ON)])
    out += ["Millions of instructions executed (one run each; a crash or an output "
            "different from the first run's is FAIL), then ratios of those counts, above 1 "
            "when the second column executes fewer instructions.", "",
            "| workload (size) | " + " | ".join(labels) + " | "
            + " | ".join(t for t, _, _ in ratios) + " |",
            "|---|" + "---:|" * (len(labels) + len(ratios))]
    for name, counts in d["callgrind"].items():
        row = ["%.1f" % (counts[l] / 1e6) if counts.get(l) else "FAIL" for l in labels]
        row += [fmt_x(ratio(counts.get(a), counts.get(b))) for _, a, b in ratios]
        out.append("| %s (%s) | %s |" % (name, counts.get("size", "–"), " | ".join(row)))
    return out + [""]


def section_failures(d):
    fails = [(n, l, c.failure) for n, cells in d["cells"].items() for l, c in cells.items() if c.failure]
    fails += [(n, l, c.failure) for n, cells in d["startup"].items() for l, c in cells.items() if c.failure]
    fails += d["curve_failures"]
    out = ["## Failures", ""]
    out += ["- %s on %s: %s" % f for f in fails] or ["None: every run's output matched %s's." % d["baseline"].label]
    return out + [""]


def render(d, notes):
    # "built" = some workload ran machine code; a krait that prints stats
    # but emits nothing still has on and off running the same engine
    d["jit_built"] = any(machine_code_bytes(lines) for lines in d["jit_stats"].values())
    out = ["# krait benchmark results", "",
           "Written by `make bench` (bench/run.py); `make bench` rewrites everything "
           "here except the Notes section at the end.", ""]
    for section in (section_machine, section_interps, section_times, section_tier1,
                    section_tier2, section_verdicts,
                    section_curves, section_startup, section_jit_costs, section_callgrind,
                    section_failures):
        out += section(d)
    out += ["## Notes", "", NOTES_START, notes.rstrip("\n"), NOTES_END, ""]
    return "\n".join(out)
