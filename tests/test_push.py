"""`kg push --graph-store URL`: the build's graphs in Oxigraph's own server answer as `kg query` does."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_server_support import FIXTURE, free_port, request, stop_process_group

from kg.cli import cli

COMPETENCY = sorted((Path(__file__).parent / "data" / "competency").glob("*.rq"))
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """Oxigraph's server on 127.0.0.1 (union default graph, as kg serve and kg query); bounded start."""
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server is not installed (pip install -e '.[dev]')")
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("ox")),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            assert proc.poll() is None, proc.stderr.read().decode(errors="replace")
            try:
                if request("GET", f"{url}/query?query=ASK%7B%7D", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "oxigraph did not start in time"
            time.sleep(0.2)
        yield url
    finally:
        stop_process_group(proc, grace=10)


def _rows(results: dict) -> set:
    return {frozenset((k, v["value"]) for k, v in b.items()) for b in results["results"]["bindings"]}


def _count(url: str) -> int:
    q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    _, _, body = request("GET", f"{url}/query?query={q}", headers={"Accept": "application/sparql-results+json"})
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_push_gives_the_answers_of_kg_query(oxigraph):
    runner = CliRunner()
    for _ in range(2):  # a second push replaces each graph: nothing doubles
        out = runner.invoke(cli, ["push", "--graph-store", f"{oxigraph}/store", "--kg", str(FIXTURE)])
        assert out.exit_code == 0, out.output
    graphs, triples = out.output.split()[1], out.output.split()[3]
    assert int(graphs) > 5 and _count(oxigraph) == int(triples)
    assert COMPETENCY
    for path in COMPETENCY:
        ours = runner.invoke(cli, ["query", str(path), "--kg", str(FIXTURE), "--format", "json"])
        assert ours.exit_code == 0, ours.output
        q = urllib.parse.quote(path.read_text(encoding="utf-8"))
        status, _, body = request("GET", f"{oxigraph}/query?query={q}",
                                  headers={"Accept": "application/sparql-results+json"})
        assert status == 200, body
        theirs = json.loads(body)
        if "boolean" in theirs:
            assert json.loads(ours.output)["boolean"] == theirs["boolean"], path.name
        else:
            assert _rows(json.loads(ours.output)) == _rows(theirs), path.name


def test_push_to_nothing_is_one_error_line(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/store"
    out = CliRunner().invoke(cli, ["push", "--graph-store", url, "--kg", str(FIXTURE)])
    assert out.exit_code == 2 and out.output.startswith("Error: cannot reach the store") and out.output.count("\n") == 1
    missing = CliRunner().invoke(cli, ["push", "--graph-store", url, "--kg", str(tmp_path)])
    assert missing.exit_code == 2 and "kg build" in missing.output
