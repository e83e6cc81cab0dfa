"""Event mentions read by the older sentence rules, per type of event.

The build keeps only their military exercises (named, across documents); every other kind
of event is read by the frames on the cascade (kg/extract/event_reader.py);
a document's mentions are assembled into events by kg/extract/event_assembly.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.dates import PartialDate
from kg.extract.event_assembly import EventMention
from kg.extract.exercise_names import EX as _EX
from kg.extract.exercise_names import names_in as _names_in
from kg.extract.lexicon import cue_regex, load_data, phrase_regex
from kg.extract.modality import blocked, clause_start
from kg.extract.tagging import Mention, TaggedSentence, expand
from kg.model import EntityRef


@lru_cache(maxsize=1)
def _config() -> dict:
    return load_data("events.json")


@lru_cache(maxsize=1)
def _triggers() -> list[tuple[str, re.Pattern[str]]]:
    return [(etype, phrase_regex(words)) for etype, words in _config()["triggers"].items()]



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
#: forces of the states taking part: "the Army of North Macedonia trained alongside units from fellow NATO Allies
#: Albania, Croatia and Montenegro, as well as a company of the Armed Forces of Bosnia and Herzegovina"
_FORCES = expand(r"\b(?:army|armed\s+forces|navy|air\s+force|marines)\s+of\s+(?:the\s+)?(?P<s>{STATE})"
                 r"|\b(?:units|troops|forces|soldiers|personnel|sailors|contingents?|compan(?:y|ies)|battalions?"
                 r"|detachments?|service\s+members|servicemen)\s+(?:of|from)\s+(?:the\s+)?"
                 r"(?:(?:[a-z-]+|⟦O\d+⟧|[A-Z][a-z]+)\s+){0,3}?(?P<s2>{STATES})")
_LOCATION = expand(r"\b(?:in|at)\s+(?:the\s+)?(?:capital\s+)?(?:[\w\s]{0,50}?\bin\s+)?(?P<p>{PLACE})")
_STATE_LOCATION = expand(r"\b(?:in|on\s+the\s+territory\s+of|off(?:\s+the\s+coast\s+of)?|(?:moved|relocated)\s+to)"
                         r"\s+(?P<p>{STATE})(?!['’]s)")
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
    denied_actors: list[Mention] = []
    for etype, trigger in _triggers():
        for m in trigger.finditer(tagged.tagged):
            if etype == "Agreement":
                window = tagged.tagged[max(0, m.start() - 80):m.end() + 80]
                if not phrase_regex(cfg["agreement_nouns"]).search(window):
                    continue
            if blocked(tagged, m.start(), m.end(), ("negation", "hypothetical", "denial")):
                if etype == "MilitaryExercise":  # "X refused to host the bloc's exercise; the drills were moved":
                    denied_actors.extend(_actors_near_trigger(tagged, m.start(), m.end()))  # whose drills
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
                     if not any(d.text in n for group in names for n in group) and not _since(tagged, d)]
            trigger_pos = tagged.doc_offset(m.start())
            dates.sort(key=lambda d: abs(d.start - trigger_pos) + (0 if d.start >= trigger_pos else 15))
            for d in dates:
                em.dates.append((d.value.value, d.value.end_value))
            if not em.dates and reference is not None and _ONGOING.search(plain):
                em.dates.append((reference, None))
            if reference and em.dates and em.dates[0][0].first_day() > reference.last_day():
                em.planned = True
            out.append(em)
    for em in out:  # the exercise the sentence still reports (another trigger) is the denied one's organization's
        if em.type == "MilitaryExercise" and em.names and len(names) == 1:
            for o in denied_actors:
                _add(em, o.value)
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
        for m in _FORCES.finditer(tagged.tagged):
            if not blocked(tagged, m.start(), m.end(), ("negation", "hypothetical")):
                for st in tagged.group_mentions(m, "s", "S") + tagged.group_mentions(m, "s2", "S"):
                    _add(em, st.value)
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


def _since(tagged: TaggedSentence, d: Mention) -> bool:
    """'for the third time since North Macedonia became NATO's 30th Ally in March 2020': a date inside a
    since-clause dates that clause, not the exercise."""
    before = tagged.text[:d.start - tagged.start]
    k = before.lower().rfind("since ")
    return k >= 0 and not re.search(r"[,;:]", before[k:])


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

