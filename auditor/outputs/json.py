"""JSON, as docs/CONTRACT.md specifies: one document, deterministic."""

from __future__ import annotations

import json

from .. import __version__

FORMAT = "json"
SCHEMA_VERSION = "0.2.0"


def article_dict(a) -> dict:
    d = {
        "path": a.path,
        "language": a.language,
        "words": a.words,
        "encoding": a.encoding,
        "scores": a.scores,
        "passed": a.passed,
        "fail_reasons": a.fail_reasons,
        "findings": [f.to_dict() for f in a.findings],
        "breakdown": {"quality": a.quality.to_dict(), "traceability": a.traceability.to_dict()},
    }
    if a.encoding_note:
        d["encoding_note"] = a.encoding_note
    for key in sorted(a.facts):
        d[key] = a.facts[key]
    return d


def document(run) -> dict:
    return {
        "tool": {"name": "auditor", "version": __version__},
        "articles": [article_dict(a) for a in run.articles],
        "corpus": {"findings": [c.to_dict() for c in run.corpus_findings]},
        "errors": [{"path": e.path, "reason": e.reason} for e in run.errors],
    }


def render(run) -> str:
    return json.dumps(document(run), ensure_ascii=False, indent=2) + "\n"
