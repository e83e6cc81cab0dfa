"""Linked Data: what the KG says about one IRI, for an HTML page or as RDF.

Facts are n-ary nodes (a Membership, a Post, an Event) that carry the sentence they
were read from (akg:evidence) and their document (prov:wasDerivedFrom); the page
shows first the statements about the IRI (the statements graph: one per distinct
fact, with its number of sources and links to each document), then each report with
its sentence and a link to its document.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.namespaces import BASE, STATEMENTS_GRAPH
from kg.query import PREFIXES, compact

AKG = PREFIXES["akg"]
RDF_TYPE = PREFIXES["rdf"] + "type"
LABEL = PREFIXES["rdfs"] + "label"
ALT = PREFIXES["skos"] + "altLabel"
EVIDENCE = AKG + "evidence"
DERIVED = PREFIXES["prov"] + "wasDerivedFrom"
SOURCE_COUNT = AKG + "sourceCount"
STATED_IN = AKG + "statedIn"
#: shown as the statement's sources and counts, not as qualifiers
_STATEMENT_META = {AKG + "statedBy", STATED_IN, SOURCE_COUNT, AKG + "firstReported", AKG + "lastReported"}

DESCRIBE = """CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> . ?f ?fp ?fo }}
WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }}
        UNION {{ ?f ?x <{iri}> . ?f <{evidence}> ?e . ?f ?fp ?fo }} }}"""

PAGE = """SELECT ?part ?s ?p ?o ?g WHERE {{
  {{ GRAPH ?g {{ <{iri}> ?p ?o }} BIND("out" AS ?part) }}
  UNION {{ GRAPH ?g {{ ?s ?role <{iri}> . ?s <{evidence}> ?e . ?s ?p ?o }} BIND("fact" AS ?part) }}
  UNION {{ GRAPH <@STATEMENTS@> {{ ?s ?role <{iri}> . ?s <@SOURCE_COUNT@> ?n . ?s ?p ?o }}
          BIND(<@STATEMENTS@> AS ?g) BIND("statement" AS ?part) }}
  UNION {{ {{ SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p <{iri}> }}
                                     FILTER NOT EXISTS {{ ?s <{evidence}> ?e }}
                                     FILTER NOT EXISTS {{ ?s <@SOURCE_COUNT@> ?n }} }}
           LIMIT 300 }} BIND("in" AS ?part) }}
}}""".replace("@STATEMENTS@", str(STATEMENTS_GRAPH)).replace("@SOURCE_COUNT@", SOURCE_COUNT)

NAMES = """SELECT ?x ?label ?date ?publisher WHERE {{ VALUES ?x {{ {values} }}
  {{ ?x <{label}> ?label }} UNION {{ ?x <http://purl.org/dc/terms/title> ?label
     OPTIONAL {{ ?x <http://purl.org/dc/terms/date> ?date }}
     OPTIONAL {{ ?x <http://purl.org/dc/terms/publisher> ?publisher }} }} }}"""


def iri_for(path: str, base: str) -> str:
    """The IRI a local path (/id/..., /doc/...) stands for under the configured base."""
    return base.rstrip("/") + "/" + path.lstrip("/")


def local_href(iri: str, base: str) -> str | None:
    """The local path of an IRI under the base (or the contract's base), else None.

    Entities and documents are pages here (/id/..., /doc/...); ontology terms are hash
    IRIs, so akg:Membership is the section #Membership of /ontology.
    """
    for root in (base, BASE):
        if iri.startswith(root):
            rest = iri[len(root):]
            if rest.startswith(("id/", "doc/")) or rest == "ontology" or rest.startswith("ontology#"):
                return "/" + rest
    return None


def safe_href(iri: str, base: str) -> str | None:
    """Where a link to `iri` may point: its local path, an http(s) IRI elsewhere, else None (shown as text).

    A document's `source` comes from its front matter, so an IRI such as `javascript:...`
    must never become a live link; other IRIs under the base (named graphs) do not resolve
    to this server and are shown as text too.
    """
    local = local_href(iri, base)
    if local is not None:
        return local
    if iri.startswith((base, BASE)):
        return None
    return iri if iri.lower().startswith(("http://", "https://")) else None


@dataclass
class Fact:
    iri: str
    graph: str
    types: list[str] = field(default_factory=list)
    props: list[tuple[str, ox.NamedNode | ox.Literal]] = field(default_factory=list)
    evidence: str = ""
    document: str | None = None
    sources: list[str] = field(default_factory=list)  #: a statement's documents
    count: int = 0  #: a statement's akg:sourceCount
    reported: list[str] = field(default_factory=list)  #: first and last publication date of its sources


@dataclass
class Page:
    iri: str
    labels: list[str]
    alt_labels: list[str]
    types: list[str]
    statements: list[tuple[str, object, str]]
    facts: dict[str, list[Fact]]
    claims: dict[str, list[Fact]]  #: statements-graph nodes about the IRI, by kind, most sources first
    referenced_by: list[tuple[str, str, list[str]]]
    names: dict[str, str]
    dates: dict[str, str]
    #: document IRI -> title, date, publisher
    documents: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.statements or self.facts or self.claims or self.referenced_by)


def build_page(iri: str, rows, names_rows) -> Page:
    """Group the rows of PAGE (and of NAMES) into what the template shows."""
    statements, referenced, labels, alts, types = [], [], [], [], []
    facts: dict[str, Fact] = {}
    claims: dict[str, Fact] = {}
    for part, s, p, o, g in rows:
        graph = g.value if g is not None else ""
        if part.value == "out":
            if p.value == LABEL:
                labels.append(o.value)
            elif p.value == ALT:
                alts.append(o.value)
            elif p.value == RDF_TYPE:
                types.append(o.value)
            statements.append((p.value, o, graph))
        elif part.value == "in":
            referenced.append((s.value, p.value, graph))
        elif part.value == "statement":
            claim = claims.setdefault(s.value, Fact(s.value, graph))
            if p.value == RDF_TYPE:
                claim.types.append(o.value)
            elif p.value == STATED_IN:
                claim.sources.append(o.value)
            elif p.value == SOURCE_COUNT:
                claim.count = int(o.value)
            elif p.value in (AKG + "firstReported", AKG + "lastReported"):
                claim.reported.append(o.value)
            elif p.value.startswith(AKG) and p.value not in _STATEMENT_META:
                claim.props.append((p.value, o))
        else:
            fact = facts.setdefault(s.value, Fact(s.value, graph))
            if p.value == RDF_TYPE:
                fact.types.append(o.value)
            elif p.value == EVIDENCE:
                fact.evidence = o.value
            elif p.value == DERIVED:
                fact.document = o.value
            elif p.value.startswith(AKG) and p.value not in (AKG + "evidenceStart", AKG + "evidenceEnd",
                                                               AKG + "extractedBy"):
                fact.props.append((p.value, o))
    grouped: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts.values():
        kind = next((t for t in sorted(fact.types) if t.startswith(AKG)), "")
        fact.props.sort(key=lambda kv: kv[0])
        grouped[kind.removeprefix(AKG) or "Fact"].append(fact)
    by_kind: dict[str, list[Fact]] = defaultdict(list)
    for claim in sorted(claims.values(), key=lambda c: (-c.count, c.iri)):
        kind = next((t for t in sorted(claim.types) if t.startswith(AKG)), "")
        claim.props.sort(key=lambda kv: (kv[0], str(kv[1])))
        claim.sources = sorted(set(claim.sources))
        claim.reported = sorted(set(claim.reported))
        by_kind[kind.removeprefix(AKG) or "Statement"].append(claim)
    names: dict[str, str] = {}
    dates: dict[str, str] = {}
    documents: dict[str, dict[str, str]] = {}
    for x, label, date, publisher in names_rows:
        names.setdefault(x.value, label.value)
        if date is not None or publisher is not None:
            doc = documents.setdefault(x.value, {"title": label.value})
            if date is not None:
                dates[x.value] = doc["date"] = date.value
            if publisher is not None:
                doc["publisher"] = publisher.value
    graphs_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s, p, g in referenced:  # one row per (subject, property), with the graphs that say it
        graphs_of[(s, p)].add(g)
    return Page(iri, sorted(set(labels)), sorted(set(alts)), sorted(set(types)), sorted(statements,
                key=lambda t: (t[0], str(t[1]))), dict(sorted(grouped.items())), dict(sorted(by_kind.items())),
                [(s, p, sorted(gs)) for (s, p), gs in sorted(graphs_of.items())], names, dates, documents)


def iris_in(rows) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for term in row:
            if isinstance(term, ox.NamedNode):
                seen[term.value] = None
    return list(seen)


def display(term, page: Page) -> str:
    """The label of an IRI when known, else its compact name; a literal's value."""
    if isinstance(term, str):
        term = ox.NamedNode(term)
    if isinstance(term, ox.NamedNode):
        return page.names.get(term.value) or short_name(term.value)
    return compact(term)


def short_name(iri: str) -> str:
    """A compact name for reading (id:state/Serbia), without the escapes a query would need."""
    return compact(ox.NamedNode(iri)).replace("\\", "")
