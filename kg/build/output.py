"""The build's files as one set: written into a fresh folder, then switched to with one rename.

Layout of OUT (users, the Makefile and the server keep reading OUT/kg.trig etc.):

    OUT/current -> .build-<id>        symlink, replaced atomically (rename) by each build
    OUT/.build-<id>/kg.trig ...       the complete set of one build
    OUT/kg.trig -> current/kg.trig    stable symlinks, so every name always resolves into one set
    OUT/store -> current/store        the set's persistent Oxigraph store (kg query opens it read-only)

A build killed at any point leaves `current` on the previous complete set; its
half-written `.build-*` folder is removed by the next build (or at once on
SIGTERM/SIGINT). A lock file keeps two builds from cleaning up each other.
Files get the ordinary mode (0666 minus the umask), and their bytes depend only on
the input: blank nodes are labelled from content, quads sorted, timings kept in
`timings.json`, outside the graph files and the report.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kg.errors import KGError

from .dumps import graph_sources, load_store, write_trig, write_turtle

if TYPE_CHECKING:
    from kg.pipeline import BuildResult

CURRENT = "current"
STAGING_PREFIX = ".build-"
LOCK = ".lock"
FILES = ("kg.trig", "kg.ttl", "report.json", "timings.json")
STORE = "store"  #: the persistent Oxigraph store of the set (kg query, and a server, open it read-only)

Trace = Callable[[str], None]


class OutputError(KGError):
    """The output folder cannot be written (or another build is writing it)."""


def write_outputs(result: BuildResult, out_dir: Path, trace: Trace | None = None) -> dict[str, Path]:
    """Write the build's files and its Oxigraph store as one set into `out_dir`; returns the user-facing paths."""
    sources = graph_sources(result.graphs, result.document_nquads)
    writers: dict[str, Callable[[IO[bytes]], None]] = {
        "kg.trig": lambda fh: write_trig(sources, fh),
        "kg.ttl": lambda fh: written.append(write_turtle(sources, fh)),
        "report.json": lambda fh: fh.write(_json(result.report)),
        "timings.json": lambda fh: fh.write(_json(result.timings)),
    }
    written: list[int] = []
    graphs = result.report.get("triples_per_graph")

    def store(folder: Path) -> None:
        counts = (graphs, written[0]) if isinstance(graphs, dict) and written else None
        load_store(folder, folder.parent / "kg.trig", folder.parent / "kg.ttl", counts)

    folders = {STORE: store}
    publish(Path(out_dir), writers, trace, folders)
    out = Path(out_dir)
    return {"trig": out / "kg.trig", "ttl": out / "kg.ttl", "report": out / "report.json",
            "timings": out / "timings.json", "store": out / STORE}


def _json(data: Any) -> bytes:
    # backslashreplace: a file name with undecodable bytes becomes a JSON \udcxx escape, not a crash
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str, sort_keys=False) + "\n"
    return text.encode("utf-8", "backslashreplace")


def publish(out_dir: Path, writers: dict[str, Callable[[IO[bytes]], None]], trace: Trace | None = None,
            folders: dict[str, Callable[[Path], None]] | None = None) -> None:
    """Write every file (then every folder) into a new staging folder, then make it current with one rename."""
    say = trace or (lambda _msg: None)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _locked(out_dir):
        clean_stale(out_dir)
        staging = out_dir / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
        staging.mkdir()
        try:
            for name, write in writers.items():
                say(f"writing {name}")
                with open(staging / name, "wb") as fh:  # open(): mode 0666 minus the umask, like any tool
                    write(fh)
                    fh.flush()
                    os.fsync(fh.fileno())
            for name, fill in (folders or {}).items():
                say(f"writing {name}/")
                fill(staging / name)
                _fsync_tree(staging / name)
            _fsync_dir(staging)
            say("switching to the new build")
            previous = _current_target(out_dir)
            _replace_symlink(out_dir / CURRENT, staging.name)
            for name in [*writers, *(folders or {})]:  # already links after the first build; then nothing changes here
                link = out_dir / name
                if not link.is_symlink() or os.readlink(link) != f"{CURRENT}/{name}":
                    _replace_symlink(link, f"{CURRENT}/{name}")
            _fsync_dir(out_dir)
            say("switched")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if previous and previous != staging.name:
            shutil.rmtree(out_dir / previous, ignore_errors=True)


def clean_stale(out_dir: Path) -> list[Path]:
    """Remove what a killed build left: staging folders that are not current, temporary links and files."""
    current = _current_target(out_dir)
    removed = []
    for p in out_dir.iterdir():
        stale_dir = p.name.startswith(STAGING_PREFIX) and p.name != current and not p.is_symlink()
        stale_tmp = p.name.startswith(".") and p.name.endswith(".tmp")
        if stale_dir:
            shutil.rmtree(p, ignore_errors=True)
        elif stale_tmp:
            p.unlink(missing_ok=True)
        else:
            continue
        removed.append(p)
    return removed


def _current_target(out_dir: Path) -> str | None:
    link = out_dir / CURRENT
    return os.readlink(link) if link.is_symlink() else None


def _replace_symlink(path: Path, target: str) -> None:
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"
    os.symlink(target, tmp)
    try:
        if path.is_dir() and not path.is_symlink():  # an old layout's real folder cannot be renamed over
            shutil.rmtree(path)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync_tree(path: Path) -> None:
    for f in path.rglob("*"):
        if f.is_file():
            fd = os.open(f, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    fd = os.open(out_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"another build is writing to {out_dir}; wait for it to finish") from None
        yield
    finally:
        os.close(fd)
