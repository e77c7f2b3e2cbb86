from __future__ import annotations

from auditor.documents import Document
from auditor.segment import Segmented, split_sentences


def seg(text: str) -> Segmented:
    return Segmented(Document("t.txt", text))


def test_paragraphs_blocks_and_offsets():
    text = "Title line\n\nHeading\nFirst paragraph here. Second sentence.\n\n  Indented para.  "
    s = seg(text)
    assert [p.text for p in s.paragraphs] == ["Title line", "Heading",
                                             "First paragraph here. Second sentence.", "Indented para."]
    assert [p.block for p in s.paragraphs] == [0, 1, 1, 2]
    for p in s.paragraphs:
        assert text[p.start:p.end] == p.text


def test_hard_wrapped_lines_are_joined():
    text = "The ministers of the three countries agreed on Monday to open a\nnew corridor for grain."
    assert len(seg(text).paragraphs) == 1


def test_sentences_respect_abbreviations_and_quotes():
    spans = split_sentences('Mr. Smith met Dr. Jones in the U.S. on Monday. “It went well.” He left.')
    parts = ['Mr. Smith met Dr. Jones in the U.S. on Monday.', '“It went well.”', 'He left.']
    text = 'Mr. Smith met Dr. Jones in the U.S. on Monday. “It went well.” He left.'
    assert [text[s:e] for s, e in spans] == parts


def test_stray_full_stop_splits_a_sentence():
    text = "The truce holds in Port. Sudan."
    assert len(split_sentences(text)) == 2


def test_line_col_with_crlf():
    s = seg("ab\r\ncd\r\nef")
    assert s.line_col(0) == (1, 1)
    assert s.line_col(4) == (2, 1)
    assert s.line_col(9) == (3, 2)


def test_tokens_and_lookup():
    s = seg("Nikol Pashinyan met al-Burhan's aide. It rained.")
    assert [t.text for t in s.tokens][:4] == ["Nikol", "Pashinyan", "met", "al-Burhan's"]
    sent = s.sentence_at(s.text.index("rained"))
    assert sent is not None and sent.text == "It rained."
    assert [t.text for t in s.tokens_in(sent.start, sent.end)] == ["It", "rained"]
