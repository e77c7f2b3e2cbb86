from __future__ import annotations

import pytest

from auditor.documents import DecodeError, decode, expand_paths, load_documents


def test_utf8_bom_is_stripped_and_crlf_kept():
    text, enc, note = decode("\ufeffTitle\r\n\r\nBody.".encode("utf-8"))
    assert text == "Title\r\n\r\nBody." and enc == "utf-8" and note is None


def test_cp1252_is_detected_and_noted():
    raw = "Le ministre a déclaré que «l’accord» était prêt, selon l’agence, à Genève.".encode("cp1252")
    text, enc, note = decode(raw * 3)
    assert "déclaré" in text and note and "guessed" in note


def test_utf16_with_bom():
    text, enc, _ = decode("Title\n\nBody".encode("utf-16"))
    assert text == "Title\n\nBody" and enc == "utf-16"


def test_binary_is_refused():
    with pytest.raises(DecodeError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_bad_inputs_are_reported_and_others_still_loaded(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Talks resume\n\nThe delegations met on Monday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"abc\x00def" * 10)
    docs, errors = load_documents([str(tmp_path), str(tmp_path / "missing.txt")])
    assert [d.path for d in docs] == [str(good)]
    reasons = {e.path.rsplit("/", 1)[-1]: e.reason for e in errors}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["bin.txt"]
    assert reasons["missing.txt"] == "no such file or directory"
    assert all("\n" not in str(e) for e in errors)


def test_directories_are_recursive_sorted_and_deduplicated(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "1.txt", "note.md"):
        (tmp_path / name).write_text("x y z", encoding="utf-8")
    files, errors = expand_paths([str(tmp_path), str(tmp_path / "1.txt")])
    assert [f.rsplit("/", 1)[-1] for f in files] == ["1.txt", "2.txt"] and not errors
