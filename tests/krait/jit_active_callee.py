# sys._jit.is_active() is True in a function the running trace followed
# into (its frame runs machine code too), once the loop is hot; with the
# JIT off it is always False. Either way it agrees with is_enabled() here.
import sys

def probe(i):
    return sys._jit.is_active()

def loop(n):
    seen = None
    for i in range(n):
        seen = probe(i)
    return seen

print(loop(3000) == sys._jit.is_enabled())
