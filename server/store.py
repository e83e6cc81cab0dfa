"""One on-disk Oxigraph store per build, made when the server starts and shared read-only.

`kg serve` checks the graph and makes the store before it forks any worker: a missing,
empty, corrupt or truncated kg.trig is refused there with one `Error:` line. The store
lives beside the graph (DIR/.serve/store-HASH, or a temp folder) and is reused while
kg.trig is unchanged; making a new one removes the older `store-*` folders beside it (a
server still running on an older build should be restarted). Every query process opens
it read-only, so the graph is in the page cache once instead of in memory once per process.

The store's default graph holds the union of all named graphs as a set of triples, so
a query's default graph has RDF-merge semantics (a triple held by two graphs is one
triple, as with Fuseki's unionDefaultGraph); `GRAPH ?g` still sees only named graphs.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import BuildMissingError

_INFO = "info.json"


@dataclass
class StoreInfo:
    path: Path
    #: statements in named graphs (what kg.trig holds)
    quads: int
    #: distinct triples of the union default graph
    triples: int
    #: named graph IRI -> statements in it
    graphs: dict[str, int]


def rdf_format(kg_file: Path) -> ox.RdfFormat:
    return ox.RdfFormat.N_QUADS if kg_file.suffix == ".nq" else ox.RdfFormat.TRIG


def check_file(kg_file: Path) -> None:
    """BuildMissingError for a graph file that is not there or is empty."""
    if not kg_file.is_file():
        raise BuildMissingError(f"no built graph at {kg_file}; run `kg build --out {kg_file.parent}` first")
    if kg_file.stat().st_size == 0:
        raise BuildMissingError(f"{kg_file} is empty; rebuild it with `kg build --out {kg_file.parent}`")


def prepare_store(kg_file: Path, cache_dir: Path) -> StoreInfo:
    """The store for `kg_file` in `cache_dir`, made (and checked) unless one for the same content exists.

    A build's own store beside its kg.trig (kg build writes both into one set) is linked, not made again.
    """
    kg_file = Path(kg_file).resolve()
    check_file(kg_file)
    built = _build_store(kg_file)
    if built is not None:
        return _link(built, cache_dir)
    digest = hashlib.sha256()
    with kg_file.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    cache_dir.mkdir(parents=True, exist_ok=True)
    final = cache_dir / f"store-{digest.hexdigest()[:20]}"
    info = _read_info(final)
    if info is not None:
        return info
    tmp = Path(tempfile.mkdtemp(dir=cache_dir, prefix=".store-"))
    try:
        info = _make(kg_file, tmp)
        (tmp / _INFO).write_text(json.dumps({"quads": info.quads, "triples": info.triples,
                                             "graphs": info.graphs}), encoding="utf-8")
        try:
            os.rename(tmp, final)
        except OSError:  # made meanwhile by another process: use that one
            if _read_info(final) is None:
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _remove_older(cache_dir, final)
    return _read_info(final) or info


def _build_store(kg_file: Path) -> StoreInfo | None:
    """The store `kg build` wrote into the same set as `kg_file` (its info.json complete), if any."""
    if kg_file.name != "kg.trig" or not (kg_file.parent / "report.json").is_file():
        return None
    return _read_info(kg_file.parent / "store")


def _link(built: StoreInfo, cache_dir: Path) -> StoreInfo:
    """Hard links to the build's store files in `cache_dir` (a copy across file systems): opening takes no
    time whatever the size of the graph, and a later build that removes its old set leaves this one whole."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    final = cache_dir / f"store-{built.path.parent.name.lstrip('.')}"
    info = _read_info(final)
    if info is not None:
        return info
    tmp = Path(tempfile.mkdtemp(dir=cache_dir, prefix=".store-"))
    try:
        for f in sorted(built.path.rglob("*")):
            target = tmp / f.relative_to(built.path)
            if f.is_dir():
                target.mkdir(exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(f, target)
            except OSError:
                shutil.copy2(f, target)
        try:
            os.rename(tmp, final)
        except OSError:
            if _read_info(final) is None:
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _remove_older(cache_dir, final)
    return _read_info(final) or built


def _remove_older(cache_dir: Path, keep: Path) -> None:
    """Remove the stores of earlier graphs: only the newest is served (one build's worth of disk)."""
    for old in cache_dir.glob("store-*"):
        if old != keep and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def _read_info(path: Path) -> StoreInfo | None:
    try:
        data = json.loads((path / _INFO).read_text(encoding="utf-8"))
        return StoreInfo(path, int(data["quads"]), int(data["triples"]), dict(data["graphs"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _make(kg_file: Path, folder: Path) -> StoreInfo:
    store = ox.Store(str(folder))
    try:
        store.bulk_load(path=str(kg_file), format=rdf_format(kg_file))
    except (SyntaxError, ValueError) as exc:
        raise BuildMissingError(f"{kg_file} is not valid {rdf_format(kg_file).name}: "
                                f"{' '.join(str(exc).split())[:300]}; rebuild it with `kg build`") from exc
    graphs: dict[str, int] = {}
    quads = 0
    for quad in store.quads_for_pattern(None, None, None, None):
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs[quad.graph_name.value] = graphs.get(quad.graph_name.value, 0) + 1
        quads += 1
    if quads == 0:
        raise BuildMissingError(f"{kg_file} holds no statements; rebuild it with `kg build`")
    _check_report(kg_file, graphs)
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                      for q in list(store.quads_for_pattern(None, None, None, None)))
    triples = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    store.flush()
    del store
    gc.collect()  # the store closes when dropped; it must be closed before it is opened read-only
    return StoreInfo(folder, quads, triples, dict(sorted(graphs.items())))


def _check_report(kg_file: Path, graphs: dict[str, int]) -> None:
    """A graph whose statements disagree with the build's own report.json beside it was cut short."""
    report = kg_file.parent / "report.json"
    if kg_file.name != "kg.trig" or not report.is_file():
        return
    try:
        expected = json.loads(report.read_text(encoding="utf-8")).get("triples_per_graph")
    except (OSError, ValueError, AttributeError):
        return
    if not isinstance(expected, dict) or not expected:
        return
    have, want = sum(graphs.values()), sum(int(n) for n in expected.values())
    if have != want or set(graphs) != set(expected):
        raise BuildMissingError(f"{kg_file} holds {have} statements in {len(graphs)} graphs but its build "
                                f"report says {want} in {len(expected)}: the file looks truncated; "
                                "rebuild it with `kg build`")
