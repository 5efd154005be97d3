import time
t0 = time.perf_counter()
m0 = time.monotonic()
p0 = time.process_time()
w0 = time.time()
time.sleep(0.01)
s = 0
for i in range(100000):
    s += i
t1 = time.perf_counter()
print(t1 - t0 >= 0.01, time.monotonic() >= m0, time.process_time() >= p0, time.time() - w0 < 60)
print(w0 > 1.6e9, isinstance(time.perf_counter_ns(), int), isinstance(time.time_ns(), int), s)
