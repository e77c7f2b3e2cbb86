#!/usr/bin/env python3
"""How the MT rules behave on WMT23 zh→en MQM news segments (../shared/eval/external/wmt23_mqm_zhen/).

    python scripts/evaluate_mqm.py [--details] [--json] [--select MT]

Each segment's ``target`` is audited as a tiny article of its own, with only the selected rules.

* Error-free segments (all three raters found no error): the share the rules flag is their
  false-positive rate (target: at most 5 %), with the rules and texts responsible.
* Segments with errors: for every finding, the MQM categories of the target-side error spans it
  overlaps (Google's raters, all of them, not merged); per rule, how many findings overlap some
  error at all; per MQM category, how many error spans some finding overlaps.
* With ``--native``: the same rules on the 50 English news article bodies of
  ../shared/eval/external/article_extraction_benchmark/ (edited native English, not translated),
  a second false-positive check on whole articles; every finding is listed for inspection.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from auditor.config import Policy
from auditor.documents import Document
from auditor.engine import audit_documents

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "external" / "wmt23_mqm_zhen"
NATIVE = ROOT.parent / "shared" / "eval" / "external" / "article_extraction_benchmark" / "pages.jsonl"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def audit_segments(rows: list[dict], select: list[str]) -> dict[str, list]:
    docs = [Document(path=r["id"], text=r["target"]) for r in rows]
    run = audit_documents(docs, Policy(select=select))
    return {a.path: a.findings for a in run.articles}


def overlaps(f, e: dict) -> bool:
    return f.start < e["end"] and e["start"] < f.end


def error_free_report(rows: list[dict], found: dict[str, list]) -> dict:
    flagged = [r for r in rows if found[r["id"]]]
    by_rule = Counter(f.rule for r in flagged for f in found[r["id"]])
    return {
        "segments": len(rows),
        "flagged": len(flagged),
        "false_positive_rate": len(flagged) / len(rows) if rows else 0.0,
        "findings_by_rule": dict(sorted(by_rule.items())),
        "examples": [{"id": r["id"], "rule": f.rule, "text": f.text, "target": r["target"]}
                     for r in flagged for f in found[r["id"]]],
    }


def with_errors_report(rows: list[dict], found: dict[str, list]) -> dict:
    per_rule_cats: dict[str, Counter] = defaultdict(Counter)
    per_rule_total: Counter = Counter()
    per_rule_hit: Counter = Counter()
    cat_total: Counter = Counter()
    cat_hit: Counter = Counter()
    examples = []
    for r in rows:
        errors = [e for e in r["errors"] if e.get("side") == "target" and e["end"] > e["start"]]
        for e in errors:
            cat_total[e["category"]] += 1
        findings = found[r["id"]]
        for e in errors:
            if any(overlaps(f, e) for f in findings):
                cat_hit[e["category"]] += 1
        for f in findings:
            per_rule_total[f.rule] += 1
            cats = sorted({e["category"] for e in errors if overlaps(f, e)})
            if cats:
                per_rule_hit[f.rule] += 1
            for c in cats:
                per_rule_cats[f.rule][c] += 1
            examples.append({"id": r["id"], "rule": f.rule, "text": f.text,
                             "categories": cats or ["(no error span overlapped)"]})
    flagged = sum(1 for r in rows if found[r["id"]])
    return {
        "segments": len(rows),
        "flagged": flagged,
        "findings": sum(per_rule_total.values()),
        "findings_overlapping_an_error": sum(per_rule_hit.values()),
        "by_rule": {rule: {"findings": per_rule_total[rule], "overlapping_an_error": per_rule_hit[rule],
                           "categories": dict(per_rule_cats[rule].most_common())}
                    for rule in sorted(per_rule_total)},
        "error_spans_overlapped_by_category": {
            c: {"spans": cat_total[c], "overlapped": cat_hit[c]} for c, _ in cat_total.most_common()},
        "examples": examples,
    }


def native_report(path: Path, select: list[str]) -> dict:
    rows = load(path)
    docs = [Document(path=r["id"][:12], text=r["gold_body"]) for r in rows]
    run = audit_documents(docs, Policy(select=select))
    found = [(a.path, f.rule, f.text) for a in run.articles for f in a.findings]
    return {"articles": len(docs), "words": sum(len(d.text.split()) for d in docs),
            "flagged": sum(1 for a in run.articles if a.findings), "findings": found}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DATA), help="folder with the MQM jsonl files")
    ap.add_argument("--select", action="append", help="rules to run (codes or prefixes) [MT]")
    ap.add_argument("--details", action="store_true", help="list every finding")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--native", nargs="?", const=str(NATIVE), metavar="PAGES_JSONL",
                    help="also run on edited native English news article bodies")
    args = ap.parse_args(argv)
    select = args.select or ["MT"]
    data = Path(args.data)
    free_rows = load(data / "mqm_zhen_news_error_free.jsonl")
    err_rows = load(data / "mqm_zhen_news_with_errors.jsonl")
    free = error_free_report(free_rows, audit_segments(free_rows, select))
    errs = with_errors_report(err_rows, audit_segments(err_rows, select))
    native = native_report(Path(args.native), select) if args.native else None
    if args.json:
        strip = lambda d: {k: v for k, v in d.items() if k != "examples"}
        out = {"error_free": strip(free), "with_errors": strip(errs)}
        if native:
            out["native_english_news"] = {k: v for k, v in native.items() if k != "findings"} | {
                "findings": len(native["findings"])}
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(f"Error-free segments: {free['segments']}; flagged by {'+'.join(select)}: {free['flagged']} "
          f"= false-positive rate {100 * free['false_positive_rate']:.1f} % (target <= 5 %)")
    for rule, n in free["findings_by_rule"].items():
        print(f"  {rule}: {n}")
    if args.details:
        for x in free["examples"]:
            print(f"  FP {x['rule']} {x['text']!r} | {x['target'][:140]!r}")
    print()
    print(f"Segments with errors: {errs['segments']}; flagged: {errs['flagged']}; findings: {errs['findings']}, "
          f"overlapping an MQM error span: {errs['findings_overlapping_an_error']}")
    for rule, r in errs["by_rule"].items():
        cats = ", ".join(f"{c} {n}" for c, n in r["categories"].items()) or "-"
        print(f"  {rule}: {r['findings']} findings, {r['overlapping_an_error']} on an error span ({cats})")
    print("Error spans overlapped, by MQM category:")
    for c, r in errs["error_spans_overlapped_by_category"].items():
        print(f"  {c:40} {r['overlapped']:4d} / {r['spans']}")
    if args.details:
        for x in errs["examples"]:
            print(f"  {x['rule']} {x['text']!r} -> {', '.join(x['categories'])}")
    if native:
        print()
        print(f"Native English news: {native['articles']} articles, {native['words']} words; "
              f"{native['flagged']} articles flagged, {len(native['findings'])} findings")
        for path, rule, text in native["findings"]:
            print(f"  {path} {rule} {text[:80]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
