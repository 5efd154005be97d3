class MyError(Exception):
    pass
print("start")
raise MyError("something bad")
