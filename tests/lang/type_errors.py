five = 5
cases = [lambda: 1 + "a", lambda: "a" + 1, lambda: [] + (), lambda: 1 < "x", lambda: len(5), lambda: None(),
         lambda: five[0], lambda: {}[[]], lambda: "abc"[1.5], lambda: [1][None], lambda: abs("x"), lambda: -"x",
         lambda: iter(5), lambda: next([]), lambda: int([]), lambda: "a" * "b", lambda: sum(["a"]),
         lambda: [].append(), lambda: len(), lambda: isinstance(1, 2), lambda: {}.get(), lambda: ord("ab"),
         lambda: chr("a"), lambda: hash([]), lambda: object().x, lambda: setattr(1, "x", 2), lambda: "x".foo(),
         lambda: (lambda a: a)(), lambda: (lambda: 0)(1), lambda: sorted([1, "a"]), lambda: max(1),
         lambda: range("a"), lambda: 1 @ 2, lambda: ~1.5, lambda: "%d" % "x", lambda: "{0}".format()]
for c in cases:
    try:
        c()
        print("no error")
    except (TypeError, AttributeError, IndexError, ValueError) as e:
        print(type(e).__name__ + ":", e)
