"""Baselines: fingerprints that survive edits elsewhere, the round trip, CLI behaviour."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.baseline import (Baseline, BaselineError, apply_baseline, baseline_document, fingerprint,
                              finding_fingerprints, normalise, occurrences, write_baseline)
from auditor.cli import main
from auditor.config import Policy
from auditor.engine import audit_paths, audit_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

ARTICLE = ("Talks resume in Geneva\n\nADVERTISEMENT\n\nThe delegations met on Monday in Geneva, "
           "officials said.\n\n[ad_1]\n\nThe next round is due in May, the ministry said.\n")


def _cli(*args):
    return CliRunner().invoke(main, [*args, "--no-report"])


def test_normalise_and_fingerprint():
    assert normalise("  Read  ALSO:\r\n the\tnews ") == "read also: the news"
    assert normalise("ﬁne") == "fine"       # NFKC
    a = fingerprint("a.txt", "BP001", "ADVERTISEMENT", 0)
    assert a == fingerprint("a.txt", "BP001", " advertisement ", 0)
    assert len({a, fingerprint("b.txt", "BP001", "ADVERTISEMENT", 0),
                fingerprint("a.txt", "BP002", "ADVERTISEMENT", 0),
                fingerprint("a.txt", "BP001", "ADVERTISEMENT", 1)}) == 4


def test_occurrences_count_same_rule_and_text_in_order():
    art = audit_text("Talks\n\n[ad_1]\n\nThe delegations met.\n\n[AD_1]\n\nADVERTISEMENT\n\nThey left.\n")
    assert [(f.text, occ) for f, occ in zip(art.findings, occurrences(art.findings))] == [
        ("[ad_1]", 0), ("[AD_1]", 1), ("ADVERTISEMENT", 0)]


def test_fingerprints_survive_edits_elsewhere():
    before = audit_text(ARTICLE, path="a.txt")
    edited = ARTICLE.replace("Talks resume in Geneva\n\n", "Talks resume in Geneva\n\nA new lead paragraph "
                             "was written by the desk on Tuesday.\n\n").replace("Monday", "Monday morning")
    after = audit_text(edited, path="a.txt")
    assert [f.line for f in before.findings] != [f.line for f in after.findings]
    assert finding_fingerprints("a.txt", before.findings) == finding_fingerprints("a.txt", after.findings)


def test_round_trip_on_samples(tmp_path, monkeypatch):
    for name in ("01_boilerplate.txt", "02_captions.txt", "07_clean.txt"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    assert _cli(".").exit_code == 1
    n = sum(len(a.findings) for a in audit_paths(["."], Policy()).articles)
    assert n >= 22
    w = _cli(".", "--write-baseline", "ci/baseline.json")
    assert w.exit_code == 0 and f"Wrote {n} finding(s)" in w.stderr
    doc = json.loads((tmp_path / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert doc["auditor_baseline"] == 1 and len(doc["findings"]) == n
    entry = doc["findings"][0]
    assert set(entry) == {"path", "rule", "occurrence", "text", "fingerprint"}
    assert entry["path"] == "../01_boilerplate.txt"   # relative to the baseline's folder
    # writing it again gives the same bytes
    first = (tmp_path / "ci" / "baseline.json").read_bytes()
    _cli(".", "--write-baseline", "ci/baseline.json")
    assert (tmp_path / "ci" / "baseline.json").read_bytes() == first

    r = _cli(".", "--baseline", "ci/baseline.json", "-f", "json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert all(a["passed"] and a["findings"] == [] for a in out["articles"])
    assert all(a["scores"] == {"quality": 100, "traceability": 100} for a in out["articles"])
    assert f"{n} finding(s) left out by the baseline" in r.stderr

    # a new finding fails; the old ones stay quiet, even after edits elsewhere in the file
    p = tmp_path / "02_captions.txt"
    text = p.read_text(encoding="utf-8")
    p.write_text("An editor's note added at the top.\n\n" + text.replace("\n\n", "\n\n[ad_1]\n\n", 1),
                 encoding="utf-8")
    r = _cli(".", "--baseline", "ci/baseline.json", "-f", "json")
    assert r.exit_code == 1
    findings = [(a["path"], f["rule"], f["text"]) for a in json.loads(r.stdout)["articles"] for f in a["findings"]]
    assert findings == [("02_captions.txt", "BP001", "[ad_1]")]

    # from another working directory the same baseline still matches (paths are relative to it)
    monkeypatch.chdir(tmp_path / "ci")
    r = _cli("../01_boilerplate.txt", "--baseline", "baseline.json")
    assert r.exit_code == 0, r.output


def test_second_copy_of_a_baselined_line_is_new(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    run = audit_paths([str(path)], Policy())
    write_baseline(run, tmp_path / "b.json")
    path.write_text(ARTICLE + "\nADVERTISEMENT\n", encoding="utf-8")
    run = audit_paths([str(path)], Policy())
    res = apply_baseline(run, Baseline.load(tmp_path / "b.json"))
    assert res.suppressed == 2 and res.stale == 0
    assert [(f.text, f.line) for f in run.articles[0].findings] == [("ADVERTISEMENT", 11)]
    assert not run.articles[0].passed


def test_baselined_findings_do_not_fail_the_policy_or_cost_score(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    policy = Policy(fail_under=90)
    run = audit_paths([str(path)], policy)
    assert not run.articles[0].passed and run.articles[0].scores["quality"] < 90
    write_baseline(run, tmp_path / "b.json")
    run = audit_paths([str(path)], policy)
    apply_baseline(run, Baseline.load(tmp_path / "b.json"))
    a = run.articles[0]
    assert a.passed and a.fail_reasons == [] and a.findings == []
    assert a.scores == {"quality": 100, "traceability": 100} and not run.failed


def test_stale_entries_are_counted(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    write_baseline(audit_paths([str(path)], Policy()), tmp_path / "b.json")
    path.write_text(ARTICLE.replace("[ad_1]\n\n", ""), encoding="utf-8")
    run = audit_paths([str(path)], Policy())
    res = apply_baseline(run, Baseline.load(tmp_path / "b.json"))
    assert (res.suppressed, res.stale) == (1, 1)
    other = tmp_path / "b.txt"                    # entries of files not audited are not stale
    other.write_text("Other story\n\nThe delegations met on Monday, officials said.\n", encoding="utf-8")
    res = apply_baseline(audit_paths([str(other)], Policy()), Baseline.load(tmp_path / "b.json"))
    assert (res.suppressed, res.stale) == (0, 0)


def test_corpus_findings_are_baselined(tmp_path):
    from auditor.engine import Run
    from auditor.findings import Category, CorpusFinding, Severity, Span

    cf = CorpusFinding("SY001", "copied-passage", Category.SYNDICATION, Severity.LOW, "Copied",
                       [Span(str(tmp_path / "a.txt"), 0, 5, "Hello"), Span(str(tmp_path / "b.txt"), 3, 8, "hello")])
    run = Run(articles=[], corpus_findings=[cf], errors=[], rules={}, policy=Policy())
    doc = baseline_document(run, tmp_path)
    assert doc["corpus"][0]["paths"] == ["a.txt", "b.txt"]
    (tmp_path / "b.json").write_text(json.dumps(doc), encoding="utf-8")
    res = apply_baseline(run, Baseline.load(tmp_path / "b.json"))
    assert run.corpus_findings == [] and res.suppressed == 1


@pytest.mark.parametrize("content, message", [
    (None, "baseline file not found"),
    ("{not json", "invalid baseline JSON"),
    ('{"findings": []}', "not an auditor baseline"),
    ('{"auditor_baseline": 1, "findings": [{"rule": "X"}]}', "malformed baseline entries"),
])
def test_bad_baseline_files(tmp_path, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    if content is not None:
        (tmp_path / "b.json").write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=message):
        Baseline.load(tmp_path / "b.json")
    r = _cli("a.txt", "--baseline", "b.json")
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and message in r.stderr and "Traceback" not in r.stderr


def test_write_baseline_takes_no_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = _cli("a.txt", "--write-baseline", "b.json", "-f", "json")
    assert r.exit_code == 2 and not (tmp_path / "b.json").exists()
