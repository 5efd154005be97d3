def level3():
    raise KeyError("deep")
def level2():
    try:
        level3()
    except KeyError as e:
        raise ValueError("middle") from e
def level1():
    try:
        level2()
    except ValueError as e:
        raise RuntimeError("top")
try:
    level1()
except RuntimeError as e:
    chain = []
    cur = e
    while cur is not None:
        chain.append(f"{type(cur).__name__}({cur})")
        cur = cur.__cause__ or cur.__context__
    print(" <- ".join(chain))
try:
    try:
        raise TypeError("a")
    finally:
        print("finally with active exception")
except TypeError as e:
    print("outer got", e)
def handled_inside():
    try:
        raise ValueError("inner")
    except ValueError:
        return "recovered"
print(handled_inside())
import sys
print(sys.exc_info()[0])
