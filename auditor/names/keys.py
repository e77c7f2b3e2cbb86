"""Name keys: folding, a transliteration-aware consonant skeleton, and name similarity.

``fold`` lowercases, removes diacritics and punctuation ("Füzuli" -> "fuzuli", "al-Burhan" ->
"al burhan"). ``skeleton`` keeps the consonant outline of a folded word with the letters that
transliteration (above all through Arabic, Persian and Cyrillic script, which do not write short
vowels and lack p, v or a hard g) confuses merged into one class: b/p, v/w, g/j/dj/zh, k/q/c,
s/sh/ts, vowels and h dropped, doubled letters collapsed. "Jeyhun Bayramov", "Jihon Permov"
and "Zhihun Piramov" share it; "Bashar" and "Maher" do not.

``name_similarity`` scores two names from 0 to 1; its threshold is decided from the external
name-variant pairs (``scripts/evaluate_names.py``; see ``rules/names.toml``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import textdistance

# textdistance (the product's name-similarity library; it hands the work to rapidfuzz or jellyfish
# when they are installed). Damerau-Levenshtein unrestricted: a transposition is one edit.
_JW = textdistance.JaroWinkler()
_DL = textdistance.DamerauLevenshtein(restricted=False)

_SPECIAL = str.maketrans({
    "ə": "a", "Ə": "a", "ı": "i", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "đ": "d",
    "Đ": "d", "ł": "l", "Ł": "l", "þ": "th", "ð": "d", "ŀ": "l", "œ": "oe", "Œ": "oe",
})
_APOS = re.compile(r"['’‘`ʼʻ′´]")
_NON = re.compile(r"[^a-z0-9]+")
# Particles that may be written joined, hyphenated or dropped: they do not decide identity.
PARTICLES = frozenset("al el ul ad ar as at az ash an ibn bin bint ben abu de da di del della der "
                      "den van von la le du dos das".split())


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = _APOS.sub("", t)
    return _NON.sub(" ", t).strip()


_DIGRAPHS = [("dzh", "j"), ("tsch", "s"), ("sch", "s"), ("tch", "s"), ("zh", "j"), ("dj", "j"),
             ("kh", "x"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("ph", "f"), ("th", "t"),
             ("ts", "s"), ("ck", "k"), ("qu", "k")]
_CLASS = str.maketrans({"p": "b", "w": "v", "q": "k", "g": "j", "z": "z", "x": "k",
                        "a": None, "e": None, "i": None, "o": None, "u": None, "y": None, "h": None})
_C_SOFT = re.compile(r"c(?=[eiy])")


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """Consonant outline of one folded word (or of a folded name with its spaces removed)."""
    w = word.replace(" ", "")
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    w = _C_SOFT.sub("s", w).replace("c", "k")
    w = w.translate(_CLASS)
    out = []
    for ch in w:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def name_skeleton(folded: str) -> str:
    return skeleton("".join(t for t in folded.split() if t not in PARTICLES))


def sorted_key(folded: str) -> str:
    """Order-free consonant key: catches transposed letters ("Misank" / "Minsk")."""
    return "".join(sorted(set(name_skeleton(folded))))


def core_tokens(folded: str) -> list[str]:
    toks = [t for t in folded.split() if t not in PARTICLES]
    return toks or folded.split()


_VCLASS = str.maketrans({"p": "b", "w": "v", "q": "k", "g": "j", "x": "k", "e": "a", "i": "a",
                         "o": "a", "u": "a", "y": "a", "h": None})
_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m*(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


@lru_cache(maxsize=200_000)
def translit_form(word: str) -> str:
    """The skeleton with a placeholder kept for each vowel group ("jeyhun" -> "jajan")."""
    w = word
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    w = _C_SOFT.sub("s", w).replace("c", "k").translate(_VCLASS)
    out = []
    for ch in w:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=200_000)
def token_similarity(a: str, b: str) -> float:
    """Similarity of two folded tokens: the mean of Jaro-Winkler on the spelling and on the
    transliteration form (so "Jihon"/"Jeyhun" and "Iwazov"/"Eyvazov" score high). Numbers and
    Roman numerals must be equal."""
    if a == b:
        return 1.0
    if a.isdigit() or b.isdigit() or _ROMAN.match(a) or _ROMAN.match(b):
        return 0.0
    j = _JW.normalized_similarity(a, b)
    v = _JW.normalized_similarity(translit_form(a), translit_form(b))
    return (j + v) / 2


@lru_cache(maxsize=100_000)
def edit_distance(a: str, b: str) -> int:
    return int(_DL.distance(a, b))


def name_similarity(a: str, b: str) -> float:
    """Similarity of two folded names (0-1). Tokens are aligned in order; the weakest aligned
    token decides, so "Bashar al-Assad" / "Maher al-Assad" stay apart. Names with a different
    number of tokens are compared joined ("Goran Boy" / "Goranboy", "Abdel Fattah" /
    "Abdulfattah") and by their surnames."""
    if a == b:
        return 1.0
    ta, tb = core_tokens(a), core_tokens(b)
    joined = token_similarity("".join(ta), "".join(tb))
    if len(ta) == len(tb):
        sims = [token_similarity(x, y) for x, y in zip(ta, tb)]
        if any(s == 0.0 for s in sims):
            return 0.0            # a different number or Roman numeral: another entity
        return max(min(sims), joined if len(ta) > 1 and joined >= 0.97 else 0.0)
    return _uneven(ta, tb, joined)


def _uneven(ta: list[str], tb: list[str], joined: float) -> float:
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    best = joined
    # merge adjacent tokens of the longer name to reach the shorter length
    if len(long_) == len(short) + 1:
        for i in range(len(long_) - 1):
            merged = long_[:i] + [long_[i] + long_[i + 1]] + long_[i + 2:]
            sims = [token_similarity(x, y) for x, y in zip(short, merged)]
            best = max(best, min(sims))
    return best
