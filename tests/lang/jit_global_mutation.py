# Loops that rebind the globals (and builtins) they read.
import builtins

SCALE = 2
STEP = 0.5

def uses_globals(n):
    global SCALE, STEP
    s = 0
    for i in range(n):
        s += i * SCALE + STEP
        if i == 100:
            SCALE = 3.5
        if i == 200:
            STEP = 1
        if i == 250:
            SCALE = "no"
            break
    return s

print(uses_globals(400))
SCALE = 2

def calls_mutator(n):
    s = 0
    for i in range(n):
        s += SCALE
        bump(i)
    return s

def bump(i):
    global SCALE
    if i % 97 == 0:
        SCALE = SCALE + 1

print(calls_mutator(400))

def shadow_builtin(n):
    t = 0
    for i in range(n):
        t += abs(-i)
        if i == 150:
            globals()["abs"] = lambda v: 1
    return t

print(shadow_builtin(300))
del abs

def builtin_change(n):
    t = 0
    for i in range(n):
        t += len("abc")
        if i == 120:
            builtins.len = lambda v: 10
    return t

saved = builtins.len
print(builtin_change(300))
builtins.len = saved
