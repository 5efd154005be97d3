for spec in ["", "10", "<10", ">10", "^10", "*^10", ".2", "10.3", "-<5"]:
    print(repr(format("text", spec)))
for spec in ["", "d", "5d", "<5d", "+d", " d", ",", "_", "x", "#X", "#o", "#b", "08d", "+08d", "^9", "=+8", "n", "c", "_b", ",d", "e", ".2f", "%"]:
    print(spec, repr(format(42, spec)), repr(format(-1234567, spec)) if spec not in ("c",) else "")
for spec in ["", "f", ".1f", ".0f", "e", ".3e", "E", "g", ".3g", "G", "%", ".1%", "10.2f", "<10.2f", "+.2f", ",.2f", "010.2f", "#.0f", ".10g", "_.2f", "n"]:
    print(spec, repr(format(1234.5678, spec)), repr(format(-0.00012345, spec)), repr(format(1e20, spec)))
print(format(float("inf"), "f"), format(float("nan"), ".2f"), format(-0.0, ""), format(1e16, ""), format(0.1, ".3"))
print(format(123456789, ",d"), format(0.000001, ""), format(1.0, ""), format(100.0, "g"), format(1e-5, "g"))
print(format(True, "d"), format(True, ""), format(3, ".2f"), format(2**70, ","), format(-2**70, "x"))
