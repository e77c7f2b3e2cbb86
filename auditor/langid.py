"""The article's language: a cheap test first (script, English stop-word share), langdetect
only when the cheap test cannot tell. langdetect is slow and random unless seeded."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .lexicon import stopword_share

# Share of English function words above which a text is taken as English without langdetect.
EN_STOPWORDS_SURE = 0.22
MIN_CHARS_FOR_LANGDETECT = 60


def script_of(ch: str) -> str:
    if ch.isascii():
        return "latin" if ch.isalpha() else ""
    if not ch.isalpha():
        return ""
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "ARABIC", "CYRILLIC", "CJK", "HIRAGANA", "KATAKANA", "HANGUL",
                   "HEBREW", "GREEK", "ARMENIAN", "GEORGIAN", "DEVANAGARI", "THAI"):
        if name.startswith(script):
            return script.lower()
    return "other"


def script_shares(text: str) -> dict[str, float]:
    counts: dict[str, int] = {}
    for ch in text:
        s = script_of(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    total = sum(counts.values()) or 1
    return {k: v / total for k, v in counts.items()}


_SCRIPT_LANG = {"arabic": "ar", "cyrillic": "ru", "cjk": "zh", "hiragana": "ja", "katakana": "ja",
                "hangul": "ko", "hebrew": "he", "greek": "el", "armenian": "hy", "georgian": "ka",
                "devanagari": "hi", "thai": "th"}


@lru_cache(maxsize=4096)
def langdetect_code(text: str) -> str:
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0  # deterministic output
    try:
        return detect(text)
    except LangDetectException:
        return "und"


def guess_language(text: str, words: list[str]) -> str:
    """ISO 639-1 code of a passage, or 'und' when it is too short to tell."""
    shares = script_shares(text)
    if not shares:
        return "und"
    script, share = max(shares.items(), key=lambda kv: kv[1])
    if script != "latin" and share > 0.5:
        # Script alone is enough for most; langdetect separates Arabic from Persian/Urdu etc.
        if len(text) >= MIN_CHARS_FOR_LANGDETECT:
            return langdetect_code(text)
        return _SCRIPT_LANG.get(script, "und")
    if stopword_share(words) >= EN_STOPWORDS_SURE:
        return "en"
    if len(text) < MIN_CHARS_FOR_LANGDETECT:
        return "und"
    return langdetect_code(text)


def article_language(seg) -> str:
    words = [t.text for t in seg.tokens[:2000]]
    lang = guess_language(seg.text[:20000], words)
    return "en" if lang == "und" else lang
