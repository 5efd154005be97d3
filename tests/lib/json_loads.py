import json
text = '{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d\\n\\u00e9\\ud83d\\ude00"}, "e": ""}'
obj = json.loads(text)
print(obj, type(obj["a"][1]).__name__, obj["b"]["c"])
print(json.loads("[]"), json.loads(" 42 "), json.loads('"str"'), json.loads("1e3"), json.loads("-0"), json.loads("123456789012345678901234567890"))
print(json.loads('{"dup": 1, "dup": 2}'), json.loads("[1, [2, [3, [4]]]]"), json.loads('"\\/"'))
print(json.loads("NaN"), json.loads("Infinity"), json.loads("-Infinity"))
for bad in ['{"a": }', "[1, 2", '{"a" 1}', "tru", "", "[1,]", '{"a": 1} x', "'single'", '"\\x"']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("JSONDecodeError:", e, "|", e.pos, e.lineno, e.colno)
print(issubclass(json.JSONDecodeError, ValueError))
import io
buf = io.StringIO()
json.dump({"k": [1, 2]}, buf)
print(buf.getvalue(), json.load(io.StringIO('{"x": 1}')))
round_trip = {"list": [1, "two", 3.0, None, True], "obj": {"nested": {"deep": [{}]}}}
print(json.loads(json.dumps(round_trip)) == round_trip)
