def read_numbers(n):
    x = 1
    for _ in range(n):
        x = (x * 48271) % 2147483647
        yield x
def only_even(it):
    return (v for v in it if v % 2 == 0)
def scaled(it, k):
    for v in it:
        yield v % 1000 * k
def batched(it, size):
    batch = []
    for v in it:
        batch.append(v)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
result = [sum(b) for b in batched(scaled(only_even(read_numbers(1000)), 3), 50)]
print(len(result), result[:3], sum(result))
def take(n, it):
    return [v for _, v in zip(range(n), it)]
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(take(5, (x * x for x in naturals() if x % 3 == 0)))
