"""SPARQL over a built knowledge graph, shared by `kg query` and the server.

Oxigraph (pyoxigraph) evaluates the queries; it is much faster than rdflib's engine.
The union of all named graphs is the default graph unless the caller names graphs.
Results are materialized into a plain, picklable `QueryResult`, so a query can run in
another process (the server kills a process whose query overruns its time limit).
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import re
import signal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import BuildMissingError, QueryError
from kg.namespaces import PREFIXES as _KG_PREFIXES

if TYPE_CHECKING:  # rdflib is only needed for from_dataset
    import rdflib

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Prefixes for compact names (table output, Turtle results); contract prefixes first.
PREFIXES: dict[str, str] = {name: str(ns) for name, ns in _KG_PREFIXES.items()} | {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "akgg": "https://w3id.org/alliance-kg/graph/",
}

#: Output formats: name -> (media type, kinds of result it can express).
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "table": ("text/plain; charset=utf-8", ("bindings", "boolean", "graph")),
    "json": ("application/sparql-results+json", ("bindings", "boolean")),
    "xml": ("application/sparql-results+xml", ("bindings", "boolean")),
    "csv": ("text/csv; charset=utf-8", ("bindings",)),
    "tsv": ("text/tab-separated-values; charset=utf-8", ("bindings",)),
    "turtle": ("text/turtle; charset=utf-8", ("graph",)),
    "ntriples": ("application/n-triples", ("graph",)),
    "jsonld": ("application/ld+json", ("graph",)),
    "rdfxml": ("application/rdf+xml", ("graph",)),
    "trig": ("application/trig", ("graph",)),
    "nquads": ("application/n-quads", ("graph",)),
}

_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass
class QueryResult:
    """A materialized result: `kind` is "bindings" (SELECT), "boolean" (ASK) or "graph"."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False  #: True when a row cap cut the result

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "bindings" else len(self.triples)


class KnowledgeGraph:
    """A loaded, read-only knowledge graph (all named graphs of a build).

    The default graph holds the union of the named graphs as a set of triples (RDF merge,
    as `kg serve` answers): a triple two articles state is one triple to a query.
    """

    def __init__(self, store: ox.Store, source: Path | None = None):
        self.store = store
        self.source = source

    @classmethod
    def load(cls, kg_dir: Path | str) -> KnowledgeGraph:
        """Open `kg_dir/store` read-only when a build wrote it, else load `kg_dir/kg.trig` (or a .trig/.nq file).

        The store (kg.build.dumps) opens at once whatever the size of the graph and
        holds nothing in memory; the TriG dump is parsed into memory.
        """
        path = Path(kg_dir)
        if path.is_dir() or not path.suffix:
            store_dir = path / "store"
            if store_dir.is_dir():
                try:
                    return cls(ox.Store.read_only(str(store_dir)), store_dir)
                except OSError as exc:
                    raise BuildMissingError(f"cannot open the store {store_dir}: {exc}") from exc
            path = path / "kg.trig"
        if not path.is_file():
            raise BuildMissingError(
                f"no built graph at {path}; run `kg build --out {path.parent}` (or `make build`) first"
            )
        store = ox.Store()
        fmt = ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TRIG
        try:
            store.bulk_load(path=str(path), format=fmt)
        except SyntaxError as exc:
            raise BuildMissingError(f"{path} is not valid {fmt.name}: {exc}") from exc
        return cls(union_into_default(store), path)

    @classmethod
    def from_dataset(cls, ds: rdflib.Dataset) -> KnowledgeGraph:
        """Wrap an rdflib Dataset (e.g. an as-of view) for fast querying."""
        data = ds.serialize(format="nquads", encoding="utf-8")
        store = ox.Store()
        store.load(input=data, format=ox.RdfFormat.N_QUADS)
        return cls(union_into_default(store))

    def __len__(self) -> int:
        """Statements in named graphs (the default graph only repeats them)."""
        rows = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(rows))[0].value)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(
        self,
        text: str,
        *,
        default_graph_uris: Sequence[str] | None = None,
        named_graph_uris: Sequence[str] | None = None,
        timeout: float | None = None,
        max_rows: int | None = None,
        base_iri: str | None = None,
        isolated: bool = False,
    ) -> QueryResult:
        """Run a SPARQL query; QueryError for a malformed query or one that fails or overruns.

        Without default/named graph URIs the default graph is the union of all graphs.
        With a timeout, or `isolated`, the query runs in a forked child: killed when time is
        up, and an engine panic, abort or stack overflow there is a QueryError here.
        """
        if timeout is not None or isolated:
            dg, ng = default_graph_uris, named_graph_uris
            return _run_in_child(self, text, dg, ng, timeout, max_rows, base_iri)
        return self._query_here(text, default_graph_uris, named_graph_uris, max_rows, base_iri)

    def _query_here(self, text, default_graph_uris, named_graph_uris, max_rows, base_iri) -> QueryResult:
        kwargs: dict = {"base_iri": base_iri, "prefixes": PREFIXES}
        if default_graph_uris or named_graph_uris:
            kwargs["default_graph"] = [ox.NamedNode(u) for u in default_graph_uris or []]
            kwargs["named_graphs"] = [ox.NamedNode(u) for u in named_graph_uris or []]
        try:
            raw = self.store.query(text, **kwargs)
            return _materialize(raw, max_rows)
        except SyntaxError as exc:
            raise QueryError(f"malformed query: {parser_message(exc, text)}") from exc
        except (OSError, ValueError, TypeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc


def union_into_default(store: ox.Store) -> ox.Store:
    """Copy every named graph's triples into the default graph (once each): the union queries see."""
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                      for q in list(store.quads_for_pattern(None, None, None, None)))
    return store


_CHAR_CLASS = re.compile(r"\[[^\[\]]*\.\.=?[^\[\]]*\]|\['[^\]]{1,4}'\]")


def parser_message(exc: SyntaxError, query: str | None = None) -> str:
    """Oxigraph's message ("error at LINE:COL: expected one of ...") without its character tables.

    Oxigraph reports an undeclared prefix as "expected one of Prefix not found, …"; that
    becomes "unknown prefix foo:" (named when the query text is given) and how to declare it.
    """
    text = " ".join(str(exc).split())
    if "Prefix not found" in text:
        where = re.match(r"error at \d+:\d+", text)
        message = f"{where.group() + ': ' if where else ''}unknown prefix {_UNNAMED}; {_DECLARE}"
        return name_unknown_prefix(message, query) if query else message
    text = _CHAR_CLASS.sub("…", text)
    text = re.sub(r"(…, )+…", "…", text)
    return name_unknown_prefix(text, query) if query else text


_UNNAMED = "in a prefixed name"
_DECLARE = f"declare it (PREFIX name: <IRI>) or use one of {', '.join(f'{p}:' for p in PREFIXES)}"


def name_unknown_prefix(message: str, query: str) -> str:
    """Put the undeclared prefix(es) of `query` into an "unknown prefix" message that lacks them."""
    unknown = undeclared_prefixes(query)
    if _UNNAMED not in message or not unknown:
        return message
    return message.replace(_UNNAMED, ", ".join(f"{p}:" for p in unknown), 1)


def undeclared_prefixes(query: str) -> list[str]:
    """Prefixes a query uses that neither it (PREFIX) nor PREFIXES declares, in order of use."""
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(query) if m.lastgroup != "comment"]
    declared = set(PREFIXES)
    out: list[str] = []
    for i, (kind, value) in enumerate(tokens):
        if kind != "word" or ":" not in value:
            continue
        prefix = value.split(":", 1)[0]
        if i > 0 and tokens[i - 1][1].lower() == "prefix":
            declared.add(prefix)
        elif prefix not in declared and prefix not in out:
            out.append(prefix)
    return out


class QueryTimeout(QueryError):
    """The query ran longer than its time limit and was stopped."""


def _materialize(raw, max_rows: int | None) -> QueryResult:
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult("boolean", boolean=bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        names = [v.value for v in raw.variables]
        rows: list[tuple] = []
        truncated = False
        for sol in raw:
            if max_rows is not None and len(rows) >= max_rows:
                truncated = True
                break
            rows.append(tuple(sol[i] for i in range(len(names))))
        return QueryResult("bindings", variables=names, rows=rows, truncated=truncated)
    triples: list[ox.Triple] = []
    truncated = False
    for t in raw:
        if max_rows is not None and len(triples) >= max_rows:
            truncated = True
            break
        triples.append(t)
    return QueryResult("graph", triples=triples, truncated=truncated)


def _child_main(kg: KnowledgeGraph, args: tuple, conn) -> None:
    # The engine's own last words (a Rust panic or "stack overflow") would be a second message
    # on the user's terminal; what went wrong is reported through the pipe instead.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        conn.send(("ok", kg.query(*args[:1], **args[1])))
    except QueryError as exc:
        conn.send(("error", str(exc)))
    except BaseException as exc:  # noqa: BLE001 - pyo3's PanicException is a BaseException
        conn.send(("error", f"the query engine failed on this query: {type(exc).__name__}: {exc}"[:500]))
    finally:
        conn.close()


def _run_in_child(kg, text, dg, ng, timeout, max_rows, base_iri) -> QueryResult:
    """Run one query in a forked copy of this process; kill it when `timeout` passes."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    kwargs = {"default_graph_uris": dg, "named_graph_uris": ng, "max_rows": max_rows, "base_iri": base_iri}
    proc = ctx.Process(target=_child_main, args=(kg, (text, kwargs), child), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryTimeout(f"query stopped after the time limit of {timeout:g} s")
        status, payload = parent.recv()
    except EOFError as exc:
        proc.join(5)
        raise QueryError(f"the query engine crashed on this query ({_death(proc.exitcode)}); "
                         f"a query nested this deep or of this shape cannot be answered") from exc
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "error":
        raise QueryError(payload)
    return payload


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"


# ---------------------------------------------------------------- formatting


def compact(term: Term | None, prefixes: dict[str, str] = PREFIXES) -> str:
    """A short, readable name: akg:memberOf, id:state/Serbia, "text"@en, 2017-10-01."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for name, ns in prefixes.items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                local = pn_local(term.value[len(ns):])
                if local is not None:
                    return f"{name}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f'"{term.value}"@{term.language}'
        dt = term.datatype.value
        if dt == XSD_STRING:
            return term.value
        if dt.startswith(XSD):
            return term.value
        return f'"{term.value}"^^{compact(term.datatype, prefixes)}'
    return str(term)


_PN_ESCAPE = re.compile(r"([~.\-!$&'()*+,;=/?#@])")
_PN_PLAIN = re.compile(r"^(?:[\w:]|%[0-9A-Fa-f]{2}|\\[~.\-!$&'()*+,;=/?#@%])+$")


def pn_local(local: str) -> str | None:
    """`local` as the local part of a SPARQL/Turtle prefixed name (id:state\\/Serbia), or None if it cannot be one.

    A slash is not allowed bare in a prefixed name, so `id:state/Serbia` would not parse when
    pasted back into a query; escaped it does. Inner dots and hyphens stay bare.
    """
    inner = _PN_ESCAPE.sub(r"\\\1", local)
    inner = re.sub(r"\\([.\-])(?=.)", r"\1", inner)  # '.' and '-' need no escape inside the name
    if inner.startswith(("-", ".")):
        inner = "\\" + inner
    if not _PN_PLAIN.match(inner.replace("-", "_").replace(".", "_")):
        return None
    return inner


def format_result(result: QueryResult, fmt: str) -> str | bytes:
    """Serialize a result; `fmt` is a key of FORMATS. QueryError if it cannot express the result."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.kind not in FORMATS[fmt][1]:
        raise QueryError(f"format {fmt!r} cannot express a {_KIND_NAMES[result.kind]} result")
    if fmt == "table":
        return _table(result)
    if fmt == "json":
        return _json(result)
    if fmt == "xml":
        return _xml(result)
    if fmt in ("csv", "tsv"):
        return _csv(result) if fmt == "csv" else _tsv(result)
    return serialize_graph(result.triples, fmt)


_KIND_NAMES = {"bindings": "SELECT", "boolean": "ASK", "graph": "CONSTRUCT/DESCRIBE"}


def serialize_graph(triples: Iterable[ox.Triple], fmt: str) -> bytes:
    """Triples in an RDF format; quad formats put them in the default graph."""
    rdf_format = _RDF_FORMATS[fmt]
    items: Iterable = triples
    if rdf_format.supports_datasets:
        items = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    prefixes = PREFIXES if fmt in ("turtle", "trig") else None
    return ox.serialize(items, format=rdf_format, prefixes=prefixes)


def _table(result: QueryResult) -> str:
    if result.kind == "boolean":
        return ("yes" if result.boolean else "no") + "\n"
    if result.kind == "graph":
        header = ["subject", "predicate", "object"]
        cells = [[compact(t.subject), compact(t.predicate), compact(t.object)] for t in result.triples]
    else:
        header = result.variables
        cells = [[compact(v) for v in row] for row in result.rows]
    cells = [[c.replace("\n", " ") for c in row] for row in cells]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in cells]
    n = len(cells)
    out.append(f"({n} row{'s' if n != 1 else ''}{', truncated' if result.truncated else ''})")
    return "\n".join(out) + "\n"


def _json_term(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")},
    }


def _json(result: QueryResult) -> str:
    if result.kind == "boolean":
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    head = {"vars": result.variables}
    return json.dumps({"head": head, "results": {"bindings": bindings}}, ensure_ascii=False)


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    parts = "".join(f"<{k}>{_xml_term(getattr(term, k))}</{k}>" for k in ("subject", "predicate", "object"))
    return f"<triple>{parts}</triple>"


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    if result.kind == "boolean":
        out.append(f"</head><boolean>{'true' if result.boolean else 'false'}</boolean></sparql>")
        return "".join(out)
    out.extend(f"<variable name={quoteattr(v)}/>" for v in result.variables)
    out.append("</head><results>")
    for row in result.rows:
        out.append("<result>")
        for v, t in zip(result.variables, row, strict=True):
            if t is not None:
                out.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "".join(out)


def _csv(result: QueryResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else _csv_value(t) for t in row])
    return buf.getvalue()


def _csv_value(term: Term) -> str:
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


_TSV_ESCAPES = str.maketrans({"\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv(result: QueryResult) -> str:
    lines = ["\t".join("?" + v for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else str(t).translate(_TSV_ESCAPES) for t in row))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- inspection

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<word>[A-Za-z_\u00c0-\uffff][\w\-.\u00b7\u00c0-\uffff]*(?::[^\s{}()\[\],;<>"']*)?
      |:[^\s{}()\[\],;<>"']*)
  | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass
class QueryShape:
    """What a query text asks for, read lexically (no evaluation)."""

    is_update: bool
    #: the endpoint of every SERVICE clause: an IRI, or None when it is a variable
    services: list[str | None]
    #: the source of every LOAD operation
    loads: list[str | None] = field(default_factory=list)


_UPDATE_WORDS = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
_QUERY_WORDS = {"select", "construct", "describe", "ask"}


def inspect_query(text: str) -> QueryShape:
    """Classify a request text as query or update and list its SERVICE endpoints.

    Comments, strings and IRIs are skipped, so a label containing "SERVICE" is not
    mistaken for a clause; prefixed endpoint names are expanded.
    """
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]
    prefixes: dict[str, str] = {}
    services: list[str | None] = []
    loads: list[str | None] = []
    first_keyword: str | None = None
    for i, (kind, value) in enumerate(tokens):
        if kind != "word":
            continue
        low = value.lower()
        if low == "prefix" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
            prefixes[tokens[i + 1][1].rstrip(":")] = tokens[i + 2][1][1:-1]
        elif first_keyword is None and low in _UPDATE_WORDS | _QUERY_WORDS:
            first_keyword = low
        if low in ("service", "load"):
            j = i + 1
            if j < len(tokens) and tokens[j][1].lower() == "silent":
                j += 1
            target = _endpoint(tokens[j] if j < len(tokens) else None, prefixes)
            (services if low == "service" else loads).append(target)
    return QueryShape(is_update=first_keyword in _UPDATE_WORDS, services=services, loads=loads)


def _endpoint(token: tuple[str, str] | None, prefixes: dict[str, str]) -> str | None:
    if token is None:
        return None
    kind, value = token
    if kind == "iri":
        return value[1:-1]
    if kind == "word" and ":" in value:
        prefix, _, local = value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    return None
