# krait-only: without -X perf (or PYTHONPERFSUPPORT=1) no perf map is
# written, even once a hot loop has been traced and compiled. The map
# itself is tested in tests/c/test_perfmap.c: tests here cannot pass -X.
import os
import sys

def hot(n):
    t = 0
    for i in range(n):
        t += i
    return t

print(hot(20000))
print("perf option", "perf" in sys._xoptions)
print("map written", os.path.exists("/tmp/perf-%d.map" % os.getpid()))
