print('single', "double", '''triple
quoted''', """another
one""")
print('it\'s', "say \"hi\"", 'tab\there', 'back\\slash')
print(r'raw\n', R"raw\t", rb'raw\x00'.hex())
print('adjacent' ' strings' " join")
print(u'unicode prefix', 'caf\u00e9', '\N{GREEK SMALL LETTER ALPHA}', '\U0001F600')
print('\x41\x42\101\102', len('\0'), '\a\b\f\v'.encode())
print("""line1
line2\
continued""")
s = 'héllo wörld'
print(len(s), s[1], s[-1], s[1:5], s[::-1], s.upper())
