"""Known states, organizations and places, and a fast matcher for their names in text.

Names are data (``kg/data/gazetteer/*.csv``, columns described in its README.md), read and
validated by ``kg.gazetteer_data``; this module generates their variants and matches them.
Matching runs over word tokens of a length-preserving folded copy of the text (diacritics and
curly quotes removed), so offsets point into the original text, a name can span a line break,
and a name never matches inside a longer word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import DataFileError
from kg.gazetteer_data import DEFAULT_DIR, Entity, read_entities
from kg.gazetteer_text import fold, is_acronym, slugify, token_keys, tokens

__all__ = ["DEFAULT_DIR", "Entity", "Gazetteer", "GazetteerMatch", "fold", "slugify"]

# Spelling variants generated for every name, so the CSV lists one spelling only.
#: spellings of one word: every name is found in each; the first is the one an IRI is minted with
SPELLINGS = (("Organization", "Organisation"), ("Cooperation", "Co-operation"), ("Defence", "Defense"))


@dataclass(frozen=True)
class GazetteerMatch:
    start: int
    end: int
    text: str
    entity: Entity
    via: str  # "name" or "adjective"


def _strip_the(name: str) -> str:
    return name[4:] if name.startswith("the ") else name


def _spelling_variants(name: str) -> set[str]:
    out = {name}
    for a, b in SPELLINGS:
        for n in list(out):
            if a in n:
                out.add(n.replace(a, b))
            if b in n:
                out.add(n.replace(b, a))
    return out


def _body_variants(parent_names: Iterable[str], generic: str) -> set[str]:
    out: set[str] = set()
    for p in parent_names:
        out |= {f"{p} {generic}", f"{generic} of the {p}", f"{generic} of {p}", f"{p}'s {generic}"}
    return out


# ---------------------------------------------------------------- the index


@dataclass
class _Entry:
    """What a complete name in the trie means; several ``keys`` only for a shared ambiguous name."""

    keys: set[str]
    via: str
    ambiguous: bool
    explicit: bool


_END = "\x00"  # trie key of the entry stored at a node


class _Index:
    def __init__(self) -> None:
        self.trie: dict = {}
        self.by_lower: dict[str, set[str]] = {}
        self.reported: set[frozenset[str]] = set()

    def add(self, name: str, key: str, via: str, ambiguous: bool, explicit: bool, problems: list[str],
            where: str) -> None:
        name = _strip_the(name.strip())
        toks = token_keys(name)
        if not toks:
            return
        node = self.trie
        for t in toks:
            node = node.setdefault(t, {})
        entry: _Entry | None = node.get(_END)
        if entry is None:
            node[_END] = _Entry({key}, via, ambiguous, explicit)
        elif key not in entry.keys:
            if explicit and not entry.explicit:
                node[_END] = _Entry({key}, via, ambiguous, explicit)
            elif entry.explicit and not explicit:
                pass
            elif ambiguous and entry.ambiguous:
                entry.keys.add(key)
            else:
                pair = frozenset(entry.keys | {key})
                entry.keys.add(key)  # never matched, even if the problem were ignored
                if pair not in self.reported:  # one report per pair of entities, not per variant
                    self.reported.add(pair)
                    other = ", ".join(sorted(entry.keys - {key}))
                    problems.append(f"{where}: name {name!r} of {key!r} is also a name of {other!r} "
                                    f"(mark it ambiguous in both to keep it unmatched)")
        if not is_acronym(name) and via != "acronym":
            self.by_lower.setdefault(" ".join(toks).casefold(), set()).add(key)

    def get(self, toks: tuple[str, ...]) -> _Entry | None:
        node = self.trie
        for t in toks:
            node = node.get(t)
            if node is None:
                return None
        return node.get(_END)


def _names_of(e: Entity, entities: dict[str, Entity]) -> Iterator[tuple[str, str, bool, bool]]:
    """(name, via, ambiguous, explicit) for every surface form of an entity, generated ones included."""
    for n in e.names:
        yield n, "name", n in e.ambiguous_names, True
        for v in _spelling_variants(n) - {n}:
            yield v, "name", n in e.ambiguous_names, False
        if len(n) >= 4 and not is_acronym(n):
            yield n.upper(), "name", n in e.ambiguous_names, False
        if e.kind == "org" and is_acronym(n) and sum(c.isalpha() for c in n) >= 4 and n.isalpha():
            yield n.capitalize(), "acronym", n in e.ambiguous_names, False  # "Nato", "Odkb", "Ecowas"
    for a in e.adjectives:
        yield a, "adjective", a in e.ambiguous_names, True
        if len(a) >= 4:
            yield a.upper(), "adjective", a in e.ambiguous_names, False
    parent = entities.get(e.part_of) if e.part_of else None
    if parent is not None:
        parent_names = {v for n in parent.names for v in _spelling_variants(_strip_the(n))}
        generics = {v for g in e.generic_names for v in _spelling_variants(g)}
        for g in generics:
            for v in _body_variants(parent_names, g):
                yield v, "name", False, False


# ---------------------------------------------------------------- public API


class Gazetteer:
    """Entities by key, and their names (labels, aliases, acronyms, adjectives) found in text."""

    def __init__(self, entities: dict[str, Entity], index: _Index) -> None:
        self._entities = entities
        self._index = index
        self._bodies: dict[str, list[Entity]] = {}
        for e in entities.values():
            if e.part_of:
                self._bodies.setdefault(e.part_of, []).append(e)

    @classmethod
    def load(cls, directory: Path | None = None) -> Gazetteer:
        """Read and validate every CSV in ``directory`` (default: the packaged one, cached)."""
        if directory is None:
            return _load_default()
        return cls._load(Path(directory))

    @classmethod
    def _load(cls, directory: Path) -> Gazetteer:
        problems: list[str] = []
        entities, where = read_entities(directory, problems)
        index = _Index()
        for e in entities.values():
            for name, via, amb, explicit in _names_of(e, entities):
                index.add(name, e.key, via, amb, explicit, problems, where[e.key])
        if problems:
            head = f"gazetteer {directory}: {len(problems)} problem(s)"
            raise DataFileError("\n  ".join([head, *problems]))
        return cls(entities, index)

    def get(self, key: str) -> Entity:
        return self._entities[key]

    def entities(self) -> Iterable[Entity]:
        return self._entities.values()

    def bodies_of(self, key: str) -> list[Entity]:
        """Direct bodies (``part_of == key``) of an organization, by key."""
        return sorted(self._bodies.get(key, []), key=lambda e: e.key)

    def lookup(self, name: str) -> Entity | None:
        """The entity a whole name denotes, or None; case matters only for acronyms."""
        name = re.sub(r"\s+", " ", name.strip())
        if name[:4].lower() == "the ":
            name = name[4:]
        name = re.sub(r"['’]s?$", "", name) if re.search(r"\w['’]s?$", name) else name
        toks = token_keys(name)
        entry = self._index.get(toks)
        if entry is not None:
            return self._entities[next(iter(entry.keys))] if len(entry.keys) == 1 else None
        if is_acronym(name):
            return None
        keys = self._index.by_lower.get(" ".join(toks).casefold(), set())
        return self._entities[next(iter(keys))] if len(keys) == 1 else None

    def find_all(self, text: str) -> list[GazetteerMatch]:
        """Every non-overlapping, leftmost-longest name or adjective in ``text``, with offsets into it."""
        toks = tokens(fold(text))
        n = len(toks)
        out: list[GazetteerMatch] = []
        last_match_end = -1
        i = 0
        trie = self._index.trie
        while i < n:
            node = trie.get(toks[i][2])
            if node is None:
                i += 1
                continue
            candidates: list[tuple[int, _Entry]] = []
            j = i
            while True:
                entry = node.get(_END)
                if entry is not None and len(entry.keys) == 1:
                    candidates.append((j, entry))
                j += 1
                if j >= n:
                    break
                gap = toks[j][0] != toks[j - 1][1]
                node = node.get((" " if gap else "") + toks[j][2])
                if node is None:
                    break
            chosen = next(
                ((j, e) for j, e in reversed(candidates)
                 if not e.ambiguous or _ambiguous_ok(text, toks, i, j, last_match_end)),
                None,
            )
            if chosen is None:
                i += 1
                continue
            j, entry = chosen
            start, end = toks[i][0], toks[j][1]
            out.append(GazetteerMatch(start, end, text[start:end], self._entities[next(iter(entry.keys))],
                                      entry.via))
            last_match_end = end
            i = j + 1
        return out


@lru_cache(maxsize=1)
def _ambiguity_words() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads((DEFAULT_DIR / "ambiguity.json").read_text(encoding="utf-8"))
    return frozenset(data["cue_words"]), frozenset(data["sentence_starters"])


def _ambiguous_ok(text: str, toks: list[tuple[int, int, str]], i: int, j: int, last_match_end: int) -> bool:
    """An ambiguous name counts unless a capitalised word is glued to it ("Jordan Peterson",
    "Michael Jordan", "Atlanta, Georgia"); word lists in data/gazetteer/ambiguity.json."""
    cue_words, starters = _ambiguity_words()
    prev = toks[i - 1] if i > 0 else None
    if j + 1 < len(toks):
        nxt = toks[j + 1]
        gap = text[toks[j][1]:nxt[0]]
        cue = prev is not None and prev[2] in cue_words
        if gap.strip() == "" and "\n" not in gap and nxt[2][:1].isupper() and not cue:
            return False
    k = i - 1
    if k >= 0 and toks[k][2] == ",":
        k -= 1
    if k < 0:
        return True
    word = toks[k]
    if "\n" in text[word[1]:toks[k + 1][0]] or not word[2][:1].isupper() or not word[2][:1].isalpha():
        return True
    # a capitalised word before: fine if it is itself a known name (a list of places) or a sentence starter
    return word[1] <= last_match_end or word[2] in starters


@lru_cache(maxsize=1)
def _load_default() -> Gazetteer:
    return Gazetteer._load(DEFAULT_DIR)
