# A JSON API-handler simulation: parse requests, route, build responses.
import json
import sys
def handle(req, db):
    method, path = req["method"], req["path"]
    if method == "GET" and path == "/items":
        items = [v for v in db.values() if v["price"] >= req.get("min_price", 0)]
        return 200, {"items": sorted(items, key=lambda v: v["id"])[:5], "count": len(items)}
    if method == "POST" and path == "/items":
        body = req["body"]
        item = {"id": len(db) + 1, "name": body["name"], "price": body["price"], "tags": body.get("tags", [])}
        db[item["id"]] = item
        return 201, item
    if method == "DELETE":
        ident = int(path.rsplit("/", 1)[1])
        return (204, {}) if db.pop(ident, None) else (404, {"error": "not found"})
    return 400, {"error": "bad request"}
def run(n):
    db = {}
    digest = 0
    for i in range(n):
        if i % 3 == 0:
            req = {"method": "POST", "path": "/items", "body": {"name": "item%d" % i, "price": i % 97 + 0.5, "tags": ["a", "b"][: i % 3]}}
        elif i % 3 == 1:
            req = {"method": "GET", "path": "/items", "min_price": i % 50}
        else:
            req = {"method": "DELETE", "path": "/items/%d" % (i // 2)}
        raw = json.dumps(req)
        status, resp = handle(json.loads(raw), db)
        out = json.dumps({"status": status, "body": resp}, sort_keys=True)
        digest = (digest * 31 + len(out) + status) % 1000000007
    return digest, len(db)
def kernel():
    # one iteration of the in-process warm-up mode (bench/warmup.py)
    return run(4)
if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 6000
    print(run(n))
