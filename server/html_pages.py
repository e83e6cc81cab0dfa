"""What a browser gets where a client gets data: a results table for GET /sparql, a VoID page, error pages."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Response, current_app, render_template, request

from kg.errors import QueryError
from kg.labels import iris_of, labels_query, read_labels
from kg.query import QueryResult, QueryTimeout, name_unknown_prefix
from server import linked_data
from server.errors import HTTPError
from server.executor import PoolBusy, QueryFailed, QueryRequest
from server.policy import Refused
from server.sparql import Operation, public_root

#: the formats a results page links to, by kind of result
OTHER_FORMATS = {"bindings": ("json", "xml", "csv", "tsv"), "boolean": ("json", "xml"),
                 "graph": ("turtle", "ntriples", "jsonld", "rdfxml")}


def _run(op: Operation) -> QueryResult:
    cfg = current_app.config["AKG"]
    req = QueryRequest(op.text, op.default_graph_uris or None, op.named_graph_uris or None,
                       max_rows=cfg.max_rows, base_iri=public_root() + "sparql")
    try:
        return current_app.config["AKG_POOL"].run(req, timeout=cfg.timeout)
    except QueryTimeout as exc:
        raise HTTPError(503, f"{exc}; simplify the query or add a LIMIT", {"Retry-After": "1"}) from exc
    except (PoolBusy, QueryFailed) as exc:
        raise HTTPError(503, str(exc), {"Retry-After": "1"}) from exc
    except Refused as exc:
        raise HTTPError(403, str(exc)) from exc
    except QueryError as exc:
        raise HTTPError(400, name_unknown_prefix(str(exc), op.text)) from exc


def results_page(op: Operation) -> str:
    """GET /sparql?query= from a browser: the result as a table with labels and local links."""
    result = _run(op)
    labels: dict[str, str] = {}
    iris = iris_of(result) if result.kind == "bindings" else sorted(
        {t.value for tr in result.triples for t in (tr.subject, tr.object) if isinstance(t, ox.NamedNode)})
    if iris:
        try:
            labels = read_labels(_run(Operation("query", labels_query(iris), [], [], op.params)))
        except HTTPError:
            labels = {}  # a page without labels beats no page
    if result.kind == "graph":
        header = ["subject", "predicate", "object"]
        rows = [(t.subject, t.predicate, t.object) for t in result.triples]
    else:
        header, rows = result.variables, result.rows
    base = current_app.config["AKG"].base
    params = [(k, v) for k, vs in op.params.lists() for v in vs if k not in ("format", "output", "results")]
    formats = [(f, "/sparql?" + urlencode([*params, ("format", f)])) for f in OTHER_FORMATS[result.kind]]
    return render_template("results.html", query=op.text, result=result, header=header, rows=rows,
                           labels=labels, formats=formats, href=lambda i: linked_data.safe_href(i, base),
                           short=linked_data.short_name, is_iri=lambda t: isinstance(t, ox.NamedNode),
                           edit="/?" + urlencode({"query": op.text}))


def void_page(triples: list[ox.Triple]) -> str:
    """/void for a browser: the dataset's description, its named graphs and the links to its formats."""
    info = current_app.config["AKG_INFO"]
    base = current_app.config["AKG"].base
    graphs = sorted(info.graphs.items())
    return render_template("void.html", triples=info.triples, quads=info.quads, graphs=graphs,
                           endpoint=public_root() + "sparql", count=len(triples),
                           href=lambda i: linked_data.safe_href(i, base), short=linked_data.short_name)


def wants_html() -> bool:
    """A browser: text/html preferred over JSON and plain text."""
    accept = request.accept_mimetypes
    html = accept["text/html"]
    return html > 0 and accept.provided and html >= max(accept["application/json"], accept["text/plain"],
                                                         accept["application/sparql-results+json"]) \
        and "text/html" in (request.headers.get("Accept") or "")


def error_page(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The error with the site's header, the query marked where the parser stopped, and a way back."""
    query = request.values.get("query") if request.method in ("GET", "POST") else None
    mark = None
    import re

    where = re.search(r"error at (\d+):(\d+)", message)
    if where and query:
        lines = query.split("\n")
        line, col = int(where.group(1)), int(where.group(2))
        if 0 < line <= len(lines):
            mark = (line, lines[line - 1], " " * max(col - 1, 0) + "^")
    body = render_template("error.html", status=status, title=HTTPStatus(status).phrase, message=message,
                           query=query, mark=mark, edit="/?" + urlencode({"query": query}) if query else None)
    resp = Response(body, status=status, mimetype="text/html")
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp
