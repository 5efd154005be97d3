memo = {}
def fib(n):
    if n in memo:
        return memo[n]
    r = n if n < 2 else fib(n - 1) + fib(n - 2)
    memo[n] = r
    return r
print(fib(300))
def is_even(n): return True if n == 0 else is_odd(n - 1)
def is_odd(n): return False if n == 0 else is_even(n - 1)
print(is_even(100), is_odd(77))
def partitions(n, k=None):
    if k is None: k = n
    if n == 0: return 1
    return sum(partitions(n - i, i) for i in range(1, min(n, k) + 1))
print([partitions(i) for i in range(15)])
def permutations(s):
    if len(s) <= 1:
        return [s]
    return [c + p for i, c in enumerate(s) for p in permutations(s[:i] + s[i + 1:])]
print(permutations("abc"), len(permutations("abcde")))
