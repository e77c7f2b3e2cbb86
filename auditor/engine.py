"""The library API: documents -> findings -> scores. ``audit_paths(paths, policy) -> Run``.

The CLI, the evaluation and benchmark scripts and the tests all call this; outputs only read a Run.
"""

from __future__ import annotations

import copy
import multiprocessing
import os
from dataclasses import dataclass, field

from . import scoring
from .checks import Context, modules
from .checks import patterns as generic
from .config import Policy, rule_enabled, severity_for
from .documents import Document, InputError, load_documents
from .findings import CorpusFinding, Finding, Severity
from .langid import article_language
from .rulepacks import GENERIC_KINDS, RulePack, load_packs
from .segment import Segmented


@dataclass
class ArticleResult:
    path: str
    language: str
    words: int
    encoding: str
    encoding_note: str | None
    findings: list[Finding]
    quality: scoring.ScoreCard
    traceability: scoring.ScoreCard
    facts: dict = field(default_factory=dict)    # e.g. "sources" from the attribution check
    passed: bool = True
    fail_reasons: list[str] = field(default_factory=list)
    text: str = ""  # kept for outputs that show the article (HTML report, fixes)

    @property
    def scores(self) -> dict[str, int]:
        return {"quality": self.quality.value, "traceability": self.traceability.value}


@dataclass
class Run:
    articles: list[ArticleResult]
    corpus_findings: list[CorpusFinding]
    errors: list[InputError]
    rules: dict  # code -> Rule (effective), for outputs that describe rules
    policy: Policy

    @property
    def failed(self) -> bool:
        return any(not a.passed for a in self.articles)


def effective_packs(policy: Policy) -> list[RulePack]:
    """Rule packs with the user's severities and extra data applied (the cached packs untouched)."""
    packs = copy.deepcopy(load_packs(policy.extend_rule_packs))
    for pack in packs:
        for rule in pack.rules.values():
            rule.severity = severity_for(policy, rule.code, rule.name, rule.severity)
            for key, extra in policy.rule_data.get(rule.code, {}).items():
                base = rule.data.get(key)
                if isinstance(base, list) and isinstance(extra, list):
                    rule.data[key] = base + [x for x in extra if x not in base]
                elif isinstance(base, dict) and isinstance(extra, dict):
                    rule.data[key] = {**base, **extra}
                else:
                    rule.data[key] = extra
    return packs


def make_context(policy: Policy, packs: list[RulePack]) -> Context:
    rules = {code: r for p in packs for code, r in p.rules.items()}
    explicit = {s.strip().upper() for s in policy.select} | {s.strip().lower() for s in policy.select}
    enabled = {code for code, r in rules.items() if rule_enabled(policy, code, r.name)
               and (r.default_enabled or code in explicit or r.name in explicit)}
    return Context(policy=policy, rules=rules, enabled=enabled)


def _pack_runs_on(pack: RulePack, ctx: Context, language: str) -> bool:
    return any(ctx.on(c) and (language == "en" or not r.english_only) for c, r in pack.rules.items())


def check_document(seg: Segmented, packs: list[RulePack], ctx: Context) -> tuple[list[Finding], dict]:
    mods = modules()
    findings: list[Finding] = []
    facts: dict = {}
    for pack in packs:
        if not _pack_runs_on(pack, ctx, seg.language):
            continue
        mod = mods.get(pack.check)
        try:
            if mod is not None and mod is not generic:
                found = list(mod.check(seg, pack, ctx))
                if hasattr(mod, "describe"):
                    facts.update(mod.describe(seg, pack, ctx))
                findings.extend(found)
            if any(r.kind in GENERIC_KINDS for r in pack.rules.values()):
                findings.extend(generic.check(seg, pack, ctx))
        except Exception as exc:  # a bug in one family must not cost the user the whole run
            facts.setdefault("internal_errors", []).append(
                f"the {pack.title} check ({pack.family}) failed: {type(exc).__name__}: {exc}")
    return _finish(seg, findings, ctx), facts


def _finish(seg: Segmented, findings: list[Finding], ctx: Context) -> list[Finding]:
    """Filter by policy, fill positions, drop exact duplicates, sort."""
    policy = ctx.policy
    out: dict[tuple, Finding] = {}
    for f in findings:
        rule = ctx.rules.get(f.rule)
        if rule is None or not ctx.on(f.rule):
            continue
        if seg.language != "en" and rule.english_only:
            continue
        if not rule_enabled(policy, f.rule, f.name, seg.path) or f.confidence < policy.min_confidence:
            continue
        if f.start >= f.end or seg.text[f.start:f.end] != f.text:
            raise AssertionError(f"{f.rule} produced a span that does not match the text: {f!r}")
        f.line, f.column = seg.line_col(f.start)
        f.end_line, f.end_column = seg.line_col(max(f.start, f.end - 1))
        f.end_column += 1  # exclusive, like SARIF's endColumn
        out.setdefault((f.rule, f.start, f.end), f)
    return sorted(out.values(), key=Finding.sort_key)


def judge(article: ArticleResult, policy: Policy) -> None:
    reasons = []
    worst = [f for f in article.findings if f.severity.rank >= policy.fail_on.rank]
    if worst:
        reasons.append(f"{len(worst)} finding(s) at or above {policy.fail_on.value} severity")
    limits = {"quality": policy.fail_under_quality, "traceability": policy.fail_under_traceability}
    for name, value in article.scores.items():
        limit = limits[name] if limits[name] is not None else policy.fail_under
        if limit is not None and value < limit:
            reasons.append(f"{name} score {value} is under {limit:g}")
    article.fail_reasons = reasons
    article.passed = not reasons


# Below this many articles a process pool costs more than it saves.
PARALLEL_MIN = 64


def _check_one(seg: Segmented, packs: list[RulePack], ctx: Context) -> tuple[str, list[Finding], dict]:
    seg.language = article_language(seg)
    findings, facts = check_document(seg, packs, ctx)
    return seg.language, findings, facts


# What the workers of a parallel run need; set before the pool forks, so they inherit it (and
# every data set the first article made the parent load) instead of unpickling it per task.
_WORKER: tuple[list[RulePack], Context] | None = None


def _check_in_worker(doc: Document) -> tuple[str, list[Finding], dict]:
    packs, ctx = _WORKER
    return _check_one(Segmented(doc), packs, ctx)


def _check_all(segs: list[Segmented], packs: list[RulePack], ctx: Context, jobs: int | None):
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs <= 1 or len(segs) < PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        return [_check_one(seg, packs, ctx) for seg in segs]
    global _WORKER
    first = _check_one(segs[0], packs, ctx)  # loads gazetteers and word lists once, in the parent
    _WORKER = (packs, ctx)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            rest = pool.map(_check_in_worker, [s.doc for s in segs[1:]],
                            chunksize=max(1, len(segs) // (jobs * 8)))
    finally:
        _WORKER = None
    for seg, (language, _, _) in zip(segs[1:], rest):
        seg.language = language
    return [first, *rest]


def audit_documents(docs: list[Document], policy: Policy | None = None,
                    errors: list[InputError] | None = None, jobs: int | None = 1) -> Run:
    """Audit documents; ``jobs`` processes check them in parallel (None: one per CPU)."""
    policy = policy or Policy()
    packs = effective_packs(policy)
    ctx = make_context(policy, packs)
    segs = [Segmented(d) for d in docs]
    articles = []
    errors = list(errors or [])
    for seg, (language, findings, facts) in zip(segs, _check_all(segs, packs, ctx, jobs)):
        errors.extend(InputError(seg.path, f"internal error, other checks still ran: {e}")
                      for e in facts.pop("internal_errors", []))
        art = ArticleResult(
            path=seg.path, language=language, words=seg.words, encoding=seg.doc.encoding,
            encoding_note=seg.doc.encoding_note, findings=findings,
            quality=scoring.quality(findings, seg.words),
            traceability=scoring.traceability(findings, seg.words, facts),
            facts=facts, text=seg.text,
        )
        judge(art, policy)
        articles.append(art)
    corpus = run_corpus(segs, packs, ctx)
    return Run(articles=articles, corpus_findings=corpus, errors=errors, rules=ctx.rules, policy=policy)


def run_corpus(segs: list[Segmented], packs: list[RulePack], ctx: Context) -> list[CorpusFinding]:
    """Passes over all articles at once (name variants across outlets, copied passages)."""
    if len(segs) < 2:
        return []
    mods = modules()
    out: list[CorpusFinding] = []
    english = [s for s in segs if s.language == "en"]
    for pack in packs:
        mod = mods.get(pack.check)
        if mod is None or not hasattr(mod, "check_corpus") or not _pack_runs_on(pack, ctx, "en"):
            continue
        for cf in mod.check_corpus(english, pack, ctx):
            if ctx.on(cf.rule):
                out.append(cf)
    by_path = {s.path: s for s in segs}
    for cf in out:
        for span in cf.spans:
            span.line, span.column = by_path[span.path].line_col(span.start)
    out.sort(key=lambda c: (c.rule, c.paths, [(s.path, s.start) for s in c.spans]))
    return out


def audit_paths(paths: list[str], policy: Policy | None = None, jobs: int | None = 1) -> Run:
    docs, errors = load_documents(paths)
    return audit_documents(docs, policy, errors, jobs)


def audit_text(text: str, policy: Policy | None = None, path: str = "<text>") -> ArticleResult:
    """Audit one string (tests, rule examples, scripts)."""
    return audit_documents([Document(path=path, text=text)], policy).articles[0]


__all__ = ["ArticleResult", "Run", "Severity", "audit_documents", "audit_paths", "audit_text"]
