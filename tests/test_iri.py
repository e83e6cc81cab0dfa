"""kg/iri.py: any file name or metadata value gives a valid IRI, or (for a source) none at all."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef

from kg.iri import external, mint, segment
from kg.namespaces import DOC, doc_iri
from kg.reasoning.closure import ReasonableClosure

#: One example of every class of code point an IRI path segment may not hold as such.
FORBIDDEN = {
    "C0 control": "\x00\x01\t\n\r\x1f",
    "space": " ",
    "delete": "\x7f",
    "C1 control": "\x80\x85\x9f",
    "ASCII delimiters": '<>"{}|\\^`',
    "percent": "%",
    "bad escape": "%zz%4",
    "gen-delims": "/?#[]",
    "private use (BMP)": "\ue000\uf8ff",
    "private use (planes 15-16)": "\U000f0000\U0010fffd",
    "noncharacters": "\ufdd0\ufdef\ufffe\uffff\U0001fffe\U0010ffff",
    "specials": "\ufff0\ufff9\ufffd",
    "lone surrogate": "\ud800\udfff",
    "undecodable byte of a file name": b"caf\xe9".decode("utf-8", "surrogateescape"),
}
ALLOWED = ["Zürich", "Белград", "北京", "\U0001f600", "a-b_c.d~e!$&'()*+,;=:@"]


@pytest.mark.parametrize("kind", sorted(FORBIDDEN))
def test_mint_makes_a_valid_iri_of_every_forbidden_class(kind):
    iri = mint(DOC, f"a{FORBIDDEN[kind]}b")
    ox.NamedNode(str(iri))  # raises on an invalid IRI
    assert str(iri).startswith(DOC) and "/" not in str(iri)[len(DOC):]


def test_minted_iris_pass_the_reasoner():
    """The reasoner stopped the whole build with InvalidIriCodePoint(' ') on `a b.txt`."""
    r = ReasonableClosure()
    nodes = [mint(DOC, f"a{chars}b") for chars in FORBIDDEN.values()]
    r.add((n, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), n) for n in nodes)
    closure = r.run()
    assert {s for s, _, _ in closure} >= set(nodes)


@pytest.mark.parametrize("name", ALLOWED)
def test_mint_keeps_what_an_iri_may_hold(name):
    assert segment(name) == name


def test_mint_is_injective_on_percent():
    assert doc_iri("a b") != doc_iri("a%20b")
    assert str(doc_iri("a b")).endswith("/a%20b")


@pytest.mark.parametrize("value, expected", [
    ("https://example.org/a b", "https://example.org/a%20b"),
    ("https://example.org/<x>", "https://example.org/%3Cx%3E"),
    ("https://example.org/100%", "https://example.org/100%25"),
    ("https://example.org/%41", "https://example.org/%41"),
    ("  https://example.org/  ", "https://example.org/"),
])
def test_external_repairs_a_url(value, expected):
    assert external(value) == URIRef(expected)
    ox.NamedNode(expected)


@pytest.mark.parametrize("value", ["not a url", "example.org/page", "", "http:", "http://[bad/"])
def test_external_refuses_what_is_not_an_iri(value):
    assert external(value) is None


def test_odd_file_name_and_bad_source_build_as_articles(tmp_path):
    from kg.cli import cli

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "Serbia is a member of the United Nations. Serbia joined the Council of Europe in 2003.\n"
    (corpus / "a b.txt").write_text(text)
    (corpus / 'q<"x">.txt').write_text(text)
    (corpus / "src.txt").write_text("---\nsource: not a url\n---\n" + text)
    (corpus / "src2.txt").write_text("---\nsource: https://example.org/a page\n---\n" + text)
    out = tmp_path / "build"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    ds = Dataset()
    ds.parse(out / "kg.trig", format="trig")
    graphs = {str(g.identifier) for g in ds.graphs()}
    for stem in ("a b", 'q<"x">', "src", "src2"):
        assert str(doc_iri(stem)) in graphs
    sources = {str(o) for _, _, o, _ in ds.quads((None, URIRef("http://purl.org/dc/terms/source"), None, None))}
    assert sources == {"https://example.org/a%20page"}
    report = (out / "report.json").read_text()
    assert "not an absolute IRI" in report
