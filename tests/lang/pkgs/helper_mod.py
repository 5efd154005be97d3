CONSTANT = 42
LOAD_COUNT = 1
print("helper_mod loading")
def greet(name):
    return f"hello {name}"
