"""Labels beside IRIs: one extra query for the rdfs:label (or a document's dcterms:title) of each IRI in a result."""

from __future__ import annotations

import pyoxigraph as ox

from kg.query import QueryResult

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TITLE = "http://purl.org/dc/terms/title"
#: IRIs looked up at most, so a huge result costs one bounded query
MAX_IRIS = 2000


def labels_query(iris: list[str]) -> str:
    """SELECT ?x ?label for the IRIs (labels first, titles where there is no label)."""
    values = " ".join(f"<{i}>" for i in iris[:MAX_IRIS])
    return (f"SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }} "
            f"{{ ?x <{LABEL}> ?label }} UNION {{ ?x <{TITLE}> ?label FILTER NOT EXISTS {{ ?x <{LABEL}> ?l }} }} }}")


def iris_of(result: QueryResult) -> list[str]:
    """The distinct IRIs bound in a SELECT result, in order of appearance."""
    seen: dict[str, None] = {}
    for row in result.rows:
        for term in row:
            if isinstance(term, ox.NamedNode):
                seen[term.value] = None
    return list(seen)


def read_labels(result: QueryResult) -> dict[str, str]:
    """IRI -> label from the rows of labels_query (the smallest label when there are several)."""
    out: dict[str, str] = {}
    for x, label in result.rows:
        if isinstance(x, ox.NamedNode) and label is not None and (x.value not in out or label.value < out[x.value]):
            out[x.value] = label.value
    return out


def with_labels(result: QueryResult, labels: dict[str, str]) -> QueryResult:
    """A copy of a SELECT result with a `VAR label` column after each variable that binds a labelled IRI."""
    if result.kind != "bindings" or not labels:
        return result
    labelled = [i for i, _ in enumerate(result.variables)
                if any(isinstance(r[i], ox.NamedNode) and r[i].value in labels for r in result.rows)]
    if not labelled:
        return result
    variables: list[str] = []
    for i, v in enumerate(result.variables):
        variables.append(v)
        if i in labelled:
            variables.append(f"{v} label")
    rows = []
    for row in result.rows:
        cells: list = []
        for i, term in enumerate(row):
            cells.append(term)
            if i in labelled:
                name = labels.get(term.value) if isinstance(term, ox.NamedNode) else None
                cells.append(ox.Literal(name) if name is not None else None)
        rows.append(tuple(cells))
    return QueryResult("bindings", variables=variables, rows=rows, truncated=result.truncated)
