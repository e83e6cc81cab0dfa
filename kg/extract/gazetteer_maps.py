"""What the extractors read from the gazetteer: references to entries, capitals and their states, places'
states."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from kg.gazetteer import Entity, Gazetteer
from kg.model import EntityRef


def entity_ref(entity: Entity, gazetteer: Gazetteer | None = None) -> EntityRef:
    """The extractors' reference to a gazetteer entry, with its parent organization's."""
    parent = None
    if entity.part_of and gazetteer is not None:
        parent = entity_ref(gazetteer.get(entity.part_of), gazetteer)
    return EntityRef(entity.kind, entity.key, entity.label, tuple(entity.types), tuple(entity.aliases), parent)


def _state_capitals(gaz: Gazetteer) -> Iterator[tuple[Entity, Entity]]:
    """(state, its capital) for every state whose capital the gazetteer lists as a place."""
    for e in gaz.entities():
        if e.kind == "state" and e.capital:
            try:
                place = gaz.get(e.capital)  # the capital column holds a key ("Addis_Ababa")
            except KeyError:
                place = gaz.lookup(e.capital)
            if place is not None and place.kind == "place":
                yield e, place


@lru_cache(maxsize=4)
def capital_of_state(gaz: Gazetteer) -> dict[str, EntityRef]:
    """State key -> its capital, for an event "in Samoa's capital"."""
    return {state.key: entity_ref(place, gaz) for state, place in _state_capitals(gaz)}


@lru_cache(maxsize=4)
def country_of_place(gaz: Gazetteer) -> dict[str, str]:
    """Place key -> the key of its state, so "the summit in Azerbaijan" and "the summit in Gabala" can be one."""
    return {e.key: e.country for e in gaz.entities() if e.kind == "place" and e.country}


@lru_cache(maxsize=4)
def capitals_of(gaz: Gazetteer) -> dict[str, EntityRef]:
    """Place key -> the state it is the capital of, for "Vienna has long pursued ..."."""
    out: dict[str, EntityRef] = {}
    for state, place in _state_capitals(gaz):
        if place.key not in out or state.status != "historical":
            out[place.key] = entity_ref(state, gaz)  # Moscow is Russia's, not the Soviet Union's
    return out
