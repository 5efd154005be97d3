def risky(kind):
    if kind == 1: return 1 / 0
    if kind == 2: return [][1]
    if kind == 3: return {}["k"]
    if kind == 4: return int("x")
    if kind == 5: return undefined_name
    if kind == 6: return None.attr
    if kind == 7: return "a" + 1
    return "fine"
for k in range(8):
    try:
        print(risky(k))
    except ZeroDivisionError as e:
        print("zero:", e)
    except (IndexError, KeyError) as e:
        print("lookup:", type(e).__name__, e)
    except ValueError as e:
        print("value:", e)
    except NameError as e:
        print("name:", e)
    except Exception as e:
        print("other:", type(e).__name__, e)
    else:
        print("no exception")
try:
    raise KeyError("missing")
except LookupError as e:
    print(repr(e), e.args)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        print("inner handler")
        raise
except ZeroDivisionError as e:
    print("re-raised:", e)
try:
    pass
except:
    print("never")
else:
    print("else runs")
e = None
try:
    raise ValueError("x")
except ValueError as e:
    pass
try:
    print(e)
except NameError as ne:
    print("e was deleted:", ne)
