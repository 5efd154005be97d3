def use_len(x):
    return len(x)
print(use_len([1, 2]))
len = lambda x: "shadowed"
print(use_len([1, 2]))
del len
print(use_len([1, 2]))
import builtins
original = builtins.abs
builtins.abs = lambda x: "patched"
print(abs(-1))
builtins.abs = original
print(abs(-1))
def count():
    global counter
    counter = counter + 1 if "counter" in globals() else 1
count(); count()
print(counter)
