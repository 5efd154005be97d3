x = 5
print(-x, +x, ~x, not x, -(-x), - - x, -2 ** 2, (-2) ** 2, ~~x)
print(-0.0, -(0.0), +(-0.0), -True, +True, ~False, -(2**100))
