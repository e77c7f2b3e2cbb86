#!/usr/bin/env python3
"""Cross-article findings against a meta file's ``cross_article`` list (seeds.meta.json layout).

    python scripts/evaluate_corpus.py --meta ../shared/eval/seeds.meta.json ../shared/seeds/*.txt

For each gold entry of a type we look for (shared passages, conflicts; shared misspellings and
inconsistent naming are reported by the names check), it counts as found when one corpus finding
has spans overlapping the gold spans in at least two of its files. Precision: corpus findings of
those rules that match some gold entry.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from auditor.config import Policy
from auditor.engine import audit_paths

TYPES = {"shared_passage": {"SY001"}, "paraphrase": {"SY001"}, "conflict": {"SY002"},
         "shared_misspelling": {"NM"}, "inconsistent_naming": {"NM"}}


def _hits(cf: dict, entry: dict) -> bool:
    files = set()
    for g in entry.get("spans", []):
        for s in cf["spans"]:
            if Path(s["path"]).name == g["file"] and s["start"] < g["end"] and g["start"] < s["end"]:
                files.add(g["file"])
    return len(files) >= 2


def _names_hit(cf: dict, entry: dict) -> bool:
    if "spans" in entry:
        return _hits(cf, entry)
    variants = entry.get("variants") or entry.get("variant_counts") or {}
    texts = {s["text"] for s in cf["spans"]}
    return sum(1 for v in variants if any(v in t or t in v for t in texts)) >= 2


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meta", required=True)
    ap.add_argument("files", nargs="+")
    args = ap.parse_args(argv)
    meta = json.loads(Path(args.meta).read_text(encoding="utf-8"))
    run = audit_paths(args.files, Policy())
    found = [c.to_dict() for c in run.corpus_findings]
    print(f"{'type':22} {'gold':>5} {'found':>6}")
    for typ, rules in TYPES.items():
        entries = [e for e in meta.get("cross_article", []) if e["type"] == typ]
        if not entries:
            continue
        cands = [c for c in found if any(c["rule"].startswith(r) for r in rules)]
        match = _names_hit if "NM" in rules else _hits
        got = sum(1 for e in entries if any(match(c, e) for c in cands))
        print(f"{typ:22} {len(entries):5d} {got:6d}")
    for prefix in ("SY001", "SY002"):
        mine = [c for c in found if c["rule"] == prefix]
        types = [t for t, r in TYPES.items() if prefix in r]
        entries = [e for e in meta.get("cross_article", []) if e["type"] in types]
        ok = sum(1 for c in mine if any(_hits(c, e) for e in entries))
        if mine:
            print(f"{prefix} precision: {ok}/{len(mine)} findings match a gold entry")
    return 0


if __name__ == "__main__":
    sys.exit(main())
