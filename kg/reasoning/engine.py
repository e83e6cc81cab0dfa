"""reason(): OWL 2 RL closure and domain rules to a fixpoint, cleaned, with contradictions.

closure -> rules (to their own fixpoint) -> closure ... until no rule adds a
triple. The dataset is never modified: the engine works on its own copy and
the caller adds `result.inferred` as the inferred named graph.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable

from rdflib import Dataset, Graph, Variable
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.graph.triples import TripleGraph
from kg.namespaces import AKG, PREFIXES
from kg.ontology import load_ontology, rules_dir
from kg.reasoning import contradictions as contra
from kg.reasoning.clean import NoiseFilter
from kg.reasoning.closure import make_engine
from kg.reasoning.compiled import CompiledClosure
from kg.reasoning.functional import functional_same_as, split_functional
from kg.reasoning.result import ReasoningResult
from kg.reasoning.rules import Rule, fire, load_rules
from kg.reasoning.source import split_dataset
from kg.reasoning.temporal import HOLDS_STATUS, claims_of, holds_triples, load_compatibility

Triple = tuple[Node, Node, Node]
MAX_ROUNDS = 50  # closure/rules alternations; real data needs a handful


def domain_rules() -> list[Rule]:
    return load_rules(rules_dir())


def compatibility() -> set[frozenset]:
    return load_compatibility(rules_dir() / "statuses.ttl")


def _graph(triples: Iterable[Triple]) -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in triples:
        g.add(t)
    return g


def rule_predicates(rules: list[Rule]) -> set[str] | None:
    """The predicates the rules match or write; None when one has a variable predicate or a FILTER EXISTS.

    The rules' graph holds only triples with these predicates: the rules find the same
    solutions there (their premises are plain triple patterns) and `head in graph` stays
    exact, while the graph is a fraction of the closure (evidence, labels, types stay out).
    """
    found: set[str] = set()
    for rule in rules:
        if "EXISTS" in repr(rule.select.algebra):
            return None
        for _, p, _ in (*rule.premises, *rule.template):
            if isinstance(p, Variable):
                return None
            found.add(str(p))
    return found


def fixpoint(
    eng, rules: list[Rule], helpers: Iterable[Triple] = (), first: list[Triple] | None = None
) -> tuple[list[Triple], dict, dict]:
    """Alternate the loaded closure engine `eng` and `rules` until nothing new; (closure, derivations, stats).

    `helpers` are scratch triples the rules may match (temporal validity) but that never enter the
    closure. Rules whose constant predicates are absent are skipped without building a graph.
    `first`: the engine's closure if the caller already ran it.
    """
    helpers = list(helpers)
    full = eng.run() if first is None else first
    member = str(HOLDS_STATUS)
    derivations: dict[Triple, tuple[str, list[Triple]]] = {}
    firings: Counter = Counter()
    rounds = 1
    while rounds <= MAX_ROUNDS:
        predicates = {str(p) for _, p, _ in full}  # plain strings: rdflib term hashing is slow
        if helpers:
            predicates.add(member)
        active = [r for r in rules if {str(p) for p in r.predicates()} <= predicates]
        if not active:
            break
        relevant = rule_predicates(active)
        graph = _graph(full if relevant is None else (t for t in full if str(t[1]) in relevant))
        for t in helpers:
            graph.add(t)
        new: dict[Triple, tuple[str, list[Triple]]] = {}
        for _ in range(MAX_ROUNDS):
            added = 0
            for rule in active:
                for head, premises in fire(rule, graph):
                    if head not in graph:
                        graph.add(head)
                        new[head] = (rule.id, premises)
                        firings[rule.id] += 1
                        added += 1
            if not added:
                break
        if not new:
            break
        derivations.update(new)
        eng.add(new.keys())
        full = eng.run()
        rounds += 1
    return full, derivations, {"rounds": rounds, "rule_firings": dict(firings)}


def contradiction_view(full: list[Triple]) -> Graph:
    """The part of the closure the contradiction checks and their messages read, as a graph.

    Labels, OWL vocabulary and lists, the types the checks test (disjoint classes, owl:Nothing,
    military alliances, irreflexive and asymmetric properties) and those properties' triples:
    a few per cent of the closure, so the graph is not built over a million triples.
    """
    wanted = {str(c) for c in (OWL.AllDisjointClasses, OWL.AllDifferent, OWL.IrreflexiveProperty,
                               OWL.AsymmetricProperty, OWL.Nothing, AKG.MilitaryAlliance)}
    owl, keep = str(OWL), {str(RDFS.label), str(RDF.first), str(RDF.rest)}
    type_ = str(RDF.type)
    first = [t for t in full if ((str(t[2]) in wanted) if str(t[1]) == type_ else
                                 (str(t[1]).startswith(owl) or str(t[1]) in keep))]
    g = _graph(first)
    classes = {str(c) for pair in g.subject_objects(OWL.disjointWith) for c in pair}
    for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
        classes.update(str(c) for c in contra.list_of(g, g.value(node, OWL.members)))
    props = {str(p) for cls in (OWL.IrreflexiveProperty, OWL.AsymmetricProperty) for p in g.subjects(RDF.type, cls)}
    for t in full:
        p = str(t[1])
        if (p == type_ and str(t[2]) in classes) or p in props:
            g.add(t)
    return g


def reason(dataset: Dataset, *, engine: str = "default", at=None) -> ReasoningResult:
    """Infer what the asserted graphs of `dataset` entail; the dataset is not modified.

    `engine`: "default" (the compiled tables of kg.reasoning.compiled, or `reasonable` when the
    ontology needs more), "reasonable" or "owlrl". `at`: recompute the membership
    shortcuts for that date instead of "now" (see kg.reasoning.temporal.as_of).
    """
    started = time.perf_counter()
    asserted = split_dataset(dataset, ontology=load_ontology(), triple_graphs=[AKG.MilitarilyNeutralState],
                             light=True)
    compat = compatibility()
    claims = claims_of(asserted, compat)
    helpers = holds_triples(claims, at)
    eng = CompiledClosure() if engine == "default" else make_engine(engine)
    if eng.name in ("reasonable", "compiled"):  # prp-fp by grouping: reasonable's join is quadratic
        triples, functional = split_functional(asserted.union)
        eng.add(triples)
    else:
        functional = set()
        eng.add(asserted.union)
    full, derivations, loop_stats = fixpoint(eng, domain_rules(), helpers)
    same = functional_same_as(full, functional)
    if same:  # two values of a functional property: what prp-fp would have said, then the closure again
        eng.add(same)
        full, more, _ = fixpoint(eng, domain_rules(), helpers)
        derivations.update(more)
    loop_stats["functional_same_as"] = len(same)

    noise = NoiseFilter(asserted.ontology.subjects())
    inferred: dict[Triple, None] = {}  # an ordered set: rdflib's add costs more than the reasoning per triple
    for t in full:
        if t not in asserted.union and not noise(t):
            inferred[t] = None

    closure = contradiction_view(full)
    found = contra.ontology(asserted, closure)
    found += contra.from_engine_errors(eng.errors, asserted, found)
    found += contra.neutral_in_alliance(asserted, closure, claims)
    found += contra.temporal(claims, closure, lambda a, b: a == b or frozenset((a, b)) in compat)
    found.sort(key=lambda c: str(c.iri))
    for c in found:  # a statement's document fact nodes too, so GRAPH ?doc { ?fact ... } names the sources
        stated = {f for n in c.concerns if n in asserted.statements for f in asserted.union.objects(n, AKG.statedBy)}
        c.concerns = sorted(set(c.concerns) | stated, key=str)
    for c in found:
        for t in c.triples():
            inferred[t] = None
        for node in c.concerns:  # each side marked; neither is dropped
            if node in asserted.statements or (node, AKG.evidence, None) in asserted.union:
                inferred[(node, AKG.disputedIn, c.iri)] = None

    stats = {
        "engine": eng.name,
        "seconds": round(time.perf_counter() - started, 3),
        "triples_in": len(asserted.union),
        "triples_out": len(inferred),
        "contradictions": len(found),
        **loop_stats,
    }
    kept = {t: d for t, d in derivations.items() if t in inferred}
    return ReasoningResult(TripleGraph(None, inferred), found, stats, kept)
