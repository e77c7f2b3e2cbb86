"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=T::MESSAGE``: high severity is an
``error``, medium a ``warning``, low a ``notice``. Columns are 1-based, ``endColumn`` exclusive (as
ruff emits them), and given only for a finding on a single line: the runner drops columns of
annotations that span lines. The message escapes ``%``, CR and LF; property values also escape
``:`` and ``,``. An article that fails the policy on scores alone gets one annotation saying
why, and an unreadable input one error, so every failure shows up. GitHub shows only the first
10 errors and 10 warnings of a step: for large runs upload SARIF instead.
"""

from __future__ import annotations

from ..findings import Severity
from . import relpath

FORMAT = "github"
COMMANDS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, *, file: str | None = None, line: int | None = None,
            end_line: int | None = None, col: int | None = None, end_column: int | None = None,
            title: str | None = None) -> str:
    props = []
    if file is not None:
        props.append(f"file={escape_property(file)}")
    if line:
        props.append(f"line={line}")
        if end_line:
            props.append(f"endLine={end_line}")
        if col and (not end_line or end_line == line):
            props.append(f"col={col}")
            if end_column:
                props.append(f"endColumn={end_column}")
    if title:
        props.append(f"title={escape_property(title)}")
    head = f"::{kind} {','.join(props)}" if props else f"::{kind}"
    return f"{head}::{escape_data(message)}"


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


def finding_command(path: str, f) -> str:
    msg = f"{f.message}: “{_snippet(f.text)}”"
    if f.suggestion:
        msg += f" (suggest: {f.suggestion})"
    return command(COMMANDS[f.severity], msg, file=path, line=f.line, end_line=f.end_line,
                   col=f.column, end_column=f.end_column, title=f"{f.rule} {f.name}")


def render(run) -> str:
    lines: list[str] = []
    for a in run.articles:
        path = relpath(a.path)
        lines.extend(finding_command(path, f) for f in a.findings)
        if not a.passed and not any(f.severity.rank >= run.policy.fail_on.rank for f in a.findings):
            lines.append(command("error", "; ".join(a.fail_reasons), file=path,
                                 title="auditor: article fails the policy"))
    for c in run.corpus_findings:
        for s in c.spans:
            others = sorted({relpath(o.path) for o in c.spans if o.path != s.path})
            msg = f"{c.message}: “{_snippet(s.text)}”"
            if others:
                msg += f" (also in {', '.join(others)})"
            one_line = "\n" not in s.text
            lines.append(command(COMMANDS[c.severity], msg, file=relpath(s.path), line=s.line,
                                 end_line=s.line if one_line else s.line + s.text.count("\n"),
                                 col=s.column, end_column=s.column + len(s.text) if one_line else None,
                                 title=f"{c.rule} {c.name}"))
    for e in run.errors:
        lines.append(command("error", e.reason, file=relpath(e.path), title="auditor: unreadable input"))
    return "".join(line + "\n" for line in lines)
