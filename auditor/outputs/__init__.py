"""Output formats, one module per format (as bandit's formatters).

A module provides ``FORMAT`` and ``render(run) -> str``; a format that writes a folder (the HTML
report) sets ``DIRECTORY = True`` and provides ``write(run, folder) -> Path``. Modules are
discovered, so a new format is a new module.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType


@lru_cache(maxsize=1)
def formats() -> dict[str, ModuleType]:
    out = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(mod, "FORMAT"):
            out[mod.FORMAT] = mod
    return dict(sorted(out.items()))


def relpath(path: str) -> str:
    """A stable, relative, forward-slash path for machine outputs."""
    import os

    if path.startswith("<"):
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = path
    if rel.startswith(".." + os.sep):
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")
