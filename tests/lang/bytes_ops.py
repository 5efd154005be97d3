b = bytes(range(250, 256)) + b"AZaz09"
print(b, len(b), b[0], b[-1], list(b[:3]), b.hex(), b.hex(":") if False else "")
print(b"%s-%d-%x" % (b"ab", 5, 255), b"a b c".split(), b"x".join([b"1", b"2"]), b"abc".replace(b"b", b"B"))
print(b"hello".find(b"l"), b"hello".count(b"l"), b"hello".startswith(b"he"), b"Hello".lower(), b"hello".title())
print(bytes.fromhex("de ad be ef"), b"\x00\x01".hex(), b"abc" < b"abd", b"abc" == bytearray(b"abc"))
ba = bytearray(5)
ba[1:3] = b"xy"
ba.extend(b"!!")
ba += b"?"
del ba[0]
print(ba, ba.pop(), ba.find(b"y"), bytes(ba), ba.upper(), len(ba))
ba.reverse(); print(ba)
ba.clear(); print(ba, bytearray(b"ab") * 2, bytearray("é", "utf-8"))
print("héllo".encode("utf-8"), "héllo".encode("latin-1"), "hi".encode("ascii"), b"h\xc3\xa9".decode("utf-8"))
print(b"\xe9".decode("latin-1"), b"abc\xff".decode("utf-8", "replace"), b"abc\xff".decode("ascii", "ignore"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
print(bytes([1, 2]) + bytearray(b"3"), type(bytearray(b"x") + b"y").__name__, b"a" * 0, 98 in b"abc")
