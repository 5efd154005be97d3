# Recursive Fibonacci: call overhead.
import sys
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
def kernel():
    # one iteration of the in-process warm-up mode (bench/warmup.py)
    return fib(12)
if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 27
    print(fib(n))
