"""Hardening: safe links and HTML headers, IRIs from configuration, control characters in paths, start-up checks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_server_support import FIXTURE, ROOT

from server.app import create_app
from server.config import ServerConfig

DOC = "https://w3id.org/alliance-kg/doc/001_fixture"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The fixture, plus a document whose `source` is a javascript: IRI."""
    kg = tmp_path_factory.mktemp("kg")
    text = (FIXTURE / "kg.trig").read_text(encoding="utf-8")
    text += f"\n<{DOC}> {{ <{DOC}> <http://purl.org/dc/terms/source> <javascript:alert(document.domain)> . }}\n"
    (kg / "kg.trig").write_text(text, encoding="utf-8")
    cfg = ServerConfig(kg_dir=kg, cache_dir=kg / "cache", query_processes=1,
                       public_url="https://kg.example.org/")
    app = create_app(cfg)
    yield app
    app.config["AKG_POOL"].close()


def test_server_doc_page_links_only_http_schemes(app):
    resp = app.test_client().get("/doc/001_fixture", headers={"Accept": "text/html"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "javascript:alert" in html  # shown as text
    assert 'href="javascript' not in html.lower()
    assert 'href="/id/state/Serbia"' in html or 'href="/id/' in html


def test_server_html_has_csp_and_nosniff(app):
    client = app.test_client()
    for path in ("/", "/doc/001_fixture", "/id/state/Serbia"):
        resp = client.get(path, headers={"Accept": "text/html"})
        assert resp.status_code == 200, path
        assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
        assert "object-src 'none'" in resp.headers["Content-Security-Policy"]
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/healthz").headers["X-Content-Type-Options"] == "nosniff"


def test_server_iris_come_from_configuration_not_host(app):
    client = app.test_client()
    evil = {"Host": "evil.example:666"}
    resp = client.get("/sparql", query_string={"query": "SELECT ?b WHERE { BIND(<rel> AS ?b) }"}, headers=evil)
    assert resp.json["results"]["bindings"][0]["b"]["value"] == "https://kg.example.org/rel"
    for path in ("/sparql", "/void"):
        body = client.get(path, headers={**evil, "Accept": "text/turtle"}).get_data(as_text=True)
        assert "evil.example" not in body and "https://kg.example.org/sparql" in body


@pytest.mark.parametrize("path", ["/id/%00", "/id/state/Serbia%09", "/doc/x%0Ay", "/id/%7F", "/sparql%0D"])
def test_server_control_characters_in_paths_are_400(app, path):
    resp = app.test_client().get(path, headers={"Accept": "text/html"})
    assert resp.status_code == 400


def test_server_counts_say_triples_and_quads(tmp_path):
    """A triple held by two graphs is one triple of the union default graph (set semantics)."""
    kg = tmp_path / "kg"
    kg.mkdir()
    text = (FIXTURE / "kg.trig").read_text(encoding="utf-8")
    serbia = "<https://w3id.org/alliance-kg/id/state/Serbia>"
    label = '<http://www.w3.org/2000/01/rdf-schema#label> "Serbia"'
    text += f"\n<{DOC}> {{ {serbia} {label} . }}\n"  # also in the entities graph
    (kg / "kg.trig").write_text(text, encoding="utf-8")
    app = create_app(ServerConfig(kg_dir=kg, cache_dir=kg / "cache", query_processes=1))
    try:
        client = app.test_client()
        health = client.get("/healthz").json
        assert health["quads"] == health["triples"] + 1
        rows = client.get("/sparql", query_string={"query": f"SELECT ?l WHERE {{ {serbia} rdfs:label ?l }}"})
        assert [b["l"]["value"] for b in rows.json["results"]["bindings"]] == ["Serbia"]
        per_graph = client.get("/sparql", query_string={
            "query": f"SELECT ?g WHERE {{ GRAPH ?g {{ {serbia} rdfs:label ?l }} }}"})
        assert len(per_graph.json["results"]["bindings"]) == 2  # GRAPH still sees each graph
        page = client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
        assert f"{health['quads']} statements" in page and f"{health['triples']} distinct triples" in page
    finally:
        app.config["AKG_POOL"].close()


# ---------------------------------------------------------------- start-up


def _serve(kg: Path) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--kg", str(kg), "--port", "1"]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


def _kg(tmp_path: Path, text: str | None, report: dict | None = None) -> Path:
    kg = tmp_path / "kg"
    kg.mkdir()
    if text is not None:
        (kg / "kg.trig").write_text(text, encoding="utf-8")
    if report is not None:
        (kg / "report.json").write_text(json.dumps(report), encoding="utf-8")
    return kg


def _graph_counts() -> dict[str, int]:
    import pyoxigraph as ox

    counts: dict[str, int] = {}
    for q in ox.parse(path=str(FIXTURE / "kg.trig"), format=ox.RdfFormat.TRIG):
        counts[q.graph_name.value] = counts.get(q.graph_name.value, 0) + 1
    return counts


def _truncated() -> str:
    text = (FIXTURE / "kg.trig").read_text(encoding="utf-8")
    return text[: text.index("akgg:inferred {")]  # cut at a graph boundary: valid TriG, one graph short


@pytest.mark.parametrize("case", ["missing", "empty", "corrupt", "cut mid-statement", "truncated"])
def test_server_serve_refuses_a_bad_graph_with_one_error_line(tmp_path, case):
    full = (FIXTURE / "kg.trig").read_text(encoding="utf-8")
    kg = {
        "missing": lambda: _kg(tmp_path, None),
        "empty": lambda: _kg(tmp_path, ""),
        "corrupt": lambda: _kg(tmp_path, full.replace("akgg:entities {", "akgg:entities { ]] <", 1)),
        "cut mid-statement": lambda: _kg(tmp_path, full[: len(full) // 2]),
        "truncated": lambda: _kg(tmp_path, _truncated(), {"triples_per_graph": _graph_counts()}),
    }[case]()
    done = _serve(kg)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and lines[0].startswith("Error: "), done.stderr
    assert "Traceback" not in done.stderr


def test_server_store_is_made_once_and_reused(tmp_path):
    from server.store import prepare_store

    kg = _kg(tmp_path, (FIXTURE / "kg.trig").read_text(encoding="utf-8"),
             {"triples_per_graph": _graph_counts()})
    first = prepare_store(kg / "kg.trig", tmp_path / "cache")
    again = prepare_store(kg / "kg.trig", tmp_path / "cache")
    assert first.path == again.path and first.quads == again.quads == sum(_graph_counts().values())
    shutil.copy(kg / "kg.trig", kg / "copy.trig")
    (kg / "kg.trig").write_text((kg / "copy.trig").read_text() + "\n# changed\n", encoding="utf-8")
    second = prepare_store(kg / "kg.trig", tmp_path / "cache")
    assert second.path != first.path


def test_server_a_new_store_removes_the_older_ones(tmp_path):
    from server.store import prepare_store

    kg = _kg(tmp_path, (FIXTURE / "kg.trig").read_text(encoding="utf-8"), {"triples_per_graph": _graph_counts()})
    cache = tmp_path / "cache"
    paths = []
    for i in range(3):
        (kg / "kg.trig").write_text((FIXTURE / "kg.trig").read_text(encoding="utf-8") + f"\n# build {i}\n",
                                    encoding="utf-8")
        paths.append(prepare_store(kg / "kg.trig", cache).path)
    assert len(set(paths)) == 3
    assert sorted(cache.glob("store-*")) == [paths[-1]]  # only the newest is kept
    assert prepare_store(kg / "kg.trig", cache).path == paths[-1]  # and reused
