"""One key for a name however it was romanized ("Alyaksandr Lukashenka" = "Alexander Lukashenko").

Given names map to the first spelling of their group and surnames are folded by a few rules, all
in kg/data/transliterations.json; the key decides the person's IRI, the label stays as written.
A per-name rule (not a similarity threshold) keeps "Ivan Petrov" and "Ivana Petrova" apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.errors import DataFileError
from kg.extract.lexicon import load_data


@dataclass(frozen=True)
class _Table:
    given: dict[str, str]
    rules: tuple[tuple[re.Pattern[str], str], ...]


@cache
def _table() -> _Table:
    data = load_data("transliterations.json")
    problems: list[str] = []
    given: dict[str, str] = {}
    for group in data.get("given_names", []):
        for name in group:
            if name.lower() in given and given[name.lower()] != group[0]:
                problems.append(f"given name {name!r} is in two groups")
            given[name.lower()] = group[0]
    rules = []
    for r in data.get("surname_rules", []):
        try:
            rx = re.compile(r["pattern"])
        except (KeyError, re.error) as exc:
            problems.append(f"rule {r.get('id')}: {exc}")
            continue
        before, after = r.get("example", ["", ""])
        if rx.sub(r["replace"], before) != after:
            problems.append(f"rule {r.get('id')}: {before!r} gives {rx.sub(r['replace'], before)!r}, not {after!r}")
        problems += [f"rule {r.get('id')}: changes {kept!r}, which it must keep" for kept in r.get("keeps", [])
                     if rx.sub(r["replace"], kept) != kept]
        rules.append((rx, r["replace"]))
    if problems:
        raise DataFileError("kg/data/transliterations.json:\n  " + "\n  ".join(problems))
    return _Table(given, tuple(rules))


def canonical_spelling(label: str) -> str:
    """The spelling a person's key is made from: given names and surnames in their first romanization."""
    table = _table()
    tokens = label.split()
    out = []
    for i, tok in enumerate(tokens):
        if i < len(tokens) - 1:
            out.append(table.given.get(tok.lower(), tok))
            continue
        for rx, repl in table.rules:
            tok = rx.sub(repl, tok)
        out.append(tok)
    return " ".join(out)
