"""SY: corpus passes. Copied passages (shingle index, no all-pairs loop) and conflicting figures
between articles that tell the same story."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from ..findings import CorpusFinding, Span
from ..lexicon import STOPWORDS
from ..rulepacks import RulePack
from ..segment import Segmented, Sentence

_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d+(?![\d,])")


def check(seg: Segmented, pack: RulePack, ctx) -> Iterable:
    return ()  # nothing to see in one article alone


def _words(seg: Segmented, s: Sentence) -> list[str]:
    return [t.text.lower() for t in seg.tokens_in(s.start, s.end)]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def copied_sentences(segs: list[Segmented], data: dict) -> tuple[list[list[tuple[int, int]]], set[tuple[int, int]]]:
    """Clusters of (article index, sentence index) that copy each other, and the linked article pairs.

    Verbatim copies are grouped by their word sequence first, so the shingle index only holds one
    representative of each; near-copies are then found through shared shingles."""
    n, min_words = data["shingle"], data["min_words"]
    uf = _UnionFind()
    exact: dict[tuple[str, ...], tuple[int, int]] = {}
    shingles: dict[tuple[int, int], set[int]] = {}
    postings: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for d, seg in enumerate(segs):
        for s in seg.sentences:
            words = tuple(_words(seg, s))
            if len(words) < min_words:
                continue
            node = (d, s.index)
            first = exact.setdefault(words, node)
            if first is not node:
                uf.union(first, node)
                continue
            sh = {hash(words[i:i + n]) for i in range(len(words) - n + 1)}
            shingles[node] = sh
            for h in sh:
                postings[h].append(node)
    shared: dict[tuple, int] = defaultdict(int)
    for plist in postings.values():
        if len(plist) < 2 or len(plist) > data["max_postings"]:
            continue
        for i, a in enumerate(plist):
            for b in plist[i + 1:]:
                shared[(a, b) if a < b else (b, a)] += 1
    for (a, b), count in shared.items():
        if (count >= data["min_shared_shingles"]
                or count / min(len(shingles[a]), len(shingles[b])) >= data["min_containment"]):
            uf.union(a, b)
    clusters: dict = defaultdict(list)
    for node in list(uf.parent):
        clusters[uf.find(node)].append(node)
    out = [sorted(c) for c in clusters.values() if len({d for d, _ in c}) > 1]
    linked: set[tuple[int, int]] = set()
    for c in out:
        docs = sorted({d for d, _ in c})
        if len(docs) <= 8:  # a passage in every article of a big corpus says nothing of their stories
            linked.update((a, b) for i, a in enumerate(docs) for b in docs[i + 1:])
    return out, linked


def check_corpus(segs: list[Segmented], pack: RulePack, ctx) -> Iterable[CorpusFinding]:
    if len(segs) < 2:
        return
    rule = pack.rule("SY001")
    clusters, linked = copied_sentences(segs, rule.data)
    if ctx.on("SY001"):
        for cluster in sorted(clusters):
            spans = [Span(segs[d].path, segs[d].sentences[i].start, segs[d].sentences[i].end,
                          segs[d].sentences[i].text) for d, i in cluster]
            outlets = len({sp.path for sp in spans})
            yield CorpusFinding(rule=rule.code, name=rule.name, category=rule.category,
                                severity=rule.severity, confidence=rule.confidence, spans=spans,
                                message=f"{rule.message} ({outlets} articles)")
    if ctx.on("SY002"):
        yield from _conflicts(segs, pack.rule("SY002"), linked)


def _content(words) -> set[str]:
    return {w for w in words if w not in STOPWORDS and not w.isdigit() and len(w) > 2}


def _figures(seg: Segmented, rule) -> list[tuple[str, int, int, int, set[str]]]:
    """(kind, value, start, end, sentence content words) for each count of a known kind."""
    if "figures" in seg.cache:
        return seg.cache["figures"]
    kind_of = {w: k for k, ws in rule.data["kinds"].items() for w in ws}
    gap = rule.data["max_gap_words"]
    out = []
    for s in seg.sentences:
        toks = seg.tokens_in(s.start, s.end)
        context = _content(t.text.lower() for t in toks)
        for i, t in enumerate(toks):
            if not _NUMBER.fullmatch(t.text) or (i and toks[i - 1].text.lower() in ("in", "on", "since")):
                continue
            # "34 of the injured", "40 percent of the dead": a part, not the count itself
            if i + 1 < len(toks) and toks[i + 1].text.lower() in ("of", "percent", "per"):
                continue
            for j in range(i + 1, min(len(toks), i + 1 + gap)):
                kind = kind_of.get(toks[j].text.lower())
                if kind:
                    value = int(t.text.replace(",", ""))
                    if 1900 <= value <= 2100:  # a year, not a count
                        break
                    out.append((kind, value, t.start, toks[j].end, context))
                    break
    seg.cache["figures"] = out
    return out


def _conflicts(segs: list[Segmented], rule, linked: set[tuple[int, int]]) -> Iterable[CorpusFinding]:
    """Pairs of figures of the same kind, in similar sentences of articles on the same story.

    Candidates come from an index of (kind, context word) -> figures, so the work grows with the
    number of figures that share words, not with the square of the corpus."""
    figures = {d: _figures(s, rule) for d, s in enumerate(segs)}
    postings: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for d, figs in figures.items():
        for k, (kind, _, _, _, context) in enumerate(figs):
            for w in context:
                postings[(kind, w)].append((d, k))
    shared: dict[tuple, int] = defaultdict(int)
    for plist in postings.values():
        if len(plist) > rule.data.get("max_postings", 60):
            continue
        for i, a in enumerate(plist):
            for b in plist[i + 1:]:
                if a[0] != b[0]:
                    shared[(a, b) if a < b else (b, a)] += 1
    vocab: dict[int, set[str]] = {}
    for (a, b) in sorted(shared):
        (da, ka), (db, kb) = a, b
        kind, va, sa, ea, ca = figures[da][ka]
        _, vb, sb, eb, cb = figures[db][kb]
        if va == vb or len(ca & cb) / (min(len(ca), len(cb)) or 1) < rule.data["min_context_overlap"]:
            continue
        pair = (min(da, db), max(da, db))
        if pair not in linked:
            for d in pair:
                if d not in vocab:
                    vocab[d] = _content(t.text.lower() for t in segs[d].tokens)
            va_, vb_ = vocab[pair[0]], vocab[pair[1]]
            if len(va_ & vb_) / (min(len(va_), len(vb_)) or 1) < rule.data["min_story_overlap"]:
                continue
        spans = [Span(segs[da].path, sa, ea, segs[da].text[sa:ea]),
                 Span(segs[db].path, sb, eb, segs[db].text[sb:eb])]
        yield CorpusFinding(rule=rule.code, name=rule.name, category=rule.category,
                            severity=rule.severity, confidence=rule.confidence, spans=spans,
                            message=f"{rule.message}: {va:,} vs {vb:,} {kind}")
