"""Events read by frames (kg/data/event_frames.json) on the cascade's tokens and clauses.

A trigger noun ("summit", "talks") or verb ("met", "signed") opens a frame; its
participants come only from the frame's argument positions (the subject found by the
clause layer, "with X", "between X and Y", "of X", "X summit", "its meeting"), never
from every name of the sentence. The place comes from "in"/"at"/"hosted by" or a place
before the noun ("the Kazan summit"); the date from the trigger's clause, else the
previous sentence, else the publication date for an event under way. Tense and
modality come from the verb-group features the membership cascade uses. The token
windows are in event_span.py, places in event_places.py, dates in event_dates.py.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from kg.dates import PartialDate
from kg.extract.cascade.clauses import Clause, _subject
from kg.extract.cascade.lexicon import Lexicon
from kg.extract.cascade.tokens import Token
from kg.extract.event_assembly import EventMention
from kg.extract.event_cues import (
    HABITUAL,
    boycott_of_actor,
    call_not_off,
    clause_parties,
    fact_box,
    habitual,
    leaders_subject,
    merge_same_type,
    without_modifier_orgs,
    year_before,
)
from kg.extract.event_dates import expected, forward, mention_dates, present_simple
from kg.extract.event_frames import EventFrame, EventLexicon, event_lexicon
from kg.extract.event_places import PlaceReader
from kg.extract.event_span import (
    NEGATORS,
    add_all,
    clause_start,
    has_any,
    negated_after,
    refs,
    verb_group,
    window_end,
)
from kg.extract.event_subjects import add_subject, arguments, traveller
from kg.extract.tagging import TaggedSentence
from kg.model import EntityRef

_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)|\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DETERMINERS = {"the", "this", "that", "these", "those", "its", "their", "'s", "a", "an"}
_DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "'s"}
_SUPPORT = {"hold", "have", "conduct", "attend", "host", "open", "chair", "begin", "start", "wrap", "end", "lead",
            "resume", "continue", "join", "convene"}
_CONDITIONALS = {"if", "unless", "whether"}
_SCHEDULE_VERBS = {"open", "begin", "start", "close", "end", "run", "convene", "resume"}  # "the forum opens"
_PLURALS = {"summits": "summit", "meetings": "meeting"}  # one event per organization coordinated before them


class EventReader:
    """Reads the events of one article's sentences in order (the previous sentence gives missing dates)."""

    def __init__(self, lex: Lexicon, pub: PartialDate | None, context_org: Callable[[list[Token]], EntityRef | None],
                 elex: EventLexicon | None = None, capitals: dict[str, EntityRef] | None = None) -> None:
        self.lex = lex
        self.elex = elex or event_lexicon()
        self.pub = pub
        self.capitals = capitals or {}  # state key -> its capital
        self.context_org = context_org
        self.previous: list[Token] = []
        self._where = PlaceReader(self.capitals)
        self._nouns_at: list[tuple[int, str]] = []

    def sentence(self, tagged: TaggedSentence, toks: list[Token]) -> list[EventMention]:
        try:
            if tagged.text.rstrip("”\"’' )").endswith("?"):
                return []
            self._where = PlaceReader(self.capitals, {m.start: m for m in tagged.mentions if m.kind == "L"})
            return merge_same_type(self._read(tagged, toks))
        finally:
            self.previous = toks

    # -- triggers -----------------------------------------------------------------------------------------
    def _read(self, tagged: TaggedSentence, toks: list[Token]) -> list[EventMention]:
        out: list[EventMention] = []
        clauses: list[Clause] = []
        nouns = self.elex.nouns()
        self._nouns_at = self._noun_positions(toks, nouns)
        i = 0
        while i < len(toks):
            t = toks[i]
            if not t.is_word:
                i += 1
                continue
            if t.text.lower() in _PLURALS:  # "Gulf Cooperation Council and Arab League emergency summits"
                out.extend(self._per_org(tagged, toks, i, _PLURALS[t.text.lower()]))
                i += 1
                continue
            noun = next(((n, f) for n, f in nouns if [x.text.lower() for x in toks[i:i + len(n)]] == list(n)), None)
            if noun is not None:
                em = self._noun(tagged, toks, i, i + len(noun[0]), noun[1])
                if em is not None:
                    out.append(em)
                i += len(noun[0])
                continue
            for frame in self.elex.verb_frames(t.lemma):
                em = self._verb(tagged, toks, i, frame, clauses)
                if em is not None:
                    out.append(em)
            i += 1
        return out

    @staticmethod
    def _noun_positions(toks: list[Token], nouns: list[tuple[tuple[str, ...], EventFrame]]) -> list[tuple[int, str]]:
        """Where each trigger noun of the sentence starts, with its event type."""
        lows = [t.text.lower() for t in toks]
        out: list[tuple[int, str]] = []
        for i in range(len(toks)):
            frame = next((f for n, f in nouns if tuple(lows[i:i + len(n)]) == n), None)
            if frame is not None:
                out.append((i, frame.type))
        return out

    def _verb(self, tagged: TaggedSentence, toks: list[Token], i: int, frame: EventFrame,
              clauses: list[Clause]) -> EventMention | None:
        if i > 0 and (toks[i - 1].lemma in _DETERMINERS or toks[i - 1].kind == "A"):
            return None  # "the host", "a visit": a noun
        if toks[i].text[:1].isupper() and all(not t.is_word or t.lemma in ("-", "•", "*") for t in toks[:i]):
            return None  # "Hosts Saudi Arabia now have eleven days": a verb opening the sentence is a noun
        low = toks[i].text.lower()
        vg = verb_group(toks, i, self.lex)
        if low.endswith("ing") and "progressive" not in vg.features:
            return None
        passive = "passive" in vg.features
        if frame.voice == "passive" and not passive or frame.voice == "active" and passive:
            return None
        if frame.type == "Election" and vg.start > 0 and toks[vg.start - 1].lemma in ("who", "which"):
            return None  # "President X, who was elected in 2018 on a promise of reform, ...": a biography
        subj, via = _subject(toks, vg, self.lex, clauses)
        clauses.append(Clause(vg, subj, via, vg.end + 1, len(toks)))
        if "neg" in vg.features:
            return None
        end = window_end(toks, vg.end + 1)
        lo = clause_start(toks, vg.start) if passive else vg.end + 1
        if frame.needs and not has_any(toks, lo, end, frame.needs):
            return None
        em = self._mention(tagged, frame, toks, vg.start, vg.end + 1, end)
        if em is None:
            return None
        if "subject" in frame.participants:
            add_subject(em, toks, subj, vg, self.lex, self.previous)
        if not em.participants and "context" in frame.participants and leaders_subject(toks):
            org = self.context_org(without_modifier_orgs(toks, vg.end + 1))  # "Leaders signed an Ocean Declaration"
            if org is not None:
                add_all(em, [org])
        if "object" in frame.participants and not passive:  # "later met Saudi Foreign Minister Khalid Al-Rashed"
            add_all(em, [r for r in arguments(toks, vg.end + 1, end) if r.kind == "person"])
        if toks[i].lemma == "host" and any(j for j, ftype in self._nouns_at if vg.end < j < end and ftype == "Meeting"):
            self._host_org(em, toks)
            if em.location is None and vg.features & {"future", "modal", "plan", "infinitive"}:
                em.location = self._where.host_place(toks, subj, vg.start)  # a past host is named by its city elsewhere
        if present_simple(vg, toks) and not em.weak_date:
            forward(em, toks, self.pub)
        em.planned = em.planned or bool(vg.features & {"future", "modal", "plan", "infinitive"})
        return em

    def _noun(self, tagged: TaggedSentence, toks: list[Token], start: int, end: int,
              frame: EventFrame) -> EventMention | None:
        k = start - 1
        while k >= 0 and (toks[k].kind == "D" or toks[k].text.lower() in self.elex.premodifiers
                          or _ORDINAL.fullmatch(toks[k].text) or toks[k].kind == "L"
                          or (toks[k].is_word and toks[k].text[:1].isupper() and k > 0)
                          or (toks[k].kind in "SOA" and k + 1 < len(toks))
                          or (toks[k].text in ("-", "–") and k > 0 and toks[k - 1].kind in "SO"
                              and toks[k - 1].end == toks[k].start and toks[k].end == toks[k + 1].start)):  # "EU-CELAC"
            k -= 1
        det = toks[k].lemma if k >= 0 else ""
        if det in NEGATORS:
            return None
        if det == "the" and k > 0 and toks[k - 1].lemma == "of" \
                and any(k - 6 <= j < k - 1 for j, _ in self._nouns_at):
            return None  # "a session of the General Conference": the body that meets, not a second event
        if start > 0 and toks[start - 1].text.lower() in self.elex.process_words:
            return None  # "accession talks", "membership negotiations": a process, not an event
        if det in ("a", "an") and k > 0 and toks[k - 1].lemma == "as":
            return None  # "set up in 1999 as a forum for finance ministers": what a body is, not an event
        w_end = window_end(toks, end)
        relative = w_end < len(toks) and toks[w_end].lemma in ("which", "that")
        rel_at = w_end
        if relative:  # "the forum, which will take place in X"
            w_end = window_end(toks, w_end + 1)
        if end < len(toks) and toks[end].text.lower() in self.elex.not_after:
            return None  # "the conference venue", "the summit agenda"
        em = self._mention(tagged, frame, toks, start, end, w_end)
        if em is None:
            return None
        em.definite = det in _DEFINITE
        fact_box(em, toks, end, self._where.place_of)  # "Next summit: Kyrgyzstan, 2024"
        if end < len(toks) and toks[end].is_word and toks[end].lemma in _SCHEDULE_VERBS \
                and toks[end].text.lower() != toks[end].lemma and toks[end].text.lower().endswith("s") \
                and not em.weak_date:
            forward(em, toks, self.pub)  # "the BRICS Business Forum opens in the city on Saturday": ahead
        em.for_purpose = k >= 0 and toks[k].lemma == "for" and start == k + 1  # type: ignore[attr-defined]
        if em.for_purpose and frame.type == "Talks":
            traveller(em, toks, clause_start(toks, k), k, self.lex, self._where.place_of)
        if not em.weak_date and expected(toks, clause_start(toks, start), start, self.elex.expectation_verbs):
            forward(em, toks, self.pub)
        # positions before the noun: "ASEAN summit", "the bloc's annual summit", "the Kazan summit", "its meeting"
        for j in range(k + 1, start):
            t = toks[j]
            if _YEAR.fullmatch(t.text):
                year_before(em, int(t.text), j)  # "the 2025 summit in Gabala"
            if t.kind in "SO" and "premodifier" in frame.participants:
                add_all(em, refs(t))
            elif t.kind == "A" and frame.type == "Talks":
                add_all(em, refs(t))
            elif self._where.place_of(t) is not None and em.location is None:
                em.location = self._where.place_of(t)
        if relative and em.location is None:  # "the next summit, which Lima is due to host later this year"
            em.location = self._where.relative_host(toks, rel_at + 1, w_end)
        if det in ("its", "their") and "its" in frame.participants:
            org = self.context_org(toks)
            if org is not None:
                add_all(em, [org])
        if "of" in frame.participants and end + 1 < len(toks) and toks[end].lemma == "of" \
                and toks[end + 1].kind in "SO":
            add_all(em, refs(toks[end + 1]))
        # a support verb before the noun: "X held talks with Y", "X will host the summit"
        if k >= 0 and toks[k].is_word and toks[k].lemma in _SUPPORT | {"the", "a", "an", "its", "their"}:
            v = k if toks[k].lemma in _SUPPORT else k - 1
            if v >= 0 and toks[v].is_word and toks[v].lemma in _SUPPORT:
                vg = verb_group(toks, v, self.lex)
                if "neg" in vg.features:
                    return None
                em.planned = em.planned or bool(vg.features & {"future", "modal", "plan", "infinitive"})
                if "subject" in frame.participants or toks[v].lemma == "host":
                    add_subject(em, toks, _subject(toks, vg, self.lex, [])[0], vg, self.lex,
                                self.previous)
                if toks[v].lemma == "host" and "context" in frame.participants:
                    self._host_org(em, toks)
        # "during the meeting with Y": the speaker of the clause is the other side
        prep = k - 1 if k >= 1 and det in ("the", "a", "an") else k
        if prep >= 0 and toks[prep].lemma in ("during", "at", "after") and any(refs(toks[j]) for j in range(end, w_end)
                                                                       if toks[j].kind == "P"):
            before = [t for t in toks[:prep] if t.kind == "P"]
            if before:
                add_all(em, refs(before[-1]))
        parties = []
        if not em.participants and prep >= 0 and toks[prep].lemma == "at" and frame.type == "Meeting":
            parties = clause_parties(toks, clause_start(toks, prep), prep)
            add_all(em, parties)
        if "context" in frame.participants and (not em.participants or parties and not any(
                p.kind == "org" for p in parties)):  # "Gabon and Togo joined at the Kigali summit": its body too
            org = self.context_org(without_modifier_orgs(toks, end))  # "the Kigali summit" in an article
            # about the Commonwealth
            if org is not None:
                add_all(em, [org])
        if em.definite and not em.weak_date:  # "the talks ..., in view of X's presidency in 2015": not its date
            em.dates = [d for d, j in zip(em.dates, em.date_at, strict=True)
                        if abs(j - start) <= 14 or relative and start < j < w_end]  # a relative clause dates
            # its noun: "the next conference, MC14, which will be held in Yaoundé, Cameroon, in March 2026"
        if has_any(toks, start, w_end, tuple((w,) for w in self.elex.future_words)) or \
                any(toks[j].text.lower() in self.elex.future_words for j in range(k + 1, start)):
            em.planned = True
        return em

    def _per_org(self, tagged: TaggedSentence, toks: list[Token], i: int, singular: str) -> list[EventMention]:
        """A plural trigger after coordinated organizations is one event of each ('GCC and Arab League
        emergency summits were held in Mecca on Thursday'); a bare plural stays generic ('NATO summits')."""
        frame = next((f for n, f in self.elex.nouns() if n == (singular,)), None)
        orgs: list[EntityRef] = []
        k = i - 1
        while k >= 0 and (toks[k].kind == "O" or toks[k].lemma in ("and", ",")
                          or toks[k].text.lower() in self.elex.premodifiers):
            if toks[k].kind == "O":
                orgs[:0] = refs(toks[k])
            k -= 1
        if frame is None or len({o.key for o in orgs}) < 2:
            return []
        em = self._noun(tagged, toks, i, i + 1, frame)
        if em is None:
            return []
        out = []
        for org in orgs:
            one = copy.copy(em)
            one.participants = [org] + [p for p in em.participants if p.kind != "org"]
            one.per_org = True  # type: ignore[attr-defined]
            out.append(one)
        return out

    # -- one mention ----------------------------------------------------------------------------------------
    def _mention(self, tagged: TaggedSentence, frame: EventFrame, toks: list[Token], start: int, end: int,
                 w_end: int) -> EventMention | None:
        c_start = clause_start(toks, start)
        if any(t.is_word and (t.text.lower() in self.elex.cancel_words or t.lemma in self.elex.cancel_words)
               and not boycott_of_actor(toks, j) and not call_not_off(toks, j) for j, t in enumerate(toks)):
            return None
        if any(t.is_word and t.lemma in _CONDITIONALS for t in toks[c_start:start]):
            return None
        if frame.nouns and negated_after(toks, end, w_end) \
                and not any(t.is_word and t.lemma in NEGATORS for t in toks[start:end]):
            return None
        if any(t.is_word and t.text.lower() in self.elex.generic_words for t in toks[c_start:end]) or any(
                t.is_word and t.text.lower() in self.elex.generic_words & HABITUAL and habitual(toks, j)
                for j, t in enumerate(toks[end:w_end], end)):
            return None  # "NATO summits are often held", "meet every year"; not "the council's future priorities"
        # another trigger noun of the same type opens another event: "Tuesday's meeting ... next month's summit in
        # Brussels" (the place and date after it are that event's)
        if any(j == start for j, _ in self._nouns_at):
            w_end = min([j for j, ftype in self._nouns_at if end <= j < w_end and ftype == frame.type] + [w_end])
        em = EventMention(frame.type, tagged, 0, 0)
        em.rule = frame.id  # type: ignore[attr-defined]
        em.trigger_at = start  # type: ignore[attr-defined]
        for pos in ("with", "between", "by"):
            if pos in frame.participants:
                near = end
                while pos == "by" and near < w_end and (toks[near].kind in "DL" or toks[near].lemma in ("in", "on", "at")):
                    near += 1  # "signed in December 2013 in Kiev by the foreign ministers"
                for j in range(end, min(w_end, near + 2) if pos == "by" else w_end):  # "signed by X", not
                    if toks[j].is_word and toks[j].lemma == pos:  # "a boycott of Qatar by Saudi Arabia" later on
                        add_all(em, arguments(toks, j + 1, w_end))
                        break
        em.location = self._where.place(toks, c_start, start, end, w_end)
        em.weak_date = False  # type: ignore[attr-defined]
        em.date_at = []  # type: ignore[attr-defined]
        em.dates = mention_dates(em, toks, c_start, start, w_end, self.previous, self.pub, self.elex.ongoing_words,
                                 self.elex.same_day_words)
        if self.pub is not None and em.dates and em.dates[0][0].first_day() > self.pub.last_day():
            em.planned = True
        return em

    def _host_org(self, em: EventMention, toks: list[Token]) -> None:
        """'Brazil will host next year's summit in Rio': the host is a state; the summit is the organization's the
        article is about, when the sentence names no organization of its own."""
        if not any(p.kind == "org" for p in em.participants) and not any(t.kind == "O" for t in toks):
            org = self.context_org(toks)
            if org is not None:
                add_all(em, [org])

