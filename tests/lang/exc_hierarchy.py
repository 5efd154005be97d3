for name in ["ZeroDivisionError", "OverflowError", "KeyError", "IndexError", "FileNotFoundError",
             "UnboundLocalError", "RecursionError", "NotImplementedError", "ModuleNotFoundError",
             "IndentationError", "TabError", "UnicodeDecodeError", "StopIteration", "GeneratorExit",
             "KeyboardInterrupt", "SystemExit", "Exception", "TimeoutError"]:
    cls = eval(name)
    print(name, [c.__name__ for c in cls.__mro__])
