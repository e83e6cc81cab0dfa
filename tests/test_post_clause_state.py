"""The state of a bare title ('Foreign Minister X') when another clause of the sentence names a state
(kg/extract/posts.py, _clause_state), and a descriptive word before the title ('long-serving')."""

from __future__ import annotations

import pytest

from kg.dates import PartialDate
from kg.extract.document import extract_document
from kg.gazetteer import Gazetteer
from kg.model import Post

PUB = PartialDate.parse("2025-06-27")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def posts(text: str, gaz: Gazetteer) -> set[tuple[str, str, str]]:
    doc = extract_document("t", text, [(0, len(text))], PUB, gaz)
    return {(f.holder.label, f.role, f.post_in.label) for f in doc.facts if isinstance(f, Post)}


def test_a_descriptive_word_between_the_owner_and_the_title(gaz):
    text = ("Djibouti's long-serving foreign minister, Ali Hassan Robleh, was elected on Saturday, defeating "
            "Daniel Wekesa, a former prime minister of Kenya.")
    assert ("Ali Hassan Robleh", "ForeignMinister", "Djibouti") in posts(text, gaz)


def test_a_state_after_a_preposition_in_another_clause_does_not_own_the_title(gaz):
    text = ("Armenia is reviewing its alliances. Armenia froze its role in the CSTO. Armenia wants change. "
            "Its troops took part "
            "in drills with US forces in September, and Foreign Minister Lilit Sahakyan has not ruled out an "
            "application.")
    found = {p for p in posts(text, gaz) if p[0] == "Lilit Sahakyan"}
    assert found == {("Lilit Sahakyan", "ForeignMinister", "Armenia")}


def test_the_subject_of_another_clause_still_owns_the_title(gaz):
    text = "Samoa is the host, and its prime minister, Tui Faleolo, will chair the organisation for two years."
    assert ("Tui Faleolo", "PrimeMinister", "Samoa") in posts(text, gaz)
