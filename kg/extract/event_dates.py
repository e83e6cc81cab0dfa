"""Event dates that point forward, and dates a trigger owns.

The date layer resolves a bare weekday or month against the publication date by the
tense of its clause, and reads the past where no cue is found. Two event readings say
otherwise: a present-simple event verb with such a date is a schedule ("Leaders gather
in Apia from Monday"), and an event after a verb of expectation is still to come ("she
hoped to welcome Stockholm before the Vilnius summit in July"). Only the event's date
moves; the date layer (and so every membership date) is untouched.
"""

from __future__ import annotations

import datetime
import re

from kg.dates import PartialDate
from kg.extract.cascade.phrases import VerbGroup
from kg.extract.cascade.tokens import Token
from kg.extract.event_assembly import EventMention

_OWN_DATE_REACH = 3  # tokens between a trigger and a date that is its own
_BARE = re.compile(r"(?i)^(?:(?:on|from|in|by)\s+)?(?:(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                   r"|january|february|march|april|may|june|july|august|september|october|november|december)$")
_NOT_SIMPLE = {"past", "perfect", "modal", "future", "progressive", "participle", "infinitive", "passive", "neg"}


def present_simple(vg: VerbGroup, toks: list[Token]) -> bool:
    """'Leaders gather', 'the council meets': no auxiliary, no past form."""
    head = toks[vg.head]
    present = head.text.lower() in (head.lemma, head.lemma + "s", head.lemma + "es")  # not "met", "held"
    return present and not (vg.features & _NOT_SIMPLE) and vg.start == vg.head


def expected(toks: list[Token], c_start: int, start: int, verbs: frozenset[str]) -> bool:
    """A verb of expectation with 'to' before the trigger in its clause: 'hoped to welcome X before the summit'."""
    return any(toks[j].is_word and toks[j].lemma in verbs and toks[j + 1].lemma == "to" for j in range(c_start, start - 1))


def forward(em: EventMention, toks: list[Token], pub: PartialDate | None) -> None:
    """Move the mention's bare weekdays and months read in the past to their next occurrence after `pub`."""
    if pub is None or pub.precision != "day":
        return
    at = getattr(em, "date_at", [])
    for k, j in enumerate(at[:len(em.dates)]):
        dm = toks[j].mention.value if toks[j].mention is not None else None
        m = _BARE.match(getattr(dm, "text", "").strip())
        start, end = em.dates[k]
        if m is None or not getattr(dm, "relative", False) or start.first_day() >= pub.first_day():
            continue
        if m.group("wd") and start.precision == "day":
            em.dates[k] = (PartialDate.from_date(start.first_day() + datetime.timedelta(days=7)), end)
        elif start.precision == "month":
            em.dates[k] = (PartialDate(start.year + 1, start.month), end)
        if em.dates[k][0].first_day() > pub.last_day():
            em.planned = True


def own_date(em: EventMention) -> PartialDate | None:
    """The date written next to the trigger ("Tuesday's meeting", "next month's summit", "met on 3 May")."""
    at, trigger = getattr(em, "date_at", []), getattr(em, "trigger_at", None)
    if em.dates and at and trigger is not None and abs(at[0] - trigger) <= _OWN_DATE_REACH:
        return em.dates[0][0]
    return None


def own_dates_differ(a: EventMention, b: EventMention) -> bool:
    """Two triggers of one type in a sentence with dates of their own that do not overlap are two events."""
    da, db = own_date(a), own_date(b)
    return da is not None and db is not None and not (da.contains(db) or db.contains(da))
