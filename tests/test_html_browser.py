"""The HTML report in a real browser: Debian's Chromium, driven by Playwright's Python package.

The pages are opened from file:// URLs, as a person opening a CI artefact would. Checks: no console
errors, one highlight per finding, filters hide rows, injected script did not run, keyboard
navigation, tooltips. Screenshots go to tests/artifacts/ (git-ignored).

Without Chromium (or Playwright) these tests skip on a workstation but FAIL in CI (``CI`` set):
``scripts/test.sh`` installs both.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from auditor.config import Policy
from auditor.documents import Document, load_documents
from auditor.engine import audit_documents
from auditor.outputs import formats
from auditor.outputs import html as html_output
from conftest import ROOT, SAMPLES

CHROMIUM = os.environ.get("AUDITOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "tests" / "artifacts"

HOSTILE = (
    "Talks resume in Geneva\n\n"
    "The delegations met on Monday, <script>window.__pwned = 1</script> officials said.\n\n"
    "googletag.cmd.push(<img src=x onerror=\"window.__pwned = 2\">);\n\n"
    "[ad_1]<svg onload=\"window.__pwned = 3\"></svg>\n\n"
    "A template {{ 7*7 }} stays text.\n"
)


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}. scripts/test.sh installs Debian's "
                    "chromium (apt-get install chromium) and the test extras (pip install '.[test]').",
                    pytrace=False)
    pytest.skip(f"{reason} (these tests fail instead of skipping when CI is set)")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    if not Path(CHROMIUM).is_file():
        _unavailable(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The samples plus one hostile article, audited together; the report folder and the run."""
    docs, errors = load_documents(sorted(str(p) for p in SAMPLES.glob("*.txt")))
    docs.append(Document(path="zz_hostile.txt", text=HOSTILE))
    run = audit_documents(docs, Policy(), errors)
    folder = tmp_path_factory.mktemp("browser-report")
    formats()["html"].write(run, folder)
    return folder, run


class Opened:
    def __init__(self, page, errors):
        self.page, self.errors = page, errors


@pytest.fixture
def open_page(browser):
    pages = []

    def _open(path: Path, width: int = 1400, height: int = 1000) -> Opened:
        ctx = browser.new_context(viewport={"width": width, "height": height})
        page = ctx.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
        page.on("request", lambda r: errors.append(f"network: {r.url}") if not r.url.startswith(("file:", "data:")) else None)
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        pages.append(ctx)
        return Opened(page, errors)

    yield _open
    for ctx in pages:
        ctx.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def page_of(folder: Path, run, suffix: str) -> tuple[Path, object]:
    names = html_output.slugs([a.path for a in run.articles])
    i = next(i for i, a in enumerate(run.articles) if a.path.endswith(suffix))
    return folder / "articles" / f"{names[i]}.html", run.articles[i]


def corpus_spans(run, path: str) -> int:
    return sum(1 for c in run.corpus_findings for s in c.spans if s.path == path)


# --------------------------------------------------------------------------------------------


def test_every_page_loads_without_console_errors(report, open_page):
    folder, run = report
    pages = [folder / "index.html", folder / "rules.html", folder / "corpus.html",
             *sorted((folder / "articles").glob("*.html"))]
    assert len(pages) == len(run.articles) + 3
    for p in pages:
        opened = open_page(p)
        assert opened.errors == [], f"{p.name}: {opened.errors}"


def test_highlights_equal_findings_on_every_article_page(report, open_page):
    folder, run = report
    for art in run.articles:
        path, _ = page_of(folder, run, Path(art.path).name)
        page = open_page(path).page
        own = page.locator("#text mark.m[id]:not(.x)").count()
        shared = page.locator("#text mark.m.x[id]").count()
        assert own == len(art.findings), art.path
        assert shared == corpus_spans(run, art.path), art.path
        assert page.locator(".side li.fi").count() == own + shared
        # the highlighted text is the article's text
        lines = page.eval_on_selector_all("#text .l", "els => els.map(e => e.textContent)")
        assert "\n".join(lines) == art.text.rstrip("\n")


def test_index_filter_sort_and_screenshot(report, open_page):
    folder, run = report
    opened = open_page(folder / "index.html")
    page = opened.page
    rows = page.locator("#articles tbody tr")
    assert rows.count() == len(run.articles)
    shot(page, "index.png")

    page.fill("#filter", "captions")
    visible = page.locator("#articles tbody tr:not([hidden])")
    assert visible.count() == 1 and "02_captions" in visible.first.inner_text()
    assert page.locator("#articles tbody tr[hidden]").count() == len(run.articles) - 1
    assert page.locator("#shown").inner_text() == f"1 of {len(run.articles)} shown"

    page.fill("#filter", "")
    page.select_option("#f-verdict", "pass")
    passing = sum(1 for a in run.articles if a.passed)
    assert visible.count() == passing
    page.select_option("#f-verdict", "")

    page.fill("#filter", "no-such-article")
    assert visible.count() == 0 and page.locator("#none-shown").is_visible()
    page.fill("#filter", "")

    # a rule code finds the articles with that rule
    code = run.articles[0].findings[0].rule
    page.fill("#filter", code.lower())
    with_code = sum(1 for a in run.articles if any(f.rule == code for f in a.findings)
                    or any(c.rule == code and any(s.path == a.path for s in c.spans) for c in run.corpus_findings))
    assert visible.count() == with_code
    page.fill("#filter", "")

    # sort by quality, ascending then descending
    page.click("#articles thead th:nth-child(4) button")
    first = page.locator("#articles tbody tr").first.locator("td").nth(3).get_attribute("data-v")
    assert int(first) == min(a.quality.value for a in run.articles)
    page.click("#articles thead th:nth-child(4) button")
    first = page.locator("#articles tbody tr").first.locator("td").nth(3).get_attribute("data-v")
    assert int(first) == max(a.quality.value for a in run.articles)
    assert page.get_attribute("#articles thead th:nth-child(4)", "aria-sort") == "descending"

    # the category buttons filter too
    page.click(".catbtn[data-cat=boilerplate]")
    with_bp = sum(1 for a in run.articles if any(f.category.value == "boilerplate" for f in a.findings))
    assert visible.count() == with_bp
    assert opened.errors == []


def test_injected_script_did_not_run_and_shows_as_text(report, open_page):
    folder, run = report
    path, art = page_of(folder, run, "zz_hostile.txt")
    opened = open_page(path)
    page = opened.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#text script, #text img, #text svg").count() == 0
    text = page.inner_text("#text")
    assert "<script>window.__pwned = 1</script>" in text
    assert '<img src=x onerror="window.__pwned = 2">' in text and "{{ 7*7 }}" in text
    # hovering the highlight over the injected tag runs nothing either
    page.hover("#text mark.m[id]")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    index = open_page(folder / "index.html").page
    assert index.evaluate("typeof window.__pwned") == "undefined"
    assert opened.errors == []


def test_keyboard_moves_through_findings_and_tooltip_explains(report, open_page):
    folder, run = report
    path, art = page_of(folder, run, "01_boilerplate.txt")
    assert len(art.findings) >= 3
    opened = open_page(path, height=800)
    page = opened.page
    order = page.eval_on_selector_all("#text mark.m[id]", "els => els.map(e => e.id)")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == order[0]
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == order[1]
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == order[2]
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == order[1]
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.id") == order[0]
    page.keyboard.press("k")  # wraps around
    assert page.evaluate("document.activeElement.id") == order[-1]
    # the focused finding shows its rule, message and fix, and is marked in the side list
    page.keyboard.press("j")
    tip = page.locator("#tip")
    assert tip.is_visible()
    first = art.findings[0]
    assert first.rule in tip.inner_text() and first.message in tip.inner_text()
    assert "Why it matters: " + run.rules[first.rule].why.split("`")[0] in tip.inner_text()
    assert page.locator(f"#d-{order[0]}.current").count() == 1
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    # hovering shows the tooltip too
    page.hover(f"#{order[1]}")
    assert tip.is_visible() and art.findings[1].rule in tip.inner_text()
    # "?" opens the help, Esc closes it
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#help").is_visible()
    assert opened.errors == []


def test_side_list_scrolls_to_finding_and_category_filter_hides_it(report, open_page):
    folder, run = report
    path, art = page_of(folder, run, "04_translation.txt")
    cats = sorted({f.category.value for f in art.findings})
    opened = open_page(path)
    page = opened.page
    last = page.locator(".side li.fi a.go").last
    target = last.get_attribute("href")[1:]
    last.click()
    assert page.evaluate("document.activeElement.id") == target
    assert page.evaluate("id => { const r = document.getElementById(id).getBoundingClientRect();"
                         " return r.top >= 0 && r.bottom <= window.innerHeight; }", target)
    shot(page, "article.png")

    cat = cats[0]
    n = sum(1 for f in art.findings if f.category.value == cat)
    page.uncheck(f".filters input[data-cat={cat}]")
    assert page.locator(f"#text mark.m.c-{cat}.off[id]").count() == n
    hidden_items = page.locator(f".side li.fi.c-{cat}")
    assert all(not hidden_items.nth(i).is_visible() for i in range(hidden_items.count()))
    # keyboard navigation skips the hidden category (and works with the filter box still focused)
    visible_ids = page.eval_on_selector_all("#text mark.m[id]:not(.off)", "els => els.map(e => e.id)")
    if visible_ids:
        page.keyboard.press("j")
        assert page.evaluate("document.activeElement.id") in visible_ids
    page.check(f".filters input[data-cat={cat}]")
    assert page.locator(f"#text mark.m.c-{cat}.off").count() == 0
    assert opened.errors == []


def test_rule_links_open_the_explanation(report, open_page):
    folder, run = report
    path, art = page_of(folder, run, "02_captions.txt")
    page = open_page(path).page
    link = page.locator(".side a.code").first
    code = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"rules.html#{code}")
    assert page.locator(f"article#{code}").is_visible()
    assert page.evaluate("document.querySelector(':target').id") == code


def test_corpus_links_land_on_the_highlight(report, open_page):
    folder, run = report
    if not run.corpus_findings:
        pytest.skip("no corpus findings in the samples")
    opened = open_page(folder / "corpus.html")
    page = opened.page
    link = page.locator(".cf figcaption a").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_load_state("load")
    assert page.evaluate("document.activeElement.id") == anchor
    assert page.locator("#tip").is_visible()


def test_source_inventory_selects_the_source_in_the_text(report, open_page):
    folder, run = report
    art = next((a for a in run.articles
                if any(isinstance(v, list) and v and isinstance(v[0], dict) and "start" in v[0]
                       for v in (a.facts.get("sources") or {}).values())), None)
    if art is None:
        pytest.skip("no source inventory with offsets in this run (attribution check absent)")
    rows = next(v for v in art.facts["sources"].values()
                if isinstance(v, list) and v and isinstance(v[0], dict) and "start" in v[0])
    path, _ = page_of(folder, run, Path(art.path).name)
    opened = open_page(path)
    page = opened.page
    page.locator(".sources button[data-line]").first.click()
    first = rows[0]
    want = art.text[first["start"]:first["end"]].split("\n")[0].replace("\r", "")
    assert page.evaluate("String(window.getSelection())") == want
    assert opened.errors == []
