"""Safe automatic fixes: ``audit --fix`` (write in place) and ``audit --diff`` (show, write nothing).

A finding with ``fixable=True`` says how to fix it: replace ``text[start:end]`` with its
``suggestion``, or delete the span when the suggestion is None or empty. This module applies those
edits and nothing else:

- overlapping fixes: the non-overlapping ones are applied, the article is audited again and the
  rest are taken up in the next pass, until a pass has nothing left to fix (or ``MAX_PASSES``);
- a deletion that empties its line(s) removes the line(s), and one blank line on a side where the
  removal would otherwise leave two separators, so no blank-line pile-up is left; a deletion
  inside a line takes one neighbouring space with it, so no double space is left;
- a file keeps its encoding, byte-order mark and line endings; it is written through a temporary
  file and an atomic rename, and a file that cannot be fixed (changed since it was read, a fix
  that cannot be encoded, fixes that never settle) is left exactly as it was.

The fixes run with the same policy as the audit, so ``--select``/``--ignore`` choose what is fixed.
"""

from __future__ import annotations

import bisect
import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .config import Policy
from .documents import DecodeError, Document, decode
from .engine import ArticleResult, Run, audit_documents
from .findings import Finding

MAX_PASSES = 20
_HSPACE = " \t"
_CLOSERS = ".,;:!?)]}»”’"


class FixError(Exception):
    pass


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    rule: str = ""

    @property
    def deletion(self) -> bool:
        return not self.replacement


@dataclass
class FileFix:
    """What fixing one article did (or would do)."""

    path: str
    original: str
    fixed: str
    encoding: str = "utf-8"
    applied: list[str] = field(default_factory=list)   # the rule of each fix applied, pass by pass
    passes: int = 0
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.error is None and self.fixed != self.original

    def diff(self) -> str:
        if not self.changed:
            return ""
        name = self.path.replace(os.sep, "/")
        lines = difflib.unified_diff(_keep_ends(self.original), _keep_ends(self.fixed),
                                     fromfile=f"a/{name}", tofile=f"b/{name}")
        out = []
        for line in lines:
            out.append(line)
            if not line.endswith("\n"):
                out.append("\n\\ No newline at end of file\n")
        return "".join(out)


def _keep_ends(text: str) -> list[str]:
    """Lines as ``patch`` sees them: split after each LF only."""
    parts = text.split("\n")
    out = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


# ---- planning edits on one text ----------------------------------------------------------

def is_deletion(f: Finding) -> bool:
    return not f.suggestion


def select_fixes(findings: list[Finding]) -> list[Finding]:
    """The fixable findings that do not overlap each other: earliest first, longest on a tie.
    A suggestion equal to the text it would replace is no fix and is left out."""
    chosen: list[Finding] = []
    last_end = -1
    candidates = (f for f in findings if f.fixable and f.suggestion != f.text)
    for f in sorted(candidates, key=lambda f: (f.start, -(f.end - f.start), f.rule)):
        if f.start >= last_end:
            chosen.append(f)
            last_end = f.end
    return chosen


def plan_edits(text: str, findings: list[Finding]) -> list[Edit]:
    """Edits (sorted, non-overlapping) that apply the fixable findings to ``text``."""
    lines = _Lines(text)
    edits: list[Edit] = []
    for f in select_fixes(findings):
        if text[f.start:f.end] != f.text:
            raise FixError(f"{f.rule} fix does not match the text at {f.line}:{f.column}")
        if not is_deletion(f):
            edits.append(Edit(f.start, f.end, f.suggestion or "", f.rule))
        else:
            edits.append(_deletion(text, lines, f))
    edits = _merge_line_blocks(text, lines, edits)
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.start):
        if e.start < pos:
            raise FixError("overlapping edits")
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


class _Lines:
    """Line boundaries of a text: ``(start, end_of_content, end_with_terminator)`` per line.
    Lines end at LF (CRLF counted as the terminator), as the segmenter counts them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int, int]] = []
        pos = 0
        while pos < len(text):
            nl = text.find("\n", pos)
            if nl == -1:
                self.spans.append((pos, len(text), len(text)))
                break
            content_end = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
            self.spans.append((pos, content_end, nl + 1))
            pos = nl + 1
        self.starts = [s for s, _, _ in self.spans]

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def blank(self, i: int) -> bool:
        s, e, _ = self.spans[i]
        return not self.text[s:e].strip()


def _whole_lines(text: str, lines: _Lines, start: int, end: int) -> tuple[int, int] | None:
    """If ``[start, end)`` covers whole lines (only whitespace around it on its first and last
    lines), the range of those lines including the last terminator."""
    if not lines.spans:
        return None
    first, last = lines.index(start), lines.index(max(start, end - 1))
    ls, _, _ = lines.spans[first]
    _, le, lt = lines.spans[last]
    if text[ls:start].strip(_HSPACE) or text[end:le].strip():
        return None
    return ls, lt


def _deletion(text: str, lines: _Lines, f: Finding) -> Edit:
    whole = _whole_lines(text, lines, f.start, f.end)
    if whole:
        return Edit(whole[0], whole[1], "", f.rule)
    s, e = f.start, f.end
    before = text[s - 1] if s > 0 else "\n"
    after = text[e] if e < len(text) else "\n"
    if before in _HSPACE and after in _HSPACE:
        e += 1                      # "a [ad] b" -> "a b"
    elif before in _HSPACE and (after in _CLOSERS or after in "\r\n"):
        s -= 1                      # "said [ad]." -> "said."
    elif before in "\r\n" and after in _HSPACE:
        while e < len(text) and text[e] in _HSPACE:
            e += 1                  # a line that started with the deleted text starts clean
    return Edit(s, e, "", f.rule)


def _merge_line_blocks(text: str, lines: _Lines, edits: list[Edit]) -> list[Edit]:
    """Join whole-line deletions separated only by blank lines into one block, then trim the blank
    lines around each block so the separators left are no more than before the block."""
    edits = sorted(edits, key=lambda e: e.start)
    n = len(lines.spans)

    def whole(e: Edit) -> bool:
        return e.deletion and (e.start == 0 or text[e.start - 1] == "\n") and \
            (e.end == len(text) or text[e.end - 1] == "\n")

    merged: list[Edit] = []
    for e in edits:
        if merged and whole(e) and whole(merged[-1]) and not text[merged[-1].end:e.start].strip():
            prev = merged.pop()
            e = Edit(prev.start, e.end, "", prev.rule)
        merged.append(e)

    out: list[Edit] = []
    for idx, e in enumerate(merged):
        if not whole(e) or not n:
            out.append(e)
            continue
        lo = out[-1].end if out else 0
        hi = merged[idx + 1].start if idx + 1 < len(merged) else len(text)
        first = lines.index(e.start)
        last = lines.index(e.end - 1) if e.end > e.start else first
        # blank lines just above and just below the block (not inside other edits)
        above = []
        i = first - 1
        while i >= 0 and lines.blank(i) and lines.spans[i][0] >= lo:
            above.append(i)
            i -= 1
        at_start = i < 0
        below = []
        j = last + 1
        while j < n and lines.blank(j) and lines.spans[j][2] <= hi:
            below.append(j)
            j += 1
        at_end = j >= n
        start, end = e.start, e.end
        if at_start and not at_end and not above and below:
            end = lines.spans[below[-1]][2]           # the file does not start with blank lines
        elif at_end and not at_start and not below:
            top = above[-1] if above else first
            start = lines.spans[top][0]               # nor ends with them
            if e.end == len(text) and not text.endswith("\n") and top > 0:
                _, prev_end, prev_term = lines.spans[top - 1]
                if prev_term == start and prev_end >= lo:
                    start = prev_end                  # and still has no final line break
        elif above and below:
            drop = min(len(above), len(below))       # keep max(above, below) separators
            end = lines.spans[below[drop - 1]][2]
        out.append(Edit(start, end, "", e.rule))
    return out


# ---- fixing one article, with re-audits --------------------------------------------------

def fix_text(text: str, policy: Policy, path: str = "<text>",
             findings: list[Finding] | None = None) -> FileFix:
    """Apply the safe fixes to ``text`` until none is left; ``findings`` (of ``text``) saves the
    first audit. Never raises for a bad fix: the error is recorded and ``fixed`` is the original."""
    result = FileFix(path=path, original=text, fixed=text)
    current = text
    try:
        for _ in range(MAX_PASSES):
            if findings is None:
                findings = _audit(current, policy, path).findings
            edits = plan_edits(current, findings)
            if not edits:
                result.fixed = current
                return result
            current = apply_edits(current, edits)
            result.applied.extend(f.rule for f in select_fixes(findings))
            result.passes += 1
            findings = None
        if plan_edits(current, _audit(current, policy, path).findings):
            raise FixError(f"fixes did not settle after {MAX_PASSES} passes")
        result.fixed = current
    except (FixError, AssertionError) as exc:
        result.error = f"not fixed: {exc}"
        result.fixed = text
        result.applied = []
    return result


def _audit(text: str, policy: Policy, path: str) -> ArticleResult:
    return audit_documents([Document(path=path, text=text)], policy).articles[0]


def fix_article(article: ArticleResult, policy: Policy) -> FileFix:
    if not any(f.fixable for f in article.findings):
        return FileFix(path=article.path, original=article.text, fixed=article.text,
                       encoding=article.encoding)
    fix = fix_text(article.text, policy, article.path, findings=article.findings)
    fix.encoding = article.encoding
    return fix


def fix_run(run: Run, policy: Policy | None = None) -> list[FileFix]:
    """Fixes for every article of ``run`` (nothing written)."""
    policy = policy or run.policy
    return [fix_article(a, policy) for a in run.articles]


# ---- writing back ------------------------------------------------------------------------

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def encode_like(original: bytes, text: str, encoding: str) -> bytes:
    """``text`` encoded as ``original`` was: same encoding, same byte-order mark."""
    for bom, codec in _BOMS:
        if original.startswith(bom):
            try:
                return bom + text.encode(codec)
            except UnicodeEncodeError as exc:
                raise FixError(f"the fixed text cannot be encoded as {codec} ({exc.reason})") from None
    try:
        data = text.encode(encoding)
    except (UnicodeEncodeError, LookupError) as exc:
        raise FixError(f"the fixed text cannot be encoded as {encoding} ({exc})") from None
    if data.decode(encoding) != text:
        raise FixError(f"{encoding} does not round-trip the fixed text")
    return data


def write_fix(fix: FileFix) -> None:
    """Write a changed file in place, in its own encoding; raises FixError and leaves the file as
    it was if anything is off."""
    if not fix.changed:
        return
    path = Path(fix.path)
    if fix.path.startswith("<"):
        raise FixError("standard input cannot be fixed in place (use --diff)")
    try:
        original = path.read_bytes()
    except OSError as exc:
        raise FixError(f"cannot read it again ({exc.strerror or exc})") from None
    try:
        text, encoding, _ = decode(original)
    except DecodeError as exc:
        raise FixError(str(exc)) from None
    if text != fix.original:
        raise FixError("the file changed while it was being audited")
    data = encode_like(original, fix.fixed, encoding)
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".fix", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        except OSError:
            pass
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise FixError(f"cannot write it ({exc.strerror or exc})") from None


def write_fixes(fixes: list[FileFix]) -> list[FileFix]:
    """Write every changed file; a file that fails gets ``error`` set and is left unchanged."""
    for fix in fixes:
        if not fix.changed:
            continue
        try:
            write_fix(fix)
        except FixError as exc:
            fix.error = f"not fixed: {exc}"
    return fixes
