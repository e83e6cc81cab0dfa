"""`kg query`: run SPARQL over a built knowledge graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import QueryError
from kg.labels import iris_of, labels_query, read_labels, with_labels
from kg.query import FORMATS, KnowledgeGraph, format_result, inspect_query

CLI_FORMATS = ["table", "json", "csv", "tsv", "xml", "turtle", "ntriples", "jsonld", "trig", "nquads"]


def _as_of(kg_dir: Path, date: str) -> KnowledgeGraph:
    """The KG as of a date (kg.reasoning.temporal.as_of), wrapped for querying."""
    from kg.reasoning.source import load_dataset
    from kg.reasoning.temporal import as_of

    path = kg_dir / "kg.trig" if kg_dir.is_dir() or not kg_dir.suffix else kg_dir
    KnowledgeGraph.load(kg_dir)  # the same clean error if there is no build
    try:
        view = as_of(load_dataset(path), date)
    except ValueError as exc:
        raise QueryError(f"--as-of: {exc}") from exc
    return KnowledgeGraph.from_dataset(view)


def read_query(query_or_file: str) -> str:
    """The query text: the argument itself, or the contents of the .rq file it names."""
    path = Path(query_or_file)
    looks_like_file = query_or_file.endswith((".rq", ".sparql")) or "\n" not in query_or_file
    if looks_like_file and len(query_or_file) < 4096:
        try:
            if path.is_file():
                return path.read_text(encoding="utf-8")
        except OSError:
            pass
        if query_or_file.endswith((".rq", ".sparql")):
            raise QueryError(f"query file {query_or_file} not found")
    return query_or_file


@click.command()
@click.argument("query_or_file")
@click.option("--kg", "kg_dir", default="build", show_default=True, type=click.Path(path_type=Path),
              help="Folder holding kg.trig (the output of `kg build`).")
@click.option("--format", "fmt", type=click.Choice(CLI_FORMATS), default="table", show_default=True,
              help="table: aligned text with prefixed names and labels; json/xml/csv/tsv: SPARQL results "
                   "(SELECT, ASK); turtle, ntriples, jsonld, trig, nquads: RDF (CONSTRUCT, DESCRIBE).")
@click.option("--labels/--no-labels", default=True, show_default=True,
              help="In the table, add a 'VAR label' column beside each column of labelled IRIs.")
@click.option("--timeout", type=float, default=None, help="Stop the query after this many seconds.")
@click.option("--as-of", "as_of_date", default=None, metavar="DATE",
              help="Answer as of DATE (YYYY, YYYY-MM or YYYY-MM-DD): membership shortcuts "
                   "(memberOf, observerOf, affiliatedWith...) recomputed from statuses valid then.")
def query(query_or_file: str, kg_dir: Path, fmt: str, labels: bool, timeout: float | None,
          as_of_date: str | None) -> None:
    """Run SPARQL over a built KG; the union of all named graphs is the default graph.

    QUERY_OR_FILE is a query string or a path to a .rq file. These prefixes are
    declared for every query: akg: id: doc: akgg: rdf: rdfs: owl: xsd: skos: dcterms:
    org: prov: schema: sem: time: wd:. The table prints IRIs as prefixed names that
    paste back into a query (id:state\\/Serbia: a slash is escaped).

    Example:

        kg query 'SELECT ?x WHERE { ?x akg:memberOf ?o }' --kg build

        kg query examples/memberships.rq --format json

        kg query 'SELECT ?x WHERE { ?x akg:memberOf ?o }' --as-of 2017-06
    """
    text = read_query(query_or_file)
    if inspect_query(text).is_update:
        raise QueryError("this is a SPARQL Update; `kg query` only reads (SELECT, ASK, CONSTRUCT, DESCRIBE): "
                         "to change the graph, change the corpus and run `kg build`")
    graph = _as_of(kg_dir, as_of_date) if as_of_date else KnowledgeGraph.load(kg_dir)
    result = graph.query(text, timeout=timeout, isolated=True)  # an engine crash is an Error line, not ours
    if fmt != "table" and result.kind not in FORMATS[fmt][1]:
        raise QueryError(_format_mismatch(fmt, result.kind))
    if fmt == "table" and labels and result.kind == "bindings":
        iris = iris_of(result)
        if iris:
            names = read_labels(graph.query(labels_query(iris), timeout=timeout, isolated=True))
            result = with_labels(result, names)
    out = format_result(result, fmt)
    if isinstance(out, bytes):
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
    else:
        click.echo(out, nl=False)


_KIND = {"bindings": "SELECT", "boolean": "ASK", "graph": "CONSTRUCT or DESCRIBE"}


def _format_mismatch(fmt: str, kind: str) -> str:
    """Name the formats that do fit this kind of result."""
    fitting = [f for f in CLI_FORMATS if f == "table" or kind in FORMATS[f][1]]
    made_for = " or ".join(_KIND[k] for k in FORMATS[fmt][1])
    article = "an" if kind == "boolean" else "a"
    return (f"--format {fmt} is for {made_for} results; {article} {_KIND[kind]} result can be printed as "
            f"{', '.join(fitting)}")
