# Float expressions kept in registers by tier 2 (opt_fregs.c): results must
# be exactly those of plain evaluation, whatever the mix of ints, floats,
# constants, spills and branches, and when types change mid-loop.
import math


def poly(n):
    # a deep expression: more operands than float registers at once
    s = 0.0
    for i in range(n):
        x = i * 0.25
        s += ((x * x + 1.5) * (x - 2.0) + (x * 3.0 - 0.5) * (x + 0.125)) * 1e-3
    return s


def mixed(n):
    # ints converted on the way, int constants, int locals
    acc = 0.0
    k = 3
    for i in range(n):
        acc = acc + i * 2.5 - k * 0.5 + 7 * 0.25
        acc = acc * 0.999
    return acc


def g():
    return 1.25


def spilled_int(n):
    # an int loaded for float arithmetic must be spilled as an int when
    # other work comes between it and its conversion
    t = 0.0
    scale = [1.25, 0.5]
    for i in range(n):
        t += i * g()
        t -= i * scale[1]
        t += (i + 1) * scale[i % 2]
    return t


def branches(n):
    # comparisons of float expressions that decide branches, both ways
    inside = 0
    total = 0.0
    for i in range(n):
        x = (i % 17) * 0.5
        y = (i % 5) * 0.75
        if x * x + y * y < 16.0:
            inside += 1
        else:
            total += x - y
        if x - y >= 1.0:
            total += 0.5
    return inside, total


def escape(limit):
    # the Mandelbrot escape loop on floats: a while loop whose condition is
    # a float comparison
    count = 0
    for py in range(12):
        for px in range(24):
            cr = px / 8.0 - 2.0
            ci = py / 6.0 - 1.0
            zr = zi = 0.0
            n = 0
            while n < limit and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                n += 1
            count += n
    return count


def changing(values):
    # the local's type changes mid-loop: guards exit, bridges take over
    s = 0.0
    for v in values:
        w = v * 1.5 + 0.25
        s = s + w * w
    return s


def specials(n):
    # infinities, NaN and signed zeros go through registers unchanged
    out = []
    for i in range(n):
        a = -0.0 * 1.0
        b = 1e308 * 10.0 - 1e308 * 10.0
        c = 1e308 * 10.0
        out.append((math.copysign(1.0, a), b != b, c, -c * 0.0))
    return out[-1], len(out)


def resident(values):
    # a float accumulator kept in a register across iterations: read in
    # between by plain code, and left at exits when the list's items change
    # type (the frame must hold its current value then)
    s = 0.0
    seen = []
    for v in values:
        s = s * 0.5 + v
        if len(seen) < 5:
            seen.append(s)
        s += 0.25
    return s, seen


def resident_nested(n):
    total = 0.0
    for i in range(n):
        acc = 1.0
        for j in range(20):
            acc = acc * 1.0001 + j * 0.5
        total = total + acc
    return total


print(round(poly(3000), 6))
print(resident([1.0, 2.0, 3.5] * 300))
print(resident([1.0, 2.0, 3.5] * 100 + [4, 5] * 50 + [0.5, True, 2 ** 70] * 30))
print(round(resident_nested(300), 6))
print(round(mixed(3000), 6))
print(spilled_int(3000))
print(branches(3000))
print(escape(40))
print(changing([1.0, 2.5, 3, 4, -1.25, 2 ** 40, 0.5] * 200))
print(specials(500))
