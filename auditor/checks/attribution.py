"""UA: attribution. Who says what, sentence by sentence, and the claims nobody can be traced to.

For every sentence of the body (headings, captions, credit lines and truncated teasers are skipped)
the check finds its *attributions*:

- a reporting verb and its speaker, before it ("The ministry said that ...", "A spokesman for the
  army, Colonel X, said ...") or after it ("..., said a ministry spokeswoman", "..., he said");
- ``according to X``; ``X quoted Y as saying`` (the source is Y; X is credited as the outlet);
  ``citing Y``; an agency credit closing the sentence ("... (Reuters).");
- carry-over through a short window: a pronoun or a definite speaker ("He added that ...", "The
  statement said ...") takes the kind of the last speaker named in the previous sentences, and a
  sentence inside a quotation belongs to the quotation's speaker.

Each speaker is classed *named* (a person, body, country or outlet), *anonymous* ("a source",
"officials", "a Western diplomat", "eyewitnesses") or *vague* ("analysts", "observers", "some",
"reports"). An attribution *covers* the rest of its clause: a leading "X said that ..." covers what
follows the speaker, a trailing "..., X said." the whole sentence; a clause before a leading
attribution in another clause ("Dozens were killed, and the army said that ...") is not covered.

Then the *claims*: figures (a quantity near a casualty, displacement or damage word, money, a
percentage), accusations stated as fact, weasel phrases ("it is said", "has been accused of",
"reportedly", "international fears"), and hedged speculation. A sentence yields at most one finding,
by kind: anonymous (UA004), vague (UA003), a figure with no source (UA001), an accusation with no
source (UA002), speculation with no source (UA005).

``describe()`` returns the article's source inventory as ``{"sources": {...}}``: credits found
(datelines, bylines, credit lines, agency and outlet mentions, correspondents, photo credits,
syndication notes), the agencies and outlets credited, the original source, the named sources
with their counts, and the number of named, anonymous and vague attributions.

``classify_sentence(text)`` runs the same sentence analysis on one stand-alone sentence (no context);
``scripts/evaluate_conll.py`` uses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from ..documents import Document
from ..findings import Finding, Severity
from ..lexicon import zipf
from ..rulepacks import RulePack
from ..segment import Segmented, Sentence, Token

CODES = ("UA001", "UA002", "UA003", "UA004", "UA005", "UA006")
WINDOW = 3  # sentences a pronoun speaker ("He added ...") may look back for its antecedent

_AUX = frozenset("""
has have had also previously later earlier again then already repeatedly further would will did does
do could may might can must should not never publicly officially recently once first yesterday today
yet still just now formally reportedly initially subsequently separately
""".split())
_BOUNDARY = frozenset("""
that which who whom whose and but while whereas when as after before because since if although though
where so or nor than to is are was were be been being thus hence however meanwhile moreover furthermore
what whether
""".split())
_BE = frozenset("is are was were be been being am".split())
_PRONOUNS = frozenset("he she it they we i you one".split())
_DEFINITE = frozenset("the this that these those".split())
# -s / noun-like forms of reporting verbs: a verb only after something that can be a speaker.
_AMBIGUOUS = frozenset("""
reports claims estimates fears fear notes shows show says say states estimate projects forecasts
forecast suggests believe think put puts found counts
""".split())
_NOT_SPEAKER_BEFORE = frozenset("""
the a an about of on in these those such new recent his her its their our your my and or with for
from by at to no any some many several media press unconfirmed international growing widespread
""".split())
_PREPS = frozenset("""
in on at for with from by during after before under over since until into across through between among
meanwhile however earlier later also but and yesterday today according
""".split())
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_NUM_WORDS = ("two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
              "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
              "hundred|thousand|million|billion|dozen")
_QUANT = (
    r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to|roughly|approximately|"
    r"an\s+estimated|as\s+many\s+as|fewer\s+than|less\s+than|close\s+to)\s+)?"
    r"(?:(?<![\w.-])\d{1,3}(?:,\d{3})+(?![\w-])|(?<![\w.,-])\d+(?:\.\d+)?(?![\w-]|,\d)"
    r"|(?:tens|hundreds|thousands|millions|dozens|scores)\s+of(?:\s+(?:thousands|millions))?"
    r"|a\s+(?:dozen|hundred|thousand|million)"
    rf"|\b(?:{_NUM_WORDS})(?:[\s-]+(?:and\s+)?(?:{_NUM_WORDS}|one))*\b)"
    r"(?:\s+(?:thousand|million|billion|hundred))?"
)
_MONEY = re.compile(
    r"(?:US)?[$€£¥]\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|bn|m)\b)?"
    r"|\b\d[\d,.]*\s?(?:million|billion|trillion)?\s?(?:dollars|euros|pounds|yuan|rubles|roubles|shillings|"
    r"dinars|riyals|dirhams|lira|liras|rupees|francs|yen|naira|rand)\b", re.I)
_PERCENT = re.compile(rf"\b(?:\d+(?:\.\d+)?|(?:{_NUM_WORDS}))\s?(?:%|percent\b|per\s+cent\b)", re.I)
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)$")
_HISTORY = re.compile(r"\b(?:in|during|of)\s+(?:the\s+)?(?:(?:early|mid|late)[- ])?(?:[A-Z][a-z]+\s+)?(?:1[89]\d\d|20[0-2]\d)s?\b"
                      r"|\b(?:1[89]\d0|20[0-2]0)s\b|\b(?:first|last|previous|former) war\b|\bpast decades?\b"
                      r"|\b(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|\w+th|\w+teenth|twentieth)[- ]century\b"
                      r"|\bcenturies\b|\bMiddle Ages\b|\bancient\b", re.I)
_ONGOING = re.compile(r"\bsince\b", re.I)
_QUOTE_OPEN = "“«„"
_QUOTE_CLOSE = "”»"
_PUNCT_GAP = re.compile(r"[,;:()\[\]“”\"«»—–]|\s-\s|(?<!\w)[‘’']|(?:[‘’'](?!\w))")
_TERMINAL = re.compile(r"[.!?][\"'”’»)\]]*\s*$|[\"”»]\s*$")
_PARA_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$|[.!?][\"'”’»]*\s*[\"'”’»]$")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*[\"'”’»)]*$")


# ---- lexicon, compiled once per run -------------------------------------------------------------------
def _words_rx(words: Iterable[str], flags=re.I) -> re.Pattern:
    alts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


def _name_rx(names: Iterable[str]) -> str:
    out = []
    for n in sorted(set(names), key=len, reverse=True):
        parts = re.split(r"[\s-]+", n)
        out.append(r"[\s\-‐]?".join(re.escape(p) for p in parts))
    return "|".join(out)


class Lexicon:
    def __init__(self, pack: RulePack):
        d = pack.data
        r = {code: pack.rules[code].data for code in CODES if code in pack.rules}
        self.evidence_verbs = {w.lower() for w in d.get("evidence_verbs", [])}
        self.evidence_nouns = {w.lower() for w in d.get("evidence_nouns", [])}
        self.report_only = {w.lower() for w in d.get("reporting_verbs", [])}
        self.report = _PhraseTable(list(d.get("reporting_verbs", [])) + list(self.evidence_verbs))
        self.institutions = {w.lower() for w in d.get("institution_words", [])}
        self.institution_phrases = [w for w in self.institutions if " " in w]
        outlets: dict[str, list[str]] = d.get("outlets", {})
        self.alias: dict[str, str] = {}
        for canon, names in outlets.items():
            for n in [canon, *names]:
                self.alias[_norm_name(n)] = canon
        self.outlet_rx = re.compile(rf"(?<![\w-])(?:{_name_rx(self.alias_names(outlets))})(?![\w-]|\.\w)")
        paren: dict[str, list[str]] = d.get("paren_outlets", {})
        for canon, names in paren.items():
            for n in names:
                self.alias[_norm_name(n)] = canon
        pnames = [n for names in paren.values() for n in names] + self.alias_names(outlets)
        self.paren_rx = re.compile(rf"\(\s*(?:[\w.]+\s*/\s*)?({_name_rx(pnames)})(?:\s*/\s*[\w. ]+)?\s*\)")
        self.wires = set(d.get("wire_agencies", []))
        ua1, ua2, ua3 = r.get("UA001", {}), r.get("UA002", {}), r.get("UA003", {})
        ua4, ua5 = r.get("UA004", {}), r.get("UA005", {})
        self.impact = _PhraseTable(ua1.get("impact_words", []))
        self.casualty = {w.lower() for w in ua1.get("casualty_words", [])}
        self.money_words = _words_rx(ua1["money_words"]) if ua1.get("money_words") else None
        self.percent_words = _words_rx(ua1["percent_words"]) if ua1.get("percent_words") else None
        self.max_gap = int(ua1.get("max_gap_words", 7))
        self.accusations = _union(ua2.get("patterns", []))
        self.vague_nouns = {w.lower() for w in ua3.get("vague_nouns", [])}
        self.vague_phrases = [w.lower() for w in self.vague_nouns if " " in w]
        self.vague = _union(ua3.get("patterns", []))
        self.weak_vague = _union(ua3.get("weak_patterns", []))
        self.weasel = _union(ua3.get("weasel_words", []))
        self.strong_anon = {w.lower() for w in ua4.get("anonymous_nouns", []) if " " not in w}
        self.weak_anon = {w.lower() for w in ua4.get("weak_anonymous_nouns", [])}
        self.anon_nouns = self.strong_anon | self.weak_anon
        self.anon_phrases = [w.lower() for w in ua4.get("anonymous_nouns", []) if " " in w]
        self.anonymity = _words_rx(ua4.get("anonymity_phrases", [])) if ua4.get("anonymity_phrases") else None
        self.hedges = _union(ua5.get("patterns", []))
        self.quant = re.compile(_QUANT, re.I)

    @staticmethod
    def alias_names(outlets: dict) -> list[str]:
        return [n for canon, names in outlets.items() for n in [canon, *names]]

    def canonical(self, name: str) -> str:
        return self.alias.get(_norm_name(name), name)


class _PhraseTable:
    """Words and phrases looked up token by token (much faster than one long regex alternation)."""

    def __init__(self, phrases: Iterable[str]):
        self.single: set[str] = set()
        self.multi: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:
            words = tuple(p.lower().split())
            if len(words) == 1:
                self.single.add(words[0])
            elif words:
                self.multi.setdefault(words[0], []).append(words)
        for v in self.multi.values():
            v.sort(key=len, reverse=True)

    def hits(self, toks: list[Token], text: str) -> list[tuple[int, int, str]]:
        """(token index, number of tokens, phrase) of each match, longest first at a position."""
        out = []
        i, n = 0, len(toks)
        while i < n:
            w = toks[i].text.lower()
            hit = None
            for words in self.multi.get(w, ()):
                k = len(words)
                if i + k <= n and all(toks[i + j].text.lower() == words[j] and
                                      not _has_punct(text[toks[i + j - 1].end:toks[i + j].start])
                                      for j in range(1, k)):
                    hit = (i, k, " ".join(words))
                    break
            if hit is None and w in self.single:
                hit = (i, 1, w)
            if hit:
                out.append(hit)
                i += hit[1]
            else:
                i += 1
        return out


def _union(patterns: list[str]) -> list[re.Pattern]:
    """One compiled alternation for a list of patterns (one pass over a sentence instead of many)."""
    return [re.compile("|".join(f"(?:{p})" for p in patterns), re.I)] if patterns else []


def _norm_name(s: str) -> str:
    return re.sub(r"[\s\-‐]+", "", s).lower()


def lexicon(pack: RulePack, ctx=None) -> Lexicon:
    """The compiled lexicon of a pack, memoised per run (ctx.shared) or per pack object."""
    store = ctx.shared if ctx is not None else _STANDALONE
    key = ("attribution-lexicon", id(pack))
    lex = store.get(key)
    if lex is None or lex[0] is not pack:
        lex = (pack, Lexicon(pack))
        store[key] = lex
    return lex[1]


_STANDALONE: dict = {}


# ---- records -------------------------------------------------------------------------------------------
@dataclass
class Attribution:
    kind: str            # named | outlet | anonymous | vague | pronoun (resolved later)
    source: str          # the speaker as written
    start: int           # speaker span (offsets into seg.text)
    end: int
    scope_start: int     # the part of the sentence this attribution covers
    scope_end: int
    via: str = "verb"    # verb | according | quoted | citing | credit | carry | quote
    outlet: str | None = None  # the outlet relaying it ("X quoted Y as saying": X)
    person: bool = False
    weak: bool = False   # an unnamed speaker whose word is routine for plain facts ("officials")


@dataclass
class Claim:
    kind: str            # figure | accusation | vague | weak | hedge
    start: int
    end: int
    label: str
    casualty: bool = False


@dataclass
class SentenceInfo:
    sentence: Sentence
    attributions: list[Attribution] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quoted: bool = False           # the sentence sits inside a quotation opened before it
    skip: bool = False
    verdicts: list = field(default_factory=list)  # [(code, kind, severity, detail)], best first

    @property
    def verdict(self) -> tuple | None:
        return self.verdicts[0] if self.verdicts else None

    def covered(self, pos: int, kinds=None) -> Attribution | None:
        best = None
        for a in self.attributions:
            if a.scope_start <= pos < a.scope_end and (kinds is None or a.kind in kinds):
                if best is None or a.scope_start > best.scope_start:
                    best = a
        return best


# ---- helpers on tokens ---------------------------------------------------------------------------------
def _gap(text: str, a: Token | None, b: Token) -> str:
    return text[(a.end if a else 0):b.start]


def _has_punct(gap: str) -> bool:
    return bool(_PUNCT_GAP.search(gap))


def _is_cap(t: Token) -> bool:
    """Capitalised, also behind a particle: "Zakharova", "d'Alembert", "al-Burhan"."""
    return t.text[:1].isupper() or bool(re.match(r"(?:d|l|al|el|ad|as|an|ar)['’-]\w", t.text) and
                                        t.text.split("'")[-1].split("’")[-1].split("-")[-1][:1].isupper())


def _personal_name(tokens: list[Token], lex: Lexicon) -> bool:
    """Two capitalised words in a row, one of them rare: "Maria Zakharova", "Colonel Ali Diarra"."""
    run: list[Token] = []
    for t in tokens + [None]:
        if t is not None and _is_cap(t) and t.text.lower() not in lex.institutions:
            run.append(t)
            continue
        if len(run) >= 2 and any(zipf(x.text.lower()) < 3.5 for x in run):
            return True
        run = []
    return False


def _has_name(tokens: list[Token], sent_start: int, lex: Lexicon) -> bool:
    for t in tokens:
        if not _is_cap(t):
            continue
        if t.start == sent_start and (t.text.lower() in _DEFINITE or t.text.lower() in _PREPS
                                      or zipf(t.text.lower()) >= 4.5):
            continue
        return True
    return False


def classify_speaker(text: str, core: list[Token], appos: list[Token], sent: Sentence,
                     lex: Lexicon) -> tuple[str, bool]:
    """(kind, is_person) of a speaker phrase: named, outlet, anonymous, vague or pronoun."""
    words = [t.text.lower() for t in core]
    if not words:
        return "named", False
    low = " ".join(words)
    appos_person = _personal_name(appos, lex)
    person = _personal_name(core, lex) or appos_person
    anon = (any(w in lex.anon_nouns for w in words) or any(p in low for p in lex.anon_phrases))
    if anon and any(w in ("official", "officials") for w in words) and not any(
            w in lex.anon_nouns - {"official", "officials"} for w in words):
        # "official" is a noun only at the end of the phrase or before a preposition
        i = max(i for i, w in enumerate(words) if w in ("official", "officials"))
        anon = i == len(words) - 1 or words[i + 1] in ("in", "at", "from", "with", "of", "close", "familiar", "who")
    if anon and not appos_person and not _personal_name(core, lex):
        return "anonymous", False
    head = words[-1]
    src = text[core[0].start:core[-1].end]
    if lex.outlet_rx.search(src) or re.search(
            r"\b(?:correspondent|reporter|news agenc(?:y|ies)|television|tv|radio|newspaper|website|"
            r"channel|broadcaster|daily)\b", low):
        return "outlet", person
    if len(words) <= 2 and words[-1] in _PRONOUNS:
        return "pronoun", False
    vague = head in lex.vague_nouns or any(p in low for p in lex.vague_phrases) or (
        len(words) <= 3 and any(w in lex.vague_nouns for w in words)
        and not any(w in lex.institutions for w in words))
    if vague and not person and not re.search(r"\b(?:at|from|of|with)\s+(?:the\s+)?[A-Z]", src):
        return "vague", False
    if (len(words) <= 3 and words[0] in _DEFINITE and not _has_name(core, sent.start, lex)
            and not any(w in lex.institutions for w in words[1:])):
        return "pronoun", False  # "the statement", "the diplomat" handled above as anonymous
    return "named", person


# ---- the analysis of one sentence -------------------------------------------------------------------------
_QUOTED_AS = re.compile(
    r"\b(?:quoted|cited|quoting|citing)\s+(?P<src>[^.;:“”\"]{2,140}?)\s+as\s+(?:saying|telling|stating|adding|"
    r"confirming|announcing|warning|noting|claiming|reporting|describing)\b", re.I)
_CITING = re.compile(r"\bciting\s+(?P<src>[^.;:,“”\"()]{2,80})", re.I)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<src>[^.;:,“”\"()]{2,120})", re.I)
_INTERVIEW = re.compile(r"\b(?:in|during)\s+an?\s+(?:\w+\s+)?interview\s+with\b", re.I)


def _tokens_span(tokens: list[Token], start: int, end: int) -> list[Token]:
    return [t for t in tokens if t.start >= start and t.end <= end]


def _trim_np(tokens: list[Token], limit: int = 10) -> list[Token]:
    """The speaker phrase after "according to" / "quoted": cut at a clause word, at most ``limit``."""
    out = []
    for t in tokens:
        if t.text.lower() in ("that", "who", "which", "as", "on", "when", "while", "and", "in") and out:
            if t.text.lower() in ("in", "on", "and") and len(out) < 2:
                out.append(t)
                continue
            break
        out.append(t)
        if len(out) >= limit:
            break
    return out


_RELATIVE = frozenset("who which whose whom that is are was were has have had".split())
_PARTICIPLE_END = "ing"


def _subject_before(text: str, toks: list[Token], vi: int) -> tuple[list[Token], list[Token], str]:
    """Speaker tokens before the verb at toks[vi]: (core, apposition, how). ``how``: 'np' (plain
    "X said"), 'appos' ("X, the Y, said"), 'quote' (right after a closing quote: inverted),
    'punct' (right after other punctuation), 'start' (sentence-initial verb), 'clause' (after a
    clause word: "... and said", "which put")."""
    j = vi - 1
    while j >= 0 and toks[j].text.lower() in _AUX and not _has_punct(_gap(text, toks[j], toks[j + 1])):
        j -= 1
    if j < 0:
        return [], [], "start"
    gap = _gap(text, toks[j], toks[j + 1])
    if re.search(r"[”\"»’]", gap):
        return [], [], "quote"
    if re.search(r"[,()–—]", gap):
        # "X, the Y, said" / "X, who heads Y, said": walk back over comma phrases that are clauses
        hops = 0
        while True:
            k = _chunk_start(text, toks, j)
            core = _chunk_back(text, toks, j, limit=20)
            relative = toks[k].text.lower() in _RELATIVE_START
            if core and toks.index(core[0]) == k and not relative:
                break
            if k == 0 or hops >= 4 or not re.search(r"[,()–—]", _gap(text, toks[k - 1], toks[k])):
                return [], [], "clause" if relative or not core else "punct"
            j = k - 1
            hops += 1
        if not core:
            return [], [], "punct"
        if hops:
            return core, [], "appos"
        start = k
        appos: list[Token] = []
        if start > 0 and re.search(r"[,()–—]", _gap(text, toks[start - 1], toks[start])) and not re.search(
                r"[”\"»’]", _gap(text, toks[start - 1], toks[start])):
            prev = _chunk_back(text, toks, start - 1)
            if prev and prev[0].text.lower() not in _PREPS and len(prev) <= 6:
                appos = prev
        return core, appos, "appos"
    if _has_punct(gap):
        return [], [], "punct"
    if toks[j].text.lower() in _BOUNDARY:
        return [], [], "clause"
    return _chunk_back(text, toks, j), [], "np"


_RELATIVE_START = frozenset("who which whose whom where when".split())


def _chunk_start(text: str, toks: list[Token], j: int) -> int:
    """Index of the first token after the punctuation that opens the phrase ending at toks[j]."""
    k = j
    while k > 0 and not _has_punct(_gap(text, toks[k - 1], toks[k])):
        k -= 1
    return k


def _chunk_back(text: str, toks: list[Token], j: int, limit: int = 16) -> list[Token]:
    if toks[j].text.lower() in _BOUNDARY:
        return []
    out = [toks[j]]
    k = j - 1
    while k >= 0 and len(out) < limit:
        if _has_punct(_gap(text, toks[k], toks[k + 1])) or toks[k].text.lower() in _BOUNDARY:
            break
        out.insert(0, toks[k])
        k -= 1
    while out and out[-1].text.lower() in _AUX:
        out.pop()
    return out


def _subject_after(text: str, toks: list[Token], vi: int, nverb: int) -> list[Token]:
    """The speaker after an inverted verb: '“...,” said a ministry spokeswoman, adding ...'."""
    out: list[Token] = []
    k = vi + nverb
    while k < len(toks) and len(out) < 10:
        if out and _has_punct(_gap(text, toks[k - 1], toks[k])):
            break
        if toks[k].text.lower() in ("adding", "that", "on", "in", "at", "during", "after", "before", "when",
                                    "while", "who", "noting", "stressing", "saying", "and", "to", "of",
                                    "about", "by", "for", "with", "from"):
            break
        out.append(toks[k])
        k += 1
    return out


def _speakerish(core: list[Token], sent: Sentence, lex: Lexicon) -> bool:
    """Can this phrase be a speaker: a name, a body, a pronoun, an anonymous or vague noun?"""
    words = [t.text.lower() for t in core]
    if not words:
        return False
    return (_has_name(core, sent.start, lex) or words[-1] in _PRONOUNS
            or any(w in lex.institutions or w in lex.anon_nouns or w in lex.vague_nouns for w in words)
            or bool(lex.outlet_rx.search(" ".join(t.text for t in core))))


def _strong_anonymous(src: str, lex: Lexicon) -> bool:
    low = src.lower()
    words = re.findall(r"[\w'’-]+", low)
    return any(w in lex.strong_anon for w in words) or any(p in low for p in lex.anon_phrases)


def _quote_regions(stext: str, starts_inside: bool) -> list[tuple[int, int]]:
    """Spans of the sentence inside quotation marks (curly pairs, straight pairs)."""
    out = []
    depth_start = 0 if starts_inside else None
    for i, ch in enumerate(stext):
        if ch in _QUOTE_OPEN and depth_start is None:
            depth_start = i
        elif ch in _QUOTE_CLOSE and depth_start is not None:
            out.append((depth_start, i + 1))
            depth_start = None
    if depth_start is not None and (starts_inside or depth_start > 0):
        out.append((depth_start, len(stext)))
    straight = [i for i, ch in enumerate(stext) if ch == '"']
    for x, y in zip(straight[::2], straight[1::2]):
        out.append((x, y + 1))
    return out


_NOT_A_SOURCE = re.compile(r"^(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:plan|plans|schedule|tradition|custom|"
                           r"law|laws|rules|constitution|terms|script|reports? of)\b", re.I)


def analyse_sentence(seg: Segmented, sent: Sentence, lex: Lexicon, starts_quoted: bool = False) -> SentenceInfo:
    info = SentenceInfo(sent)
    text = seg.text
    s0, s1 = sent.start, sent.end
    stext = sent.text
    toks = seg.tokens_in(s0, s1)
    if not toks:
        info.skip = True
        return info
    used: list[tuple[int, int]] = []   # verb spans already explained
    quotes = [(s0 + x, s0 + y) for x, y in _quote_regions(stext, starts_quoted)]

    def in_quote(pos: int) -> bool:
        return any(x < pos < y for x, y in quotes)

    def add(kind, core, scope_start, via, outlet=None, person=False, src_span=None):
        if src_span is None:
            src_span = (core[0].start, core[-1].end) if core else (scope_start, scope_start)
        src = text[src_span[0]:src_span[1]]
        weak = kind == "anonymous" and not _strong_anonymous(src, lex)
        info.attributions.append(Attribution(
            kind=kind, source=src, start=src_span[0], end=src_span[1],
            scope_start=scope_start, scope_end=s1, via=via, outlet=outlet, person=person, weak=weak))

    # "X quoted Y as saying": the source is Y
    for m in _QUOTED_AS.finditer(stext):
        if in_quote(s0 + m.start()):
            continue
        src_tokens = _trim_np(_tokens_span(toks, s0 + m.start("src"), s0 + m.end("src")), 14)
        if not src_tokens:
            continue
        kind, person = classify_speaker(text, src_tokens, [], sent, lex)
        vi = _token_index(toks, s0 + m.start())
        quoting = _subject_before(text, toks, vi)[0] if vi is not None else []
        outlet = None
        if quoting:
            q = text[quoting[0].start:quoting[-1].end]
            om = lex.outlet_rx.search(q)
            outlet = lex.canonical(om.group()) if om else q
        scope = quoting[0].start if quoting else s0 + m.start()
        add(kind, src_tokens, scope, "quoted", outlet=outlet, person=person)
        used.append((s0 + m.start(), s0 + m.end()))
    for m in _CITING.finditer(stext):
        if any(a <= s0 + m.start() < b for a, b in used) or in_quote(s0 + m.start()):
            continue
        src_tokens = _trim_np(_tokens_span(toks, s0 + m.start("src"), s0 + m.end("src")))
        if src_tokens:
            kind, person = classify_speaker(text, src_tokens, [], sent, lex)
            add(kind, src_tokens, s0, "citing", person=person)
            used.append((s0 + m.start(), s0 + m.end()))
    for m in _ACCORDING.finditer(stext):
        used.append((s0 + m.start(), s0 + m.end()))
        if in_quote(s0 + m.start()) or _NOT_A_SOURCE.match(m.group("src")):
            continue
        src_tokens = _trim_np(_tokens_span(toks, s0 + m.start("src"), s0 + m.end("src")))
        if src_tokens:
            kind, person = classify_speaker(text, src_tokens, [], sent, lex)
            add(kind, src_tokens, s0, "according", person=person)
    # reporting verbs
    for vi, nverb, verb in lex.report.hits(toks, text):
        a, b = toks[vi].start, toks[vi + nverb - 1].end
        if any(x <= a < y for x, y in used) or in_quote(a):
            continue
        prev = toks[vi - 1].text.lower() if vi > 0 else ""
        if prev in _BE or (prev in _AUX and vi > 1 and toks[vi - 2].text.lower() in _BE):
            continue  # passive: "is said to", "was reported" (the vague patterns judge those)
        if verb in _AMBIGUOUS and (prev in _NOT_SPEAKER_BEFORE or not prev):
            continue
        if prev in ("so", "having", "as", "what", "the", "a", "an", "to"):
            continue  # "so-called", "having said that", "as reported", "what he said", "the said", "to say"
        core, appos, how = _subject_before(text, toks, vi)
        inverted = False
        if vi > 0 and "," in _gap(text, toks[vi - 1], toks[vi]) and not verb.endswith(_PARTICIPLE_END):
            # "..., reports Reuters." / "..., said the ministry.": an inverted credit closing the
            # sentence wins over an apposition read backwards.
            after = _subject_after(text, toks, vi, nverb)
            last = toks.index(after[-1]) if after else -1
            if after and len(toks) - 1 - last <= 1 and _speakerish(after, sent, lex):
                how = "start"
        if verb.endswith(_PARTICIPLE_END) and how in ("appos", "punct"):
            how = "clause"  # ", adding that ...", ", stressing ..."
        if how == "clause":
            # "... and said that", ", adding that": the speaker is the clause's subject, named
            # earlier in the sentence (or an actor): it covers what follows.
            earlier = [x for x in info.attributions if x.scope_start < a]
            kind = earlier[-1].kind if earlier else "named"
            add(kind, [], a, "clause", src_span=(a, b))
            used.append((a, b))
            continue
        if how in ("quote", "punct", "start") or not core:
            if verb.endswith(_PARTICIPLE_END):
                continue
            core = _subject_after(text, toks, vi, nverb)
            appos = []
            inverted = True
            if not core or not _speakerish(core, sent, lex):
                continue
        if verb in lex.evidence_verbs and verb not in lex.report_only:
            if inverted or not (any(t.text.lower() in lex.evidence_nouns or t.text.lower() in lex.institutions
                                    for t in core) or _has_name(core, sent.start, lex)):
                continue
        if verb in _AMBIGUOUS and not inverted:
            w = core[-1].text.lower()
            if not (_is_cap(core[-1]) or w in _PRONOUNS or w in lex.institutions or w in lex.vague_nouns
                    or w in lex.anon_nouns):
                continue
        kind, person = classify_speaker(text, core, appos, sent, lex)
        first = appos[0] if appos else core[0]
        if inverted:
            first = core[0]
        before = text[s0:min(first.start, a)]
        rest_words = len(seg.tokens_in(b, s1))
        rest = text[b:s1]
        complement = bool(re.search(r"\bthat\b|[:“\"«]", rest[:80]))
        trailing = inverted or (
            len(before.split()) >= 3 and re.search(r"[,”\"’»)–—-]\s*$", before)
            and rest_words <= 12 and not complement)
        span = (first.start, core[-1].end) if not inverted else (core[0].start, core[-1].end)
        via = "verb" if _speakerish(core, sent, lex) or kind != "named" else "actor"
        add(kind, core, s0 if trailing else min(first.start, a), via, person=person, src_span=span)
        used.append((a, b))
    # "... (Reuters)." closing a sentence
    pm = lex.paren_rx.search(stext)
    if pm and re.match(r"\s*[.!?]?[\"”’]*\s*$", stext[pm.end():]):
        canon = lex.canonical(pm.group(1))
        info.attributions.append(Attribution("outlet", canon, s0 + pm.start(1), s0 + pm.end(1), s0, s1,
                                             via="credit", outlet=canon))
    # anonymity phrases turn the speaker anonymous
    if lex.anonymity is not None:
        am = lex.anonymity.search(stext)
        if am and not in_quote(s0 + am.start()):
            if info.attributions:
                for att in info.attributions:
                    if (att.kind in ("named", "pronoun", "vague") and not att.person) or att.kind == "anonymous":
                        att.kind, att.weak = "anonymous", False
            else:
                info.attributions.append(Attribution("anonymous", am.group(), s0 + am.start(), s0 + am.end(),
                                                     s0, s1, via="verb"))
    info.claims = _claims(stext, s0, lex, toks, text)
    return info


def _token_index(toks: list[Token], offset: int) -> int | None:
    for i, t in enumerate(toks):
        if t.start >= offset:
            return i if t.start < offset + 40 else None
    return None


def _claims(stext: str, s0: int, lex: Lexicon, toks: list[Token], text: str) -> list[Claim]:
    out: list[Claim] = []
    low = stext.lower()
    # figures: a quantity near an impact word, in either order (the nearest quantity wins)
    impacts = [(toks[i].start - s0, toks[i + n - 1].end - s0, w) for i, n, w in lex.impact.hits(toks, text)]
    if impacts:
        quants = []
        for q in lex.quant.finditer(stext):
            qs, qe = q.start(), q.end()
            qt = q.group().strip()
            core = re.sub(r"^(?:at least|more than|over|nearly|almost|about|around|some|up to|roughly|"
                          r"approximately|an estimated|as many as|fewer than|less than|close to)\s+", "",
                          qt, flags=re.I)
            if not core or core.lower() in ("one", "a", "1", "0"):
                continue
            if _YEAR.match(core) or _is_date(low, qs, qe) or re.match(r"\d+(?:st|nd|rd|th)\b", low[qs:]):
                continue
            quants.append((qs, qe, qt))
        for s, e, w in impacts:
            best = None
            for qs, qe, qt in quants:
                if qe <= s:
                    gap, limit = stext[qe:s], lex.max_gap
                elif e <= qs:
                    gap, limit = stext[e:qs], 4
                else:
                    continue
                n = len(gap.split())
                if n <= limit and not re.search(r"[.;:!?,()]", gap) and (best is None or n < best[0]):
                    best = (n, qs, qe, qt)
            if best:
                _, qs, qe, qt = best
                out.append(Claim("figure", s0 + min(qs, s), s0 + max(qe, e), f"{qt} … {w}",
                                 casualty=w in lex.casualty or w.startswith("death")))
    if lex.money_words is not None:
        for m in _MONEY.finditer(stext):
            window = stext[max(0, m.start() - 60):m.end() + 60]
            if re.search(r"\d", m.group()) and lex.money_words.search(window):
                out.append(Claim("figure", s0 + m.start(), s0 + m.end(), m.group()))
    if lex.percent_words is not None:
        for m in _PERCENT.finditer(stext):
            after = stext[m.end():m.end() + 40]
            if re.match(r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?", after) and lex.percent_words.search(after):
                out.append(Claim("figure", s0 + m.start(), s0 + m.end(), m.group()))
    for kind, patterns in (("accusation", lex.accusations), ("vague", lex.vague), ("weak", lex.weak_vague)):
        for rx in patterns:
            out.extend(Claim(kind, s0 + m.start(), s0 + m.end(), m.group()) for m in rx.finditer(stext))
    for rx in lex.hedges:
        for m in rx.finditer(stext):
            if m.group() == "May" and (m.start() > 0 or re.match(r"May\s+\d", stext)):
                continue
            if m.group().lower() == "may" and re.match(r"\s+\d", stext[m.end():]):
                continue
            out.append(Claim("hedge", s0 + m.start(), s0 + m.end(), m.group()))
    out.sort(key=lambda c: (c.start, c.end, c.kind))
    return out


def _is_date(low: str, qs: int, qe: int) -> bool:
    before = low[max(0, qs - 12):qs]
    after = low[qe:qe + 12]
    return bool(re.search(rf"\b(?:{_MONTHS})\.?\s*$", before) or re.match(rf"\s*(?:{_MONTHS})\b", after)
                or re.match(r"\s*(?:a\.m|p\.m|am\b|pm\b|o'clock|hours?\b|km\b|kilomet|miles?\b|metres?\b|"
                            r"meters?\b|years?\b|days?\b|weeks?\b|months?\b|minutes?\b|kg\b|tons?\b|tonnes?\b)",
                            after))


# ---- the article ----------------------------------------------------------------------------------------
_NOTE = re.compile(r"^\s*(?:(?:editor'?s?\s+)?note|disclaimer|update|correction)\s*:", re.I)


def _body_paragraph(text: str) -> bool:
    """Running text: ends like a sentence, is not cut off, is not an editor's or syndication note."""
    t = text.rstrip()
    return (bool(_PARA_TERMINAL.search(t)) and not _TRUNCATED.search(t) and not _NOTE.match(t)
            and not any(rx.search(t) for rx in _SYNDICATION))


def analyse(seg: Segmented, pack: RulePack, ctx=None) -> list[SentenceInfo]:
    cached = seg.cache.get("attribution")
    if cached is not None:
        return cached
    lex = lexicon(pack, ctx)
    infos: list[SentenceInfo] = []
    body = {p.index: _body_paragraph(p.text) for p in seg.paragraphs}
    depth_by_para: dict[int, int] = {}
    for sent in seg.sentences:
        # quotation state across the sentences of a paragraph
        depth = depth_by_para.get(sent.paragraph, 0)
        info = analyse_sentence(seg, sent, lex, starts_quoted=depth > 0)
        if not body.get(sent.paragraph, False) or len(seg.tokens_in(sent.start, sent.end)) < 5 \
                or _TRUNCATED.search(sent.text):
            info.skip = True
        info.quoted = depth > 0 or sent.text[:1] in _QUOTE_OPEN + '"'
        opened = sum(sent.text.count(c) for c in _QUOTE_OPEN)
        closed = sum(sent.text.count(c) for c in _QUOTE_CLOSE)
        depth_by_para[sent.paragraph] = max(0, depth + opened - closed) if opened or closed else depth
        infos.append(info)
    _resolve_carry(seg, infos)
    for info in infos:
        if not info.skip:
            info.verdicts = _verdicts(seg, info)
    seg.cache["attribution"] = infos
    return infos


_PERSONAL = frozenset("i me my we us our you your yours".split())


def _newsworthy_speculation(seg: Segmented, sent: Sentence) -> bool:
    """Speculation about named actors or events, not advice or musing: no first or second person
    ("you may", "I might"), and a proper name after the first word or a figure in the sentence."""
    toks = seg.tokens_in(sent.start, sent.end)
    if any(t.text.lower() in _PERSONAL and t.text != "US" for t in toks):
        return False
    return any(t.text[:1].isupper() or t.text[:1].isdigit() for t in toks[1:])


def _resolve_carry(seg: Segmented, infos: list[SentenceInfo]) -> None:
    for i, info in enumerate(infos):
        for att in info.attributions:
            if att.kind != "pronoun":
                continue
            att.kind, att.via = "named", "carry"
            for back in range(1, WINDOW + 1):
                if i - back < 0:
                    break
                prev = infos[i - back]
                if info.sentence.paragraph - prev.sentence.paragraph > 1:
                    break
                cands = [a for a in prev.attributions if a.kind != "pronoun"]
                if att.source.strip().lower() in ("he", "she"):
                    # one person: not the vague crowd ("analysts say") of an earlier sentence
                    cands = [a for a in cands if a.kind != "vague"]
                if cands:
                    src = cands[-1]
                    att.kind = src.kind if src.kind in ("anonymous", "vague") else "named"
                    att.weak = src.weak
                    att.outlet = att.outlet or src.outlet
                    break
        # a sentence inside a quotation belongs to the quotation's speaker
        if info.quoted and not info.attributions:
            src = None
            for back in (1, 2):
                if i - back >= 0 and infos[i - back].attributions and (
                        infos[i - back].sentence.paragraph >= info.sentence.paragraph - 1):
                    src = infos[i - back].attributions[-1]
                    break
            if src is None and i + 1 < len(infos) and infos[i + 1].sentence.paragraph == info.sentence.paragraph:
                nxt = [a for a in infos[i + 1].attributions if a.via in ("verb", "carry")]
                src = nxt[0] if nxt else None
            if src is not None:
                s = info.sentence
                info.attributions.append(Attribution(src.kind, src.source, src.start, src.end, s.start, s.end,
                                                     via="quote", outlet=src.outlet, person=src.person,
                                                     weak=src.weak))


def _verdicts(seg: Segmented, info: SentenceInfo) -> list[tuple]:
    """Candidate findings for the sentence, best first: (code, attribution kind, severity, detail).
    The check emits the first whose rule is selected, so a sentence yields one finding at most."""
    out: list[tuple] = []
    claims = info.claims
    heavy = [c for c in claims if c.kind in ("figure", "accusation")]
    anonymous = sorted((a for a in info.attributions if a.kind == "anonymous"),
                       key=lambda a: (a.weak, a.via == "clause", a.start))
    for a in anonymous:
        inside = [c for c in heavy if a.scope_start <= c.start < a.scope_end]
        if a.weak and not inside:
            continue
        sev = Severity.HIGH if inside else Severity.MEDIUM
        out.append(("UA004", "anonymous", sev, f"the source is unnamed: “{_short(a.source)}”"))
        break
    named_kinds = ("named", "outlet")
    vague_att = [a for a in info.attributions if a.kind == "vague"]
    vague_cues = [c for c in claims if c.kind == "vague" and not info.covered(c.start, named_kinds)]
    if vague_att or vague_cues:
        what = f"“{_short(vague_att[0].source)}”" if vague_att else f"“{_short(vague_cues[0].label)}”"
        accusing = any(re.search(r"accus|blam|suspect|alleg|criti|condemn", c.label, re.I) for c in vague_cues)
        past = bool(_HISTORY.search(info.sentence.text)) and not _ONGOING.search(info.sentence.text)
        sev = Severity.LOW if past else Severity.HIGH if heavy or accusing else Severity.MEDIUM
        out.append(("UA003", "vague", sev, f"credited to no one identifiable: {what}"))
    bare = [c for c in heavy if not info.covered(c.start)]
    figures = [c for c in bare if c.kind == "figure"]
    if figures:
        weak = [c for c in claims if c.kind == "weak" and not info.covered(c.start, named_kinds)]
        hist = bool(_HISTORY.search(info.sentence.text)) and not _ONGOING.search(info.sentence.text)
        casualty = any(c.casualty for c in figures)
        sev = Severity.LOW if hist else (Severity.HIGH if casualty else Severity.MEDIUM)
        if weak and not vague_att and not vague_cues:
            out.append(("UA003", "vague", sev,
                        f"figure “{_short(figures[0].label)}” credited only to “{weak[0].label}”"))
        what = "casualty figure" if casualty else "figure"
        out.append(("UA001", "none", sev, f"{what} “{_short(figures[0].label)}” has no source"))
    accusations = [c for c in bare if c.kind == "accusation"]
    if accusations:
        out.append(("UA002", "none", Severity.MEDIUM, f"“{_short(accusations[0].label)}” has no source"))
    hedges = [c for c in claims if c.kind == "hedge" and not info.covered(c.start)]
    if hedges and not info.quoted and not info.sentence.text.rstrip().endswith("?") \
            and _newsworthy_speculation(seg, info.sentence):
        out.append(("UA005", "none", Severity.LOW, f"“{hedges[0].label}” with no source"))
    return out


def _short(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


# ---- check ----------------------------------------------------------------------------------------------
def check(seg: Segmented, pack: RulePack, ctx) -> Iterable[Finding]:
    if not any(ctx.on(c) for c in CODES if c in pack.rules):
        return
    for info in analyse(seg, pack, ctx):
        for code, kind, sev, detail in info.verdicts:
            if not ctx.on(code) or code not in pack.rules:
                continue
            rule = pack.rule(code)
            s = info.sentence
            # our graded severity, unless the user set the rule's severity in the policy
            severity = sev if rule.severity == _declared(code, rule.severity) else rule.severity
            yield rule.finding(seg, s.start, s.end, message=f"{rule.message}: {detail}",
                               severity=severity, extra={"attribution": kind})
            break
        else:
            if ctx.on("UA006") and "UA006" in pack.rules and not info.skip:
                cue = weasel_cue(info, lexicon(pack, ctx))
                if cue:
                    rule = pack.rule("UA006")
                    s = info.sentence
                    yield rule.finding(seg, s.start, s.end, message=f"{rule.message}: “{cue}”",
                                       extra={"attribution": "vague"})


def weasel_cue(info: "SentenceInfo", lex) -> str | None:
    """The first weasel word of a sentence that no named source or outlet covers."""
    text = info.sentence.text
    for rx in lex.weasel:
        for m in rx.finditer(text):
            if not info.covered(info.sentence.start + m.start(), ("named", "outlet")):
                return m.group()
    return None


def _declared(code: str, default: Severity) -> Severity:
    """The severity the built-in pack declares for a rule."""
    from ..rulepacks import builtin_packs

    for p in builtin_packs():
        if code in p.rules:
            return p.rules[code].severity
    return default


# ---- the source inventory ---------------------------------------------------------------------------------
_CREDIT_LINE = re.compile(
    r"^\s*(?:sources?|credits?|via|copyright|©|\(c\))\s*[:\-–—]?\s*(?P<names>[^\n]{2,120}?)\s*\.?\s*$", re.I)
_OUTLET_NP = re.compile(
    r"\b(?:(?:the|a|an)\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}(?:(?:state|official|local|national|public|private|"
    r"independent|semi-official|[A-Z][a-z]+n)\s+)?(?:news\s+agenc(?:y|ies)|press\s+agency|television|TV|"
    r"radio|newspaper|news\s+(?:site|website|portal)|website|broadcaster|news\s+channel)\b")
_CORRESPONDENT = re.compile(r"\b(?:correspondent|reporter|journalist)s?\b", re.I)
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'’-]{1,40}?)(?:\s*,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?\s*"
    r"\(\s*(?P<agency>[^()\n]{2,30}?)\s*\)\s*[-–—:]")
_BYLINE = re.compile(
    r"^\s*(?:by|written by|reporting by)\s+(?P<names>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*)"
    r"(?:\s*[,|/–—-]\s*(?P<outlet>[^\n;]{2,40}))?\s*(?:;\s*(?:additional reporting|editing|writing)[^\n]*)?\.?\s*$",
    re.I)
_SYNDICATION = [
    re.compile(r"\b(?:published\s+and\s+is\s+available|is\s+available|originally\s+(?:published|appeared))\s+"
               r"(?:at|on|in)\s+(?P<name>[\w][\w.-]{2,40})", re.I),
    re.compile(r"\beditorial\s+(?:team|staff|board)\s+(?:at|of)\s+(?P<name>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})"),
]


def describe(seg: Segmented, pack: RulePack, ctx) -> dict:
    return {"sources": inventory(seg, pack, ctx)}


def inventory(seg: Segmented, pack: RulePack, ctx=None) -> dict:
    lex = lexicon(pack, ctx)
    infos = analyse(seg, pack, ctx)
    text = seg.text
    credits: list[dict] = []
    taken: list[tuple[int, int]] = []
    original: str | None = None
    bylines: list[str] = []
    chain: list[str] = []
    paras = seg.paragraphs

    def credit(kind, start, end, credited):
        if any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        credits.append({"kind": kind, "text": text[start:end], "start": start, "end": end,
                        "credited": credited})

    for p in paras:
        t = p.text
        words = len(seg.tokens_in(p.start, p.end))
        if p.index < 4:
            dm = _DATELINE.match(t)
            if dm:
                names = _split_names(dm.group("agency"), lex)
                if names:
                    credit("dateline", p.start + dm.start(), p.start + dm.end(), names)
                    original = original or _pick_original(names, lex)
        if words <= 14:
            bm = _BYLINE.match(t)
            if bm and (p.index < 4 or p.index >= len(paras) - 3):
                names = [n.strip() for n in re.split(r",|\band\b|&", bm.group("names")) if n.strip()]
                outlets = _split_names(bm.group("outlet") or "", lex)
                credit("byline", p.start, p.end, names + outlets)
                bylines.extend(names)
                if outlets:
                    original = original or _pick_original(outlets, lex)
                continue
            cm = _CREDIT_LINE.match(t)
            if cm and not re.match(r"(?i)\s*links?\b|\s*$", cm.group("names")):
                names = _split_names(cm.group("names"), lex, generic=True)
                if names:
                    credit("credit_line", p.start, p.end, names)
                    original = original or _pick_original(names, lex)
                continue
            # a line of outlet names alone: "France 24 / AFP", "(Reuters)", "— AFP"
            stripped = re.sub(r"[\s()/|,&–—.-]+|\band\b", " ", t).strip()
            found = list(lex.outlet_rx.finditer(t))
            if found and stripped and not re.sub(lex.outlet_rx, " ", t).strip(" ()/|,&–—.-\t\n"):
                names = [lex.canonical(m.group()) for m in found]
                credit("credit_line", p.start, p.end, _dedupe(names))
                original = original or _pick_original(names, lex)
                continue
        caption = not _body_paragraph(t)
        for m in lex.paren_rx.finditer(t):
            s, e = p.start + m.start(), p.start + m.end()
            kind = "photo_credit" if caption or m.start() == 0 else "agency_in_text"
            credit(kind, s, e, [lex.canonical(m.group(1))])
        for rx in _SYNDICATION:
            for m in rx.finditer(t):
                chain.append(m.group("name"))
                credit("syndication_note", p.start + m.start(), p.start + m.end(), [m.group("name")])
    for m in lex.outlet_rx.finditer(text):
        s, e = m.start(), m.end()
        around = text[max(0, s - 40):min(len(text), e + 40)]
        before = text[max(0, s - 40):s]
        if _INTERVIEW.search(before):
            kind = "interview"
        elif _CORRESPONDENT.search(around):
            kind = "correspondent"
        else:
            kind = "agency_in_text"
        credit(kind, s, e, [lex.canonical(m.group())])
    for m in _OUTLET_NP.finditer(text):
        credit("outlet", m.start(), m.end(), [" ".join(m.group().split())])
    credits.sort(key=lambda c: (c["start"], c["end"]))

    # one count per body sentence, by its weakest attribution (anonymous, then vague, then named)
    named: dict[str, dict] = {}
    counts = {"named": 0, "anonymous": 0, "vague": 0}
    for info in infos:
        if info.skip or not info.attributions:
            continue
        kinds = {a.kind for a in info.attributions}
        k = "anonymous" if "anonymous" in kinds else "vague" if "vague" in kinds else "named"
        counts[k] += 1
        for a in info.attributions:
            if a.kind not in ("named", "outlet") or a.via not in ("verb", "according", "quoted", "citing", "credit"):
                continue
            key = _clean_source(a.source)
            if a.kind == "outlet":
                om = lex.outlet_rx.search(key)
                if om:
                    key = lex.canonical(om.group())
            if not key:
                continue
            entry = named.setdefault(key.lower(), {"source": key, "start": a.start, "end": a.end, "count": 0})
            entry["count"] += 1
    claims = [i for i in infos if not i.skip and any(c.kind in ("figure", "accusation") for c in i.claims)]
    flagged = [i for i in infos if i.verdict is not None and i.verdict[0] != "UA005"]
    agencies = _dedupe(n for c in credits if c["kind"] not in ("outlet", "syndication_note")
                       for n in c["credited"] if n)
    return {
        "original_source": original,
        "agencies": agencies,
        "bylines": _dedupe(bylines),
        "syndication_chain": _dedupe(chain),
        "named_sources": sorted(named.values(), key=lambda x: x["start"]),
        "named_attributions": counts["named"],
        "anonymous_attributions": counts["anonymous"],
        "vague_attributions": counts["vague"],
        "claims": len(claims),
        "untraced_claims": len(flagged),
        "credits": credits,
    }


def _clean_source(s: str) -> str:
    s = " ".join(s.split())
    s = re.sub(r"^(?:and|but|meanwhile|however|also)\s+", "", s, flags=re.I)
    return s.strip(" ,.“”\"'’‘")


def _dedupe(items) -> list:
    out: list = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


def _split_names(s: str, lex: Lexicon, generic: bool = False) -> list[str]:
    out = []
    for part in re.split(r"\s*(?:[,/|;&]|\band\b|\s[-–—]\s)\s*", s or ""):
        part = part.strip(" .()")
        if not part:
            continue
        m = lex.outlet_rx.fullmatch(part) or lex.outlet_rx.search(part)
        if m:
            out.append(lex.canonical(m.group()))
        elif generic and len(part.split()) <= 5:
            out.append(part)
    return _dedupe(out)


def _pick_original(names: list[str], lex: Lexicon) -> str | None:
    named = [n for n in names if n.lower() not in ("agencies", "agency", "news agencies", "wires", "staff")]
    if not named:
        return None
    for n in named:
        if n in lex.wires:
            return n
    return named[0]


# ---- one sentence on its own (CoNLL evaluation, tests) ------------------------------------------------------
def classify_sentence(text: str, pack: RulePack | None = None, weasel: bool = False) -> tuple[str, str] | None:
    """(rule code, attribution kind) for a stand-alone sentence, or None when it is traceable.

    Runs the same analysis as the check on ``text`` taken as one sentence of a body paragraph,
    with no context (no carry-over). ``weasel=True`` also counts the Wikipedia-style weasel words of
    UA003's ``weasel_words`` (vague quantifiers, hedging and puffing adverbs), which the check itself
    does not flag in news text; the result is then ("UA003", "vague")."""
    if pack is None:
        from ..rulepacks import builtin_packs
        pack = next(p for p in builtin_packs() if p.check == "attribution")
    seg = Segmented(Document(path="<sentence>", text=text))
    sent = Sentence(0, 0, len(text), text, 0)
    lex = lexicon(pack)
    info = analyse_sentence(seg, sent, lex)
    info.quoted = text[:1] in _QUOTE_OPEN + '"'
    _resolve_carry(seg, [info])
    v = _verdicts(seg, info)
    if v:
        return v[0][0], v[0][1]
    if weasel and weasel_cue(info, lex):
        return "UA006", "vague"
    return None
