from __future__ import annotations

from auditor import scoring
from auditor.findings import Category, Finding, Severity


def f(sev: Severity, cat=Category.MT_ARTEFACT, rule="MT001", conf=1.0, **extra) -> Finding:
    return Finding(rule=rule, name="x", category=cat, severity=sev, start=0, end=1, text="x",
                   message="m", confidence=conf, extra=extra)


def test_clean_article_scores_100():
    assert scoring.quality([], 500).value == 100
    assert scoring.traceability([], 500, {}).value == 100


def test_more_and_worse_findings_cost_more():
    one = scoring.quality([f(Severity.LOW)], 1000).value
    high = scoring.quality([f(Severity.HIGH)], 1000).value
    many = scoring.quality([f(Severity.HIGH)] * 10, 1000).value
    assert 100 > one > high > many >= 0


def test_normalised_per_thousand_words():
    short = scoring.quality([f(Severity.HIGH)] * 3, 300).value
    long = scoring.quality([f(Severity.HIGH)] * 3, 3000).value
    assert long > short
    # Under 250 words counts as 250: a one-line item is not wiped out by one slip.
    assert scoring.quality([f(Severity.HIGH)], 20).value == scoring.quality([f(Severity.HIGH)], 250).value


def test_breakdown_adds_up_to_the_points_lost():
    findings = [f(Severity.HIGH, rule="MT001"), f(Severity.MEDIUM, rule="MT002"), f(Severity.HIGH, rule="MT001"),
                f(Severity.HIGH, cat=Category.BOILERPLATE, rule="BP001")]
    card = scoring.quality(findings, 800)
    assert abs(sum(c.score_points for c in card.costs) - (100 - card.value)) < 1.0
    assert card.costs[0].rule == "MT001" and card.costs[0].count == 2


def test_categories_feed_the_right_score():
    claim = f(Severity.HIGH, cat=Category.UNATTRIBUTED_CLAIM, rule="UA001", attribution="vague")
    assert scoring.quality([claim], 500).value == 100
    assert scoring.traceability([claim], 500, {}).value < 100
