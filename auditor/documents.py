"""Paths -> Documents: finding the files, decoding them, and refusing bad input with one clear line."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"
# Binary sniffing reads this much; a NUL byte in it means "not a text article".
_SNIFF = 8192


@dataclass(slots=True)
class Document:
    """One article as the user gave it: offsets in every finding index ``text``."""

    path: str
    text: str
    encoding: str = "utf-8"
    # Set when the file was not UTF-8 and its encoding had to be guessed.
    encoding_note: str | None = None


@dataclass(slots=True)
class InputError:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class DecodeError(ValueError):
    pass


def decode(data: bytes) -> tuple[str, str, str | None]:
    """Bytes -> (text, encoding, note). Line endings are kept so offsets match the file."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", "decoded as UTF-16 (byte-order mark)"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 ({exc.reason})") from None
    if b"\x00" in data[:_SNIFF]:
        raise DecodeError("binary file (contains NUL bytes), not a text article")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only paid for by files that need it

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("not UTF-8 and no text encoding fits: binary or corrupt file")
    text = str(best)
    if _looks_binary(text):
        raise DecodeError("binary file (mostly control characters), not a text article")
    enc = best.encoding.replace("_", "-")
    return text, enc, f"not valid UTF-8; decoded as {enc} (guessed)"


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    return bad / len(sample) > 0.05


def load_bytes(path: str, data: bytes) -> Document:
    text, encoding, note = decode(data)
    if not text.strip():
        raise DecodeError("empty file")
    return Document(path=path, text=text, encoding=encoding, encoding_note=note)


def expand_paths(paths: list[str]) -> tuple[list[str], list[InputError]]:
    """Files as given, directories as their *.txt files (recursive, sorted), '-' as stdin."""
    found: list[str] = []
    errors: list[InputError] = []
    for raw in paths:
        if raw == STDIN:
            found.append(STDIN)
            continue
        p = Path(raw)
        if p.is_dir():
            files = sorted(str(f) for f in p.rglob("*.txt") if f.is_file())
            if not files:
                errors.append(InputError(raw, "directory has no *.txt files"))
            found.extend(files)
        elif p.exists():
            found.append(raw)
        else:
            errors.append(InputError(raw, "no such file or directory"))
    # The same file named twice is audited once.
    seen: set[str] = set()
    unique = [f for f in found if not (f in seen or seen.add(f))]
    return unique, errors


def load_path(path: str) -> Document:
    """Read one path; raises DecodeError/OSError with a one-line reason."""
    if path == STDIN:
        return load_bytes("<stdin>", sys.stdin.buffer.read())
    return load_bytes(path, Path(path).read_bytes())


def load_documents(paths: list[str]) -> tuple[list[Document], list[InputError]]:
    files, errors = expand_paths(paths)
    docs: list[Document] = []
    for path in files:
        try:
            docs.append(load_path(path))
        except DecodeError as exc:
            errors.append(InputError(path, str(exc)))
        except IsADirectoryError:
            errors.append(InputError(path, "is a directory"))
        except PermissionError:
            errors.append(InputError(path, "permission denied"))
        except OSError as exc:
            errors.append(InputError(path, exc.strerror or str(exc)))
    return docs, errors
