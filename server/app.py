"""The Flask app factory: every route of the server is in ROUTES below."""

from __future__ import annotations

import logging
from pathlib import Path

import pyoxigraph as ox
from flask import Flask, Response, current_app, jsonify, render_template, request, send_file
from werkzeug.exceptions import HTTPException

from kg.errors import QueryError
from kg.namespaces import BASE
from kg.query import PREFIXES, QueryResult, QueryTimeout, serialize_graph
from server import html_pages, linked_data, ontology_page, sparql
from server.body import BoundedBody
from server.cache import ResultCache
from server.config import ServerConfig
from server.describe import SD_FORMATS, service_description, void_description
from server.dumps import DUMPS, default_cache_dir, write_dumps
from server.entity_summary import EVENT_KINDS, class_name, highlight, humanize, period, summarize
from server.errors import HTTPError, error_response
from server.examples import load_examples
from server.executor import ChildSpec, PoolBusy, QueryFailed, QueryPool, QueryRequest
from server.fast_query import FastQuery
from server.negotiation import choose, content_type, format_param, prefers_html
from server.ontology_page import build_ontology_page
from server.sparql import public_root
from server.store import prepare_store

log = logging.getLogger(__name__)

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization",
    "Access-Control-Expose-Headers": "Content-Type, ETag, Last-Modified, X-Result-Truncated",
    "Access-Control-Max-Age": "86400",
}


def create_app(config: ServerConfig | None = None, pool: QueryPool | None = None) -> Flask:
    """Check the graph, open (or make) its shared store, write the dumps, start query processes, wire routes."""
    cfg = config or ServerConfig.from_env()
    kg_file = cfg.kg_file
    cache = cfg.cache_dir or default_cache_dir(kg_file)
    info = prepare_store(kg_file, cache)
    app = Flask(__name__)
    app.config["AKG"] = cfg
    app.config["MAX_CONTENT_LENGTH"] = cfg.max_body
    app.config["AKG_DUMPS"] = write_dumps(kg_file, cache)
    # with SPARQL Update enabled each query process keeps its own copy, which updates change
    spec = ChildSpec(str(kg_file), None if cfg.update_token else str(info.path),
                     frozenset(cfg.allowed_services), cfg.max_memory)
    app.config["AKG_POOL"] = pool or QueryPool(spec, cfg.query_processes)
    app.config["AKG_EXAMPLES"] = load_examples()
    app.config["AKG_INFO"] = info
    app.config["AKG_GRAPHS"] = info.graphs
    for path, view, methods in ROUTES:
        app.add_url_rule(path, view_func=view, methods=methods, endpoint=path)
    app.register_error_handler(HTTPError, lambda e: _error(e.status, e.message, e.headers))
    app.register_error_handler(HTTPException, _http_exception)
    app.register_error_handler(Exception, _unexpected)
    app.wsgi_app = BoundedBody(app.wsgi_app, cfg.max_body)
    pool_ = app.config["AKG_POOL"]
    app.wsgi_app = FastQuery(app.wsgi_app, cfg, pool_, [("X-Content-Type-Options", "nosniff"),
                                                         *CORS_HEADERS.items()])
    app.wsgi_app = ResultCache(app.wsgi_app, lambda: pool_.version, cfg.result_cache * 1024 * 1024)
    app.before_request(_refuse_control_characters)
    app.after_request(_cors)
    app.after_request(_security_headers)
    return app


# ---------------------------------------------------------------- views


def index() -> str:
    cfg = current_app.config["AKG"]
    static = Path(current_app.static_folder or "")
    return render_template(
        "query.html",
        examples=current_app.config["AKG_EXAMPLES"],
        yasgui=(static / "vendor" / "yasgui.min.js").is_file(),
        triples=current_app.config["AKG_INFO"].triples,
        quads=current_app.config["AKG_INFO"].quads,
        graphs=len(current_app.config["AKG_GRAPHS"]),
        timeout=cfg.timeout,
        max_rows=cfg.max_rows,
        config={"base": cfg.base, "contractBase": BASE, "prefixes": PREFIXES},
    )


def sparql_endpoint() -> Response | str:
    if request.method == "OPTIONS":
        return Response(status=204)
    op = sparql.read_operation()
    if op is None:
        accept = request.headers.get("Accept")
        if prefers_html(accept) and not format_param(request.args):
            return index()
        return _rdf_response(_service_description(), format_param(request.args))
    sparql.check_allowed(op)
    if op.kind == "query" and request.method == "GET" and prefers_html(request.headers.get("Accept")) \
            and not format_param(request.args):
        return html_pages.results_page(op)  # a browser following a link: a page, not a download
    if op.kind == "update":
        return sparql.run_update(op)
    return sparql.respond(sparql.run_query(op))


def _service_description() -> list[ox.Triple]:
    cfg = current_app.config["AKG"]
    info = current_app.config["AKG_INFO"]
    return service_description(public_root() + "sparql", info.graphs, info.triples, bool(cfg.update_token))


def _rdf_response(triples: list[ox.Triple], fmt_param: str | None) -> Response:
    fmt = choose(SD_FORMATS, request.headers.get("Accept"), fmt_param)
    if fmt is None:
        raise HTTPError(406, "this resource is available as Turtle, N-Triples, JSON-LD or RDF/XML")
    resp = Response(serialize_graph(triples, fmt), content_type=content_type(fmt))
    resp.headers["Vary"] = "Accept"
    return resp


def dump(name: str):
    def view() -> Response:
        d = current_app.config["AKG_DUMPS"][name]
        gz = "gzip" in request.accept_encodings and request.accept_encodings["gzip"] > 0
        etag = d.etag + ("-gz" if gz else "")
        resp = send_file(d.gz_path if gz else d.path, mimetype=d.media_type, etag=etag,
                         last_modified=d.mtime, conditional=True, max_age=0,
                         download_name=name, as_attachment=False)
        if gz:
            resp.headers["Content-Encoding"] = "gzip"
        resp.headers["Vary"] = "Accept-Encoding"
        return resp

    view.__name__ = f"dump_{name.replace('.', '_')}"
    return view


def void() -> Response | str:
    info = current_app.config["AKG_INFO"]
    triples = void_description(public_root(), info.graphs, info.triples)
    if prefers_html(request.headers.get("Accept")) and not format_param(request.args):
        return html_pages.void_page(triples)
    return _rdf_response(triples, format_param(request.args))


def healthz() -> Response:
    pool = current_app.config["AKG_POOL"]
    info = current_app.config["AKG_INFO"]
    return jsonify(status="ok", triples=info.triples, quads=info.quads, graphs=len(info.graphs),
                   query_processes=pool.size, query_network=pool.network)


def examples() -> Response:
    return jsonify(current_app.config["AKG_EXAMPLES"])


def entity(rest: str, kind: str):
    cfg = current_app.config["AKG"]
    iri = linked_data.iri_for(f"{kind}/{rest}", cfg.base)
    if any(c in iri for c in '<>"{}|^`\\ '):
        raise HTTPError(400, "not a valid IRI path")
    accept = request.headers.get("Accept")
    fmt_param = format_param(request.args)
    if prefers_html(accept) and not fmt_param:
        return _entity_html(iri)
    result = _internal_query(linked_data.DESCRIBE.format(iri=iri, evidence=linked_data.EVIDENCE))
    if not result.triples:
        raise HTTPError(404, f"the knowledge graph says nothing about <{iri}>")
    return _rdf_response(result.triples, fmt_param)


def ontology() -> Response | str:
    """The ontology graph: a page of its terms for a browser, else RDF by negotiation."""
    fmt_param = format_param(request.args)
    if prefers_html(request.headers.get("Accept")) and not fmt_param:
        page = build_ontology_page(_internal_query(ontology_page.TRIPLES, max_rows=None).rows)
        return render_template("ontology.html", page=page, iri=ontology_page.ONTOLOGY_IRI, **_term_helpers())
    return _rdf_response(_internal_query(ontology_page.CONSTRUCT, max_rows=None).triples, fmt_param)


def _term_helpers(page: linked_data.Page | None = None) -> dict:
    """href (a safe link target) and show (a label, else a compact name) for templates."""
    base = current_app.config["AKG"].base

    def show(term) -> str:
        if page is not None:
            return linked_data.display(term, page)
        return linked_data.short_name(term if isinstance(term, str) else term.value)

    return {"href": lambda target: linked_data.safe_href(target, base), "show": show}


def _entity_html(iri: str) -> str:
    rows = _internal_query(linked_data.PAGE.format(iri=iri, evidence=linked_data.EVIDENCE)).rows
    if not rows:
        raise HTTPError(404, f"the knowledge graph says nothing about <{iri}>")
    iris = linked_data.iris_in(rows)[:2000]
    names_rows = _internal_query(linked_data.NAMES.format(
        values=" ".join(f"<{i}>" for i in iris), label=linked_data.LABEL)).rows if iris else []
    page = linked_data.build_page(iri, rows, names_rows)
    summary = summarize(page)
    akg = linked_data.AKG
    kinds = [(t, (page.names.get(t) or class_name(t.removeprefix(akg))).capitalize()) for t in page.types
             if t.startswith(akg) and t.removeprefix(akg) not in ("Actor", "Fact")]
    bodies = sorted({s for s, p, _ in page.referenced_by if p == akg + "partOf"}, key=lambda b: page.names.get(b, b))
    about: list[tuple[str, list]] = []
    if any(t.removeprefix(akg) in EVENT_KINDS for t in page.types):
        for name, prop in (("Date", "date"), ("Place", "location"), ("Participants", "participant")):
            values = list({str(o): o for p, o, _ in page.statements if p == akg + prop}.values())
            if values:
                about.append((name, values))
    marks = page.labels + page.alt_labels + [  # names highlighted in the quoted sentences
        page.names[o.value] for r in summary.memberships + summary.posts for p in ("member", "organization", "holder")
        for o in r.values(p) if o.value in page.names]
    return render_template("entity.html", page=page, summary=summary, kinds=kinds, bodies=bodies, about=about,
                           marks=marks,
                           period=period, highlight=highlight, heading=humanize, prefixes=PREFIXES, ox=ox,
                           is_iri=lambda t: isinstance(t, ox.NamedNode), **_term_helpers(page))


def _internal_query(text: str, max_rows: int | None = -1) -> QueryResult:
    """A query the server itself asks (capped at --max-rows unless max_rows says otherwise)."""
    cfg = current_app.config["AKG"]
    try:
        req = QueryRequest(text, max_rows=cfg.max_rows if max_rows == -1 else max_rows)
        return current_app.config["AKG_POOL"].run(req, timeout=cfg.timeout)
    except (QueryTimeout, PoolBusy, QueryFailed) as exc:
        raise HTTPError(503, str(exc), {"Retry-After": "1"}) from exc
    except QueryError as exc:
        raise HTTPError(500, f"internal query failed: {exc}") from exc


ROUTES = [
    ("/", index, ["GET"]),
    ("/sparql", sparql_endpoint, ["GET", "POST", "OPTIONS"]),
    ("/sparql/", sparql_endpoint, ["GET", "POST", "OPTIONS"]),
    *[(f"/{name}", dump(name), ["GET"]) for name in DUMPS],
    ("/void", void, ["GET"]),
    ("/ontology", ontology, ["GET"]),
    ("/.well-known/void", void, ["GET"]),
    ("/healthz", healthz, ["GET"]),
    ("/examples.json", examples, ["GET"]),
    ("/id/<path:rest>", lambda rest: entity(rest, "id"), ["GET"]),
    ("/doc/<path:rest>", lambda rest: entity(rest, "doc"), ["GET"]),
]


# ---------------------------------------------------------------- errors and headers


def _http_exception(exc: HTTPException) -> Response:
    headers = {}
    if exc.code == 405:
        allowed = exc.valid_methods or []
        headers["Allow"] = ", ".join(sorted(allowed))
        message = f"method {request.method} is not allowed here; use {', '.join(sorted(allowed))}"
    elif exc.code == 413:
        message = f"request body larger than {current_app.config['AKG'].max_body} bytes"
    elif exc.code == 404:
        message = f"no resource at {request.path}"
    else:
        message = exc.description or exc.name
    return _error(exc.code or 500, message, headers)


def _unexpected(exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.path)
    return _error(500, f"internal error ({type(exc).__name__}); the operator's log has details")


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A page with the site's header for a browser; the pinned JSON or text shape for everyone else."""
    if html_pages.wants_html():
        try:
            return html_pages.error_page(status, message, headers)
        except Exception:  # noqa: BLE001 - an error page must never fail into a traceback
            log.exception("error page failed")
    return error_response(status, message, headers)


#: HTML pages load only this server's own scripts, styles and data; nothing inline runs
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")


def _refuse_control_characters() -> None:
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in request.path):
        raise HTTPError(400, "the path holds a control character")


def _security_headers(resp: Response) -> Response:
    resp.headers["X-Content-Type-Options"] = "nosniff"
    if resp.mimetype == "text/html":
        resp.headers["Content-Security-Policy"] = CSP
        resp.headers["Referrer-Policy"] = "no-referrer"
    return resp


def _cors(resp: Response) -> Response:
    present = {key.lower() for key in resp.headers.keys()}  # one pass, not one scan per header
    for key, value in CORS_HEADERS.items():
        if key.lower() not in present:
            resp.headers.add(key, value)
    return resp
