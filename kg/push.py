"""The SPARQL 1.1 Graph Store Protocol client behind `kg push`: one PUT per named graph, streamed.

The dump (kg.trig or kg.nq) is read by Oxigraph's parser one quad at a time; the
build writes it sorted by graph, so each graph's triples arrive together and only
one graph is in memory (a graph that shows up again later is POSTed, i.e. added,
so an unsorted file is still pushed whole). Plain N-Triples bodies: every store
that speaks the protocol reads them. Standard library HTTP only.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError

NTRIPLES = "application/n-triples"


class PushError(KGError):
    """The dump cannot be read or the store refused or could not be reached."""


def graph_url(store: str, graph: str) -> str:
    """`store?graph=IRI` (the protocol's indirect identification), keeping any query the URL has."""
    sep = "&" if urllib.parse.urlsplit(store).query else "?"
    return f"{store}{sep}{urllib.parse.urlencode({'graph': graph})}"


def graphs_of(kg_file: Path) -> Iterator[tuple[str, list[ox.Triple]]]:
    """(graph IRI, its triples) for each run of quads of one named graph in the dump."""
    fmt = ox.RdfFormat.N_QUADS if kg_file.suffix == ".nq" else ox.RdfFormat.TRIG
    name, triples = None, []
    try:
        for q in ox.parse(path=str(kg_file), format=fmt):
            if not isinstance(q.graph_name, ox.NamedNode):
                raise PushError(f"{kg_file} has triples in the default graph; a build holds named graphs only")
            if q.graph_name.value != name:
                if name is not None:
                    yield name, triples
                name, triples = q.graph_name.value, []
            triples.append(q.triple)
    except (OSError, SyntaxError, ValueError) as exc:
        raise PushError(f"cannot read {kg_file}: {' '.join(str(exc).split())[:300]}") from exc
    if name is not None:
        yield name, triples


def push_graphs(kg_file: Path, store: str, *, token: str | None = None, timeout: float = 60.0) -> tuple[int, int]:
    """Send every named graph of `kg_file` to the Graph Store endpoint `store`; (graphs, triples) sent."""
    if not Path(kg_file).is_file():
        raise PushError(f"no built graph at {kg_file}; run `kg build` first")
    if urllib.parse.urlsplit(store).scheme not in ("http", "https"):
        raise PushError(f"--graph-store must be an http(s) URL, not {store!r}")
    sent: set[str] = set()
    triples = 0
    for name, batch in graphs_of(Path(kg_file)):
        body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)
        _send("POST" if name in sent else "PUT", graph_url(store, name), body, token, timeout)
        sent.add(name)
        triples += len(batch)
    return len(sent), triples


def _send(method: str, url: str, body: bytes, token: str | None, timeout: float) -> None:
    headers = {"Content-Type": NTRIPLES}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:300].decode("utf-8", "replace")
        raise PushError(f"{method} {url}: the store answered {exc.code} {exc.reason}: {detail}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"cannot reach the store at {url}: {reason}") from exc
