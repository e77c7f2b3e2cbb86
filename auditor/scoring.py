"""Quality and traceability scores, 0 (worst) to 100 (best), with the costs that explain them.

Both follow MQM: every finding carries penalty points by severity (high 5, medium 2, low 0.5),
times its confidence, and the points are normalised per 1,000 words (articles under 250 words
count as 250, so a short item is not wiped out by one slip). The normalised total P becomes a
score with ``100 * exp(-P / 50)``: 10 points per 1,000 words gives 82, 35 gives 50, 115 gives 10.
The exponential keeps heavily damaged articles apart from each other instead of all at 0.
Each cost shown in the breakdown is its share of the points lost, so the costs add up to
``100 - score``.

quality: findings of every category except unattributed claims.
traceability: unattributed-claim findings (vague attributions weigh 1.0, anonymous 0.8, none
1.0), plus article facts from the attribution check when it ran: no original source credited
(+15 points), most attributions anonymous (+5), and scraper-chain boilerplate (re-publication
notes, lost source links: +3 each, at most 9).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .findings import Category, Finding, Severity

WEIGHTS = {Severity.HIGH: 5.0, Severity.MEDIUM: 2.0, Severity.LOW: 0.5}
MIN_WORDS = 250
DECAY = 50.0
ATTRIBUTION_WEIGHT = {"none": 1.0, "vague": 1.0, "anonymous": 0.8}
NO_ORIGINAL_SOURCE = 15.0
MOSTLY_ANONYMOUS = 5.0
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
    costs = _group([f for f in findings if f.category is Category.UNATTRIBUTED_CLAIM], words)
    sources = facts.get("sources")
    if sources is not None:
        if not sources.get("original_source"):
            costs.append(Cost("no original source or agency credited", NO_ORIGINAL_SOURCE))
        named, anon = sources.get("named_attributions", 0), sources.get("anonymous_attributions", 0)
        if anon > named:
            costs.append(Cost("most attributions are anonymous", MOSTLY_ANONYMOUS))
    chain = [f for f in findings if f.rule in SCRAPER_CHAIN_RULES]
    if chain:
        costs.append(Cost("scraper-chain leftovers (source lost in republication)",
                          min(SCRAPER_CHAIN_MAX, SCRAPER_CHAIN_EACH * len(chain)), count=len(chain)))
    return _card(costs)
