"""The language of an article and of its passages: cheap tests first, langdetect last.

1. Script: letters are counted by Unicode block (ASCII text is Latin without looking further). A
   passage mostly in a non-Latin script is in that script's language; langdetect only separates
   languages that share a script (Arabic / Persian / Urdu, Russian / Ukrainian / Bulgarian).
2. Latin script: the share of English function words. Running English prose has 30-50 % of them;
   at 22 % or more a passage is English and langdetect is never called.
3. Otherwise the share of other Latin-script languages' function words (French, Spanish, German,
   Italian, Portuguese, Dutch, Turkish...). Without it (headlines, lists of names, captions) the
   passage is not called foreign at all: langdetect is unreliable on them. With it, and long
   enough, langdetect (seeded, so deterministic) names the language.

langdetect costs about 2 ms a paragraph, so it runs only where steps 1-3 say it is needed, and its
results are memoised.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import STOPWORDS, stopword_share

# Share of English function words above which a text is taken as English without langdetect.
EN_STOPWORDS_SURE = 0.22
# Share of other languages' function words from which langdetect is worth asking.
FOREIGN_STOPWORDS_MIN = 0.12
MIN_CHARS_FOR_LANGDETECT = 60
# langdetect reads at most this much of a passage (it samples n-grams; more adds time, not accuracy).
LANGDETECT_MAX_CHARS = 2000
LANGDETECT_MIN_PROB = 0.70

# Frequent function words of Latin-script languages other than English, leaving out those that
# are also common English words ("die", "son", "a", "in", "also", "art", "must"...).
FOREIGN_STOPWORDS: frozenset[str] = frozenset("""
le la de les des du et est une dans pour qui sur avec pas au aux ce cette sont ont été mais ou
elle nous vous leur selon entre après ses ces lui même aussi été déjà où très sans sous
el los las del y es por para con una se su sus lo como más pero fue según este esta ha han
entre sobre desde hasta también muy ya porque cuando sin donde
der das und ist nicht von zu den dem ein eine auf für sich auch im wird wurde sind hat
haben nach bei einer eines noch wie über oder aber vom zum zur dass
il di che della è sono gli nel alla dei delle anche più essere stato alle degli
os da do não em com uma dos das foi pelo pela ao à também mais seu sua entre são
het een en niet op zijn voor met dat naar ook maar uit bij wordt werd
ve bir bu ile için olarak olan çok daha gibi kadar ise
yang dengan untuk dari ini itu tidak pada adalah dalam
""".split()) - STOPWORDS

_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
# Letters that are not Latin (digits, marks and punctuation excluded).
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")

_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "greek"), (0x0400, 0x052F, "cyrillic"), (0x0530, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"), (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"), (0x0900, 0x097F, "devanagari"), (0x0E00, 0x0E7F, "thai"),
    (0x10A0, 0x10FF, "georgian"), (0x1100, 0x11FF, "hangul"), (0x1F00, 0x1FFF, "greek"),
    (0x3040, 0x309F, "hiragana"), (0x30A0, 0x30FF, "katakana"), (0x3130, 0x318F, "hangul"),
    (0x3400, 0x4DBF, "cjk"), (0x4E00, 0x9FFF, "cjk"), (0xAC00, 0xD7AF, "hangul"),
    (0xF900, 0xFAFF, "cjk"), (0xFB1D, 0xFB4F, "hebrew"), (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
)

_SCRIPT_LANG = {"arabic": "ar", "cyrillic": "ru", "cjk": "zh", "hiragana": "ja", "katakana": "ja",
                "hangul": "ko", "hebrew": "he", "greek": "el", "armenian": "hy", "georgian": "ka",
                "devanagari": "hi", "thai": "th"}
# The script each language is written in, for languages whose script is not Latin.
LANG_SCRIPT = {"ar": "arabic", "fa": "arabic", "ur": "arabic", "ps": "arabic", "ru": "cyrillic",
               "uk": "cyrillic", "bg": "cyrillic", "mk": "cyrillic", "sr": "cyrillic",
               "zh": "cjk", "zh-cn": "cjk", "zh-tw": "cjk", "ja": "cjk", "ko": "hangul",
               "he": "hebrew", "el": "greek", "hy": "armenian", "ka": "georgian",
               "hi": "devanagari", "mr": "devanagari", "ne": "devanagari", "th": "thai"}


def script_of(ch: str) -> str:
    """'latin', a script name ('arabic', 'cyrillic', ...), 'other', or '' for a non-letter."""
    if not ch.isalpha():
        return ""
    if _LATIN.match(ch):
        return "latin"
    cp = ord(ch)
    for lo, hi, name in _BLOCKS:
        if lo <= cp <= hi:
            return name
    return "other"


def script_counts(text: str) -> dict[str, int]:
    """Letters per script. Only letters outside the Latin blocks are looked at one by one."""
    total = sum(map(str.isalpha, text))
    if not total:
        return {}
    if text.isascii():
        return {"latin": total}
    counts: dict[str, int] = {}
    other = 0
    for m in _NON_LATIN.finditer(text):
        s = script_of(m.group())
        counts[s] = counts.get(s, 0) + 1
        other += 1
    if total > other:
        counts["latin"] = total - other
    return counts


def script_shares(text: str) -> dict[str, float]:
    counts = script_counts(text)
    total = sum(counts.values()) or 1
    return {k: v / total for k, v in counts.items()}


def main_script(text: str) -> tuple[str, float, int]:
    """(script, its share of the letters, number of letters); ('', 0, 0) without letters."""
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return "", 0.0, 0
    script, n = max(counts.items(), key=lambda kv: kv[1])
    return script, n / total, total


def script_of_language(lang: str) -> str:
    return LANG_SCRIPT.get(lang, "latin")


@lru_cache(maxsize=4096)
def langdetect_code(text: str) -> str:
    """langdetect's best guess (seeded: the same text always gives the same answer), or 'und'
    when its confidence is under LANGDETECT_MIN_PROB."""
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0  # deterministic output
    try:
        best = detect_langs(text[:LANGDETECT_MAX_CHARS])[0]
    except (LangDetectException, IndexError):
        return "und"
    return best.lang if best.prob >= LANGDETECT_MIN_PROB else "und"


def foreign_stopword_share(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(1 for w in words if w.lower() in FOREIGN_STOPWORDS) / len(words)


def guess_language(text: str, words: list[str], script: tuple[str, float, int] | None = None) -> str:
    """ISO 639-1 code of a passage, or 'und' when it is too short or too unlike prose to tell.

    ``words`` are the passage's word tokens (the caller's segmentation: no re-splitting here);
    ``script`` is its ``main_script`` when the caller already has it."""
    script, share, _letters = script or main_script(text)
    if not script:
        return "und"
    if script != "latin" and share > 0.5:
        # Script alone is enough for most; langdetect separates Arabic from Persian/Urdu etc.
        if len(text) >= MIN_CHARS_FOR_LANGDETECT:
            code = langdetect_code(text)
            if code != "und" and script_of_language(code) == script:
                return code
        return _SCRIPT_LANG.get(script, "und")
    en = stopword_share(words)
    if en >= EN_STOPWORDS_SURE:
        return "en"
    foreign = foreign_stopword_share(words)
    if foreign < FOREIGN_STOPWORDS_MIN or foreign <= en / 2:
        # No sign of another language: a headline, a list, a caption. English if it has any
        # English function words at all, else undetermined.
        return "en" if en >= 0.08 else "und"
    if len(text) < MIN_CHARS_FOR_LANGDETECT:
        return "und"
    return langdetect_code(text)


def article_language(seg) -> str:
    """The language most of the article is written in ('en' when undetermined).

    Plain English (Latin script, English function words at EN_STOPWORDS_SURE or more over the
    article) is settled at once. Otherwise each paragraph is judged and the language with the
    most characters wins, so a mixed article goes to its main language and an English headline
    does not make a French article English."""
    cached = seg.cache.get("article_language")
    if cached:
        return cached
    words = [t.text for t in seg.tokens[:2000]]
    head = seg.text[:20000]
    script, share, _ = main_script(head)
    if script == "latin" and share > 0.5 and stopword_share(words) >= EN_STOPWORDS_SURE:
        lang = "en"
    else:
        weight: dict[str, int] = {}
        for p, code in zip(seg.paragraphs, paragraph_languages(seg)):
            if code != "und":
                weight[code] = weight.get(code, 0) + len(p.text)
        lang = max(weight.items(), key=lambda kv: (kv[1], kv[0] == "en"))[0] if weight else guess_language(head, words)
    lang = "en" if lang == "und" else lang
    seg.cache["article_language"] = lang
    return lang


def paragraph_scripts(seg) -> list[tuple[str, float, int]]:
    """``main_script`` of each paragraph, memoised on the segmentation."""
    cached = seg.cache.get("paragraph_scripts")
    if cached is None:
        cached = seg.cache["paragraph_scripts"] = [main_script(p.text) for p in seg.paragraphs]
    return cached


def paragraph_languages(seg) -> list[str]:
    """The language of each paragraph (``seg.paragraphs`` order), memoised on the segmentation."""
    cached = seg.cache.get("paragraph_languages")
    if cached is not None:
        return cached
    out = []
    for p, script in zip(seg.paragraphs, paragraph_scripts(seg)):
        words = [t.text for t in seg.tokens_in(p.start, p.end)]
        out.append(guess_language(p.text, words, script))
    seg.cache["paragraph_languages"] = out
    return out


def language_name(code: str) -> str:
    """'French' for 'fr'; the code itself when unknown."""
    try:
        import pycountry

        found = pycountry.languages.get(alpha_2=code.split("-")[0])
        if found is not None:
            return found.name
    except (ImportError, KeyError, LookupError):
        pass
    return code
