"""Check families, one module per family.

A module named by a rule pack's ``check`` key provides::

    def check(seg: Segmented, pack: RulePack, ctx: Context) -> Iterable[Finding]
    def check_corpus(segs: list[Segmented], pack: RulePack, ctx: Context) -> Iterable[CorpusFinding]  # optional
    def describe(seg: Segmented, pack: RulePack, ctx: Context) -> dict  # optional article facts

Modules are discovered, so a new family is a new module plus a new pack in rules/.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType

from ..config import Policy
from ..rulepacks import Rule


@dataclass
class Context:
    policy: Policy
    rules: dict[str, Rule]      # effective rules (config severities and data applied)
    enabled: set[str]           # codes switched on by select/ignore
    shared: dict = field(default_factory=dict)  # corpus-wide memo (e.g. gazetteer) for one run

    def on(self, code: str) -> bool:
        return code in self.enabled

    def any_on(self, codes) -> bool:
        return any(c in self.enabled for c in codes)


@lru_cache(maxsize=1)
def modules() -> dict[str, ModuleType]:
    out = {}
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            out[info.name] = importlib.import_module(f"{__name__}.{info.name}")
    return out
