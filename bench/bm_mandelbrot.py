# Complex-number Mandelbrot: counts points that stay bounded.
import sys
def mandelbrot(size, max_iter):
    inside = 0
    checksum = 0
    for y in range(size):
        ci = 2.0 * y / size - 1.0
        for x in range(size):
            c = complex(3.0 * x / size - 2.0, ci)
            z = 0j
            n = 0
            while n < max_iter and abs(z) <= 2.0:
                z = z * z + c
                n += 1
            if n == max_iter:
                inside += 1
            checksum += n
    return inside, checksum
def kernel():
    # one iteration of the in-process warm-up mode (bench/warmup.py)
    return mandelbrot(3, 60)
if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    print(mandelbrot(size, 60))
