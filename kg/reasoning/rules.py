"""Domain rules as data: SPARQL CONSTRUCT files in ontology/rules/, one rule per file.

A rule file starts with `# rule: ID` and a comment saying what it derives. Its
WHERE clause is a basic graph pattern (plain triple patterns, optional FILTERs);
the triple patterns are the rule's premises, so every firing is recorded as
(rule id, premises) and can be explained.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from kg.errors import DataFileError

Triple = tuple[Node, Node, Node]
Pattern = tuple[Node, Node, Node]
_HEADER = re.compile(r"^#\s*rule:\s*(\S+)\s*$", re.M)
_CONSTRUCT = re.compile(r"CONSTRUCT\s*\{[^{}]*\}\s*WHERE", re.S | re.I)


@dataclass(frozen=True)
class Rule:
    """A parsed rule: its id, description, head template, premise patterns and SELECT form."""

    id: str
    description: str
    template: tuple[Pattern, ...]
    premises: tuple[Pattern, ...]
    select: object  # a prepared SELECT * query over the same WHERE clause
    path: Path

    def predicates(self) -> set[Node]:
        """Constant predicates of the premises: the rule cannot fire unless all occur in the graph."""
        return {p for _, p, _ in self.premises if not isinstance(p, Variable)}

    def instantiate(self, row: dict) -> tuple[list[Triple], list[Triple]]:
        """(head triples, premise triples) for one solution."""

        def bind(pattern: Pattern) -> Triple:
            return tuple(row.get(t, t) if isinstance(t, Variable) else t for t in pattern)  # type: ignore

        return [bind(t) for t in self.template], [bind(t) for t in self.premises]


def _bgp_triples(node) -> list[Pattern]:
    """Triple patterns of every BGP in an algebra tree (not inside FILTER expressions)."""
    found: list[Pattern] = []
    if isinstance(node, CompValue):
        if node.name == "BGP":
            found.extend(node.triples)
            return found
        for key, value in node.items():
            if key == "expr":
                continue
            found.extend(_bgp_triples(value))
    elif isinstance(node, list | tuple):
        for item in node:
            found.extend(_bgp_triples(item))
    return found


def parse_rule(path: Path) -> Rule:
    """Parse one rule file; raises ValueError with the reason if it is not a valid rule."""
    text = path.read_text(encoding="utf-8")
    m = _HEADER.search(text)
    if not m:
        raise ValueError("no '# rule: ID' header line")
    comments = [line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")]
    description = " ".join(c for c in comments if not c.startswith("rule:"))
    query = prepareQuery(text)
    if query.algebra.name != "ConstructQuery":
        raise ValueError("not a CONSTRUCT query")
    template = tuple(tuple(t) for t in query.algebra.template)
    premises = tuple(tuple(t) for t in _bgp_triples(query.algebra.p))
    if any(not isinstance(p, Node) or type(p).__name__.endswith("Path") for _, p, _ in premises):
        raise ValueError("property paths are not allowed in premises")
    if not _CONSTRUCT.search(text):
        raise ValueError("CONSTRUCT { ... } WHERE not found")
    select = prepareQuery(_CONSTRUCT.sub("SELECT * WHERE", text, count=1))
    return Rule(m.group(1), description, template, premises, select, path)


def load_rules(directory: Path) -> list[Rule]:
    """All `*.rq` rules of a directory, sorted by id; one DataFileError lists every bad file."""
    rules, problems, seen = [], [], {}
    for path in sorted(Path(directory).glob("*.rq")):
        try:
            rule = parse_rule(path)
        except Exception as exc:  # noqa: BLE001 - every problem is reported together below
            problems.append(f"{path.name}: {exc}")
            continue
        if rule.id in seen:
            problems.append(f"{path.name}: rule id {rule.id!r} already used by {seen[rule.id]}")
            continue
        seen[rule.id] = path.name
        rules.append(rule)
    if problems:
        raise DataFileError("bad rule files:\n  " + "\n  ".join(problems))
    return sorted(rules, key=lambda r: r.id)


def fire(rule: Rule, graph: Graph) -> list[tuple[Triple, list[Triple]]]:
    """Every (head triple, premises) the rule derives on `graph`."""
    out = []
    for row in graph.query(rule.select):
        binding = {Variable(k): v for k, v in row.asdict().items()}
        heads, premises = rule.instantiate(binding)
        for head in heads:
            if all(isinstance(t, Node) and not isinstance(t, Variable) for t in head):
                out.append((head, premises))
    return out


def derivations_of(rule: Rule, graph: Graph, triple: Triple) -> list[list[Triple]]:
    """Premise lists by which `rule` derives `triple` on `graph` (explanations re-derive on demand)."""
    found = []
    for pattern in rule.template:
        binding = {}
        ok = True
        for term, value in zip(pattern, triple, strict=True):
            if isinstance(term, Variable):
                if binding.get(term, value) != value:
                    ok = False
                binding[term] = value
            elif term != value:
                ok = False
        if not ok:
            continue
        for row in graph.query(rule.select, initBindings=binding):
            full = dict(binding)
            full.update({Variable(k): v for k, v in row.asdict().items()})
            found.append(rule.instantiate(full)[1])
    return found
