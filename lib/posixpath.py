"""posixpath — pathname manipulation for POSIX (os.path)."""
import posix as _posix

sep = "/"


def join(a, *parts):
    result = a
    for p in parts:
        if p.startswith("/"):
            result = p
        elif not result or result.endswith("/"):
            result += p
        else:
            result += "/" + p
    return result


def split(p):
    i = p.rfind("/") + 1
    head, tail = p[:i], p[i:]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head, tail


def basename(p):
    return split(p)[1]


def dirname(p):
    return split(p)[0]


def splitext(p):
    dot = p.rfind(".")
    slash = p.rfind("/")
    if dot > slash:
        i = slash + 1
        while i < dot and p[i] == ".":
            i += 1
        if i < dot:
            return p[:dot], p[dot:]
    return p, ""


def isabs(p):
    return p.startswith("/")


def normpath(p):
    if not p:
        return "."
    initial = 2 if p.startswith("//") and not p.startswith("///") else (1 if p.startswith("/") else 0)
    parts = []
    for comp in p.split("/"):
        if comp in ("", "."):
            continue
        if comp != ".." or (not initial and not parts) or (parts and parts[-1] == ".."):
            parts.append(comp)
        elif parts:
            parts.pop()
    result = "/" * initial + "/".join(parts)
    return result or "."


def abspath(p):
    if not isabs(p):
        p = join(_posix.getcwd(), p)
    return normpath(p)


def _mode(p):
    try:
        return _posix.stat(p)[0]
    except OSError:
        return None


def exists(p):
    return _mode(p) is not None


def isdir(p):
    m = _mode(p)
    return m is not None and (m & 0o170000) == 0o040000


def isfile(p):
    m = _mode(p)
    return m is not None and (m & 0o170000) == 0o100000


def getsize(p):
    return _posix.stat(p)[1]


def getmtime(p):
    return _posix.stat(p)[2]


def expanduser(p):
    if not p.startswith("~"):
        return p
    home = _posix.environ.get("HOME", "/")
    i = p.find("/")
    if i < 0:
        i = len(p)
    if i == 1:
        return home + p[1:]
    return p
