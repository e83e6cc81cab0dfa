"""The whole build in one function: corpus → per-article results → entities → reasoning → report.

The unit of work is the article (kg.build.document.process): its stages run with no
shared state and any failure there drops that article alone. The global stages
(entities graph, statements graph, reasoning) run over the per-article graphs; when one fails, the
articles behind it are found by bisection (kg.build.isolate), reported and left out.
Only `write_build` touches files, and it switches to a complete new set at once.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

from kg.build.document import DocumentResult, process
from kg.build.graphs import BuildGraphs, TripleGraph
from kg.build.isolate import isolate
from kg.build.progress import Progress
from kg.corpus import read_corpus
from kg.corpus.article import Article, Corpus
from kg.extract.document import DocumentFacts
from kg.gazetteer import Gazetteer
from kg.graph.rdf import entities_graph
from kg.graph.statements import statement_triples
from kg.model import Event, Membership, Neutrality, NonMembership, Post
from kg.namespaces import ENTITIES_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES, STATEMENTS_GRAPH, doc_iri
from kg.ontology import load_ontology

FACT_KINDS = {Membership: "membership", NonMembership: "non_membership", Post: "post",
              Neutrality: "neutrality", Event: "event"}


@dataclass
class BuildResult:
    graphs: BuildGraphs  #: every named graph of the build (`dataset` gives them as an rdflib Dataset)
    corpus: Corpus
    documents: list[DocumentFacts]
    report: dict = field(default_factory=dict)
    contradictions: list = field(default_factory=list)
    timings: dict = field(default_factory=dict)  #: seconds per stage: kept out of report.json (reproducible)
    #: each built article's named graph as sorted N-Quads, by graph IRI: the dumps stream these
    document_nquads: dict[str, str] = field(default_factory=dict)
    _dataset: Dataset | None = field(default=None, repr=False)

    @property
    def dataset(self) -> Dataset:
        """The graphs as one rdflib Dataset, made on first use (the build itself never needs it)."""
        if self._dataset is None:
            self._dataset = self.graphs.to_dataset(new_dataset())
        return self._dataset


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.bind("skos", "http://www.w3.org/2004/02/skos/core#")
    ds.bind("dcterms", "http://purl.org/dc/terms/")
    return ds


Mapper = Callable[[Sequence[Article]], Iterable[DocumentResult]]


def serial_map(articles: Sequence[Article]) -> Iterable[DocumentResult]:
    """The per-article stages in this process, one article after another."""
    gazetteer = Gazetteer.load()
    for article in articles:
        yield process(article, gazetteer)


def check_rule_files() -> None:
    """Load and validate every rule and word-list file once, before any article.

    A malformed file raises DataFileError naming the file and each problem, so the build stops with
    one error instead of skipping every article for the same reason.
    """
    from kg.extract.cascade.discourse import descriptions
    from kg.extract.cascade.lexicon import lexicon
    from kg.extract.lexicon import cues, roles
    from kg.extract.transliteration import canonical_spelling

    Gazetteer.load()
    canonical_spelling("")
    lexicon()
    descriptions()
    roles()
    cues()


def build(corpus_dir: Path, *, reason: bool = True, engine: str = "default",
          progress: Progress | None = None, max_bytes: int | None = None,
          mapper: Mapper | None = None) -> BuildResult:
    """Read a corpus folder and return the knowledge graph with its report.

    `mapper` runs the per-article stages (default: serially here; kg.build.parallel.Mapper: a pool, Dask,
    a cache). `progress`: a bar over the articles and a line per global stage (kg.build.progress).
    """
    clock = _Clock(progress.stage if progress else None)
    check_rule_files()
    corpus = read_corpus(corpus_dir, max_bytes=max_bytes, pmap=getattr(mapper, "pmap", None))
    clock.lap("reading")
    skipped = [{"file": str(p.path), "stage": "reading", "reason": p.reason} for p in corpus.problems]
    results = (mapper or serial_map)(corpus.articles)
    docs: list[DocumentResult] = []
    for r in progress.articles_bar(results, len(corpus.articles)) if progress else results:
        if r.failure:
            skipped.append(r.failure)
        else:
            docs.append(r)
    clock.lap("documents")

    gazetteer = Gazetteer.load()
    ontology = load_ontology()
    entities, bad = isolate("building the entities graph", docs,
                            lambda ds_: entities_graph([ref for d in ds_ for ref in d.refs], gazetteer,
                                                       ENTITIES_GRAPH))
    docs = _drop(docs, bad, "entities graph", skipped)
    ds = _assemble(ontology, entities, docs)
    clock.lap("assembling")
    statements, bad = isolate("building the statements graph", docs,
                              lambda ds_: statement_triples(ds.graph(doc_iri(d.stem)) for d in ds_))
    if bad:
        for d in bad:
            ds.remove_graph(doc_iri(d.stem))
        docs = _drop(docs, bad, "statements graph", skipped)
    ds.add(TripleGraph(STATEMENTS_GRAPH, statements))
    clock.lap("statements")

    result = BuildResult(ds, corpus, [])
    if reason:
        from kg.reasoning import reason as run_reasoning

        def attempt(group: Sequence[DocumentResult]):
            if len(group) == len(docs):
                return run_reasoning(ds, engine=engine)
            sub = _assemble(ontology, entities, group, ds)
            sub.add(TripleGraph(STATEMENTS_GRAPH, statement_triples(sub.graph(doc_iri(d.stem)) for d in group)))
            return run_reasoning(sub, engine=engine)

        reasoning, bad = isolate("reasoning", docs, attempt)
        if bad:
            for d in bad:
                ds.remove_graph(doc_iri(d.stem))
            docs = _drop(docs, bad, "reasoning", skipped)
            ds.add(TripleGraph(STATEMENTS_GRAPH, statement_triples(ds.graph(doc_iri(d.stem)) for d in docs)))
        ds.add(reasoning.triples, INFERRED_GRAPH)
        result.contradictions = reasoning.contradictions
        stats = dict(reasoning.stats)
        clock.times["reasoning_engine"] = stats.pop("seconds", None)
        result.report["reasoning"] = stats
        clock.lap("reasoning")
    result.documents = [d.facts for d in docs if d.facts is not None]
    result.document_nquads = {str(doc_iri(d.stem)): d.nquads for d in docs}
    shapes = {d.stem: d.shape_problems for d in docs if d.shape_problems}
    result.report.update(_report(result, skipped, shapes))
    result.report["statements"] = _statement_counts(ds.graph(STATEMENTS_GRAPH))
    result.timings = clock.times
    return result


def _statement_counts(g: Graph) -> dict:
    """How many distinct facts of each kind, and how many of them more than one document states."""
    from rdflib import RDF

    from kg.namespaces import AKG

    kinds: Counter[str] = Counter()
    multi: Counter[str] = Counter()
    for node, cls in g.subject_objects(RDF.type):
        kind = str(cls).rsplit("#", 1)[-1]
        kinds[kind] += 1
        if int(g.value(node, AKG.sourceCount) or 0) > 1:
            multi[kind] += 1
    return {"per_kind": dict(sorted(kinds.items())), "with_several_sources": dict(sorted(multi.items()))}


def _drop(docs: list[DocumentResult], bad: dict, stage: str, skipped: list[dict]) -> list[DocumentResult]:
    for d, exc in bad.items():
        skipped.append({"file": d.file, "stage": stage, "reason": f"{stage} failed: {exc!r}"[:500]})
    return [d for d in docs if d not in bad]


def _assemble(ontology: Graph, entities: Graph, docs: Iterable[DocumentResult],
              parsed: BuildGraphs | None = None) -> BuildGraphs:
    """The ontology, entities and article graphs (Oxigraph parses each article's N-Quads once;
    `parsed`: a BuildGraphs whose article graphs are reused)."""
    ds = BuildGraphs()
    ds.add(ontology, ONTOLOGY_GRAPH)
    ds.add(entities, ENTITIES_GRAPH)
    for d in docs:
        if d.nquads:
            name = doc_iri(d.stem)
            ds.add(parsed.graph(name) if parsed is not None else TripleGraph.from_nquads(name, d.nquads))
    return ds


class _Clock:
    def __init__(self, on_lap: Callable[[str, float], None] | None = None) -> None:
        self.times: dict[str, float | None] = {}
        self._last = time.perf_counter()
        self._on_lap = on_lap

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.times[stage] = round(now - self._last, 3)
        self._last = now
        if self._on_lap:
            self._on_lap(stage, self.times[stage])


def _report(result: BuildResult, skipped: list[dict], shapes: dict[str, list[str]]) -> dict:
    corpus = result.corpus
    per_kind: Counter[str] = Counter()
    per_doc = {}
    for d in result.documents:
        kinds = Counter(FACT_KINDS[type(f)] for f in d.facts)
        per_kind.update(kinds)
        per_doc[d.stem] = dict(sorted(kinds.items()))
    graphs = {str(g.identifier): len(g) for g in result.graphs.graphs() if len(g)}
    built = set(per_doc)
    stripped = {a.stem: [{"kind": s.kind, "rule": s.rule, "text": a.text[s.start:s.end][:80]}
                         for s in a.boilerplate] for a in corpus.articles if a.boilerplate and a.stem in built}
    return {
        "documents": len(result.documents),
        "triples": sum(graphs.values()),
        "triples_per_graph": dict(sorted(graphs.items())),
        "facts_per_kind": dict(sorted(per_kind.items())),
        "facts_per_document": dict(sorted(per_doc.items())),
        "guessed_dates": corpus.guessed_dates,
        "guessed_titles": corpus.guessed_titles,
        "undated": corpus.undated,
        "skipped": sorted(skipped, key=lambda s: (s["file"], s["stage"])),
        "warnings": corpus.warnings,
        "boilerplate_stripped": stripped,
        "shape_violations": dict(sorted(shapes.items())),
        "contradictions": [{"iri": str(c.iri), "kind": c.kind, "message": c.message,
                            "documents": [str(d) for d in c.documents]} for c in result.contradictions],
    }


def write_build(result: BuildResult, out_dir: Path) -> dict[str, Path]:
    """Write kg.trig, kg.ttl, report.json (and timings.json) as one set; returns the paths for users."""
    from kg.build.output import write_outputs

    return write_outputs(result, out_dir)
