#!/usr/bin/env python3
"""Throughput of the whole audit on a synthetic corpus built from samples/.

    python scripts/benchmark.py [--n 2000] [--format html] [--profile]

Builds N articles by recombining the sample articles' paragraphs and perturbing them (glued
captions, ad markers, misspelled capitalised words, doubled words, shuffled order), writes them to
a temporary folder, then times audit_paths end to end (reading, decoding, segmentation, every
check, the corpus pass, scoring) and, with --format, the rendering of that output. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from auditor.config import Policy
from auditor.engine import audit_paths
from auditor.outputs import formats

ROOT = Path(__file__).resolve().parent.parent


def sample_paragraphs() -> tuple[list[str], list[str]]:
    titles, paras = [], []
    for f in sorted((ROOT / "samples").glob("*.txt")):
        blocks = [b.strip() for b in f.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        titles.append(blocks[0])
        paras.extend(blocks[1:])
    return titles, paras


def misspell(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def perturb(p: str, rng: random.Random) -> str:
    r = rng.random()
    words = p.split(" ")
    if r < 0.08 and len(words) > 4:  # a glued caption
        cap = " ".join(words[:3]).strip(".,")
        return cap + cap
    if r < 0.14:
        return "[ad_%d]" % rng.randint(1, 3)
    if r < 0.30 and len(words) > 3:  # misspell a capitalised word
        idx = [i for i, w in enumerate(words) if w[:1].isupper() and i > 0]
        if idx:
            i = rng.choice(idx)
            words[i] = misspell(words[i], rng)
    if r > 0.92 and len(words) > 3:  # doubled word
        i = rng.randrange(len(words))
        words.insert(i, words[i])
    return " ".join(words)


def build_corpus(n: int, folder: Path, seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    titles, paras = sample_paragraphs()
    paths = []
    for k in range(n):
        body = [perturb(p, rng) for p in rng.sample(paras, k=min(len(paras), rng.randint(8, 18)))]
        text = rng.choice(titles) + "\n\n" + "\n\n".join(body) + "\n"
        path = folder / f"article_{k:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles in the corpus [2000]")
    ap.add_argument("--format", dest="fmt", help="also time rendering this output format")
    ap.add_argument("--profile", action="store_true", help="print the 25 costliest functions")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--jobs", type=int, default=1, help="processes checking articles [1]; 0 = one per CPU")
    ap.add_argument("--select", default="", help="only these rules (codes, prefixes), comma-separated")
    ap.add_argument("--ignore", default="", help="skip these rules, comma-separated: each family's cost")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = build_corpus(args.n, folder, args.seed)
        words = sum(len(Path(p).read_text(encoding="utf-8").split()) for p in paths)
        prof = cProfile.Profile() if args.profile else None
        t0 = time.perf_counter()
        if prof:
            prof.enable()
        split = lambda v: [x.strip() for x in v.split(",") if x.strip()]
        run = audit_paths(paths, Policy(select=split(args.select), ignore=split(args.ignore)),
                          jobs=args.jobs or None)
        t1 = time.perf_counter()
        render_s = None
        if args.fmt:
            mod = formats()[args.fmt]
            if getattr(mod, "DIRECTORY", False):
                mod.write(run, folder / "report")
            else:
                mod.render(run)
            render_s = time.perf_counter() - t1
        if prof:
            prof.disable()
    audit_s = t1 - t0
    findings = sum(len(a.findings) for a in run.articles)
    print(f"articles          {len(run.articles)}")
    print(f"words             {words}")
    print(f"findings          {findings} (+{len(run.corpus_findings)} corpus)")
    print(f"audit time        {audit_s:.2f} s")
    print(f"articles/second   {len(run.articles) / audit_s:.1f}")
    print(f"words/second      {words / audit_s:,.0f}")
    if render_s is not None:
        print(f"{args.fmt} render     {render_s:.2f} s ({100 * render_s / audit_s:.0f} % of the audit)")
    print(f"peak RSS          {peak_rss_mb():.0f} MB")
    if prof:
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
