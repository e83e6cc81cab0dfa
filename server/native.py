"""SELECT results serialized by the engine itself, when they are certainly within the row cap.

Turning every solution into Python terms and encoding them again costs a sixth of a
query process's time on the competency questions. The engine's own JSON and XML
writers skip that; but they cannot stop at `--max-rows`. So the engine writes into a
bounded buffer whose size guarantees the cap: every row takes at least `ROW_BYTES`
bytes (`{},` in JSON, `<result></result>` in XML), so a body of at most
max_rows x ROW_BYTES bytes has at most max_rows rows. A longer result stops being
written at the bound (the engine evaluates lazily: no more work, no more memory) and
is cut to the cap by the Python path instead (server/executor.py runs it again there).
"""

from __future__ import annotations

import pyoxigraph as ox

FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
#: fewest bytes one row takes in each format
ROW_BYTES = {"json": 3, "xml": 17}


class _Bounded:
    """A binary sink that refuses to grow past `limit` bytes."""

    def __init__(self, limit: int | None):
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0
        self.overflowed = False

    def write(self, data) -> int:
        self.size += len(data)
        if self.limit is not None and self.size > self.limit:
            self.overflowed = True
            raise OSError("the result is longer than the row cap allows")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def serialize(solutions: ox.QuerySolutions, fmt: str, max_rows: int | None) -> bytes | None:
    """The solutions in `fmt` (a key of FORMATS), or None when they may hold more than `max_rows` rows.

    Errors of the evaluation (raised while writing) propagate as the engine raises them.
    """
    sink = _Bounded(None if max_rows is None else max_rows * ROW_BYTES[fmt])
    try:
        solutions.serialize(sink, format=FORMATS[fmt])
    except OSError:
        if sink.overflowed:
            return None
        raise
    return b"".join(sink.parts)
