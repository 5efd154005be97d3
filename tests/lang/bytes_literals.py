b = b'hello'
print(b, b[0], b[1:3], len(b), b + b' world', b * 2)
print(B'x', rb'\n', bytes(3), bytes([65, 66, 67]), bytes('é', 'utf-8'))
print(b'abc'.upper(), b'a,b'.split(b','), b'  x '.strip(), b'abc'.decode())
print(list(b'AB'), 66 in b'AB', b'B' in b'AB', b'abc'.hex(), bytes.fromhex('4142'))
ba = bytearray(b'abc')
ba.append(100)
ba[0] = 65
print(ba, len(ba), bytes(ba), ba.decode())
