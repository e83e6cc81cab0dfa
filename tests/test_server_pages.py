"""Pages an analyst reads: local links, the ontology, entity summaries, browser-friendly answers and errors."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
import rdflib
from test_server_support import FIXTURE, ROOT

from kg.namespaces import ONTOLOGY_GRAPH
from server.app import create_app
from server.config import ServerConfig
from server.ontology_page import TRIPLES, build_ontology_page

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


# ---------------------------------------------------------------- entity pages

SMALL = """@prefix akg: <https://w3id.org/alliance-kg/ontology#> .
@prefix id: <https://w3id.org/alliance-kg/id/> .
@prefix doc: <https://w3id.org/alliance-kg/doc/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/alliance-kg/graph/entities> {
  id:org/X a akg:Organization ; rdfs:label "Xorg" .
  id:org/X_Assembly a akg:Organization ; rdfs:label "Xorg Assembly" ; akg:partOf id:org/X .
  id:state/A a akg:State ; rdfs:label "Aland" .  id:state/B a akg:State ; rdfs:label "Bland" .
  akg:FullMember rdfs:label "full member" .  akg:Observer rdfs:label "observer" .
}
doc:d1 { doc:d1 a akg:Document ; dcterms:title "First report" ; dcterms:date "2017-04-01"^^xsd:date ;
           dcterms:publisher "Wire One" .
  id:fact/d1/m1 a akg:Membership ; akg:member id:state/A ; akg:organization id:org/X ; akg:status akg:FullMember ;
    akg:evidence "Xorg includes Aland and Bland." ; prov:wasDerivedFrom doc:d1 .
  id:fact/d1/m2 a akg:Membership ; akg:member id:state/B ; akg:organization id:org/X ; akg:status akg:FullMember ;
    akg:evidence "Xorg includes Aland and Bland." ; prov:wasDerivedFrom doc:d1 .
  id:fact/d1/m3 a akg:Membership ; akg:member id:state/B ; akg:organization id:org/X ; akg:status akg:FullMember ;
    akg:evidence "Bland is a member of Xorg." ; prov:wasDerivedFrom doc:d1 .
  id:event/ex a akg:MilitaryExercise ; rdfs:label "Drill 2017" ; akg:participant id:org/X ;
    akg:evidence "Xorg holds Drill 2017." ; akg:date "2017-09"^^xsd:gYearMonth ; prov:wasDerivedFrom doc:d1 .
}
doc:d2 { doc:d2 a akg:Document ; dcterms:title "Second report" ; dcterms:date "2018-02-01"^^xsd:date .
  id:org/X_Assembly akg:partOf id:org/X .
  id:fact/d2/m1 a akg:Membership ; akg:member id:state/A ; akg:organization id:org/X ; akg:status akg:FullMember ;
    akg:startDate "2002"^^xsd:gYear ; akg:evidence "Aland joined Xorg in 2002." ; prov:wasDerivedFrom doc:d2 .
  id:fact/d2/m2 a akg:Membership ; akg:member id:state/B ; akg:organization id:org/X ; akg:status akg:Observer ;
    akg:evidence "Bland is only an observer at Xorg." ; prov:wasDerivedFrom doc:d2 .
  id:event/ex a akg:MilitaryExercise ; rdfs:label "Drill 2017" ; akg:participant id:state/A ;
    akg:evidence "Aland joined the Drill 2017 exercise." ; prov:wasDerivedFrom doc:d2 .
}
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    trig = re.sub(r"(?<=id:)([\w/]+)", lambda m: m.group(1).replace("/", "\\/"), SMALL)  # id:org\/X
    (folder / "kg.trig").write_text(trig, encoding="utf-8")
    app = create_app(ServerConfig(kg_dir=folder, cache_dir=folder / "cache", query_processes=1))
    yield app.test_client()
    app.config["AKG_POOL"].close()


def _page(client, path: str) -> str:
    resp = client.get(path, headers=HTML)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return resp.get_data(as_text=True)


def _table(html: str, section: str) -> str:
    part = html[html.index(f'id="{section}"'):]
    return part[:part.index("</section>")]


def test_pages_organization_lists_members_with_status_period_and_each_source_once(small):
    """Regression: the CSTO page repeated the same two sentences on twelve cards, with no summary."""
    html = _page(small, "/id/org/X")
    assert "Members, observers and partners" in html and "<svg" in html
    table = _table(html, "memberships")
    rows = re.findall(r"<tr class=\"status-row[^>]*>(.*?)</tr>", table, re.S)
    texts = [re.sub(r"<[^>]+>", " ", r) for r in rows]
    assert len(rows) == 3  # Aland member (two sources merged), Bland member, Bland observer
    aland = next(t for t in texts if "Aland" in t)
    assert "since 2002" in aland and "[1]" in aland and "[2]" in aland
    assert sum("Bland" in t for t in texts) == 2 and "status changed" in table
    sentences = re.findall(r'<blockquote class="evidence">(.*?)</blockquote>', html, re.S)
    plain = [re.sub(r"<[^>]+>", "", s) for s in sentences]
    assert len(plain) == len(set(plain)) and "Xorg includes Aland and Bland." in plain
    assert html.count('href="/doc/d1"') == 1  # each document listed once, in the numbered sources
    assert "Wire One" in html and "Xorg Assembly" in _table(html, "bodies")


def test_pages_state_summary_comes_first(small):
    html = _page(small, "/id/state/A")
    first = html.index('id="memberships"')
    assert first < html.index('id="references"') < html.index('id="raw"')
    assert "<h2>Memberships</h2>" in html and "Xorg" in _table(html, "memberships")
    assert "<mark>Aland</mark>" in html


def test_pages_merged_event_shows_every_mention_and_human_headings(small):
    """Regression: an exercise read in two articles had no evidence on its page."""
    html = _page(small, "/id/event/ex")
    mentions = re.sub(r"<[^>]+>", "", _table(html, "mentions"))
    assert "Xorg holds Drill 2017." in mentions and "Aland joined the Drill 2017 exercise." in mentions
    assert "First report" in mentions and "Second report" in mentions
    about = _table(html, "about")
    assert "Aland" in about and "Xorg" in about and "2017-09" in about
    assert "<h2>MilitaryExercise" not in html and "Military exercise" in html


def test_pages_referenced_by_lists_each_subject_once(small):
    html = _page(small, "/id/org/X")  # X_Assembly partOf X: in the entities graph and in d2
    raw = _table(html, "raw")
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td>", raw[raw.index("Referenced by"):], re.S)
    assert len(rows) == len(set(rows)) == 1


# ---------------------------------------------------------------- browsers get pages

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_pages_void_in_a_browser_is_a_page_with_links_to_its_formats(client):
    """Regression: the VoID link in the header downloaded a Turtle file."""
    resp = client.get("/void", headers=BROWSER)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    assert 'href="/void?format=turtle"' in html and 'href="/doc/001_fixture"' in html
    assert client.get("/void?format=turtle", headers=BROWSER).mimetype == "text/turtle"


def test_pages_get_sparql_in_a_browser_shows_a_labelled_table(client):
    """Regression: GET /sparql?query= opened in a browser downloaded a JSON file."""
    resp = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x akg:memberOf ?o } ORDER BY ?x"},
                      headers=BROWSER)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    assert '<a href="/id/state/Armenia" title="https://w3id.org/alliance-kg/id/state/Armenia">Armenia</a>' in html
    assert "format=csv" in html and "2 rows" in html
    plain = client.get("/sparql", query_string={"query": "ASK {}"})
    assert plain.mimetype == "application/sparql-results+json"  # clients keep their formats


def test_pages_errors_in_a_browser_have_the_header_the_position_and_a_way_back(client):
    resp = client.get("/sparql", query_string={"query": "SELECT ?x WHERE {\n ?x foo:bar ?y }"}, headers=BROWSER)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and resp.mimetype == "text/html"
    assert 'class="brand"' in html and 'href="/"' in html and "unknown prefix foo:" in html
    position = re.search(r'<pre class="position">line 2: (.*)\n( *)\^</pre>', html)
    assert position and position.group(2) == " " * len("line 2: ") + " " * 11
    missing = client.get("/no/such/page", headers=BROWSER)
    assert missing.status_code == 404 and "Back to the query page" in missing.get_data(as_text=True)
    assert client.get("/no/such/page").mimetype == "application/json"  # the pinned shape for clients
