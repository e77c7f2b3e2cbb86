from __future__ import annotations

from auditor.engine import audit_paths
from conftest import SAMPLES, run_texts

STORY = ("Clashes at the border\n\nPolice said 120 people were injured in the clashes at the border "
         "crossing on Tuesday night, and the road was closed to traffic. The interior minister said the "
         "government would send more officers to the northern crossing points on Wednesday morning.")


def test_two_outlets_of_one_story_share_passages_and_conflict():
    run = audit_paths([str(SAMPLES / "08_outlet_a.txt"), str(SAMPLES / "09_outlet_b.txt")])
    rules = [c.rule for c in run.corpus_findings]
    assert rules.count("SY001") >= 3
    conflict = next(c for c in run.corpus_findings if c.rule == "SY002")
    assert {s.text for s in conflict.spans} == {"120 people were injured", "210 people were injured"}
    for c in run.corpus_findings:
        assert len(c.paths) == 2
        for s in c.spans:
            assert (SAMPLES / s.path.rsplit("/", 1)[-1]).read_text(encoding="utf-8")[s.start:s.end] == s.text


def test_one_article_has_no_corpus_findings():
    assert run_texts(STORY).corpus_findings == []


def test_parts_and_years_are_not_conflicting_counts():
    other = STORY.replace("120 people were injured", "34 of the injured were police officers, of 120 people injured")
    run = run_texts([STORY, other.replace("Tuesday night", "Tuesday night in 2023")])
    assert [c for c in run.corpus_findings if c.rule == "SY002"] == []


def test_unrelated_articles_are_not_linked():
    unrelated = ("Harvest begins early\n\nFarmers in the south began the wheat harvest two weeks early this year "
                 "because of the heat, and 300 people were injured in the heat wave, the ministry said.")
    run = run_texts([STORY, unrelated])
    assert run.corpus_findings == []
