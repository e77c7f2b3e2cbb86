"""Name mentions: capitalised token runs of an article with the role that introduces them.

Works on ``seg.tokens`` and ``seg.sentences`` (never re-splits the text). A run is a sequence of
capitalised tokens separated by single spaces, with name particles (al-, bin, de, von ...) and,
inside organisation names, "of", "for", "on", "and", "in". Leading titles and nationality words
("Azerbaijani Foreign Minister") are peeled off into a :class:`Role`; "his Azerbaijani
counterpart, X" takes the title of the nearest earlier title in the sentence; "its Foreign
Minister X" takes the nearest earlier country of the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon import STOPWORDS, zipf
from ..segment import Segmented, Token
from .gazetteer import Gazetteer
from .keys import PARTICLES, fold

_SPACE = re.compile(r"[ \t\u00a0]+")
_POSS = re.compile(r"['’]s$")
# Particles that may stand alone inside a name; Arabic "as-", "ad-", "an-" only hyphenated.
NAME_PARTICLES = frozenset("al el ibn bin bint abu de da di del della der den van von la le du dos das".split())
ORG_CONNECTORS = frozenset({"of", "for", "on", "and", "in", "the"})
ORG_HEADS = frozenset("""organization organisation authority council ministry office union league agency
committee commission court bank fund programme program forces party front movement observatory
institute university association federation corporation company department group coalition
alliance assembly parliament government army navy guard police service services agency news
republic kingdom emirate state states cooperation security development affairs""".split())
# title words -> normalised role; longest phrases first
_TITLES = [
    ("minister of foreign affairs", "foreign_minister"), ("foreign affairs minister", "foreign_minister"),
    ("foreign minister", "foreign_minister"), ("secretary of state", "foreign_minister"),
    ("foreign secretary", "foreign_minister"),
    ("minister of defence", "defence_minister"), ("minister of defense", "defence_minister"),
    ("defence minister", "defence_minister"), ("defense minister", "defence_minister"),
    ("defense secretary", "defence_minister"), ("defence secretary", "defence_minister"),
    ("interior minister", "interior_minister"), ("minister of interior", "interior_minister"),
    ("prime minister", "head_of_government"), ("premier", "head_of_government"),
    ("chancellor", "head_of_government"),
    ("vice president", "vice_president"), ("president", "head_of_state"), ("presidents", "head_of_state"), ("king", "head_of_state"),
    ("emir", "head_of_state"), ("sultan", "head_of_state"), ("crown prince", "crown_prince"),
    ("minister", "minister"), ("spokesman", "spokesperson"), ("spokeswoman", "spokesperson"),
    ("spokesperson", "spokesperson"), ("ambassador", "ambassador"), ("envoy", "envoy"),
    ("commander", "commander"), ("chief", "chief"), ("general", "general"), ("secretary-general", "secretary_general"),
    ("secretary general", "secretary_general"), ("ombudsman", "ombudsman"),
]
TITLE_WORDS = frozenset(w for t, _ in _TITLES for w in t.split()) | frozenset(
    "mr mrs ms dr prof gen lt col maj capt sheikh prince princess queen deputy acting former "
    "senator governor mayor speaker pope ayatollah colonel lieutenant brigadier field marshal "
    "defense defence foreign interior affairs state first vice counterpart counterparts official".split())
PERSON_ROLES = frozenset(r for _, r in _TITLES)
_COUNTERPART = re.compile(r"\b(?:his|her|its|their)\s+(?:([A-Z][\w-]+)\s+)?counterparts?\s*,?\s*$")
_ITS = re.compile(r"\b(?:its|their)\s*$")


@dataclass(slots=True, frozen=True)
class Role:
    country: str | None
    title: str

    def key(self) -> tuple[str | None, str]:
        return (self.country, self.title)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    fold: str
    tokens: list[Token]
    sentence: int
    initial: bool = False                 # first token opens the sentence
    role: Role | None = None
    kind: str = "name"                    # name | acronym
    prefix: list[Token] = field(default_factory=list)  # title / nationality tokens before it

    @property
    def last(self) -> str:
        toks = [t for t in self.fold.split() if t not in PARTICLES]
        return toks[-1] if toks else self.fold


def _is_cap(t: Token) -> bool:
    c = t.text[0]
    if c.isupper():
        return True
    if c.islower() and "-" in t.text:      # al-Burhan, el-Sisi
        head, _, rest = t.text.partition("-")
        return head.lower() in NAME_PARTICLES and rest[:1].isupper()
    return False


def _base(t: Token) -> tuple[str, int]:
    """Token text without a possessive 's, and its end offset."""
    m = _POSS.search(t.text)
    if m:
        return t.text[:m.start()], t.end - (m.end() - m.start())
    return t.text, t.end


_TITLE_INDEX: dict[str, list[tuple[list[str], str]]] = {}
for _phrase, _role in _TITLES:
    _TITLE_INDEX.setdefault(_phrase.split()[0], []).append((_phrase.split(), _role))
for _v in _TITLE_INDEX.values():
    _v.sort(key=lambda x: -len(x[0]))


def _title_at(words: list[str], i: int) -> tuple[str, int] | None:
    """Longest title phrase starting at words[i] -> (role, length)."""
    options = _TITLE_INDEX.get(words[i].lower())
    if not options:
        return None
    for parts, role in options:
        if len(parts) == 1 or [w.lower() for w in words[i:i + len(parts)]] == parts:
            return role, len(parts)
    return None


def _runs(seg: Segmented, sent) -> list[list[Token]]:
    toks = seg.tokens_in(sent.start, sent.end)
    text = seg.text
    runs: list[list[Token]] = []
    cur: list[Token] = []
    pending: list[Token] = []   # connectors waiting for a capitalised token
    for t in toks:
        if cur:
            prev = pending[-1] if pending else cur[-1]
            gap = text[prev.end:t.start]
            adjacent = bool(_SPACE.fullmatch(gap)) and not _POSS.search(prev.text)
        else:
            adjacent = False
        if _is_cap(t) and not t.text.isdigit():
            if cur and adjacent:
                cur.extend(pending)
                cur.append(t)
            else:
                if cur:
                    runs.append(cur)
                cur = [t]
            pending = []
            continue
        low = t.text.lower()
        if cur and adjacent and (low in NAME_PARTICLES or _org_connector(low, cur, pending)):
            pending.append(t)
            continue
        if cur:
            runs.append(cur)
        cur, pending = [], []
    if cur:
        runs.append(cur)
    return runs


def _org_connector(low: str, cur: list[Token], pending: list[Token]) -> bool:
    """ "of/for/on" after an organisation word; "and/in" only inside such a name ("Organization
    for Security and Cooperation in Europe"), "the" only after a connector ("Ministry of the")."""
    if low not in ORG_CONNECTORS:
        return False
    words = [x.text.lower() for x in cur]
    if low in ("of", "for", "on"):
        return not pending and any(w in ORG_HEADS for w in words)
    if low in ("and", "in"):
        return not pending and any(w in ("of", "for", "on") for w in words) and any(w in ORG_HEADS for w in words)
    return bool(pending) and pending[-1].text.lower() in ("of", "for", "on")


def _title_case_paragraph(seg: Segmented, para) -> bool:
    toks = seg.tokens_in(para.start, para.end)
    words = [t for t in toks if t.text[0].isalpha()]
    if len(words) < 4 or len(words) > 40 or para.text.rstrip().endswith((".", "!", "?", '."', '.”')):
        return False
    caps = sum(1 for t in words if t.text[0].isupper())
    return caps / len(words) >= 0.7


def extract(seg: Segmented, gaz: Gazetteer) -> list[Mention]:
    cached = seg.cache.get("names.mentions")
    if cached is not None:
        return cached
    out: list[Mention] = []
    skip_paras = {p.index for p in seg.paragraphs if _title_case_paragraph(seg, p)}
    for sent in seg.sentences:
        if sent.paragraph in skip_paras:
            continue
        last_title: str | None = None
        for run in _runs(seg, sent):
            _peel(seg, gaz, sent, run, out, last_title)
            for m in reversed(out):
                if m.sentence != sent.index:
                    break
                if m.role and m.role.title not in ("counterpart",):
                    last_title = m.role.title
                    break
            else:
                pass
            # a run made only of titles ("Foreign Minister Sergey Lavrov" is handled in _peel)
            words = [t.text for t in run]
            for i in range(len(words)):
                hit = _title_at(words, i)
                if hit:
                    last_title = hit[0] if hit[0] not in ("minister", "chief", "general") else last_title or hit[0]
    seg.cache["names.mentions"] = out
    return out


_GLUE = re.compile(r"[a-z]{3,}[A-Z]")


def _nationality(gaz: Gazetteer, word: str) -> bool:
    f = fold(word)
    return f in gaz.demonyms or f in gaz.countries or (f.endswith("s") and f[:-1] in gaz.demonyms)


def _country_of_word(gaz: Gazetteer, word: str) -> str | None:
    f = fold(word)
    return gaz.demonyms.get(f) or gaz.countries.get(f)


def _peel(seg, gaz, sent, run, out, last_title) -> None:
    text = seg.text
    initial = run[0].start == sent.start or text[sent.start:run[0].start].strip("“\"'‘(«[ ") == ""
    if initial:
        # a sentence-initial common word is not part of the name ("Meanwhile", "The", "Raging")
        w0 = _base(run[0])[0]
        if w0.lower() in STOPWORDS or (zipf(w0.lower()) >= 3.0 and fold(w0) not in gaz.by_fold
                                       and fold(w0) not in gaz.tokens):
            run = run[1:]
            if not run:
                return
        else:
            initial = True
    words = [_base(t)[0] for t in run]
    i = 0
    country = None
    title = None
    while i < len(run):
        w = words[i]
        c = _country_of_word(gaz, w) if i + 1 < len(run) else None
        if c and not title:
            # "Azerbaijani Foreign Minister X", "Kosovo Interior Minister X"; a lone country is a name
            nxt = words[i + 1]
            if nxt.lower() in TITLE_WORDS or _country_of_word(gaz, nxt) or nxt.lower() in ORG_HEADS:
                country = c
                i += 1
                continue
            if fold(w) in gaz.demonyms:       # "Armenian Zurab X"
                country = c
                i += 1
                continue
        hit = _title_at(words, i)
        if hit:
            title = hit[0] if title in (None, "minister", "chief") else title
            i += hit[1]
            continue
        if w.lower() in TITLE_WORDS and i + 1 < len(run):
            i += 1
            continue
        break
    rest = run[i:]
    if not rest:
        return
    # org-like runs keep their full text ("Russian Foreign Ministry" is not a person)
    if any(_base(t)[0].lower() in ORG_HEADS for t in rest):
        rest = run if country and not title else rest
        title = None
    start = rest[0].start
    end = _base(rest[-1])[1]
    initial = initial and rest[0] is run[0]
    surface = text[start:end]
    kind = "acronym" if len(rest) == 1 and (surface.isupper() and len(surface) <= 6) else "name"
    if _GLUE.search(surface):
        kind = "glued"          # "KarabakhOf": a scraper's doubled caption, not a name
    elif any(_nationality(gaz, part) for t in rest for part in t.text.split("-")[:-1] or ())  or (
            len(rest) == 1 and _nationality(gaz, _base(rest[0])[0])):
        kind = "nationality"    # "Armenians", "Armenian-backed", "Russian-Azerbaijani-Armenian"
    elif len(rest) == 1 and "-" in rest[0].text and _nationality(gaz, rest[0].text.split("-")[-1]):
        kind = "nationality"
    role = None
    before = text[max(sent.start, start - 60):run[0].start]
    if title is None:
        m = _COUNTERPART.search(before)
        if m and last_title:
            title = last_title
            c = _country_of_word(gaz, m.group(1)) if m.group(1) else None
            country = country or c
    if title is None and country and re.search(r"\band\s*$", before):
        prev = next((m for m in reversed(out) if m.sentence == sent.index), None)
        if prev is not None and prev.role is not None:
            title = prev.role.title          # "his Azerbaijani counterpart, X and Armenian Y"
    if title and country is None and _ITS.search(text[max(sent.start, run[0].start - 12):run[0].start]):
        country = _nearest_country(seg, gaz, sent.start, run[0].start)
    if title:
        role = Role(country, title)
    out.append(Mention(start=start, end=end, text=surface, fold=fold(surface), tokens=list(rest),
                       sentence=sent.index, initial=initial, role=role, kind=kind,
                       prefix=list(run[:run.index(rest[0])])))


def _nearest_country(seg, gaz, lo: int, hi: int) -> str | None:
    best = None
    for t in seg.tokens_in(lo, hi):
        c = gaz.countries.get(fold(_base(t)[0]))
        if c:
            best = c
    return best
