"""Known states, organizations and places, read from CSV files, and a fast matcher for their names.

Names are data (``kg/data/gazetteer/*.csv``, columns described in its README.md); this module only
loads, validates and matches them. Matching runs over word tokens of a length-preserving "folded"
copy of the text (diacritics and curly quotes removed), so offsets always point into the original
text, a name can span a line break, and a name never matches inside a longer word.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import URIRef

from kg.errors import DataFileError
from kg.namespaces import ID

DEFAULT_DIR = Path(__file__).parent / "data" / "gazetteer"

KINDS = {"states": "state", "organizations": "org", "places": "place"}
COLUMNS = {
    "state": ("key", "label", "aliases", "adjectives", "qid", "capital", "status", "ambiguous"),
    "org": ("key", "label", "aliases", "type", "qid", "part_of", "generic_name", "ambiguous"),
    "place": ("key", "label", "aliases", "type", "country", "qid", "ambiguous"),
}
REQUIRED = {"key", "label"}
TYPES = {
    "state": {"": ("State",), "State": ("State",)},
    "org": {
        "": ("Organization",),
        "Organization": ("Organization",),
        "MilitaryAlliance": ("MilitaryAlliance", "Organization"),
    },
    "place": {"": ("Place",), "Place": ("Place",), "City": ("City", "Place")},
}
STATUSES = {"", "un_member", "un_observer", "limited_recognition", "unrecognised", "historical"}
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")
TOKEN_RE = re.compile(r"\w+|[^\w\s]")
# Spelling variants generated for every name, so the CSV lists one spelling only.
SPELLINGS = (("Organization", "Organisation"), ("Co-operation", "Cooperation"), ("Defense", "Defence"))
# After these words an ambiguous name still counts when a capitalised word follows ("of Chad Idriss").
CUE_WORDS = {"of", "in", "to", "from", "and", "with", "between", "visit", "visited", "visiting"}
SENTENCE_END = {".", "!", "?", ":", ";", '"', "(", "["}


@dataclass(frozen=True)
class Entity:
    """One real-world state, organization or place; ``key`` is its IRI slug, unique across all files."""

    key: str
    kind: str
    label: str
    types: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    qid: str | None = None
    part_of: str | None = None
    country: str | None = None
    capital: str | None = None
    ambiguous: bool = False
    status: str | None = None
    generic_names: tuple[str, ...] = ()
    ambiguous_names: frozenset[str] = field(default_factory=frozenset)

    @property
    def iri(self) -> URIRef:
        return URIRef(ID + f"{self.kind}/{self.key}")

    @property
    def names(self) -> tuple[str, ...]:
        """Label and aliases as written in the data files (not the generated variants)."""
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class GazetteerMatch:
    start: int
    end: int
    text: str
    entity: Entity
    via: str  # "name" or "adjective"


# ---------------------------------------------------------------- text folding


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base != ch:
            table[cp] = base
    extra = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i", "ʻ": "'", "ʼ": "'",
             "‘": "'", "’": "'", "‚": "'", "′": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"',
             "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "\u00a0": " "}
    table.update({ord(k): v for k, v in extra.items()})
    return table


_FOLD = _build_fold_table()


def fold(text: str) -> str:
    """Drop diacritics and normalise quotes and dashes, one character for one, so offsets survive."""
    return text.translate(_FOLD)


def slugify(label: str) -> str:
    """The IRI slug of a label: folded, spaces as ``_``, only letters, digits, ``_`` and ``-`` kept."""
    folded = unicodedata.normalize("NFKD", fold(label))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9_\-]", "", re.sub(r"\s+", "_", ascii_only.strip()))


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def _token_keys(name: str) -> tuple[str, ...]:
    """Trie keys of a name: each token, prefixed by a space when whitespace precedes it."""
    folded = fold(name)
    keys: list[str] = []
    prev_end = None
    for start, end, tok in _tokens(folded):
        keys.append(tok if prev_end is None or prev_end == start else " " + tok)
        prev_end = end
    return tuple(keys)


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


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


# ---------------------------------------------------------------- loading


@dataclass
class _Row:
    file: str
    line: int
    kind: str
    cells: dict[str, str]

    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def get(self, col: str) -> str:
        return (self.cells.get(col) or "").strip()

    def multi(self, col: str) -> tuple[str, ...]:
        return tuple(v.strip() for v in self.get(col).split("|") if v.strip())


def _read_rows(directory: Path, problems: list[str]) -> list[_Row]:
    rows: list[_Row] = []
    files = sorted(directory.glob("*.csv"))
    if not files:
        problems.append(f"{directory}: no gazetteer CSV files")
    for path in files:
        kind = next((k for prefix, k in KINDS.items() if path.stem.startswith(prefix)), None)
        if kind is None:
            problems.append(f"{path.name}: unknown file; names must start with one of {sorted(KINDS)}")
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            lines = (ln for ln in fh if not ln.lstrip().startswith("#"))
            reader = csv.DictReader(lines)
            header = reader.fieldnames or []
            missing = REQUIRED - set(header)
            unknown = set(header) - set(COLUMNS[kind])
            if missing:
                problems.append(f"{path.name}: missing columns {sorted(missing)}")
                continue
            if unknown:
                problems.append(f"{path.name}: unknown columns {sorted(unknown)}")
            for n, cells in enumerate(reader, start=2):
                if None in cells:
                    problems.append(f"{path.name}:{n}: more cells than columns")
                rows.append(_Row(path.name, n, kind, {k: v or "" for k, v in cells.items() if k}))
    return rows


def _row_entity(row: _Row, problems: list[str]) -> Entity | None:
    key, label = row.get("key"), row.get("label")
    if not key or not label:
        problems.append(f"{row.where()}: key and label are required")
        return None
    if not KEY_RE.match(key):
        problems.append(f"{row.where()}: bad key {key!r}")
    elif key != slugify(label):
        problems.append(f"{row.where()}: key {key!r} is not the slug of its label ({slugify(label)!r})")
    qid = row.get("qid") or None
    if qid and not QID_RE.match(qid):
        problems.append(f"{row.where()}: bad QID {qid!r}")
    type_name = row.get("type")
    types = TYPES[row.kind].get(type_name)
    if types is None:
        problems.append(f"{row.where()}: unknown type {type_name!r} (one of {sorted(TYPES[row.kind])[1:]})")
        types = TYPES[row.kind][""]
    status = row.get("status")
    if status not in STATUSES:
        problems.append(f"{row.where()}: unknown status {status!r}")
    aliases = tuple(dict.fromkeys(a for a in row.multi("aliases") if a != label))
    adjectives = row.multi("adjectives")
    amb_cell = row.multi("ambiguous")
    amb_names = frozenset(label if a == "1" else a for a in amb_cell)
    for a in amb_names - {label, *aliases, *adjectives}:
        problems.append(f"{row.where()}: ambiguous name {a!r} is not one of its names")
    generic = row.multi("generic_name")
    if generic and not row.get("part_of"):
        problems.append(f"{row.where()}: generic_name without part_of")
    return Entity(
        key=key, kind=row.kind, label=label, types=types, aliases=aliases, adjectives=adjectives,
        qid=qid, part_of=row.get("part_of") or None, country=row.get("country") or None,
        capital=row.get("capital") or None, ambiguous=bool(amb_names), status=status or None,
        generic_names=generic, ambiguous_names=amb_names,
    )


def _check_links(entities: dict[str, Entity], where: dict[str, str], problems: list[str]) -> None:
    for e in entities.values():
        for attr, kind in (("part_of", "org"), ("capital", "place"), ("country", "state")):
            target = getattr(e, attr)
            if target is None:
                continue
            if target not in entities:
                problems.append(f"{where[e.key]}: {attr} {target!r} is not a known key")
            elif entities[target].kind != kind:
                got = entities[target].kind
                problems.append(f"{where[e.key]}: {attr} {target!r} is a {got}, not a {kind}")
    seen_qid: dict[str, str] = {}
    for e in entities.values():
        if e.qid and e.qid in seen_qid:
            problems.append(f"{where[e.key]}: QID {e.qid} already used by {seen_qid[e.qid]!r}")
        elif e.qid:
            seen_qid[e.qid] = e.key
    for e in entities.values():  # part_of cycles
        seen, cur = {e.key}, e.part_of
        while cur in entities:
            if cur in seen:
                problems.append(f"{where[e.key]}: part_of cycle through {cur!r}")
                break
            seen.add(cur)
            cur = entities[cur].part_of


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
        toks = _token_keys(name)
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
        if not is_acronym(name):
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
        entities: dict[str, Entity] = {}
        where: dict[str, str] = {}
        for row in _read_rows(directory, problems):
            e = _row_entity(row, problems)
            if e is None:
                continue
            if e.key in entities:
                problems.append(f"{row.where()}: duplicate key {e.key!r} (first at {where[e.key]})")
                continue
            entities[e.key] = e
            where[e.key] = row.where()
        _check_links(entities, where, problems)
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
        toks = _token_keys(name)
        entry = self._index.get(toks)
        if entry is not None:
            return self._entities[next(iter(entry.keys))] if len(entry.keys) == 1 else None
        if is_acronym(name):
            return None
        keys = self._index.by_lower.get(" ".join(toks).casefold(), set())
        return self._entities[next(iter(keys))] if len(keys) == 1 else None

    def find_all(self, text: str) -> list[GazetteerMatch]:
        """Every non-overlapping, leftmost-longest name or adjective in ``text``, with offsets into it."""
        toks = _tokens(fold(text))
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


def _ambiguous_ok(text: str, toks: list[tuple[int, int, str]], i: int, j: int, last_match_end: int) -> bool:
    """An ambiguous name counts unless a capitalised word is glued to it ("Jordan Peterson",
    "Michael Jordan", "Atlanta, Georgia"); see the gazetteer README."""
    prev = toks[i - 1] if i > 0 else None
    if j + 1 < len(toks):
        nxt = toks[j + 1]
        gap = text[toks[j][1]:nxt[0]]
        cue = prev is not None and prev[2] in CUE_WORDS
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
    if word[1] <= last_match_end:  # the capitalised word is itself a known name: a list of places
        return True
    before = toks[k - 1] if k > 0 else None
    sentence_initial = before is None or before[2] in SENTENCE_END or "\n" in text[before[1]:word[0]]
    return sentence_initial


@lru_cache(maxsize=1)
def _load_default() -> Gazetteer:
    return Gazetteer._load(DEFAULT_DIR)
