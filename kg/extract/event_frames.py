"""Event frames (kg/data/event_frames.json): loaded and validated once, every problem reported at once.

A frame is data so that a new kind of meeting is a word in a file with an example beside
it, not a regex in code; the reader (kg/extract/event_reader.py) applies the frames to
the cascade's tokens and clauses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kg.errors import DataFileError
from kg.extract.lexicon import load_data

EVENT_TYPES = ("Meeting", "Talks", "MilitaryExercise", "Agreement", "Election", "Forum")
POSITIONS = ("subject", "object", "with", "between", "by", "of", "premodifier", "its", "context")
_FRAME_KEYS = {"id", "type", "nouns", "verbs", "participants", "needs", "voice", "examples", "counter_examples"}
_LISTS = ("premodifiers", "future_words", "cancel_words", "generic_words", "ongoing_words", "same_day_words", "not_after",
          "expectation_verbs", "process_words")


@dataclass(frozen=True)
class EventFrame:
    id: str
    type: str
    nouns: tuple[tuple[str, ...], ...]  # each noun as its words, lower-case
    verbs: frozenset[str]
    participants: tuple[str, ...]
    needs: tuple[tuple[str, ...], ...] = ()
    voice: str | None = None


@dataclass(frozen=True)
class EventLexicon:
    frames: tuple[EventFrame, ...]
    premodifiers: frozenset[str]
    future_words: frozenset[str]
    cancel_words: frozenset[str]
    generic_words: frozenset[str]
    ongoing_words: frozenset[str]
    same_day_words: frozenset[str]
    not_after: frozenset[str]
    expectation_verbs: frozenset[str]
    process_words: frozenset[str]

    def nouns(self) -> list[tuple[tuple[str, ...], EventFrame]]:
        """Every trigger noun with its frame, longest first (so "summit meeting" wins over "summit")."""
        out = [(n, f) for f in self.frames for n in f.nouns]
        return sorted(out, key=lambda x: -len(x[0]))

    def verb_frames(self, lemma: str) -> list[EventFrame]:
        return [f for f in self.frames if lemma in f.verbs]


def _load_json() -> dict[str, Any]:
    return load_data("event_frames.json")


@cache
def event_lexicon() -> EventLexicon:
    return build_event_lexicon(_load_json())


def build_event_lexicon(data: dict[str, Any]) -> EventLexicon:
    """The frames of `data`, or a DataFileError listing every problem in it."""
    problems: list[str] = []
    for key in _LISTS:
        if not isinstance(data.get(key), list) or not all(isinstance(w, str) for w in data.get(key, [])):
            problems.append(f"{key}: a list of words is needed")
    frames: list[EventFrame] = []
    seen: set[str] = set()
    entries = data.get("frames")
    if not isinstance(entries, list) or not entries:
        problems.append("frames: a non-empty list is needed")
        entries = []
    for i, e in enumerate(entries):
        where = f"frames[{i}]"
        if not isinstance(e, dict):
            problems.append(f"{where}: an object is needed")
            continue
        fid = e.get("id") or where
        if not e.get("id"):
            problems.append(f"{where}: no id")
        elif fid in seen:
            problems.append(f"{fid}: duplicate id")
        seen.add(fid)
        for key in sorted(set(e) - _FRAME_KEYS):
            problems.append(f"{fid}: unknown key {key!r}")
        if e.get("type") not in EVENT_TYPES:
            problems.append(f"{fid}: type must be one of {', '.join(EVENT_TYPES)}")
        if not e.get("nouns") and not e.get("verbs"):
            problems.append(f"{fid}: a frame needs nouns or verbs")
        bad = [p for p in e.get("participants", []) if p not in POSITIONS]
        if bad or not e.get("participants"):
            problems.append(f"{fid}: participants must be some of {', '.join(POSITIONS)}" + (f" (not {bad})" if bad
                                                                                            else ""))
        if e.get("voice") not in (None, "active", "passive"):
            problems.append(f"{fid}: voice must be active or passive")
        if not e.get("examples"):
            problems.append(f"{fid}: no examples")
        if not e.get("counter_examples"):
            problems.append(f"{fid}: no counter_examples")
        for j, ex in enumerate(e.get("examples", [])):
            if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
                problems.append(f"{fid}: examples[{j}] needs a text")
        frames.append(EventFrame(fid, e.get("type", ""),
                                 tuple(tuple(n.lower().split()) for n in e.get("nouns", [])),
                                 frozenset(v.lower() for v in e.get("verbs", [])),
                                 tuple(e.get("participants", [])),
                                 tuple(tuple(n.lower().split()) for n in e.get("needs", [])), e.get("voice")))
    if problems:
        raise DataFileError("kg/data/event_frames.json: " + "; ".join(problems))
    return EventLexicon(tuple(frames), *(frozenset(w.lower() for w in data[k]) for k in _LISTS))
