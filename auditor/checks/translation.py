"""MT: the damage machine translation leaves in English news.

Every rule reads the shared segmentation (``seg.sentences``, ``seg.tokens``, ``seg.paragraphs``)
and its word lists and thresholds from ``[rules.data]`` in rules/translation.toml. Calque and
date-formula rules are pure patterns (``kind = "pattern"``) and are run by checks/patterns.py.
Quotation marks are paired once per article (``_quotes``) and shared by the rules that must
know whether a position is inside a quotation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from ..findings import Finding
from ..lexicon import STOPWORDS, stopword_share, zipf
from ..rulepacks import Rule, RulePack
from ..segment import Segmented
from .captions import glued_length

OPEN, CLOSE = "“", "”"


def check(seg: Segmented, pack: RulePack, ctx) -> Iterable[Finding]:
    if not seg.text.strip():
        return
    rules = pack.rules
    runs = [
        ("MT001", _pronoun_slip), ("MT002", _institution_pronoun), ("MT003", _stray_full_stop),
        ("MT004", _midsentence_capital), ("MT005", _fused_words), ("MT006", _verbless_fragment),
        ("MT007", _quote_spacing), ("MT008", _unbalanced_quotes), ("MT009", _doubled_word),
        ("MT010", _repeated_predicate), ("MT011", _mixed_numbers), ("MT012", _plural_title),
        ("MT013", _postposed_adjective), ("MT014", _bracket_gloss), ("MT015", _gender_mismatch),
        ("MT023", _participial_chain), ("MT024", _connective_overuse),
        ("MT025", _leftover_transliteration),
    ]
    for code, fn in runs:
        if code in rules and ctx.on(code):
            yield from fn(seg, rules[code], pack)


def describe(seg: Segmented, pack: RulePack, ctx) -> dict:
    """Article fact ``translationese``: participial clauses and stock connectives per 1,000 words."""
    if seg.language != "en" or not seg.words:
        return {}
    per = 1000.0 / max(seg.words, 1)
    out = {}
    if "MT023" in pack.rules:
        chains = _participles(seg, pack.rules["MT023"])
        out["participial_clauses_per_1000_words"] = round(sum(len(c) for _, c in chains) * per, 1)
    if "MT024" in pack.rules:
        uses = _connectives(seg, pack.rules["MT024"])
        out["stock_connectives_per_1000_words"] = round(len(uses) * per, 1)
    return {"translationese": out} if out else {}


# ---- shared helpers ------------------------------------------------------------------------
def _words(rule: Rule, key: str) -> frozenset[str]:
    return _lower_set(tuple(rule.data.get(key, ())))


@lru_cache(maxsize=128)
def _lower_set(items: tuple[str, ...]) -> frozenset[str]:
    return frozenset(i.lower() for i in items)


@lru_cache(maxsize=128)
def _alt(items: tuple[str, ...]) -> str:
    return "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))


def _first_in_paragraph(seg: Segmented, i: int) -> bool:
    sents = seg.sentences
    return i == 0 or sents[i - 1].paragraph != sents[i].paragraph


def _token_index(seg: Segmented, offset: int) -> int:
    """Index of the first token starting at or after ``offset``."""
    return bisect.bisect_left(seg._token_starts, offset)


def _is_title_case(seg: Segmented, start: int, end: int, share: float) -> bool:
    toks = [t for t in seg.tokens_in(start, end) if t.text[0].isalpha()]
    if len(toks) < 3:
        return False
    caps = sum(1 for t in toks if t.text[0].isupper())
    return caps / len(toks) >= share


def _verb_lists(pack: RulePack) -> tuple[frozenset, frozenset, frozenset]:
    rule = pack.rules.get("MT006")
    if rule is None:
        return frozenset(), frozenset(), frozenset()
    return _words(rule, "auxiliaries"), _words(rule, "irregular_past"), _words(rule, "base_verbs")


# ---- quotation marks -----------------------------------------------------------------------
@dataclass
class _Quotes:
    spans: list[tuple[int, int]] = field(default_factory=list)   # absolute, sorted
    starts: list[int] = field(default_factory=list)
    problems: list[tuple[int, int, str]] = field(default_factory=list)

    def inside(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]


def _sentence_start_before(seg: Segmented, pos: int, floor: int) -> int:
    """Start of the sentence holding the last non-space character before ``pos``."""
    j = pos - 1
    text = seg.text
    while j > floor and text[j].isspace():
        j -= 1
    s = seg.sentence_at(j)
    return max(s.start, floor) if s else floor


def _quotes(seg: Segmented) -> _Quotes:
    cached = seg.cache.get("mt_quotes")
    if cached is not None:
        return cached
    q = _Quotes()
    paras = seg.paragraphs
    carried = False  # the previous paragraph left a quotation open (multi-paragraph quote)
    for i, p in enumerate(paras):
        t = p.text
        if OPEN not in t and CLOSE not in t and '"' not in t:
            carried = False
            continue
        nxt = paras[i + 1].text.lstrip()[:1] if i + 1 < len(paras) else ""
        # At the edges of the text a quotation may continue in text we do not have (a scraped
        # excerpt, a cut article): a closing mark in the first paragraph or an open quotation in
        # the last one cannot be judged.
        carried = _pair_marks(seg, p, t, nxt, carried or i == 0, q, i == len(paras) - 1)
    order = sorted(range(len(q.spans)), key=lambda k: q.spans[k])
    q.spans = [q.spans[k] for k in order]
    q.starts = [s for s, _ in q.spans]
    q.problems.sort()
    seg.cache["mt_quotes"] = q
    return q


_MARKS = re.compile('[“”"]')


def _pair_marks(seg, p, t: str, nxt: str, carried: bool, q: _Quotes, last: bool) -> bool:
    """Pair the quotation marks of one paragraph: “ opens, ” closes, a straight mark closes an
    open quotation or else opens one (so mixed “...\" pairs). Records the quoted spans and the
    problems; returns True when a quotation is left open for the next paragraph."""
    base = p.start
    stack: list[int] = []
    seen_close_first = False
    for m in _MARKS.finditer(t):
        k = m.start()
        mark = t[k]
        before = t[k - 1] if k else ""
        after = t[k + 1] if k + 1 < len(t) else ""
        if mark == '"':
            if before.isdigit():
                continue  # inches: a 12" pipe
            closing_position = bool(before) and not before.isspace() and (not after or not after.isalnum())
            if stack or closing_position:
                mark = CLOSE
            else:
                mark = OPEN
        if mark == OPEN:
            if stack and before and not before.isspace() and (not after or not after.isalnum()):
                # An opening mark used to close: it ends the open quotation.
                o = stack.pop()
                q.spans.append((base + o, base + k + 1))
                q.problems.append((base + o, base + k + 1, "An opening quotation mark is used to close the quote"))
            elif stack:
                # A second opening mark while one is open: the first one is never closed.
                o = stack.pop()
                q.spans.append((base + o, base + k))
                q.problems.append((base + o, base + k, "Quotation opened again before the first one was closed"))
                stack.append(k)
            else:
                stack.append(k)
            continue
        if stack:
            o = stack.pop()
            q.spans.append((base + o, base + k + 1))
        elif (not before or before.isspace()) and t[k + 1:].strip():
            # ” at the start of a quotation ("said ” under control”"): the wrong way round.
            gap = len(t[k + 1:]) - len(t[k + 1:].lstrip())
            q.problems.append((base + k, base + k + 1 + gap + _word_len(t, k + 1 + gap),
                               "Closing quotation mark used to open a quote"))
            stack.append(k)
        elif carried and not seen_close_first:
            q.spans.append((base, base + k + 1))  # closes a quotation from the paragraph before
        else:
            s = seg.sentence_at(base + k)
            start = s.start if s and s.start < base + k else base
            q.problems.append((start, base + k + 1, "Closing quotation mark without an opening one"))
        seen_close_first = True
    left_open = False
    for o in stack:
        q.spans.append((base + o, base + len(t)))
        if nxt in (OPEN, '"'):
            left_open = True
            continue
        if last:
            continue
        if not t[o + 1:].strip():
            start = _sentence_start_before(seg, base + o, base)
            q.problems.append((start, base + o + 1, "Opening quotation mark at the end of a paragraph"))
        else:
            q.problems.append((base + o, base + len(t), "Quotation mark opened and never closed"))
    return left_open


def _word_len(t: str, k: int) -> int:
    n = 0
    while k + n < len(t) and (t[k + n].isalnum() or t[k + n] in "-'’"):
        n += 1
    return n


# ---- MT001 pronoun slips -------------------------------------------------------------------
_FIRST_PERSON = re.compile(r"(?<![\w'’-])(?:I|we)(?![\w'’-])")


def _pronoun_slip(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    text = seg.text
    quotes = _quotes(seg)
    hits = [m for m in _FIRST_PERSON.finditer(text) if not quotes.inside(m.start())]
    if not hits:
        return
    singular = sum(1 for m in hits if m.group() == "I")
    if singular > rule.data.get("max_first_person", 2):
        return  # a first-person column or report, not a slip
    allowed = _words(rule, "allowed_before")
    subjects = _words(rule, "speakers")
    verbs = _words(rule, "reporting_verbs")
    toks = seg.tokens
    for m in hits:
        i = _token_index(seg, m.start())
        if i <= 0 or i + 1 >= len(toks) or toks[i].start != m.start():
            continue
        prev, nxt = toks[i - 1], toks[i + 1]
        if text[prev.end:m.start()] != " " or text[m.end():nxt.start] != " ":
            continue
        pw = prev.text.lower()
        if (pw in STOPWORDS or pw in allowed or pw.endswith("ly") or not prev.text.isalpha()
                or not prev.text[0].islower()):
            continue
        # "the reason we came", "the man I saw": a relative clause. A slip has a speaker noun
        # before the pronoun and a reporting verb after it.
        if pw not in subjects or nxt.text.lower() not in verbs or not nxt.text.islower():
            continue
        yield rule.finding(seg, m.start(), nxt.end, suggestion=nxt.text,
                           message=f"'{m.group()}' in reported narration: the subject is '{prev.text}', not the writer")


# ---- MT002 'He added' after an institution ---------------------------------------------------
@lru_cache(maxsize=16)
def _institution_rx(institutions: tuple[str, ...], verbs: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    v = _alt(verbs)
    opener = re.compile(rf"^(?:He|She)\s+(?:{v})\b")
    speaker = re.compile(rf"([\w'’.,-]+)\s+(?:{v})\b", re.IGNORECASE)
    return opener, speaker


def _institution_pronoun(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    d = rule.data
    institutions = _words(rule, "institutions")
    opener, speaker = _institution_rx(tuple(d["institutions"]), tuple(d["reporting_verbs"]))
    sents = seg.sentences
    quotes = None
    for s in sents[1:]:
        m = opener.match(s.text)
        if not m:
            continue
        prev = sents[s.index - 1]
        quotes = quotes or _quotes(seg)
        if quotes.inside(s.start):
            continue
        subjects = [x.group(1) for x in speaker.finditer(prev.text)]
        if not subjects:
            continue
        last = subjects[-1]
        if last.lower() not in institutions:  # a person, or a noun phrase ending in a comma
            continue
        pron = s.text.split()[0]
        yield rule.finding(seg, s.start, s.start + m.end(),
                           suggestion="It" + s.text[len(pron):m.end()],
                           message=f"'{pron}' refers back to '{last}', an institution: use 'It'")


# ---- MT003 stray full stops ----------------------------------------------------------------
def _stray_full_stop(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    d = rule.data
    abbrev = _words(rule, "abbreviations")
    standalone = _words(rule, "standalone_words")
    sents = seg.sentences
    text = seg.text
    for s in sents:
        if _first_in_paragraph(seg, s.index) or not s.text.endswith("."):
            continue
        toks = seg.tokens_in(s.start, s.end)
        if not 1 <= len(toks) <= d["max_words"]:
            continue
        # Nothing but the words and the final full stop.
        if " ".join(t.text for t in toks) + "." != s.text:
            continue
        prev = sents[s.index - 1]
        ptoks = seg.tokens_in(prev.start, prev.end)
        if not ptoks or not prev.text.endswith(".") or ptoks[-1].end != prev.end - 1:
            continue
        last = ptoks[-1].text
        if _after_abbreviation(seg, prev, abbrev):
            continue
        # After a capitalised word ("Port. Sudan.") the fragment continues a name unless it is
        # an ordinary word that can stand alone ("Paris. Again."); after a lower-case word it
        # must look like a name itself (rare as an English word) or an acronym.
        if last[0].isupper() and len(ptoks) > 1:
            ok = all(_name_part(t.text, standalone) for t in toks)
        else:
            ok = all(_name_like(t.text, d["max_zipf"]) for t in toks)
        if not ok:
            continue
        start = ptoks[-1].start
        joined = text[start:prev.end - 1] + " " + s.text
        yield rule.finding(seg, start, s.end, suggestion=joined)


def _after_abbreviation(seg: Segmented, prev, abbrev: frozenset[str]) -> bool:
    """The sentence before ends in an abbreviation or an initial ("Rt. Hon.", "B. U."): the
    split is the sentence splitter's, not the text's."""
    ptoks = seg.tokens_in(prev.start, prev.end)
    if not ptoks:
        return False
    last = ptoks[-1].text
    return last.lower() in abbrev or len(last) == 1 or not last[0].isalpha()


def _name_part(word: str, standalone: frozenset[str]) -> bool:
    w = word.lower()
    return (word[0].isupper() and word.replace("-", "").isalpha() and w not in STOPWORDS
            and w not in standalone and zipf(w) < 5.2)


def _name_like(word: str, max_zipf: float) -> bool:
    if not word[0].isupper() or not word.replace("-", "").isalpha():
        return False
    if word.isupper() and 2 <= len(word) <= 6:
        return True  # an acronym: AFP, UNHCR
    return zipf(word.lower()) < max_zipf


# ---- MT004 capitals in mid-sentence --------------------------------------------------------
_AFTER_CAPITAL = re.compile(r"[ \t]+[a-z]|[.!?,;]")
_GAP_CAPITAL = re.compile(r"[,;]?[ \t]+")


def _midsentence_capital(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    d = rule.data
    words = frozenset(d["words"]) | frozenset(d["number_words"])
    final = frozenset(d["sentence_final"])
    text = seg.text
    toks = seg.tokens
    for i in range(1, len(toks)):
        tok = toks[i]
        w = tok.text
        if w not in words:
            continue
        prev = toks[i - 1]
        if not ("a" <= prev.text[-1] <= "z") or not _GAP_CAPITAL.fullmatch(text, prev.end, tok.start):
            continue
        after = _AFTER_CAPITAL.match(text, tok.end)
        if after is None or (after.group()[0] in ".!?,;" and w not in final):
            continue
        s = seg.sentence_at(tok.start)
        if s is None or _is_title_case(seg, s.start, s.end, d["title_case_share"]):
            continue
        # The span is the word alone, so its fix never overlaps a fix of the word before it.
        yield rule.finding(seg, tok.start, tok.end, suggestion=w.lower(),
                           message=f"'{w}' is capitalised in mid-sentence, after '{prev.text}'")


# ---- MT005 fused words ---------------------------------------------------------------------
_FUSED = re.compile(r"(?<![\w@#/.\\'’&=-])([a-z]{2,})([A-Z][a-z]{2,})(?![\w(@/'’-]|\.[a-z])")


def _fused_words(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    d = rule.data
    particles = _words(rule, "name_particles")
    aux, past, _base = _verb_lists(pack)
    text = seg.text
    for m in _FUSED.finditer(text):
        a, b = m.group(1), m.group(2)
        if len(a) < d["min_prefix"] or len(b) < d["min_suffix"] or a in particles:
            continue
        if zipf(a) < d["min_zipf"] or zipf((a + b).lower()) >= 2.5:  # "youTube" is a brand
            continue
        # A function word or a verb glued to a name ("areAzerbaijan", "includedSaudi") is a slip;
        # a noun glued to a common noun ("teamLab", "easyJet") is more likely a brand.
        grammatical = a in STOPWORDS or a in aux or a in past or a.endswith(("ed", "ing"))
        if not grammatical and zipf(b.lower()) >= d["brand_suffix_zipf"]:
            continue
        j = m.start(2)
        if glued_length(text, j, 3, 200):
            continue  # a caption glued to itself: DC001 reports it
        yield rule.finding(seg, m.start(), m.end(), suggestion=f"{a} {b}")


# ---- MT006 verbless fragments --------------------------------------------------------------
def _verbless_fragment(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    d = rule.data
    rel = tuple(d["relative_openers"])
    skip = _words(rule, "skip_openers")
    aux, past, base = _verb_lists(pack)
    abbrev = _words(pack.rules["MT003"], "abbreviations") if "MT003" in pack.rules else frozenset()
    quotes = _quotes(seg)
    sents = seg.sentences
    for s in sents:
        t = s.text
        if _first_in_paragraph(seg, s.index) or not t.endswith(".") or t[0] in "“\"‘'(":
            continue
        prev = sents[s.index - 1]
        if quotes.inside(s.start) or prev.text.rstrip("”\"’' ").endswith("?"):
            continue  # quoted speech, or the answer to a question ("Her regret? Not saving.")
        toks = seg.tokens_in(s.start, s.end)
        if (not toks or toks[0].text.lower() in skip or ":" in t or "|" in t or "/" in t
                or any(c.isdigit() for c in t) or _after_abbreviation(seg, prev, abbrev)):
            continue
        if toks[0].text in rel and len(toks) >= 3:
            yield rule.finding(seg, s.start, s.end, message="Relative clause cut off from the sentence before")
            continue
        if not d["min_words"] <= len(toks) <= d["max_words"] or t.isupper():
            continue
        if _has_finite_verb(toks, aux, past, base):
            continue
        yield rule.finding(seg, s.start, s.end)


_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "it"})
_CONTRACTIONS = ("n't", "'re", "'ve", "'ll", "'d", "'m")


def _has_finite_verb(toks, aux, past, base) -> bool:
    prev = ""
    for k, tok in enumerate(toks):
        w = tok.text.lower().replace("’", "'")
        lower = tok.text[0].islower() or k == 0
        if w in aux or w in past or w.endswith(_CONTRACTIONS):
            return True
        if prev in _SUBJECT_PRONOUNS and tok.text[0].islower():
            return True  # "I also miss", "they certainly": a subject and its verb
        if lower and w not in STOPWORDS:
            if len(w) > 3 and w.endswith("ed"):
                return True
            if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics")):
                return True  # a verb in -s, or a plural noun: either way, do not flag
            if w in base and prev != "to":
                return True
        prev = w
    return False


# ---- MT007 / MT008 quotation marks ---------------------------------------------------------
_SPACE_CLOSE = re.compile(r"([\w.,!?;:]+)[ \t]+”(?!\w)")
_SPACE_OPEN = re.compile(r"“[ \t]+(\w+)")


def _quote_spacing(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    text = seg.text
    if OPEN not in text and CLOSE not in text:
        return
    for m in _SPACE_CLOSE.finditer(text):
        yield rule.finding(seg, m.start(), m.end(), suggestion=m.group(1) + CLOSE,
                           message="Space before a closing quotation mark")
    for m in _SPACE_OPEN.finditer(text):
        yield rule.finding(seg, m.start(), m.end(), suggestion=OPEN + m.group(1),
                           message="Space after an opening quotation mark")


def _unbalanced_quotes(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    for start, end, message in _quotes(seg).problems:
        if end > start:
            yield rule.finding(seg, start, end, message=message)


# ---- MT009 doubled words -------------------------------------------------------------------
_SPACES = re.compile(r"[ \t]+")


def _doubled_word(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    allowed = _words(rule, "allowed")
    text = seg.text
    toks = seg.tokens
    for a, b in zip(toks, toks[1:]):
        x, y = a.text, b.text
        if len(x) != len(y) or x.lower() != y.lower() or not x.isalpha():
            continue
        if not _SPACES.fullmatch(text, a.end, b.start) or x.lower() in allowed:
            continue
        if x[0].isupper() and y[0].isupper():
            continue  # Bora Bora, Duran Duran, and titles
        yield rule.finding(seg, a.start, b.end, suggestion=x, message=f"'{x.lower()}' written twice")


# ---- MT010 repeated predicate --------------------------------------------------------------
@lru_cache(maxsize=4)
def _repeat_rx(n: int) -> re.Pattern:
    return re.compile(rf"(?<![\w'’-])([a-z]{{4,}})(,| and)[ \t]+((?:[\w'’-]+[ \t]+){{1,{n}}}?)\1(?=[.,;:])")


def _repeated_predicate(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    skip = _words(rule, "skip")
    predicates = _words(rule, "predicates")
    for m in _repeat_rx(int(rule.data["max_between"])).finditer(seg.text):
        w = m.group(1)
        if w in STOPWORDS or w in skip or m.group(3)[0].isdigit():
            continue
        if not (w.endswith("ed") or w in predicates):
            continue  # "industry chain and supply chain", "30 tanks, 20 tanks": a list of nouns
        yield rule.finding(seg, m.start(), m.end(), message=f"'{w}' closes both joined phrases")


# ---- MT011 number words mixed with digits --------------------------------------------------
_NUMBER_INITIALS = frozenset("tTeEfFsSnNhHmMbB")
_YEAR = re.compile(r"(?<![\d,.])(?:1[89]|20)\d\d(?![\d,.])")
@lru_cache(maxsize=4)
def _number_rx(units, teens, tens, scales) -> tuple[re.Pattern, re.Pattern]:
    word = rf"(?:(?:{_alt(tens)})(?:-(?:{_alt(units)}))?|{_alt(teens + units + scales)})"
    phrase = rf"{word}(?:(?:[ -]|[ ]and[ ]){word})*"
    sep = r"[ \t]+(?:to|and|or)[ \t]+|[ \t]*[-–—][ \t]*"
    digits = r"\d[\d,.]*\d|\d"
    a = re.compile(rf"(?<![\w-])(?P<words>{phrase})(?:{sep})(?:{digits})(?![\w])", re.IGNORECASE)
    b = re.compile(rf"(?<![\w.,])(?:{digits})(?:{sep})(?P<words>{phrase})(?![\w-])", re.IGNORECASE)
    return a, b


def _mixed_numbers(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    d = rule.data
    big = _lower_set(tuple(d["teens"] + d["tens"] + d["scales"]))
    scales = _lower_set(tuple(d["scales"]))
    # Cheap test first: a spelled-out number of ten or more somewhere in the article.
    if not any(part in big for t in seg.tokens if t.text[0] in _NUMBER_INITIALS
               for part in t.text.lower().split("-")):
        return
    for rx in _number_rx(tuple(d["units"]), tuple(d["teens"]), tuple(d["tens"]), tuple(d["scales"])):
        for m in rx.finditer(seg.text):
            words = set(re.split(r"[ -]+", m.group("words").lower())) - {"and"}
            if not words & big or words <= scales:
                continue  # nine to 12 follows the spell-out-one-to-nine rule
            if _YEAR.search(m.group()):
                continue  # "2021 to 2022 and sixty delegates": a year, not a count
            yield rule.finding(seg, m.start(), m.end())


# ---- MT012 plural title before one name -----------------------------------------------------
@lru_cache(maxsize=4)
def _title_rx(titles: tuple[str, ...]) -> re.Pattern:
    name = r"[A-Z][\w'’-]+"
    return re.compile(rf"(?<![\w-])(?P<title>{_alt(titles)})[ \t]+(?P<name>{name}(?:[ \t]+{name}){{0,2}})")


def _plural_title(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    d = rule.data
    singular = frozenset(d["singular_titles"])
    not_names = frozenset(d["not_names"])
    text = seg.text
    if not any(t in text for t in d["titles"]):
        if rule.data.get("demonyms") and any(n in text for n in d.get("counterpart_nouns", ())):
            yield from _stranded_demonyms(seg, rule)
        return
    for m in _title_rx(tuple(d["titles"])).finditer(text):
        first = m.group("name").split()[0]
        if first in not_names or first in singular:
            continue
        rest = text[m.end():m.end() + 80]
        if re.match(r"\s*,\s*[A-Z]", rest):
            continue  # a list of names
        after_and = re.match(r"[ \t]+and[ \t]+((?:[\w'’-]+[ \t]*){1,3})", rest)
        if after_and and not set(after_and.group(1).split()) & singular:
            continue  # "Presidents X and Y": two people
        title = m.group("title")
        if title.endswith("ies"):
            sing = title[:-3] + "y"
        elif title[:-1] in singular or not title.endswith("es"):
            sing = title[:-1]
        else:
            sing = title[:-2]
        yield rule.finding(seg, m.start(), m.end(), suggestion=f"{sing} {m.group('name')}")
    if rule.data.get("demonyms") and any(n in text for n in d.get("counterpart_nouns", ())):
        yield from _stranded_demonyms(seg, rule)


@lru_cache(maxsize=4)
def _counterparts_rx(nouns: tuple[str, ...], demonyms: tuple[str, ...]) -> re.Pattern:
    name = r"[A-Z][\w'’-]+"
    dem = _alt(demonyms)
    return re.compile(rf"(?<![\w-])(?:his|her|their|its)[ \t]+(?P<d1>{dem})[ \t]+(?P<role>{_alt(nouns)}),?[ \t]+"
                      rf"(?P<n1>{name}(?:[ \t]+{name}){{0,2}})[ \t]+and[ \t]+(?P<d2>{dem})[ \t]+{name}")


def _stranded_demonyms(seg: Segmented, rule: Rule) -> Iterable[Finding]:
    d = rule.data
    rx = _counterparts_rx(tuple(d.get("counterpart_nouns", ())), tuple(d.get("demonyms", ())))
    for m in rx.finditer(seg.text):
        if m.group("d1") == m.group("d2"):
            continue
        yield rule.finding(seg, m.start("d1"), m.end("d2"),
                           suggestion=f"{m.group('d1')} and {m.group('d2')} {m.group('role')}, {m.group('n1')} and",
                           message=f"'{m.group('d2')}' is stranded before the second name: "
                                   f"'{m.group('d1')} and {m.group('d2')} {m.group('role')}'")


# ---- MT013 adjective after its noun --------------------------------------------------------
@lru_cache(maxsize=4)
def _postposed_rx(adjectives: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?P<det>[Aa]n?|[Tt]he)[ \t]+(?P<noun>[a-z][a-z-]{{2,}})[ \t]+"
                      rf"(?P<adj>{_alt(adjectives)})"
                      rf"(?=[ \t]+(?:with|between|of|in|on|to|and|for|that|against|among)\b|[ \t]*[,.;:])")


def _postposed_adjective(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    d = rule.data
    not_nouns = _words(rule, "not_nouns")
    adjectives = _words(rule, "adjectives")
    suffixes = tuple(d["adjective_suffixes"])
    for m in _postposed_rx(tuple(d["adjectives"])).finditer(seg.text):
        noun = m.group("noun")
        if (noun in STOPWORDS or noun in not_nouns or noun in adjectives or noun.endswith(suffixes)
                or zipf(noun) < 3.0):
            continue
        yield rule.finding(seg, m.start(), m.end(),
                           suggestion=f"{m.group('det')} {m.group('adj')} {noun}")


# ---- MT014 translator's glosses ------------------------------------------------------------
_PAREN = re.compile(r"\(([^()\s]{2,30})\)")
_PAREN_LOWER = re.compile(r"(?<=[a-z] )\(([a-z]+(?: [a-z]+)?)\)(?= [a-z])")


def _bracket_gloss(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    text = seg.text
    if "(" not in text:
        return
    editorial = _words(rule, "editorial_words")
    for m in _PAREN.finditer(text):
        inner = m.group(1).strip("“”\"'‘’")
        i = _token_index(seg, m.start())
        for tok in seg.tokens[max(0, i - 3):i]:
            if tok.text == inner:  # same form: "Kospi (KOSPI)" is a ticker, not a gloss
                start = tok.start - 1 if tok.start and text[tok.start - 1] in "“\"‘" else tok.start
                yield rule.finding(seg, start, m.end(), suggestion=text[start:m.start()].rstrip(),
                                   message=f"'{m.group(1)}' repeated in brackets")
                break
    quotes = None
    for m in _PAREN_LOWER.finditer(text):
        if m.group(1) in editorial:
            continue  # "(expletive)", "(sic)", "(inaudible)": the outlet's own insertions
        quotes = quotes or _quotes(seg)
        if quotes.inside(m.start()):
            yield rule.finding(seg, m.start(), m.end(), message="Bracketed gloss inside a quotation")


# ---- MT015 masculine role noun for a woman --------------------------------------------------
@lru_cache(maxsize=4)
def _gender_rx(names: tuple[str, ...], suffixes: tuple[str, ...], roles: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    cap = r"[A-Z][\w'’-]+"
    female = (rf"(?:(?:{_alt(names)})(?:[ \t]+{cap}){{0,2}}|(?:{cap}[ \t]+)?[A-Z][a-z]+(?:{_alt(suffixes)}))"
              rf"(?![\w'’-])")
    role = rf"(?P<role>{_alt(roles)})"
    after_name = re.compile(rf"(?<![\w'’-]){female}[ \t]*,[ \t]*(?:(?:the|a|an)[ \t]+)?"
                            rf"(?:[\w'’-]+[ \t]+){{0,4}}?{role}\b")
    before_name = re.compile(rf"(?<![\w'’-]){role}[ \t]+{female}")
    return after_name, before_name


def _gender_mismatch(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    d = rule.data
    roles = d["roles"]
    if not any(r in seg.text for r in roles):
        return
    for rx in _gender_rx(tuple(d["female_names"]), tuple(d["female_surname_suffixes"]), tuple(roles)):
        for m in rx.finditer(seg.text):
            role = m.group("role")
            yield rule.finding(seg, m.start("role"), m.end("role"), suggestion=roles.get(role),
                               message=f"'{role}' next to a woman's name")


# ---- MT023 participial chains --------------------------------------------------------------
@lru_cache(maxsize=4)
def _participle_rx(parts: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf",[ \t]+(?:and[ \t]+)?({_alt(parts)})\b")


def _participles(seg: Segmented, rule: Rule) -> list[tuple]:
    """(sentence, [participle matches]) for every sentence with at least one."""
    key = "mt_participles"
    if key in seg.cache:
        return seg.cache[key]
    rx = _participle_rx(tuple(rule.data["participles"]))
    out = []
    if ", " in seg.text:
        for s in seg.sentences:
            if "," in s.text:
                found = list(rx.finditer(s.text))
                if found:
                    out.append((s, found))
    seg.cache[key] = out
    return out


def _participial_chain(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    n = rule.data["min_chain"]
    for s, found in _participles(seg, rule):
        if len(found) >= n:
            yield rule.finding(seg, s.start + found[0].start(1), s.end,
                               message=f"{len(found)} participial clauses chained in one sentence")


# ---- MT024 stock connectives ---------------------------------------------------------------
@lru_cache(maxsize=4)
def _connective_rx(items: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"^[“\"]?(?:and[ \t]+)?({_alt(items)})\b", re.IGNORECASE)


def _connectives(seg: Segmented, rule: Rule) -> list[tuple[int, int, str]]:
    key = "mt_connectives"
    if key in seg.cache:
        return seg.cache[key]
    rx = _connective_rx(tuple(rule.data["connectives"]))
    out = []
    for s in seg.sentences:
        m = rx.match(s.text)
        if m:
            out.append((s.start + m.start(1), s.start + m.end(1), m.group(1).lower()))
    seg.cache[key] = out
    return out


def _connective_overuse(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    d = rule.data
    uses = _connectives(seg, rule)
    if not uses:
        return
    counts: dict[str, int] = {}
    for _, _, phrase in uses:
        counts[phrase] = counts.get(phrase, 0) + 1
    rate = len(uses) * 1000.0 / max(seg.words, 250)
    dense = len(uses) >= d["min_total"] and rate >= d["max_per_1000"]
    for start, end, phrase in uses:
        if dense or counts[phrase] >= d["min_repeats"]:
            yield rule.finding(seg, start, end,
                               message=f"'{phrase}' used {counts[phrase]} times; {len(uses)} stock connectives in the article")


# ---- MT025 leftover transliterations -------------------------------------------------------
_NOT_BEFORE_WORD = frozenset("@#/.\\'’-")


def _leftover_transliteration(seg: Segmented, rule: Rule, pack: RulePack) -> Iterable[Finding]:
    d = rule.data
    text = seg.text
    suffixes = tuple(d["suffixes"])
    prefixes = tuple(d["prefixes"])
    n, max_zipf = d["min_length"], d["max_zipf"]
    # Cheap test first: lower-case tokens that wordfreq does not know.
    cands = [t for t in seg.tokens if len(t.text) >= n and t.text.islower() and zipf(t.text) < max_zipf]
    if not cands:
        return
    english: dict[int, bool] = {}
    for tok in cands:
        w = tok.text
        if w.startswith(_TRANSLIT_PREFIXES):  # "al-mukhtatafin": judge the word after the article
            w = w.split("-", 1)[1]
        if not w.isascii() or not w.isalpha() or len(w) < n or zipf(w) >= max_zipf:
            continue
        if tok.start and text[tok.start - 1] in _NOT_BEFORE_WORD or text[tok.end:tok.end + 1] in ("@", "/"):
            continue
        s = seg.sentence_at(tok.start)
        if s is None:
            continue
        if s.paragraph not in english:
            p = seg.paragraphs[s.paragraph]
            words = [t.text for t in seg.tokens_in(p.start, p.end)]
            english[s.paragraph] = stopword_share(words) >= d["min_english_share"]
        if not english[s.paragraph]:
            continue  # not English prose: a list, code, or another language (LG's business)
        if _english_stem(w, suffixes, prefixes) or w.capitalize() in text:
            continue
        if _compound(w) or _rare_trigrams(w) < d["min_rare_trigrams"]:
            continue  # "backglass", "upsample", "incubaction": English-shaped, a coinage or a typo
        yield rule.finding(seg, tok.start, tok.end,
                           message=f"'{tok.text}' is not an English word: an untranslated leftover?")


_TRANSLIT_PREFIXES = ("al-", "el-", "ul-", "an-", "ar-", "as-", "at-", "ad-", "az-")


def _english_stem(w: str, suffixes: tuple[str, ...], prefixes: tuple[str, ...]) -> bool:
    stems = [w]
    if w.endswith("ies"):
        stems.append(w[:-3] + "y")
    for pre in prefixes:
        if w.startswith(pre) and len(w) - len(pre) >= 3:
            stems.append(w[len(pre):])
    for stem in stems:
        if stem != w and zipf(stem) >= 2.5:
            return True
        for suf in suffixes:
            if stem.endswith(suf) and len(stem) - len(suf) >= 3 and zipf(stem[: -len(suf)]) >= 2.5:
                return True
    return False


def _compound(w: str) -> bool:
    """Two English words written as one ("smallcaps", "backglass")."""
    return any(zipf(w[:i]) >= 3.0 and zipf(w[i:]) >= 3.0 for i in range(2, len(w) - 1))


@lru_cache(maxsize=1)
def _english_trigrams() -> frozenset[str]:
    """Letter trigrams (with ^ and $ for the word edges) that occur in at least three of the
    40,000 most frequent English words: built once, only when a candidate needs it."""
    from wordfreq import top_n_list

    counts: dict[str, int] = {}
    for word in top_n_list("en", 40000):
        if word.isalpha():
            w = f"^{word}$"
            for i in range(len(w) - 2):
                counts[w[i:i + 3]] = counts.get(w[i:i + 3], 0) + 1
    return frozenset(g for g, n in counts.items() if n >= 3)


def _rare_trigrams(w: str) -> int:
    """How many of the word's letter trigrams English words hardly use ("kht" in mukhtatafin)."""
    known = _english_trigrams()
    x = f"^{w}$"
    return sum(1 for i in range(len(x) - 2) if x[i:i + 3] not in known)
