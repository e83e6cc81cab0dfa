"""One article through every per-document stage: extraction, graph, shapes, N-Quads.

A pure function of the article and the gazetteer with no shared state, so it can run
in any process (a pool, a Dask worker) and its result can be cached. Whatever fails
inside it is caught here and named after the stage; the other articles never see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.corpus.article import Article
from kg.extract.document import DocumentFacts, extract_document
from kg.gazetteer import Gazetteer
from kg.graph.rdf import document_graph
from kg.graph.shapes import validate
from kg.model import EntityRef, Post

from .quads import graph_quads, nquads


@dataclass(eq=False)  # identity: results are dict keys when a global stage isolates culprits
class DocumentResult:
    """What one article contributes to the build; `failure` set means it contributes nothing."""

    stem: str
    file: str
    nquads: str = ""  #: the article's named graph, sorted N-Quads
    facts: DocumentFacts | None = None
    refs: list[EntityRef] = field(default_factory=list)  #: entities it mentions (for the entities graph)
    shape_problems: list[str] = field(default_factory=list)
    failure: dict | None = None  #: {"file", "stage", "reason"}


def metadata_of(article: Article) -> dict:
    return {"title": article.title, "date": article.date, "publisher": article.publisher,
            "source": article.source}


def process(article: Article, gazetteer: Gazetteer, *, validate_shapes: bool = True) -> DocumentResult:
    """Extract, map to RDF, validate and serialize one article; a failure is recorded, never raised."""
    out = DocumentResult(article.stem, str(article.path))
    stage = "extraction"
    try:
        facts = extract_document(article.stem, article.text, article.content_spans(), article.date, gazetteer,
                                 headline=article.headline_span())
        stage = "graph building"
        graph = document_graph(article.stem, facts.facts, metadata_of(article), facts.entities.values(), light=True)
        if validate_shapes:
            stage = "validation"
            report = validate(graph)
            if not report.conforms:
                out.shape_problems = [str(v) for v in report.violations]
        stage = "writing"
        out.nquads = nquads(graph_quads(graph))
    except Exception as exc:  # noqa: BLE001 - one broken article must not stop the others
        if getattr(exc, "stops_build", False):  # SIGTERM/SIGINT (kg.cli.build): not the article's fault
            raise
        out.failure = {"file": out.file, "stage": stage, "reason": f"{stage} failed: {exc!r}"[:500]}
        out.nquads, out.shape_problems = "", []
        return out
    out.facts = facts
    out.refs = list(facts.entities.values()) + [f.holder for f in facts.facts if isinstance(f, Post)]
    return out
