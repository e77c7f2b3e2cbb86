"""BP: boilerplate that needs signals beyond a phrase list: breadcrumbs, teaser lists,
truncated titles and stray captions. The phrase/pattern rules of the pack are pure data."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..findings import Finding
from ..lexicon import STOPWORDS
from ..rulepacks import RulePack
from ..segment import Paragraph, Segmented

_SENT_PUNCT = re.compile(r"[.!?:;]\s*[\"'”’»)]*\s*$")


def check(seg: Segmented, pack: RulePack, ctx) -> Iterable[Finding]:
    paras = seg.paragraphs
    if not paras:
        return
    if ctx.on("BP002"):
        yield from _breadcrumbs(seg, pack.rule("BP002"))
    teasers: set[int] = set()
    if ctx.on("BP010") or ctx.on("BP011"):
        teasers = _teaser_paragraphs(seg, pack.rule("BP010"))
        if ctx.on("BP010"):
            rule = pack.rule("BP010")
            for head, snippet in sorted(teasers_pairs(teasers)):
                yield rule.finding(seg, paras[head].start, paras[snippet].end)
    if ctx.on("BP011"):
        rule = pack.rule("BP011")
        first = paras[0]
        if (0 not in teasers and _words(seg, first) <= rule.data["max_title_words"]
                and _truncated(first.text, ("...", "…")) and len(paras) > 1):
            yield rule.finding(seg, first.start, first.end)
    if ctx.on("BP012"):
        yield from _captions(seg, pack.rule("BP012"), teasers)


def _words(seg: Segmented, p: Paragraph) -> int:
    return len(seg.tokens_in(p.start, p.end))


def _truncated(text: str, marks, strict: bool = True) -> bool:
    """Ends in an ellipsis; ``strict``: cut mid-sentence ("and..."), not after a full stop."""
    t = text.rstrip()
    for m in marks:
        if t.endswith(m):
            before = t[: -len(m)].rstrip()
            return bool(before) and (not strict or before[-1].isalnum() or before[-1] in ",;")
    return False


# ---- breadcrumbs -------------------------------------------------------------------------
def _breadcrumbs(seg: Segmented, rule) -> Iterable[Finding]:
    d = rule.data
    seps = "|".join(re.escape(s) for s in d["separators"])
    splitter = re.compile(rf"\s+(?:{seps})\s+")
    home = {h.lower() for h in d["home_words"]}
    # Breadcrumbs sit at the top of the page (or at the very end, in a footer).
    candidates = seg.paragraphs[:3] + seg.paragraphs[-2:]
    seen = set()
    for p in candidates:
        if p.index in seen:
            continue
        seen.add(p.index)
        parts = splitter.split(p.text)
        if len(parts) < 2:
            continue
        first = parts[0].strip().lower()
        short = all(len(x.split()) <= d["max_section_words"] for x in parts[:-1])
        trail = (len(parts) >= d["min_sections"] and short and len(parts[0].split()) <= 3
                 and all(x[:1].isupper() for x in parts[:-1]) and not _SENT_PUNCT.search(p.text))
        if (first in home and short) or trail:
            yield rule.finding(seg, p.start, p.end)


# ---- teaser lists ------------------------------------------------------------------------
def teasers_pairs(teasers: set[int]) -> list[tuple[int, int]]:
    """Consecutive (headline, snippet) index pairs of a teaser set."""
    items = sorted(teasers)
    out, i = [], 0
    while i + 1 < len(items):
        if items[i + 1] == items[i] + 1:
            out.append((items[i], items[i + 1]))
            i += 2
        else:
            i += 1
    return out


def _content_words(seg: Segmented, p: Paragraph) -> set[str]:
    return {t.text.lower() for t in seg.tokens_in(p.start, p.end)
            if len(t.text) > 3 and t.text.lower() not in STOPWORDS and not t.text.isdigit()}


def _teaser_paragraphs(seg: Segmented, rule) -> set[int]:
    """Indices of paragraphs that form (headline, truncated snippet) pairs unrelated to the body."""
    if "teasers" in seg.cache:
        return seg.cache["teasers"]
    d = rule.data
    paras = seg.paragraphs
    pairs: list[tuple[int, int]] = []
    for i in range(1, len(paras)):
        head, snip = paras[i - 1], paras[i]
        if not _truncated(snip.text, tuple(d["truncation_marks"]), strict=False):
            continue
        if _words(seg, snip) > d["max_snippet_words"] or _words(seg, head) > d["max_headline_words"]:
            continue
        if _SENT_PUNCT.search(head.text) or _truncated(head.text, tuple(d["truncation_marks"])):
            continue
        pairs.append((i - 1, i))
    out: set[int] = set()
    if pairs:
        in_pairs = {i for p in pairs for i in p}
        body: set[str] = set()
        for p in paras:
            if p.index not in in_pairs and p.index != 0:
                body |= _content_words(seg, p)
        for h, s in pairs:
            words = _content_words(seg, paras[h]) | _content_words(seg, paras[s])
            overlap = len(words & body) / len(words) if words else 1.0
            # A lone pair must look unrelated and be cut mid-sentence; in a run of several,
            # the run is the signal.
            lone_ok = overlap <= d["max_topic_overlap"] and _truncated(
                paras[s].text, tuple(d["truncation_marks"]))
            if lone_ok or (len(pairs) >= 2 and overlap <= 0.7):
                out |= {h, s}
    seg.cache["teasers"] = out
    return out


# ---- stray captions ----------------------------------------------------------------------
@lru_cache(maxsize=8)
def _credit_rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def _captions(seg: Segmented, rule, skip: set[int]) -> Iterable[Finding]:
    rx = _credit_rx(rule.data["credit_pattern"])
    paras = seg.paragraphs
    for p in paras[1:-1]:
        if p.index in skip or _words(seg, p) > rule.data["max_words"]:
            continue
        text = p.text.rstrip()
        m = rx.search(text)
        if not m:
            continue
        # A caption has no sentence punctuation of its own; a dateline "(Reuters) -" opens a story.
        rest = (text[:m.start()] + text[m.end():]).strip()
        if not rest or re.search(r"[.!?]\s*[\"”’]?$", rest) or rest.startswith(("-", "–", "—")):
            continue
        if m.start() != 0 and m.end() != len(text):
            continue
        yield rule.finding(seg, p.start, p.end)
