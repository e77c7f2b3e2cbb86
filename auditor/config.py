"""Configuration -> one Policy: ``[tool.auditor]`` in pyproject.toml or ``auditor.toml``.

The closest file to the working directory wins (auditor.toml before pyproject.toml in the same
folder); ``--config PATH`` names one explicitly. Command-line options override the file.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .findings import Severity


class ConfigError(ValueError):
    pass


@dataclass
class Policy:
    select: list[str] = field(default_factory=list)   # codes, prefixes or names; empty = all
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)  # per code/prefix/name override
    fail_on: Severity = Severity.HIGH
    fail_under: float | None = None                 # any score under it fails the article
    fail_under_quality: float | None = None
    fail_under_traceability: float | None = None
    min_confidence: float = 0.0
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    accepted_names: list[str] = field(default_factory=list)    # never flagged as misspelt
    house_spellings: dict[str, str] = field(default_factory=dict)  # wrong -> preferred
    rule_data: dict[str, dict] = field(default_factory=dict)   # CODE -> data to extend
    extend_rule_packs: list[str] = field(default_factory=list)
    output_dir: str = "reports"
    source: str | None = None   # the config file this came from

    def with_overrides(self, **kw) -> Policy:
        return replace(self, **{k: v for k, v in kw.items() if v is not None})


_KEYS = {
    "select", "ignore", "extend-select", "extend-ignore", "severity", "fail-on", "fail-under",
    "fail-under-quality", "fail-under-traceability", "min-confidence", "per-file-ignores",
    "accepted-names", "house-spellings", "rules", "extend-rule-packs", "output-dir",
}


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "auditor.toml"
        if own.is_file():
            return own
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                if "auditor" in tomllib.loads(py.read_text(encoding="utf-8")).get("tool", {}):
                    return py
            except (tomllib.TOMLDecodeError, OSError):
                continue
    return None


def load_policy(path: str | Path | None = None, *, discover: bool = True) -> Policy:
    cfg = Path(path) if path else (find_config() if discover else None)
    if cfg is None:
        return Policy()
    try:
        raw = tomllib.loads(cfg.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{cfg}: cannot read config ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{cfg}: invalid TOML ({exc})") from None
    table = raw.get("tool", {}).get("auditor", {}) if cfg.name == "pyproject.toml" else raw
    return policy_from_table(table, str(cfg))


def policy_from_table(table: dict, source: str = "<config>") -> Policy:
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigError(f"{source}: unknown option(s): {', '.join(sorted(unknown))}")
    base = Path(source).parent if source and not source.startswith("<") else Path.cwd()
    try:
        return Policy(
            select=_strs(table.get("select", [])) + _strs(table.get("extend-select", [])),
            ignore=_strs(table.get("ignore", [])) + _strs(table.get("extend-ignore", [])),
            severity={k: Severity.parse(v) for k, v in table.get("severity", {}).items()},
            fail_on=Severity.parse(table.get("fail-on", "high")),
            fail_under=_num(table.get("fail-under")),
            fail_under_quality=_num(table.get("fail-under-quality")),
            fail_under_traceability=_num(table.get("fail-under-traceability")),
            min_confidence=float(table.get("min-confidence", 0.0)),
            per_file_ignores={k: _strs(v) for k, v in table.get("per-file-ignores", {}).items()},
            accepted_names=_strs(table.get("accepted-names", [])),
            house_spellings={str(k): str(v) for k, v in table.get("house-spellings", {}).items()},
            rule_data={str(k): dict(v) for k, v in table.get("rules", {}).items()},
            extend_rule_packs=[str(base / p) for p in _strs(table.get("extend-rule-packs", []))],
            output_dir=str(table.get("output-dir", "reports")),
            source=source,
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{source}: {exc}") from None


def _strs(v) -> list[str]:
    if isinstance(v, str):
        return [v]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise TypeError(f"expected a list of strings, got {v!r}")
    return list(v)


def _num(v) -> float | None:
    return None if v is None else float(v)


def selector_matches(selector: str, code: str, name: str) -> bool:
    """A selector is a code ('NM101'), a prefix ('NM', 'MT1'), 'ALL', or a kebab-case name."""
    s = selector.strip()
    return s.upper() == "ALL" or code.startswith(s.upper()) or s.lower() == name


def rule_enabled(policy: Policy, code: str, name: str, path: str | None = None) -> bool:
    if policy.select and not any(selector_matches(s, code, name) for s in policy.select):
        return False
    if any(selector_matches(s, code, name) for s in policy.ignore):
        return False
    if path:
        for pattern, sels in policy.per_file_ignores.items():
            if _glob(path, pattern) and any(selector_matches(s, code, name) for s in sels):
                return False
    return True


def _glob(path: str, pattern: str) -> bool:
    return fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern)


def severity_for(policy: Policy, code: str, name: str, default: Severity) -> Severity:
    # The most specific selector wins: a full code over a prefix.
    best: tuple[int, Severity] | None = None
    for sel, sev in policy.severity.items():
        if selector_matches(sel, code, name):
            rank = len(sel) if sel.lower() != name else 100
            if best is None or rank > best[0]:
                best = (rank, sev)
    return best[1] if best else default
