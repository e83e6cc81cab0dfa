"""`kg add ARTICLE...`: only the new article is extracted, and the graph is the one a full rebuild gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner
from corpus_support import CORPUS

from kg.cli import cli

SIXTH = Path(__file__).parent / "data" / "sixth" / "005_finland_joins_nato.txt"


def _quads(out: Path) -> set[str]:
    return {str(q) for q in ox.parse(path=str(out / "kg.trig"), format=ox.RdfFormat.TRIG)}


def test_add_gives_the_graph_of_a_full_rebuild(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    added, full = tmp_path / "added", tmp_path / "full"
    runner = CliRunner()
    first = runner.invoke(cli, ["build", "--corpus", str(corpus), "--out", str(added), "-q", "--jobs", "1"])
    assert first.exit_code == 0, first.output
    before = _quads(added)
    new = tmp_path / "new" / "900_added_article.txt"  # a stem of its own: CORPUS may already hold SIXTH
    new.parent.mkdir()
    shutil.copy(SIXTH, new)
    out = runner.invoke(cli, ["add", str(new), "--corpus", str(corpus), "--out", str(added), "-q", "--jobs", "1"])
    assert out.exit_code == 0, out.output
    assert (corpus / new.name).read_bytes() == SIXTH.read_bytes()
    n = len(list(corpus.glob("*.txt")))
    assert json.loads((added / "timings.json").read_text())["cache_hits"] == n - 1  # the rest from the cache
    rebuilt = runner.invoke(cli, ["build", "--corpus", str(corpus), "--out", str(full), "-q", "--no-cache"])
    assert rebuilt.exit_code == 0, rebuilt.output
    after = _quads(added)
    assert after != before and after == _quads(full)


def test_add_refuses_what_is_not_an_article(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    out = CliRunner().invoke(cli, ["add", str(tmp_path / "missing.txt"), "--corpus", str(corpus)])
    assert out.exit_code == 2 and out.output.startswith("Error:") and "no such file" in out.output
    (tmp_path / "notes.md").write_text("x")
    out = CliRunner().invoke(cli, ["add", str(tmp_path / "notes.md"), "--corpus", str(corpus)])
    assert out.exit_code == 2 and ".txt" in out.output
    assert not list(corpus.iterdir())
