"""LG: passages in another language or script, and articles that are not in English.

The article's language is ``seg.language`` (set by the engine from ``langid.article_language``);
each paragraph's language comes from ``langid.paragraph_languages`` (memoised on the
segmentation). Both use the cheap tests first (script, English and foreign function words) and
call langdetect, seeded, only for long paragraphs that look foreign. Every rule of this family
runs on non-English articles too.
"""

from __future__ import annotations

from typing import Iterable

from ..findings import Finding
from ..langid import (language_name, paragraph_languages, paragraph_scripts, script_of,
                      script_of_language)
from ..rulepacks import Rule, RulePack
from ..segment import Segmented

_OPENERS = "(“\"‘'«["


def check(seg: Segmented, pack: RulePack, ctx) -> Iterable[Finding]:
    if not seg.paragraphs:
        return
    rules = pack.rules
    if "LG001" in rules and ctx.on("LG001") or "LG002" in rules and ctx.on("LG002"):
        yield from _foreign_paragraphs(seg, pack, ctx)
    if "LG003" in rules and ctx.on("LG003") and seg.language != "en":
        rule = rules["LG003"]
        # The first paragraph in the article's own language (not an English headline above it).
        langs = _paragraph_langs(seg)
        p = next((q for q, lang in zip(seg.paragraphs, langs) if lang == seg.language), seg.paragraphs[0])
        name = language_name(seg.language)
        yield rule.finding(seg, p.start, p.end,
                           message=f"Article is in {name} ({seg.language}), not English: "
                                   "English-only rules were not run")
    if "LG004" in rules and ctx.on("LG004") and not seg.text.isascii():
        yield from _mixed_script_words(seg, rules["LG004"])
    if "LG005" in rules and ctx.on("LG005") and not seg.text.isascii():
        yield from _foreign_script_runs(seg, rules["LG005"])


def describe(seg: Segmented, pack: RulePack, ctx) -> dict:
    out: dict = {}
    if seg.language != "en":
        out["language_note"] = (f"The article is in {language_name(seg.language)} ({seg.language}); "
                                "rules that only apply to English were not run.")
    others = sorted({lang for lang in _paragraph_langs(seg) if lang not in ("und", seg.language)})
    if others:
        out["other_languages"] = others
    return out


def _paragraph_langs(seg: Segmented) -> list[str]:
    return paragraph_languages(seg)


def _foreign_paragraphs(seg: Segmented, pack: RulePack, ctx) -> Iterable[Finding]:
    article_script = script_of_language(seg.language)
    r1 = pack.rules.get("LG001") if ctx.on("LG001") else None
    r2 = pack.rules.get("LG002") if ctx.on("LG002") else None
    langs = _paragraph_langs(seg)
    for p, lang, (script, share, letters) in zip(seg.paragraphs, langs, paragraph_scripts(seg)):
        if lang in ("und", seg.language):
            continue
        name = language_name(lang)
        if script != article_script and share > 0.5:
            if r1 is not None and letters >= r1.data["min_letters"]:
                yield r1.finding(seg, p.start, p.end,
                                 message=f"Paragraph in {script.capitalize()} script ({name}) left untranslated")
        elif r2 is not None and script == article_script:
            # English is recognised from its function words, so a short English headline over a
            # French article counts too; other languages need langdetect's minimum length.
            if lang == "en":
                if len(seg.tokens_in(p.start, p.end)) < r2.data["min_english_words"]:
                    continue
            elif len(p.text) < r2.data["min_chars"]:
                continue
            yield r2.finding(seg, p.start, p.end,
                             message=f"Paragraph in {name} in an article in {language_name(seg.language)}")


def _mixed_script_words(seg: Segmented, rule: Rule) -> Iterable[Finding]:
    wanted = set(rule.data["scripts"])
    for tok in seg.tokens:
        if tok.text.isascii() or len(tok.text) < 2:
            continue
        scripts = {script_of(c) for c in tok.text} - {""}
        if "latin" in scripts and scripts & wanted:
            other = sorted(scripts & wanted)[0]
            yield rule.finding(seg, tok.start, tok.end,
                               message=f"'{tok.text}' mixes Latin and {other.capitalize()} letters")


def _foreign_script_runs(seg: Segmented, rule: Rule) -> Iterable[Finding]:
    """Runs of words in another script inside paragraphs written in the article's script."""
    article_script = script_of_language(seg.language)
    text = seg.text
    n = rule.data["min_words"]
    for p, (script, share, _) in zip(seg.paragraphs, paragraph_scripts(seg)):
        if script == "latin" and share == 1.0:
            continue
        if script != article_script or share <= 0.5:
            continue  # a whole foreign paragraph is LG001's
        run: list = []
        for tok in seg.tokens_in(p.start, p.end) + [None]:
            s = _token_script(tok.text) if tok is not None else None
            if s and s != article_script and (not run or _adjacent(text, run[-1], tok)):
                run.append(tok)
                continue
            if len(run) >= n and not _glossed(text, run[0].start, run[-1].end):
                yield rule.finding(seg, run[0].start, run[-1].end)
            run = [tok] if s and s != article_script else []


def _token_script(word: str) -> str:
    if word.isascii():
        return "latin"
    for c in word:
        s = script_of(c)
        if s:
            return s
    return ""


def _adjacent(text: str, a, b) -> bool:
    """Only spaces and light punctuation between two tokens."""
    gap = text[a.end:b.start]
    return len(gap) <= 3 and all(c.isspace() or c in ",،;؛-–." for c in gap)


def _glossed(text: str, start: int, end: int) -> bool:
    """The run sits in brackets or quotation marks: a gloss of the original, not a leftover."""
    before = text[max(0, start - 2):start].strip()
    after = text[end:end + 2].strip()
    return bool(before) and before[-1] in _OPENERS and bool(after) and after[0] in ")”\"’'»]"
