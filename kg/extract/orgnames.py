"""Organizations the gazetteer does not list, recognised by the shape of their names.

Users bring news about any organization in the world; a gazetteer can never list them all.
An international organization's name has a shape of its own: capitalised words ending in a
head noun ("the Arctic Council"), or a head noun followed by "of"/"for" ("the Community of
Portuguese Language Countries"), with a word that makes it international ("Arctic",
"Countries") or an acronym defined in brackets. Names of a state's own bodies ("National
Assembly", "Kenya's Electoral Commission") and headlines in title case are left alone. An
acronym defined in brackets names the organization for the rest of the article. The word
lists live in kg/data/org_names.json, with examples and counter-examples (tests/test_orgnames.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import DataFileError
from kg.extract.lexicon import load_data
from kg.gazetteer import SPELLINGS, GazetteerMatch
from kg.gazetteer_text import slugify
from kg.model import EntityRef

_WORD = r"[A-Z](?:[\w’'&-]|\.(?=\w))*"


@dataclass(frozen=True)
class OrgNameWords:
    heads: frozenset[str]
    markers: frozenset[str]
    national: frozenset[str]
    connectors: frozenset[str]
    run: re.Pattern[str]


@lru_cache(maxsize=1)
def org_name_words() -> OrgNameWords:
    data = load_data("org_names.json")
    problems = [f"missing {k}" for k in ("heads", "markers", "national", "connectors") if not data.get(k)]
    if problems:
        raise DataFileError("kg/data/org_names.json: " + "; ".join(problems))
    connectors = frozenset(data["connectors"])
    conn = "|".join(re.escape(c) for c in sorted(connectors, key=len, reverse=True))
    # capitalised words, with lowercase connectors between them ("Union for the Mediterranean")
    run = re.compile(rf"(?<![\w’'-]){_WORD}(?:\s+(?:(?:{conn})\s+)*{_WORD})*")
    return OrgNameWords(frozenset(data["heads"]), frozenset(data["markers"]), frozenset(data["national"]),
                        connectors, run)


@dataclass
class UnlistedOrgs:
    """The organizations named so far in one article that the gazetteer does not list."""

    acronyms: dict[str, EntityRef]

    def __init__(self) -> None:
        self.acronyms = {}

    def find(self, text: str, known: list[GazetteerMatch]) -> list[tuple[int, int, EntityRef]]:
        """(start, end, organization) in `text` (one sentence), not overlapping a gazetteer name."""
        w = org_name_words()
        if _is_headline(text):
            return self._acronyms_in(text, known)
        out: list[tuple[int, int, EntityRef]] = []
        for m in w.run.finditer(text):
            got = _name_in(m.group(0), m.start(), text, known, w)
            if got is None:
                continue
            start, end = got
            name = text[start:end]
            acronym = _acronym_after(text, end)
            label = _canonical(name)
            ref = EntityRef("org", slugify(label), label, ("Organization",), (acronym,) if acronym else ())
            if acronym and not any(k.start <= end + 2 < k.end for k in known):
                self.acronyms.setdefault(acronym, ref)
            out.append((start, end, ref))
        taken = [(s, e) for s, e, _ in out]
        out.extend(a for a in self._acronyms_in(text, known) if not any(s <= a[0] < e for s, e in taken))
        return sorted(out, key=lambda x: x[0])

    def _acronyms_in(self, text: str, known: list[GazetteerMatch]) -> list[tuple[int, int, EntityRef]]:
        out = []
        for acronym, ref in self.acronyms.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
                if not any(k.start < m.end() and m.start() < k.end for k in known):
                    out.append((m.start(), m.end(), ref))
        return out


def _name_in(run: str, offset: int, text: str, known: list[GazetteerMatch],
             w: OrgNameWords) -> tuple[int, int] | None:
    """The organization name inside a run of capitalised words, as offsets into `text`, or None."""
    words = [(offset + m.start(), offset + m.end(), m.group(0)) for m in re.finditer(r"\S+", run)]
    heads = [i for i, (_, _, t) in enumerate(words) if t in w.heads]
    if not heads:
        return None
    h = heads[0]
    # the name starts after the last connector before its head ("Ministers of the Arctic Council")
    starts = [i + 1 for i in range(h) if words[i][2] in w.connectors]
    begin = starts[-1] if starts else 0
    if h + 1 < len(words) and words[h + 1][2] in ("of", "for", "on"):
        words = words[begin:]  # "Community of Portuguese Language Countries": the head comes first
    else:
        words = words[begin:heads[-1] + 1]  # "Arctic Council in Tromsø" -> "Arctic Council"
    while words and words[0][2] in ("The", "A", "An"):
        words = words[1:]
    while words and words[-1][2] in w.connectors:
        words = words[:-1]
    if len(words) < 2:
        return None
    start, end = words[0][0], words[-1][1]
    if any(k.start < end and start < k.end and k.entity.kind == "org" for k in known):
        return None  # the gazetteer's organization wins ("ASEAN Economic Community" stays ASEAN's)
    first = words[0][2]
    if first in w.national or _after_state(text, start, known):
        return None
    state_words = {i for i, (s, e, _) in enumerate(words)
                   if any(k.start <= s and e <= k.end + 2 and k.entity.kind == "state" for k in known)}
    markers = [i for i, (_, _, t) in enumerate(words) if t in w.markers and i not in state_words]
    acronym = _acronym_after(text, end)
    if not markers and not acronym:
        return None
    if 0 in state_words and not markers:
        return None  # "Russian Security Council (RSC)": a state's own body
    return start, end


def _after_state(text: str, start: int, known: list[GazetteerMatch]) -> bool:
    """A state's name or adjective right before the name ("Kenya's Electoral Commission")."""
    for k in known:
        if k.entity.kind == "state" and k.end <= start and re.fullmatch(r"(?:['’]s)?\s+(?:the\s+)?",
                                                                          text[k.end:start]):
            return True
    return False


def _acronym_after(text: str, end: int) -> str | None:
    m = re.match(r"\s*\(([A-Z][A-Za-z0-9&+-]{1,11})\)", text[end:])
    if m is None or sum(c.isupper() for c in m.group(1)) < 2:
        return None
    return m.group(1)


def _canonical(name: str) -> str:
    """One spelling per name, so "Co-operation Organisation" and "Cooperation Organization" are one IRI."""
    for canonical, variant in SPELLINGS:
        name = name.replace(variant, canonical)
    return " ".join(name.split())


def _is_headline(text: str) -> bool:
    """Title case ("Kenya Joins Indian Ocean Rim Association"): capitals say nothing about names."""
    words = re.findall(r"[A-Za-z][\w’'-]{2,}", text)
    return len(words) >= 4 and sum(x[0].isupper() for x in words) >= 0.8 * len(words)
