"""Plain SPARQL queries answered without Flask: the hot path of the endpoint, a third of a request's CPU.

A GET of /sparql with one `query` parameter from a client that does not prefer HTML is
read here, run in the query-process pool exactly as the Flask view runs it (same
request, same limits, same process), and a successful answer is sent with the headers
the Flask app would add (Content-Type, Vary, X-Result-Truncated, nosniff, CORS).
Everything else (forms, POST bodies, updates, browsers, service descriptions) goes to
Flask untouched. A query that fails is not run again: its outcome is handed to the
Flask view in the WSGI environ (`OUTCOME`), which turns it into the usual error.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl

from server.cache import KEEP
from server.config import ServerConfig
from server.executor import QueryPool, QueryRequest, Serialized
from server.negotiation import FORMAT_PARAMS, content_type, prefers_html

#: the outcome of a query already run for this request (a Serialized or an exception), for the Flask view
OUTCOME = "akg.fast.outcome"
PATHS = ("/sparql", "/sparql/")
#: parameters the Flask view reads for a GET query; any other is ignored there too
_READ = frozenset({"query", "update", "default-graph-uri", "named-graph-uri", *FORMAT_PARAMS})

_html = functools.lru_cache(maxsize=256)(prefers_html)


class FastQuery:
    """WSGI middleware: plain GET queries answered from the pool directly (see the module doc)."""

    def __init__(self, app: Callable, cfg: ServerConfig, pool: QueryPool, extra_headers: list[tuple[str, str]]):
        self.app = app
        self.cfg = cfg
        self.pool = pool
        self.base_iri = cfg.public_url.rstrip("/") + "/sparql"
        #: headers the Flask app adds to every non-HTML answer (nosniff, CORS)
        self.extra_headers = extra_headers

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        req = self._request(environ)
        if req is None:
            return self.app(environ, start_response)
        try:
            result = self.pool.run(req, timeout=self.cfg.timeout)
        except Exception as exc:  # noqa: BLE001 - the Flask view reports it the usual way
            environ[OUTCOME] = (req.text, exc)
            return self.app(environ, start_response)
        if not isinstance(result, Serialized) or result.fmt is None:  # 406: Flask words it
            environ[OUTCOME] = (req.text, result)
            return self.app(environ, start_response)
        environ[KEEP] = result.repeatable and not result.truncated
        headers = [("Content-Type", content_type(result.fmt)), ("Content-Length", str(len(result.body))),
                   ("Vary", "Accept")]
        if result.truncated:
            headers.append(("X-Result-Truncated", f"true; capped at {self.cfg.max_rows} rows"))
        start_response("200 OK", headers + self.extra_headers)
        return [result.body]

    def _request(self, environ: dict) -> QueryRequest | None:
        """The query request of a plain GET query, or None for anything Flask should read."""
        if (environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO") not in PATHS
                or environ.get("CONTENT_LENGTH") not in (None, "", "0") or "HTTP_TRANSFER_ENCODING" in environ):
            return None
        try:
            pairs = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True, errors="strict",
                              max_num_fields=1000)
        except (ValueError, UnicodeDecodeError):
            return None
        params: dict[str, list[str]] = {}
        for key, value in pairs:
            if key in _READ:
                params.setdefault(key, []).append(value)
        queries = params.get("query", [])
        if len(queries) != 1 or "update" in params:
            return None
        fmt = next((values[0] for key in FORMAT_PARAMS if (values := params.get(key)) and values[0]), None)
        accept = environ.get("HTTP_ACCEPT")
        if fmt is None and _html(accept):
            return None  # a browser: the results page
        return QueryRequest(queries[0], params.get("default-graph-uri") or None,
                            params.get("named-graph-uri") or None, max_rows=self.cfg.max_rows,
                            base_iri=self.base_iri, serialize=True, accept=accept, fmt=fmt)
