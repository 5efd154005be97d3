class ValidationError(ValueError):
    def __init__(self, field, msg):
        super().__init__(f"{field}: {msg}")
        self.field = field
class NotFound(LookupError):
    pass
def validate(d):
    if "name" not in d:
        raise ValidationError("name", "required")
    if not d["name"]:
        raise NotFound("empty")
for d in [{}, {"name": ""}, {"name": "x"}]:
    try:
        validate(d)
        print("ok", d)
    except ValidationError as e:
        print("invalid", e.field, e, isinstance(e, ValueError))
    except LookupError as e:
        print("lookup", repr(e))
class WithStr(Exception):
    def __str__(self):
        return "custom str"
print(str(WithStr()), repr(WithStr(1)), WithStr(1).args)
e = Exception("a", "b")
print(str(e), repr(e), str(Exception()), repr(Exception()))
print(str(KeyError("k")), str(KeyError()), str(KeyError("a", "b")))
