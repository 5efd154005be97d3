for s in ['a\nb', 'q\'s', 'd"q', 'both\'"', '\t\r\x7f', 'é', '\u200b', '\U0001F600', '\\']:
    print(repr(s))
print(ascii('é😀'), ascii('plain'))
print(repr(b'\x00\xff\n\'"'), repr(b"it's"), repr(b'\\'))
