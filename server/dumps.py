"""Dumps of the whole KG, written once when the server starts and streamed from files.

Each dump is written with a gzip twin, an ETag (a hash of its content) and the
build's time as Last-Modified, so a request never serializes the graph.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.query import PREFIXES

DUMPS = {
    "dump.ttl": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "dump.trig": ("application/trig; charset=utf-8", ox.RdfFormat.TRIG),
    "dump.nq": ("application/n-quads; charset=utf-8", ox.RdfFormat.N_QUADS),
}


@dataclass
class Dump:
    path: Path
    gz_path: Path
    media_type: str
    etag: str
    mtime: float


def write_dumps(kg_file: Path, cache_dir: Path) -> dict[str, Dump]:
    """Write (or reuse, when newer than the build and complete) every dump; safe across processes."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    mtime = kg_file.stat().st_mtime
    manifest = cache_dir / "dumps.json"
    stamp = {"source": str(kg_file.resolve()), "mtime": mtime, "size": kg_file.stat().st_size}
    if manifest.is_file():
        try:
            saved = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        if saved.get("stamp") == stamp and all((cache_dir / n).is_file() for n in DUMPS):
            return {n: Dump(cache_dir / n, cache_dir / (n + ".gz"), DUMPS[n][0], saved["etags"][n], mtime)
                    for n in DUMPS}
    store = ox.Store()
    store.bulk_load(path=str(kg_file), format=ox.RdfFormat.TRIG if kg_file.suffix == ".trig"
                    else ox.RdfFormat.N_QUADS)
    etags: dict[str, str] = {}
    for name, (_media, fmt) in DUMPS.items():
        if fmt.supports_datasets:
            data = ox.serialize(store, format=fmt, prefixes=PREFIXES if fmt == ox.RdfFormat.TRIG else None)
        else:  # the union of all graphs, as the default graph of queries
            triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
            data = ox.serialize(sorted(triples, key=str), format=fmt, prefixes=PREFIXES)
        etags[name] = hashlib.sha256(data).hexdigest()[:32]
        _atomic_write(cache_dir / name, data)
        _atomic_write(cache_dir / (name + ".gz"), gzip.compress(data, compresslevel=6, mtime=0))
    _atomic_write(manifest, json.dumps({"stamp": stamp, "etags": etags}).encode())
    return {n: Dump(cache_dir / n, cache_dir / (n + ".gz"), DUMPS[n][0], etags[n], mtime) for n in DUMPS}


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def default_cache_dir(kg_file: Path) -> Path:
    """DIR/.serve when writable, else a folder in the system temp dir named after the build."""
    beside = kg_file.parent / ".serve"
    try:
        beside.mkdir(exist_ok=True)
        probe = beside / ".probe"
        probe.write_bytes(b"")
        probe.unlink()
        return beside
    except OSError:
        key = hashlib.sha256(str(kg_file.resolve()).encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"alliance-kg-serve-{key}"
