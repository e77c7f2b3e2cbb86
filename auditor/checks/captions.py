"""DC: text the scraper doubled (glued captions, repeated lines, headline pasted into the lead)."""

from __future__ import annotations

import re
from typing import Iterable

from ..findings import Finding
from ..rulepacks import RulePack
from ..segment import Segmented

# The glue point of a doubled caption: a lower-case letter, digit or closing punctuation directly
# followed by a capital ("macronEmmanuel", "photo)A"): rare in edited prose, so cheap to scan for.
_GLUE = re.compile(r"(?<=[a-zà-öø-ÿ0-9).!?\]\"”’])(?=[A-ZÀ-ÖØ-Þ])")
_NORM = re.compile(r"[\s\W_]+")


def check(seg: Segmented, pack: RulePack, ctx) -> Iterable[Finding]:
    if ctx.on("DC001"):
        yield from _glued(seg, pack.rule("DC001"))
    if ctx.on("DC002"):
        yield from _repeated_lines(seg, pack.rule("DC002"))
    if ctx.on("DC003"):
        yield from _headline_in_lead(seg, pack.rule("DC003"))


def glued_length(text: str, j: int, lo: int, hi: int) -> int:
    """Length L such that text[j-L:j] equals text[j:j+L] ignoring case, the first copy starting a
    word and the second ending one; 0 if there is none. The longest L wins."""
    best = 0
    first = text[j].lower()
    for length in range(lo, min(hi, j, len(text) - j) + 1):
        s = j - length
        if text[s].lower() != first or (s > 0 and text[s - 1].isalnum()):
            continue
        e = j + length
        if e < len(text) and text[e].isalnum():
            continue
        if text[s:j].lower() == text[j:e].lower():
            best = length
    return best


def _glued(seg: Segmented, rule) -> Iterable[Finding]:
    text = seg.text
    lo, hi = rule.data["min_length"], rule.data["max_length"]
    for m in _GLUE.finditer(text):
        j = m.start()
        length = glued_length(text, j, lo, hi)
        if length:
            first, second = text[j - length:j], text[j:j + length]
            keep = first if sum(c.isupper() for c in first) >= sum(c.isupper() for c in second) else second
            yield rule.finding(seg, j - length, j + length, suggestion=keep)


def normalise(text: str) -> str:
    return _NORM.sub(" ", text.lower()).strip()


def _repeated_lines(seg: Segmented, rule) -> Iterable[Finding]:
    paras = seg.paragraphs
    for prev, cur in zip(paras, paras[1:]):
        a = normalise(prev.text)
        if len(a) >= rule.data["min_chars"] and a == normalise(cur.text):
            yield rule.finding(seg, cur.start, cur.end, suggestion="")


def _headline_in_lead(seg: Segmented, rule) -> Iterable[Finding]:
    paras = seg.paragraphs
    if len(paras) < 2:
        return
    head, lead = paras[0], paras[1]
    n = len(seg.tokens_in(head.start, head.end))
    if n < rule.data["min_words"]:
        return
    h = head.text.strip().rstrip(".")
    if lead.text.lower().startswith(h.lower()) and len(lead.text) > len(h) + 20:
        yield rule.finding(seg, lead.start, lead.start + len(h), suggestion="")
