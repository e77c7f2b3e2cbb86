#!/usr/bin/env python3
"""How well the name matcher separates same-entity from different-entity name pairs.

    python scripts/evaluate_names.py [--pairs ../shared/eval/external/name_variants/name_variant_pairs.jsonl]
                                     [--gold ../shared/eval/seeds.gold.jsonl FILES...]

Pairs (SOURCE.md beside the file): 550 spelling/transliteration variants of one entity (OFAC aliases,
GeoNames alternate names) and 250 hard negatives (different entities whose names have difflib
ratio >= 0.8). For each threshold t, a pair is predicted "same entity" when
``auditor.names.keys.name_similarity`` >= t; precision and recall of "same entity" are reported
overall and per type, with the thresholds the rule pack uses marked. The role threshold (NM102) is
checked against random pairs of *different* persons' names, the chance a wrong person passes.

With ``--gold``, also scores the NM rules alone on a gold file (main and strict, as
scripts/evaluate.py), once with the article findings only and once adding the spans of the corpus
findings (NM201), which scripts/evaluate.py does not read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from auditor.names.keys import fold, name_similarity  # noqa: E402
from auditor.rulepacks import builtin_packs  # noqa: E402

DEFAULT_PAIRS = ROOT.parent / "shared" / "eval" / "external" / "name_variants" / "name_variant_pairs.jsonl"


def pack_thresholds() -> dict[str, float]:
    pack = next(p for p in builtin_packs() if p.family == "NM")
    return {"NM101 in article": pack.rules["NM101"].data["min_similarity"],
            "NM103 gazetteer": pack.rules["NM103"].data["min_similarity"],
            "NM102 role": pack.rules["NM102"].data["min_similarity_known"]}


def prf(scored, t):
    tp = sum(1 for s, same in scored if s >= t and same)
    fp = sum(1 for s, same in scored if s >= t and not same)
    fn = sum(1 for s, same in scored if s < t and same)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), tp, fp, fn


def pairs_report(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    scored = {"all": [], "person": [], "place": []}
    for r in rows:
        s = name_similarity(fold(r["canonical"]), fold(r["variant"]))
        same = r["label"] == "same_entity"
        scored["all"].append((s, same))
        scored[r["type"]].append((s, same))
    marks = pack_thresholds()
    print(f"name-variant pairs: {len(rows)} ({sum(1 for s, x in scored['all'] if x)} same entity)")
    print(f"{'threshold':>9}  {'all P':>6} {'R':>5} {'F1':>5}   {'person P':>8} {'R':>5}   {'place P':>7} {'R':>5}")
    best = max((prf(scored["all"], t / 100)[2], t / 100) for t in range(70, 100))
    for t in sorted({x / 100 for x in range(75, 100, 5)} | set(marks.values()) | {best[1]}):
        a, pe, pl = (prf(scored[k], t) for k in ("all", "person", "place"))
        note = ", ".join(k for k, v in marks.items() if abs(v - t) < 1e-9)
        if abs(t - best[1]) < 1e-9:
            note = (note + ", " if note else "") + "best F1"
        print(f"{t:9.2f}  {a[0]:6.3f} {a[1]:5.3f} {a[2]:5.3f}   {pe[0]:8.3f} {pe[1]:5.3f}   {pl[0]:7.3f} {pl[1]:5.3f}  {note}")
    persons = sorted({r["canonical"] for r in rows if r["type"] == "person"})
    rng = random.Random(3)
    rand = [(rng.choice(persons), rng.choice(persons)) for _ in range(5000)]
    rand = [(a, b) for a, b in rand if a != b]
    t = marks["NM102 role"]
    share = sum(1 for a, b in rand if name_similarity(fold(a), fold(b)) >= t) / len(rand)
    print(f"random pairs of different persons passing the role threshold {t:.2f}: {share:.3%} of {len(rand)}")


def gold_report(gold: str, files: list[str]) -> None:
    from auditor.config import Policy
    from auditor.engine import audit_paths
    from evaluate import load_gold, score

    names = {Path(f).name for f in files}
    rows = [g for g in load_gold(gold) if g["file"] in names]
    run = audit_paths(files, Policy(select=["NM"]))
    art = [{"file": Path(a.path).name, "category": f.category.value, "start": f.start, "end": f.end,
            "rule": f.rule, "text": f.text} for a in run.articles for f in a.findings]
    corpus = [{"file": Path(s.path).name, "category": c.category.value, "start": s.start, "end": s.end,
               "rule": c.rule, "text": s.text} for c in run.corpus_findings for s in c.spans]
    for label, found in (("article findings", art), ("+ corpus spans", art + corpus)):
        for strict in (False, True):
            r = score(found, rows, strict).get("name_misspelling")
            if r:
                print(f"{label:17} {'strict' if strict else 'main':6} P={r['precision'] or 0:.2f} "
                      f"R={r['recall'] or 0:.2f} (tp {r['tp']}, fp {r['fp']}, gold {r['gold']})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", default=str(DEFAULT_PAIRS))
    ap.add_argument("--gold")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args(argv)
    if Path(args.pairs).is_file():
        pairs_report(Path(args.pairs))
    else:
        print(f"evaluate_names: no pairs file at {args.pairs}", file=sys.stderr)
    if args.gold:
        print()
        gold_report(args.gold, args.files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
