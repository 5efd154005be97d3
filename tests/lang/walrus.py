data = [1, 5, 12, 7, 30]
if (n := len(data)) > 3:
    print(f"long list ({n} items)")
print([y for x in data if (y := x * 2) > 10])
print(y)
import_count = 0
while (chunk := data[import_count:import_count + 2]):
    print(chunk)
    import_count += 2
def f():
    [(last := v) for v in range(5)]
    return last
print(f())
print((z := 3) + z)
