d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("b"), d, d.pop("zz", "dflt"), d.setdefault("e", 5), d.setdefault("a", 99), d)
d.update({"f": 6}, g=7); d.update([("h", 8)]); print(d)
print(d.popitem(), d)
del d["a"]; print(d)
d2 = dict.fromkeys("xyz", 0); print(d2, dict.fromkeys([1, 2]))
print(dict(zip("ab", [1, 2])), dict([("k", "v")]), dict(a=1, b=2), dict({"x": 1}, y=2))
print({1: "a"} | {2: "b"}, {1: "a", 2: "x"} | {2: "b"})
m = {1: 1}; m |= {3: 3}; print(m)
print({"a": 1} == {"a": 1}, {"a": 1, "b": 2} == {"b": 2, "a": 1}, {1: 2} != {1: 3})
counts = {}
for w in "the quick the lazy the end".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, max(counts, key=counts.get))
for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(k, v)
big = {i: i * i for i in range(1000)}
for i in range(0, 1000, 2):
    del big[i]
print(len(big), list(big)[:5], big[999], sum(big.values()))
big[0] = "back"
print(list(big.items())[-1], next(iter(big)))
ks = {"a": 1, "b": 2}.keys()
print(ks, ks & {"a", "z"}, ks | {"c"}, {"a": 1}.items() == {("a", 1)}, list(reversed({"x": 1, "y": 2})))
print({1: 1, 1.0: 2, True: 3}, {(1, 2): "t", None: "n", 2.5: "f"}, repr({}))
dd = {}; dd["self"] = dd; print(dd)
try:
    for k in big: big[k + 10000] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
print(d.copy() == d, d.copy() is d, sorted({"b": 1, "a": 2}), dict(sorted({"b": 1, "a": 2}.items())))
try:
    {}.pop("x")
except KeyError as e:
    print("KeyError:", e)
print(str({"q": "it's"}), {"n": None, "l": [1, {"z": ()}]})
