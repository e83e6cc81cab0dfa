"""What a long build shows on a terminal: a bar over the articles, each global stage as it ends, a summary.

All of it goes to stderr and only when stderr is a terminal (and not --quiet): a build
in a script, a pipe or CI prints exactly what it printed before.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO


class Progress:
    """tqdm over the per-article results, then one line per global stage and a closing summary."""

    def __init__(self, stream: IO[str] | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.perf_counter()
        self.articles = 0
        self.hits = 0

    def articles_bar(self, results: Iterable, total: int) -> Iterator:
        """Yield `results`, drawing a bar with articles/s and failures."""
        if not self.enabled:
            yield from results
            return
        from tqdm import tqdm

        failed = 0
        with tqdm(results, total=total, desc="articles", unit="art", file=self.stream, dynamic_ncols=True,
                  leave=True) as bar:
            for r in bar:
                self.articles += 1
                if getattr(r, "failure", None):
                    failed += 1
                    bar.set_postfix(skipped=failed, refresh=False)
                yield r

    def stage(self, name: str, seconds: float | None) -> None:
        """A global stage has ended (called by kg.pipeline's clock)."""
        if self.enabled and name != "documents" and seconds is not None:
            self.stream.write(f"  {name:<12} {seconds:7.1f} s\n")
            self.stream.flush()

    def summary(self, documents: int, timings: dict, hits: int) -> str:
        """One line: articles, wall time, articles/s, cache hits; then the seconds of each stage."""
        wall = time.perf_counter() - self.started
        rate = documents / wall if wall > 0 else 0.0
        stages = " · ".join(f"{k} {v:.1f} s" for k, v in timings.items()
                            if isinstance(v, int | float) and k not in ("cache_hits", "reasoning_engine"))
        return (f"built {documents} articles in {wall:.1f} s ({rate:.1f} articles/s, {hits} from the cache)\n"
                f"  {stages}\n")

    def finish(self, documents: int, timings: dict, hits: int) -> None:
        if self.enabled:
            self.stream.write(self.summary(documents, timings, hits))
            self.stream.flush()
