#!/usr/bin/env python3
"""Precision and recall per category against a gold file (format: ../shared/eval/README.md).

    python scripts/evaluate.py --gold ../shared/eval/seeds.gold.jsonl ../shared/seeds/*.txt

A finding (file, category, start, end) matches a gold row of the same file and category when the
spans overlap. Main score: rows with confidence "low" are optional (a finding matching only
optional rows is neither a true nor a false positive; optional rows leave the recall denominator).
Strict score: every row counts. ``--details`` lists the misses and the false positives.
Cross-article findings count by their spans in each article (``--no-corpus`` leaves them out).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from auditor.config import Policy
from auditor.engine import audit_paths

CATEGORIES = ["boilerplate", "duplicate_caption", "name_misspelling", "mt_artefact",
              "unattributed_claim", "language"]


def load_gold(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def overlaps(f: dict, g: dict) -> bool:
    return f["start"] < g["end"] and g["start"] < f["end"]


def score(findings: list[dict], gold: list[dict], strict: bool) -> dict:
    """findings and gold rows: dicts with file, category, start, end (+ confidence for gold)."""
    by_key = defaultdict(list)
    for g in gold:
        by_key[(g["file"], g["category"])].append(g)
    out = {}
    for cat in CATEGORIES:
        cat_gold = [g for g in gold if g["category"] == cat]
        cat_found = [f for f in findings if f["category"] == cat]
        if not cat_gold and not cat_found:
            continue
        tp = fp = 0
        matched: set[int] = set()
        false_pos = []
        for f in cat_found:
            hits = [g for g in by_key[(f["file"], cat)] if overlaps(f, g)]
            required = [g for g in hits if strict or g.get("confidence") != "low"]
            for g in hits:
                matched.add(id(g))
            if required:
                tp += 1
            elif hits:
                continue  # matches optional rows only
            else:
                fp += 1
                false_pos.append(f)
        denom = [g for g in cat_gold if strict or g.get("confidence") != "low"]
        found = sum(1 for g in denom if id(g) in matched)
        out[cat] = {
            "gold": len(denom), "found": found, "findings": len(cat_found), "tp": tp, "fp": fp,
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": found / len(denom) if denom else None,
            "missed": [g for g in denom if id(g) not in matched],
            "false_positives": false_pos,
        }
    return out


def _fmt(x) -> str:
    return "  -  " if x is None else f"{x:5.2f}"


def table(result: dict, title: str) -> str:
    lines = [title, f"{'category':20} {'gold':>5} {'found':>5} {'findings':>8} {'tp':>4} {'fp':>4} "
             f"{'prec':>6} {'recall':>6}"]
    for cat, r in result.items():
        lines.append(f"{cat:20} {r['gold']:5d} {r['found']:5d} {r['findings']:8d} {r['tp']:4d} "
                     f"{r['fp']:4d} {_fmt(r['precision']):>6} {_fmt(r['recall']):>6}")
    return "\n".join(lines)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())


def run_findings(files: list[str], policy: Policy | None = None, corpus: bool = True) -> list[dict]:
    """Findings as (file, category, start, end) rows. With ``corpus``, the spans of cross-article
    findings count too, except those that read as the finding's own suggestion, ignoring case,
    spaces and hyphens (the reference form a variant is compared with is not itself an issue)."""
    run = audit_paths(files, policy or Policy())
    for e in run.errors:
        print(f"evaluate: {e}", file=sys.stderr)
    rows = [{"file": Path(a.path).name, "category": f.category.value, "start": f.start, "end": f.end,
             "rule": f.rule, "text": f.text} for a in run.articles for f in a.findings]
    if corpus:
        seen = {(r["file"], r["category"], r["start"], r["end"]) for r in rows}
        for c in run.corpus_findings:
            for sp in c.spans:
                key = (Path(sp.path).name, c.category.value, sp.start, sp.end)
                if key in seen or (c.suggestion and _fold(sp.text) == _fold(c.suggestion)):
                    continue
                seen.add(key)
                rows.append({"file": key[0], "category": key[1], "start": sp.start, "end": sp.end,
                             "rule": c.rule, "text": sp.text})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--details", action="store_true", help="list misses and false positives")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--category", help="only this category in --details")
    ap.add_argument("--no-corpus", action="store_true",
                    help="score per-article findings only, not the spans of cross-article findings")
    args = ap.parse_args(argv)
    names = {Path(f).name for f in args.files}
    gold = [g for g in load_gold(args.gold) if g["file"] in names]
    findings = run_findings(args.files, corpus=not args.no_corpus)
    main_r, strict_r = score(findings, gold, strict=False), score(findings, gold, strict=True)
    if args.json:
        strip = lambda r: {c: {k: v for k, v in d.items() if k not in ("missed", "false_positives")}
                           for c, d in r.items()}
        print(json.dumps({"main": strip(main_r), "strict": strip(strict_r)}, indent=2))
        return 0
    print(table(main_r, "Main score (low-confidence gold rows optional)"))
    print()
    print(table(strict_r, "Strict score (every gold row counts)"))
    if args.details:
        for cat, r in main_r.items():
            if args.category and cat != args.category:
                continue
            for g in r["missed"]:
                print(f"MISS {cat:18} {g['file'][:3]} {g['start']:5d} {g['text'][:90]!r}")
            for f in r["false_positives"]:
                print(f"FP   {cat:18} {f['file'][:3]} {f['start']:5d} {f['rule']} {f['text'][:80]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
