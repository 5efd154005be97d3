import os
# Work in a private directory: the test runner runs engine modes in parallel.
workdir = "/tmp/krait_file_io_%d" % os.getpid()
os.mkdir(workdir)
os.chdir(workdir)
path = "tmp_file_io_test.txt"
with open(path, "w") as f:
    print(f.write("line one\n"), f.write("line two\nline three"))
    f.writelines(["\nmore", "\nend\n"])
with open(path) as f:
    print(repr(f.read()))
with open(path) as f:
    print(f.readline(), end="")
    print(f.readlines())
with open(path) as f:
    for i, line in enumerate(f):
        print(i, line.rstrip())
with open(path, "a") as f:
    f.write("appended\n")
with open(path, "rb") as f:
    data = f.read()
    print(type(data).__name__, len(data), data[:8])
with open(path, "wb") as f:
    f.write(bytes(range(65, 70)))
with open(path, "r", encoding="utf-8") as f:
    print(f.read(), f.name, f.mode, f.closed)
print(f.closed)
with open(path, "w", encoding="utf-8") as f:
    f.write("ünïcödé ☃\n")
with open(path, encoding="utf-8") as f:
    print(f.read().strip())
os.remove(path)
try:
    open(path)
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
os.chdir("/")
os.rmdir(workdir)
print(os.path.exists(workdir))
