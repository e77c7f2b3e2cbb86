"""Plain text for terminals and logs: ``path:line:col: CODE message`` and a summary per article."""

from __future__ import annotations

FORMAT = "text"


def finding_line(path: str, f) -> str:
    hint = f" (suggest: {f.suggestion})" if f.suggestion else ""
    snippet = f.text if len(f.text) <= 60 else f.text[:57] + "..."
    snippet = snippet.replace("\n", "⏎")
    return f"{path}:{f.line}:{f.column}: {f.rule} [{f.severity.value}] {f.message}: “{snippet}”{hint}"


def article_summary(a) -> str:
    verdict = "pass" if a.passed else "FAIL (" + "; ".join(a.fail_reasons) + ")"
    note = f", {a.encoding_note}" if a.encoding_note else ""
    lang = "" if a.language == "en" else f", language {a.language} (English-only rules skipped)"
    return (f"{a.path}: quality {a.scores['quality']}, traceability {a.scores['traceability']}, "
            f"{len(a.findings)} finding(s), {a.words} words{lang}{note}: {verdict}")


def render(run) -> str:
    lines: list[str] = []
    for a in run.articles:
        lines.extend(finding_line(a.path, f) for f in a.findings)
    for c in run.corpus_findings:
        where = ", ".join(f"{s.path}:{s.line}:{s.column} “{s.text}”" for s in c.spans)
        hint = f" (suggest: {c.suggestion})" if c.suggestion else ""
        lines.append(f"corpus: {c.rule} [{c.severity.value}] {c.message}{hint}: {where}")
    if lines:
        lines.append("")
    lines.extend(article_summary(a) for a in run.articles)
    n = sum(len(a.findings) for a in run.articles)
    failed = sum(1 for a in run.articles if not a.passed)
    lines.append(f"{len(run.articles)} article(s), {n} finding(s), {len(run.corpus_findings)} corpus "
                 f"finding(s); {failed} failed the policy; {len(run.errors)} unreadable input(s)")
    return "\n".join(lines) + "\n"
