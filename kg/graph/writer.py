"""Writing outputs atomically: a temporary file in the target folder, then a rename.

A failed or interrupted build therefore never leaves a half-written graph where a
server or a user would read it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from rdflib import Dataset, Graph


def atomic_write(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_dataset(ds: Dataset, path: Path, fmt: str = "trig") -> None:
    atomic_write(path, lambda fh: ds.serialize(destination=fh, format=fmt))


def write_union(ds: Dataset, path: Path) -> None:
    """All graphs merged into one Turtle file, for tools that know no named graphs."""
    union = Graph()
    for prefix, ns in ds.namespaces():
        union.bind(prefix, ns)
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    atomic_write(path, lambda fh: union.serialize(destination=fh, format="turtle"))


def write_json(data: Any, path: Path) -> None:
    atomic_write(path, lambda fh: fh.write(json.dumps(data, indent=2, ensure_ascii=False, default=str).encode()))
