"""Scoring a built graph against a gold file (the format of spec/seed-gold.json).

Same matching as the project's acceptance scorer: names match case- and
accent-insensitively through rdfs:label, skos:altLabel and the IRI's last segment,
and through the gold file's alias table; facts are matched greedily one to one per
document; a system fact matching an `optional_facts` entry, or a post marked
akg:former, counts neither for nor against precision.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Dataset, URIRef
from rdflib.namespace import SKOS

from kg.namespaces import AKG, DOC, SCHEMA

EVENT_TYPES = ("Meeting", "Talks", "MilitaryExercise", "Agreement", "Election", "Forum")
KINDS = ("membership", "neutral", "post", "event")
_NAME_PREDICATES = (RDFS.label, SKOS.altLabel, SKOS.prefLabel, SCHEMA.name, URIRef("http://schema.org/name"))


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[_\-/]+", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.split())


def _local(iri) -> str:
    return re.split(r"[#/]", str(iri))[-1]


class Names:
    def __init__(self, ds: Dataset, aliases: dict[str, list[str]]) -> None:
        self.names: dict = {}
        for pred in _NAME_PREDICATES:
            for s, _, o, _ in ds.quads((None, pred, None, None)):
                self.names.setdefault(s, set()).add(norm(o))
        self.aliases = {k: {norm(k)} | {norm(a) for a in v} for k, v in aliases.items()}

    def of(self, node) -> set[str]:
        found = set(self.names.get(node, set()))
        if isinstance(node, URIRef):
            found.add(norm(_local(node)))
        return found

    def matches(self, node, gold_name: str) -> bool:
        return bool(self.of(node) & self.aliases.get(gold_name, {norm(gold_name)}))


@dataclass
class KindScore:
    tp: int = 0
    system: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.system if self.system else (1.0 if self.gold == 0 else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    must_not_found: list[tuple[str, dict]] = field(default_factory=list)
    missing_documents: list[str] = field(default_factory=list)
    errors: list[tuple[str, str, object]] = field(default_factory=list)  # (doc, "fp"|"fn", fact)

    @property
    def micro(self) -> KindScore:
        total = KindScore()
        for k in self.kinds.values():
            total.tp += k.tp
            total.system += k.system
            total.gold += k.gold
        return total

    def as_dict(self) -> dict:
        def d(k: KindScore) -> dict:
            return {"precision": k.precision, "recall": k.recall, "f1": k.f1, "tp": k.tp,
                    "system": k.system, "gold": k.gold}
        return {"kinds": {n: d(k) for n, k in self.kinds.items()}, "micro": d(self.micro),
                "must_not_found": self.must_not_found, "documents_without_graph": self.missing_documents}


def _memberships(g):
    found = []
    for m in g.subjects(RDF.type, AKG.Membership):
        for member in g.objects(m, AKG.member):
            for org in g.objects(m, AKG.organization):
                for status in g.objects(m, AKG.status):
                    found.append((member, org, _local(status)))
    for pred, status in ((AKG.memberOf, "FullMember"), (AKG.observerOf, "Observer"), (AKG.partnerOf, "Partner")):
        for member, org in g.subject_objects(pred):
            found.append((member, org, status))
    return list(dict.fromkeys(found))


def _posts(g):
    found = []
    for p in g.subjects(RDF.type, AKG.Post):
        former = any(str(v).lower() in ("true", "1") for v in g.objects(p, AKG.former))
        for holder in g.objects(p, AKG.holder):
            for role in g.objects(p, AKG.role):
                for of in g.objects(p, AKG.postIn):
                    found.append((holder, _local(role), of, former))
    return list(dict.fromkeys(found))


def _events(g):
    found = []
    for etype in EVENT_TYPES:
        for e in g.subjects(RDF.type, AKG[etype]):
            dates = [str(d) for p in (AKG.date, AKG.startDate) for d in g.objects(e, p)]
            found.append({"node": e, "type": etype, "participants": list(g.objects(e, AKG.participant)),
                          "locations": list(g.objects(e, AKG.location)), "dates": dates})
    return found


def evaluate(ds: Dataset, gold: dict) -> Evaluation:
    names = Names(ds, gold.get("aliases", {}))
    result = Evaluation()

    def m_match(s, x):
        return s[2] == x["status"] and names.matches(s[0], x["member"]) and names.matches(s[1], x["organization"])

    def p_match(s, x):
        return s[1] == x["role"] and names.matches(s[0], x["holder"]) and names.matches(s[2], x["of"])

    def e_match(ev, x):
        if ev["type"] != x["type"] or ("name" in x and not names.matches(ev["node"], x["name"])):
            return False
        if any(not any(names.matches(p, want) for p in ev["participants"]) for want in x.get("participants", [])):
            return False
        if "location" in x and not any(names.matches(loc, x["location"]) for loc in ev["locations"]):
            return False
        return "date" not in x or any(d.startswith(x["date"]) for d in ev["dates"])

    def n_match(s, x):
        return names.matches(s, x if isinstance(x, str) else x.get("state", ""))

    for stem, doc in gold["documents"].items():
        g = ds.graph(URIRef(DOC[stem]))
        if len(g) == 0:
            result.missing_documents.append(stem)
        optional = doc.get("optional_facts", [])
        systems = {
            "membership": (_memberships(g), doc.get("memberships", []), m_match, lambda s: False),
            "post": (_posts(g), doc.get("posts", []), p_match, lambda s: s[3]),
            "event": (_events(g), doc.get("events", []), e_match, lambda s: False),
            "neutral": (list(set(g.subjects(RDF.type, AKG.MilitarilyNeutralState))), doc.get("neutral_states", []),
                        n_match, lambda s: False),
        }
        for kind, (sysf, goldf, match, former) in systems.items():
            alts = [o for o in optional if o["kind"] == kind]
            used: set[int] = set()
            score = result.kinds[kind]
            for g_fact in goldf:
                hit = next((i for i, s in enumerate(sysf) if i not in used and match(s, g_fact)), None)
                if hit is None:
                    result.errors.append((stem, "fn", g_fact))
                else:
                    used.add(hit)
                    score.tp += 1
            for i, s in enumerate(sysf):
                neutral = former(s) or any(match(s, o) for o in alts)
                if i in used or not neutral:
                    score.system += 1
                    if i not in used:
                        result.errors.append((stem, "fp", s))
            score.gold += len(goldf)
        for bad in doc.get("must_not", []):
            kind = bad["kind"]
            if ((kind == "membership" and any(m_match(s, bad) for s in systems["membership"][0]))
                    or (kind == "post" and any(p_match(s, bad) for s in systems["post"][0] if not s[3]))
                    or (kind == "neutral" and any(names.matches(s, bad.get("state", bad.get("member", "")))
                                                  for s in systems["neutral"][0]))):
                result.must_not_found.append((stem, bad))
    return result
