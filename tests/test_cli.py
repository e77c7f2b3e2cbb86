"""The `audit` command end to end: exit codes, policy options, selection, bad inputs, several
formats in one run, --output, --statistics, and usage errors. Through click's CliRunner, plus one
real subprocess so the installed entry point and the exit status are checked as CI sees them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config import Policy
from auditor.engine import audit_paths

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SHARE = ("Talks resume in Geneva\n\nThe delegations met on Monday in Geneva, officials said.\n\n"
         "Share this:\n")                                   # one medium finding (BP008)


@pytest.fixture
def work(tmp_path, monkeypatch):
    for name in ("01_boilerplate.txt", "02_captions.txt", "07_clean.txt"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    (tmp_path / "share.txt").write_text(SHARE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def audit(*args, input=None):
    return CliRunner().invoke(main, [*args, "--no-report"], input=input)


def _json(result) -> dict:
    return json.loads(result.stdout)


def _rules(result) -> set[str]:
    return {f["rule"] for a in _json(result)["articles"] for f in a["findings"]}


# ---- exit codes and the policy --------------------------------------------------------------

def test_exit_codes(work):
    assert audit("07_clean.txt").exit_code == 0
    r = audit("01_boilerplate.txt")
    assert r.exit_code == 1 and "01_boilerplate.txt:3:1: BP001 [high]" in r.stdout
    assert audit("01_boilerplate.txt", "--exit-zero").exit_code == 0
    assert audit("missing.txt").exit_code == 2
    assert audit("01_boilerplate.txt", "missing.txt", "--exit-zero").exit_code == 2


def test_fail_on(work):
    assert audit("share.txt").exit_code == 0                       # medium < high
    r = audit("share.txt", "--fail-on", "medium")
    assert r.exit_code == 1 and "FAIL (1 finding(s) at or above medium severity)" in r.stdout
    assert audit("share.txt", "--fail-on", "LOW").exit_code == 1
    assert audit("share.txt", "--fail-on", "fatal").exit_code == 2  # not a severity


def test_fail_under(work):
    assert audit("share.txt", "--fail-under", "50").exit_code == 0
    r = audit("share.txt", "--fail-under", "99.5", "-f", "json")
    assert r.exit_code == 1
    (art,) = _json(r)["articles"]
    assert not art["passed"] and art["fail_reasons"][0].startswith("quality score ")
    assert audit("07_clean.txt", "--fail-under", "100").exit_code == 0
    assert audit("07_clean.txt", "--fail-under", "101").exit_code == 2  # out of range


@pytest.mark.parametrize("args, expected", [
    (["--select", "BP001"], {"BP001"}),
    (["--select", "bp001"], {"BP001"}),
    (["--select", "ad-placeholder"], {"BP001"}),
    (["--select", "BP00"], {"BP001", "BP002", "BP003", "BP004", "BP005", "BP006", "BP007", "BP008", "BP009"}),
    (["--select", "BP001,comment-form", "--select", "BP009"], {"BP001", "BP005", "BP009"}),
    (["--select", "BP", "--ignore", "BP00"], {"BP010"}),
    (["--select", "BP", "--ignore", "teaser-list,BP001"],
     {"BP002", "BP003", "BP004", "BP005", "BP006", "BP007", "BP008", "BP009"}),
])
def test_select_and_ignore(work, args, expected):
    r = audit("01_boilerplate.txt", "-f", "json", *args)
    assert _rules(r) == expected


def test_ignore_decides_the_exit_code(work):
    assert audit("01_boilerplate.txt", "02_captions.txt", "--select", "BP,DC", "--ignore", "BP,DC").exit_code == 0
    assert audit("01_boilerplate.txt", "--select", "BP,DC", "--ignore", "DC").exit_code == 1
    assert audit("02_captions.txt", "--select", "BP,DC", "--ignore", "DC").exit_code == 0


# ---- bad inputs ---------------------------------------------------------------------------------

def test_bad_inputs_give_one_line_each_and_the_rest_is_audited(work):
    (work / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (work / "empty.txt").write_bytes(b"")
    (work / "blank.txt").write_text(" \n\n \n", encoding="utf-8")
    cp = ("Café owners in Genève said the “talks” went well, and the délégués agreed.\n\n"
          "ADVERTISEMENT\n\nThe next round is due in Zürich in May, the ministry’s spokesman said.\n")
    (work / "cp1252.txt").write_bytes(cp.encode("cp1252"))
    r = audit("missing.txt", "binary.txt", "empty.txt", "blank.txt", "cp1252.txt", "01_boilerplate.txt",
              "-f", "json")
    assert r.exit_code == 2
    errors = r.stderr.splitlines()
    assert errors == [
        "audit: error: missing.txt: no such file or directory",
        "audit: error: binary.txt: binary file (contains NUL bytes), not a text article",
        "audit: error: empty.txt: empty file",
        "audit: error: blank.txt: empty file",
    ]
    doc = _json(r)
    arts = {a["path"]: a for a in doc["articles"]}
    assert set(arts) == {"cp1252.txt", "01_boilerplate.txt"}
    assert "BP001" in {f["rule"] for f in arts["cp1252.txt"]["findings"]}
    assert "guessed" in arts["cp1252.txt"]["encoding_note"]
    assert [e["path"] for e in doc["errors"]] == ["missing.txt", "binary.txt", "empty.txt", "blank.txt"]
    assert "Traceback" not in r.output


def test_directory_without_articles(work):
    (work / "nothing").mkdir()
    r = audit("nothing", "07_clean.txt")
    assert r.exit_code == 2 and r.stderr == "audit: error: nothing: directory has no *.txt files\n"
    assert "07_clean.txt: quality 100" in r.stdout


# ---- several formats, --output ------------------------------------------------------------------

def test_several_formats_in_one_run(work):
    r = audit(".", "-f", "json", "-o", "out/a.json", "-f", "sarif", "-o", "out/a.sarif",
              "-f", "junit", "-o", "out/a.xml", "-f", "github", "--select", "BP,DC")
    assert r.exit_code == 1
    run = audit_paths(["."], Policy(select=["BP", "DC"]))
    n = sum(len(a.findings) for a in run.articles)
    doc = json.loads((work / "out" / "a.json").read_text(encoding="utf-8"))
    assert sum(len(a["findings"]) for a in doc["articles"]) == n > 0
    sarif = json.loads((work / "out" / "a.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == n
    junit = ET.parse(work / "out" / "a.xml").getroot()
    assert junit.get("tests") == "4" and junit.get("failures") == "2"
    lines = r.stdout.splitlines()                     # github: the one format on stdout
    assert len(lines) == n and all(line.startswith(("::error ", "::warning ")) for line in lines)


@pytest.mark.parametrize("paths, code", [(["07_clean.txt"], 0), (["01_boilerplate.txt"], 1),
                                         (["01_boilerplate.txt", "missing.txt"], 2)])
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_output_does_not_change_the_exit_code(work, paths, code, fmt):
    to_stdout = audit(*paths, "-f", fmt)
    to_file = audit(*paths, "-f", fmt, "-o", f"report.{fmt}")
    assert to_stdout.exit_code == to_file.exit_code == code
    assert to_file.stdout == ""
    assert (work / f"report.{fmt}").read_text(encoding="utf-8") == to_stdout.stdout


def test_format_usage_errors(work):
    for args in (["-f", "yaml"], ["-f", "json", "-f", "sarif"], ["-f", "json", "-o", "a", "-o", "b"],
                 ["--fix", "--diff"], ["--diff", "-f", "json"], ["--diff", "-o", "x.txt"],
                 ["--statistics", "-f", "json"], ["--write-baseline", "b.json", "--fix"],
                 ["-f", "github", "-f", "sarif", "-o", "a.sarif", "-o", "a.txt"], ["-o", "a.json"]):
        r = audit("07_clean.txt", *args)
        assert r.exit_code == 2, args
        assert "Error:" in r.stderr and "Traceback" not in r.output


# ---- --statistics -------------------------------------------------------------------------------

STAT = re.compile(r"^\s*(\d+)  ([A-Z]+\d+)\s+(\[\*\] |\[ \] )?(\S+)\s+(.*)$")


def test_statistics(work):
    r = audit(".", "--statistics", "--select", "BP,DC")
    assert r.exit_code == 1
    *rows, summary = r.stdout.splitlines()
    parsed = [STAT.match(row).groups() for row in rows]
    counts = {code: int(n) for n, code, _, _, _ in parsed}
    run = audit_paths(["."], Policy(select=["BP", "DC"]))
    expected: dict[str, int] = {}
    for a in run.articles:
        for f in a.findings:
            expected[f.rule] = expected.get(f.rule, 0) + 1
    assert counts == expected
    assert [int(p[0]) for p in parsed] == sorted((int(p[0]) for p in parsed), reverse=True)
    names = {code: name for _, code, _, name, _ in parsed}
    assert names["BP001"] == "ad-placeholder" and parsed[0][2] == "[*] "
    assert summary == (f"Found {sum(expected.values())} finding(s) in 4 article(s); 2 failed the policy. "
                       f"[*] {sum(expected.values())} fixable with --fix.")
    # statistics replace the text report, and the report still goes to files
    assert "01_boilerplate.txt:3:1" not in r.stdout
    r2 = audit(".", "--statistics", "--select", "BP,DC", "-f", "json", "-o", "a.json")
    assert r2.stdout == r.stdout and r2.exit_code == 1
    assert json.loads((work / "a.json").read_text(encoding="utf-8"))["articles"]
    clean = audit("07_clean.txt", "--statistics")
    assert clean.exit_code == 0 and clean.stdout == "Found 0 finding(s) in 1 article(s); 0 failed the policy.\n"


def test_statistics_after_baseline(work):
    audit("01_boilerplate.txt", "--write-baseline", "b.json")
    r = audit("01_boilerplate.txt", "02_captions.txt", "--baseline", "b.json", "--statistics",
              "--select", "BP,DC")
    assert {STAT.match(row).group(2) for row in r.stdout.splitlines()[:-1]} == {"DC001", "DC002"}


# ---- standard input and the real entry point ---------------------------------------------------

def test_stdin(work):
    r = audit("-", "-f", "json", input=SHARE + "\n[ad_1]\n")
    assert r.exit_code == 1
    (art,) = _json(r)["articles"]
    assert art["path"] == "<stdin>" and {f["rule"] for f in art["findings"]} >= {"BP001", "BP008"}


def test_subprocess_entry_point(work):
    exe = Path(sys.executable).parent / "audit"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "auditor.cli"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    p = subprocess.run([*cmd, "01_boilerplate.txt", "missing.txt", "-f", "sarif", "-o", "a.sarif",
                        "--no-report"], capture_output=True, text=True, env=env, cwd=work)
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr == "audit: error: missing.txt: no such file or directory\n"
    assert json.loads((work / "a.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    p = subprocess.run([*cmd, "07_clean.txt", "--no-report"], capture_output=True, text=True, env=env, cwd=work)
    assert p.returncode == 0


def test_pre_commit_hook_entries(work):
    import shlex

    hooks = (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entries = dict(re.findall(r"^- id: (\S+)\n(?:  .*\n)*?  entry: (.+)$", hooks, re.M))
    assert set(entries) == {"audit", "audit-fix"}
    assert re.findall(r"^  files: (.+)$", hooks, re.M) == [r"\.txt$", r"\.txt$"]
    for hook_id, entry in entries.items():
        cmd = shlex.split(entry)
        assert cmd[0] == "audit"            # the console script pyproject.toml installs
        shutil.copy(SAMPLES / "01_boilerplate.txt", work / "staged.txt")
        r = CliRunner().invoke(main, [*cmd[1:], "staged.txt", "07_clean.txt", "--select", "BP"])
        assert not (work / "reports").exists()
        if hook_id == "audit":
            assert r.exit_code == 1 and "staged.txt:3:1: BP001" in r.stdout
        else:
            assert r.exit_code == 0 and "ADVERTISEMENT" not in (work / "staged.txt").read_text(encoding="utf-8")
