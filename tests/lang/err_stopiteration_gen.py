def g():
    yield 1
    raise StopIteration("inside")
list(g())
