"""JUnit XML: parsed back with xml.etree and checked field by field."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config import Policy
from auditor.documents import Document
from auditor.engine import audit_documents, audit_paths
from auditor.findings import Category, CorpusFinding, Severity, Span
from auditor.outputs import junit

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BPDC = ["BP", "DC"]   # the checks whose findings these tests spell out


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    for name in ("01_boilerplate.txt", "07_clean.txt"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "share.txt").write_text(
        "Talks resume in Geneva\n\nThe delegations met on Monday in Geneva, officials said.\n\n"
        "Share this:\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _parse(run) -> ET.Element:
    text = junit.render(run)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def test_one_testcase_per_article(workdir):
    run = audit_paths(["01_boilerplate.txt", "07_clean.txt", "news/share.txt", "missing.txt"], Policy(select=BPDC))
    root = _parse(run)
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "auditor", "tests": "4", "failures": "1", "errors": "1"}
    (suite,) = root.findall("testsuite")
    assert suite.attrib == {"name": "auditor", "tests": "4", "failures": "1", "errors": "1", "skipped": "0"}
    cases = suite.findall("testcase")
    assert [(c.get("name"), c.get("classname")) for c in cases] == [
        ("01_boilerplate.txt", "01_boilerplate"), ("07_clean.txt", "07_clean"),
        ("news/share.txt", "news.share"), ("missing.txt", "missing")]

    boiler, clean, share, missing = cases
    a = run.articles[0]
    (failure,) = boiler.findall("failure")
    assert failure.get("type") == "policy"
    assert failure.get("message") == (f"{a.fail_reasons[0]} (quality {a.scores['quality']}, traceability "
                                      f"{a.scores['traceability']}, {len(a.findings)} finding(s))")
    body = failure.text.splitlines()
    assert len(body) == len(a.findings) > 0
    for line, f in zip(body, a.findings):
        assert line.startswith(f"01_boilerplate.txt:{f.line}:{f.column}: {f.rule} [{f.severity.value}] {f.message}")
    assert boiler.find("error") is None and boiler.find("system-out") is None

    assert list(clean) == []                       # a pass with nothing to say

    assert share.find("failure") is None           # a medium finding does not fail the policy
    out = share.find("system-out").text
    assert "news/share.txt:5:1: BP008 [medium]" in out and out.startswith("quality ")

    (error,) = missing.findall("error")
    assert error.attrib == {"message": "no such file or directory", "type": "input"}
    assert error.text == "missing.txt: no such file or directory"


def test_policy_decides_failures(workdir):
    run = audit_paths(["news/share.txt"], Policy(fail_on=Severity.MEDIUM, select=BPDC))
    case = _parse(run).find("testsuite/testcase")
    assert case.find("failure").get("message").startswith("1 finding(s) at or above medium severity")
    run = audit_paths(["07_clean.txt"], Policy(fail_under=101))
    root = _parse(run)
    assert root.get("failures") == "1"
    assert "quality score 100 is under 101" in root.find("testsuite/testcase/failure").get("message")


def test_corpus_findings_in_suite_output(workdir):
    run = audit_paths(["07_clean.txt", "news/share.txt"], Policy(select=BPDC))
    run.corpus_findings = [CorpusFinding("SY001", "copied", Category.SYNDICATION, Severity.LOW, "Copied passage",
                                         [Span("07_clean.txt", 0, 4, "Text", 1, 1),
                                          Span("news/share.txt", 0, 5, "Talks", 1, 1)])]
    suite = _parse(run).find("testsuite")
    assert suite.find("system-out").text == \
        "corpus: SY001 [low] Copied passage: 07_clean.txt:1:1, news/share.txt:1:1"
    assert suite.get("failures") == "0"


def test_xml_special_and_invalid_characters():
    text = "Talks & <talks>\n\n[ad_1]\x0b\n\nThe delegations met on Monday \"in\" Geneva, officials said.\n"
    run = audit_documents([Document(path="a&b <c>.txt", text=text)], Policy())
    case = _parse(run).find("testsuite/testcase")
    assert case.get("name") == "a&b <c>.txt"
    assert "[ad_1]" in case.find("failure").text
    assert junit.clean("a\x00b\x1fc\td\ne") == "a\ufffdb\ufffdc\td\ne"


def test_deterministic(workdir):
    paths = ["01_boilerplate.txt", "07_clean.txt"]
    assert junit.render(audit_paths(paths, Policy())) == junit.render(audit_paths(paths, Policy()))


def test_cli_junit_to_file_keeps_exit_code(workdir):
    r = CliRunner().invoke(main, ["01_boilerplate.txt", "-f", "junit", "-o", "junit.xml", "--no-report",
                                  "--select", "BP,DC"])
    assert r.exit_code == 1 and r.stdout == ""
    root = ET.parse(workdir / "junit.xml").getroot()
    assert root.get("failures") == "1"
