"""Pages an analyst reads: local links, the ontology, entity summaries, browser-friendly answers and errors."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
import rdflib

from kg.namespaces import ONTOLOGY_GRAPH
from server.app import create_app
from server.config import ServerConfig
from server.ontology_page import TRIPLES, build_ontology_page
from test_server_support import FIXTURE, ROOT

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
AKG = rdflib.Namespace("https://w3id.org/alliance-kg/ontology#")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    cfg = ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path_factory.mktemp("cache"), max_rows=50, query_processes=2)
    app = create_app(cfg)
    yield app.test_client()
    app.config["AKG_POOL"].close()


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_pages_entity_links_stay_on_this_server(client):
    """Regression: class and ontology links on entity pages left for w3id.org, which does not resolve here."""
    html = client.get("/id/state/Serbia", headers=HTML).get_data(as_text=True)
    hrefs = _hrefs(html)
    assert "/ontology#State" in hrefs
    assert not [h for h in hrefs if h.startswith("https://w3id.org/")]


def test_pages_ontology_html_has_every_term_with_links_and_example(client):
    resp = client.get("/ontology", headers=HTML)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    for term in ("Membership", "memberOf", "FullMember", "State"):
        assert f'id="{term}"' in html, term
    section = html[html.index('id="memberOf"'):]
    section = section[:section.index("</article>")]
    assert 'href="/ontology#affiliatedWith"' in section
    assert 'class="run" href="/sparql?query=' in section


def test_pages_ontology_terms_of_the_real_ontology_have_domain_range_and_comment():
    store = ox.Store()
    store.load(path=str(ROOT / "ontology" / "akg.ttl"), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
    page = build_ontology_page(list(store.query(TRIPLES)))
    terms = {t.name: t for _, ts in page.sections for t in ts}
    member_of = terms["memberOf"]
    assert member_of.label == "member of" and member_of.comments
    assert member_of.domain == [str(AKG.Actor)] and member_of.range == [str(AKG.Organization)]
    assert terms["evidence"].kind.endswith("DatatypeProperty") and terms["FullMember"].kind == "individual"
    assert "akg:Membership" in terms["Membership"].example


def test_pages_ontology_turtle_is_the_ontology_graph(client):
    resp = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert resp.status_code == 200 and resp.mimetype == "text/turtle"
    g = rdflib.Graph().parse(data=resp.data, format="turtle")
    assert (AKG.memberOf, rdflib.RDFS.subPropertyOf, AKG.affiliatedWith) in g
    assert len(g) == 29  # the fixture's ontology graph, whole


def test_pages_query_page_gives_scripts_the_base_and_prefixes(client):
    html = client.get("/", headers=HTML).get_data(as_text=True)
    assert '<script id="akg-config" type="application/json">' in html
    assert "https://w3id.org/alliance-kg/" in html and "results.js" in html
    assert "<script>" not in html  # nothing inline runs (the CSP forbids it)
