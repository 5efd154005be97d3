import json
data = {"name": "krait", "version": 1, "fast": True, "tags": ["jit", "python"], "ratio": 0.5,
        "nested": {"a": [1, 2, {"b": None}], "empty": {}, "list": []}, "unicode": "café ☕", "quote": "say \"hi\"\n"}
print(json.dumps(data))
print(json.dumps(data, indent=2))
print(json.dumps(data, sort_keys=True, indent=4))
print(json.dumps(data, separators=(",", ":")))
print(json.dumps(data, ensure_ascii=False))
print(json.dumps([1, 2.5, -3, 1e100, 1.0, 10**20, float("inf"), -0.0]))
print(json.dumps("\u0000\u001f\u007f\u2028\ud83d"), json.dumps("😀"), json.dumps(None), json.dumps(True))
print(json.dumps({1: "int key", 2.5: "float key", True: "bool key", None: "none key"}))
print(json.dumps((1, 2)), json.dumps([]), json.dumps({}), json.dumps([[]], indent=2), json.dumps({"a": {}}, indent=1))
class Point:
    def __init__(self, x, y): self.x, self.y = x, y
print(json.dumps({"p": Point(1, 2)}, default=lambda o: o.__dict__))
try:
    json.dumps({"p": Point(1, 2)})
except TypeError as e:
    print("TypeError:", e)
print(json.dumps({"b": 1, "a": 2}, sort_keys=True, indent="\t"))
