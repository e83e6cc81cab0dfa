"""Find the articles behind a failure of a stage that runs over all of them (reasoning, entities).

When the stage fails on the whole set it is retried on halves, recursively, so k
bad articles among n cost about k·log2(n) extra runs, and only when something failed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from kg.errors import KGError

T = TypeVar("T")
R = TypeVar("R")


class StageError(KGError):
    """A global stage failed and no single article on its own makes it fail."""


def isolate(stage: str, items: Sequence[T], attempt: Callable[[Sequence[T]], R]
            ) -> tuple[R, dict[T, BaseException]]:
    """`attempt(items)`, or, if it raises, `attempt` of the items left after removing each culprit.

    Returns (result, {culprit: its exception}). StageError when the failure is not due
    to any one item (it needs several together, or it fails even with none).
    """
    try:
        return attempt(items), {}
    except Exception as first:  # noqa: BLE001 - any failure of a stage is attributed, never fatal
        if getattr(first, "stops_build", False):  # SIGTERM/SIGINT: stop, do not bisect
            raise
        error = first
    bad: dict[T, BaseException] = {}

    def search(group: Sequence[T]) -> None:
        try:
            attempt(group)
        except Exception as exc:  # noqa: BLE001
            if getattr(exc, "stops_build", False):
                raise
            if len(group) == 1:
                bad[group[0]] = exc
                return
            mid = len(group) // 2
            search(group[:mid])
            search(group[mid:])

    if len(items) > 1:
        search(items)
    elif items:
        bad[items[0]] = error
    if not bad:
        raise StageError(f"{stage} failed and no single article is the cause: {error!r}") from error
    rest = [i for i in items if i not in bad]
    try:
        return attempt(rest), bad
    except Exception as exc:  # noqa: BLE001
        raise StageError(f"{stage} failed even without the articles that fail it alone: {exc!r}") from exc
