"""What the README says of a new build under a running server: the server keeps the graph it started with, and
a restart serves the new build."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

from corpus_support import CORPUS
from test_server_support import request, start_server, stop_process_group

SIXTH = Path(__file__).parent / "data" / "sixth" / "005_finland_joins_nato.txt"
DOCUMENTS = urllib.parse.quote("SELECT (COUNT(?d) AS ?n) WHERE { ?d a akg:Document }")


def _build(corpus: Path, out: Path) -> None:
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "build", "--corpus", str(corpus), "--out",
           str(out), "-q", "--no-reason", "--jobs", "1"]
    subprocess.run(cmd, check=True, timeout=600)


def _documents(url: str) -> int:
    status, _, body = request("GET", f"{url}/sparql?query={DOCUMENTS}&format=csv", timeout=30)
    assert status == 200
    return int(body.decode().split()[-1])


def test_server_serves_a_new_build_after_a_restart(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "build"
    shutil.copytree(CORPUS, corpus)
    _build(corpus, out)
    seeds = len(list(corpus.glob("*.txt")))
    proc, url = start_server(out)
    try:
        assert _documents(url) == seeds
        shutil.copy(SIXTH, corpus / "999_added.txt")
        _build(corpus, out)
        assert _documents(url) == seeds, "the README says a running server keeps its graph"
    finally:
        stop_process_group(proc, grace=15)
    proc, url = start_server(out)
    try:
        assert _documents(url) == seeds + 1
    finally:
        stop_process_group(proc, grace=15)


def test_server_opens_the_build_store_without_making_another(tmp_path):
    """kg serve links the store kg build wrote (same files) instead of loading kg.trig into a new one."""
    out = tmp_path / "build"
    _build(CORPUS, out)
    proc, url = start_server(out)
    try:
        assert _documents(url) == len(list(CORPUS.glob("*.txt")))
    finally:
        stop_process_group(proc, grace=15)
    (served,) = (out / ".serve").glob("store-*")
    built = (out / "store").resolve()
    names = sorted(p.name for p in built.iterdir() if p.is_file())
    assert names and names == sorted(p.name for p in served.iterdir() if p.is_file())
    sst = [n for n in names if n.endswith(".sst")]
    assert sst and all((built / n).stat().st_ino == (served / n).stat().st_ino for n in sst)
