"""The HTML report: ``index.html``, one page per article, ``rules.html`` and ``corpus.html``.

A static folder that works from a ``file://`` URL or as a CI artefact: jinja2 templates from
``auditor/templates`` (autoescape on), the CSS and JavaScript inlined in every page, no network
fetch (a Content-Security-Policy forbids any, and only the report's own script, by hash, may run).
The same run gives byte-identical files: no timestamps, no absolute paths, stable ordering.

The article text is highlighted here in Python rather than in the template (it is the hot loop):
the text is cut at every finding boundary and at every line end, and each piece is wrapped in the
marks of the findings that cover it, so overlapping and crossing findings nest properly. A finding
cut into several pieces has one *head* mark (``id``, focusable, labelled) and continuation marks.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import re
from bisect import bisect_right, insort
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Iterator

from markupsafe import Markup, escape

from .. import __version__, scoring
from ..findings import Category
from . import relpath

FORMAT = "html"
DIRECTORY = True

GENERATOR = f"auditor {__version__}"
ARTICLES_DIR = "articles"

# Category -> (label shown on every highlight, plural title, what it means for an editor).
CATEGORY_INFO: dict[str, tuple[str, str, str]] = {
    "boilerplate": ("Boilerplate", "Scraper boilerplate",
                    "Page furniture the scraper copied into the story: ads, navigation, widgets, "
                    "share prompts, outros. Not part of the article."),
    "duplicate_caption": ("Duplicate", "Duplicated text",
                          "Captions or lines repeated or glued to a copy of themselves."),
    "name_misspelling": ("Name", "Name spellings",
                         "People, places and organisations spelt inconsistently or wrongly."),
    "mt_artefact": ("MT", "Machine-translation artefacts",
                    "Errors a machine translation leaves: calques, stray punctuation, fused or "
                    "doubled words, untranslated words."),
    "unattributed_claim": ("Source?", "Unattributed claims",
                           "Claims and figures without a named source, or with a vague or "
                           "anonymous one."),
    "language": ("Language", "Wrong language",
                 "Passages left in another language than the article's."),
    "syndication": ("Syndication", "Across articles",
                    "Passages shared with other articles of this run, and figures that "
                    "disagree between them."),
}
CATEGORY_ORDER = [c.value for c in Category]
SEVERITIES = ("high", "medium", "low")
SCORE_BANDS = ((80, "good", "80–100"), (50, "fair", "50–79"), (0, "poor", "0–49"))


# --------------------------------------------------------------------------------------------
# Environment and assets


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("auditor", "templates"),
        autoescape=True,  # every template, whatever its name: article text is hostile input
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        auto_reload=False,  # templates are package data: no stat() per page
    )
    env.filters["band"] = score_band
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.filters["clip"] = clip
    env.filters["humanize"] = humanize
    env.filters["ticks"] = ticks
    env.filters["span_links"] = span_links
    env.globals.update(category_label=category_label, category_title=category_title,
                       category_about=category_about, generator=GENERATOR,
                       score_bands=SCORE_BANDS, severities=SEVERITIES)
    return env


@lru_cache(maxsize=1)
def assets() -> dict:
    """The CSS and JS, compacted once, and the CSP that allows exactly this script."""
    env = environment()
    css = _compact_css(env.loader.get_source(env, "report.css")[0])
    js = _compact_js(env.loader.get_source(env, "report.js")[0])
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    return {"css": Markup(css), "js": Markup(js), "csp": csp}


def _compact_css(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return "\n".join(line.strip() for line in css.splitlines() if line.strip())


def _compact_js(js: str) -> str:
    lines = []
    for line in js.splitlines():
        s = line.strip()
        if s and not s.startswith("//"):
            lines.append(s)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Small helpers shared with the templates


def category_label(cat: str) -> str:
    info = CATEGORY_INFO.get(cat)
    return info[0] if info else humanize(cat)


def category_title(cat: str) -> str:
    info = CATEGORY_INFO.get(cat)
    return info[1] if info else humanize(cat)


def category_about(cat: str) -> str:
    info = CATEGORY_INFO.get(cat)
    return info[2] if info else ""


def score_band(value: float) -> str:
    for limit, name, _ in SCORE_BANDS:
        if value >= limit:
            return name
    return "poor"


def humanize(key) -> str:
    s = str(key).replace("_", " ").replace("-", " ").strip()
    return s[:1].upper() + s[1:]


def clip(text: str, n: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def esc(text) -> str:
    """HTML-escape like markupsafe.escape (the same five characters, the same entities), for the
    hot loops that assemble strings: no Markup object per call."""
    if isinstance(text, Markup):
        return str(text)
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def ticks(text) -> Markup:
    """Escape, then show `backticked` words of the rule docs as code."""
    return Markup(re.sub(r"`([^`\n]+)`", r"<code>\1</code>", str(escape(text))))


def _category_key(cat: str) -> tuple:
    return (CATEGORY_ORDER.index(cat) if cat in CATEGORY_ORDER else len(CATEGORY_ORDER), cat)


@lru_cache(maxsize=None)
def _css_ident(value: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "-", value.lower())


def slugs(paths: list[str]) -> list[str]:
    """One file name per article: its path without the folder all articles share, readable,
    stable and unique (case-insensitively)."""
    rels = [relpath(p) for p in paths]
    dirs = [r.rsplit("/", 1)[0] if "/" in r else "" for r in rels]
    common = dirs[0] if dirs else ""
    for d in dirs[1:]:
        while common and d != common and not d.startswith(common + "/"):
            common = common.rsplit("/", 1)[0] if "/" in common else ""
    out, seen = [], set()
    for path, r in zip(paths, rels):
        if common and r.startswith(common + "/"):
            r = r[len(common) + 1:]
        base = re.sub(r"\.txt$", "", r, flags=re.I)
        base = re.sub(r"[^A-Za-z0-9._-]+", "-", base.replace("/", "-")).strip("-.").lower()
        if len(base) > 80:
            base = base[:70].rstrip("-.") + "-" + hashlib.sha1(path.encode()).hexdigest()[:8]
        base = base or "article"
        slug, k = base, 2
        while slug in seen:
            slug, k = f"{base}-{k}", k + 1
        seen.add(slug)
        out.append(slug)
    return out


def title_of(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return clip(line, 120)
    return ""


# --------------------------------------------------------------------------------------------
# Highlighting


class Mark:
    """A span to highlight: its opening tag for the first piece (head) and for the others (cont);
    ``label`` groups marks whose label is shown once where several start together."""

    __slots__ = ("start", "end", "head", "cont", "label")

    def __init__(self, start: int, end: int, head: str, cont: str, label: str = ""):
        self.start, self.end, self.head, self.cont, self.label = start, end, head, cont, label


@lru_cache(maxsize=None)
def _mark_parts(cat: str, sev: str, extra_class: str) -> tuple[str, str]:
    cls = f"m c-{_css_ident(cat)} s-{_css_ident(sev)}{extra_class}"
    return cls, esc(category_label(cat))


def _mark_tags(fid: str, cat: str, sev: str, extra_class: str = "") -> tuple[str, str]:
    """The opening tags of a finding's head mark and of its continuations (``fid`` is ours:
    f3, c2-1, safe in an attribute)."""
    cls, label = _mark_parts(cat, sev, extra_class)
    head = (f'<mark class="{cls}" id="{fid}" data-f="{fid}" data-tag="{label}" tabindex="0" '
            f'aria-describedby="d-{fid}">')
    cont = f'<mark class="{cls} cont" data-f="{fid}">'
    return head, cont


def highlight(text: str, marks: list[Mark]) -> Markup:
    """The article as lines of escaped text with every mark nested in place.

    The text is cut at every mark boundary and every newline; each piece is wrapped in the marks
    that cover it, outermost (earliest start, then longest) first. Between pieces only the marks
    that differ are closed and opened, so a mark is split only where another one crosses it or
    at a line end. Every character of ``text`` except the newlines appears once, in order.
    """
    n = len(text)
    points = {0, n}
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    order = sorted(range(len(marks)), key=lambda i: (marks[i].start, -marks[i].end, i))
    rank = {i: r for r, i in enumerate(order)}
    for i, m in enumerate(marks):
        s, e = max(0, min(m.start, n)), max(0, min(m.end, n))
        if s >= e:
            continue
        points.add(s)
        points.add(e)
        starts[s].append(i)
        ends[e].append(i)
    pos = text.find("\n")
    while pos != -1:
        points.add(pos)
        points.add(pos + 1)
        pos = text.find("\n", pos + 1)
    cuts = sorted(points)
    lines: list[str] = []
    cur: list[str] = []      # the pieces of the current line
    has_text = False
    active: list[int] = []   # covering marks, by rank
    stack: list[int] = []    # marks open in the output, outermost first
    opened: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):
        for i in ends.get(a, ()):
            active.remove(i)
        for i in starts.get(a, ()):
            insort(active, i, key=rank.__getitem__)
        if text[a] == "\n":
            cur.append("</mark>" * len(stack))
            stack = []
            for i in active:
                # a mark over nothing but line breaks still gets its (empty) head here
                if i not in opened and not text[a:marks[i].end].strip("\r\n"):
                    cur.append(marks[i].head + "</mark>")
                    opened.add(i)
                    has_text = True
            lines.append('<div class="l">' + "".join(cur) + "</div>" if has_text
                         else '<div class="l e"></div>')
            cur, has_text = [], False
            continue
        k = 0
        while k < len(stack) and k < len(active) and stack[k] == active[k]:
            k += 1
        if k < len(stack):
            cur.append("</mark>" * (len(stack) - k))
        labelled = set()  # one label per category where several findings start together
        for i in active[k:]:
            if i in opened:
                cur.append(marks[i].cont)
            else:
                head = marks[i].head
                if marks[i].label in labelled:
                    head = head.replace('<mark class="m ', '<mark class="m nl ', 1)
                labelled.add(marks[i].label)
                cur.append(head)
                opened.add(i)
        stack = list(active)
        piece = text[a:b].replace("\r", "")  # the HTML parser would turn a CR into a line break
        cur.append(esc(piece))
        has_text = has_text or bool(piece) or bool(active)
    cur.append("</mark>" * len(stack))
    if has_text or len(cur) > 1:
        lines.append('<div class="l">' + "".join(cur) + "</div>")
    html = "\n".join(lines)
    return Markup(html)


def _relpaths():
    memo: dict[str, str] = {}

    def rel(path: str) -> str:
        r = memo.get(path)
        if r is None:
            r = memo[path] = relpath(path)
        return r
    return rel


def _percent(confidence: float) -> str | None:
    return None if confidence >= 1 else f"{confidence * 100:.0f}"


def _ns(d: dict) -> SimpleNamespace:
    """Template data as attributes: jinja tries getattr first, so dicts cost an exception."""
    return SimpleNamespace(**d)


class _Span:
    """One place of a corpus finding, as the pages show it."""

    __slots__ = ("id", "path", "href", "line", "column", "text", "link")

    def __init__(self, id, path, href, line, column, text):
        self.id, self.path, self.href, self.line, self.column, self.text = id, path, href, line, column, text
        self.link: str | None = None


class _Item:
    """One entry of an article's side list (a finding, or this article's part of a corpus finding)."""

    __slots__ = ("id", "rule", "name", "category", "severity", "message", "text", "suggestion",
                 "how", "line", "column", "conf", "also", "html")

    def __init__(self, id, rule, name, category, severity, message, text, suggestion, how,
                 line, column, conf, also=None):
        self.id, self.rule, self.name, self.category, self.severity = id, rule, name, category, severity
        self.message, self.text, self.suggestion, self.how = message, text, suggestion, how
        self.line, self.column, self.conf, self.also, self.html = line, column, conf, also, None


def _item_html(it: _Item, lib: Fragments) -> str:
    """The side-list entry of one finding. Built here rather than in article.html because an
    article can have hundreds (every passage it shares with other articles): a jinja loop costs
    about ten times as much. Every value from the article or a rule goes through esc(); the ids
    are the report's own (f3, c2-1)."""
    cls = f"fi c-{_css_ident(it.category)} s-{_css_ident(it.severity)}" + (" x" if it.also is not None else "")
    out = [f'<li class="{cls}" id="d-{it.id}" data-f="{it.id}" data-rule="{lib.esc(it.rule)}">'
           f'<div class="fhead"><a class="go" href="#{it.id}" title="Show in the text">line {it.line}</a> '
           f'{lib.badges(it.category, it.severity, it.rule, it.name)}</div>'
           f'<p class="msg">{lib.esc(it.message)}</p><q class="ex">{lib.excerpt(it.text)}</q>']
    if it.suggestion:
        out.append(f'<p class="sug">Suggestion: <b>{esc(it.suggestion)}</b></p>')
    if it.how:
        out.append(f'<p class="how">Fix: {it.how}</p>')  # Markup: ticks() escaped it
    if it.also:
        out.append(f'<p class="also">Also in: {it.also}</p>')
    if it.conf:
        out.append(f'<p class="conf small muted">confidence {it.conf} %</p>')
    out.append("</li>")
    return "".join(out)


def _span_link(sv) -> str:
    """A link from an article page to another article's copy of a shared passage (made once)."""
    if sv.link is None:
        where = f' <span class="muted">line {sv.line}</span>'
        if sv.href:
            sv.link = f'<a href="../{esc(sv.href)}#{sv.id}">{esc(sv.path)}</a>{where}'
        else:
            sv.link = f"{esc(sv.path)}{where}"
    return sv.link


def span_links(spans, limit: int, root: str = "") -> Markup:
    """The articles a quoted passage appears in, as links (the corpus cards can list thousands:
    assembled here, every value escaped)."""
    out = []
    for sv in spans[:limit]:
        where = f'&nbsp;<span class="muted">line&nbsp;{sv.line}</span>'
        if sv.href:
            out.append(f'<a href="{esc(root)}{esc(sv.href)}#{sv.id}">{esc(sv.path)}</a>{where}')
        else:
            out.append(f"{esc(sv.path)}{where}")
    return Markup(", ".join(out))


class Fragments:
    """Pieces of HTML repeated on many pages (category chips, rule links), rendered once per run
    by the macros in ``macros.html`` and reused: calling a jinja macro per finding is slow."""

    def __init__(self, root: str, rules: dict):
        self.root, self.rules = root, rules
        self.macros = environment().get_template("macros.html").module
        self._memo: dict = {}
        self._esc: dict[str, str] = {}
        self._excerpt: dict[str, str] = {}

    def esc(self, text: str) -> str:
        """esc() remembered: messages and rule codes repeat on every page."""
        value = self._esc.get(text)
        if value is None:
            value = self._esc[text] = esc(text)
        return value

    def excerpt(self, text: str) -> str:
        """The flagged words as the side list quotes them (a copied passage recurs in many
        articles, so this is remembered too)."""
        value = self._excerpt.get(text)
        if value is None:
            value = self._excerpt[text] = esc(clip(text, 140))
        return value

    def _get(self, key, make):
        value = self._memo.get(key)
        if value is None:
            value = self._memo[key] = Markup(str(make()).strip())
        return value

    def chip(self, cat: str) -> Markup:
        return self._get(("chip", cat), lambda: self.macros.cat(cat))

    def sev(self, sev: str) -> Markup:
        return self._get(("sev", sev), lambda: self.macros.sev(sev))

    def link(self, code: str, name: str | None) -> Markup:
        return self._get(("link", code, name), lambda: self.macros.rule_link(self.root, code, name))

    def code(self, code: str) -> Markup:
        return self._get(("code", code), lambda: self.macros.rule_link(self.root, code))

    def badges(self, cat: str, sev: str, code: str, name: str | None) -> Markup:
        """Category (shown in the tooltip only), severity and rule link of one finding."""
        key = ("badges", cat, sev, code, name)
        value = self._memo.get(key)
        if value is None:
            value = self._memo[key] = Markup(
                f'<span class="tipcat">{self.chip(cat)}</span> {self.sev(sev)} {self.link(code, name)}')
        return value

    def how(self, text: str | None) -> Markup | None:
        if not text:
            return None
        return self._get(("how", text), lambda: ticks(text))

    def score(self, value: int) -> Markup:
        return self._get(("score", value), lambda: self.macros.score(value))

    def verdict(self, passed: bool) -> Markup:
        return self._get(("verdict", passed), lambda: self.macros.verdict(passed))

    def why(self, code: str) -> Markup:
        rule = self.rules.get(code)
        return self._get(("why", code), lambda: self.macros.why(rule.why if rule else None))


# --------------------------------------------------------------------------------------------
# Views: plain dicts and lists the templates read


def _rule_view(rule) -> dict:
    view = rule.to_dict()
    del view["examples"]
    view.update(bad=[_example(e) for e in rule.examples_bad[:2]],
                good=[_example(e) for e in rule.examples_good[:2]],
                corpus=rule.corpus, english_only=rule.english_only)
    return view


def _example(e) -> str:
    return "\n――――\n".join(e) if isinstance(e, list) else str(e)


def _suggestion(f, rule) -> tuple[str | None, str | None]:
    """(replacement to show, how to fix) for one finding."""
    if f.suggestion:
        return f.suggestion, None
    if f.fixable:
        return None, "Delete this text."
    return None, (rule.fix if rule is not None else None)


def _costs_view(card, rules) -> dict:
    top = max([c.score_points for c in card.costs] + [0.0])
    rows = []
    for c in card.costs:
        rule = rules.get(c.rule) if c.rule else None
        rows.append(_ns({
            "label": c.label if rule is None else rule.message,
            "rule": c.rule, "name": rule.name if rule else None,
            "category": c.category, "count": c.count,
            "points": round(c.score_points, 1),
            "width": round(100.0 * c.score_points / top, 1) if top else 0.0,
        }))
    return _ns({"value": card.value, "band": score_band(card.value), "costs": rows,
                "lost": round(sum(r.points for r in rows), 1)})


class _Locator:
    """Offsets into the article -> where the report's script can find them: the line (1-based)
    and the column and length in UTF-16 code units (JavaScript's string indices), CRs left out
    as the page leaves them out."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] | None = None

    def where(self, start, end):
        text = self.text
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            return None
        if self.starts is None:
            self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        li = bisect_right(self.starts, start) - 1
        ls = self.starts[li]
        le = text.find("\n", ls)
        le = len(text) if le < 0 else le
        pre = text[ls:start].replace("\r", "")
        seg = text[start:min(end, le)].replace("\r", "")
        return _ns({"line": li + 1, "col": _u16(pre), "len": _u16(seg)})


def _u16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def _facts_view(value, loc: _Locator | None = None):
    """Any JSON-like value -> a small tree the template renders generically. Rows that carry
    ``start``/``end`` offsets into the article get a "line N" button that selects the text."""
    if isinstance(value, dict):
        return _ns({"kind": "dict", "items": [(humanize(k), _facts_view(v, loc)) for k, v in value.items()]})
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, dict) for v in value):
            cols: list = []
            for v in value:
                cols.extend(k for k in v if k not in cols)
            located = loc is not None and all(isinstance(v.get("start"), int) and isinstance(v.get("end"), int)
                                              for v in value)
            if located:
                cols = [c for c in cols if c not in ("start", "end")]
            rows = [_ns({"cells": [_scalar(v.get(k)) for k in cols],
                         "where": loc.where(v["start"], v["end"]) if located else None})
                    for v in value]
            return _ns({"kind": "table", "cols": [humanize(c) for c in cols], "rows": rows,
                        "located": located})
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            return _ns({"kind": "list", "items": [_scalar(v) for v in value]})
        return _ns({"kind": "tree", "items": [_facts_view(v, loc) for v in value]})
    return _ns({"kind": "scalar", "value": _scalar(value)})


def _facts_section(value, loc: _Locator):
    """A top-level fact (e.g. the source inventory): short values first, then the tables."""
    if not isinstance(value, dict):
        return _ns({"simple": [("Value", _facts_view(value, loc))], "tables": []})
    simple, tables = [], []
    for k, v in value.items():
        node = _facts_view(v, loc)
        (tables if node.kind == "table" else simple).append((humanize(k), node))
    return _ns({"simple": simple, "tables": tables})


def _scalar(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, (dict, list, tuple)):
        import json

        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return str(v)


def histogram(articles) -> dict:
    """Score distribution: ten bins of ten points, quality and traceability side by side."""
    bins = {"quality": [0] * 10, "traceability": [0] * 10}
    for a in articles:
        for key in bins:
            v = a.scores[key]
            bins[key][min(9, max(0, int(v) // 10))] += 1
    top = max([1] + bins["quality"] + bins["traceability"])
    # A nice axis: four steps of 1, 2 or 5 times a power of ten.
    step = 1
    for mag in (10 ** k for k in range(0, 12)):
        for m in (1, 2, 5):
            if m * mag * 4 >= top:
                step = m * mag
                break
        else:
            continue
        break
    ymax = step * 4
    w, h, left, bottom, topm = 560, 190, 40, 34, 14
    plot_h = h - bottom - topm
    plot_w = w - left - 10
    slot = plot_w / 10
    bar = slot * 0.36
    bars = []
    for i in range(10):
        for j, key in enumerate(("quality", "traceability")):
            count = bins[key][i]
            bh = plot_h * count / ymax
            x = left + i * slot + slot * 0.12 + j * bar
            lo, hi = i * 10, (i * 10 + 9 if i < 9 else 100)
            bars.append({"key": key, "x": round(x, 1), "y": round(topm + plot_h - bh, 1),
                         "w": round(bar, 1), "h": round(bh, 1), "count": count,
                         "band": score_band(lo), "label": f"{humanize(key)} {lo}–{hi}: {count}"})
    ticks = [{"y": round(topm + plot_h - plot_h * t / 4, 1), "v": f"{step * t:,}"} for t in range(5)]
    xlabels = [{"x": round(left + i * slot + slot / 2, 1), "v": f"{i * 10}"} for i in range(10)]
    return {"w": w, "h": h, "left": left, "plot_w": plot_w, "base": topm + plot_h,
            "bars": bars, "ticks": ticks, "xlabels": xlabels, "bins": bins,
            "right": left + plot_w}


def _median(values: list[int]) -> float | None:
    if not values:
        return None
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def _policy_view(policy) -> list[str]:
    out = [f"an article fails with any finding of {policy.fail_on.value} severity"
           + (" or higher" if policy.fail_on.value != "high" else "")]
    if policy.fail_under is not None:
        out.append(f"or with a score under {policy.fail_under:g}")
    if policy.fail_under_quality is not None:
        out.append(f"or with a quality score under {policy.fail_under_quality:g}")
    if policy.fail_under_traceability is not None:
        out.append(f"or with a traceability score under {policy.fail_under_traceability:g}")
    if policy.min_confidence:
        out.append(f"findings under {policy.min_confidence:g} confidence are left out")
    return out


def _scoring_view() -> dict:
    w = scoring.WEIGHTS
    from ..findings import Severity

    return {"high": f"{w[Severity.HIGH]:g}", "medium": f"{w[Severity.MEDIUM]:g}",
            "low": f"{w[Severity.LOW]:g}", "min_words": f"{scoring.MIN_WORDS:,}",
            "decay": f"{scoring.DECAY:g}"}


# --------------------------------------------------------------------------------------------
# Rendering


def build(run) -> dict[str, str]:
    """Every page of the report: relative path -> HTML text."""
    return dict(pages(run))


def pages(run) -> Iterator[tuple[str, str]]:
    """The pages of the report, one at a time (relative path, HTML): the article pages first, as
    they are rendered, so that writing them need not hold the whole report in memory."""
    env = environment()
    a = assets()
    rules = run.rules
    rel = _relpaths()
    paths = [rel(x.path) for x in run.articles]
    names = slugs([x.path for x in run.articles])
    href = {x.path: f"{ARTICLES_DIR}/{s}.html" for x, s in zip(run.articles, names)}
    common = {"css": a["css"], "js": a["js"], "csp": a["csp"], "scoring": _scoring_view()}
    lib = Fragments("../", rules)

    # corpus findings: global number, and the spans that fall in each article
    corpus_by_path: dict[str, list] = defaultdict(list)
    corpus_views = []
    for g, cf in enumerate(run.corpus_findings, 1):
        spans = []
        for j, sp in enumerate(cf.spans, 1):
            sid = f"c{g}-{j}"
            spans.append(_Span(sid, rel(sp.path), href.get(sp.path), sp.line, sp.column, sp.text))
        groups: dict[str, list] = {}
        for sv in spans:  # the same passage in many articles is quoted once
            groups.setdefault(" ".join(sv.text.split()), []).append(sv)
        view = _ns({"n": g, "id": f"c{g}", "rule": cf.rule, "name": cf.name,
                    "category": cf.category.value, "severity": cf.severity.value,
                    "message": cf.message, "suggestion": cf.suggestion,
                    "confidence": cf.confidence, "spans": spans,
                    "groups": [_ns({"text": t, "spans": v}) for t, v in groups.items()],
                    "articles": len({s.path for s in spans})})
        corpus_views.append(view)
        for j, sp in enumerate(cf.spans, 1):
            corpus_by_path[sp.path].append((view, j - 1, sp))

    article_tpl = env.get_template("article.html")
    rows = []
    cat_totals: Counter = Counter()
    rule_counts: Counter = Counter()
    for i, art in enumerate(run.articles):
        shared = corpus_by_path.get(art.path, [])
        counts = Counter(f.category.value for f in art.findings)
        cat_totals.update(counts)
        counts.update(v.category for v, _, _ in shared)
        rule_counts.update(f.rule for f in art.findings)
        rows.append(_ns({
            "path": paths[i], "href": href[art.path], "title": title_of(art.text),
            "language": art.language, "words": art.words, "passed": art.passed,
            "fail_reasons": art.fail_reasons, "quality": art.quality.value,
            "traceability": art.traceability.value, "findings": len(art.findings),
            "counts": counts, "shared": len(shared),
            "rules": " ".join(sorted({f.rule for f in art.findings}
                                     | {v.rule for v, _, _ in shared})),
        }))
        page = article_page(art, i, rows[-1], run, names, paths, shared,
                            {**common, "lib": lib}, article_tpl)
        yield href[art.path], page
    for cv in corpus_views:
        rule_counts[cv.rule] += 1
        cat_totals[cv.category] += 1

    categories = sorted(set(CATEGORY_ORDER) | set(cat_totals), key=_category_key)
    for r in rows:
        # one count per category column (integers only: safe to assemble here, and fast)
        r.cells = Markup("".join(
            f'<td class="num" data-v="{n}">{n}</td>' if n else '<td class="num zero" data-v="0">·</td>'
            for n in (r.counts.get(c, 0) for c in categories)))
    totals = {"articles": len(run.articles), "failed": sum(1 for x in run.articles if not x.passed),
              "findings": sum(len(x.findings) for x in run.articles),
              "corpus": len(run.corpus_findings), "errors": len(run.errors),
              "words": sum(x.words for x in run.articles),
              "median_quality": _median([x.quality.value for x in run.articles]),
              "median_traceability": _median([x.traceability.value for x in run.articles])}
    corpus_rules = Counter(cv.rule for cv in corpus_views)
    index_ctx = {
        **common, "root": "", "page": "index", "rows": rows, "lib": Fragments("", rules), "categories": categories,
        "cat_totals": cat_totals, "totals": totals, "chart": histogram(run.articles),
        "corpus": sorted(corpus_views, key=lambda v: (-v.articles, v.n))[:CORPUS_ON_INDEX],
        "links": LINKS_ON_INDEX, "corpus_more": max(0, len(corpus_views) - CORPUS_ON_INDEX),
        "corpus_rules": sorted(corpus_rules.items()), "rules": rules,
        "errors": [{"path": relpath(e.path), "reason": e.reason} for e in run.errors],
        "policy": _policy_view(run.policy), "languages": sorted({x.language for x in run.articles}),
    }
    yield "index.html", env.get_template("index.html").render(index_ctx)
    yield "corpus.html", env.get_template("corpus.html").render(
        {**common, "root": "", "page": "corpus", "corpus": corpus_views, "rules": rules,
         "links": LINKS_ON_CORPUS,
         "corpus_rules": sorted(corpus_rules.items())})
    rule_views = [_rule_view(r) for _, r in sorted(rules.items())]
    for rv in rule_views:
        rv["count"] = rule_counts.get(rv["code"], 0)
    rule_cats = sorted({rv["category"] for rv in rule_views}, key=_category_key)
    yield "rules.html", env.get_template("rules.html").render(
        {**common, "root": "", "page": "rules", "rules_list": rule_views, "rule_cats": rule_cats,
         "categories": categories})


CORPUS_ON_INDEX = 25      # corpus findings shown on the index (all are on corpus.html)
LINKS_ON_INDEX = 8        # articles listed per quoted passage on the index
LINKS_ON_CORPUS = 100     # ... and on corpus.html
OTHERS_SHOWN = 3          # other articles named under a shared passage on an article page


def article_page(art, i, row, run, names, paths, shared, common, tpl) -> str:
    rules = run.rules
    lib = common["lib"]
    marks: list[Mark] = []
    items = []
    for k, f in enumerate(art.findings, 1):
        fid = f"f{k}"
        cat = f.category.value
        head, cont = _mark_tags(fid, cat, f.severity.value)
        marks.append(Mark(f.start, f.end, head, cont, cat))
        suggestion, how = _suggestion(f, rules.get(f.rule))
        items.append(_Item(fid, f.rule, f.name, cat, f.severity.value, f.message, f.text,
                           suggestion, lib.how(how), f.line, f.column, _percent(f.confidence)))
    for view, j, sp in shared:
        sid = view.spans[j].id
        head, cont = _mark_tags(sid, view.category, view.severity, " x")
        marks.append(Mark(sp.start, sp.end, head, cont, view.category + " x"))
        rule = rules.get(view.rule)
        if len(view.spans) <= OTHERS_SHOWN + 1:
            also = ", ".join(_span_link(s) for s in view.spans if s.id != sid)
        else:  # a passage in many articles: their number, and the full list on corpus.html
            n = view.articles - 1
            also = f'<a href="../corpus.html#{view.id}">{n:,} other article{"s" if n != 1 else ""}</a>'

        items.append(_Item(sid, view.rule, view.name, view.category, view.severity, view.message,
                           sp.text, view.suggestion,
                           None if view.suggestion else lib.how(rule.fix if rule else None),
                           sp.line, sp.column, _percent(view.confidence), also))
    # side list: grouped by category, in text order inside each group
    items.sort(key=lambda it: (it.line, it.column, it.id))
    groups: dict[str, list] = defaultdict(list)
    for it in items:
        groups[it.category].append(it)
    group_list = [(cat, len(groups[cat]), Markup("\n".join(_item_html(it, lib) for it in groups[cat])))
                  for cat in sorted(groups, key=_category_key)]
    loc = _Locator(art.text)
    sources = art.facts.get("sources") if isinstance(art.facts, dict) else None
    other_facts = [(humanize(k), _facts_section(v, loc)) for k, v in art.facts.items() if k != "sources"]
    n = len(run.articles)
    ctx = {
        **common, "root": "../", "page": "article", "a": art, "row": row,
        "path": paths[i], "title": row.title,
        "text_html": highlight(art.text, marks), "groups": group_list,
        "n_findings": len(art.findings), "n_shared": len(shared),
        "rule_codes": sorted({it.rule for it in items}),
        "cards": [
            ("quality", _costs_view(art.quality, rules),
             "How clean the text is. Every finding costs points, except unattributed claims."),
            ("traceability", _costs_view(art.traceability, rules),
             "How well the story credits its sources: unattributed claims, a missing original "
             "source and scraper-chain leftovers cost points."),
        ],
        "sources": _facts_section(sources, loc) if sources is not None else None,
        "other_facts": other_facts,
        "prev": (f"{names[i - 1]}.html", paths[i - 1]) if i > 0 else None,
        "next": (f"{names[i + 1]}.html", paths[i + 1]) if i + 1 < n else None,
        "position": i + 1, "count": n,
    }
    return tpl.render(ctx)


def write(run, folder: Path) -> Path:
    """Write the report into ``folder`` (created if needed); returns the index page's path."""
    folder = Path(folder)
    # Rendering allocates many small containers; after an audit the heap is large, so the cyclic
    # collector's passes cost a fifth of the rendering time. Nothing here makes cycles worth it.
    collecting = gc.isenabled()
    gc.disable()
    written: set[str] = set()
    (folder / ARTICLES_DIR).mkdir(parents=True, exist_ok=True)
    try:
        for rel, html in pages(run):
            # bytes, not a text-mode file: the same bytes on every platform, and ten times faster
            (folder / rel).write_bytes(html.encode("utf-8"))
            written.add(Path(rel).name)
    finally:
        if collecting:
            gc.enable()
    _remove_stale(folder / ARTICLES_DIR, written)
    return folder / "index.html"


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Article pages of an earlier report that this run did not write (ours only)."""
    marker = f'<meta name="generator" content="auditor'.encode()
    for p in sorted(folder.glob("*.html")):
        if p.name in keep:
            continue
        try:
            with open(p, "rb") as fh:
                head = fh.read(600)
        except OSError:
            continue
        if marker in head:
            p.unlink()
