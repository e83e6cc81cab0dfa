"""Publication dates read from the head of an article when no metadata gives one.

Agency copy opens with a dateline: "Belgrade, 05 April 2016 –", "MOSCOW, December
19. /TASS/.", "date 2017-09-27 MOSCOW. KAZINFORM", or a line "Russia December 19,
2014, 11:40". A dateline is a date preceded by at most a place (or "date:",
"Published") and followed by a separator, an agency, a time or the end of the line;
a sentence that merely starts with a date is not one. A dateline without a year
takes it from another dated line of the head.

A page-retrieval stamp at the very top ("16:40 GMT24 November 2020" before "Listen
Live") is boilerplate, not a dateline; it is used only as a last resort, and only
when nothing in the article contradicts it (a future-tense mention of an earlier
date, or a past-tense mention of a later one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.corpus.article import Span
from kg.corpus.lines import Line
from kg.dates import PartialDate
from kg.extract.dates import DateMention, find_dates

HEAD_LINES = 6  # datelines are looked for in the first lines of the body only
HEAD_CHARS = 2000

_KEYWORD = r"(?i:date|dated|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated)\s*:?"
_NOT_PLACE = {"in", "on", "since", "from", "until", "at", "during", "before", "after", "as", "of", "by",
              "the", "and", "between", "for", "to", "a", "an", "this", "that", "it", "he", "she", "they",
              "we"}
_PLACE_WORD = r"[A-Z][\w.'’-]*"
_PREFIX = re.compile(rf"\s*(?:{_KEYWORD}\s*)?(?:(?P<place>{_PLACE_WORD}(?:[ \u00a0]+{_PLACE_WORD}){{0,3}})"
                     rf"\s*(?:,|\([^)]{{1,30}}\))?\s*)?")
_STRONG = [
    re.compile(r"\s*[–—-]+"),  # "Belgrade, 05 April 2016 –"
    re.compile(r"\s*,?\s*\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}\b)?"),  # ", 11:40"
    re.compile(r"\s*/[^/\n]{1,40}/\.?"),  # "/TASS/."
    re.compile(r"\s*\([A-Za-z][\w .-]{0,30}\)"),  # "(Reuters)"
    re.compile(r"\s*[A-Z]{2,}(?:[ -][A-Z]{2,})*\b\.?"),  # "MOSCOW. KAZINFORM"
    re.compile(r"\s*[.:|]"),
]
_WEAK = re.compile(r"\s*,")


@dataclass(frozen=True)
class Dateline:
    span: Span  # kind "dateline"
    date: PartialDate


def _prefix_ok(prefix: str) -> bool:
    m = _PREFIX.fullmatch(prefix)
    if not m:
        return False
    place = m.group("place") or ""
    return not any(w.lower() in _NOT_PLACE for w in place.split())


def _suffix_end(line: str, pos: int) -> int | None:
    """Where the dateline ends after its date, or None if the line reads on as a sentence."""
    strong, end = False, pos
    while True:
        for regex in _STRONG:
            m = regex.match(line, end)
            if m and m.end() > end:
                strong, end = True, m.end()
                break
        else:
            m = _WEAK.match(line, end)
            if m and m.end() > end:
                end = m.end()
                continue
            break
    if not line[end:].strip():
        return len(line.rstrip())
    if not strong:
        return None
    return len(line[:end].rstrip(" ,\u00a0"))


def _dateline_in(line: Line, mention: DateMention) -> Dateline | None:
    if not _prefix_ok(line.text[:mention.start]):
        return None
    end = _suffix_end(line.text, mention.end)
    if end is None:
        return None
    rule = "dateline" if not mention.relative else "dateline-yearless"
    return Dateline(Span(line.start, line.start + end, "dateline", rule), mention.value)


def find_datelines(head: list[Line]) -> list[Dateline]:
    """Datelines among the given head lines (boilerplate already left out), in text order."""
    head = [ln for ln in head[:HEAD_LINES] if ln.start - head[0].start < HEAD_CHARS] if head else []
    found: dict[int, Dateline] = {}
    year_source: PartialDate | None = None
    for i, line in enumerate(head):
        for mention in find_dates(line.text, None):
            if mention.end_value is not None:
                continue
            year_source = year_source or mention.value
            dl = _dateline_in(line, mention)
            if dl:
                found[i] = dl
                break
    years = [d.date for d in found.values()]
    reference = years[0] if years else year_source
    if reference is not None:
        for i, line in enumerate(head):
            if i in found:
                continue
            for mention in find_dates(line.text, reference):
                if mention.relative and mention.end_value is None and mention.value.month is not None:
                    dl = _dateline_in(line, mention)
                    if dl:
                        found[i] = dl
                        break
    return [found[i] for i in sorted(found)]


def stamp_is_contradicted(stamp: PartialDate, text: str, spans: list[tuple[int, int]]) -> bool:
    """True when the article's own words cannot have been written on the stamp's date."""
    for start, end in spans:
        for m in find_dates(text[start:end], None):
            if m.relative or m.in_name:
                continue
            last = (m.end_value or m.value).last_day()
            if m.tense == "future" and last < stamp.first_day():
                return True  # "September 2017 will see ..." cannot be written in November 2020
            if m.tense == "past" and m.value.first_day() > stamp.last_day():
                return True
    return False
