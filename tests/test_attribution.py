"""UA: attribution detection, unattributed claims by kind, the source inventory, the traceability score."""

from __future__ import annotations

import json

import pytest

from auditor import scoring
from auditor.checks.attribution import classify_sentence
from auditor.engine import audit_paths
from auditor.findings import Category, Severity
from auditor.outputs import json as json_out
from conftest import SAMPLES, rules_hit, run_texts

UA = ["UA"]


def ua(text: str, **kw):
    """UA findings of one article: [(rule, attribution kind, text)]."""
    art = run_texts(text, select=UA, **kw).articles[0]
    return [(f.rule, f.extra.get("attribution"), f.text) for f in art.findings]


def article(text: str, **kw):
    return run_texts(text, select=UA, **kw).articles[0]


def sources(text: str) -> dict:
    return article(text).facts["sources"]


# ---- none: figures and accusations with no source ---------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "At least 40 civilians were killed when the market was shelled on Tuesday.",
    "Nearly 3,000 families have fled their homes since the river burst its banks.",
    "Hundreds of protesters were injured in clashes with the police.",
    "The floods caused damage estimated at $2 billion across the delta.",
])
def test_unsourced_figure_is_flagged_as_none(sentence):
    assert ua(f"Title\n\n{sentence}") == [("UA001", "none", sentence)]


@pytest.mark.parametrize("sentence", [
    "At least 40 civilians were killed when the market was shelled, the health ministry said.",
    "The health ministry said at least 40 civilians were killed when the market was shelled.",
    "According to the health ministry, at least 40 civilians were killed in the shelling.",
    "At least 40 civilians were killed in the shelling (Reuters).",
    "\"At least 40 civilians were killed in the shelling,\" said Dr. Amina Yusuf, who runs the hospital.",
    "The Red Cross put the number of displaced at 3,000, saying that 40 civilians had been killed.",
    "An inquiry by the national audit office found that $40 million meant for hospitals had been stolen.",
])
def test_attributed_figure_is_not_flagged(sentence):
    assert ua(f"Title\n\n{sentence}") == []


def test_plain_numbers_rates_and_results_are_not_claims():
    text = ("Title\n\nThe central bank raised its main rate to 24.75% on Tuesday. Shares rose 4% in late "
            "trading. The town, about 430 km north of the capital, has 120,000 inhabitants. The talks "
            "resumed on 12 March after a two-week pause.")
    assert ua(text) == []


def test_clause_before_a_later_attribution_is_not_covered():
    sentence = ("Dozens of civilians were killed in the fighting, and the army acknowledged that 12 of its "
                "soldiers had died.")
    assert ua(f"Title\n\n{sentence}") == [("UA001", "none", sentence)]


def test_unsourced_accusation_is_flagged_as_none():
    sentence = "The militia committed war crimes against civilians in the villages near the border."
    assert ua(f"Title\n\n{sentence}") == [("UA002", "none", sentence)]
    assert ua(f"Title\n\n{sentence[:-1]}, Human Rights Watch said in a report.") == []


def test_background_figures_are_low_severity():
    art = article("Title\n\nA war in the early 1990s killed nearly 30,000 people in the region.")
    assert [(f.rule, f.severity.value) for f in art.findings] == [("UA001", "low")]


# ---- vague ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Analysts say the offensive will stall before the winter.",
    "Observers believe the turnout figure was inflated in the capital.",
    "The rebels have been accused of recruiting children in the eastern provinces.",
    "It is said that the convoy was looted before it reached the city.",
    "The neighbouring state is said to have sent fighters across the border.",
    "The official toll reached 300 dead, including civilians.",
    "The clashes are fuelling international fears of a wider war.",
])
def test_vague_attribution(sentence):
    assert ua(f"Title\n\n{sentence}") == [("UA003", "vague", sentence)]


@pytest.mark.parametrize("sentence", [
    "The rebels were accused by the United Nations of recruiting children.",
    "Observers from the European Union said the turnout figure was inflated.",
    "The offensive will stall before the winter, said Maria Lind, an analyst at the Nordic Institute.",
])
def test_named_versions_are_not_vague(sentence):
    assert ua(f"Title\n\n{sentence}") == []


# ---- anonymous -------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "A security source said 12 soldiers died when their convoy struck a mine.",
    "Eyewitnesses said soldiers turned voters away from the polling stations.",
    "A Western diplomat said the conditions for a credible vote had not been met.",
    "The channel's correspondent quoted military sources as saying that the town had fallen.",
    "The company will cut 2,000 jobs, people familiar with the matter said.",
    "A local official, who asked not to be named, said the school had collapsed.",
    "A member of parliament, who refused to reveal his name, told a news agency that the debt was hidden.",
    "Officials said 40 people had been arrested after the protest.",
])
def test_anonymous_source(sentence):
    assert ua(f"Title\n\n{sentence}") == [("UA004", "anonymous", sentence)]


def test_routine_unnamed_officials_without_a_claim_are_not_flagged():
    assert ua("Title\n\nThe delegations met on Monday in the capital, officials said.") == []


def test_named_speaker_in_apposition_is_not_anonymous():
    text = "Title\n\nJane Roe, the official in charge of the relief effort, said 300 families had fled."
    assert ua(text) == []


# ---- carry-over ------------------------------------------------------------------------------------
def test_he_added_carries_an_anonymous_source():
    text = ("Title\n\nA European diplomat said the ceasefire would not hold. He added that the army had "
            "upset the balance of power on the ground.")
    found = ua(text)
    assert [r[:2] for r in found] == [("UA004", "anonymous"), ("UA004", "anonymous")]
    assert found[1][2].startswith("He added")


def test_he_added_carries_a_named_source():
    text = ("Title\n\nThe defence ministry said on Monday that 200 tanks had been destroyed. It added that "
            "40 soldiers were killed. The statement said 12 more were missing.")
    assert ua(text) == []


def test_a_quotation_over_several_sentences_belongs_to_its_speaker():
    text = ("Title\n\nThe mayor, Ana Costa, said: \u201cWe have counted the dead. At least 40 people "
            "were killed in the old town.\u201d")
    assert ua(text) == []


def test_carry_over_stops_after_a_short_window():
    text = ("Title\n\nThe ministry said on Monday that the talks would resume.\n\nThe delegations arrived in "
            "the evening.\n\nThe hotel was closed to the public.\n\nThe roads were blocked for hours.\n\n"
            "He added that 50 people had been killed.")
    assert ua(text) == []  # a pronoun speaker with no antecedent in range is still a speaker


# ---- skipped text ---------------------------------------------------------------------------------
def test_headings_captions_and_teasers_are_not_claims():
    text = ("At least 40 killed in market attack\n\nMarket attack\n\nThe market was shelled on Tuesday, "
            "the ministry said.\n\nDozens of civilians were killed in the north...\n\n"
            "Rescuers at the market on Tuesday (AFP)")
    assert ua(text) == []


# ---- messages and spans ---------------------------------------------------------------------------
def test_message_names_the_kind_and_span_is_the_sentence():
    text = "Title\n\nThe army was blamed. Analysts say the offensive will stall. The talks resumed."
    art = article(text)
    (f,) = art.findings
    assert f.text == "Analysts say the offensive will stall."
    assert "vague" in f.message and f.category is Category.UNATTRIBUTED_CLAIM
    assert art.text[f.start:f.end] == f.text


def test_user_severity_override_wins():
    art = article("Title\n\nAnalysts say the offensive will stall.", severity={"UA003": Severity.LOW})
    assert [f.severity.value for f in art.findings] == ["low"]


def test_one_finding_per_sentence_falls_back_when_a_rule_is_off():
    text = "Title\n\nA security source said 12 soldiers died when their convoy struck a mine."
    run = run_texts(text, select=["UA001"])
    assert [(f.rule, f.extra["attribution"]) for f in run.articles[0].findings] == []
    run = run_texts(text, select=["UA004"])
    assert [f.rule for f in run.articles[0].findings] == ["UA004"]


# ---- the source inventory --------------------------------------------------------------------------
def test_dateline_credits_the_original_source():
    s = sources("Title\n\nNAIROBI, March 3 (Reuters) - Kenya and Uganda agreed on Monday to open the "
                "border at night, the trade ministries said.")
    assert s["original_source"] == "Reuters"
    assert s["credits"][0]["kind"] == "dateline" and s["credits"][0]["text"].startswith("NAIROBI")


def test_credit_line_prefers_the_wire_agency():
    s = sources("Title\n\nThe talks resumed on Monday, the ministry said.\n\nFrance 24 / AFP")
    assert s["original_source"] == "AFP"
    assert {"France 24", "AFP"} <= set(s["agencies"])


def test_source_line_and_unknown_outlets():
    s = sources("Title\n\nSource: Gazeta Nova, agencies\n\nThe talks resumed on Monday, the ministry said.")
    assert s["original_source"] == "Gazeta Nova"
    assert s["credits"][0]["kind"] == "credit_line"


def test_source_link_placeholder_is_not_a_credit():
    s = sources("Title\n\nThe talks resumed on Monday, the ministry said.\n\nSource link")
    assert s["original_source"] is None and s["credits"] == []


def test_agency_mentions_correspondents_interviews_and_photo_credits():
    text = ("Title\n\nThe minister, in an interview with Anadolu Agency, said the talks would resume.\n\n"
            "The Al-Jazeera correspondent reported that the shelling continued.\n\n"
            "Soldiers at a checkpoint near the border (Anatolia)\n\n"
            "The ministry said the border would reopen.")
    s = sources(text)
    kinds = {(c["kind"], c["credited"][0]) for c in s["credits"]}
    assert ("interview", "Anadolu Agency") in kinds
    assert ("correspondent", "Al Jazeera") in kinds
    assert ("photo_credit", "Anadolu Agency") in kinds
    assert s["original_source"] is None  # mentions in the body do not credit the article


def test_byline():
    s = sources("Title\n\nThe talks resumed on Monday, the ministry said.\n\n"
                "Reporting by Jane Roe; Editing by John Doe")
    assert s["bylines"] == ["Jane Roe"]


def test_syndication_note_names_the_chain():
    s = sources("Title\n\nThe talks resumed, the ministry said.\n\nThe original news has been published and is "
                "available at examplenews and the editorial team at Daily Example has confirmed it.")
    assert s["syndication_chain"] == ["examplenews", "Daily Example"]


def test_counts_of_named_anonymous_and_vague_attributions():
    text = ("Title\n\nThe health ministry said 40 people had died. A security source said 12 soldiers died. "
            "Analysts say the offensive will stall. Maria Lind, an analyst at the Nordic Institute, said "
            "the talks would fail. He added that the army was exhausted.")
    s = sources(text)
    assert (s["named_attributions"], s["anonymous_attributions"], s["vague_attributions"]) == (3, 1, 1)
    names = [n["source"] for n in s["named_sources"]]
    assert "The health ministry" in names and any("Maria Lind" in n for n in names)


def test_sources_fact_is_in_the_json_output():
    run = run_texts("Title\n\nAnalysts say the offensive will stall, the paper said.\n\nAFP", select=UA)
    doc = json.loads(json_out.render(run))
    art = doc["articles"][0]
    assert art["sources"]["original_source"] == "AFP"
    assert {"named_attributions", "anonymous_attributions", "vague_attributions", "credits"} <= set(art["sources"])


# ---- samples ---------------------------------------------------------------------------------------
def test_clean_wire_story_has_no_ua_findings_and_full_traceability():
    run = audit_paths([str(SAMPLES / "07_clean.txt")])
    art = run.articles[0]
    assert [f for f in art.findings if f.rule.startswith("UA")] == []
    assert art.facts["sources"]["original_source"] == "Reuters"
    assert art.scores["traceability"] == 100


def test_attribution_sample_flags_each_kind():
    run = audit_paths([str(SAMPLES / "05_attribution.txt")])
    kinds = {f.extra["attribution"] for f in run.articles[0].findings if f.rule.startswith("UA")}
    assert kinds == {"none", "vague", "anonymous"}


# ---- the traceability score moves the right way ----------------------------------------------------
BASE = ("Title\n\nThe health ministry said on Monday that 40 people had been killed in the shelling. "
        "The army said the attack had been repelled. The mayor, Ana Costa, said the market would reopen.")


def _trace(text: str) -> int:
    return article(text).scores["traceability"]


def test_traceability_falls_with_each_unattributed_claim():
    one = BASE + " Hundreds of families fled the town."
    two = one + " Analysts say the offensive will stall."
    assert _trace(BASE) == 100
    assert 100 > _trace(one) > _trace(two)


def test_crediting_the_original_source_raises_traceability():
    text = BASE + " Hundreds of families fled the town."
    assert _trace(text + "\n\n(Reuters)") > _trace(text)


def test_anonymous_sources_cost_less_than_no_source_but_more_than_named():
    named = BASE + " The defence ministry said 12 soldiers died when their convoy struck a mine."
    anonymous = BASE + " A security source said 12 soldiers died when their convoy struck a mine."
    none = BASE + " Twelve soldiers died when their convoy struck a mine."
    assert _trace(named) == 100
    assert _trace(named) > _trace(anonymous) > _trace(none)


def test_traceability_breakdown_explains_the_score():
    art = article(BASE + " Hundreds of families fled the town. A security source said 12 soldiers died.")
    labels = [c.label for c in art.traceability.costs]
    assert any(lab.startswith("UA001") for lab in labels) and any(lab.startswith("UA004") for lab in labels)
    assert any("original source" in lab for lab in labels)
    assert any("unnamed sources" in lab for lab in labels)
    assert abs(sum(c.score_points for c in art.traceability.costs) - (100 - art.scores["traceability"])) < 1


def test_scraper_chain_costs_traceability():
    art = run_texts(BASE + "\n\nSource link").articles[0]
    assert art.scores["traceability"] < 100
    assert scoring.traceability([], art.words, art.facts).value == 100


# ---- the sentence classifier (CoNLL evaluation) ------------------------------------------------------
def test_classify_sentence():
    assert classify_sentence("Some scholars argue that the manuscript is a later copy.") == ("UA003", "vague")
    assert classify_sentence("It is believed that the tower was built in the 12th century.") == ("UA003", "vague")
    assert classify_sentence("The tower was built in 1172 by the bishop of the city.") is None
    assert classify_sentence("The tower may have been built by Bishop Odo.") == ("UA005", "none")
    assert classify_sentence("You may find the tower beautiful.") is None
    assert classify_sentence("Many visitors find the tower beautiful.") is None
    assert classify_sentence("Many visitors find the tower beautiful.", weasel=True) == ("UA006", "vague")


def test_weasel_rule_is_opt_in():
    text = "Explainer\n\nMany visitors find the old tower the most beautiful building in the city."
    assert "UA006" not in rules_hit(text)
    assert "UA006" not in rules_hit(text, select=["UA"])
    assert "UA006" in rules_hit(text, select=["UA", "UA006"])
    assert "UA006" in rules_hit(text, select=["weasel-words"])
    named = "Explainer\n\nMany visitors find the old tower beautiful, the city's tourism office said in a report."
    assert "UA006" not in rules_hit(named, select=["UA006"])


def test_inverted_credit_closing_a_sentence_is_a_source():
    assert classify_sentence("The outbreak caused 26 cases and 11 deaths between 2009 and 2018, reports Reuters.") is None
    assert classify_sentence("The outbreak caused 26 cases and 11 deaths in 2018, said the health ministry.") is None


def test_historical_background_figures_are_low_severity():
    text = ("Plague\n\nThe Black Death spread across Europe in the 14th century, killing up to 60 percent of "
            "the population.\n\nThe city reported 12 new cases on Monday.")
    run = run_texts(text, select=["UA"])
    hist = [f for f in run.articles[0].findings if "Black Death" in f.text]
    assert hist and all(f.severity is Severity.LOW for f in hist)
