"""A bounded cache of whole query responses, in front of Flask: a repeated query costs no query process.

Most traffic on a knowledge graph endpoint repeats the same few queries (the query
page's examples, dashboards). The full response (status line, headers, body) of a
successful GET query is kept, keyed on everything that shapes it: the path, the raw
query string (query, format=, default-graph-uri, ...), the Accept header and the
store's version (bumped by every update, so an update makes older answers unreachable
and clears them). Headers are kept as Flask made them (CORS, Vary, nosniff, ...), so a
hit is byte-for-byte the answer the query process would give again.

Only answers the query process called repeatable are kept (server/policy.py: no RAND,
NOW, UUID, STRUUID, BNODE or SERVICE, decided from the parse tree); errors, truncated
results and bodies over `max_entry` bytes never are. A hit runs no query, so no limit is
bypassed: every query that runs still runs in a killable, memory-bounded process.
The cache is per web worker, least recently used out first, at most `max_bytes` of bodies.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

#: set in the WSGI environ by the view when its answer may be kept
KEEP = "akg.cache.keep"
PATHS = ("/sparql", "/sparql/")


class ResultCache:
    """WSGI middleware answering repeated GET queries from memory (see the module doc)."""

    def __init__(self, app: Callable, version: Callable[[], int], max_bytes: int, max_entry: int = 1 << 20):
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self.max_entry = min(max_entry, max_bytes)
        self._entries: OrderedDict[tuple, tuple[str, list[tuple[str, str]], bytes]] = OrderedDict()
        self._size = 0
        self._seen_version = version()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if (self.max_bytes <= 0 or environ.get("REQUEST_METHOD") != "GET"
                or environ.get("PATH_INFO") not in PATHS or "query=" not in environ.get("QUERY_STRING", "")
                or environ.get("CONTENT_LENGTH") not in (None, "", "0") or "HTTP_TRANSFER_ENCODING" in environ):
            return self.app(environ, start_response)
        key = (environ["PATH_INFO"], environ["QUERY_STRING"], environ.get("HTTP_ACCEPT"), self.version())
        entry = self._get(key)
        if entry is not None:
            status, headers, body = entry
            start_response(status, list(headers))
            return [body]
        seen: dict = {}

        def capture(status: str, headers: list, exc_info=None):
            seen["status"], seen["headers"] = status, list(headers)
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        environ[KEEP] = False
        out = self.app(environ, capture)
        if not environ.get(KEEP) or not seen.get("status", "").startswith("200 "):
            return out
        try:
            body = b"".join(out)
        finally:
            if hasattr(out, "close"):
                out.close()
        if len(body) <= self.max_entry:
            self._put(key, (seen["status"], seen["headers"], body))
        return [body]

    def _get(self, key: tuple):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def _put(self, key: tuple, entry: tuple[str, list[tuple[str, str]], bytes]) -> None:
        with self._lock:
            current = self.version()
            if key[-1] != current:  # computed before an update: stale already
                return
            if current != self._seen_version:  # an update happened: every kept answer is stale
                self._entries.clear()
                self._size = 0
                self._seen_version = current
            if key in self._entries:
                return
            self._entries[key] = entry
            self._size += len(entry[2])
            while self._size > self.max_bytes:
                _, old = self._entries.popitem(last=False)
                self._size -= len(old[2])

    def __len__(self) -> int:
        return len(self._entries)
