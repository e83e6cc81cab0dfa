"""The per-article map on several cores (a process pool) or on a Dask cluster; same results, same order.

The article is the unit and `process` shares no state, so any executor will do; no
scheduler of our own. Workers load the gazetteer once each. Results come back in
the corpus order, so a parallel build writes the same bytes as a serial one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from kg.corpus.article import Article
from kg.errors import KGError

from .cache import Cache
from .document import DocumentResult, process

_GAZETTEER = None
T = TypeVar("T")
R = TypeVar("R")


def _gazetteer():
    global _GAZETTEER
    if _GAZETTEER is None:
        from kg.gazetteer import Gazetteer

        _GAZETTEER = Gazetteer.load()
    return _GAZETTEER


def process_one(article: Article) -> DocumentResult:
    """One article in a worker (pool or Dask): the gazetteer is loaded on first use and kept."""
    return process(article, _gazetteer())


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Mapper:
    """Runs `process_one` over articles: cached results first, the rest serially, in a pool or on Dask."""

    def __init__(self, jobs: int = 1, dask_address: str | None = None, cache: Cache | None = None) -> None:
        self.jobs = max(1, jobs)
        self.dask_address = dask_address
        self.cache = cache
        self.hits = 0

    def __call__(self, articles: Sequence[Article]) -> Iterable[DocumentResult]:
        todo = list(articles)
        known: dict[int, DocumentResult] = {}
        if self.cache is not None:
            for i, a in enumerate(todo):
                hit = self.cache.get(a)
                if hit is not None:
                    known[i] = hit
            self.hits = len(known)
        missing = [a for i, a in enumerate(todo) if i not in known]
        fresh = iter(self._run(missing))
        for i, a in enumerate(todo):
            if i in known:
                yield known[i]
            else:
                result = next(fresh)
                if self.cache is not None and result.failure is None:
                    self.cache.put(a, result)
                yield result

    def pmap(self, function: Callable[[T], R], items: Iterable[T]) -> Iterable[R]:
        """`map` over a local pool of `jobs` processes (reading the corpus), in order; plain map for one job."""
        items = list(items)
        if self.jobs == 1 or len(items) < 2 * self.jobs:
            return map(function, items)
        return _pool_map(self.jobs, function, items)

    def _run(self, articles: list[Article]) -> Iterable[DocumentResult]:
        if not articles:
            return iter(())
        if self.dask_address:
            return _on_dask(self.dask_address, articles)
        if self.jobs == 1 or len(articles) == 1:
            return (process_one(a) for a in articles)
        return _in_pool(self.jobs, articles)


def _pool_map(jobs: int, function: Callable[[T], R], items: list[T]) -> Iterable[R]:
    chunk = max(1, min(64, len(items) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(function, items, chunksize=chunk))


def _in_pool(jobs: int, articles: list[Article]) -> Iterable[DocumentResult]:
    chunk = max(1, min(16, len(articles) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(process_one, articles, chunksize=chunk)


def _on_dask(address: str, articles: list[Article]) -> Iterable[DocumentResult]:
    try:
        from distributed import Client
    except ImportError:
        raise KGError("--dask needs Dask: pip install 'alliance-kg[dask]'") from None
    try:
        client = Client(address, timeout=10)
    except OSError as exc:
        raise KGError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        futures = client.map(process_one, articles, pure=False)
        yield from client.gather(futures)
    finally:
        client.close()
