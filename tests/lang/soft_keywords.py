match = 3
case = 4
type = type
_ = 5
print(match, case, type(match).__name__, _)
x = [match for match in range(2)]
print(x, match)
def type_of(type):
    return type
print(type_of("t"))
