"""``audit --statistics``: how many findings each rule produced (as ``ruff --statistics``)."""

from __future__ import annotations

from dataclasses import dataclass

from .engine import Run


@dataclass
class RuleCount:
    code: str
    name: str
    severity: str
    count: int
    fixable: int     # how many of them ``--fix`` would fix
    message: str

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "severity": self.severity,
                "count": self.count, "fixable": self.fixable, "message": self.message}


def rule_counts(run: Run) -> list[RuleCount]:
    """Counts per rule over every article and corpus finding: most frequent first, then by code."""
    out: dict[str, RuleCount] = {}

    def bump(code: str, name: str, severity: str, fixable: bool) -> None:
        rc = out.get(code)
        if rc is None:
            rule = run.rules.get(code)
            rc = out[code] = RuleCount(code, name, severity, 0, 0, rule.message if rule else "")
        rc.count += 1
        rc.fixable += int(fixable)

    for a in run.articles:
        for f in a.findings:
            bump(f.rule, f.name, f.severity.value, f.fixable)
    for c in run.corpus_findings:
        bump(c.rule, c.name, c.severity.value, False)
    return sorted(out.values(), key=lambda r: (-r.count, r.code))


def render(run: Run) -> str:
    rows = rule_counts(run)
    total = sum(r.count for r in rows)
    fixable = sum(r.fixable for r in rows)
    lines = []
    if rows:
        wc = max(len(str(r.count)) for r in rows)
        wcode = max(len(r.code) for r in rows)
        wname = max(len(r.name) for r in rows)
        any_fix = fixable > 0
        for r in rows:
            mark = ("[*] " if r.fixable else "[ ] ") if any_fix else ""
            lines.append(f"{r.count:>{wc}}  {r.code:<{wcode}}  {mark}{r.name:<{wname}}  {r.message}".rstrip())
    failed = sum(1 for a in run.articles if not a.passed)
    summary = (f"Found {total} finding(s) in {len(run.articles)} article(s); "
               f"{failed} failed the policy.")
    if fixable:
        summary += f" [*] {fixable} fixable with --fix."
    lines.append(summary)
    return "\n".join(lines) + "\n"
