#!/usr/bin/env python3
"""How many of the source credits listed in a meta file the source inventory finds.

    python scripts/evaluate_sources.py [--meta ../shared/eval/seeds.meta.json] [--seeds DIR] [--details]

The meta file (format: ../shared/eval/README.md) lists per seed file its ``source_credits``: spans
such as "Source: Arab.net, agencies", "the Al-Jazeera correspondent", "(Reuters)", "France 24 / AFP".
The articles are audited with the UA rules only; a credit is *found* when the ``sources`` fact of
its article has an entry whose span overlaps the credit's span: one of ``credits`` (datelines,
bylines, credit lines, agency and outlet mentions, correspondents, photo credits, syndication notes)
or of ``named_sources`` (the first mention of a named speaker, e.g. a monitoring group). It also
reports how many credits are found with the right outlet among the names the inventory gives for
them (an entry's ``credited`` names, or the named source itself), and the original source per file.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from auditor.config import Policy
from auditor.engine import audit_paths

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_META = ROOT.parent / "shared" / "eval" / "seeds.meta.json"


def _norm(s: str) -> str:
    return "".join(ch for ch in s.lower() if ch.isalnum())


def _names_match(expected: list[str], got: list[str]) -> bool:
    """Does one of the names the meta file credits appear among the inventory's names?"""
    got_n = [_norm(g) for g in got if g]
    for e in expected:
        head = _norm(e.split("(")[0])
        if any(head and (head in g or g in head) for g in got_n if len(g) >= 2):
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meta", default=str(DEFAULT_META))
    ap.add_argument("--seeds", help="folder of the files (default: the meta file's seeds_dir)")
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    meta_path = Path(args.meta)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    folder = Path(args.seeds) if args.seeds else (meta_path.parent / meta.get("seeds_dir", "."))
    files = sorted(meta["files"])
    run = audit_paths([str(folder / f) for f in files], Policy(select=["UA"]))
    by_name = {Path(a.path).name: a for a in run.articles}
    total = found = named_ok = 0
    rows = []
    originals = {}
    for f in files:
        art = by_name.get(f)
        sources = (art.facts.get("sources") if art else None) or {}
        originals[f] = sources.get("original_source")
        entries = [(c["start"], c["end"], c.get("credited", []), c["kind"]) for c in sources.get("credits", [])]
        entries += [(n["start"], n["end"], [n["source"]], "named_source") for n in sources.get("named_sources", [])]
        for credit in meta["files"][f].get("source_credits", []):
            total += 1
            hits = [e for e in entries if e[0] < credit["end"] and credit["start"] < e[1]]
            ok = bool(hits)
            names = [n for h in hits for n in h[2]]
            right = ok and _names_match(credit.get("credited", []), names)
            found += ok
            named_ok += right
            rows.append((f, credit, ok, right, [h[3] for h in hits], names))
    result = {"credits": total, "found": found, "found_share": round(found / total, 3) if total else None,
              "found_with_right_name": named_ok, "original_source": originals}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"source credits in {meta_path.name}: {total}")
    print(f"  found by the inventory (span overlap): {found} ({found / total:.0%})" if total else "  none")
    print(f"  found with the credited outlet named:  {named_ok}")
    print("  original source per file:")
    for f, o in originals.items():
        print(f"    {f}: {o}")
    if args.details:
        for f, credit, ok, right, kinds, names in rows:
            mark = "ok " if right else ("~  " if ok else "MISS")
            print(f"{mark} {f[:3]} {credit['kind']:16} {credit['text'][:50]!r:54} -> {kinds} {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
