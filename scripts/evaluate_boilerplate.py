#!/usr/bin/env python3
"""Boilerplate rules on real pages (Zyte article-extraction benchmark sample).

    python scripts/evaluate_boilerplate.py ../shared/eval/external/article_extraction_benchmark/pages.jsonl

1. Clean bodies: each human-extracted article body (gold_body) is audited alone; every BP or DC
   finding there is a false positive (the gold says the text is the article).
2. Whole pages: the raw HTML is flattened to text (block elements become line breaks, scripts and
   styles dropped) and audited; a BP finding whose text lies inside the gold body is a false
   positive, one outside it is scraper text correctly flagged.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from auditor.config import Policy
from auditor.documents import Document
from auditor.engine import audit_documents

BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
         "header", "footer", "nav", "aside", "ul", "ol", "table", "figure", "figcaption", "blockquote"}


class _Flatten(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "svg", "template"):
            self.skip += 1
        elif tag in BLOCK:
            self.out.append("\n\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "svg", "template"):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.out.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_to_text(html: str) -> str:
    p = _Flatten()
    p.feed(html)
    text = "".join(p.out)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages")
    args = ap.parse_args(argv)
    rows = [json.loads(l) for l in Path(args.pages).read_text(encoding="utf-8").splitlines() if l.strip()]
    policy = Policy(select=["BP", "DC"])
    bodies = audit_documents([Document(f"{r['id'][:12]}.txt", r["gold_body"]) for r in rows], policy)
    fp_body = [(a.path, f.rule, f.text[:70]) for a in bodies.articles for f in a.findings]
    print(f"1. clean bodies: {len(rows)} articles, {sum(len(r['gold_body'].split()) for r in rows):,} words, "
          f"{len(fp_body)} BP/DC findings (all false positives); "
          f"{sum(1 for a in bodies.articles if a.findings)} articles with any")
    for row in fp_body:
        print("   FP", *row)
    pages = audit_documents([Document(f"{r['id'][:12]}.txt", html_to_text(r["html_or_text"])) for r in rows], policy)
    tp = fp = 0
    by_rule: Counter = Counter()
    fps = []
    for r, a in zip(rows, pages.articles):
        body = norm(r["gold_body"])
        for f in a.findings:
            t = norm(f.text)
            if t and t in body and len(t) > 3:
                fp += 1
                fps.append((a.path, f.rule, f.text[:70]))
            else:
                tp += 1
                by_rule[f.rule] += 1
    print(f"2. whole pages: {tp + fp} BP/DC findings, {tp} outside the gold body, {fp} inside it "
          f"(precision {tp / ((tp + fp) or 1):.2f}); by rule: {dict(sorted(by_rule.items()))}")
    for row in fps:
        print("   FP", *row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
