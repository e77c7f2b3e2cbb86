"""GitHub Actions workflow commands: parsed back, unescaped and checked field by field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config import Policy
from auditor.documents import Document
from auditor.engine import audit_documents, audit_paths
from auditor.findings import Category, CorpusFinding, Severity, Span
from auditor.outputs import github

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")
KIND = {"high": "error", "medium": "warning", "low": "notice"}


def _unescape(value: str) -> str:
    return (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def parse(output: str) -> list[tuple[str, dict, str]]:
    """Each line -> (command, properties, message), as the Actions runner reads them."""
    out = []
    for line in output.splitlines():
        m = COMMAND.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = {}
        if m.group(2):
            for item in m.group(2).split(","):
                key, _, value = item.partition("=")
                assert key in {"file", "line", "endLine", "col", "endColumn", "title"}, key
                props[key] = _unescape(value)
        out.append((m.group(1), props, _unescape(m.group(3))))
    return out


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    shutil.copy(SAMPLES / "01_boilerplate.txt", tmp_path / "01_boilerplate.txt")
    (tmp_path / "wrapped.txt").write_text(
        "The talks ended.\n\nThese were the details of the news Talks end in Geneva for this day. "
        "We hope that\nwe have succeeded by giving you the full details and information.\n\nShare this:\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_finding_is_an_annotation(workdir):
    run = audit_paths(["01_boilerplate.txt", "wrapped.txt"], Policy(select=["BP", "DC"]))
    parsed = parse(github.render(run))
    findings = [(a, f) for a in run.articles for f in a.findings]
    assert len(parsed) == len(findings) > 0
    for (kind, props, msg), (a, f) in zip(parsed, findings):
        assert kind == KIND[f.severity.value]
        assert props["file"] == a.path
        assert props["title"] == f"{f.rule} {f.name}"
        assert (int(props["line"]), int(props["endLine"])) == (f.line, f.end_line)
        if f.line == f.end_line:
            assert (int(props["col"]), int(props["endColumn"])) == (f.column, f.end_column)
        else:
            assert "col" not in props and "endColumn" not in props
        assert msg.startswith(f.message + ": “")
    multi = [p for _, p, _ in parsed if p["file"] == "wrapped.txt" and p["line"] != p["endLine"]]
    assert multi == [{"file": "wrapped.txt", "line": "3", "endLine": "4",
                      "title": "BP006 aggregator-outro"}]
    single = [p for k, p, _ in parsed if p["file"] == "wrapped.txt" and k == "warning"]
    assert single == [{"file": "wrapped.txt", "line": "6", "endLine": "6", "col": "1", "endColumn": "12",
                       "title": "BP008 share-prompt"}]


def test_escaping():
    assert github.escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert github.escape_property("a,b:c%d\n") == "a%2Cb%3Ac%25d%0A"
    line = github.command("warning", "50% of\nit: yes, no", file="dir/a,b:c.txt", line=3, end_line=3, col=2,
                          end_column=5, title="T: x, y")
    assert line == ("::warning file=dir/a%2Cb%3Ac.txt,line=3,endLine=3,col=2,endColumn=5,"
                    "title=T%3A x%2C y::50%25 of%0Ait: yes, no")
    assert parse(line) == [("warning", {"file": "dir/a,b:c.txt", "line": "3", "endLine": "3", "col": "2",
                                        "endColumn": "5", "title": "T: x, y"}, "50% of\nit: yes, no")]
    # an article whose path and text need escaping, end to end
    text = "Talks at 100%\n\n[ad_1]\n\nThe delegations met on Monday in Geneva, officials said.\n"
    run = audit_documents([Document(path="news, today: 1.txt", text=text)], Policy(select=["BP"]))
    ((kind, props, msg),) = parse(github.render(run))
    assert props["file"] == "news, today: 1.txt" and msg.endswith("“[ad_1]”")


def test_policy_failure_without_a_failing_finding_is_annotated(workdir):
    run = audit_paths(["wrapped.txt"], Policy(fail_under=99, select=["BP008"]))
    parsed = parse(github.render(run))
    assert [k for k, _, _ in parsed] == ["warning", "error"]
    kind, props, msg = parsed[-1]
    assert props == {"file": "wrapped.txt", "title": "auditor: article fails the policy"}
    assert re.fullmatch(r"quality score \d+ is under 99", msg)


def test_errors_and_corpus_findings(workdir):
    run = audit_paths(["wrapped.txt", "missing.txt"], Policy(select=["BP008"]))
    run.corpus_findings = [CorpusFinding(
        "SY001", "copied-passage", Category.SYNDICATION, Severity.LOW, "Passage copied across articles",
        [Span("wrapped.txt", 0, 16, "The talks ended.", 1, 1),
         Span("01_boilerplate.txt", 75, 88, "ADVERTISEMENT", 3, 1)])]
    parsed = parse(github.render(run))
    assert parsed[1:] == [
        ("notice", {"file": "wrapped.txt", "line": "1", "endLine": "1", "col": "1", "endColumn": "17",
                    "title": "SY001 copied-passage"},
         "Passage copied across articles: “The talks ended.” (also in 01_boilerplate.txt)"),
        ("notice", {"file": "01_boilerplate.txt", "line": "3", "endLine": "3", "col": "1", "endColumn": "14",
                    "title": "SY001 copied-passage"},
         "Passage copied across articles: “ADVERTISEMENT” (also in wrapped.txt)"),
        ("error", {"file": "missing.txt", "title": "auditor: unreadable input"}, "no such file or directory"),
    ]


def test_cli_github_format(workdir):
    r = CliRunner().invoke(main, ["01_boilerplate.txt", "-f", "github", "--no-report"])
    assert r.exit_code == 1
    parsed = parse(r.stdout)
    run = audit_paths(["01_boilerplate.txt"], Policy())
    assert len(parsed) == sum(len(a.findings) for a in run.articles)
    assert [(p["title"].split()[0], int(p["line"])) for _, p, _ in parsed] == \
        [(f.rule, f.line) for f in run.articles[0].findings]
