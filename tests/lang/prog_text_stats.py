text = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness."""
words = [w.strip(".,").lower() for w in text.split()]
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(len(words), len(freq), top)
lengths = {}
for w in set(words):
    lengths.setdefault(len(w), []).append(w)
for k in sorted(lengths):
    print(k, sorted(lengths[k]))
print(" ".join(w.capitalize() for w in words[:6]), text.count("it was"), text.splitlines()[1][:20])
caesar = "".join(chr((ord(c) - 97 + 3) % 26 + 97) if c.islower() else c for c in "hello, world")
print(caesar)
