"""os — operating-system interfaces (the subset krait provides), built on
the `posix` built-in module as CPython's os is."""
import posix as _posix
import posixpath as path
import sys as _sys
from posix import getcwd, listdir, remove, unlink, rmdir, mkdir, chdir, rename, getpid

name = "posix"
sep = "/"
altsep = None
extsep = "."
pathsep = ":"
linesep = "\n"
curdir = "."
pardir = ".."
devnull = "/dev/null"
environ = _posix.environ

# `import os.path` finds this entry (os is a module, not a package), which is
# how CPython's os makes os.path importable too.
_sys.modules["os.path"] = path


class stat_result:
    def __init__(self, mode, size, mtime):
        self.st_mode = mode
        self.st_size = size
        self.st_mtime = mtime

    def __repr__(self):
        return "os.stat_result(st_mode=%d, st_size=%d, st_mtime=%r)" % (
            self.st_mode, self.st_size, self.st_mtime)


def stat(p):
    return stat_result(*_posix.stat(p))


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    _posix.putenv(key, value)


def makedirs(p, exist_ok=False):
    if path.isdir(p):
        if not exist_ok:
            raise FileExistsError(17, "File exists", p)
        return
    head = path.dirname(p.rstrip("/"))
    if head and not path.isdir(head):
        makedirs(head, exist_ok=True)
    mkdir(p)


def fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    fn = getattr(type(p), "__fspath__", None)
    if fn is None:
        raise TypeError("expected str, bytes or os.PathLike object, not " + type(p).__name__)
    return fn(p)
