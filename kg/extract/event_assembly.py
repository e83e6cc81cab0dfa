"""A document's event mentions assembled into events.

Named exercises are one event per name and year (kg/extract/exercise_names.py); a definite
mention ("the talks", "the two wargames") refers back to an event already read; unnamed
exercise mentions join the document's one named exercise when they are specific ("the
upcoming CSTO drills"), never when generic ("similar previous exercises").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from kg.dates import PartialDate
from kg.extract.exercise_names import YEAR, exercise_identity
from kg.extract.tagging import TaggedSentence
from kg.model import EntityRef, Event, Evidence

_LOOKBACK = 40  # events a mention may refer back to


@dataclass
class EventMention:
    type: str
    tagged: TaggedSentence
    tstart: int  # trigger span in tagged text
    tend: int
    names: list[str] = field(default_factory=list)  # exercise names as written, with translations
    participants: list[EntityRef] = field(default_factory=list)
    location: EntityRef | None = None
    dates: list[tuple[PartialDate, PartialDate | None]] = field(default_factory=list)
    planned: bool = False
    definite: bool = False
    generic: bool = False
    respective_places: list[EntityRef] = field(default_factory=list)



def assemble(mentions: list[EventMention], doc_date: PartialDate | None, rule_prefix: str = "event",
             country_of: dict[str, str] | None = None) -> list[Event]:
    """Turn a document's event mentions into events (see the module docstring); `country_of` maps a place key
    to its state's, so a state named as the venue and a place in it can be one event's."""
    _borrowed.clear()
    _countries.clear()
    _countries.update(country_of or {})
    _from_pub.clear()
    events: list[Event] = []
    named: dict[str, Event] = {}
    pending: list[EventMention] = []
    exercise_order: list[Event] = []
    for em in mentions:
        rule = getattr(em, "rule", None) or f"{rule_prefix}.{em.type.lower()}"
        ev_sentence = Evidence(em.tagged.start, em.tagged.end, em.tagged.text, rule)
        if em.type == "MilitaryExercise" and em.names:
            ident = tuple(em.names)
            ev = next((e for e in exercise_order if set(e.aliases) & set(ident)), None)
            if ev is None:
                ev = Event(em.type, ev_sentence, name=em.names[0], aliases=list(em.names))
                events.append(ev)
                exercise_order.append(ev)
            _merge(ev, em)
            named[em.names[0]] = ev
            continue
        if em.type == "MilitaryExercise":
            pending.append(em)
            continue
        # only the last events read: a mention refers back a few paragraphs, and the search stays linear
        prev = next((ev for ev in islice(reversed(events), _LOOKBACK) if ev.type == em.type
                     and not _conflict(ev, em) and (em.definite or _overlap(ev, em) or _same_place_and_org(ev, em)
                                                   or _same_place_unanchored(ev, em) or _state_and_city(ev, em))),
                    None)
        if prev is not None:
            _merge(prev, em)
            continue
        ev = Event(em.type, ev_sentence)
        _merge(ev, em)
        events.append(ev)
    for em in pending:
        if em.generic:
            continue
        if em.respective_places and len(exercise_order) >= len(em.respective_places) > 1:
            targets = exercise_order[-len(em.respective_places):]
            for ev, place in zip(targets, em.respective_places, strict=True):
                _merge(ev, em)
                ev.location = ev.location or place
            continue
        specific = em.definite or em.dates or em.participants
        candidates = [ev for ev in exercise_order if _compatible(ev, em)]
        if len(candidates) == 1 and specific:
            _merge(candidates[0], em)
    for ev in events:
        if ev.type == "MilitaryExercise" and ev.name:
            year = ev.date.year if ev.date else (doc_date.year if doc_date else None)
            if any(YEAR.search(a) for a in ev.aliases):
                year = None
            ev.key, ev.name, ev.aliases = exercise_identity(ev.aliases, year)
    _date_from_the_same_place(events)
    return [e for e in events if _specific_enough(e)]


def _date_from_the_same_place(events: list[Event]) -> None:
    """'The Al-Ula meeting was the 41st GCC summit': an undated meeting at the one place where the article dated
    another event to a day (the declaration signed in Al-Ula on Tuesday) is that gathering, on that day."""
    for ev in events:
        if ev.type not in ("Meeting", "Forum") or ev.date is not None or ev.location is None or ev.planned:
            continue
        there = [o for o in events if o is not ev and o.location is not None and o.location.key == ev.location.key]
        dated = [o for o in there if o.date is not None and o.date.precision == "day" and not o.planned]
        if len(there) == 1 and len(dated) == 1:
            ev.date, ev.end_date = dated[0].date, dated[0].end_date


# events (by id) whose date was borrowed, not read in their own clause; reset per document
_borrowed: set[int] = set()
# of those, events whose borrowed date is the publication date (a byline, an event under way)
_from_pub: set[int] = set()
# place key -> its state's key, for the document being assembled
_countries: dict[str, str] = {}


def _specific_enough(ev: Event) -> bool:
    """Keep events a reader could find again: named, or with two participants, or one and a time or place,
    or a meeting with both a place and a date ("the next summit, in Malabo in July 2025")."""
    if ev.name:
        return True
    n = len(ev.participants)
    if ev.type == "Election":
        return n >= 1 and ev.date is not None
    if ev.type in ("Meeting", "Forum") and n == 0:
        return ev.date is not None and ev.location is not None
    if ev.type == "Agreement" and n == 1:
        return ev.date is not None
    return n >= 2 or (n == 1 and ev.date is not None and ev.location is not None)


def _within(a: EntityRef, b: EntityRef) -> bool:
    """One venue is a state and the other a place in it ("Next summit: Azerbaijan, 2025" / "in Gabala")."""
    return (a.kind == "state" and _countries.get(b.key) == a.key) or (b.kind == "state" and _countries.get(a.key) == b.key)


def _conflict(ev: Event, em: EventMention) -> bool:
    """A mention that cannot be this event: another place, a date outside its date, other organizations."""
    if ev.location is not None and em.location is not None and ev.location.key != em.location.key \
            and not _within(ev.location, em.location):
        return True
    if ev.date is not None and em.dates and not getattr(em, "weak_date", False) and id(ev) not in _borrowed:
        d = em.dates[0][0]
        if not (ev.date.contains(d) or d.contains(ev.date) or (ev.end_date and ev.end_date.overlaps(d))):
            return True
    orgs = {p.key for p in em.participants if p.kind == "org"}
    ev_orgs = {p.key for p in ev.participants if p.kind == "org"}
    return bool(orgs and ev_orgs and not orgs & ev_orgs)


def _same_place_and_org(ev: Event, em: EventMention) -> bool:
    """The same organization's meeting in the same place, mentioned again."""
    orgs = {p.key for p in em.participants if p.kind == "org"}
    return bool(ev.location is not None and em.location is not None and ev.location.key == em.location.key
                and orgs & {p.key for p in ev.participants if p.kind == "org"})


def _state_and_city(ev: Event, em: EventMention) -> bool:
    """The same organization's meeting in a state and in a city of it, in the same year: one event."""
    if ev.location is None or em.location is None or not _within(ev.location, em.location):
        return False
    orgs = {p.key for p in em.participants if p.kind == "org"}
    same_year = ev.date is not None and bool(em.dates) and ev.date.year == em.dates[0][0].year
    return same_year and bool(orgs & {p.key for p in ev.participants if p.kind == "org"})


def _same_place_unanchored(ev: Event, em: EventMention) -> bool:
    """The same place, and one side has no date of its own: a headline ("Visegrad four meet in Prague") and
    the lede that dates it ("... met in Prague on Tuesday") are one event."""
    if ev.location is None or em.location is None or ev.location.key != em.location.key:
        return False
    return ev.date is None or id(ev) in _borrowed or not em.dates or getattr(em, "weak_date", False)


def _compatible(ev: Event, em: EventMention) -> bool:
    """Could an unnamed exercise mention be this named exercise? Same year, a shared organization."""
    years = {int(m.group(1)) for a in ev.aliases if (m := YEAR.search(a))}
    if years and em.dates and em.dates[0][0].year not in years:
        return False
    orgs = {p.key for p in em.participants if p.kind == "org"}
    ev_orgs = {p.key for p in ev.participants if p.kind == "org"} | {
        p.parent.key for p in ev.participants if p.parent is not None}
    return not orgs or not ev_orgs or bool(orgs & ev_orgs)


def _overlap(ev: Event, em: EventMention) -> bool:
    return bool({p.key for p in ev.participants if p.kind == "person"}
                & {p.key for p in em.participants if p.kind == "person"})


def _merge(ev: Event, em: EventMention) -> None:
    for p in em.participants:
        ev.add_participant(p)
    for n in em.names:
        if n not in ev.aliases:
            ev.aliases.append(n)
    if em.location and (ev.location is None or ev.location.kind == "state" and em.location.kind != "state"
                        and _within(ev.location, em.location)):
        ev.location = em.location  # the city over its state
    weak = getattr(em, "weak_date", False)
    if em.dates and not weak and id(ev) in _borrowed:
        ev.date = None  # a borrowed date (the sentence before, the publication date) yields to the event's own
        _borrowed.discard(id(ev))
    if weak and id(ev) in _from_pub and em.dates and not getattr(em, "from_pub", False):
        ev.date = None  # the publication date (a byline before a headline) yields to a date the text gives
        _from_pub.discard(id(ev))
    for start, end in em.dates:
        if weak and ev.date is not None:
            break  # a date borrowed from the sentence before never overrides the event's own
        if ev.date is None or _more_precise(start, ev.date):
            ev.date, ev.end_date = start, end
            if weak:
                _borrowed.add(id(ev))
                if getattr(em, "from_pub", False):
                    _from_pub.add(id(ev))
    ev.planned = ev.planned or em.planned


def _more_precise(new: PartialDate, old: PartialDate) -> bool:
    order = {"year": 0, "month": 1, "day": 2}
    return order[new.precision] > order[old.precision] and old.contains(new)
