"""Answer queries already known to be cheap inside the web worker, skipping the pipe round trip.

Oxigraph cannot cancel a query, so a query the worker has not seen before always goes to
the killable pool (server/executor.py). When the pool answers it well under `cheap`
seconds, its request (text, dataset, row cap, base) is remembered; identical later
requests run on the worker's own read-only copy of the graph, whose data (and so the
query's cost) has not changed. A remembered query that turns out slower than `cheap`
is forgotten, so it goes back to the pool. Never used while SPARQL Update is enabled:
updates change the data, and with it what a query costs.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from pathlib import Path

from kg.query import KnowledgeGraph, QueryResult
from server.executor import QueryPool, QueryRequest, Serialized, _answer

_Key = tuple


class CheapQueries:
    """The pool, fronted by an in-worker copy of the graph for requests known to be cheap."""

    def __init__(self, pool: QueryPool, kg_path: Path, cheap: float = 0.05, remember: int = 1024):
        self.pool = pool
        self.size = pool.size
        self.triples = pool.triples
        self.kg = KnowledgeGraph.load(Path(kg_path))
        self.cheap = cheap
        self.remember = remember
        self._known: OrderedDict[_Key, float] = OrderedDict()  # key -> seconds it must stay under
        self._lock = threading.Lock()

    @staticmethod
    def _key(req: QueryRequest) -> _Key:
        return (req.text, tuple(req.default_graph_uris or ()), tuple(req.named_graph_uris or ()),
                req.max_rows, req.base_iri)

    def is_known(self, req: QueryRequest) -> bool:
        with self._lock:
            return self._key(req) in self._known

    def run_known(self, req: QueryRequest) -> QueryResult | Serialized | None:
        """The answer computed in the worker if `req` is known to be cheap, else None (nothing run)."""
        return self._run_known(self._key(req), req)

    def _run_known(self, key: _Key, req: QueryRequest) -> QueryResult | Serialized | None:
        with self._lock:
            limit = self._known.get(key)
            if limit is None:
                return None
            self._known.move_to_end(key)
        start = time.perf_counter()
        result = _answer(self.kg, req)
        if time.perf_counter() - start > limit:
            self._forget(key)
        return result

    def run(self, req: QueryRequest, timeout: float, wait: float | None = None) -> QueryResult | Serialized:
        """Like QueryPool.run; in the worker for a known-cheap request, else in the pool (and learn)."""
        key = self._key(req)
        known = self._run_known(key, req)
        if known is not None:
            return known
        cheap = min(self.cheap, timeout / 10)
        start = time.perf_counter()
        result = self.pool.run(req, timeout, wait)
        if time.perf_counter() - start <= cheap:
            with self._lock:
                self._known[key] = cheap  # the bound it was learned under, and is forgotten above
                while len(self._known) > self.remember:
                    self._known.popitem(last=False)
        return result

    def _forget(self, key: _Key) -> None:
        with self._lock:
            self._known.pop(key, None)

    def update(self, text: str, base_iri: str | None, timeout: float) -> None:
        raise RuntimeError("CheapQueries is read-only; updates go to the pool")

    def close(self) -> None:
        self.pool.close()
