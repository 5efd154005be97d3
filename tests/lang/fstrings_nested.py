width = 10
prec = 3
value = 12.34567
print(f"{value:{width}.{prec}f}|")
print(f"{value:>{width}}|")
print(f"{'x' * 3:*^{width}}")
print(f"{f'{1 + 1}'}", f"{f'{f"{3}"}'}")
x = 5
print(f"{x=}", f"{x = }", f"{x=!r}", f"{x=:03d}", f"{x*2=}")
items = ["a", "b"]
print(f"{', '.join(items)}", f"{len(items)} items")
print(f"""multi
{x}
line""")
print(f"{x:{'>' if x else '<'}5}")
