"""Engine invariants: parallel and sequential runs agree; spans always match the text."""

from __future__ import annotations

import json

from auditor.documents import Document
from auditor.engine import PARALLEL_MIN, audit_documents
from auditor.outputs import formats
from conftest import SAMPLES


def corpus(n: int) -> list[Document]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    return [Document(f"a{i:03d}.txt", texts[i % len(texts)]) for i in range(n)]


def test_parallel_run_equals_sequential_run():
    docs = corpus(PARALLEL_MIN + 6)
    one = json.loads(formats()["json"].render(audit_documents(docs, jobs=1)))
    two = json.loads(formats()["json"].render(audit_documents(docs, jobs=2)))
    assert one == two and sum(len(a["findings"]) for a in one["articles"]) > 0


def test_every_finding_span_matches_its_text():
    run = audit_documents(corpus(9))
    for a in run.articles:
        for f in a.findings:
            assert a.text[f.start:f.end] == f.text and f.start < f.end


def test_a_failing_check_is_a_one_line_error_and_the_others_still_run(monkeypatch):
    from auditor.checks import captions

    def broken(seg, pack, ctx):
        raise ValueError("boom")
        yield

    monkeypatch.setattr(captions, "check", broken)
    run = audit_documents([Document("a.txt", "Talks resume\n\nThe talks began.\n\n[ad_1]")])
    assert [f.rule for f in run.articles[0].findings] == ["BP001"]
    (err,) = run.errors
    assert err.path == "a.txt" and "ValueError: boom" in err.reason and "\n" not in str(err)
