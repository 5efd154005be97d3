def to_json(v, indent=0):
    pad = "  " * indent
    if isinstance(v, dict):
        if not v: return "{}"
        items = [f'{pad}  "{k}": {to_json(val, indent + 1)}' for k, val in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(to_json(x, indent) for x in v) + "]"
    if isinstance(v, str):
        return '"' + v.replace('"', '\\"') + '"'
    if v is None: return "null"
    if isinstance(v, bool): return "true" if v else "false"
    return repr(v)
doc = {"users": [{"name": "a", "age": 3, "tags": ["x", "y"]}, {"name": "b\"q", "age": None, "ok": True}], "count": 2, "ratio": 0.25}
print(to_json(doc))
