"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).

One run; ``tool.driver.rules`` describes every rule that is on (so a result's ``ruleIndex``
points into it and a viewer can show the rule's help); one result per finding, with a 1-based
region whose ``endColumn`` is exclusive, the file's path relative to the working directory, and a
``partialFingerprints`` entry built from the rule, the normalised matched text and its occurrence
(see :mod:`auditor.baseline`) so an alert keeps its identity when the file is edited elsewhere.
Columns count Unicode code points (``columnKind``), as the finding offsets do.

A corpus finding (several articles) is one result whose primary location is its first span and
whose other spans are ``relatedLocations``, linked from the message. Unreadable inputs are
``toolExecutionNotifications`` of the invocation, which then reports ``executionSuccessful: false``.
GitHub keeps at most 25,000 results a run and 10 MB gzipped a file; results past
``MAX_RESULTS`` are dropped (the most severe are kept) and a notification says so.
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..baseline import corpus_fingerprint, finding_fingerprints
from ..findings import Severity
from . import relpath

FORMAT = "sarif"
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
VERSION = "2.1.0"
MAX_RESULTS = 25_000
LEVELS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}
FINGERPRINT_KEY = "auditorFingerprint/v1"


def information_uri() -> str | None:
    """The project's home page from the installed package metadata, if it declares one."""
    try:
        meta = metadata.metadata("auditor")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "repository", "source", "documentation"):
            return url.strip() or None
    home = meta.get("Home-page")
    return home if home and home.upper() != "UNKNOWN" else None


def rule_descriptor(rule) -> dict:
    help_text, help_md = _help(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.what},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "category": rule.category.value,
            "severity": rule.severity.value,
            "fixable": rule.fixable,
            "tags": ["auditor", rule.category.value, rule.family],
        },
    }


def _help(rule) -> tuple[str, str]:
    text = [rule.what, "", "Why is this bad? " + rule.why]
    md = [f"**{rule.code} ({rule.name})**", "", "## What it does", rule.what, "",
          "## Why is this bad?", rule.why]
    if rule.fix:
        text += ["", "Fix: " + rule.fix]
        md += ["", "## Fix", rule.fix]
    bad = [b for b in rule.examples_bad[:1]]
    if bad:
        ex = "\n---\n".join(bad[0]) if isinstance(bad[0], list) else bad[0]
        md += ["", "## Example (flagged)", "```text", ex.strip(), "```"]
    if rule.reference:
        text += ["", "Reference: " + rule.reference]
        md += ["", "Reference: " + rule.reference]
    return "\n".join(text), "\n".join(md)


def artifact_uri(path: str) -> str:
    """The path relative to the working directory as a URI reference (forward slashes, anything
    else percent-encoded); a file outside the working directory as an absolute ``file:`` URI."""
    rel = relpath(path)
    if not rel.startswith("<") and os.path.isabs(rel):
        return Path(rel).as_uri()
    return quote(rel, safe="/")


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"startLine": max(1, line), "startColumn": max(1, column),
            "endLine": max(1, end_line, line), "endColumn": max(1, end_column)}


def _location(path: str, region: dict, loc_id: int | None = None, message: str | None = None) -> dict:
    loc: dict = {}
    if loc_id is not None:
        loc["id"] = loc_id
    loc["physicalLocation"] = {"artifactLocation": {"uri": artifact_uri(path)}, "region": region}
    if message:
        loc["message"] = {"text": message}
    return loc


def _message(f) -> str:
    snippet = " ".join(f.text.split())
    if len(snippet) > 120:
        snippet = snippet[:117] + "..."
    msg = f"{f.message}: “{snippet}”"
    if f.suggestion:
        msg += f" (suggest: {f.suggestion})"
    elif f.fixable:
        msg += " (fix: delete it)"
    return msg


def _span_end(span) -> tuple[int, int]:
    """End line and exclusive end column of a corpus span (spans carry only their start)."""
    lines = span.text.split("\n")
    if len(lines) == 1:
        return span.line, span.column + len(span.text)
    return span.line + len(lines) - 1, len(lines[-1]) + 1


def document(run) -> dict:
    rules = sorted(run.rules.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results: list[dict] = []
    for a in run.articles:
        uri = relpath(a.path)
        fps = finding_fingerprints(uri, a.findings)
        for f, fp in zip(a.findings, fps):
            res = {
                "ruleId": f.rule,
                "ruleIndex": index.get(f.rule, -1),
                "level": LEVELS[f.severity],
                "message": {"text": _message(f)},
                "locations": [_location(a.path, _region(f.line, f.column, f.end_line, f.end_column))],
                "partialFingerprints": {"primaryLocationLineHash": fp, FINGERPRINT_KEY: fp},
                "properties": {"category": f.category.value, "severity": f.severity.value,
                               "confidence": round(f.confidence, 2), "fixable": f.fixable},
            }
            if f.suggestion is not None:
                res["properties"]["suggestion"] = f.suggestion
            results.append(res)
    for c in run.corpus_findings:
        if not c.spans:
            continue
        spans = sorted(c.spans, key=lambda s: (relpath(s.path), s.start))
        locs = [_location(s.path, _region(s.line, s.column, *_span_end(s)), i, s.text[:120])
                for i, s in enumerate(spans)]
        primary = dict(locs[0])
        primary.pop("id", None)
        related = locs[1:]
        links = ", ".join(f"[{relpath(s.path)}:{s.line}]({i})" for i, s in enumerate(spans) if i)
        text = c.message + (f" (suggest: {c.suggestion})" if c.suggestion else "")
        if links:
            text += f"; also in {links}"
        fp = corpus_fingerprint(c, relpath)
        res = {
            "ruleId": c.rule,
            "ruleIndex": index.get(c.rule, -1),
            "level": LEVELS[c.severity],
            "message": {"text": text},
            "locations": [primary],
            "partialFingerprints": {"primaryLocationLineHash": fp, FINGERPRINT_KEY: fp},
            "properties": {"category": c.category.value, "severity": c.severity.value,
                           "confidence": round(c.confidence, 2), "corpus": True,
                           "paths": [relpath(p) for p in c.paths]},
        }
        if related:
            res["relatedLocations"] = related
        results.append(res)
    notifications = [{"level": "error", "message": {"text": e.reason},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(e.path)}}}]}
                     for e in run.errors]
    if len(results) > MAX_RESULTS:
        rank = {"error": 0, "warning": 1, "note": 2}
        keep = sorted(range(len(results)), key=lambda i: (rank[results[i]["level"]], i))[:MAX_RESULTS]
        dropped = len(results) - MAX_RESULTS
        results = [results[i] for i in sorted(keep)]
        notifications.append({"level": "warning", "message": {
            "text": f"{dropped} less severe result(s) left out: code scanning accepts at most "
                    f"{MAX_RESULTS} a run (use the JSON output for all of them)"}})
    driver = {"name": "auditor", "version": __version__, "semanticVersion": __version__}
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = [rule_descriptor(r) for r in rules]
    invocation = {"executionSuccessful": not run.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"articles": len(run.articles),
                           "failed": sum(1 for a in run.articles if not a.passed)},
        }],
    }


def render(run) -> str:
    return json.dumps(document(run), ensure_ascii=False, indent=2) + "\n"
