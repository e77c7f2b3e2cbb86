from __future__ import annotations

import pytest

from auditor.config import ConfigError, Policy, find_config, load_policy, rule_enabled, severity_for
from auditor.findings import Severity
from conftest import rules_hit, run_texts

ARTICLE = "Talks resume\n\nThe delegations met on Monday, officials said.\n\n[ad_1]\n\nSource link"


def test_select_and_ignore_by_code_prefix_and_name():
    p = Policy(select=["BP"], ignore=["source-link-placeholder"])
    assert rule_enabled(p, "BP001", "ad-placeholder")
    assert not rule_enabled(p, "BP004", "source-link-placeholder")
    assert not rule_enabled(p, "DC001", "glued-repeat")
    assert rules_hit(ARTICLE, select=["BP"], ignore=["BP004"]) == {"BP001"}


def test_per_file_ignores_and_severity_override():
    p = Policy(per_file_ignores={"wire/*.txt": ["BP001"]}, severity={"BP": Severity.LOW, "BP004": Severity.MEDIUM})
    assert not rule_enabled(p, "BP001", "ad-placeholder", "wire/a.txt")
    assert rule_enabled(p, "BP001", "ad-placeholder", "other/a.txt")
    assert severity_for(p, "BP004", "source-link-placeholder", Severity.HIGH) is Severity.MEDIUM
    assert severity_for(p, "BP001", "ad-placeholder", Severity.HIGH) is Severity.LOW


def test_closest_config_wins(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.auditor]\nfail-on = "low"\n')
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / "auditor.toml").write_text('fail-under = 70\nignore = ["BP003"]\n[rules.BP004]\npatterns = ["lost\\\\s+link"]\n')
    monkeypatch.chdir(sub)
    assert find_config() == sub / "auditor.toml"
    policy = load_policy()
    assert policy.fail_under == 70 and policy.ignore == ["BP003"] and policy.fail_on is Severity.HIGH
    monkeypatch.chdir(tmp_path)
    assert load_policy().fail_on is Severity.LOW


def test_extra_rule_data_extends_the_pack():
    text = "Talks resume\n\nThe delegations met on Monday.\n\nLost link"
    assert "BP004" not in rules_hit(text)
    assert "BP004" in rules_hit(text, rule_data={"BP004": {"patterns": ["lost\\s+link"]}})


def test_unknown_key_and_bad_values_are_one_line_errors(tmp_path):
    bad = tmp_path / "auditor.toml"
    bad.write_text('fail-onn = "high"\n')
    with pytest.raises(ConfigError, match="unknown option"):
        load_policy(bad)
    bad.write_text('fail-on = "severe"\n')
    with pytest.raises(ConfigError, match="unknown severity"):
        load_policy(bad)
    bad.write_text('fail-on = \n')
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_policy(bad)


def test_fail_under_and_fail_on():
    run = run_texts(ARTICLE)
    assert not run.articles[0].passed
    run = run_texts(ARTICLE, severity={"BP": Severity.LOW})
    assert run.articles[0].passed
    run = run_texts(ARTICLE, severity={"BP": Severity.LOW}, fail_under=99)
    assert not run.articles[0].passed and "under 99" in run.articles[0].fail_reasons[0]
