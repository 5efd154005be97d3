x = 3
s = ("abc"
     'def'
     f"{x}"
     """ghi""")
print(s)
print("a" "b" == "ab", b"a" b"b")
