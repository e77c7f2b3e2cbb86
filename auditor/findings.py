"""Finding, Category and Severity: the plain records every check produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (use high, medium or low)") from None


_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}


class Category(str, Enum):
    BOILERPLATE = "boilerplate"
    DUPLICATE_CAPTION = "duplicate_caption"
    NAME_MISSPELLING = "name_misspelling"
    MT_ARTEFACT = "mt_artefact"
    UNATTRIBUTED_CLAIM = "unattributed_claim"
    LANGUAGE = "language"
    SYNDICATION = "syndication"


@dataclass(slots=True)
class Finding:
    """One issue in one article (MQM's sense: automatic, until a person confirms it)."""

    rule: str
    name: str
    category: Category
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    suggestion: str | None = None
    confidence: float = 1.0
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    fixable: bool = False
    # Rule-specific details a check wants carried to the outputs (e.g. {"attribution": "vague"}).
    extra: dict = field(default_factory=dict)

    def sort_key(self) -> tuple:
        return (self.start, self.end, self.rule, self.text)

    def to_dict(self) -> dict:
        out = {
            "rule": self.rule,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "confidence": round(self.confidence, 2),
        }
        if self.extra:
            out["extra"] = self.extra
        return out


@dataclass(slots=True)
class Span:
    """A place in one article, used by corpus findings."""

    path: str
    start: int
    end: int
    text: str
    line: int = 0
    column: int = 0

    def to_dict(self) -> dict:
        return {"path": self.path, "start": self.start, "end": self.end,
                "line": self.line, "column": self.column, "text": self.text}


@dataclass(slots=True)
class CorpusFinding:
    """A finding that spans several articles (copied passages, name variants, conflicting figures)."""

    rule: str
    name: str
    category: Category
    severity: Severity
    message: str
    spans: list[Span]
    suggestion: str | None = None
    confidence: float = 1.0

    @property
    def paths(self) -> list[str]:
        return sorted({s.path for s in self.spans})

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "message": self.message,
            "suggestion": self.suggestion,
            "confidence": round(self.confidence, 2),
            "paths": self.paths,
            "spans": [s.to_dict() for s in self.spans],
        }
