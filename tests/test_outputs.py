"""Text and JSON outputs, parsed back and checked against docs/CONTRACT.md."""

from __future__ import annotations

import json
import re

from auditor.documents import Document
from auditor.engine import audit_documents, audit_paths
from auditor.outputs import formats
from conftest import SAMPLES

CATEGORIES = {"boilerplate", "duplicate_caption", "name_misspelling", "mt_artefact",
              "unattributed_claim", "language", "syndication"}


def sample_run():
    return audit_paths(sorted(str(p) for p in SAMPLES.glob("*.txt")))


def test_json_matches_the_contract():
    run = sample_run()
    doc = json.loads(formats()["json"].render(run))
    assert doc["tool"]["name"] == "auditor" and re.fullmatch(r"\d+\.\d+\.\d+", doc["tool"]["version"])
    assert isinstance(doc["corpus"]["findings"], list)
    texts = {a.path: a.text for a in run.articles}
    assert len(doc["articles"]) == len(run.articles)
    n = 0
    for art in doc["articles"]:
        assert set(art) >= {"path", "language", "words", "scores", "findings"}
        assert set(art["scores"]) == {"quality", "traceability"}
        assert all(0 <= v <= 100 for v in art["scores"].values())
        for fd in art["findings"]:
            n += 1
            assert re.fullmatch(r"[A-Z]{2}\d{3}", fd["rule"])
            assert fd["category"] in CATEGORIES and fd["severity"] in {"high", "medium", "low"}
            assert texts[art["path"]][fd["start"]:fd["end"]] == fd["text"]
            assert fd["line"] >= 1 and fd["column"] >= 1
    assert n > 0


def test_json_offsets_with_bom_and_crlf(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes("\ufeffTalks resume\r\n\r\nThe talks began.\r\n\r\n[ad_1]\r\n".encode("utf-8"))
    run = audit_paths([str(p)])
    doc = json.loads(formats()["json"].render(run))
    fd = doc["articles"][0]["findings"][0]
    text = p.read_bytes().decode("utf-8")[1:]
    assert text[fd["start"]:fd["end"]] == "[ad_1]" and (fd["line"], fd["column"]) == (5, 1)


def test_json_is_deterministic():
    assert formats()["json"].render(sample_run()) == formats()["json"].render(sample_run())


def test_text_lines_have_path_line_col_code():
    run = audit_documents([Document("a.txt", "Talks resume\n\nThe talks began.\n\n[ad_1]")])
    out = formats()["text"].render(run)
    assert "a.txt:5:1: BP001 [high] Ad placeholder left by the scraper" in out
    assert re.search(r"^a\.txt: quality \d+, traceability \d+, 1 finding\(s\)", out, re.M)
