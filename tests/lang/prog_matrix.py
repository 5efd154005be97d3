def matmul(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
def mpow(m, k):
    result = identity(len(m))
    while k:
        if k & 1:
            result = matmul(result, m)
        m = matmul(m, m)
        k >>= 1
    return result
fibm = mpow([[1, 1], [1, 0]], 90)
print(fibm[0][1])
a = [[1.5, 2.0], [3.0, 4.5]]
print(matmul(a, a), list(zip(*a)))
det = a[0][0] * a[1][1] - a[0][1] * a[1][0]
print(det, [[round(v / det, 4) for v in row] for row in [[a[1][1], -a[0][1]], [-a[1][0], a[0][0]]]])
