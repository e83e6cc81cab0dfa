"""Small readings around an event trigger, kept apart from the reader (kg/extract/event_reader.py).

Each answers one question the frames ask of a sentence: is a cancel word about the event
('a boycott of Qatar' is not; 'called off' is), is a year before the noun its date ('the
2025 summit'), which organizations say whose a summit is ('UN peacekeeping forces' does
not), who takes part in a meeting a clause is held 'at', and whether two triggers of a
sentence are one encounter ('met X for talks', 'gathered ... for the summit').
"""

from __future__ import annotations

import re

from kg.dates import PartialDate
from kg.extract.cascade.tokens import Token
from kg.extract.event_assembly import EventMention
from kg.extract.event_dates import own_dates_differ
from kg.extract.event_span import add_all, refs
from kg.model import EntityRef

_NOT_MODIFIED = {"say", "have", "be", "will", "would", "can", "could", "may", "and", "or", "to", "in", "on", "at",
                 "for", "of", "with", "by", "as", "'s", "’s", "member", "members", "summit", "meeting"}
HABITUAL = {"often", "regularly", "usually", "every", "each", "frequent"}  # generic also after the trigger
_TIME_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "spring", "summer", "autumn",
               "fall", "winter", "time", "quarter", "decade", "other", "two", "three", "four", "five"}
_PARTY_PREPS = {"of", "by", "to", "for", "from", "in", "on", "against", "into", "about", "than", "like", "unlike",
                "including", "after", "before", "since"}


def talks_of_meeting(mentions: list[EventMention]) -> list[EventMention]:
    """'X later met Y for talks': one encounter, the talks, with the meeting's participants and place."""
    talks = [m for m in mentions if getattr(m, "rule", "") == "event.talks" and getattr(m, "for_purpose", False)]
    meets = [m for m in mentions if getattr(m, "rule", "") == "event.meet"]
    if len(talks) != 1 or len(meets) != 1 or meets[0].planned != talks[0].planned:
        return mentions
    t, m = talks[0], meets[0]
    add_all(t, m.participants)
    t.location = t.location or m.location
    t.dates = t.dates or m.dates
    return [x for x in mentions if x is not m]


def boycott_of_actor(toks: list[Token], j: int) -> bool:
    """'ending a three-year boycott of Qatar': a noun whose object is a state or organization, not the event."""
    if j + 2 >= len(toks) or toks[j + 1].lemma != "of":
        return False
    m = j + 3 if toks[j + 2].lemma == "the" else j + 2
    return m < len(toks) and toks[m].kind in "SO"


def call_not_off(toks: list[Token], j: int) -> bool:
    """'called that timetable ambitious', 'calls for': 'call' cancels only as 'call off' ('called the summit off')."""
    return toks[j].lemma == "call" and not any(t.lemma == "off" for t in toks[j + 1:j + 5])


def year_before(em: EventMention, year: int, j: int) -> None:
    """A year written before the trigger noun is its date, unless the mention has a date of its own inside it."""
    own = [] if em.weak_date else [d for d in em.dates if d[0].year == year]
    if own:
        return
    em.dates = [(PartialDate(year), None)]
    em.date_at = [j]  # type: ignore[attr-defined]
    em.weak_date = False  # type: ignore[attr-defined]


def without_modifier_orgs(toks: list[Token], end: int) -> list[Token]:
    """The sentence without organizations named after the trigger as a modifier of a common noun ('Manama
    summit ends with call for ceasefire and UN peacekeepers', 'for UN peacekeeping forces'): they do not say
    whose the summit is ('the summit, the OAS said' still does)."""
    def modifier(j: int) -> bool:
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        return nxt is not None and nxt.is_word and nxt.text.islower() and nxt.lemma not in _NOT_MODIFIED \
            and not nxt.text.endswith("ed")
    return [t for j, t in enumerate(toks) if not (t.kind == "O" and j >= end and modifier(j))]


def clause_parties(toks: list[Token], c_start: int, prep: int) -> list[EntityRef]:
    """'Moldova opened accession negotiations with the European Union at the first intergovernmental
    conference': the states and organizations of the clause before 'at' (its subject, 'with X') take part;
    not a dateline ('Luxembourg - ...') nor a name after another preposition ('a boycott of Qatar')."""
    out: list[EntityRef] = []
    for j in range(c_start, prep):
        t = toks[j]
        if t.kind not in "SO":
            continue
        if j + 1 < len(toks) and toks[j + 1].text in ("-", "—", "–") and j == 0:
            continue
        before = toks[j - 1] if j > 0 else None
        if before is not None and before.is_word and before.lemma in _PARTY_PREPS:
            continue
        out.extend(refs(t))
    return out


def merge_same_type(mentions: list[EventMention]) -> list[EventMention]:
    """Two triggers of one type in a sentence ("gathered ... for the summit") are one event."""
    out: list[EventMention] = []
    mentions = talks_of_meeting(mentions)
    for em in mentions:
        same = next((o for o in out if o.type == em.type and not own_dates_differ(o, em)
                     and not (getattr(o, "per_org", False) and getattr(em, "per_org", False))), None)
        if same is None:
            out.append(em)
            continue
        add_all(same, em.participants)
        same.location = same.location or em.location
        if not same.dates or em.dates and same.dates[0][0].contains(em.dates[0][0]):
            same.dates = em.dates  # "hosts this year's summit ... in November": the more precise date
        same.planned = same.planned or em.planned
        same.definite = same.definite and em.definite
    return out


def fact_box(em: EventMention, toks: list[Token], end: int, place_of) -> None:
    """A fact-box line 'Next summit: Kyrgyzstan, 2024' (or ': Banjul'): the place, and the year, after the colon."""
    if end + 1 >= len(toks) or toks[end].lemma != ":":
        return
    u = toks[end + 1]
    place = place_of(u) or (u.refs[0] if u.kind == "S" and len(u.refs) == 1 else None)
    if place is None:
        return
    em.location = place
    if end + 3 < len(toks) and toks[end + 2].lemma == "," and re.fullmatch(r"(?:19|20)\d\d", toks[end + 3].text):
        em.dates = [(PartialDate(int(toks[end + 3].text)), None)]
        em.date_at = [end + 3]  # type: ignore[attr-defined]
        em.weak_date = False  # type: ignore[attr-defined]

def habitual(toks: list[Token], j: int) -> bool:
    """'meet every year', 'each spring': 'every'/'each' with a unit of time; not 'I expect every member'."""
    if toks[j].text.lower() not in ("every", "each"):
        return True
    return any(t.text.lower() in _TIME_UNITS for t in toks[j + 1:j + 3])


_LEADERS = {"leaders", "presidents", "ministers", "heads", "delegates", "delegations"}  # a body's people, plural


def leaders_subject(toks: list[Token]) -> bool:
    """The sentence opens with the leaders of the body it is about ('Leaders signed ...', 'The presidents of A,
    B and C gathered ... and signed'), not with the agreement ('The treaty was signed in Tashkent in 1992')."""
    first = next((t for t in toks if t.is_word and t.lemma not in ("the", "-", "•", "*")), None)
    return first is not None and (first.text.lower() in _LEADERS or first.kind == "R" and first.text.lower()
                                  .endswith("s"))
