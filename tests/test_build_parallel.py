"""The per-article map in a process pool, on Dask (a LocalCluster) and from the cache: same files as serial."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_support import CORPUS

from kg.build.cache import Cache, article_key
from kg.build.parallel import Mapper
from kg.cli import cli
from kg.corpus import read_corpus

ROOT = Path(__file__).resolve().parent.parent
SAME = ("kg.trig", "kg.ttl", "report.json")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("par") / "corpus"
    folder.mkdir()
    for p in sorted(CORPUS.glob("*.txt")):
        shutil.copy(p, folder)
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00x")
    return folder


def _build(corpus: Path, out: Path, *extra: str) -> dict[str, bytes]:
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out), "-q", *extra])
    assert result.exit_code == 0, result.output
    return {n: (out / n).read_bytes() for n in SAME}


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory) -> dict[str, bytes]:
    return _build(corpus, tmp_path_factory.mktemp("serial") / "out", "--jobs", "1", "--no-cache")


def test_pool_build_is_identical_to_serial(corpus, serial, tmp_path):
    assert _build(corpus, tmp_path / "out", "--jobs", "2", "--no-cache") == serial


def test_cached_rebuild_is_identical_and_hits(corpus, serial, tmp_path):
    cache = tmp_path / "cache"
    assert _build(corpus, tmp_path / "a", "--jobs", "1", "--cache", str(cache)) == serial
    mapper = Mapper(1, cache=Cache(cache))
    results = list(mapper(read_corpus(corpus).articles))
    seeds = len(list(CORPUS.glob("*.txt")))  # not exactly five: the README invites adding articles
    assert mapper.hits == seeds and all(r.failure is None for r in results)
    assert _build(corpus, tmp_path / "b", "--jobs", "1", "--cache", str(cache)) == serial


def test_cache_key_changes_with_text_and_metadata(corpus):
    a = read_corpus(corpus).articles[0]
    key = article_key(a)
    a.text += " "
    assert article_key(a) != key
    a.text = a.text[:-1]
    a.title = "another title"
    assert article_key(a) != key


def test_dask_local_cluster_build_is_identical_to_serial(corpus, serial, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        got = _build(corpus, tmp_path / "out", "--dask", cluster.scheduler_address, "--no-cache")
    assert got == serial


def test_unreachable_dask_scheduler_is_one_error_line(corpus, tmp_path):
    pytest.importorskip("distributed")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(tmp_path / "o"),
                                      "--dask", "tcp://127.0.0.1:9", "--no-cache"])
    assert result.exit_code == 2 and result.output.startswith("Error: cannot reach the Dask scheduler")
