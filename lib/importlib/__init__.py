"""A small importlib for krait: import_module and invalidate_caches.

krait's import system is written in C (src/vm/import.c) and has no
finders, loaders or specs, so only the parts of importlib that work in
terms of module names are offered here.
"""

import sys

__all__ = ["import_module", "invalidate_caches"]


def _resolve_name(name, package, level):
    bits = package.rsplit(".", level - 1)
    if len(bits) < level:
        raise ImportError("attempted relative import beyond top-level package")
    base = bits[0]
    return f"{base}.{name}" if name else base


def import_module(name, package=None):
    """Import a module by name; a leading dot makes it relative to package."""
    level = 0
    if name.startswith("."):
        if not package:
            raise TypeError("the 'package' argument is required to perform a "
                            f"relative import for {name!r}")
        for character in name:
            if character != ".":
                break
            level += 1
    fullname = _resolve_name(name[level:], package, level) if level else name
    __import__(fullname)
    return sys.modules[fullname]


def invalidate_caches():
    """Nothing to do: krait does not cache directory listings."""
