"""The whole build in one function: corpus → facts → graphs → shapes → reasoning.

Stages take and return in-memory objects; only `write_build` touches files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

from kg.corpus import read_corpus
from kg.corpus.article import Article, Corpus
from kg.extract.document import DocumentFacts, extract_document
from kg.gazetteer import Gazetteer
from kg.graph.rdf import document_graph, entities_graph
from kg.graph.shapes import validate
from kg.graph.writer import write_dataset, write_json, write_union
from kg.model import Event, Membership, Neutrality, NonMembership, Post
from kg.namespaces import ENTITIES_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES
from kg.ontology import load_ontology

FACT_KINDS = {Membership: "membership", NonMembership: "non_membership", Post: "post",
              Neutrality: "neutrality", Event: "event"}


@dataclass
class BuildResult:
    dataset: Dataset
    corpus: Corpus
    documents: list[DocumentFacts]
    report: dict = field(default_factory=dict)
    contradictions: list = field(default_factory=list)


def extract_article(article: Article, gazetteer: Gazetteer) -> DocumentFacts:
    """The facts of one article: a pure function of the article and the gazetteer."""
    return extract_document(article.stem, article.text, article.content_spans(), article.date, gazetteer)


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.bind("skos", "http://www.w3.org/2004/02/skos/core#")
    ds.bind("dcterms", "http://purl.org/dc/terms/")
    return ds


def _add_graph(ds: Dataset, g: Graph, identifier=None) -> None:
    """Copy `g` into the named graph `identifier` (default: g's own name) of `ds`."""
    target = ds.graph(identifier or g.identifier)
    for t in g:
        target.add(t)


def build(corpus_dir: Path, *, reason: bool = True, engine: str = "default",
          progress: Callable[[Iterable[Article]], Iterable[Article]] | None = None) -> BuildResult:
    """Read a corpus folder and return the knowledge graph with its report."""
    gazetteer = Gazetteer.load()
    corpus = read_corpus(corpus_dir)
    ds = new_dataset()
    _add_graph(ds, load_ontology(), ONTOLOGY_GRAPH)
    documents: list[DocumentFacts] = []
    skipped = [{"file": str(p.path), "reason": p.reason} for p in corpus.problems]
    entity_refs = []
    shape_problems: dict[str, list[str]] = {}
    articles = progress(corpus.articles) if progress else corpus.articles
    for article in articles:
        try:
            facts = extract_article(article, gazetteer)
        except Exception as exc:  # one broken article must not stop the others
            skipped.append({"file": str(article.path), "reason": f"extraction failed: {exc!r}"})
            continue
        documents.append(facts)
        meta = {"title": article.title, "date": article.date, "publisher": article.publisher,
                "source": article.source}
        g = document_graph(article.stem, facts.facts, meta, facts.entities.values())
        report = validate(g)
        if not report.conforms:
            shape_problems[article.stem] = [str(v) for v in report.violations]
        _add_graph(ds, g)
        entity_refs.extend(facts.entities.values())
        for f in facts.facts:
            if isinstance(f, Post):
                entity_refs.append(f.holder)
    _add_graph(ds, entities_graph(entity_refs, gazetteer, ENTITIES_GRAPH))
    result = BuildResult(ds, corpus, documents)
    if reason:
        from kg.reasoning import reason as run_reasoning

        reasoning = run_reasoning(ds, engine=engine)
        _add_graph(ds, reasoning.inferred, INFERRED_GRAPH)
        result.contradictions = reasoning.contradictions
        result.report["reasoning"] = reasoning.stats
    result.report.update(_report(result, skipped, shape_problems))
    return result


def _report(result: BuildResult, skipped: list[dict], shapes: dict[str, list[str]]) -> dict:
    corpus = result.corpus
    per_kind: Counter[str] = Counter()
    per_doc = {}
    for d in result.documents:
        kinds = Counter(FACT_KINDS[type(f)] for f in d.facts)
        per_kind.update(kinds)
        per_doc[d.stem] = dict(kinds)
    graphs = {str(g.identifier): len(g) for g in result.dataset.graphs() if len(g)}
    stripped = {a.stem: [{"kind": s.kind, "rule": s.rule, "text": a.text[s.start:s.end][:80]}
                         for s in a.boilerplate] for a in corpus.articles if a.boilerplate}
    return {
        "documents": len(result.documents),
        "triples": sum(graphs.values()),
        "triples_per_graph": graphs,
        "facts_per_kind": dict(per_kind),
        "facts_per_document": per_doc,
        "guessed_dates": corpus.guessed_dates,
        "guessed_titles": corpus.guessed_titles,
        "undated": corpus.undated,
        "skipped": skipped,
        "warnings": corpus.warnings,
        "boilerplate_stripped": stripped,
        "shape_violations": shapes,
        "contradictions": [{"iri": str(c.iri), "kind": c.kind, "message": c.message,
                            "documents": [str(d) for d in c.documents]} for c in result.contradictions],
    }


def write_build(result: BuildResult, out_dir: Path) -> dict[str, Path]:
    """Write kg.trig, kg.ttl and report.json atomically; returns the paths written."""
    paths = {"trig": out_dir / "kg.trig", "ttl": out_dir / "kg.ttl", "report": out_dir / "report.json"}
    write_dataset(result.dataset, paths["trig"])
    write_union(result.dataset, paths["ttl"])
    write_json(result.report, paths["report"])
    return paths
