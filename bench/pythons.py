"""The interpreters a benchmark run compares: krait with the JIT on and off,
with tier 1 only and with tier 1 unspecialised, then the other Pythons
named on the command line or, by default, every python3.X on PATH or
installed through pyenv, and pypy3 when present (--pythons narrows those).
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
    (None for other Pythons, and for krait columns where tier 2 is off and
    PYTHON_JIT means nothing); version: the exact version text; shown: the
    command as the report prints it; krait: this is krait."""

    def __init__(self, label, cmd, jit, version, shown=None, krait=None):
        self.label, self.cmd, self.jit, self.version = label, cmd, jit, version
        self.shown = shown or " ".join(cmd)
        self.krait = jit is not None if krait is None else krait

    def is_krait(self):
        return self.krait


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


def wanted(label, versions):
    """True when `versions` (e.g. ["3.13", "pypy"]; None: everything) picks
    the interpreter labelled e.g. "CPython 3.13.0". "3.1" does not pick
    3.13: a version matches whole dotted components."""
    if versions is None:
        return True
    text = label.lower()
    return any(re.search(r"(^|\s)%s(\.|\s|$)" % re.escape(v.lower()), text) for v in versions)


def others(paths=None, versions=None):
    """Interps for the given paths, or for everything found; one per label
    (the same version reachable twice is measured once), newest first;
    only those `wanted` picks when versions is given."""
    seen, result = set(), []
    for path in paths if paths else candidates():
        real = os.path.realpath(shutil.which(path) or path)
        it = describe(real)
        if it is None or it.label in seen or not wanted(it.label, versions):
            continue
        seen.add(it.label)
        result.append(it)
    if not paths:
        result.sort(key=_version_key, reverse=True)
    return result


# krait's columns: (label, PYTHON_JIT, options). Tier 1 alone and tier 1
# without specialisation are the before/after of the specialising
# interpreter; JIT off runs traces in the micro-op interpreter.
ON, OFF, TIER1, GENERIC = "krait JIT on", "krait JIT off", "krait tier 1", "krait generic"
KRAIT_COLUMNS = [
    (ON, "1", []),
    (OFF, "0", []),
    (TIER1, None, ["-X", "tier2=0"]),
    (GENERIC, None, ["-X", "tier2=0", "-X", "specialization=0"]),
]


def kraits(krait, shown):
    """krait's columns (KRAIT_COLUMNS). `krait` is the binary to run, `shown`
    how the report names it. The version line also gives the binary's build
    time and hash: "krait 0.1" alone changes meaning every day."""
    version = _out([krait, "-V"]).strip() or "krait (version unknown)"
    with open(krait, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    built = time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(krait)))
    version += ", binary built %s, sha256 %s" % (built, digest)
    return [Interp(label, [krait] + opts, jit, version, " ".join([shown] + opts), krait=True)
            for label, jit, opts in KRAIT_COLUMNS]


def pick_baseline(interps, wanted):
    """The interpreter whose label contains `wanted` (e.g. "CPython 3.13"),
    else the first non-krait one, else the first."""
    for it in interps:
        if wanted in it.label:
            return it
    return next((it for it in interps if not it.is_krait()), interps[0])
