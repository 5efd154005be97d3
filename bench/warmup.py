# In-process warm-up driver: calls a workload's kernel() in batches of
# geometrically growing size inside ONE process and prints, per batch,
# "iterations seconds". Whole-process timings hide warm-up (tier-up, JIT
# compilation); these lines show how time per iteration changes with it.
#
#   krait bench/warmup.py bm_fib [BATCHES [LARGEST]]    (default 50 10000)
#
# It must run on krait, which has no importlib or argparse: plain sys.argv
# and __import__ (the workload sits beside this script, so on sys.path[0]).
# The last line, "# result REPR", is the last kernel() value, so that the
# harness can check every interpreter computed the same thing.
import sys
import time


def batch_sizes(batches, largest):
    # 1, ..., largest, evenly spaced on a log scale; rounding repeats a few
    # small sizes, which is harmless (each batch is timed on its own).
    if batches < 2:
        return [1] * batches
    return [max(1, int(round(largest ** (i / (batches - 1))))) for i in range(batches)]


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: warmup.py bm_NAME [BATCHES [LARGEST]]\n")
        sys.exit(2)
    name = argv[1].rsplit("/", 1)[-1]
    if name.endswith(".py"):
        name = name[:-3]
    batches = int(argv[2]) if len(argv) > 2 else 50
    largest = int(argv[3]) if len(argv) > 3 else 10000
    kernel = getattr(__import__(name), "kernel", None)
    if kernel is None:
        sys.stderr.write("warmup.py: %s has no kernel()\n" % name)
        sys.exit(2)
    # CPU time, not wall time: on a shared machine a batch longer than a
    # scheduler slice is often preempted, which made long (late) batches
    # look slower than short (early) ones. Both krait and CPython run the
    # kernel on one thread, so process CPU time is the kernel's time.
    clock = getattr(time, "process_time", time.perf_counter)
    result = None
    for n in batch_sizes(batches, largest):
        t0 = clock()
        for _ in range(n):
            result = kernel()
        t1 = clock()
        # printed between batches, outside the timed region
        print(n, "%.9f" % (t1 - t0))
    print("# result", repr(result))


main(sys.argv)
