"""A document's structure, computed once and shared by every check.

Paragraphs, sentences, word tokens and a line index, all as offsets into ``Document.text``.
Checks never re-split the text: they read these lists (built lazily, cached on first use).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from .documents import Document

_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)
# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets) and whitespace.
_SENT_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s)""")
_ABBREV = frozenset("""
mr mrs ms dr prof gen col lt sgt capt maj adm gov sen rep st jr sr inc ltd co corp no vs
etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e al approx dept est
rt hon mt ft rev fr
""".split())
_TERMINAL = tuple(".!?…:;\"”’»)")


class Token(NamedTuple):
    # A tuple: a long article has thousands, and tuples are the cheapest immutable records.
    text: str
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class Paragraph:
    """A run of text between line breaks (hard-wrapped lines are joined). ``block`` numbers the
    blank-line separated blocks, so a heading directly above its paragraph shares its block."""

    index: int
    start: int
    end: int
    text: str
    block: int


@dataclass(slots=True, frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass
class Segmented:
    doc: Document
    # Set by the engine from the language check before the other checks run.
    language: str = "en"
    cache: dict = field(default_factory=dict)  # checks may memoise per-document work here

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def path(self) -> str:
        return self.doc.path

    # ---- lines -------------------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        text = self.doc.text
        i = text.find("\n")
        while i != -1:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a string offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    # ---- paragraphs --------------------------------------------------------------------
    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        text = self.doc.text
        out: list[Paragraph] = []
        block = 0
        cur_start = cur_end = -1
        blank_seen = False
        pos = 0
        for raw in text.splitlines(keepends=True):
            body = raw.strip()
            if not body:
                blank_seen = True
                pos += len(raw)
                continue
            lstart = pos + (len(raw) - len(raw.lstrip()))
            lend = pos + len(raw.rstrip())
            prev_text = text[cur_start:cur_end] if cur_start >= 0 else ""
            # Join a hard-wrapped line to the one above: same block, the above line is long and
            # unfinished, and this one continues in lower case.
            if (cur_start >= 0 and not blank_seen and len(prev_text) >= 60
                    and not prev_text.endswith(_TERMINAL) and body[:1].islower()):
                cur_end = lend
            else:
                if cur_start >= 0:
                    out.append(Paragraph(len(out), cur_start, cur_end, text[cur_start:cur_end], block))
                if blank_seen and out:
                    block += 1
                cur_start, cur_end = lstart, lend
            blank_seen = False
            pos += len(raw)
        if cur_start >= 0:
            out.append(Paragraph(len(out), cur_start, cur_end, text[cur_start:cur_end], block))
        return out

    # ---- sentences ---------------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        for para in self.paragraphs:
            for s, e in split_sentences(para.text):
                out.append(Sentence(len(out), para.start + s, para.start + e,
                                    para.text[s:e], para.index))
        return out

    def sentences_in(self, paragraph: int) -> list[Sentence]:
        return [s for s in self.sentences if s.paragraph == paragraph]

    # ---- tokens ------------------------------------------------------------------------
    @cached_property
    def tokens(self) -> list[Token]:
        make = Token._make
        return [make((m.group(), *m.span())) for m in _WORD.finditer(self.doc.text)]

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        lo = bisect.bisect_left(self._token_starts, start)
        hi = bisect.bisect_left(self._token_starts, end)
        return [t for t in self.tokens[lo:hi] if t.end <= end]

    @cached_property
    def words(self) -> int:
        return len(self.tokens)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) pairs of the sentences in one paragraph, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        if _is_abbreviation(text, m.start()):
            continue
        nxt = _next_char(text, end)
        # A lower-case continuation ("… 5 p.m. on Friday") is not a new sentence.
        if nxt and nxt.islower():
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        seg = text[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs > ls:
            out.append((s + ls, s + rs))
    return out


def _next_char(text: str, i: int) -> str:
    while i < len(text) and text[i].isspace():
        i += 1
    return text[i] if i < len(text) else ""


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    # Single initials ("J. Smith") and known abbreviations do not end a sentence.
    return word in _ABBREV or (len(word) == 1 and text[j].isupper())


def segment(doc: Document) -> Segmented:
    return Segmented(doc)
