"""LG and langid: the article's language, passages in another language or script."""

from __future__ import annotations

import pytest

from auditor import langid
from auditor.config import Policy
from auditor.documents import Document
from auditor.engine import audit_documents, audit_text
from auditor.segment import Segmented
from conftest import SAMPLES

ARABIC = ("وقال النائب للصحافيين بعد لقائه الرئيس المكلف في مجلس النواب إن المشاورات ستستأنف مطلع "
          "الأسبوع المقبل، مشيراً إلى أن العقدة الأساسية ما زالت تتمثل في توزيع الحقائب السيادية.")
FRENCH = ("Selon un communiqué de la présidence, le chef de l'État a reçu jeudi le Premier ministre désigné "
          "au palais pour un entretien d'une heure consacré à la répartition des portefeuilles.")
SPANISH = ("El presidente del Gobierno se reunió el lunes con los líderes de los partidos para discutir "
           "el presupuesto del próximo año y el calendario de la votación en el Congreso.")
RUSSIAN = ("Министр иностранных дел заявил журналистам, что переговоры возобновятся на следующей неделе "
           "в Стамбуле, если стороны договорятся о повестке дня.")
ENGLISH = ("Lebanon's prime minister-designate met the president on Thursday for the third time in a week, "
           "but said a final line-up was still some days away as the main blocs argued over the finance ministry.")
ENGLISH_2 = ("The International Monetary Fund said a new government would need to pass banking and budget "
             "reforms before a financing programme could be agreed with the lenders.")


def article(*paras: str, title: str = "Cabinet talks stall over finance ministry") -> str:
    return "\n\n".join((title,) + paras)


def rules_in(text: str, select=("LG",)) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in audit_text(text, Policy(select=list(select))).findings]


# ---- langid ----------------------------------------------------------------------------------
def seg_of(text: str) -> Segmented:
    return Segmented(Document(path="x.txt", text=text))


@pytest.mark.parametrize("text, lang", [
    (article(ENGLISH, ENGLISH_2), "en"),
    (article(FRENCH, FRENCH, title="Les négociations sur le gouvernement piétinent"), "fr"),
    (article(SPANISH, SPANISH, title="El Gobierno y los partidos"), "es"),
    (article(ARABIC, ARABIC, title="الرئيس يلتقي رئيس الحكومة المكلف"), "ar"),
    (article(RUSSIAN, RUSSIAN, title="Переговоры в Стамбуле"), "ru"),
    ("", "en"),
])
def test_article_language(text, lang):
    assert langid.article_language(seg_of(text)) == lang


def test_english_is_recognised_without_langdetect(monkeypatch):
    def boom(_text):
        raise AssertionError("langdetect should not be needed for plain English")
    monkeypatch.setattr(langid, "langdetect_code", boom)
    seg = seg_of(article(ENGLISH, ENGLISH_2, "Fozuli, Jabrayil, Tartar, Aghdam and Barda", "PREV Floods hit Kenya"))
    assert langid.article_language(seg) == "en"
    assert set(langid.paragraph_languages(seg)) <= {"en", "und"}


def test_short_lines_are_undetermined_not_foreign():
    assert langid.guess_language("Madrid, Barcelona, Sevilla", ["Madrid", "Barcelona", "Sevilla"]) == "und"
    assert langid.guess_language("Le Monde", ["Le", "Monde"]) == "und"


def test_langdetect_is_deterministic():
    langid.langdetect_code.cache_clear()
    first = [langid.langdetect_code(t) for t in (FRENCH, SPANISH, FRENCH[:70])]
    langid.langdetect_code.cache_clear()
    again = [langid.langdetect_code(t) for t in (FRENCH, SPANISH, FRENCH[:70])]
    assert first == again and first[:2] == ["fr", "es"]


def test_scripts():
    assert langid.main_script(ARABIC)[0] == "arabic"
    assert langid.main_script(RUSSIAN)[0] == "cyrillic"
    assert langid.main_script("Plain ASCII text")[0] == "latin"
    assert langid.script_of("é") == "latin" and langid.script_of("ж") == "cyrillic" and langid.script_of("1") == ""


# ---- LG001 / LG002 foreign paragraphs --------------------------------------------------------------
def test_arabic_paragraph_in_english_article():
    text = article(ENGLISH, ARABIC, ENGLISH_2)
    assert rules_in(text) == [("LG001", ARABIC)]


def test_french_and_spanish_paragraphs_in_english_article():
    text = article(ENGLISH, FRENCH, ENGLISH_2, SPANISH)
    assert rules_in(text) == [("LG002", FRENCH), ("LG002", SPANISH)]


def test_french_article_with_english_headline():
    headline = "Lebanon's prime minister meets the president as talks stall"
    text = article(FRENCH, FRENCH.replace("jeudi", "vendredi"), title=headline)
    found = rules_in(text)
    assert ("LG002", headline) in found
    # The untranslated-article note sits on the first French paragraph, not on the English headline.
    assert ("LG003", FRENCH) in found


def test_english_article_with_short_foreign_words_is_fine():
    text = article(ENGLISH, "The meeting at Baabda Palace, the Palais de Baabda, lasted an hour, "
                            "and the talks were described as a tour d'horizon.", ENGLISH_2,
                   "Le Monde and El País reported the meeting.")
    assert rules_in(text) == []


def test_sample_06_language():
    run = audit_documents([Document(path="06.txt", text=(SAMPLES / "06_language.txt").read_text(encoding="utf-8"))],
                          Policy(select=["LG"]))
    art = run.articles[0]
    assert art.language == "en"
    assert [f.rule for f in art.findings] == ["LG001", "LG002"]
    assert art.facts["other_languages"] == ["ar", "fr"]


# ---- LG003 untranslated article, and the English-only rules ------------------------------------------
def test_non_english_article_gets_a_note_and_skips_english_only_rules():
    text = article(FRENCH + " Il a dit que que le dossier des détenus restait ouvert.", FRENCH,
                   title="Le gouvernement libanais toujours introuvable")
    art = audit_text(text)
    assert art.language == "fr"
    assert "French" in art.facts["language_note"]
    assert {f.rule for f in art.findings} <= {"LG003"} | {f.rule for f in art.findings if not f.rule.startswith(("MT", "BP", "UA"))}
    assert not any(f.rule.startswith("MT") for f in art.findings)
    assert [f.rule for f in art.findings if f.rule.startswith("LG")] == ["LG003"]


def test_english_article_has_no_language_note():
    art = audit_text(article(ENGLISH, ENGLISH_2))
    assert "language_note" not in art.facts and "other_languages" not in art.facts


def test_arabic_article_with_english_paragraph():
    text = article(ARABIC, ENGLISH, ARABIC.replace("الأسبوع", "الشهر"), title="الرئيس يلتقي رئيس الحكومة المكلف")
    found = rules_in(text)
    assert ("LG001", ENGLISH) in found and any(r == "LG003" for r, _ in found)


# ---- LG004 / LG005 ---------------------------------------------------------------------------
def test_mixed_script_word():
    text = article("The delegation arrived in Мoscow on Monday and left for Kyіv.")  # Cyrillic М and і
    assert [r for r in rules_in(text)] == [("LG004", "Мoscow"), ("LG004", "Kyіv")]
    assert rules_in(article("The Russian word Москва means Moscow, and Київ means Kyiv.")) == []


def test_foreign_script_run():
    text = article("The MP told reporters وقال النائب وليد حداد that the talks would resume next week.")
    assert rules_in(text) == [("LG005", "وقال النائب وليد حداد")]
    glossed = article("The slogan (الشعب يريد إسقاط النظام) was chanted again, and the word حزب means party.")
    assert rules_in(glossed) == []
