"""Shared word knowledge: English stop words and word frequencies (wordfreq), cached."""

from __future__ import annotations

from functools import lru_cache

# Function words: their share in a passage tells running English prose from lists, menus and
# other languages (jusText uses the same signal to tell body text from boilerplate).
STOPWORDS: frozenset[str] = frozenset("""
a about above after again against all also although am an and any are as at be because been
before being below between both but by can could did do does doing down during each either
few for from further had has have having he her here hers herself him himself his how however
i if in into is it its itself just may me might more most must my myself neither no nor not
now of off on once only or other our ours ourselves out over own same shall she should since
so some such than that the their theirs them themselves then there these they this those
though through to too under until up upon very was we were what when where whether which while
who whom whose why will with within without would yet you your yours yourself yourselves
""".split())


def stopword_share(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(1 for w in words if w.lower() in STOPWORDS) / len(words)


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency of a word (0 = unknown, 7 = 'the'); wordfreq's combined English list."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def is_common_word(word: str, threshold: float = 3.0) -> bool:
    return zipf(word.lower()) >= threshold
