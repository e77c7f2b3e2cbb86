"""Rules that are pure data: ``kind = "phrase"`` or ``kind = "pattern"`` in any rule pack.

``phrase``: ``data.phrases`` matched case-insensitively on word boundaries.
``pattern``: ``data.patterns``, Python regular expressions (case-insensitive unless
``data.case_sensitive = true``). ``data.scope`` chooses what is flagged: ``"match"`` (default, the
matched text), ``"paragraph"`` (the whole paragraph must match) or ``"containing-paragraph"`` (a
match anywhere flags its whole paragraph, if it has at most ``data.max_words`` words).
``data.suggestion`` gives a replacement. This lets a newsroom add its own
house rules without writing Python.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..findings import Finding
from ..rulepacks import GENERIC_KINDS, Rule, RulePack
from ..segment import Segmented


@lru_cache(maxsize=512)
def _compile(kind: str, items: tuple[str, ...], case_sensitive: bool, whole: bool) -> re.Pattern | None:
    if not items:
        return None
    if kind == "phrase":
        alts = [r"\s+".join(re.escape(w) for w in p.split()) for p in items]
        body = "|".join(sorted(alts, key=len, reverse=True))
        core = rf"(?<!\w)(?:{body})(?!\w)"
    else:
        core = "|".join(f"(?:{p})" for p in items)
    if whole:
        core = rf"^\s*(?:{core})\s*$"
    return re.compile(core, 0 if case_sensitive else re.IGNORECASE)


def rule_regex(rule: Rule) -> re.Pattern | None:
    d = rule.data
    items = tuple(d.get("phrases" if rule.kind == "phrase" else "patterns", []))
    return _compile(rule.kind, items, bool(d.get("case_sensitive", False)), d.get("scope") == "paragraph")


def match_rule(seg: Segmented, rule: Rule) -> Iterable[Finding]:
    rx = rule_regex(rule)
    if rx is None:
        return
    suggestion = rule.data.get("suggestion")
    scope = rule.data.get("scope", "match")
    if scope in ("paragraph", "containing-paragraph"):
        max_words = rule.data.get("max_words")
        for p in seg.paragraphs:
            hit = rx.match(p.text) if scope == "paragraph" else rx.search(p.text)
            if hit and (max_words is None or len(seg.tokens_in(p.start, p.end)) <= max_words):
                yield rule.finding(seg, p.start, p.end, suggestion=suggestion)
        return
    for m in rx.finditer(seg.text):
        if m.end() > m.start():
            yield rule.finding(seg, m.start(), m.end(), suggestion=suggestion)


def check(seg: Segmented, pack: RulePack, ctx) -> Iterable[Finding]:
    """Run every data-only rule of a pack whose own module does not handle them."""
    for rule in pack.rules.values():
        if rule.kind in GENERIC_KINDS and ctx.on(rule.code):
            yield from match_rule(seg, rule)
