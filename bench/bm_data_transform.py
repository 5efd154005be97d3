# Pure-Python data transformation over dicts, lists and strings.
import sys
def make_records(n):
    cities = ["Oslo", "Lima", "Pune", "Kyiv", "Rome", "Quito"]
    recs = []
    seed = 12345
    for i in range(n):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        recs.append({"id": i, "name": "user%05d" % i, "city": cities[seed % len(cities)],
                     "age": 18 + seed % 60, "score": (seed % 1000) / 10.0,
                     "tags": ["t%d" % (seed % 7), "t%d" % (seed % 5)]})
    return recs
def transform(recs):
    by_city = {}
    for r in recs:
        by_city.setdefault(r["city"], []).append(r)
    summary = {}
    for city, rs in sorted(by_city.items()):
        ages = [r["age"] for r in rs]
        summary[city] = {"count": len(rs), "avg_age": round(sum(ages) / len(ages), 2),
                         "top": max(rs, key=lambda r: (r["score"], r["id"]))["name"],
                         "tags": sorted({t for r in rs for t in r["tags"]})}
    names = ",".join(r["name"].upper()[-3:] for r in recs if r["score"] > 90)
    return summary, len(names), sum(len(r["name"]) for r in recs)
def kernel():
    # one iteration of the in-process warm-up mode (bench/warmup.py)
    return transform(make_records(12))
if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40000
    s, nl, total = transform(make_records(n))
    for city, info in s.items():
        print(city, info["count"], info["avg_age"], info["top"], info["tags"])
    print(nl, total)
