class Secret:
    def __init__(self):
        self.__hidden = 42
        self._protected = 1
    def reveal(self):
        return self.__hidden
    def __private_method(self):
        return "private"
    def call_private(self):
        return self.__private_method()
s = Secret()
print(s.reveal(), s._Secret__hidden, s.call_private(), s._protected)
print(hasattr(s, "__hidden"), sorted(k for k in vars(s)))
class Child(Secret):
    def __init__(self):
        super().__init__()
        self.__hidden = "child"
c = Child()
print(c.reveal(), c._Child__hidden, c.__dict__["_Secret__hidden"])
