"""The HTML report, read as files: structure, highlights in place, escaping, determinism.

The browser-level checks (console errors, filtering, keyboard) are in test_html_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import random
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config import Policy
from auditor.documents import Document
from auditor.engine import audit_documents, audit_paths
from auditor.outputs import formats
from auditor.outputs import html as report
from conftest import SAMPLES

HOSTILE = (
    "Talks resume in Geneva\n\n"
    "The delegations met on Monday, <script>window.__pwned = 1</script> officials said.\n\n"
    "googletag.cmd.push(<img src=x onerror=\"window.__pwned = 2\">);\n\n"
    "A template {{ 7*7 }} and {% if true %}block{% endif %} and &amp; and ]]> stay text.\n"
)


def sample_paths() -> list[str]:
    return sorted(str(p) for p in SAMPLES.glob("*.txt"))


@pytest.fixture(scope="module")
def sample_run():
    return audit_paths(sample_paths())


@pytest.fixture(scope="module")
def sample_report(sample_run, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    index = formats()["html"].write(sample_run, folder)
    assert index == folder / "index.html"
    return folder


class Page(HTMLParser):
    """Just enough of the DOM for the tests: tags with attributes, nesting, text per line."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "col", "area", "base", "source", "wbr"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[tuple[str, dict]] = []
        self.lines: list[str] = []      # text of each div.l of the article
        self.covered: dict[str, set[int]] = {}  # mark data-f -> offsets (in the joined lines)
        self.scripts: list[str] = []
        self._pos = 0
        self._in_line = False
        self._script: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "script":
            self._script = []
        if tag in self.VOID:
            return
        self.stack.append((tag, a))
        if tag == "div" and "l" in a.get("class", "").split():
            self._in_line = True
            if self.lines:
                self._pos += 1  # the newline between two lines
            self.lines.append("")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.stack, f"</{tag}> closes nothing"
        open_tag, a = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>: badly nested markup"
        if tag == "div" and "l" in a.get("class", "").split():
            self._in_line = False
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        if not self._in_line:
            return
        self.lines[-1] += data
        for tag, a in self.stack:
            if tag == "mark":
                self.covered.setdefault(a["data-f"], set()).update(range(self._pos, self._pos + len(data)))
        self._pos += len(data)

    def find(self, tag, **attrs) -> list[dict]:
        out = []
        for t, a in self.tags:
            if t == tag and all((v is True and k in a) or a.get(k) == v for k, v in attrs.items()):
                out.append(a)
        return out

    def with_class(self, tag, cls) -> list[dict]:
        return [a for t, a in self.tags if t == tag and cls in a.get("class", "").split()]


def read(folder: Path, rel: str) -> str:
    return (folder / rel).read_text(encoding="utf-8")


def article_file(folder: Path, path: str) -> Path:
    index = Page(read(folder, "index.html"))
    for a in index.find("a"):
        if a.get("href", "").startswith("articles/") and Path(path).stem in a["href"]:
            return folder / a["href"]
    raise AssertionError(f"no page for {path}")


# --------------------------------------------------------------------------------------------
# Structure


def test_index_has_one_row_per_article_linking_to_its_page(sample_run, sample_report):
    page = Page(read(sample_report, "index.html"))
    rows = [a for t, a in page.tags if t == "tr" and "data-verdict" in a]
    assert len(rows) == len(sample_run.articles) == len(list(SAMPLES.glob("*.txt")))
    assert [r["data-verdict"] for r in rows] == ["pass" if a.passed else "fail" for a in sample_run.articles]
    links = [a["href"] for a in page.find("a") if a.get("href", "").startswith("articles/")]
    assert len(set(links)) >= len(sample_run.articles)
    for href in set(links):
        assert (sample_report / href.split("#")[0]).is_file()
    assert (sample_report / "rules.html").is_file() and (sample_report / "corpus.html").is_file()
    text = read(sample_report, "index.html")
    assert "<svg" in text and 'class="bar quality"' in text          # the score distribution
    assert page.find("input", id="filter")                              # filter box
    assert len(page.find("th")) >= 8 and all("button" for _ in page.find("th"))


def test_index_shows_scores_verdicts_counts_and_corpus_findings(sample_run, sample_report):
    text = read(sample_report, "index.html")
    for a in sample_run.articles:
        row = re.search(r'<tr data-verdict="[^"]*"[^>]*>.*?</tr>',
                        text[text.index(f">{report.relpath(a.path)}<") - 400:], re.S).group(0)
        assert f'data-v="{a.quality.value}"' in row and f'data-v="{a.traceability.value}"' in row
        assert f'data-v="{a.words}"' in row and f">{a.language}<" in row
    assert 'id="corpus-h"' in text
    if sample_run.corpus_findings:
        assert text.count('<article class="cf ') == min(len(sample_run.corpus_findings), report.CORPUS_ON_INDEX)


def test_every_finding_is_highlighted_once_in_place(sample_run, sample_report):
    spans_by_path: dict[str, list] = {}
    for cf in sample_run.corpus_findings:
        for s in cf.spans:
            spans_by_path.setdefault(s.path, []).append(s)
    total = 0
    for art in sample_run.articles:
        page = Page(article_file(sample_report, art.path).read_text(encoding="utf-8"))
        # the text is all there, in order, once
        assert "\n".join(page.lines) == art.text.replace("\r", "").rstrip("\n")
        heads = [a for a in page.with_class("mark", "m") if "id" in a]
        own = [a for a in heads if "x" not in a["class"].split()]
        shared = [a for a in heads if "x" in a["class"].split()]
        assert len(own) == len(art.findings)
        assert len(shared) == len(spans_by_path.get(art.path, []))
        for k, f in enumerate(art.findings, 1):
            # offsets in the page are the text's: one "\n" between lines (the samples are LF-only)
            assert page.covered[f"f{k}"] == {i for i in range(f.start, f.end) if art.text[i] != "\n"}, f.rule
            head = page.find("mark", id=f"f{k}")[0]
            assert head["data-tag"] == report.category_label(f.category.value)
            assert f"c-{f.category.value}" in head["class"] and head["tabindex"] == "0"
            assert page.find("li", id=f"d-f{k}"), "every highlight has its entry in the side list"
        total += len(art.findings)
    assert total > 0


def test_findings_link_to_their_rule_explanation(sample_run, sample_report):
    rules_page = Page(read(sample_report, "rules.html"))
    anchors = {a["id"] for t, a in rules_page.tags if t == "article" and "id" in a}
    assert anchors == set(sample_run.rules)
    for art in sample_run.articles:
        page = Page(article_file(sample_report, art.path).read_text(encoding="utf-8"))
        linked = {a["href"].split("#")[1] for a in page.find("a") if a.get("href", "").startswith("../rules.html#")}
        assert {f.rule for f in art.findings} <= linked <= anchors


def test_article_page_shows_score_breakdown_and_verdict(sample_run, sample_report):
    art = next(a for a in sample_run.articles if a.quality.costs)
    text = article_file(sample_report, art.path).read_text(encoding="utf-8")
    assert f"= {art.quality.value}</b>" in text and f"= {art.traceability.value}</b>" in text
    for cost in art.quality.costs:
        assert f"−{round(cost.score_points, 1)}<" in text
        assert f'../rules.html#{cost.rule}"' in text
    assert ("Fails the policy" in text) != art.passed


def test_highlight_nests_crossing_and_overlapping_spans():
    rng = random.Random(7)
    text = "".join(rng.choice("abc de\n") for _ in range(400))
    spans = []
    for _ in range(60):
        s = rng.randrange(0, len(text) - 1)
        spans.append((s, min(len(text), s + rng.randint(1, 40))))
    spans += [(10, 30), (10, 30), (5, 30), (10, 50), (0, len(text))]  # equal, nested, crossing, all
    marks = [report.Mark(s, e, *report._mark_tags(f"f{i}", "boilerplate", "high")) for i, (s, e) in enumerate(spans)]
    html = str(report.highlight(text, marks))
    page = Page(f'<div class="text">{html}</div>')
    assert "\n".join(page.lines) == text.rstrip("\n")
    for i, (s, e) in enumerate(spans):
        assert len(page.find("mark", id=f"f{i}")) == 1
        # joined lines keep one "\n" per newline, so offsets are the text's
        want = {k for k in range(s, e) if text[k] != "\n"}
        assert page.covered.get(f"f{i}", set()) == want, (s, e)


def test_findings_starting_together_show_one_label_per_category():
    tags = [report._mark_tags(f"f{i}", cat, "low") for i, cat in enumerate(["name_misspelling"] * 3 + ["mt_artefact"])]
    marks = [report.Mark(0, 5 + i, *t, label=cat)
             for i, (t, cat) in enumerate(zip(tags, ["name_misspelling"] * 3 + ["mt_artefact"]))]
    page = Page(str(report.highlight("Odesa port reopened", marks)))
    heads = [a for a in page.with_class("mark", "m") if "id" in a]
    assert len(heads) == 4
    labelled = [a["id"] for a in heads if "nl" not in a["class"].split()]
    assert len(labelled) == 2  # one NAME label, one MT label


def test_highlight_of_a_span_over_line_breaks_only_still_has_its_head():
    marks = [report.Mark(4, 6, *report._mark_tags("f1", "mt_artefact", "low"))]
    page = Page(str(report.highlight("abcd\n\nefg", marks)))
    assert len(page.find("mark", id="f1")) == 1


# --------------------------------------------------------------------------------------------
# Safety


def hostile_run():
    docs = [Document(path="hostile/<b>bold</b>.txt", text=HOSTILE),
            Document(path="hostile/plain.txt", text="Plain story\n\nNothing to see here, the minister said.\n")]
    return audit_documents(docs, Policy())


def test_article_text_is_escaped_everywhere(tmp_path):
    run = hostile_run()
    art = run.articles[0]
    assert any("<img" in f.text for f in art.findings), "a finding covers the injected tag"
    formats()["html"].write(run, tmp_path)
    pages = {p.relative_to(tmp_path).as_posix(): p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.html")}
    for name, text in pages.items():
        assert "<script>window" not in text and "<img src=x" not in text and "<b>bold</b>" not in text, name
        page = Page(text)
        assert len(page.find("script")) == 1, f"{name}: only the report's own script"
        assert not page.find("img"), name
        assert not any(k.startswith("on") for _, a in page.tags for k in a), f"{name}: no inline handler"
    art_page = next(t for n, t in pages.items() if n.startswith("articles/") and "plain" not in n)
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in art_page
    assert "&lt;img src=x onerror=&#34;window.__pwned = 2&#34;&gt;" in art_page
    assert "{{ 7*7 }}" in art_page and "{% if true %}block{% endif %}" in art_page and ">49<" not in art_page
    assert "&amp;amp;" in art_page
    assert "&lt;b&gt;bold&lt;/b&gt;" in pages["index.html"]


def test_only_the_reports_own_script_may_run():
    a = report.assets()
    digest = base64.b64encode(hashlib.sha256(str(a["js"]).encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in a["csp"] and "default-src 'none'" in a["csp"]
    assert "unsafe-inline" not in a["csp"].split("script-src")[1].split(";")[0]


def test_no_external_resources(sample_report):
    for p in sample_report.rglob("*.html"):
        page = Page(p.read_text(encoding="utf-8"))
        for tag, a in page.tags:
            for key in ("src", "href", "action", "srcset", "poster", "data"):
                v = a.get(key)
                if v is None:
                    continue
                assert not re.match(r"^\s*(https?:|//|ftp:|ws:)", v, re.I), f"{p.name}: {tag} {key}={v}"
        assert page.scripts and all(s.strip() for s in page.scripts)
        assert "Content-Security-Policy" in p.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Determinism and files


def test_same_input_gives_byte_identical_report(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b" / "deeper"
    formats()["html"].write(audit_paths(sample_paths()), a)
    formats()["html"].write(audit_paths(sample_paths()), b)
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert files_a == files_b and len(files_a) == len(sample_paths()) + 3
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
        assert str(tmp_path) not in (a / rel).read_text(encoding="utf-8")


def test_rewriting_removes_only_our_stale_pages(tmp_path):
    paths = sample_paths()
    formats()["html"].write(audit_paths(paths), tmp_path)
    keep = tmp_path / "articles" / "notes.html"
    keep.write_text("<p>mine</p>", encoding="utf-8")
    formats()["html"].write(audit_paths(paths[:2]), tmp_path)
    names = sorted(p.name for p in (tmp_path / "articles").iterdir())
    assert names == sorted([*(Path(p).stem + ".html" for p in paths[:2]), "notes.html"])


def test_slugs_are_readable_and_unique():
    assert report.slugs(["samples/01_a.txt", "samples/02_b.txt"]) == ["01_a", "02_b"]
    assert report.slugs(["a/x/1.txt", "a/y/1.txt"]) == ["x-1", "y-1"]
    assert report.slugs(["a/B.txt", "a/b.txt", "-"]) == ["a-b", "a-b-2", "article"]
    assert report.slugs(["a/B.txt", "a/b.txt"]) == ["b", "b-2"]


def test_facts_and_source_inventory_render_generically(tmp_path):
    text = "Talks resume\n\nThe talks began, Jane Doe said.\n"
    run = audit_documents([Document(path="a.txt", text=text)])
    start = text.index("Jane Doe")
    run.articles[0].facts = {"sources": {"original_source": "Reuters <wire>", "agencies": ["AFP", "AP"],
                                         "named_attributions": 2, "anonymous_attributions": 0,
                                         "named": [{"name": "Jane Doe", "role": "minister",
                                                    "start": start, "end": start + 8}]},
                             "dateline": "NAIROBI"}
    formats()["html"].write(run, tmp_path)
    page = (tmp_path / "articles" / "a.html").read_text(encoding="utf-8")
    assert "Source inventory" in page and "Reuters &lt;wire&gt;" in page
    assert "AFP, AP" in page and "Named attributions" in page and "Jane Doe" in page
    assert "Dateline" in page and "NAIROBI" in page
    # offsets become a button that finds the words in the text (line 3, after 17 characters)
    assert 'data-line="3" data-col="17" data-len="8"' in page
    assert ">Start<" not in page and ">End<" not in page


def test_empty_run_and_unreadable_inputs(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bin.txt").write_bytes(b"\x00\x01binary")
    run = audit_paths([str(tmp_path / "in" / "bin.txt")])
    index = formats()["html"].write(run, tmp_path / "out")
    text = index.read_text(encoding="utf-8")
    assert "0 articles" in text and "could not be read" in text and "bin.txt" in text


def test_cli_writes_the_report_by_default_and_to_a_chosen_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Talks resume\n\nThe talks began.\n\n[ad_1]\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["a.txt", "--isolated"])
    assert res.exit_code in (0, 1), res.output
    assert (tmp_path / "reports" / "index.html").is_file()
    assert (tmp_path / "reports" / "articles" / "a.html").is_file()
    res = runner.invoke(main, ["--isolated", "--format", "html", "--output", "out/rep", "a.txt"])
    assert res.exit_code in (0, 1), res.output
    assert (tmp_path / "out" / "rep" / "index.html").is_file()
    assert 'id="f1"' in (tmp_path / "out" / "rep" / "articles" / "a.html").read_text(encoding="utf-8")


def test_crlf_empty_and_non_english_articles(tmp_path):
    docs = [Document(path="crlf.txt", text="Talks resume\r\n\r\nThe talks began.\r\n\r\n[ad_1]\r\n"),
            Document(path="empty.txt", text=""),
            Document(path="fr.txt", text="Les pourparlers reprennent\n\nLes délégations se sont réunies lundi à "
                                         "Genève pour reprendre les discussions sur la frontière.\n")]
    run = audit_documents(docs, Policy())
    formats()["html"].write(run, tmp_path)
    crlf = Page((tmp_path / "articles" / "crlf.html").read_text(encoding="utf-8"))
    assert crlf.lines == ["Talks resume", "", "The talks began.", "", "[ad_1]"]
    assert len(crlf.find("mark", id="f1")) == 1 and crlf.covered["f1"]
    empty = Page((tmp_path / "articles" / "empty.html").read_text(encoding="utf-8"))
    assert empty.lines == [] and "No findings in this article." in (tmp_path / "articles" / "empty.html").read_text(encoding="utf-8")
    fr = run.articles[2]
    if fr.language != "en":
        assert "English-only rules skipped" in (tmp_path / "articles" / "fr.html").read_text(encoding="utf-8")
