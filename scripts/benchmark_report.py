#!/usr/bin/env python3
"""What the HTML report adds to a run: audit time vs report time on the synthetic corpus.

    python scripts/benchmark_report.py [--n 2000] [--repeat 3] [--run-cache FILE] [--profile]

Builds the same N-article corpus as scripts/benchmark.py, audits it once (audit_paths, end to
end), then writes the HTML report (every page, to a temporary folder) --repeat times and reports
the fastest, split into rendering (build) and writing the files. --run-cache FILE keeps the audited
Run in a pickle so that the report can be re-timed without auditing again (the audit time is kept
with it). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pickle
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark import build_corpus  # noqa: E402

from auditor.config import Policy  # noqa: E402
from auditor.engine import audit_paths  # noqa: E402
from auditor.outputs import html  # noqa: E402


def audited(n: int, seed: int, cache: Path | None):
    if cache and cache.is_file():
        with open(cache, "rb") as fh:
            data = pickle.load(fh)
        if data["n"] == n and data["seed"] == seed:
            return data["run"], (data["audit_s"], data.get("audit_cpu", data["audit_s"])), True
    with tempfile.TemporaryDirectory() as tmp:
        paths = build_corpus(n, Path(tmp), seed)
        t0, c0 = time.perf_counter(), time.process_time()
        run = audit_paths(paths, Policy())
        audit_s, audit_cpu = time.perf_counter() - t0, time.process_time() - c0
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump({"n": n, "seed": seed, "run": run, "audit_s": audit_s, "audit_cpu": audit_cpu}, fh)
    return run, (audit_s, audit_cpu), False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--run-cache", type=Path)
    ap.add_argument("--profile", action="store_true", help="print the 25 costliest functions of one build")
    args = ap.parse_args(argv)

    run, (audit_s, audit_cpu), cached = audited(args.n, args.seed, args.run_cache)
    html.build(run)  # warm: templates compiled, assets loaded (a real run pays this once too)
    builds, writes, cpus = [], [], []
    size = files = 0
    for _ in range(max(1, args.repeat)):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            c0 = time.process_time()
            pages = html.build(run)
            t1 = time.perf_counter()
            del pages
            c1 = time.process_time()
            html.write(run, Path(tmp) / "report")
            t2 = time.perf_counter()
            cpus.append(time.process_time())
            files = sum(1 for p in (Path(tmp) / "report").rglob("*.html"))
            size = sum(p.stat().st_size for p in (Path(tmp) / "report").rglob("*.html"))
        builds.append(t1 - t0)
        writes.append(t2 - t1)  # write() renders again and writes: the whole cost of the report
        cpus[-1] -= c1
    best_write = min(writes)
    findings = sum(len(a.findings) for a in run.articles)
    print(f"articles          {len(run.articles)}")
    print(f"findings          {findings} (+{len(run.corpus_findings)} corpus)")
    print(f"audit time        {audit_s:.2f} s wall, {audit_cpu:.2f} s CPU{' (cached run)' if cached else ''}")
    print(f"report render     {min(builds):.2f} s (pages in memory, best of {len(builds)})")
    print(f"report total      {best_write:.2f} s (render and write {files} files, {size / 1e6:.0f} MB)")
    print(f"report CPU        {min(cpus):.2f} s (render and write)")
    print(f"added to the run  {100 * best_write / audit_s:.0f} % wall, {100 * min(cpus) / audit_cpu:.0f} % CPU")
    print(f"per article       {1000 * best_write / max(1, len(run.articles)):.2f} ms")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        html.build(run)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
