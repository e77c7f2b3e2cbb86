"""Every rule of every pack: its examples behave as documented, its metadata is complete."""

from __future__ import annotations

import re

import pytest

from auditor.findings import Category
from auditor.rulepacks import RulePackError, builtin_packs, load_pack_file
from conftest import rules_hit

RULES = [r for p in builtin_packs() for r in p.rules.values()]


def test_packs_load_and_codes_are_unique():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert len(codes) >= 10


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata(rule):
    assert re.fullmatch(r"[A-Z]{2}\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert isinstance(rule.category, Category)
    assert rule.what and rule.why and rule.message
    assert rule.examples_bad, f"{rule.code} has no example that triggers it"
    assert rule.examples_good, f"{rule.code} has no example that must not trigger it"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_examples_trigger(rule):
    for example in rule.examples_bad:
        assert rule.code in rules_hit(example, select=[rule.code]), f"{rule.code} missed: {example!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_examples_pass(rule):
    for example in rule.examples_good:
        assert rule.code not in rules_hit(example, select=[rule.code]), f"{rule.code} flagged: {example!r}"


def test_bad_user_pack_is_a_clear_error(tmp_path):
    p = tmp_path / "house.toml"
    p.write_text('[pack]\nfamily = "HS"\n[[rules]]\ncode = "HS001"\nname = "x"\ncategory = "mt_artefact"\n'
                 'severity = "low"\nmessage = "m"\nwhat = "w"\nwhy = "y"\nkind = "pattern"\n'
                 '[rules.data]\npatterns = ["(unclosed"]\n')
    with pytest.raises(RulePackError, match="bad pattern"):
        load_pack_file(p)
