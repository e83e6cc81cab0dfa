"""Facts → triples: one document graph per article, and the entities graph.

The mapping is the only place that knows both the fact model (kg/model.py) and
the vocabulary (ontology/akg.ttl); see docs/ARCHITECTURE.md for the layout.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.dates import PartialDate
from kg.extract.gazetteer_maps import entity_ref
from kg.gazetteer import Gazetteer
from kg.graph.triples import TripleGraph
from kg.iri import external, mint, mint_path
from kg.model import EntityRef, Event, Evidence, Fact, Membership, Neutrality, NonMembership, Post
from kg.namespaces import AKG, ID, PROV, SCHEMA, WD, doc_iri


def entity_iri(ref: EntityRef) -> URIRef:
    return mint_path(ID, f"{ref.kind}/{ref.key}")


def _fact_iri(stem: str, kind: str, *key: object) -> URIRef:
    digest = hashlib.sha1("|".join(map(str, key)).encode("utf-8")).hexdigest()[:10]
    return mint(ID, "fact", stem, f"{kind}-{digest}")


def _date(value: PartialDate) -> Literal:
    return value.literal()


def _evidence(g: Graph, node: URIRef, ev: Evidence, doc: URIRef) -> None:
    g.add((node, AKG.evidence, Literal(ev.text)))
    g.add((node, AKG.evidenceStart, Literal(ev.start, datatype=XSD.integer)))
    g.add((node, AKG.evidenceEnd, Literal(ev.end, datatype=XSD.integer)))
    g.add((node, AKG.extractedBy, Literal(ev.rule)))
    g.add((node, PROV.wasDerivedFrom, doc))


def event_iri(stem: str, ev: Event, index: int) -> URIRef:
    if ev.key:
        return mint_path(ID, f"event/{ev.key}")
    return mint(ID, "event", stem, f"{ev.type.lower()}-{index}")


def document_graph(stem: str, facts: Iterable[Fact], metadata: dict[str, object],
                   mentions: Iterable[EntityRef] = (), light: bool = False) -> Graph | TripleGraph:
    """The named graph of one document: its metadata and every fact read from it.

    `light`: a kg.graph.triples.TripleGraph, not an rdflib Graph (the build validates and
    serializes it; rdflib's add was a tenth of the time spent on each article).
    """
    doc = doc_iri(stem)
    g = TripleGraph(doc, ()) if light else Graph(identifier=doc)
    g.add((doc, RDF.type, AKG.Document))
    for prop, key in ((DCTERMS.title, "title"), (DCTERMS.publisher, "publisher")):
        if metadata.get(key):
            g.add((doc, prop, Literal(str(metadata[key]))))
    source = external(str(metadata["source"])) if metadata.get("source") else None
    if source is not None:  # the corpus stage has already reported and dropped a source that is no IRI
        g.add((doc, DCTERMS.source, source))
    if isinstance(metadata.get("date"), PartialDate):
        g.add((doc, DCTERMS.date, _date(metadata["date"])))
    for ref in mentions:
        g.add((doc, AKG.mentions, entity_iri(ref)))
    events = 0
    for fact in facts:
        if isinstance(fact, Membership):
            # the period is part of the key: a dated and an undated statement of one membership (a headline and
            # its first paragraph) are two facts, each with its own evidence and offsets, not one node with two
            dated = (fact.start, fact.end) if fact.start or fact.end else ()
            node = _fact_iri(stem, "membership", fact.member.key, fact.organization.key, fact.status, *dated)
            g.add((node, RDF.type, AKG.Membership))
            g.add((node, AKG.member, entity_iri(fact.member)))
            g.add((node, AKG.organization, entity_iri(fact.organization)))
            g.add((node, AKG.status, AKG[fact.status]))
            if fact.start:
                g.add((node, AKG.startDate, _date(fact.start)))
            if fact.end:
                g.add((node, AKG.endDate, _date(fact.end)))
        elif isinstance(fact, NonMembership):
            node = _fact_iri(stem, "nonmembership", fact.member.key, fact.organization.key)
            g.add((node, RDF.type, AKG.NonMembership))
            g.add((node, AKG.member, entity_iri(fact.member)))
            g.add((node, AKG.organization, entity_iri(fact.organization)))
        elif isinstance(fact, Post):
            node = _fact_iri(stem, "post", fact.holder.key, fact.role, fact.post_in.key)
            g.add((node, RDF.type, AKG.Post))
            g.add((node, AKG.holder, entity_iri(fact.holder)))
            g.add((node, AKG.role, AKG[fact.role]))
            g.add((node, AKG.postIn, entity_iri(fact.post_in)))
            if fact.former:
                g.add((node, AKG.former, Literal(True)))
            if fact.acting:
                g.add((node, AKG.acting, Literal(True)))
            if fact.attested and not fact.former:
                g.add((node, AKG.attestedOn, _date(fact.attested)))
        elif isinstance(fact, Neutrality):
            node = _fact_iri(stem, "neutrality", fact.state.key)
            g.add((node, RDF.type, AKG.NeutralityStatement))
            g.add((node, AKG.neutralState, entity_iri(fact.state)))
            g.add((entity_iri(fact.state), RDF.type, AKG.MilitarilyNeutralState))
        elif isinstance(fact, Event):
            events += 1
            node = event_iri(stem, fact, events)
            g.add((node, RDF.type, AKG[fact.type]))
            if fact.name:
                g.add((node, RDFS.label, Literal(fact.name)))
                for alias in fact.aliases:
                    if alias != fact.name:
                        g.add((node, SKOS.altLabel, Literal(alias)))
            for p in fact.participants:
                g.add((node, AKG.participant, entity_iri(p)))
            if fact.location:
                g.add((node, AKG.location, entity_iri(fact.location)))
            if fact.date:
                g.add((node, AKG.date, _date(fact.date)))
            if fact.end_date:
                g.add((node, AKG.endDate, _date(fact.end_date)))
            if fact.planned:
                g.add((node, AKG.planned, Literal(True)))
        else:  # pragma: no cover - the Fact union is closed
            raise TypeError(f"unknown fact {fact!r}")
        _evidence(g, node, fact.evidence, doc)
    return g


def entities_graph(refs: Iterable[EntityRef], gazetteer: Gazetteer, identifier: URIRef) -> Graph:
    """What is known of every entity, independent of any one article: names, types, links."""
    g = Graph(identifier=identifier)
    pending = list(refs)
    seen: set[tuple[str, str]] = set()
    while pending:
        ref = pending.pop()
        if (ref.kind, ref.key) in seen:
            continue
        seen.add((ref.kind, ref.key))
        node = entity_iri(ref)
        for t in ref.types:
            g.add((node, RDF.type, AKG[t]))
        g.add((node, RDFS.label, Literal(ref.label)))
        for alias in ref.aliases:
            if alias != ref.label:
                g.add((node, SKOS.altLabel, Literal(alias)))
        if ref.kind in ("state", "org", "place"):
            try:
                ent = gazetteer.get(ref.key)
            except KeyError:
                continue
            if ent.qid:
                g.add((node, SCHEMA.sameAs, WD[ent.qid]))
            if ent.part_of:
                parent = gazetteer.get(ent.part_of)
                g.add((node, AKG.partOf, mint_path(ID, f"org/{parent.key}")))
                pending.append(entity_ref(parent))
            if ent.country:
                state = gazetteer.get(ent.country)
                g.add((node, AKG.country, mint_path(ID, f"state/{state.key}")))
                pending.append(entity_ref(state))
    return g
