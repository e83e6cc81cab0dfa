"""Person-name contexts (kg/extract/people.py): an apposition after a person noun, 'who is both ...'."""

from __future__ import annotations

import pytest

from kg.dates import PartialDate
from kg.extract.document import extract_document
from kg.gazetteer import Gazetteer
from kg.model import Event, Post

PUB = PartialDate.parse("2025-06-27")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def persons(text: str, gaz: Gazetteer) -> set[str]:
    doc = extract_document("t", text, [(0, len(text))], PUB, gaz)
    return {e.label for (kind, _), e in doc.entities.items() if kind == "person"} | {
        p.label for f in doc.facts if isinstance(f, Event) for p in f.participants if p.kind == "person"} | {
        f.holder.label for f in doc.facts if isinstance(f, Post)}


def test_name_in_an_apposition_after_counterpart(gaz):
    assert "Lars Holm" in persons("Anna Berg met her Danish counterpart, Lars Holm, in Oslo.", gaz)


def test_a_place_in_an_apposition_after_counterpart_is_no_person(gaz):
    assert not persons("The minister flew to see her Danish counterpart, Copenhagen Airport being closed.", gaz) & {
        "Copenhagen Airport"}


def test_who_is_both_prime_minister_and_foreign_minister(gaz):
    text = "Karin Dahl, who is both prime minister and foreign minister of Norway, spoke in Oslo."
    assert "Karin Dahl" in persons(text, gaz)
