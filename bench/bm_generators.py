# Generator pipelines: producers, filters and reducers chained lazily.
import sys
def numbers(n):
    for i in range(n):
        yield i
def squares(it):
    for v in it:
        yield v * v
def not_div(it, k):
    return (v for v in it if v % k)
def windows(it, size):
    buf = []
    for v in it:
        buf.append(v)
        if len(buf) == size:
            yield sum(buf)
            buf.pop(0)
def run(n):
    total = 0
    count = 0
    for w in windows(not_div(squares(numbers(n)), 3), 4):
        total += w % 1000003
        count += 1
    return count, total
def kernel():
    # one iteration of the in-process warm-up mode (bench/warmup.py)
    return run(60)
if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
    print(run(n))
