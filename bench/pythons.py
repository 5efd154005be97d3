"""The interpreters a benchmark run compares: krait with the JIT on and off,
then the other Pythons named on the command line or, by default, every
python3.X on PATH or installed through pyenv, and pypy3 when present.
"""
import hashlib
import os
import re
import shutil
import subprocess
import time

PROBE = ("import platform, sys; print(platform.python_implementation(), "
         "sys.version.split()[0]); print(sys.version.replace(chr(10), ' ')); "
         "print(sys.executable)")


class Interp:
    """label: the column title; cmd: argv prefix; jit: PYTHON_JIT for krait
    (None for other Pythons); version: the exact version text; shown: the
    command as the report prints it."""

    def __init__(self, label, cmd, jit, version, shown=None):
        self.label, self.cmd, self.jit, self.version = label, cmd, jit, version
        self.shown = shown or " ".join(cmd)

    def is_krait(self):
        return self.jit is not None


def _out(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""


def candidates():
    """Executable paths of other Pythons found on this machine."""
    found = []
    if shutil.which("pyenv"):
        for v in _out(["pyenv", "versions", "--bare"]).split():
            # skip 2.x, "system" and virtualenvs (they contain a "/")
            if re.fullmatch(r"(3\.\d+\.\d+\w*|pypy3[\w.-]*)", v):
                prefix = _out(["pyenv", "prefix", v]).strip()
                for exe in ("python3", "pypy3"):
                    path = os.path.join(prefix, "bin", exe)
                    if prefix and os.access(path, os.X_OK):
                        found.append(path)
                        break
    for d in os.environ.get("PATH", "").split(os.pathsep):
        # pyenv shims only forward to the versions listed above, and fail
        # for versions that are not selected
        if not os.path.isdir(d) or os.path.basename(d) == "shims":
            continue
        for name in sorted(os.listdir(d)):
            if re.fullmatch(r"python3\.\d+|pypy3", name):
                found.append(os.path.join(d, name))
    return found


def describe(path):
    """An Interp for a Python executable, or None when it does not run. The
    command is the interpreter's own sys.executable, so that a pyenv shim
    given on the command line does not add its start-up to every run."""
    lines = _out([path, "-c", PROBE]).splitlines()
    if len(lines) < 2:
        return None
    exe = lines[2] if len(lines) > 2 and os.access(lines[2], os.X_OK) else path
    return Interp(lines[0], [exe], None, " ".join(lines[1].split()))


def _version_key(interp):
    nums = re.findall(r"\d+", interp.label)
    return (interp.label.startswith("CPython"), [int(n) for n in nums])


def others(paths=None):
    """Interps for the given paths, or for everything found; one per label
    (the same version reachable twice is measured once), newest first."""
    seen, result = set(), []
    for path in paths if paths else candidates():
        real = os.path.realpath(shutil.which(path) or path)
        it = describe(real)
        if it is None or it.label in seen:
            continue
        seen.add(it.label)
        result.append(it)
    if not paths:
        result.sort(key=_version_key, reverse=True)
    return result


def kraits(krait, shown):
    """krait with the JIT on and off. `krait` is the binary to run, `shown`
    how the report names it. The version line also gives the binary's build
    time and hash: "krait 0.1" alone changes meaning every day."""
    version = _out([krait, "-V"]).strip() or "krait (version unknown)"
    with open(krait, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    built = time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(krait)))
    version += ", binary built %s, sha256 %s" % (built, digest)
    return [Interp("krait JIT on", [krait], "1", version, shown),
            Interp("krait JIT off", [krait], "0", version, shown)]


def pick_baseline(interps, wanted):
    """The interpreter whose label contains `wanted` (e.g. "CPython 3.13"),
    else the first non-krait one, else the first."""
    for it in interps:
        if wanted in it.label:
            return it
    return next((it for it in interps if not it.is_krait()), interps[0])
