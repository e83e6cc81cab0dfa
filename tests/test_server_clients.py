"""Real clients against `kg serve`: SPARQLWrapper defaults in every format, dumps with a relative --kg."""

from __future__ import annotations

import warnings

import pytest
import rdflib
from test_server_support import FIXTURE, ROOT, request, running_server

pytestmark = pytest.mark.slow

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

QUERIES = {
    "SELECT": "SELECT ?x WHERE { ?x akg:memberOf ?o } ORDER BY ?x",
    "ASK": "ASK { ?x akg:memberOf ?o }",
    "CONSTRUCT": "CONSTRUCT WHERE { ?x akg:memberOf ?o }",
    "DESCRIBE": "DESCRIBE <https://w3id.org/alliance-kg/id/state/Serbia>",
}
FORMATS = ["JSON", "XML", "TURTLE", "N3", "RDF", "RDFXML", "CSV", "TSV", "JSONLD"]


@pytest.fixture(scope="module")
def base():
    rel = FIXTURE.relative_to(ROOT)  # relative, resolved against the working directory (as `make serve` does)
    with running_server(rel, "--workers", "1", "--query-processes", "1") as url:
        yield url


def _check(kind: str, result) -> None:
    """The converted result holds the answer, whatever shape SPARQLWrapper gives it in."""
    if isinstance(result, bytes):
        result = result.decode("utf-8")
    if isinstance(result, rdflib.Graph):
        assert len(result) > 0
    elif isinstance(result, dict):
        assert result.get("boolean") is True if kind == "ASK" else len(result["results"]["bindings"]) == 2
    elif isinstance(result, str):
        assert ("true" in result) if kind == "ASK" else ("Armenia" in result or "Serbia" in result)
    else:  # xml.dom Document (SPARQL XML results)
        text = result.toxml()
        assert ("true" in text) if kind == "ASK" else "Armenia" in text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", list(QUERIES))
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_server_sparqlwrapper_defaults_in_every_format(base, kind, fmt, method):
    sw = SPARQLWrapper.SPARQLWrapper(f"{base}/sparql")
    sw.setQuery(QUERIES[kind])
    sw.setReturnFormat(getattr(SPARQLWrapper, fmt))
    sw.setMethod(getattr(SPARQLWrapper, method))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SPARQLWrapper warns when a format does not fit the query type
        response = sw.query()
        assert response.response.status == 200
        _check(kind, response.convert())


def test_server_dumps_download_with_a_relative_kg(base):
    for path, fmt in (("/dump.ttl", "turtle"), ("/dump.trig", "trig"), ("/dump.nq", "nquads")):
        status, _, body = request("GET", f"{base}{path}")
        assert status == 200, path
        ds = rdflib.Dataset()
        ds.parse(data=body, format=fmt)
        assert len(list(ds.quads())) > 100
