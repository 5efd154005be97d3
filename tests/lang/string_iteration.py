s = "Hello, Wörld! 123"
print([c for c in s if c.isupper()], sum(c.isdigit() for c in s), {c: s.count(c) for c in "lo"})
print(list(enumerate("abc")), "".join(reversed(s)), s[::2], sorted(set(s.lower()) - set(" ,!")))
vowels = sum(1 for c in s.lower() if c in "aeiouö")
print(vowels, max(s), min(s.replace(" ", "")), s.split(", "), "-".join(s.split()))
rle = []
text = "aaabccddddde"
i = 0
while i < len(text):
    j = i
    while j < len(text) and text[j] == text[i]:
        j += 1
    rle.append(f"{text[i]}{j - i}")
    i = j
print("".join(rle))
print(ord("A"), chr(ord("A") + 25), [chr(c) for c in range(0x3b1, 0x3b6)], "\u00e9" == "é")
