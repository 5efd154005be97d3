"""timeit — measure the execution time of small code snippets.

krait's own implementation of the standard library module: the same API
(timeit, repeat, Timer, default_timer) and command line
(`krait -m timeit [-n N] [-r N] [-s S] [-u U] [-p] [-v] [stmt ...]`).
"""
import sys
import time

__all__ = ["Timer", "timeit", "repeat", "default_timer"]

default_timer = time.perf_counter
default_number = 1000000
default_repeat = 5

_dummy_src_name = "<timeit-src>"


def _indent(src, spaces):
    return src.replace("\n", "\n" + " " * spaces)


def _template(stmt, setup):
    # The statement runs inside a function so its names are fast locals,
    # which is what CPython's timeit measures too.
    return ("def inner(_it, _timer):\n"
            "    " + _indent(setup, 4) + "\n"
            "    pass\n"
            "    _t0 = _timer()\n"
            "    for _i in _it:\n"
            "        " + _indent(stmt, 8) + "\n"
            "        pass\n"
            "    _t1 = _timer()\n"
            "    return _t1 - _t0\n")


class Timer:
    """Time the execution of `stmt` after running `setup` once per run."""

    def __init__(self, stmt="pass", setup="pass", timer=default_timer, globals=None):
        self.timer = timer
        namespace = {} if globals is None else globals
        if isinstance(stmt, str) and isinstance(setup, str):
            compile(stmt, _dummy_src_name, "exec")
            src = _template(stmt, setup)
            code = compile(src, _dummy_src_name, "exec")
            local_ns = {}
            exec(code, namespace, local_ns)
            self.inner = local_ns["inner"]
            self.src = src
        elif callable(stmt) or callable(setup):
            self.inner = _callable_inner(stmt, setup, namespace)
            self.src = None
        else:
            raise ValueError("stmt is neither a string nor callable")

    def timeit(self, number=default_number):
        return self.inner(range(number), self.timer)

    def repeat(self, repeat=default_repeat, number=default_number):
        return [self.timeit(number) for _ in range(repeat)]

    def autorange(self, callback=None):
        i = 1
        while True:
            for j in 1, 2, 5:
                number = i * j
                time_taken = self.timeit(number)
                if callback:
                    callback(number, time_taken)
                if time_taken >= 0.2:
                    return (number, time_taken)
            i *= 10



def _callable_inner(stmt, setup, namespace):
    if isinstance(stmt, str):
        code = compile(stmt, _dummy_src_name, "exec")
        stmt_fn = lambda: exec(code, namespace)
    else:
        stmt_fn = stmt
    if isinstance(setup, str):
        setup_code = compile(setup, _dummy_src_name, "exec")
        setup_fn = lambda: exec(setup_code, namespace)
    else:
        setup_fn = setup

    def inner(_it, _timer):
        setup_fn()
        t0 = _timer()
        for _ in _it:
            stmt_fn()
        return _timer() - t0
    return inner


def timeit(stmt="pass", setup="pass", timer=default_timer, number=default_number, globals=None):
    return Timer(stmt, setup, timer, globals).timeit(number)


def repeat(stmt="pass", setup="pass", timer=default_timer, repeat=default_repeat,
           number=default_number, globals=None):
    return Timer(stmt, setup, timer, globals).repeat(repeat, number)


_UNITS = {"nsec": 1e-9, "usec": 1e-6, "msec": 1e-3, "sec": 1.0}


def _format_time(dt, unit, precision):
    if unit is not None:
        scale = _UNITS[unit]
    else:
        scales = [(scale, unit) for unit, scale in _UNITS.items()]
        scales.sort(reverse=True)
        for scale, unit in scales:
            if dt >= scale:
                break
    return "%.*g %s" % (precision, dt / scale, unit)


def _usage():
    return ("Usage: timeit [-n N] [-r N] [-s S] [-u U] [-p] [-v] [-h] [--] [statement]\n"
            "  -n/--number N: how many times to execute 'statement'\n"
            "  -r/--repeat N: how many times to repeat the timer (default 5)\n"
            "  -s/--setup S: statement to be executed once initially (default 'pass')\n"
            "  -p/--process: use time.process_time() (default is time.perf_counter())\n"
            "  -v/--verbose: print raw timing results; repeat for more digits precision\n"
            "  -u/--unit: set the output time unit (nsec, usec, msec, or sec)\n"
            "  -h/--help: print this usage message and exit\n")


def _parse_args(args):
    opts = {"number": 0, "repeat": default_repeat, "setup": [], "unit": None,
            "timer": default_timer, "verbose": 0}
    stmts = []
    i = 0
    takes_value = {"-n": "number", "--number": "number", "-r": "repeat", "--repeat": "repeat",
                   "-s": "setup", "--setup": "setup", "-u": "unit", "--unit": "unit"}
    while i < len(args):
        a = args[i]
        if a == "--":
            stmts.extend(args[i + 1:])
            break
        name, eq, inline = a.partition("=")
        if a.startswith("-") and len(a) > 2 and a[1] != "-" and a[:2] in takes_value:
            name, inline, eq = a[:2], a[2:], "="
        if name in takes_value:
            if eq:
                value = inline
            else:
                i += 1
                if i >= len(args):
                    raise SystemExit("option %s requires argument" % name)
                value = args[i]
            key = takes_value[name]
            if key == "setup":
                opts["setup"].append(value)
            elif key == "unit":
                if value not in _UNITS:
                    sys.stderr.write("Unrecognized unit. Please select nsec, usec, msec, or sec.\n")
                    raise SystemExit(2)
                opts["unit"] = value
            else:
                opts[key] = max(int(value), 1)
        elif a in ("-p", "--process"):
            opts["timer"] = time.process_time
        elif a in ("-v", "--verbose"):
            opts["verbose"] += 1
        elif a in ("-h", "--help"):
            sys.stdout.write(_usage())
            raise SystemExit(0)
        elif a.startswith("-") and a != "-":
            sys.stderr.write("option %s not recognized\nuse -h/--help for command line help\n" % a)
            raise SystemExit(2)
        else:
            stmts.extend(args[i:])
            break
        i += 1
    return opts, stmts


def main(args=None):
    if args is None:
        args = sys.argv[1:]
    opts, stmts = _parse_args(args)
    stmt = "\n".join(stmts) or "pass"
    setup = "\n".join(opts["setup"]) or "pass"
    precision = 3 + opts["verbose"]
    t = Timer(stmt, setup, opts["timer"], globals={})
    number = opts["number"]
    if number == 0:
        def callback(number, time_taken):
            if opts["verbose"]:
                plural = number != 1
                print("%d loop%s -> %.*g secs" % (number, "s" if plural else "", precision, time_taken))
        number, _ = t.autorange(callback if opts["verbose"] else None)
        if opts["verbose"]:
            print()
    raw_timings = t.repeat(opts["repeat"], number)
    timings = [dt / number for dt in raw_timings]
    if opts["verbose"]:
        print("raw times: %s" % ", ".join(_format_time(dt, opts["unit"], precision) for dt in raw_timings))
        print()
    best = min(timings)
    print("%d loop%s, best of %d: %s per loop"
          % (number, "s" if number != 1 else "", opts["repeat"], _format_time(best, opts["unit"], precision)))
    worst = max(timings)
    if worst >= best * 4:
        # CPython reports this through warnings.warn_explicit with an
        # empty filename and line 0, which prints exactly this line.
        sys.stderr.write(":0: UserWarning: The test results are likely unreliable. The worst time "
                         "(%s) was more than four times slower than the best time (%s).\n"
                         % (_format_time(worst, opts["unit"], precision),
                            _format_time(best, opts["unit"], precision)))
    return None


if __name__ == "__main__":
    sys.exit(main())
