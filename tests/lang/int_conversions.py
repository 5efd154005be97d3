print(int("42"), int("-0"), int("+17"), int(" 7 "), int("0o17", 0), int("0x_ff", 0), int("1" * 30))
print(int(3.99), int(-3.99), int(1e20), int("ff", 16), int("FF", 16), int("777", 8), int("11", 2), int("zz", 36))
print(str(255), repr(-7), hex(4095), oct(-8), bin(5), format(255, "b"), f"{255:o}", int(True) + int(False))
print(float("3"), float(2**63), int(float("1.5e3")), round(1.23456e5), int.__name__, (5).__index__())
for bad in ["", "1.5", "0x10", "abc", "1 2", "--1", "_1", "1_"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("9", 8)
except ValueError as e:
    print("ValueError:", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError:", e)
print(float("1e-400"), float("  -0.0 "), float("12_3.4_5"), float(True))
for bad in ["x", "1..2", "1e", "inf inf", ""]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
