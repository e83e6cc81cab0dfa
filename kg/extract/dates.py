"""Finding date expressions in text, with offsets, resolved to `PartialDate`s.

Each mention is exactly as precise as its words: "September 2017" is a month,
"in 2013" a year, "later this year" a year. Expressions without a year ("on April
2", "in October", "on Tuesday", "last month") are resolved against a reference
date (the article's publication date), in the direction the clause's tense gives:
past → on or before the reference, future → on or after it, otherwise the nearest.

Decisions (see also tests/test_dates.py):
- A bare four-digit number is a year only in 1900-2099 and only with a cue ("in",
  "by", "since", "of", "2013's", a range, or inside a full date); never before
  "%", "billion", "troops", etc.
- Dotted numeric dates ("5.4.2016") are read day first, as written in the European
  and post-Soviet press; slashed ones ("5/4/2016") only when one part exceeds 12.
- A year glued to a name ("Frontier-2016", "Vzaimodeistvoye 2017") is the name of
  an event, not a date mention; `include_names=True` returns such years too,
  flagged `in_name`, for extractors that want a fallback date for a named event.
- Weekdays need a day-precision reference; "last week" style expressions give a
  month only when the whole week lies in one month; "yesterday"/"tomorrow" need a
  day-precision reference. Without a reference, relative expressions are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.dates import PartialDate
from kg.extract import date_resolvers as res
from kg.extract.dates_tense import UNKNOWN, detect_tense


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: PartialDate
    end_value: PartialDate | None = None
    relative: bool = False
    direction: str = UNKNOWN  # how a relative or yearless expression was resolved
    tense: str = UNKNOWN  # the tense of its clause (or the caller's hint), for every mention
    in_name: bool = False  # a year that is part of a name ("Frontier-2016"); only with include_names


_Handler = Callable[[re.Match[str], "PartialDate | None", str, dict], "res.Resolved | None"]


@dataclass(frozen=True)
class _Pattern:
    name: str
    regex: re.Pattern[str]
    handler: _Handler


@lru_cache(maxsize=1)
def _patterns() -> tuple[_Pattern, ...]:
    d = res.data()
    month_full = res.alt(res.cased(d["months"]))
    month_abbr = res.alt(res.cased(d["month_abbreviations"]))
    mon = rf"(?:{month_full}|(?:{month_abbr})\.?)"
    wd = res.alt(res.cased(d["weekdays"]))
    wd_lower = res.alt([w.lower() for w in d["weekdays"]])
    year = r"(?:19|20)\d{2}"
    block = res.alt(d["year_blockers"])
    year_end = rf"(?!\d)(?![.,]\d)(?!\s*(?i:{block})\b)(?!%)"
    lead = r"(?<![\d.,$€£/:])(?<![a-z])"
    day = r"[0-3]?\d(?:st|nd|rd|th)?(?!\d)"
    dash = r"(?:\s*[-–—]\s*|\s+(?:to|until|till|through)\s+)"
    weekday_prefix = rf"(?:(?:{wd}),?\s+(?:the\s+)?)?"
    year_cue = res.alt(d["year_cues"]).replace(r"\ ", r"\s+")
    month_cue = res.alt(d["month_cues"])
    month_mod = res.alt(d["month_modifiers"]).replace(r"\ ", r"\s+")
    units = r"year|month|week"
    numbers = res.alt(d["number_words"])
    fixed = res.alt(res.cased(d["fixed_days"])).replace("'", "['’]").replace(r"\ ", r"\s+")
    name_stop = res.alt(res.cased(list(d["months"]) + list(d["weekdays"])))

    def p(name: str, regex: str, handler: _Handler, flags: int = 0) -> _Pattern:
        return _Pattern(name, re.compile(regex, flags), handler)

    return (
        p("iso-date", rf"(?<![\d.-])(?P<y>{year})(?P<sep>[-/.])(?P<iso_m>[01]\d)(?P=sep)(?P<iso_d>[0-3]\d)(?![\d-])",
          res.full_date),
        p("dotted-date", rf"(?<![\d.])(?P<dot_d>[0-3]?\d)\.(?P<dot_m>[01]?\d)\.(?P<y>{year})(?![\d])",
          res.full_date),
        p("slashed-date", rf"(?<![\d/])(?P<sl_a>[01]?\d|[0-3]\d)/(?P<sl_b>[0-3]?\d)/(?P<y>{year})(?![\d])",
          res.full_date),
        p("day-month-year", rf"{lead}{weekday_prefix}(?P<d1>{day})(?:{dash}(?P<d2>{day}))?(?:\s+of)?\s+"
                            rf"(?P<mon>{mon})(?:,?\s+(?P<y>{year}){year_end})?(?![\w])", res.day_month),
        p("month-day-year", rf"{weekday_prefix}(?P<mon>{mon})\s+(?:the\s+)?(?P<d1>{day})"
                            rf"(?:{dash}(?P<d2>{day}))?(?:,?\s+(?P<y>{year}){year_end})?(?![\w:])",
          res.day_month),
        p("month-range", rf"(?P<m1>{mon}){dash}(?P<m2>{mon})(?:,?\s+(?P<y>{year}){year_end})?(?![\w])",
          res.month_range),
        p("fixed-day-year", rf"(?<![\w'’])(?P<fixed>{fixed})(?:\s+of)?,?\s+(?P<y>{year}){year_end}", res.fixed_day),
        p("month-year", rf"(?P<mon>{mon})(?:\s+of)?,?\s+(?P<y>{year}){year_end}", res.month_year),
        p("month-which-year", rf"(?:\b(?i:(?P<cue>{month_cue}))\s+)?(?:(?P<d1>{day})\s+)?(?P<mon>{month_full})\s+"
                              rf"(?:(?i:of)\s+)?"
                              rf"(?i:(?P<which>this|last|next))\s+(?i:year)\b", res.month_which_year),
        p("following-month", rf"\b(?i:the\s+(?:following|next|subsequent))\s+(?P<mon>{month_full})\b(?!\s*\d)",
          res.following_month),
        p("years-after", rf"\b(?i:(?:the\s+(?:following|next|subsequent)|(?P<same>the\s+same|later\s+that|that))\s+"
                         rf"year|(?P<n>\d|{numbers})\s+years?\s+later)\b(?!\s*['’]s)", res.years_after),
        p("month", rf"(?:\b(?i:(?P<cue>{month_cue}))\s+)?(?:\b(?i:(?P<which>this|last|next))\s+)?"
                   rf"(?:\b(?i:(?P<mod>{month_mod}))(?:\s*-\s*|\s+))?(?P<mon>{month_full})\b(?!\s*\d)",
          res.month_alone),
        p("year-range", rf"{lead}(?P<y1>{year})(?P<sep>\s*[–—/]\s*|-)(?P<y2>{year}|\d{{2}})"
                        rf"{year_end}(?![-\w])",
          res.year_range),
        p("year-range-words", rf"\b(?i:from|between)\s+(?P<y1>{year})\s+(?i:to|and|until|till|through)\s+"
                              rf"(?P<y2>{year}){year_end}", res.year_range),
        p("year", rf"(?:\b(?i:(?P<cue>{year_cue}))(?:\s+|\s*-\s*)|\b(?i:mid-))(?P<y>{year})"
                  rf"{year_end}(?![-\w])",
          res.year),
        p("year-possessive", rf"{lead}(?<![\w-])(?P<y>{year})(?=['’]s\b)", res.year),
        p("deictic", r"\b(?i:(?P<word>today|tonight|yesterday|tomorrow))\b", res.deictic),
        p("this-last-next", rf"(?<!\bthe\s)\b(?:(?i:(?P<mod>{month_mod}))(?:\s*-\s*|\s+))?"
                            rf"(?i:(?P<which>this|last|next))\s+(?i:(?P<unit>{units}))\b", res.this_last_next),
        p("ago", rf"\b(?i:(?P<n>\d+|{numbers}))\s+(?i:(?P<unit>day|week|month|year|decade))s?\s+(?i:ago)"
                 rf"(?:\s+(?i:(?P<today>today)))?\b", res.ago),
        p("weekday", rf"(?:\b(?i:(?P<cue>on))\s+)?(?:\b(?i:(?P<which>last|next|this|coming))\s+)?"
                     rf"(?:(?P<wd>{wd})|(?<=\bon\s)(?P<wdl>{wd_lower}))(?![\w])",
          res.weekday),  # "on monday" in lower case only after "on"
        p("name-year", rf"(?<![\w-])(?!(?:{name_stop})\b)(?!(?i:{year_cue})\b)(?P<name>[A-Z][\w'’]+)[-\s]"
                       rf"(?P<y>{year}){year_end}(?![-\w])", res.name_year),
    )


@lru_cache(maxsize=1)
def _prepositions() -> frozenset[str]:
    """Cues left out of a mention's span; modifiers such as "early" or "spring" stay in it."""
    return frozenset(res.data()["month_cues"]) | {"in the year", "the year", "year", "around", "circa"}


def _mention_start(m: re.Match[str]) -> int:
    """Where the mention's own words begin: after a preposition ("in 2013" → "2013", "early 2013" stays)."""
    groups = m.groupdict()
    if groups.get("cue") and m.start("cue") == m.start() and " ".join(m["cue"].lower().split()) in _prepositions():
        rest = m.start("cue") + len(m["cue"])
        while rest < m.end() and m.string[rest] in " \t\n\r-\u00a0":
            rest += 1
        return rest
    return m.start()


def find_dates(text: str, reference: PartialDate | None, *, tense_hint: str | None = None,
               include_names: bool = False, previous: PartialDate | None = None) -> list[DateMention]:
    """Every date expression in `text`, in order, resolved against `reference` where needed.

    `tense_hint` ("past"/"future") overrides the tense read from each clause.
    Overlapping matches are settled longest first, so "18-21 October" is one
    range, not a day and a month. `previous` is the last date written before `text` (in an earlier
    sentence), for "in December that year".
    """
    candidates = []
    for rank, pattern in enumerate(_patterns()):
        if pattern.name == "name-year" and not include_names:
            continue
        for m in pattern.regex.finditer(text):
            if m.end() > m.start():
                candidates.append((-(m.end() - m.start()), m.start(), rank, m, pattern))
    candidates.sort(key=lambda c: c[:3])
    taken = bytearray(len(text))  # 1 where a longer match already claimed the character
    out: list[DateMention] = []
    for _, _, _, m, pattern in candidates:
        if taken.find(1, m.start(), m.end()) >= 0:
            continue
        taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        start, end = _mention_start(m), m.end()
        while end > start and text[end - 1] in " ,":
            end -= 1
        tense = tense_hint or detect_tense(text, start, end)
        resolved = pattern.handler(m, reference, tense, {})
        if resolved is None:
            continue
        out.append(DateMention(start, end, text[start:end], resolved.value, resolved.end_value,
                               resolved.relative, resolved.direction, tense, pattern.name == "name-year"))
    out.sort(key=lambda x: x.start)
    return _after_previous(_that_year(text, out, previous), previous)


_THAT_YEAR = re.compile(r"\s*,?\s*(?:of\s+)?(?:that|the\s+same)\s+year\b", re.IGNORECASE)


def _that_year(text: str, found: list[DateMention], previous: PartialDate | None) -> list[DateMention]:
    """"in December that year", "in May of the same year": the year of the date written before it, not the
    publication's."""
    out = list(found)
    for i, d in enumerate(out):
        if not d.relative or d.value.month is None or not _THAT_YEAR.match(text, d.end):
            continue
        before = next((x.value for x in reversed(out[:i]) if not x.relative), previous)
        if before is not None:
            value = PartialDate(before.year, d.value.month, d.value.day)
            out[i] = replace(d, value=value, end_value=None, relative=False, direction=UNKNOWN)
    return out


def _after_previous(found: list[DateMention], previous: PartialDate | None) -> list[DateMention]:
    """"joined in May 2022 ... the following April": the first such month after the date written before it
    (in the sentence, else in the text before); without one the expression is no date."""
    out = []
    for i, d in enumerate(found):
        if d.direction == res.YEARS_AFTER_PREVIOUS:
            before = next((x for x in reversed(out) if not x.relative), None)
            if out and out[-1] is before and before.value.month is not None and before.end >= d.start - 8:
                continue  # "in December that year": the month took the year already (_that_year)
            year = before.value.year if before is not None else previous.year if previous is not None else None
            if year is not None:
                out.append(replace(d, value=PartialDate(year + res.years_count(d.text)), relative=False,
                                   direction=UNKNOWN))
            continue
        if d.direction != res.AFTER_PREVIOUS:
            out.append(d)
            continue
        before = next((x.value for x in reversed(found[:i]) if x.direction != res.AFTER_PREVIOUS and not x.relative),
                      previous)
        if before is None:
            continue
        month = d.value.month
        year = before.year if before.month is not None and month > before.month else before.year + 1
        out.append(replace(d, value=PartialDate(year, month), relative=False, direction=UNKNOWN))
    return out
