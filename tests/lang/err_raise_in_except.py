def handler():
    try:
        raise KeyError("first")
    except KeyError:
        undefined_call()
handler()
