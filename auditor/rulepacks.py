"""Rule packs: the rules as data (rules/*.toml), loaded once.

A pack is one family (BP, DC, NM, MT, UA, LG, ...): its rules' codes, names, messages, docs,
examples and data (phrase lists, patterns). The logic that uses the data lives in
``auditor/checks/<pack.check>.py``; rules whose ``kind`` is ``phrase`` or ``pattern`` need no
Python at all and are matched by :mod:`auditor.checks.patterns`, so users can add their own packs.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .findings import Category, Finding, Severity

GENERIC_KINDS = ("phrase", "pattern")


class RulePackError(ValueError):
    pass


@dataclass
class Rule:
    code: str
    name: str
    family: str
    category: Category
    severity: Severity
    message: str
    what: str
    why: str
    kind: str = "custom"
    fix: str | None = None
    fixable: bool = False
    confidence: float = 1.0
    reference: str | None = None
    examples_bad: list = field(default_factory=list)
    examples_good: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    corpus: bool = False  # judged over several articles at once
    english_only: bool = True
    default_enabled: bool = True  # false: on only when selected by its own code or name

    def finding(self, seg, start: int, end: int, *, message: str | None = None,
                suggestion: str | None = None, confidence: float | None = None,
                severity: Severity | None = None, extra: dict | None = None,
                fixable: bool | None = None) -> Finding:
        """A Finding of this rule over ``seg.text[start:end]``.

        ``fixable`` (default: the rule's) marks a safe automatic fix: replace the span with
        ``suggestion``, or delete it when the suggestion is None or empty."""
        return Finding(
            rule=self.code, name=self.name, category=self.category,
            severity=severity or self.severity, start=start, end=end,
            text=seg.text[start:end], message=message or self.message,
            suggestion=suggestion, confidence=self.confidence if confidence is None else confidence,
            fixable=self.fixable if fixable is None else fixable, extra=extra or {},
        )

    def to_dict(self) -> dict:
        return {
            "code": self.code, "name": self.name, "family": self.family,
            "category": self.category.value, "severity": self.severity.value,
            "message": self.message, "what": self.what, "why": self.why, "fix": self.fix,
            "fixable": self.fixable, "reference": self.reference,
            "examples": {"bad": self.examples_bad, "good": self.examples_good},
        }


@dataclass
class RulePack:
    family: str
    title: str
    check: str  # module name under auditor.checks
    description: str
    rules: dict[str, Rule]
    data: dict
    source: str

    def rule(self, code: str) -> Rule:
        return self.rules[code]


def _parse_pack(raw: dict, source: str) -> RulePack:
    try:
        meta = raw["pack"]
        family = meta["family"]
    except KeyError as exc:
        raise RulePackError(f"{source}: missing [pack] key {exc}") from None
    rules: dict[str, Rule] = {}
    for i, r in enumerate(raw.get("rules", [])):
        where = f"{source}: rule #{i + 1}"
        try:
            code = r["code"]
            if not code.startswith(family):
                raise RulePackError(f"{where}: code {code} does not start with family {family}")
            ex = r.get("examples", {})
            rule = Rule(
                code=code, name=r["name"], family=family,
                category=Category(r.get("category", meta.get("category"))),
                severity=Severity.parse(r["severity"]), message=r["message"],
                what=r["what"].strip(), why=r["why"].strip(), kind=r.get("kind", "custom"),
                fix=(r.get("fix") or None), fixable=bool(r.get("fixable", False)),
                confidence=float(r.get("confidence", 1.0)), reference=r.get("reference"),
                examples_bad=list(ex.get("bad", [])), examples_good=list(ex.get("good", [])),
                data=dict(r.get("data", {})), corpus=bool(r.get("corpus", False)),
                english_only=bool(r.get("english_only", meta.get("english_only", True))),
                default_enabled=bool(r.get("default", True)),
            )
        except KeyError as exc:
            raise RulePackError(f"{where}: missing key {exc}") from None
        except ValueError as exc:
            raise RulePackError(f"{where}: {exc}") from None
        if code in rules:
            raise RulePackError(f"{where}: duplicate code {code}")
        _validate(rule, where)
        rules[code] = rule
    return RulePack(family=family, title=meta.get("title", family), check=meta.get("check", "patterns"),
                    description=meta.get("description", "").strip(), rules=rules,
                    data=dict(raw.get("data", {})), source=source)


def _validate(rule: Rule, where: str) -> None:
    if rule.kind not in ("custom", *GENERIC_KINDS):
        raise RulePackError(f"{where}: unknown kind {rule.kind!r}")
    if rule.kind == "pattern":
        for pat in rule.data.get("patterns", []):
            try:
                re.compile(pat)
            except re.error as exc:
                raise RulePackError(f"{where}: bad pattern {pat!r}: {exc}") from None


def load_pack_file(path: str | Path) -> RulePack:
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulePackError(f"{p}: cannot read rule pack ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(f"{p}: invalid TOML ({exc})") from None
    return _parse_pack(raw, str(p))


def builtin_dir():
    """The shipped rules folder (inside the wheel as auditor/rules, or rules/ in a checkout)."""
    try:
        return resources.files("auditor.rules")
    except ModuleNotFoundError:  # running from a source checkout that was not installed
        return Path(__file__).resolve().parent.parent / "rules"


def data_path(name: str):
    """A data file shipped with the rule packs (gazetteers, word lists)."""
    return builtin_dir() / "data" / name


@lru_cache(maxsize=1)
def builtin_packs() -> tuple[RulePack, ...]:
    packs = []
    for entry in sorted(builtin_dir().iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            raw = tomllib.loads(entry.read_text(encoding="utf-8"))
            packs.append(_parse_pack(raw, f"rules/{entry.name}"))
    return tuple(packs)


def load_packs(extra: list[str] | None = None) -> list[RulePack]:
    packs = list(builtin_packs())
    seen = {code for p in packs for code in p.rules}
    for path in extra or []:
        pack = load_pack_file(path)
        clash = seen & set(pack.rules)
        if clash:
            raise RulePackError(f"{path}: rule codes already defined: {', '.join(sorted(clash))}")
        seen |= set(pack.rules)
        packs.append(pack)
    return packs


def all_rules(packs: list[RulePack]) -> dict[str, Rule]:
    return {code: rule for p in packs for code, rule in p.rules.items()}
