import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.isnan(math.nan))
print(math.sqrt(2), math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.7), math.floor(7), type(math.floor(2.5)))
print(math.factorial(20), math.factorial(0), math.gcd(12, 18), math.gcd(0, 5), math.gcd(12, 18, 8), math.lcm(4, 6), math.lcm(3, 4, 5))
print(math.isqrt(10**20 + 1), math.comb(10, 3), math.perm(5, 2), math.perm(5), math.comb(100, 50))
print(math.log(math.e), math.log(8, 2), math.log2(1024), math.log10(0.001), math.log1p(1e-10), math.log(2**1000))
print(math.exp(1), math.expm1(1e-10), math.pow(2, 10), math.pow(2, 0.5), math.exp2(10), math.cbrt(27))
print(math.sin(0), math.cos(0), math.tan(math.pi / 4), math.asin(1), math.acos(1), math.atan(1), math.atan2(1, -1))
print(math.sinh(1), math.cosh(1), math.tanh(1), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(math.degrees(math.pi), math.radians(180), math.hypot(3, 4), math.hypot(1, 2, 2), math.dist((0, 0), (3, 4)))
print(math.fabs(-3), math.copysign(1, -0.0), math.fmod(7, 3), math.fmod(-7, 3), math.modf(3.25), math.frexp(8.0), math.ldexp(0.5, 4))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.prod([1, 2, 3, 4]), math.prod([]), math.prod([2.5, 2], start=2))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1, 1.1), math.isclose(0, 1e-10, abs_tol=1e-9), math.isfinite(1e308), math.isinf(-math.inf))
print(math.erf(1), math.erfc(1), math.gamma(5), math.lgamma(10), math.gamma(0.5) ** 2)
print(math.remainder(10, 3), math.nextafter(1, 2), math.ulp(1.0), math.sumprod([1, 2], [3, 4]))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1), lambda: math.exp(1000), lambda: math.acos(2)]:
    try:
        bad()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
