"""The wheel ships every package and the rule packs (a missing entry breaks `pip install .`)."""

from __future__ import annotations

import tomllib

from conftest import ROOT


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "auditor").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_rule_packs_are_found_at_run_time():
    from auditor.rulepacks import builtin_packs

    families = {p.family for p in builtin_packs()}
    assert {"BP", "DC", "NM", "SY"} <= families
