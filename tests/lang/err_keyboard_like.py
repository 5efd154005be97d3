class Custom(BaseException):
    pass
try:
    raise Custom("not caught by Exception")
except Exception:
    print("wrong handler")
