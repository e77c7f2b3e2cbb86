"""Fingerprints and baselines: accept today's findings so CI fails only on new ones.

A finding's fingerprint is built from what it *is*, not where it sits: the path, the rule, the
matched text normalised (Unicode NFKC, case-folded, runs of whitespace as one space) and its
occurrence index among the findings of the same rule and normalised text in that article. Edits
elsewhere in the file move offsets and line numbers but leave the fingerprint alone; a second copy
of the same boilerplate line gets occurrence 1 and is new.

``write_baseline(run, path)`` records every finding of a run; ``apply_baseline(run, baseline)``
drops the recorded findings from a Run, recomputes the scores without them and judges each article
again, so a baselined finding is neither reported nor fails the policy. Paths in a baseline file are
relative to the file's own folder, so it works from any working directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, scoring
from .engine import Run, judge
from .findings import CorpusFinding, Finding

FORMAT_VERSION = 1
_SNIPPET = 80


class BaselineError(ValueError):
    pass


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def fingerprint(path: str, rule: str, text: str, occurrence: int) -> str:
    """A stable id for a finding (``text`` is normalised here)."""
    key = "\x1f".join((path, rule, normalise(text), str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def occurrences(findings: list[Finding]) -> list[int]:
    """For each finding, its index among the article's findings of the same rule and normalised
    text, counted in text order."""
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key())
    occ = [0] * len(findings)
    seen: dict[tuple[str, str], int] = {}
    for i in order:
        k = (findings[i].rule, normalise(findings[i].text))
        occ[i] = seen.get(k, 0)
        seen[k] = occ[i] + 1
    return occ


def finding_fingerprints(path_key: str, findings: list[Finding]) -> list[str]:
    return [fingerprint(path_key, f.rule, f.text, occ)
            for f, occ in zip(findings, occurrences(findings))]


def corpus_fingerprint(cf: CorpusFinding, path_key) -> str:
    """A corpus finding: its rule and the (path, normalised text) of every span, order-free."""
    spans = sorted(f"{path_key(s.path)}\x1e{normalise(s.text)}" for s in cf.spans)
    key = "\x1f".join((cf.rule, *spans))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def path_key_for(base: Path | None):
    """Article path -> the path a baseline records: relative to ``base`` (forward slashes)."""
    root = os.path.abspath(base) if base is not None else os.getcwd()

    def key(path: str) -> str:
        if path.startswith("<"):
            return path
        try:
            rel = os.path.relpath(os.path.abspath(path), root)
        except ValueError:  # another drive on Windows
            rel = os.path.abspath(path)
        return rel.replace(os.sep, "/")

    return key


# ---- writing ------------------------------------------------------------------------------

def baseline_document(run: Run, base: Path | None = None) -> dict:
    key = path_key_for(base)
    entries = []
    for a in run.articles:
        pk = key(a.path)
        for f, occ, fp in zip(a.findings, occurrences(a.findings), finding_fingerprints(pk, a.findings)):
            entries.append({"path": pk, "rule": f.rule, "occurrence": occ,
                            "text": _snippet(f.text), "fingerprint": fp})
    corpus = [{"rule": c.rule, "paths": sorted({key(p) for p in c.paths}),
               "text": _snippet(c.spans[0].text) if c.spans else "",
               "fingerprint": corpus_fingerprint(c, key)} for c in run.corpus_findings]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["text"], e["occurrence"]))
    corpus.sort(key=lambda e: (e["rule"], e["paths"], e["fingerprint"]))
    return {"auditor_baseline": FORMAT_VERSION,
            "tool": {"name": "auditor", "version": __version__},
            "findings": entries, "corpus": corpus}


def write_baseline(run: Run, path: str | Path) -> int:
    """Record every finding of ``run``; returns how many (article and corpus findings)."""
    p = Path(path)
    doc = baseline_document(run, p.parent)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(doc["findings"]) + len(doc["corpus"])


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[:_SNIPPET - 1] + "…"


# ---- reading and applying -----------------------------------------------------------------

@dataclass
class Baseline:
    fingerprints: dict[str, str]   # fingerprint -> the path it was recorded for
    corpus: dict[str, list[str]]   # fingerprint -> paths
    base: Path | None = None  # the folder paths are relative to
    source: str = "<baseline>"

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        p = Path(path)
        try:
            raw = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{p}: baseline file not found (create it with --write-baseline)") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{p}: cannot read baseline ({exc})") from None
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{p}: invalid baseline JSON ({exc.msg}, line {exc.lineno})") from None
        if not isinstance(raw, dict) or raw.get("auditor_baseline") != FORMAT_VERSION:
            raise BaselineError(f"{p}: not an auditor baseline (version {FORMAT_VERSION})")
        try:
            fps = {str(e["fingerprint"]): str(e["path"]) for e in raw.get("findings", [])}
            corpus = {str(e["fingerprint"]): [str(x) for x in e["paths"]] for e in raw.get("corpus", [])}
        except (TypeError, KeyError):
            raise BaselineError(f"{p}: malformed baseline entries") from None
        return cls(fingerprints=fps, corpus=corpus, base=p.parent, source=str(p))


@dataclass
class BaselineResult:
    suppressed: int = 0          # findings dropped because the baseline has them
    stale: int = 0               # entries for audited files that matched nothing (fixed since)
    per_article: dict[str, int] = field(default_factory=dict)


def apply_baseline(run: Run, baseline: Baseline) -> BaselineResult:
    """Drop baselined findings from ``run`` in place, rescore and re-judge its articles."""
    key = path_key_for(baseline.base)
    result = BaselineResult()
    matched: set[str] = set()
    for a in run.articles:
        fps = finding_fingerprints(key(a.path), a.findings)
        keep = [f for f, fp in zip(a.findings, fps) if fp not in baseline.fingerprints]
        matched.update(fp for fp in fps if fp in baseline.fingerprints)
        dropped = len(a.findings) - len(keep)
        if not dropped:
            continue
        result.suppressed += dropped
        result.per_article[a.path] = dropped
        a.findings = keep
        a.quality = scoring.quality(keep, a.words)
        a.traceability = scoring.traceability(keep, a.words, a.facts)
        judge(a, run.policy)
    kept_corpus = []
    for c in run.corpus_findings:
        fp = corpus_fingerprint(c, key)
        if fp in baseline.corpus:
            matched.add(fp)
            result.suppressed += 1
        else:
            kept_corpus.append(c)
    run.corpus_findings = kept_corpus
    audited = {key(a.path) for a in run.articles}
    result.stale = sum(1 for fp, p in baseline.fingerprints.items() if p in audited and fp not in matched)
    result.stale += sum(1 for fp, ps in baseline.corpus.items()
                        if set(ps) <= audited and fp not in matched)
    return result
