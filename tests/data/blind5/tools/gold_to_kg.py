#!/usr/bin/env python3
"""Make a TriG knowledge graph from ../gold.json in the vocabulary of CONTRACT.md.

A sanity check for the gold and the scorer only (score_kg.py on it must give P=R=F1=1.00);
with --with-must-not the must_not facts are added as well, so that the scorer reports every one.

usage: gold_to_kg.py [--gold GOLD.json] [--out OUT.trig] [--with-must-not]
"""
import argparse
import json
import os
import re
import unicodedata

from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
AKG = Namespace("https://w3id.org/alliance-kg/ontology#")
ID = "https://w3id.org/alliance-kg/id/"
DOC = "https://w3id.org/alliance-kg/doc/"
ENTITIES = URIRef("https://w3id.org/alliance-kg/graph/gold-entities")


def slug(name):
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")


def date_literal(value):
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.gYear)


def front_matter(stem):
    path = os.path.join(ROOT, "corpus", stem + ".txt")
    meta = {}
    if os.path.exists(path):
        lines = open(path, encoding="utf-8").read().split("\n")
        if lines and lines[0] == "---":
            for line in lines[1:]:
                if line == "---":
                    break
                k, _, v = line.partition(":")
                meta[k.strip()] = v.strip()
    return meta


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=os.path.join(ROOT, "gold.json"))
    ap.add_argument("--out", default=os.path.join(ROOT, "gold_kg.trig"))
    ap.add_argument("--with-must-not", action="store_true")
    args = ap.parse_args()
    gold = json.load(open(args.gold, encoding="utf-8"))
    aliases = gold["aliases"]

    ds = Dataset()
    ds.bind("akg", AKG)
    ents = ds.graph(ENTITIES)

    def ent(name):
        iri = URIRef(ID + slug(name))
        if (iri, RDFS.label, None) not in ents:
            ents.add((iri, RDFS.label, Literal(name, lang="en")))
            for a in aliases.get(name, []):
                if a != name:
                    ents.add((iri, SKOS.altLabel, Literal(a, lang="en")))
        return iri

    for stem, d in gold["documents"].items():
        g = ds.graph(URIRef(DOC + stem))
        docnode = URIRef(DOC + stem)
        meta = front_matter(stem)
        g.add((docnode, RDF.type, AKG.Document))
        g.add((docnode, DCTERMS.date, Literal(d["publication_date"], datatype=XSD.date)))
        for k, p in (("title", DCTERMS.title), ("publisher", DCTERMS.publisher), ("source", DCTERMS.source)):
            if k in meta:
                g.add((docnode, p, Literal(meta[k])))
        memberships = list(d["memberships"])
        neutral = list(d["neutral_states"])
        posts = list(d["posts"])
        if args.with_must_not:
            memberships += [m for m in d["must_not"] if m["kind"] == "membership"]
            neutral += [m.get("state", m.get("member")) for m in d["must_not"] if m["kind"] == "neutral"]
            posts += [p for p in d["must_not"] if p["kind"] == "post"]
        for i, m in enumerate(memberships):
            node = URIRef(f"{ID}membership/{stem}/{i}")
            g.add((node, RDF.type, AKG.Membership))
            g.add((node, AKG.member, ent(m["member"])))
            g.add((node, AKG.organization, ent(m["organization"])))
            g.add((node, AKG.status, AKG[m["status"]]))
            if m.get("start_date"):
                g.add((node, AKG.startDate, date_literal(m["start_date"])))
            if m.get("end_date"):
                g.add((node, AKG.endDate, date_literal(m["end_date"])))
        for s in neutral:
            g.add((ent(s), RDF.type, AKG.MilitarilyNeutralState))
        for i, p in enumerate(posts):
            node = URIRef(f"{ID}post/{stem}/{i}")
            g.add((node, RDF.type, AKG.Post))
            g.add((node, AKG.holder, ent(p["holder"])))
            g.add((node, AKG.role, AKG[p["role"]]))
            g.add((node, AKG.postIn, ent(p["of"])))
        for i, e in enumerate(d["events"]):
            node = URIRef(f"{ID}event/{stem}/e{i}")
            g.add((node, RDF.type, AKG[e["type"]]))
            if e.get("name"):
                g.add((node, RDFS.label, Literal(e["name"], lang="en")))
            for p in e.get("participants", []):
                g.add((node, AKG.participant, ent(p)))
            if e.get("location"):
                g.add((node, AKG.location, ent(e["location"])))
            if e.get("date"):
                g.add((node, AKG.date, date_literal(e["date"])))
            if e.get("planned"):
                g.add((node, AKG.planned, Literal(True)))
    ds.serialize(destination=args.out, format="trig")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
