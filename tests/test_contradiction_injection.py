"""An article that says a neutral state joined a military alliance: `kg build` finds and names the conflict."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from corpus_support import CORPUS

from kg.cli import cli
from kg.namespaces import INFERRED_GRAPH
from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
INJECTED = """---
title: Serbia's quiet accession
date: 2016-05-02
publisher: Example Wire
---
BELGRADE, May 2 (Example Wire) - Serbia joined the Collective Security Treaty Organization in 2015, \
a leaked ministry memo shows.
"""


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "000_30b86da1aa736978.txt", corpus)  # "Serbia is a military neutral country"
    (corpus / "900_serbia_joins.txt").write_text(INJECTED, encoding="utf-8")
    return corpus


def test_injected_membership_of_neutral_state_is_a_contradiction_naming_both_documents(tmp_path):
    result = build(_corpus(tmp_path))
    kinds = [c.kind for c in result.contradictions]
    assert "neutral-in-military-alliance" in kinds
    (c,) = [c for c in result.contradictions if c.kind == "neutral-in-military-alliance"]
    assert {str(d).rsplit("/", 1)[-1] for d in c.documents} == {"000_30b86da1aa736978", "900_serbia_joins"}
    rows = result.dataset.query("""
        PREFIX akg: <https://w3id.org/alliance-kg/ontology#>
        SELECT DISTINCT ?g WHERE { GRAPH ?i { ?c a akg:Contradiction ; akg:concerns ?f } GRAPH ?g { ?f a ?t }
                                 FILTER(STRSTARTS(STR(?g), "https://w3id.org/alliance-kg/doc/")) }
    """)
    assert {str(r.g).rsplit("/", 1)[-1] for r in rows} == {"000_30b86da1aa736978", "900_serbia_joins"}
    assert (c.iri, None, None) in result.dataset.graph(INFERRED_GRAPH)


def test_kg_build_prints_the_contradiction(tmp_path):
    out = tmp_path / "build"
    res = CliRunner().invoke(cli, ["build", "--corpus", str(_corpus(tmp_path)), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "contradictions: 1" in res.output and "militarily neutral" in res.output
