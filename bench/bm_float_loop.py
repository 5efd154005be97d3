# A float accumulation loop (the heavy_loop of the JIT articles).
import sys
def heavy_loop(n):
    s = 0.0
    for i in range(n):
        s += i * 1.618
    return s
def kernel():
    # one iteration of the in-process warm-up mode (bench/warmup.py)
    return heavy_loop(400)
if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000
    print(round(heavy_loop(n), 3))
