#!/usr/bin/env python3
"""Precision, recall and F1 of "this sentence is a vague or unattributed claim" on CoNLL-2010 (Wikipedia).

    python scripts/evaluate_conll.py [--data ../shared/eval/external/conll2010_wiki_uncertainty/conll2010_wiki_uncertainty.jsonl]
                                     [--mode classify|audit] [--rules UA003,UA004] [--errors 20] [--json]

Gold: the row's ``label`` (``uncertain`` = positive: a weasel or hedge cue, "needs a source").

Modes:
- ``classify`` (default): calls the attribution check's sentence classifier directly,
  ``auditor.checks.attribution.classify_sentence(text)``: the same per-sentence analysis the check
  runs, on the sentence alone (no context, no carry-over). Positive = it returns a finding of a
  selected rule.
- ``weasel``: the same classifier with ``weasel=True``: it also applies the opt-in rule UA006
  (weasel-words: the vague quantifiers "some", "many", "several" and hedging or puffing adverbs
  "widely", "generally", "probably" of UA003's ``weasel_words``), which is off by default because
  news prose uses those words legitimately so often.
- ``audit``: audits each sentence as a tiny article with ``audit_text``, the rules of ``--rules``
  selected (by default every UA rule including the opt-in UA006; segmentation may split a
  sentence, any UA finding makes it positive). ``--rules UA001,UA002,UA003,UA004,UA005`` gives
  the default configuration's verdict.

The sample is balanced (500 positives, 500 negatives), so flagging every sentence scores
P 0.50, R 1.00, F1 0.667; the script prints that baseline next to the result. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "external" / "conll2010_wiki_uncertainty" / "conll2010_wiki_uncertainty.jsonl"
ALL_RULES = ("UA001", "UA002", "UA003", "UA004", "UA005", "UA006")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def predict_classify(rows: list[dict], rules: set[str], weasel: bool = False) -> list[str | None]:
    from auditor.checks.attribution import classify_sentence

    out = []
    for row in rows:
        v = classify_sentence(row["text"], weasel=weasel)
        out.append(v[0] if v and v[0] in rules else None)
    return out


def predict_audit(rows: list[dict], rules: set[str]) -> list[str | None]:
    from auditor.config import Policy
    from auditor.engine import audit_text

    policy = Policy(select=sorted(rules))
    out = []
    for row in rows:
        art = audit_text(row["text"], policy)
        codes = [f.rule for f in art.findings if f.rule in rules]
        out.append(codes[0] if codes else None)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT))
    ap.add_argument("--mode", choices=("classify", "weasel", "audit"), default="classify")
    ap.add_argument("--rules", default=",".join(ALL_RULES), help="UA rules that count as positive")
    ap.add_argument("--errors", type=int, default=0, help="print this many false positives and misses")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rows = [json.loads(x) for x in Path(args.data).read_text(encoding="utf-8").splitlines() if x.strip()]
    rules = {r.strip() for r in args.rules.split(",") if r.strip()}
    if args.mode == "audit":
        pred = predict_audit(rows, rules)
    else:
        pred = predict_classify(rows, rules, weasel=args.mode == "weasel")
    gold = [r["label"] == "uncertain" for r in rows]
    tp = sum(1 for g, p in zip(gold, pred) if g and p)
    fp = sum(1 for g, p in zip(gold, pred) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred) if g and not p)
    p, r, f = prf(tp, fp, fn)
    base = prf(sum(gold), len(gold) - sum(gold), 0)
    by_rule = {code: {"tp": 0, "fp": 0} for code in sorted(rules)}
    for g, code in zip(gold, pred):
        if code:
            by_rule[code]["tp" if g else "fp"] += 1
    result = {"mode": args.mode, "sentences": len(rows), "positives": sum(gold), "tp": tp, "fp": fp, "fn": fn,
              "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
              "baseline_all_positive_f1": round(base[2], 3), "by_rule": by_rule}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"CoNLL-2010 Wikipedia sample: {len(rows)} sentences, {sum(gold)} uncertain (mode: {args.mode})")
    print(f"  tp {tp}  fp {fp}  fn {fn}")
    print(f"  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}   (flag-everything baseline F1 {base[2]:.3f})")
    for code, c in by_rule.items():
        n = c["tp"] + c["fp"]
        print(f"  {code}: {n:4d} flagged, precision {c['tp'] / n:.2f}" if n else f"  {code}:    0 flagged")
    if args.errors:
        fps = [(row, code) for row, g, code in zip(rows, gold, pred) if code and not g]
        fns = [row for row, g, code in zip(rows, gold, pred) if g and not code]
        print("\nFalse positives:")
        for row, code in fps[: args.errors]:
            print(f"  {code} {row['text'][:150]}")
        print("\nMissed:")
        for row in fns[: args.errors]:
            cues = [c["text"] for c in row.get("szeged_cues", [])]
            print(f"  {row['text'][:150]}  {cues}")
    # per-kind counts of what was predicted
    print("\npredicted:", dict(Counter(c for c in pred if c)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
