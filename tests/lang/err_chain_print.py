def parse(s):
    return int(s)
def load(items):
    try:
        return [parse(i) for i in items]
    except ValueError as e:
        raise RuntimeError("could not load") from e
load(["1", "x"])
