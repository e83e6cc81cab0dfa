"""Names of military exercises: found in a sentence, and made one identity across documents.

An exercise is one event per series and year: "Zapad-2021" and "Zapad 2021" are one, and a
translation or transliteration listed in kg/data/exercises.csv ("Combat Brotherhood" /
"Boyevoye Bratstvo") joins its series.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

YEAR = re.compile(r"[\s-]((?:19|20)\d\d)$")
EX = r"(?:exercises?|drills?|war\s*games?|wargames?|manoeuvres|maneuvers)"
_INTRO = r"(?:dubbed|called|named|code-?named|titled|known\s+as)"
_CAP = r"[A-Z][\w/]*(?:[\s-][A-Z][\w/]*)*"
_NAME_PATTERNS = [
    re.compile(rf"{EX},?\s+(?:{_INTRO}\s+)?[\"“«]([^\"”»]{{3,60}}?)[,.]?[\"”»]"),
    re.compile(rf"{_INTRO}\s+[\"“«]([^\"”»]{{3,60}}?)[,.]?[\"”»]"),
    re.compile(rf"[\"“«]([A-Z][^\"”»]{{2,60}}?)[,.]?[\"”»],?\s+(?:\w+\s+){{0,2}}{EX}"),
    re.compile(rf"{EX},?\s+({_CAP}[\s-](?:19|20)\d\d)\b"),  # "the command-staff exercise, Vzaimodeistvie-2023"
    re.compile(rf"\b({_CAP}[\s-](?:19|20)\d\d)\s+(?:[a-z]+\s+){{0,2}}{EX}"),
    re.compile(rf"\b({_CAP}[\s-](?:19|20)\d\d),\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}{EX}"),
]
_TRANSLATION = re.compile(r"\s*[\[(][\"“«]?([A-Z][^\])\"”»]{2,60})[\"”»]?[\])]")  # ' ("Interaction-2023")' too


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    names: tuple[str, ...]


@lru_cache(maxsize=1)
def _series() -> dict[str, Series]:
    text = resources.files("kg.data").joinpath("exercises.csv").read_text(encoding="utf-8")
    table: dict[str, Series] = {}
    for row in csv.DictReader(text.splitlines()):
        names = (row["label"], *[a for a in row["aliases"].split("|") if a])
        s = Series(row["key"], row["label"], names)
        for n in names:
            table[n.lower()] = s
    return table



def names_in(sentence: str) -> list[list[str]]:
    """Exercise names in a sentence, each as [name, translation...], split at '/'."""
    found: list[tuple[int, list[str]]] = []
    seen: set[str] = set()
    for pattern in _NAME_PATTERNS:
        for m in pattern.finditer(sentence):
            name = m.group(1).strip(" ,.")
            if name in seen or not name[:1].isupper():
                continue
            seen.add(name)
            group = [name]
            t = _TRANSLATION.match(sentence, m.end(1))
            if t:
                group.append(t.group(1).strip())
            found.append((m.start(1), group))
    return [g for _, g in sorted(found)]



def exercise_identity(names: list[str], year: int | None) -> tuple[str, str, list[str]]:
    """(IRI key, label, aliases) of a named exercise: one series and year, across documents."""
    bases: list[str] = []
    for n in names:
        for part in n.split("/"):
            part = part.strip()
            m = YEAR.search(part)
            if m:
                year = year or int(m.group(1))
                part = part[:m.start()].strip(" -")
            if part and part not in bases:
                bases.append(part)
    series = next((_series()[b.lower()] for b in bases if b.lower() in _series()), None)
    if series is not None:
        label = series.label
        key = series.key
        bases = [series.label, *[b for b in bases if b != series.label]]
    else:
        label = bases[-1] if len(bases) > 1 and len(names) > 1 else bases[0]
        key = re.sub(r"[^A-Za-z0-9_]", "", label.replace(" ", "_").replace("-", "_"))
    suffix = f" {year}" if year else ""
    aliases = sorted({b + suffix for b in bases} | set(bases) | {n for n in names} | {
        f"{b}-{year}" for b in bases if year})
    return (key + (f"_{year}" if year else "")), label + suffix, aliases

