"""Quality and traceability scores, 0 (worst) to 100 (best), with the costs that explain them.

Both follow MQM: every finding carries penalty points by severity (high 5, medium 2, low 0.5),
times its confidence, and the points are normalised per 1,000 words (articles under 250 words
count as 250, so a short item is not wiped out by one slip). The normalised total P becomes a
score with ``100 * exp(-P / 50)``: 10 points per 1,000 words gives 82, 35 gives 50, 115 gives 10.
The exponential keeps heavily damaged articles apart from each other instead of all at 0.
Each cost shown in the breakdown is its share of the points lost, so the costs add up to
``100 - score``.

quality: findings of every category except unattributed claims.
traceability: can a reader trace the article's claims to someone who made them? Points (per
1,000 words where noted) from:

- each unattributed-claim finding (UA rules), MQM-weighted and normalised per 1,000 words like
  any finding, times the weight of its kind of attribution: none 1.0, vague 1.0, anonymous 0.8
  (an anonymous source is still a source);
- the source inventory (the ``sources`` fact of the attribution check), counted only when the
  article has at least one UA finding, so an article whose claims are all traceable, or whose
  findings a baseline accepts, keeps 100:
  - no original source: no dateline, credit line or byline credits an agency, outlet or author:
    5 points per UA finding, at most 15 (the reader cannot fall back on the outlet either);
  - reliance on unnamed sources: 5 x (1 - named share), where the named share is the share of
    attributed sentences whose source is named (a person, body, country or outlet) rather than
    anonymous or vague; no cost when there are no attributions;
- scraper-chain boilerplate (BP004 lost source link, BP006 aggregator outro, BP007 re-publication
  note): 3 points each, at most 9; the text came through a copying chain that dropped its source.

Example: a 600-word article (normalised to 1,000/600) with one high-severity anonymous claim at
confidence 0.85 (5 x 0.85 x 0.8 x 1.67 = 5.7 points), no original source (5) and 8 named and
2 anonymous attributions (5 x 0.2 = 1) loses 11.7 points: 100 x exp(-11.7 / 50) = 79.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .findings import Category, Finding, Severity

WEIGHTS = {Severity.HIGH: 5.0, Severity.MEDIUM: 2.0, Severity.LOW: 0.5}
MIN_WORDS = 250
DECAY = 50.0
ATTRIBUTION_WEIGHT = {"none": 1.0, "vague": 1.0, "anonymous": 0.8}
NO_ORIGINAL_SOURCE_EACH, NO_ORIGINAL_SOURCE_MAX = 5.0, 15.0
UNNAMED_SHARE_WEIGHT = 5.0
SCRAPER_CHAIN_EACH, SCRAPER_CHAIN_MAX = 3.0, 9.0
# Boilerplate rules whose presence shows the text passed through a scraper chain.
SCRAPER_CHAIN_RULES = frozenset({"BP004", "BP006", "BP007"})


@dataclass
class Cost:
    label: str
    points: float                 # raw penalty points per 1,000 words
    rule: str | None = None
    category: str | None = None
    count: int = 1
    score_points: float = 0.0     # share of (100 - score)

    def to_dict(self) -> dict:
        return {"label": self.label, "rule": self.rule, "category": self.category,
                "count": self.count, "points": round(self.score_points, 1)}


@dataclass
class ScoreCard:
    value: int
    costs: list[Cost] = field(default_factory=list)

    def to_dict(self) -> list[dict]:
        return [c.to_dict() for c in self.costs]


def _norm(words: int) -> float:
    return 1000.0 / max(words, MIN_WORDS)


def finding_points(f: Finding, words: int) -> float:
    w = WEIGHTS[f.severity] * f.confidence
    if f.category is Category.UNATTRIBUTED_CLAIM:
        w *= ATTRIBUTION_WEIGHT.get(f.extra.get("attribution", "none"), 1.0)
    return w * _norm(words)


def _card(costs: list[Cost]) -> ScoreCard:
    total = sum(c.points for c in costs)
    value = 100.0 * math.exp(-total / DECAY)
    lost = 100.0 - value
    for c in costs:
        c.score_points = lost * c.points / total if total else 0.0
    costs.sort(key=lambda c: (-c.points, c.rule or "", c.label))
    return ScoreCard(value=int(round(value)), costs=[c for c in costs if c.points > 0])


def _group(findings: list[Finding], words: int) -> list[Cost]:
    by_rule: dict[str, Cost] = {}
    for f in findings:
        c = by_rule.get(f.rule)
        pts = finding_points(f, words)
        if c is None:
            by_rule[f.rule] = Cost(label=f"{f.rule} {f.name}", points=pts, rule=f.rule,
                                   category=f.category.value)
        else:
            c.points += pts
            c.count += 1
    return list(by_rule.values())


def quality(findings: list[Finding], words: int) -> ScoreCard:
    return _card(_group([f for f in findings if f.category is not Category.UNATTRIBUTED_CLAIM], words))


def traceability(findings: list[Finding], words: int, facts: dict) -> ScoreCard:
    claims = [f for f in findings if f.category is Category.UNATTRIBUTED_CLAIM]
    costs = _group(claims, words)
    sources = facts.get("sources")
    if sources is not None and claims:
        if not sources.get("original_source") and not sources.get("bylines"):
            costs.append(Cost("no original source or agency credited",
                              min(NO_ORIGINAL_SOURCE_MAX, NO_ORIGINAL_SOURCE_EACH * len(claims)),
                              count=len(claims)))
        named = sources.get("named_attributions", 0)
        unnamed = sources.get("anonymous_attributions", 0) + sources.get("vague_attributions", 0)
        if named + unnamed and unnamed:
            share = named / (named + unnamed)
            costs.append(Cost(f"attributions to unnamed sources ({unnamed} of {named + unnamed})",
                              UNNAMED_SHARE_WEIGHT * (1.0 - share), count=unnamed))
    chain = [f for f in findings if f.rule in SCRAPER_CHAIN_RULES]
    if chain:
        costs.append(Cost("scraper-chain leftovers (source lost in republication)",
                          min(SCRAPER_CHAIN_MAX, SCRAPER_CHAIN_EACH * len(chain)), count=len(chain)))
    return _card(costs)
