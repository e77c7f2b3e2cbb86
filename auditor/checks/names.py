"""NM: misspelled and mistransliterated names of people, places and organisations.

Signals (thresholds in rules/names.toml, decided on the external name-variant pairs):
- NM101 one entity spelled two ways in the article (minority / less standard form flagged);
- NM102 a name given for a role ("Azerbaijani Foreign Minister X", "his Sudanese counterpart, Y")
  that is close to, but not, the known office-holder or the name given for that role earlier;
- NM103 a rare name close to a known one (gazetteer: GeoNames places, countries, organisations,
  office-holders) and not itself known;
- NM104 a word standing where a known place of the country being discussed should be, in a list
  of places ("the cities of Fozuli, Gabriel and ...");
- NM105 a news agency's name translated literally ("<nationality> News Agency");
- NM106 a nationality word used as a surname;
- NM107 German/Arabic-style "w" in a Slavic or Caucasian surname ending in -ov, -ev, -yan ...;
- NM108 hyphenation or capitalisation differing from the known form (low);
- NM109 the user's house spellings;
- NM201 (corpus) one entity spelled differently across articles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from ..findings import Category, CorpusFinding, Finding, Span
from ..lexicon import zipf
from ..rulepacks import RulePack
from ..segment import Segmented
from ..names.gazetteer import Entry, Gazetteer, gazetteer
from ..names.keys import PARTICLES, core_tokens, edit_distance, fold, name_similarity, name_skeleton, skeleton, sorted_key, token_similarity
from ..names.mentions import Mention, extract

ROLE_HOLDERS = {
    "foreign_minister": ("foreign_minister",),
    "head_of_state": ("head_of_state", "head_of_government"),
    "head_of_government": ("head_of_government", "head_of_state"),
    "defence_minister": ("defence_minister",),
}
SURNAME_DEMONYMS = frozenset({"french", "english", "german", "welsh", "irish", "british", "dutch",
                              "scott", "holland", "england", "wales", "jordan", "israel", "chad"})
_PLACE_CUE = re.compile(
    r"\b(?:cities|towns|villages|districts|regions|provinces|governorates|areas|settlements|"
    r"city|town|village|district|province|governorate|region)\s+of\s+(?:the\s+)?$")
_PLACE_SUFFIX = re.compile(r"^\s+(?:region|district|province|governorate|area)\b")
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|,?\s*as\s+well\s+as\s+)$")
_PERSON_AFTER = re.compile(r"^\s*(?:,\s*(?:the|a|an|who)\b|\s(?:said|says|told|added|stressed))")
_CALQUE = re.compile(r"\b([A-Z][a-z]+)\s+(?:News|Press)\s+Agency\b")
_W_SURNAME = re.compile(r"^[A-Z][a-z]*w[a-z]*(?:ov|ev|ova|eva|yev|yeva|ovich|evich|yan|enko|ovsky)$")


# ---- article context ------------------------------------------------------------------------
def _context(seg: Segmented, gaz: Gazetteer) -> dict:
    ctx = seg.cache.get("names.ctx")
    if ctx is not None:
        return ctx
    counts: Counter = Counter()
    for t in seg.tokens:
        f = fold(t.text)
        c = gaz.countries.get(f) or gaz.demonyms.get(f)
        if c:
            counts[c] += 1
    top = counts.most_common(1)[0][1] if counts else 0
    mentions = extract(seg, gaz)
    for m in mentions:
        c = gaz.countries.get(m.fold) if " " in m.fold else None
        if c:
            counts[c] += 1
            top = max(top, counts[c])
    countries = {c for c, n in counts.items() if n >= max(2, 0.25 * top)}
    ctx = {"countries": countries, "mentions": mentions}
    seg.cache["names.ctx"] = ctx
    return ctx


def _accepted(ctx) -> set[str]:
    memo = ctx.shared.get("names.accepted")
    if memo is None:
        memo = {fold(n) for n in ctx.policy.accepted_names}
        ctx.shared["names.accepted"] = memo
    return memo


def _is_accepted(m: Mention, accepted: set[str]) -> bool:
    return bool(accepted) and (m.fold in accepted or m.last in accepted
                               or any(fold(t.text) in accepted for t in m.tokens))


def _rare(word: str, limit: float) -> bool:
    return zipf(word) < limit


def _best_entry(entries: list[Entry]) -> Entry:
    return max(entries, key=lambda e: (e.kind == "person", e.kind in ("org", "agency", "region"), e.weight))


# ---- checks ---------------------------------------------------------------------------------
def check(seg: Segmented, pack: RulePack, ctx) -> Iterable[Finding]:
    gaz = gazetteer()
    actx = _context(seg, gaz)
    mentions = [m for m in actx["mentions"] if m.kind == "name"]
    accepted = _accepted(ctx)
    claimed: list[tuple[int, int]] = []
    out: list[Finding] = []

    def free(s: int, e: int) -> bool:
        return not any(s < ce and cs < e for cs, ce in claimed)

    def emit(f: Finding) -> None:
        claimed.append((f.start, f.end))
        out.append(f)

    if ctx.on("NM109"):
        rule = pack.rule("NM109")
        house = {**rule.data.get("spellings", {}), **ctx.policy.house_spellings}
        for f in _house(seg, rule, house):
            emit(f)
    live = [m for m in mentions if not _is_accepted(m, accepted)]
    for code, fn in (("NM102", _role), ("NM101", _variants), ("NM103", _near_known),
                     ("NM104", _place_lists), ("NM105", _calques), ("NM106", _demonym_surname),
                     ("NM107", _w_surname), ("NM108", _style)):
        if not ctx.on(code):
            continue
        for f in fn(seg, pack.rule(code), gaz, live, actx, accepted):
            if free(f.start, f.end):
                emit(f)
    return out


def _house(seg, rule, house: dict[str, str]) -> Iterable[Finding]:
    for wrong, right in house.items():
        if not wrong.strip():
            continue
        rx = re.compile(r"(?<!\w)(?<![Cc]hicken )" + r"\s+".join(re.escape(w) for w in wrong.split()) + r"(?![\w-])(?!\s+[Cc]hicken)")
        for m in rx.finditer(seg.text):
            if m.group() != right:
                yield rule.finding(seg, m.start(), m.end(), suggestion=right, fixable=True,
                                   message=f"House spelling: write {right!r}")


def _role(seg, rule, gaz, mentions, actx, accepted) -> Iterable[Finding]:
    d = rule.data
    by_role: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.role and m.role.country and len(m.tokens) >= 2:
            by_role[m.role.key()].append(m)
    for (cc, title), ms in by_role.items():
        holders = [e for r in ROLE_HOLDERS.get(title, ()) for e in gaz.holders.get((cc, r), [])]
        first = ms[0]
        for m in ms:
            if gaz.known(m.fold):
                continue
            best, sim = None, 0.0
            for e in holders:
                s = name_similarity(m.fold, e.fold)
                if s > sim:
                    best, sim = e, s
            if best is not None and sim >= d["min_similarity_known"]:
                yield rule.finding(seg, m.start, m.end, suggestion=best.canonical,
                                   confidence=min(0.95, rule.confidence + (sim - d["min_similarity_known"])),
                                   message=f"{m.text!r} is given as {_role_text(cc, title)}; "
                                           f"the office-holder is spelt {best.canonical!r}")
                continue
            if m is not first and m.fold != first.fold:
                s = name_similarity(m.fold, first.fold)
                if s >= d["min_similarity_article"]:
                    yield rule.finding(seg, m.start, m.end, suggestion=first.text,
                                       confidence=rule.confidence,
                                       message=f"{m.text!r} and {first.text!r} are both given as "
                                               f"{_role_text(cc, title)} in this article")


def _role_text(cc: str, title: str) -> str:
    return f"{title.replace('_', ' ')} ({cc})"


def _forms(mentions: list[Mention]) -> dict[str, list[Mention]]:
    forms: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        forms[m.fold].append(m)
    return forms


def _variants(seg, rule, gaz, mentions, actx, accepted) -> Iterable[Finding]:
    d = rule.data
    forms = _forms([m for m in mentions if not _common_phrase(m)])
    # surname counts: "Pashinyan" supports "Nikol Pashinyan"
    last_count = Counter(m.last for m in mentions)
    blocks: dict[str, set[str]] = defaultdict(set)
    for f in forms:
        for k in _block_keys(f):
            blocks[k].add(f)
    seen: set[tuple[str, str]] = set()
    flagged: set[str] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        ms = sorted(members)
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                sim = _pair_similarity(a, b)
                single = len(core_tokens(a)) == 1 and len(core_tokens(b)) == 1
                need = d["min_similarity_single"] if single else d["min_similarity"]
                if sim < need or (gaz.known(a) and gaz.known(b)):
                    continue
                if _same_person_parts(a, b) or _inflection(a, b):
                    continue
                if not _plausible_pair(a, b, gaz):
                    continue
                std, var = _standard(a, b, forms, last_count, gaz)
                if var in flagged:
                    continue
                flagged.add(var)
                sug = forms[std][0].text
                if len(core_tokens(std)) == 1 and len(core_tokens(var)) > 1:
                    full = [f for f in forms if len(core_tokens(f)) > 1 and core_tokens(f)[-1] == std]
                    if full:
                        sug = forms[max(full, key=lambda f: len(forms[f]))][0].text
                known = gaz.by_fold.get(std)
                if known:
                    sug = _best_entry(known).display if _best_entry(known).kind != "city" else sug
                for m in forms[var]:
                    yield rule.finding(seg, m.start, m.end, suggestion=sug,
                                       message=f"{m.text!r} and {sug!r} look like one name spelt two ways "
                                               f"in this article")


def _plausible_pair(a: str, b: str, gaz: Gazetteer) -> bool:
    """Extra conditions for names of one word: few edits apart, not two common words, not two
    accepted spellings of one known person's surname ("Zelensky"/"Zelenskyy")."""
    ta, tb = core_tokens(a), core_tokens(b)
    if len(ta) > 1 and len(tb) > 1:
        return True
    x, y = ta[-1], tb[-1]
    if (x in gaz.surnames and y in gaz.surnames) or (gaz.known(x) and gaz.known(y)):
        return False          # two accepted spellings ("Zelensky"/"Zelenskyy", "Macao"/"Macau")
    if len(x) < 5 or len(y) < 5 or (zipf(x) >= 3.0 and zipf(y) >= 3.0):
        return False
    if len(ta) != len(tb) and zipf(ta[-1] if len(ta) > 1 else tb[-1]) >= 3.0:
        return False          # "Bridge" in "Stamford Bridge" is a word, not a surname
    return edit_distance(x, y) <= (2 if min(len(x), len(y)) >= 8 else 1)


def _inflection(a: str, b: str) -> bool:
    """"Houthi"/"Houthis", "Serb"/"Serbs": a plural, not a second spelling."""
    x, y = core_tokens(a)[-1], core_tokens(b)[-1]
    return any(p + suf == q for p, q in ((x, y), (y, x)) for suf in ("s", "es"))


def _same_person_parts(a: str, b: str) -> bool:
    """"Anar X" and "X", or one name a prefix of the other, are the same spelling."""
    ta, tb = core_tokens(a), core_tokens(b)
    return set(ta) <= set(tb) or set(tb) <= set(ta)


def _pair_similarity(a: str, b: str) -> float:
    ta, tb = core_tokens(a), core_tokens(b)
    if len(ta) == len(tb) or abs(len(ta) - len(tb)) == 1 and min(len(ta), len(tb)) > 1:
        return name_similarity(a, b)
    if min(len(ta), len(tb)) == 1:
        # a surname alone against a full name: compare with its last token
        one, full = (ta, tb) if len(ta) == 1 else (tb, ta)
        if len(one[0]) < 5 or len(full[-1]) < 5:
            return 0.0
        return token_similarity(one[0], full[-1]) - 0.05
    return name_similarity(a, b)


def _block_keys(f: str) -> list[str]:
    toks = core_tokens(f)
    last = toks[-1] if toks else f
    keys = [f"l:{skeleton(last)}", f"p:{last[:3]}", f"e:{last[-3:]}", f"j:{name_skeleton(f)}"]
    if len(toks) > 1:
        keys.append(f"f:{toks[0]}|{last[:1]}")
    if len(skeleton(last)) >= 3:
        keys.append(f"s:{''.join(sorted(set(skeleton(last))))}")
    return keys


def _standard(a, b, forms, last_count, gaz) -> tuple[str, str]:
    def score(f):
        toks = core_tokens(f)
        freq = sum(zipf(t) for t in toks) / max(1, len(toks))
        return (gaz.known(f), sum(last_count[t] for t in toks[-1:]) + len(forms[f]), freq,
                -forms[f][0].start)
    return (a, b) if score(a) >= score(b) else (b, a)


def _common_phrase(m: Mention) -> bool:
    return all(zipf(fold(t.text)) >= 3.5 for t in m.tokens)


def _near_known(seg, rule, gaz, mentions, actx, accepted) -> Iterable[Finding]:
    d = rule.data
    countries = actx["countries"]
    done: dict[str, tuple | None] = {}
    for m in mentions:
        if m.fold in done:
            hit = done[m.fold]
        else:
            hit = done[m.fold] = _near_lookup(m, gaz, countries, d)
        if hit:
            e, sim = hit
            yield rule.finding(seg, m.start, m.end, suggestion=e.canonical,
                               confidence=min(0.9, rule.confidence + (sim - d["min_similarity"])),
                               message=f"{m.text!r} is not a known name; did you mean {e.canonical!r}?")


_CONNECTORS = frozenset({"of", "for", "on", "and", "the", "in", "to"})


def _content_key(f: str) -> str:
    return " ".join(t for t in f.split() if t not in _CONNECTORS)


def _org_keys(gaz: Gazetteer) -> dict[str, Entry]:
    memo = gaz.__dict__.get("_org_keys")
    if memo is None:
        memo = {}
        for f, entries in gaz.by_fold.items():
            for e in entries:
                if e.kind in ("org", "agency") and len(f.split()) >= 3:
                    memo.setdefault(_content_key(f), e)
        gaz.__dict__["_org_keys"] = memo
    return memo


def _near_lookup(m: Mention, gaz: Gazetteer, countries: set[str], d: dict):
    f = m.fold
    if gaz.known(f) or m.initial and len(m.tokens) == 1:
        return None
    if len(f.split()) >= 3:
        e = _org_keys(gaz).get(_content_key(f))
        if e is not None and e.fold != f:
            return e, 1.0       # "Authority for Development" / "Authority on Development"
    best = None
    for e, sim, toks, ctoks, joined in _scored_candidates(gaz, f, d["min_similarity"], d["max_zipf"],
                                                          d["min_similarity_uneven"]):
        if e.kind in ("city", "subdivision") and e.country not in countries and e.weight < d["min_population_elsewhere"]:
            continue
        if len(toks) == 1 and e.country not in countries and e.kind not in ("country", "org", "agency", "outlet"):
            continue
        if best is None or sim > best[1] or (sim == best[1] and e.weight > best[0].weight):
            best = (e, sim)
    return best


_SCORED: dict[tuple, list] = {}


def _scored_candidates(gaz: Gazetteer, f: str, min_sim: float, max_zipf: float, min_uneven: float) -> list:
    """Known names close enough to ``f`` whatever the article (memoised per process: names recur
    across articles); the article's countries are applied by the caller."""
    key = (f, min_sim, max_zipf, min_uneven)
    hit = _SCORED.get(key)
    if hit is not None:
        return hit
    out = []
    toks = core_tokens(f)
    if toks and any(zipf(t) < max_zipf for t in toks):
        for c in gaz.candidates(f):
            if abs(len(c) - len(f)) > max(3, len(f) // 3) or JaroWinkler.normalized_similarity(f, c) < 0.7:
                continue
            ctoks = core_tokens(c)
            joined = "".join(toks) == "".join(ctoks)
            sim = 1.0 if joined else name_similarity(f, c)
            if sim < min_sim:
                continue
            e = _best_entry(gaz.by_fold[c])
            if e.kind == "demonym" or (e.kind == "person" and len(toks) < 2):
                continue
            if not joined:
                diff = [t for t in toks if t not in ctoks]
                if not diff or not any(zipf(t) < max_zipf for t in diff):
                    continue
                if len(toks) == len(ctoks) and any(
                        x != y and (min(len(x), len(y)) < 3
                                    or edit_distance(x, y) > max(1, round(max(len(x), len(y)) / 3)))
                        for x, y in zip(toks, ctoks)):
                    continue   # a changed word at most a third of its letters apart ("Chen"/"Shen", not "Chun"/"Chunsan")
                if len(toks) == 1 and (len(toks[0]) < 5 or edit_distance(toks[0], "".join(ctoks)) > 1
                                       or zipf(toks[0]) > zipf(ctoks[0]) + 0.5):
                    continue   # one word: one edit from the known name, and not more common than it
                if e.kind in ("city", "subdivision") and fold(e.canonical) != c:
                    continue   # suggest from a place's main name, not an old or foreign alias ("Shen Chuan")
                if len(toks) != len(ctoks) and sim < min_uneven:
                    continue
            out.append((e, sim, toks, ctoks, joined))
    if len(_SCORED) > 50_000:
        _SCORED.clear()
    _SCORED[key] = out
    return out


def _place_lists(seg, rule, gaz, mentions, actx, accepted) -> Iterable[Finding]:
    d = rule.data
    countries = actx["countries"]
    if not countries:
        return
    text = seg.text
    by_sent: dict[int, list[Mention]] = defaultdict(list)
    for m in actx["mentions"]:
        by_sent[m.sentence].append(m)
    for sid, ms in by_sent.items():
        sent = seg.sentences[sid]
        ms.sort(key=lambda m: m.start)
        items: list[list[Mention]] = []
        i = 0
        while i < len(ms):
            m = ms[i]
            if _PLACE_CUE.search(text[max(sent.start, m.start - 40):m.start]):
                group = [m]
                j = i + 1
                while j < len(ms) and _LIST_GAP.match(text[group[-1].end:ms[j].start]):
                    group.append(ms[j])
                    j += 1
                items.append(group)
                i = j
                continue
            if _PLACE_SUFFIX.match(text[m.end:m.end + 20]) and text[max(sent.start, m.start - 4):m.start].lower().endswith("the "):
                items.append([m])
            i += 1
        if not items:
            continue
        local = _sentence_countries(seg, gaz, sent, ms)
        for group in items:
            for m in group:
                for e in gaz.by_fold.get(m.fold, ()):
                    if e.kind in ("city", "subdivision") and (e.country in countries or e.country in local):
                        local.add(e.country)
        local = local or countries
        for group in items:
            for m in group:
                if _is_accepted(m, accepted) or m.kind != "name":
                    continue
                if _known_place(gaz, m.fold, local) or _truncated_place(gaz, m.fold, local):
                    continue
                hit = _nearest_place(gaz, m.fold, local, d)
                hit = hit[:2] if hit else None
                if hit and set(m.fold.split()) < set(hit[0].fold.split()):
                    hit = None     # "Khamis" for "Khamis Mushait": cut, not misspelt
                if hit:
                    e, sim = hit
                    common = zipf(m.fold) >= d["common_word_zipf"]
                    yield rule.finding(seg, m.start, m.end, suggestion=e.canonical,
                                       confidence=rule.confidence - (0.1 if common else 0.0),
                                       message=f"{m.text!r} stands in a list of places where "
                                               f"{e.canonical!r} ({e.country}) is known")


def _sentence_countries(seg, gaz: Gazetteer, sent, ms: list[Mention]) -> set[str]:
    """Countries named in the sentence (names, nationality words, known places, roles)."""
    out: set[str] = set()
    for t in seg.tokens_in(sent.start, sent.end):
        f = fold(t.text)
        c = gaz.countries.get(f) or gaz.demonyms.get(f)
        if c:
            out.add(c)
    for m in ms:
        for e in gaz.by_fold.get(m.fold, ()):
            if e.kind == "region" and e.country:
                out.add(e.country)
    return out


def _known_place(gaz: Gazetteer, f: str, countries: set[str]) -> bool:
    for e in gaz.by_fold.get(f, ()):
        if e.kind in ("country", "region", "org") or (e.is_place and e.country in countries):
            return True
        if e.kind == "city" and e.weight >= 100_000:
            return True
    return False


def _truncated_place(gaz: Gazetteer, f: str, countries: set[str]) -> bool:
    """"Khamis" where "Khamis Mushait" is a place of the country: cut, not misspelt."""
    for cc in countries:
        firsts = gaz.__dict__.setdefault("_firsts", {})
        if cc not in firsts:
            firsts[cc] = {e.fold.split()[0] for e in gaz.places_by_country.get(cc, []) if " " in e.fold}
        if f in firsts[cc]:
            return True
    return False


def _country_choices(gaz: Gazetteer, cc: str) -> dict[str, Entry]:
    memo = gaz.__dict__.setdefault("_choices", {})
    if cc not in memo:
        memo[cc] = {e.fold: e for e in sorted(gaz.places_by_country.get(cc, []), key=lambda e: e.weight)}
    return memo[cc]


def _nearest_place(gaz, f, countries, d):
    best = None
    joined = f.replace(" ", "")
    for cc in sorted(countries):
        choices = _country_choices(gaz, cc)
        if joined in choices and joined != f:
            return choices[joined], 1.0
        for cand, score, _ in process.extract(f, list(choices), scorer=JaroWinkler.normalized_similarity,
                                              score_cutoff=d["prefilter"], limit=30):
            sim = name_similarity(f, cand)
            if sim < d["min_similarity"]:
                continue
            # prefer the same number of words and a main name over an alternate one
            rank = sim - 0.03 * (len(cand.split()) != len(f.split())) + 0.01 * (fold(choices[cand].canonical) == cand)
            if best is None or rank > best[2]:
                best = (choices[cand], sim, rank)
    return best


def _calques(seg, rule, gaz, mentions, actx, accepted) -> Iterable[Finding]:
    for m in _CALQUE.finditer(seg.text):
        phrase = m.group()
        if gaz.known(fold(phrase)):
            continue
        cc = gaz.demonyms.get(fold(m.group(1)))
        agency = gaz.agencies.get(cc) if cc else None
        if agency is None:
            continue
        yield rule.finding(seg, m.start(), m.end(), suggestion=agency.canonical,
                           message=f"{phrase!r} translates the agency's name; it is {agency.canonical!r}")


def _demonym_surname(seg, rule, gaz, mentions, actx, accepted) -> Iterable[Finding]:
    text = seg.text
    for m in mentions:
        toks = m.fold.split()
        if len(toks) < 2 or toks[-1] not in gaz.demonyms or toks[-1] in SURNAME_DEMONYMS:
            continue
        if any(t in gaz.demonyms or t in gaz.countries for t in toks[:-1]):
            continue
        if not (m.role or _PERSON_AFTER.match(text[m.end:m.end + 12])):
            continue
        last = m.tokens[-1]
        yield rule.finding(seg, m.start, m.end,
                           message=f"{last.text!r} is a nationality, not a surname: the name "
                                   f"{m.text!r} was probably mistranslated")


def _w_surname(seg, rule, gaz, mentions, actx, accepted) -> Iterable[Finding]:
    for m in mentions:
        for t in m.tokens:
            w = t.text
            if _W_SURNAME.match(w) and not gaz.known(fold(w)) and zipf(w.lower()) < 1.5:
                fixed = w.replace("w", "v")
                yield rule.finding(seg, t.start, t.end, suggestion=fixed,
                                   message=f"{w!r}: English renders this name with 'v', not 'w'")


def _style(seg, rule, gaz, mentions, actx, accepted) -> Iterable[Finding]:
    text = seg.text
    for m in mentions:
        entries = [e for e in gaz.by_fold.get(m.fold, ()) if e.kind in ("region", "org", "country", "agency")]
        if entries and len(m.tokens) > 1:
            displays = {e.display for e in entries}
            if m.text not in displays and any(dsp.replace("-", " ") == m.text for dsp in displays):
                want = next(dsp for dsp in displays if dsp.replace("-", " ") == m.text)
                yield rule.finding(seg, m.start, m.end, suggestion=want,
                                   message=f"Write {want!r} (hyphenated), as wire services do")
                continue
        # "Minsk group": a known name whose last word was left in lower case
        nxt = re.match(r" ([a-z]+)\b", text[m.end:m.end + 20])
        if nxt:
            f2 = fold(m.text + " " + nxt.group(1))
            for e in gaz.by_fold.get(f2, ()):
                if e.kind in ("org", "agency", "region"):
                    end = m.end + nxt.end()
                    yield rule.finding(seg, m.start, end, suggestion=e.display,
                                       message=f"Capitalise the name: {e.display!r}")
                    break


# ---- corpus ---------------------------------------------------------------------------------
def check_corpus(segs: list[Segmented], pack: RulePack, ctx) -> Iterable[CorpusFinding]:
    if not ctx.on("NM201") or len(segs) < 2:
        return
    rule = pack.rule("NM201")
    d = rule.data
    gaz = gazetteer()
    accepted = _accepted(ctx)
    # form -> list of (seg, mention)
    forms: dict[str, list[tuple[Segmented, Mention]]] = defaultdict(list)
    roles: dict[str, set] = defaultdict(set)
    for seg in segs:
        actx = _context(seg, gaz)
        for m in actx["mentions"]:
            if m.kind != "name" or _is_accepted(m, accepted) or _common_phrase(m):
                continue
            forms[m.fold].append((seg, m))
            if m.role and m.role.country:
                roles[m.fold].add(m.role.key())
    blocks: dict[str, set[str]] = defaultdict(set)
    for f in forms:
        for k in _block_keys(f):
            blocks[k].add(f)
    for f, rk in roles.items():
        for r in rk:
            blocks[f"r:{r}"].add(f)
    parent: dict[str, str] = {f: f for f in forms}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    seen = set()
    for key, members in blocks.items():
        if len(members) < 2 or len(members) > d["max_block"]:
            continue
        ms = sorted(members)
        role_block = key.startswith("r:")
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                if (a, b) in seen or find(a) == find(b):
                    continue
                seen.add((a, b))
                if gaz.known(a) and gaz.known(b) or _same_person_parts(a, b) or _inflection(a, b):
                    continue
                sim = _pair_similarity(a, b)
                single = len(core_tokens(a)) == 1 and len(core_tokens(b)) == 1
                if not role_block and not _plausible_pair(a, b, gaz):
                    continue
                need = d["min_similarity_role"] if role_block else (
                    d["min_similarity_single"] if single else d["min_similarity"])
                if sim >= need:
                    parent[find(a)] = find(b)
    clusters: dict[str, list[str]] = defaultdict(list)
    for f in forms:
        clusters[find(f)].append(f)
    for members in clusters.values():
        if len(members) < 2:
            continue
        paths = {s.path for f in members for s, _ in forms[f]}
        if len(paths) < 2:
            continue

        def score(f):
            arts = {s.path for s, _ in forms[f]}
            toks = core_tokens(f)
            return (gaz.known(f), len(toks) > 1, len(arts), len(forms[f]),
                    sum(zipf(t) for t in toks) / max(1, len(toks)), f)
        ranked = sorted(members, key=score, reverse=True)
        std = ranked[0]
        std_text = forms[std][0][1].text
        for var in ranked[1:]:
            if gaz.known(var) or (core_tokens(var)[-1] in gaz.surnames and core_tokens(std)[-1] in gaz.surnames):
                continue
            if _same_person_parts(var, std) and len(core_tokens(var)) < len(core_tokens(std)):
                continue
            spans = [Span(s.path, m.start, m.end, m.text) for s, m in forms[var]]
            var_paths = {s.path for s, _ in forms[var]}
            have = {(sp.path, sp.text) for sp in spans}
            for s, m in forms[std]:
                if (s.path, m.text) not in have:
                    have.add((s.path, m.text))
                    spans.append(Span(s.path, m.start, m.end, m.text))
            if len({sp.path for sp in spans}) < 2:
                continue
            std_paths = {s.path for s, _ in forms[std]}
            yield CorpusFinding(
                rule=rule.code, name=rule.name, category=Category.NAME_MISSPELLING,
                severity=rule.severity, suggestion=std_text, confidence=rule.confidence,
                message=(f"{forms[var][0][1].text!r} ({len(var_paths)} article(s)) and {std_text!r} "
                         f"({len(std_paths)} article(s)) look like one name spelt differently"),
                spans=spans)
