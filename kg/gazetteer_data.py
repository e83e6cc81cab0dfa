"""Reading and validating the gazetteer CSV files into ``Entity`` records (columns: data/gazetteer/README.md).

Every check appends to one list of problems, so a broken directory is reported in full at once.
"""

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.gazetteer_text import slugify
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
STATUSES = {"", "un_member", "un_observer", "limited_recognition", "unrecognised", "historical",
            "dependent_territory"}
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")


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



def read_entities(directory: Path, problems: list[str]) -> tuple[dict[str, Entity], dict[str, str]]:
    """Entities by key and, for messages, the ``file:line`` each was read from."""
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
    return entities, where
