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
from collections.abc import Iterable

from kg.dates import PartialDate
from kg.extract.cascade.phrases import VerbGroup
from kg.extract.cascade.tokens import Token
from kg.extract.event_assembly import EventMention
from kg.extract.event_span import has_any

_OWN_DATE_REACH = 3  # tokens between a trigger and a date that is its own
_BARE = re.compile(r"(?i)^(?:(?:on|from|in|by)\s+)?(?:(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                   r"|(?P<dm>\d{1,2}\s+)?(?:january|february|march|april|may|june|july|august|september|october"
                   r"|november|december))$")
_NOT_SIMPLE = {"past", "perfect", "modal", "future", "progressive", "participle", "infinitive", "passive", "neg"}


def present_simple(vg: VerbGroup, toks: list[Token]) -> bool:
    """'Leaders gather', 'the council meets': no auxiliary, no past form; or the present progressive of a
    schedule ('Switzerland is hosting a peace conference on 15 and 16 June')."""
    head = toks[vg.head]
    if "progressive" in vg.features and not vg.features & {"past", "perfect", "neg"} and vg.start < vg.head \
            and toks[vg.start].text.lower() in ("is", "are", "'s", "'re"):
        return True
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
        elif m.group("dm") and start.precision == "day" and start.month is not None and start.day is not None:
            moved = PartialDate(start.year + 1, start.month, start.day)  # "is hosting ... on 15 and 16 June"
            em.dates[k] = (moved, PartialDate(end.year + 1, end.month, end.day) if end and end.day else end)
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


_NOT_DATE_PREPS = {"since", "until", "till", "by", "before", "ahead"}
_SPEECH = {"say", "announce", "tell", "state", "add", "declare", "confirm", "report", "write", "warn"}


def mention_dates(em: EventMention, toks: list[Token], c_start: int, start: int, w_end: int, previous: list[Token],
                  pub: PartialDate | None, ongoing: Iterable[str],
                  same_day: Iterable[str] = ()) -> list[tuple[PartialDate, PartialDate | None]]:
    """An event's dates, nearest its trigger first: its clause, else its sentence, else the previous sentence
    ("... on Monday. The two ministers met"), else the publication date for an event under way. Sets
    `em.date_at` (where each date is) and `em.weak_date` (the date is not the sentence's own)."""
    def usable(j: int) -> bool:
        return toks[j].kind == "D" and toks[j].mention is not None and (
            j == 0 or toks[j - 1].lemma not in _NOT_DATE_PREPS or _when_follows(toks, j, start)) \
            and not _said_on(toks, j)

    if c_start > 0 and toks[c_start - 1].lemma in ("which", "who"):
        # "Switzerland, which joined the UN in 2002 and sits on the Council this year, is hosting ...": the
        # relative clause ends at the comma before the trigger; its dates are not the event's
        commas = [j for j in range(c_start, start) if toks[j].lemma == ","]
        if commas:
            c_start = commas[-1] + 1
    found = [j for j in range(c_start, w_end) if usable(j) and not _in_relative_after(toks, start, j)]
    if not found:
        found = [j for j in range(len(toks)) if usable(j) and not _in_relative_after(toks, start, j)]
    found.sort(key=lambda j: abs(j - start) + (0 if j >= start else 5))
    out = [_day_range(toks, j) for j in found]
    em.date_at = found  # type: ignore[attr-defined]
    if out:
        return out
    em.weak_date = True  # type: ignore[attr-defined]
    if pub is not None and pub.precision == "day" and has_any(toks, 0, len(toks), tuple(tuple(w.split())
                                                                                       for w in same_day)):
        return [(pub, None)]  # "held talks this afternoon": the publication day
    prev = [t for j, t in enumerate(previous) if t.kind == "D" and t.mention is not None
            and (j == 0 or previous[j - 1].lemma not in _NOT_DATE_PREPS)]
    if prev:  # "... on Monday. The two ministers met in Washington."
        main = [t for t in prev if not _subordinate(previous, previous.index(t))]
        v = (main or prev)[-1].mention.value
        em.from_pub = v.value == pub  # type: ignore[attr-defined]  # a byline's date: any later borrowing wins
        return [(v.value, getattr(v, "end_value", None))]
    if pub is not None and has_any(toks, 0, len(toks), tuple(tuple(w.split()) for w in ongoing)):
        em.from_pub = True  # type: ignore[attr-defined]
        return [(pub, None)]
    return []


def _said_on(toks: list[Token], j: int) -> bool:
    """'X said on Saturday (that) it had left after the summit': the date is the saying's, not the event's."""
    k = j - 1 if j > 0 and toks[j - 1].lemma in ("on", "in") else j
    return k > 0 and toks[k - 1].is_word and toks[k - 1].lemma in _SPEECH


def _day_range(toks: list[Token], j: int) -> tuple[PartialDate, PartialDate | None]:
    """A date token's value; 'on 28 and 29 April' (the date layer reads '29 April') starts on the 28th."""
    v = toks[j].mention.value
    start, end = v.value, getattr(v, "end_value", None)
    if j >= 2 and toks[j - 1].lemma in ("and", "-", "–", "to") and toks[j - 2].text.isdigit() \
            and start.precision == "day" and end is None and start.month is not None \
            and 1 <= int(toks[j - 2].text) < (start.day or 0):
        return PartialDate(start.year, start.month, int(toks[j - 2].text)), start
    return start, end


_SUBORDINATORS = {"which", "when", "whose", "since", "until", "after", "before", "while", "where"}


def _subordinate(toks: list[Token], j: int) -> bool:
    """A date in a relative or subordinate clause of its sentence ('voted on Sunday ..., closing a chapter that
    began when the organisation suspended Damascus in November 2011'): not the sentence's own time. 'said
    that ...' opens a complement, not a relative clause."""
    for k in range(j - 1, -1, -1):
        t = toks[k]
        if t.lemma in (";", ":"):
            return False
        if t.lemma in _SUBORDINATORS or t.lemma == "that" and k > 0 and toks[k - 1].is_word \
                and toks[k - 1].lemma not in _SPEECH and toks[k - 1].text.islower():
            return True
    return False


def _when_follows(toks: list[Token], j: int, start: int) -> bool:
    """'suspended since August 2012, when an extraordinary summit punished Damascus': the when-clause after
    the date tells what happened then; the date is its event's."""
    return j + 2 < start and toks[j + 1].lemma == "," and toks[j + 2].lemma == "when"


def _in_relative_after(toks: list[Token], start: int, j: int) -> bool:
    """'signed a declaration to end the border fighting that killed dozens of people in July': a date in a
    relative clause after the trigger is that clause's."""
    return any(toks[k].lemma in ("that", "which", "who") and toks[k - 1].is_word and toks[k - 1].text.islower()
               and toks[k - 1].lemma not in _SPEECH and toks[k - 1].kind == "W" for k in range(start + 1, j))
