d = {}
for k in ["zebra", "apple", "mango", "kiwi"]:
    d[k] = len(k)
print(list(d), list(d.values()))
d["apple"] = 99
print(list(d.items()))
del d["zebra"]
d["zebra"] = 0
print(list(d))
print({**d, "apple": 1}, dict(sorted(d.items(), key=lambda kv: kv[1])))
keys = list(range(20, 0, -1))
nd = dict.fromkeys(keys)
print(list(nd)[:5], list(reversed(nd))[:3])
for k in list(nd):
    if k % 2:
        del nd[k]
print(list(nd))
