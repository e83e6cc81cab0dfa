"""The SPARQL 1.1 Protocol at /sparql: read the operation, check it is allowed, run it, negotiate."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from flask import Response, current_app, request
from werkzeug.datastructures import MultiDict

from kg.errors import QueryError
from kg.query import QueryTimeout, name_unknown_prefix
from server.cache import KEEP
from server.errors import HTTPError
from server.executor import EngineCrashed, PoolBusy, QueryFailed, QueryRequest, Serialized
from server.fast_query import OUTCOME
from server.negotiation import FOR_KIND, MEDIA_TYPES, content_type, format_param
from server.policy import Refused

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
#: where the protocol is served
PATHS = ("/sparql", "/sparql/")


@dataclass
class Operation:
    kind: str  # "query" or "update"
    text: str
    default_graph_uris: list[str]
    named_graph_uris: list[str]
    params: MultiDict


def read_operation() -> Operation | None:
    """The operation a request carries, or None for a GET without one (service description / page)."""
    params = MultiDict(request.args)
    if request.method in ("GET", "HEAD"):  # HEAD: GET's headers, no body (Flask drops it)
        if "update" in params:
            raise HTTPError(400, "an update must be sent with POST, never GET")
        if "query" not in params:
            return None
        return _operation("query", _single(params, "query"), params)
    mime = request.mimetype
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if mime == FORM:
        form = request.form
        for key in form:
            params.setlist(key, params.getlist(key) + form.getlist(key))
        has_query, has_update = "query" in form, "update" in form
        if has_query == has_update:
            raise HTTPError(400, "a form POST needs exactly one of the parameters `query` and `update`")
        kind = "query" if has_query else "update"
        return _operation(kind, _single(params, kind), params)
    if mime in (QUERY_TYPE, UPDATE_TYPE):
        if charset not in ("utf-8", "utf8"):
            raise HTTPError(415, f"{mime} bodies must be UTF-8, not {charset}")
        try:
            text = request.get_data(cache=False).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise HTTPError(400, f"the body is not valid UTF-8: {exc}") from exc
        return _operation("query" if mime == QUERY_TYPE else "update", text, params)
    shown = mime or "none"
    raise HTTPError(
        415, f"unsupported content type {shown}; POST {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}"
    )


def _single(params: MultiDict, key: str) -> str:
    values = params.getlist(key)
    if len(values) != 1:
        raise HTTPError(400, f"exactly one `{key}` parameter is allowed, got {len(values)}")
    return values[0]


def _operation(kind: str, text: str, params: MultiDict) -> Operation:
    if kind == "query":
        dg, ng = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    else:
        dg, ng = params.getlist("using-graph-uri"), params.getlist("using-named-graph-uri")
    return Operation(kind, text, dg, ng, params)


def check_allowed(op: Operation) -> None:
    """Refuse updates the operator has not enabled (403). SERVICE and LOAD are refused from the
    parsed operation in the query process (server/policy.py), which has no network either."""
    cfg = current_app.config["AKG"]
    if op.kind == "update":
        if not cfg.update_token:
            raise HTTPError(403, "this endpoint is read-only; SPARQL Update is disabled")
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {cfg.update_token}".encode()):
            raise HTTPError(403, "SPARQL Update needs the operator's token (Authorization: Bearer ...)")
        if op.default_graph_uris or op.named_graph_uris:
            raise HTTPError(
                400, "using-graph-uri / using-named-graph-uri are not supported; use USING in the update"
            )


def run_query(op: Operation) -> Serialized:
    """Run and serialize (by `format=` or Accept) in a query process."""
    cfg = current_app.config["AKG"]
    req = QueryRequest(op.text, op.default_graph_uris or None, op.named_graph_uris or None,
                       max_rows=cfg.max_rows, base_iri=public_root() + "sparql", serialize=True,
                       accept=request.headers.get("Accept"), fmt=format_param(op.params))
    return pool_run(req, op.text)


def pool_run(req: QueryRequest, text: str):
    """Run a request in the query-process pool; every failure becomes the HTTP error a client should see.

    A query server/fast_query.py already ran for this request is not run again: its outcome is used.
    """
    cfg = current_app.config["AKG"]
    ran = request.environ.pop(OUTCOME, None)
    try:
        if ran is not None and ran[0] == req.text:
            if isinstance(ran[1], BaseException):
                raise ran[1]
            return ran[1]
        return current_app.config["AKG_POOL"].run(req, timeout=cfg.timeout)
    except QueryTimeout as exc:
        raise HTTPError(503, f"{exc}; simplify the query or add a LIMIT", {"Retry-After": "1"}) from exc
    except (PoolBusy, QueryFailed) as exc:
        raise HTTPError(503, str(exc), {"Retry-After": "1"}) from exc
    except EngineCrashed as exc:
        raise HTTPError(500, str(exc)) from exc
    except Refused as exc:
        raise HTTPError(403, str(exc)) from exc
    except QueryError as exc:
        raise HTTPError(400, name_unknown_prefix(str(exc), text)) from exc


def public_root() -> str:
    """The server's root URL from configuration (`--public-url`), never from the Host header."""
    return current_app.config["AKG"].public_url.rstrip("/") + "/"


def run_update(op: Operation) -> Response:
    cfg = current_app.config["AKG"]
    try:
        current_app.config["AKG_POOL"].update(op.text, public_root() + "sparql", timeout=cfg.timeout)
    except (QueryTimeout, PoolBusy, QueryFailed) as exc:
        raise HTTPError(503, str(exc), {"Retry-After": "1"}) from exc
    except EngineCrashed as exc:
        raise HTTPError(500, str(exc)) from exc
    except Refused as exc:
        raise HTTPError(403, str(exc)) from exc
    except QueryError as exc:
        raise HTTPError(400, str(exc)) from exc
    return Response(status=204)


def respond(result: Serialized) -> Response:
    """The serialized result, or 406 when the client accepts none of the result's formats."""
    if result.fmt is None:
        offered = ", ".join(MEDIA_TYPES[c][0] for c in FOR_KIND[result.kind])
        raise HTTPError(406, f"no acceptable format for this result; this one can be sent as {offered}")
    request.environ[KEEP] = result.repeatable and not result.truncated
    return Response(result.body, headers=result_headers(result, current_app.config["AKG"].max_rows))


def result_headers(result: Serialized, max_rows: int) -> list[tuple[str, str]]:
    """Headers of a serialized query result."""
    headers = [("Content-Type", content_type(result.fmt)), ("Vary", "Accept")]
    if result.truncated:
        headers.append(("X-Result-Truncated", f"true; capped at {max_rows} rows"))
    return headers

