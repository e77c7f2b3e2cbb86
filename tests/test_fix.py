"""Safe fixes: the edit planner, the fix loop, encodings, --fix/--diff end to end."""

from __future__ import annotations

import re

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor import fixes
from auditor.cli import main
from auditor.config import Policy
from auditor.documents import decode
from auditor.engine import audit_paths, audit_text
from auditor.findings import Category, Finding, Severity
from auditor.fixes import FileFix, FixError, apply_edits, fix_text, plan_edits, write_fix

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXED_CATEGORIES = {Category.BOILERPLATE, Category.DUPLICATE_CAPTION}


def _finding(text: str, sub: str, suggestion: str | None = None, nth: int = 0, fixable=True) -> Finding:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return Finding("BP001", "ad-placeholder", Category.BOILERPLATE, Severity.HIGH, i, i + len(sub), sub,
                   "m", suggestion=suggestion, fixable=fixable)


def _fix(text: str, *subs) -> str:
    found = [_finding(text, s) if isinstance(s, str) else _finding(text, *s) for s in subs]
    return apply_edits(text, plan_edits(text, found))


# ---- the planner -------------------------------------------------------------------------

@pytest.mark.parametrize("text, subs, expected", [
    ("A\n\nX\n\nB\n", ["X"], "A\n\nB\n"),                         # a paragraph and one separator
    ("A\n\nX\n\nY\n\nB\n", ["X", "Y"], "A\n\nB\n"),               # consecutive blocks
    ("B\n\nX\n\nY\n", ["X", "Y"], "B\n"),                         # trailing blocks
    ("B\n\nX\n\nY", ["X", "Y"], "B"),                             # ... with no final line break
    ("B\nX", ["X"], "B"),
    ("X\n\nB\n", ["X"], "B\n"),                                   # leading block
    ("A\r\n\r\nX\r\n\r\nB\r\n", ["X"], "A\r\n\r\nB\r\n"),         # CRLF kept
    ("A\n\n\nX\n\nB", ["X"], "A\n\n\nB"),                          # existing gaps kept, not grown
    ("Cap\nCap\n\nB", [("Cap", None, 1)], "Cap\n\nB"),            # a repeated line
    ("said [ad_1]. ok", ["[ad_1]"], "said. ok"),                  # inside a line: no stray space
    ("a [ad_1] b", ["[ad_1]"], "a b"),
    ("[ad_1] b\nc", ["[ad_1]"], "b\nc"),
    ("the the cat", [("the", None, 1)], "the cat"),               # a doubled word
    ("A\u2028b\n\nX\x0c\n\nB\n", ["X"], "A\u2028b\n\nB\n"),          # only LF ends a line
    ("macronMacron said", [("macronMacron", "Macron")], "Macron said"),  # a replacement
])
def test_plan_edits(text, subs, expected):
    assert _fix(text, *subs) == expected


def test_overlapping_fixes_are_left_for_the_next_pass():
    text = "A\n\nGlued copyGlued copy\n\nB\n"
    outer = _finding(text, "Glued copyGlued copy", "Glued copy")
    inner = _finding(text, "copyGlued")
    edits = plan_edits(text, [inner, outer])
    assert len(edits) == 1 and edits[0].replacement == "Glued copy"
    assert fixes.select_fixes([inner, outer]) == [outer]


def test_unfixable_findings_are_not_applied():
    text = "A\n\nX\n\nB\n"
    assert plan_edits(text, [_finding(text, "X", fixable=False)]) == []
    assert plan_edits(text, [_finding(text, "X", "X")]) == []          # a no-op "fix"


def test_a_finding_that_does_not_match_the_text_is_refused():
    text = "A\n\nX\n\nB\n"
    f = _finding(text, "X")
    f.text = "Y"
    with pytest.raises(FixError):
        plan_edits(text, [f])


def test_fix_loop_does_not_settle_leaves_text_unchanged(monkeypatch):
    text = "Talks resume.\n\n[ad_1]\n\nThe delegations met.\n"

    class Fake:
        def __init__(self, t):
            self.findings = [Finding("BP001", "x", Category.BOILERPLATE, Severity.HIGH, 0, 1, t[0], "m",
                                     suggestion=t[0] + "!", fixable=True)]

    monkeypatch.setattr(fixes, "_audit", lambda t, policy, path: Fake(t))
    result = fix_text(text, Policy())
    assert result.error and "did not settle" in result.error
    assert result.fixed == text and not result.changed and result.applied == []


# ---- the samples ---------------------------------------------------------------------------

@pytest.fixture
def samples(tmp_path, monkeypatch):
    for name in ("01_boilerplate.txt", "02_captions.txt", "07_clean.txt"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _cli(*args):
    return CliRunner().invoke(main, [*args, "--no-report"])


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def test_fix_samples_end_to_end(samples):
    before = {p.name: p.read_text(encoding="utf-8") for p in samples.glob("*.txt")}
    r = _cli("01_boilerplate.txt", "02_captions.txt", "07_clean.txt", "--fix", "--select", "BP,DC")
    assert re.search(r"Fixed \d+ finding\(s\) in 2 file\(s\)", r.stderr)
    after = {p.name: p.read_text(encoding="utf-8") for p in samples.glob("*.txt")}
    assert after["07_clean.txt"] == before["07_clean.txt"]
    # re-audited: no boilerplate or duplicated captions left that has a safe fix, and every
    # article passes. (Un-gluing the caption in 02 shows it as a stray photo caption, BP012: a
    # low-confidence hint with no safe fix, since a caption may belong in the text.)
    run = audit_paths([str(samples / n) for n in before], Policy())
    left = [f for a in run.articles for f in a.findings if f.category in FIXED_CATEGORIES]
    assert [f for f in left if f.fixable or run.rules[f.rule].fixable] == []
    assert {f.rule for f in left} <= {"BP011", "BP012"}
    assert r.exit_code == 0, r.output
    for name in ("01_boilerplate.txt", "02_captions.txt"):
        assert "\n\n\n" not in after[name]
        assert after[name].endswith("\n") == before[name].endswith("\n")
    # nothing else touched: the lines left are original lines, in order, or a fix's suggestion
    orig = audit_paths([str(SAMPLES / "02_captions.txt")], Policy()).articles[0]
    suggestions = {f.suggestion for f in orig.findings if f.suggestion}
    for name in ("01_boilerplate.txt", "02_captions.txt"):
        old = iter(before[name].splitlines())
        for line in after[name].splitlines():
            if line in suggestions:
                continue
            assert any(line == o for o in old), line
    # and every paragraph no fix touched is still there
    art = audit_paths([str(SAMPLES / "01_boilerplate.txt")], Policy()).articles[0]
    text = art.text
    for para in _paragraphs(before["01_boilerplate.txt"]):
        start = text.index(para)
        if not any(f.start < start + len(para) and start < f.end for f in art.findings):
            assert para in after["01_boilerplate.txt"]
    assert "The Dutch minister, Sanne de Vries" in after["01_boilerplate.txt"]
    # the glued caption keeps one copy, the repeated title one line
    assert after["02_captions.txt"].count("A bulk carrier loaded with wheat") == 1
    assert after["02_captions.txt"].count("Ukraine's Black Sea grain exports climb") == 1


def test_fix_is_idempotent(samples):
    _cli("01_boilerplate.txt", "02_captions.txt", "--fix")
    once = {p.name: p.read_bytes() for p in samples.glob("*.txt")}
    r = _cli("01_boilerplate.txt", "02_captions.txt", "--fix")
    assert "Fixed 0 finding(s) in 0 file(s)" in r.stderr
    assert {p.name: p.read_bytes() for p in samples.glob("*.txt")} == once
    d = _cli("01_boilerplate.txt", "02_captions.txt", "--diff")
    assert d.exit_code == 0 and d.stdout == ""


def test_diff_writes_nothing(samples):
    before = {p.name: p.read_bytes() for p in samples.glob("*.txt")}
    r = _cli("01_boilerplate.txt", "02_captions.txt", "07_clean.txt", "--diff", "--select", "BP,DC")
    assert r.exit_code == 1
    assert {p.name: p.read_bytes() for p in samples.glob("*.txt")} == before
    assert r.stdout.startswith("--- a/01_boilerplate.txt\n+++ b/01_boilerplate.txt\n")
    assert "-ADVERTISEMENT\n" in r.stdout and "--- a/02_captions.txt" in r.stdout
    assert "07_clean" not in r.stdout
    assert "+A bulk carrier loaded with wheat leaves the port of Chornomorsk (file photo)\n" in r.stdout
    assert re.search(r"Would fix \d+ finding\(s\) in 2 file\(s\)", r.stderr)
    # the diff is exactly what --fix then writes
    _cli("01_boilerplate.txt", "02_captions.txt", "--fix", "--select", "BP,DC")
    removed = [ln[1:] for ln in r.stdout.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    fixed = (samples / "01_boilerplate.txt").read_text(encoding="utf-8")
    assert "ADVERTISEMENT" in removed and "ADVERTISEMENT" not in fixed


def test_fix_respects_select(samples):
    _cli("01_boilerplate.txt", "--fix", "--select", "BP001")
    text = (samples / "01_boilerplate.txt").read_text(encoding="utf-8")
    assert "ADVERTISEMENT" not in text and "[ad_1]" not in text and "adsbygoogle" not in text
    assert "Leave a Reply" in text and "Related Articles" in text


def test_fix_keeps_non_fixable_findings(samples):
    path = samples / "title.txt"
    path.write_text("Geneva hosts talks to mediate in the conflict, and...\n\nADVERTISEMENT\n\n"
                    "The delegations met on Monday in Geneva, officials said.\n", encoding="utf-8")
    _cli("title.txt", "--fix")
    text = path.read_text(encoding="utf-8")
    assert text == ("Geneva hosts talks to mediate in the conflict, and...\n\n"
                    "The delegations met on Monday in Geneva, officials said.\n")
    assert any(f.rule == "BP011" for f in audit_text(text).findings)


# ---- encodings -----------------------------------------------------------------------------

BODY = ("The delegations met on Monday in the Swiss city, officials said, and the café owners "
        "cheered “loudly”.\n\nThe next round is due in Zürich in May, the ministry’s spokesman "
        "said; délégués from both sides agreed to a short communiqué.\n")
ARTICLE = "Café talks resume in Genève\n\nADVERTISEMENT\n\n" + BODY + "\nLeave a Reply\n"
FIXED = "Café talks resume in Genève\n\n" + BODY


@pytest.mark.parametrize("name, codec, bom", [
    ("utf8.txt", "utf-8", b""),
    ("bom.txt", "utf-8", b"\xef\xbb\xbf"),
    ("utf16le.txt", "utf-16-le", b"\xff\xfe"),
    ("utf16be.txt", "utf-16-be", b"\xfe\xff"),
    ("cp1252.txt", "cp1252", b""),
])
def test_fix_preserves_encoding_and_bom(tmp_path, monkeypatch, name, codec, bom):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(bom + ARTICLE.encode(codec))
    assert "ADVERTISEMENT" in decode((tmp_path / name).read_bytes())[0]
    r = _cli(name, "--fix")
    assert r.exit_code == 0, r.output
    assert (tmp_path / name).read_bytes() == bom + FIXED.encode(codec)


def test_fix_preserves_crlf(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = ARTICLE.replace("\n", "\r\n").replace("ADVERTISEMENT\r\n\r\n", "[ad_1]\r\n\r\n")
    (tmp_path / "crlf.txt").write_bytes(text.encode("utf-8"))
    _cli("crlf.txt", "--fix")
    data = (tmp_path / "crlf.txt").read_bytes()
    assert data == FIXED.replace("\n", "\r\n").encode("utf-8")


def test_file_that_cannot_be_encoded_is_left_unchanged(tmp_path):
    path = tmp_path / "a.txt"
    data = ("Café talks\n\n[ad_1]\n\nThe delegations met on Monday in the city.\n" * 3).encode("cp1252")
    path.write_bytes(data)
    text = decode(data)[0]
    fix = FileFix(path=str(path), original=text, fixed=text.replace("[ad_1]", "Ω"), encoding="cp1252")
    with pytest.raises(FixError, match="cannot be encoded"):
        write_fix(fix)
    assert path.read_bytes() == data
    assert list(tmp_path.iterdir()) == [path]          # no temporary file left behind


def test_file_changed_since_the_audit_is_left_unchanged(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Talks\n\n[ad_1]\n\nThe delegations met.\n", encoding="utf-8")
    run = audit_paths([str(path)], Policy())
    path.write_text("Talks\n\n[ad_1]\n\nThe delegations met again.\n", encoding="utf-8")
    results = fixes.write_fixes(fixes.fix_run(run))
    assert results[0].error and "changed" in results[0].error
    assert path.read_text(encoding="utf-8") == "Talks\n\n[ad_1]\n\nThe delegations met again.\n"


def test_fix_failure_is_reported_and_exit_code_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Talks\n\n[ad_1]\n\nThe delegations met.\n", encoding="utf-8")
    original = fixes.write_fix

    def boom(fix):
        raise FixError("disk full")

    monkeypatch.setattr(fixes, "write_fix", boom)
    r = _cli("a.txt", "--fix")
    monkeypatch.setattr(fixes, "write_fix", original)
    assert r.exit_code == 2
    assert "a.txt: not fixed: disk full" in r.stderr
    assert "[ad_1]" in (tmp_path / "a.txt").read_text(encoding="utf-8")


def test_stdin_can_be_diffed_not_fixed():
    text = "Talks\n\nADVERTISEMENT\n\nThe delegations met on Monday.\n"
    d = CliRunner().invoke(main, ["-", "--diff"], input=text)
    assert d.exit_code == 1 and "-ADVERTISEMENT\n" in d.stdout
    f = CliRunner().invoke(main, ["-", "--fix", "--no-report", "-f", "json"], input=text)
    assert f.exit_code == 2 and "cannot be fixed in place" in f.stderr
