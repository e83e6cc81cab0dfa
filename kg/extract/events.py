"""Events: meetings, talks, exercises, signings, elections and forums.

Sentences give event *mentions*; a document's mentions are then assembled into
events: named exercises are one event per name and year (across documents, via
kg/data/exercises.csv for translations and transliterations), a definite mention
("the talks", "the two wargames") refers back to an event already read, and
unnamed exercise mentions join the document's one named exercise when they are
specific ("the upcoming CSTO drills"), never when generic ("similar previous
exercises").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import islice

from kg.dates import PartialDate
from kg.extract.lexicon import cue_regex, load_data, phrase_regex
from kg.extract.modality import blocked, clause_start
from kg.extract.tagging import Mention, TaggedSentence, expand
from kg.model import EntityRef, Event, Evidence

_LOOKBACK = 40  # events a mention may refer back to
_YEAR = re.compile(r"[\s-]((?:19|20)\d\d)$")
_EX = r"(?:exercises?|drills?|war\s*games?|wargames?|manoeuvres|maneuvers)"
_INTRO = r"(?:dubbed|called|named|code-?named|titled|known\s+as)"
_CAP = r"[A-Z][\w/]*(?:[\s-][A-Z][\w/]*)*"
_NAME_PATTERNS = [
    re.compile(rf"{_EX},?\s+(?:{_INTRO}\s+)?[\"“«]([^\"”»]{{3,60}}?)[,.]?[\"”»]"),
    re.compile(rf"{_INTRO}\s+[\"“«]([^\"”»]{{3,60}}?)[,.]?[\"”»]"),
    re.compile(rf"[\"“«]([A-Z][^\"”»]{{2,60}}?)[,.]?[\"”»],?\s+(?:\w+\s+){{0,2}}{_EX}"),
    re.compile(rf"{_EX}\s+({_CAP}[\s-](?:19|20)\d\d)\b"),
    re.compile(rf"\b({_CAP}[\s-](?:19|20)\d\d)\s+(?:[a-z]+\s+){{0,2}}{_EX}"),
    re.compile(rf"\b({_CAP}[\s-](?:19|20)\d\d),\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}{_EX}"),
]
_TRANSLATION = re.compile(r"\s*[\[(]([A-Z][^\])]{2,60})[\])]")


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    names: tuple[str, ...]


@lru_cache(maxsize=1)
def _series() -> dict[str, Series]:
    text = resources.files("kg.data").joinpath("exercises.csv").read_text(encoding="utf-8")
    table: dict[str, Series] = {}
    for row in csv.DictReader(text.splitlines()):
        names = (row["label"], *[a for a in row["aliases"].split("|") if a])
        s = Series(row["key"], row["label"], names)
        for n in names:
            table[n.lower()] = s
    return table


@lru_cache(maxsize=1)
def _config() -> dict:
    return load_data("events.json")


@lru_cache(maxsize=1)
def _triggers() -> list[tuple[str, re.Pattern[str]]]:
    return [(etype, phrase_regex(words)) for etype, words in _config()["triggers"].items()]


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


def _names_in(sentence: str) -> list[list[str]]:
    """Exercise names in a sentence, each as [name, translation...], split at '/'."""
    found: list[tuple[int, list[str]]] = []
    seen: set[str] = set()
    for pattern in _NAME_PATTERNS:
        for m in pattern.finditer(sentence):
            name = m.group(1).strip(" ,.")
            if name in seen or not name[:1].isupper():
                continue
            seen.add(name)
            group = [name]
            t = _TRANSLATION.match(sentence, m.end(1))
            if t:
                group.append(t.group(1).strip())
            found.append((m.start(1), group))
    return [g for _, g in sorted(found)]


def exercise_identity(names: list[str], year: int | None) -> tuple[str, str, list[str]]:
    """(IRI key, label, aliases) of a named exercise: one series and year, across documents."""
    bases: list[str] = []
    for n in names:
        for part in n.split("/"):
            part = part.strip()
            m = _YEAR.search(part)
            if m:
                year = year or int(m.group(1))
                part = part[:m.start()].strip(" -")
            if part and part not in bases:
                bases.append(part)
    series = next((_series()[b.lower()] for b in bases if b.lower() in _series()), None)
    if series is not None:
        label = series.label
        key = series.key
        bases = [series.label, *[b for b in bases if b != series.label]]
    else:
        label = bases[-1] if len(bases) > 1 and len(names) > 1 else bases[0]
        key = re.sub(r"[^A-Za-z0-9_]", "", label.replace(" ", "_").replace("-", "_"))
    suffix = f" {year}" if year else ""
    aliases = sorted({b + suffix for b in bases} | set(bases) | {n for n in names} | {
        f"{b}-{year}" for b in bases if year})
    return (key + (f"_{year}" if year else "")), label + suffix, aliases


def _actors_near_trigger(tagged: TaggedSentence, tstart: int, tend: int) -> list[Mention]:
    """An organization right before the trigger ("CSTO army exercise") or after it ("of the CSTO")."""
    before = tagged.tagged[max(0, tstart - 40):tstart]
    m = re.search(r"(⟦O(\d+)⟧)(?:\s*\(⟦O\d+⟧\))?(?:['’]s)?\s+(?:(?:[a-z-]+|⟦R\d+⟧)\s+){0,3}$", before)
    found = [tagged.mentions[int(m.group(2))]] if m else []
    # the trigger may end in its preposition already ("meeting of", "summit of")
    prep = "?" if re.search(r"\b(?:of|with|between)$", tagged.tagged[tstart:tend]) else ""
    after = re.match(rf"(?:\s+(?:of|by|involving|organi[sz]ed\s+by|under)){prep}\s+(?:the\s+)?⟦O(\d+)⟧",
                     tagged.tagged[tend:])
    if after:
        found.append(tagged.mentions[int(after.group(1))])
    involve = re.search(r"(?:will\s+)?involv(?:e|es|ing)\s+(?:the\s+)?(?:\w+\s+){0,2}⟦O(\d+)⟧",
                        tagged.tagged[tend:tend + 120])
    if involve:
        found.append(tagged.mentions[int(involve.group(1))])
    return found


_TAKE_PART = expand(r"(?:from\s+)?(?P<s3>{STATES}|{ADJ})(?:\s+[a-z-]+){0,3}\s+(?:are|is|were|was|will\s+be)\s+(?:currently\s+)?(?:taking\s+part|participating)|(?P<s>{STATE})(?:['’]s\s+(?:[\w-]+\s+){0,5}?)?\s*(?:(?:will|is\s+due\s+to|are\s+due\s+to|to|would)\s+)?"
                    r"(?:take|took|takes|taking)\s+part|(?P<s2>{STATE})['’]s\s+(?:[\w-]+\s+){0,2}participation")
_LOCATION = expand(r"\b(?:in|at)\s+(?:the\s+)?(?:capital\s+)?(?:[\w\s]{0,50}?\bin\s+)?(?P<p>{PLACE})")
_STATE_LOCATION = expand(r"\b(?:in|on\s+the\s+territory\s+of)\s+(?P<p>{STATE})")
#: those present at a meeting: "with Timor-Leste attending", "attended by the CSTO"
_ATTENDING = expand(r"\bwith\s+(?:the\s+)?(?P<a>{ACTORS}|{PERSONS}){REL}\s+(?:also\s+)?(?:attending|present"
                    r"|taking\s+part|participating|in\s+attendance)|\battended\s+by\s+(?:the\s+)?(?P<b>{ACTORS}|{PERSONS})")
#: an event going on as the article is written: its date is the publication date
_ONGOING = re.compile(r"\b(?:under\s*way|(?:is|are)\s+(?:now\s+)?(?:taking\s+place|being\s+held|in\s+progress"
                      r"|in\s+session))\b", re.IGNORECASE)
#: a state as the venue, only right after a word of meeting ("talks held in Luxembourg", "met in Serbia")
_HELD_IN_STATE = expand(r"\b(?:held|took\s+place|met|meet|meets|meeting|summit|talks|convened|gathered|hosted)"
                        r"\s+(?:[a-z]+\s+)?in\s+(?P<p>{STATE})(?!['’])")
_BETWEEN = expand(r"\s+(?:between|of|with)\s+(?:the\s+)?(?P<a>(?:{ADJS}|{ACTORS})(?:\s+and\s+(?:{ADJ}|{ACTOR}))?)")
_RESPECTIVE = expand(r"\b(?:the|these|both)\s+(?:two\s+)?" + _EX + r"[^.;]{0,40}?\bin\s+(?P<places>{STATES}|(?:{PLACE}(?:\s+and\s+{PLACE})))")


def find_event_mentions(tagged: TaggedSentence, reference: PartialDate | None) -> list[EventMention]:
    cfg = _config()
    out: list[EventMention] = []
    plain = tagged.plain(0, len(tagged.tagged))
    if cue_regex("anniversary").search(plain):
        return out
    names = _names_in(tagged.text)
    for etype, trigger in _triggers():
        for m in trigger.finditer(tagged.tagged):
            if etype == "Agreement":
                window = tagged.tagged[max(0, m.start() - 80):m.end() + 80]
                if not phrase_regex(cfg["agreement_nouns"]).search(window):
                    continue
            if blocked(tagged, m.start(), m.end(), ("negation", "hypothetical", "denial")):
                continue
            if blocked(tagged, m.start(), len(tagged.tagged), ("event_cancel",)):
                continue
            after = re.match(r"\s+([a-z]+)", tagged.tagged[m.end():])
            if after and after.group(1) in cfg["not_event_after"]:
                continue
            em = EventMention(etype, tagged, m.start(), m.end())
            before = tagged.tagged[clause_start(tagged, m.start()):m.start()]
            words = re.findall(r"[\w’']+", before.lower())
            em.definite = bool(words) and (words[-1].endswith(("’s", "'s"))
                                           or any(w in cfg["definite"] for w in words[-4:]))
            em.generic = any(w in cfg["generic"] for w in words[-3:]) or bool(
                re.match(r"\s+(?:with|involving)\s+(?:the\s+)?⟦[SO]\d+⟧\s+countries", tagged.tagged[m.end():]))
            em.planned = bool(blocked(tagged, m.start(), len(tagged.tagged), ("future",)))
            _fill(em, tagged, etype, names)
            dates = [d for d in tagged.mentions_in(0, len(tagged.tagged), "D")
                     if not any(d.text in n for group in names for n in group)]
            trigger_pos = tagged.doc_offset(m.start())
            dates.sort(key=lambda d: abs(d.start - trigger_pos) + (0 if d.start >= trigger_pos else 15))
            for d in dates:
                em.dates.append((d.value.value, d.value.end_value))
            if not em.dates and reference is not None and _ONGOING.search(plain):
                em.dates.append((reference, None))
            if reference and em.dates and em.dates[0][0].first_day() > reference.last_day():
                em.planned = True
            out.append(em)
    return _dedupe(out)


def _fill(em: EventMention, tagged: TaggedSentence, etype: str, names: list[list[str]]) -> None:
    people = [p.value for p in tagged.mentions if p.kind == "P"]
    if etype == "MilitaryExercise":
        em.names = names[0] if len(names) == 1 else []
        if len(names) > 1:  # several named exercises in one sentence: the nearest one after the trigger
            em.names = _nearest_name(tagged, em.tend, names)
        for o in _actors_near_trigger(tagged, em.tstart, em.tend):
            _add(em, o.value)
        for m in _TAKE_PART.finditer(tagged.tagged):
            if blocked(tagged, m.start(), m.end(), ("negation", "hypothetical")) or blocked(
                    tagged, m.start(), len(tagged.tagged), ("observer_at_event",)):
                continue
            for s in (tagged.group_mentions(m, "s", "S") + tagged.group_mentions(m, "s2", "S")
                      + tagged.group_mentions(m, "s3", "SA")):
                _add(em, s.value)
        r = _RESPECTIVE.search(tagged.tagged)
        if r:
            em.respective_places = [p.value for p in tagged.group_mentions(r, "places", "SL")]
            em.definite = True
        loc = _LOCATION.search(tagged.tagged, em.tstart) or _STATE_LOCATION.search(tagged.tagged, em.tstart)
        if loc and not em.respective_places:
            em.location = tagged.group_mentions(loc, "p", "LS")[0].value
    elif etype in ("Meeting", "Talks", "Election"):
        if etype != "Election":
            for o in _actors_near_trigger(tagged, em.tstart, em.tend):
                _add(em, o.value)
        for p in people:
            _add(em, p)
        if etype != "Election":
            for m in _ATTENDING.finditer(tagged.tagged):
                if not blocked(tagged, m.start(), m.end(), ("negation", "hypothetical")):
                    for a in tagged.group_mentions(m, "a", "SOP") + tagged.group_mentions(m, "b", "SOP"):
                        _add(em, a.value)
        if not people and etype != "Election":
            between = _BETWEEN.match(tagged.tagged, em.tend)
            if between:
                for a in tagged.group_mentions(between, "a", "SAO"):
                    _add(em, a.value)
        if etype != "Election":
            em.location = _venue(tagged)
    elif etype == "Agreement":
        start = clause_start(tagged, em.tstart)
        for a in tagged.mentions_in(start, len(tagged.tagged), "SOP"):
            _add(em, a.value)
        loc = _LOCATION.search(tagged.tagged)
        if loc:
            em.location = tagged.group_mentions(loc, "p", "L")[0].value
    elif etype == "Forum":
        for o in _actors_near_trigger(tagged, em.tstart, em.tend):
            _add(em, o.value)
        em.location = _venue(tagged, em.tstart)


def _venue(tagged: TaggedSentence, start: int = 0) -> EntityRef | None:
    """Where a meeting or forum takes place: a place after "in"/"at", else a state after "held in", "met in"."""
    loc = _LOCATION.search(tagged.tagged, start)
    if loc:
        return tagged.group_mentions(loc, "p", "L")[0].value
    held = _HELD_IN_STATE.search(tagged.tagged, start)
    return tagged.group_mentions(held, "p", "S")[0].value if held else None


def _nearest_name(tagged: TaggedSentence, tend: int, names: list[list[str]]) -> list[str]:
    doc_pos = tagged.doc_offset(tend) - tagged.start
    best = min(names, key=lambda g: (tagged.text.find(g[0]) < doc_pos, abs(tagged.text.find(g[0]) - doc_pos)))
    return best


def _add(em: EventMention, ref: EntityRef) -> None:
    if all(p.key != ref.key for p in em.participants):
        em.participants.append(ref)


def _dedupe(mentions: list[EventMention]) -> list[EventMention]:
    """One mention per type per sentence, except exercises with different names."""
    out: list[EventMention] = []
    for em in sorted(mentions, key=lambda e: e.tstart):
        same = [o for o in out if o.type == em.type and o.names == em.names]
        if same:
            for p in em.participants:
                _add(same[0], p)
            same[0].location = same[0].location or em.location
            continue
        out.append(em)
    # "talks" inside a meeting sentence is the same encounter
    types = {e.type for e in out}
    if "Meeting" in types and "Talks" in types:
        out = [e for e in out if e.type != "Talks"]
    return out


def assemble(mentions: list[EventMention], doc_date: PartialDate | None, rule_prefix: str = "event") -> list[Event]:
    """Turn a document's event mentions into events (see the module docstring)."""
    _borrowed.clear()
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
                     and not _conflict(ev, em) and (em.definite or _overlap(ev, em) or _same_place_and_org(ev, em))),
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
            if any(_YEAR.search(a) for a in ev.aliases):
                year = None
            ev.key, ev.name, ev.aliases = exercise_identity(ev.aliases, year)
    return [e for e in events if _specific_enough(e)]


# events (by id) whose date was borrowed, not read in their own clause; reset per document
_borrowed: set[int] = set()


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


def _conflict(ev: Event, em: EventMention) -> bool:
    """A mention that cannot be this event: another place, a date outside its date, other organizations."""
    if ev.location is not None and em.location is not None and ev.location.key != em.location.key:
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


def _compatible(ev: Event, em: EventMention) -> bool:
    """Could an unnamed exercise mention be this named exercise? Same year, a shared organization."""
    years = {int(m.group(1)) for a in ev.aliases if (m := _YEAR.search(a))}
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
    if em.location and ev.location is None:
        ev.location = em.location
    weak = getattr(em, "weak_date", False)
    if em.dates and not weak and id(ev) in _borrowed:
        ev.date = None  # a borrowed date (the sentence before, the publication date) yields to the event's own
        _borrowed.discard(id(ev))
    for start, end in em.dates:
        if weak and ev.date is not None:
            break  # a date borrowed from the sentence before never overrides the event's own
        if ev.date is None or _more_precise(start, ev.date):
            ev.date, ev.end_date = start, end
            if weak:
                _borrowed.add(id(ev))
    ev.planned = ev.planned or em.planned


def _more_precise(new: PartialDate, old: PartialDate) -> bool:
    order = {"year": 0, "month": 1, "day": 2}
    return order[new.precision] > order[old.precision] and old.contains(new)
