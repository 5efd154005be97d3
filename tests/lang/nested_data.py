inventory = {
    "fruits": [{"name": "apple", "qty": 5, "price": 0.5}, {"name": "pear", "qty": 0, "price": 0.75}],
    "veg": [{"name": "kale", "qty": 12, "price": 2.0}],
}
in_stock = {cat: [i["name"] for i in items if i["qty"]] for cat, items in inventory.items()}
value = sum(i["qty"] * i["price"] for items in inventory.values() for i in items)
print(in_stock, value)
flat = [(cat, i["name"]) for cat in sorted(inventory) for i in inventory[cat]]
print(flat)
by_price = sorted((i for items in inventory.values() for i in items), key=lambda i: i["price"], reverse=True)
print([i["name"] for i in by_price])
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [list(col) for col in zip(*matrix)], [row[::-1] for row in matrix[::-1]])
grouped = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    grouped.setdefault(word[0], []).append(word)
print(grouped, {k: len(v) for k, v in grouped.items()})
