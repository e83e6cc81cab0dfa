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

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from kg.dates import PartialDate
from kg.extract.dates_tense import FUTURE, PAST, UNKNOWN, detect_tense


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


@dataclass(frozen=True)
class _Resolved:
    value: PartialDate
    end_value: PartialDate | None = None
    relative: bool = False
    direction: str = UNKNOWN


_Handler = Callable[[re.Match[str], "PartialDate | None", str, dict], "_Resolved | None"]


@dataclass(frozen=True)
class _Pattern:
    name: str
    regex: re.Pattern[str]
    handler: _Handler


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(files("kg.data").joinpath("dates.json").read_text(encoding="utf-8"))


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _cased(words) -> list[str]:
    return [v for w in words for v in (w, w.upper())]


def _month_number(word: str) -> int:
    d = _data()
    key = word.rstrip(".").capitalize()
    return d["months"].get(key) or d["month_abbreviations"][key]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


# --- resolution against a reference ------------------------------------------------------------

def _pick_year(make: Callable[[int], tuple[PartialDate, PartialDate | None]],
               reference: PartialDate, direction: str) -> _Resolved | None:
    """The year that puts a yearless expression closest to the reference in the given direction."""
    lo, hi = reference.first_day(), reference.last_day()
    cands = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            value, end = make(year)
        except ValueError:  # 29 February in a common year, day 31 of a short month
            continue
        cands.append((value.first_day(), (end or value).last_day(), year, value, end))
    if direction == PAST:
        cands = [c for c in cands if c[0] <= hi]
        best = max(cands, default=None)
    elif direction == FUTURE:
        cands = [c for c in cands if c[1] >= lo]
        best = min(cands, default=None)
    else:
        def gap(c):
            return max(0, (c[0] - hi).days, (lo - c[1]).days), abs(c[2] - reference.year)

        best = min(cands, key=gap, default=None)
    if best is None:
        return None
    return _Resolved(best[3], best[4], relative=True, direction=direction)


def _direction(tense: str, which: str | None) -> str:
    which = (which or "").lower()
    if which in ("last", "past") or which.startswith("earlier"):
        return PAST
    if which in ("next", "coming") or which.startswith("later"):
        return FUTURE
    return tense


# --- handlers ----------------------------------------------------------------------------------

def _full_date(m, ref, tense, ctx) -> _Resolved | None:
    try:
        year = int(m["y"])
        if m.groupdict().get("iso_m"):
            return _Resolved(PartialDate(year, int(m["iso_m"]), int(m["iso_d"])))
        if m.groupdict().get("dot_m"):
            return _Resolved(PartialDate(year, int(m["dot_m"]), int(m["dot_d"])))
        a, b = int(m["sl_a"]), int(m["sl_b"])
        if a > 12 >= b:
            return _Resolved(PartialDate(year, b, a))
        if b > 12 >= a:
            return _Resolved(PartialDate(year, a, b))
        return None  # 5/4/2016: day-first or month-first cannot be told
    except ValueError:
        return None


def _day_month(m, ref, tense, ctx) -> _Resolved | None:
    month = _month_number(m["mon"])
    d1 = _day(m["d1"])
    d2 = _day(m["d2"]) if m.groupdict().get("d2") else None
    if d2 is not None and d2 <= d1:
        return None

    def make(year: int):
        return PartialDate(year, month, d1), (PartialDate(year, month, d2) if d2 else None)

    if m["y"]:
        try:
            value, end = make(int(m["y"]))
        except ValueError:
            return None
        return _Resolved(value, end)
    if ref is None:
        return None
    return _pick_year(make, ref, tense)


def _month_year(m, ref, tense, ctx) -> _Resolved | None:
    return _Resolved(PartialDate(int(m["y"]), _month_number(m["mon"])))


def _month_range(m, ref, tense, ctx) -> _Resolved | None:
    m1, m2 = _month_number(m["m1"]), _month_number(m["m2"])
    if m1 == m2:
        return None

    def make(year: int):
        end_year = year if m2 > m1 else year + 1
        return PartialDate(year, m1), PartialDate(end_year, m2)

    if m["y"]:  # "January-September 2014": the year belongs to the end month
        y2 = int(m["y"])
        return _Resolved(PartialDate(y2 if m2 > m1 else y2 - 1, m1), PartialDate(y2, m2))
    if ref is None:
        return None
    return _pick_year(make, ref, tense)


def _month_alone(m, ref, tense, ctx) -> _Resolved | None:
    which, mod = m["which"], m["mod"]
    if not (m["cue"] or which or mod) or ref is None:
        return None
    month = _month_number(m["mon"])
    direction = _direction(tense, which or mod)
    resolved = _pick_year(lambda y: (PartialDate(y, month), None), ref, direction)
    if resolved and which and which.lower() in ("last", "next") and resolved.value.overlaps(ref):
        # "last March" said in March means the year before
        step = -1 if which.lower() == "last" else 1
        resolved = _Resolved(PartialDate(resolved.value.year + step, month), None, True, direction)
    return resolved


def _month_which_year(m, ref, tense, ctx) -> _Resolved | None:
    """"in May last year", "March this year": the month of the year the word names."""
    if ref is None:
        return None
    step = {"this": 0, "last": -1, "next": 1}[m["which"].lower()]
    direction = {0: UNKNOWN, -1: PAST, 1: FUTURE}[step]
    day = _day(m["d1"]) if m["d1"] else None  # "on 1 January this year"
    try:
        value = PartialDate(ref.year + step, _month_number(m["mon"]), day)
    except ValueError:
        return None
    return _Resolved(value, relative=True, direction=direction)


def _year(m, ref, tense, ctx) -> _Resolved | None:
    return _Resolved(PartialDate(int(m["y"])))


def _year_range(m, ref, tense, ctx) -> _Resolved | None:
    y1, raw = int(m["y1"]), m["y2"]
    y2 = int(raw) if len(raw) == 4 else y1 // 100 * 100 + int(raw)
    if len(raw) == 2 and m.groupdict().get("sep") == "-":
        return None  # "2010-11" may be November 2010
    if not y1 < y2 <= 2099:
        return None
    return _Resolved(PartialDate(y1), PartialDate(y2))


def _deictic(m, ref, tense, ctx) -> _Resolved | None:
    """today, yesterday, tomorrow."""
    if ref is None:
        return None
    word = m["word"].lower()
    if word in ("today", "tonight"):
        return _Resolved(ref, relative=True)
    if ref.precision != "day":
        return None
    step = -1 if word == "yesterday" else 1
    day = ref.first_day() + datetime.timedelta(days=step)
    return _Resolved(PartialDate.from_date(day), relative=True, direction=PAST if step < 0 else FUTURE)


def _this_last_next(m, ref, tense, ctx) -> _Resolved | None:
    if ref is None:
        return None
    which, unit = m["which"].lower(), m["unit"].lower()
    step = {"this": 0, "last": -1, "next": 1}[which]
    direction = {0: UNKNOWN, -1: PAST, 1: FUTURE}[step]
    if unit == "year":
        return _Resolved(PartialDate(ref.year + step), relative=True, direction=direction)
    if ref.month is None:
        return None
    if unit == "month":
        month = PartialDate(*_add_months(ref.year, ref.month, step))
        return _Resolved(month, relative=True, direction=direction)
    return _week_month(ref, step, direction)


def _week_month(ref: PartialDate, step: int, direction: str) -> _Resolved | None:
    """A week as its month, and only when the whole week lies in one month."""
    if ref.precision != "day":
        return None
    day = ref.first_day()
    monday = day - datetime.timedelta(days=day.weekday()) + datetime.timedelta(weeks=step)
    sunday = monday + datetime.timedelta(days=6)
    if (monday.year, monday.month) != (sunday.year, sunday.month):
        return None
    return _Resolved(PartialDate(monday.year, monday.month), relative=True, direction=direction)


def _ago(m, ref, tense, ctx) -> _Resolved | None:
    if ref is None:
        return None
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else _data()["number_words"][raw]
    unit = m["unit"].lower()
    if unit == "decade":
        unit, n = "year", 10 * n
    if unit == "year" and m["today"] and ref.precision == "day":  # "Twenty years ago today": that very day
        day = ref.day if (ref.month, ref.day) != (2, 29) else 28
        return _Resolved(PartialDate(ref.year - n, ref.month, day), relative=True, direction=PAST)
    if unit == "year":
        return _Resolved(PartialDate(ref.year - n), relative=True, direction=PAST)
    if unit == "month" and ref.month is not None:
        return _Resolved(PartialDate(*_add_months(ref.year, ref.month, -n)), relative=True, direction=PAST)
    if unit == "day" and ref.precision == "day":
        day = ref.first_day() - datetime.timedelta(days=n)
        return _Resolved(PartialDate.from_date(day), relative=True, direction=PAST)
    return None


def _weekday(m, ref, tense, ctx) -> _Resolved | None:
    if ref is None or ref.precision != "day":
        return None
    wd = _data()["weekdays"][m["wd"].capitalize()]
    which = (m["which"] or "").lower()
    day = ref.first_day()
    direction = _direction(tense, which)
    if direction == FUTURE:
        delta = (wd - day.weekday()) % 7 or (7 if which == "next" else 0)
        target = day + datetime.timedelta(days=delta)
    else:
        delta = (day.weekday() - wd) % 7 or (7 if which == "last" else 0)
        target = day - datetime.timedelta(days=delta)
        direction = PAST if direction == PAST else UNKNOWN
    return _Resolved(PartialDate.from_date(target), relative=True, direction=direction)


def _name_year(m, ref, tense, ctx) -> _Resolved | None:
    return _Resolved(PartialDate(int(m["y"])))


# --- patterns ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _patterns() -> tuple[_Pattern, ...]:
    d = _data()
    month_full = _alt(_cased(d["months"]))
    month_abbr = _alt(_cased(d["month_abbreviations"]))
    mon = rf"(?:{month_full}|(?:{month_abbr})\.?)"
    wd = _alt(_cased(d["weekdays"]))
    year = r"(?:19|20)\d{2}"
    block = _alt(d["year_blockers"])
    year_end = rf"(?!\d)(?![.,]\d)(?!\s*(?i:{block})\b)(?!%)"
    lead = r"(?<![\d.,$€£/:])(?<![a-z])"
    day = r"[0-3]?\d(?:st|nd|rd|th)?(?!\d)"
    dash = r"(?:\s*[-–—]\s*|\s+(?:to|until|till|through)\s+)"
    weekday_prefix = rf"(?:(?:{wd}),?\s+(?:the\s+)?)?"
    year_cue = _alt(d["year_cues"]).replace(r"\ ", r"\s+")
    month_cue = _alt(d["month_cues"])
    month_mod = _alt(d["month_modifiers"]).replace(r"\ ", r"\s+")
    units = r"year|month|week"
    numbers = _alt(d["number_words"])
    name_stop = _alt(_cased(list(d["months"]) + list(d["weekdays"])))

    def p(name: str, regex: str, handler: _Handler, flags: int = 0) -> _Pattern:
        return _Pattern(name, re.compile(regex, flags), handler)

    return (
        p("iso-date", rf"(?<![\d.-])(?P<y>{year})(?P<sep>[-/.])(?P<iso_m>[01]\d)(?P=sep)(?P<iso_d>[0-3]\d)(?![\d-])",
          _full_date),
        p("dotted-date", rf"(?<![\d.])(?P<dot_d>[0-3]?\d)\.(?P<dot_m>[01]?\d)\.(?P<y>{year})(?![\d])",
          _full_date),
        p("slashed-date", rf"(?<![\d/])(?P<sl_a>[01]?\d|[0-3]\d)/(?P<sl_b>[0-3]?\d)/(?P<y>{year})(?![\d])",
          _full_date),
        p("day-month-year", rf"{lead}{weekday_prefix}(?P<d1>{day})(?:{dash}(?P<d2>{day}))?(?:\s+of)?\s+"
                            rf"(?P<mon>{mon})(?:,?\s+(?P<y>{year}){year_end})?(?![\w])", _day_month),
        p("month-day-year", rf"{weekday_prefix}(?P<mon>{mon})\s+(?:the\s+)?(?P<d1>{day})"
                            rf"(?:{dash}(?P<d2>{day}))?(?:,?\s+(?P<y>{year}){year_end})?(?![\w:])",
          _day_month),
        p("month-range", rf"(?P<m1>{mon}){dash}(?P<m2>{mon})(?:,?\s+(?P<y>{year}){year_end})?(?![\w])",
          _month_range),
        p("month-year", rf"(?P<mon>{mon})(?:\s+of)?,?\s+(?P<y>{year}){year_end}", _month_year),
        p("month-which-year", rf"(?:\b(?i:(?P<cue>{month_cue}))\s+)?(?:(?P<d1>{day})\s+)?(?P<mon>{month_full})\s+"
                              rf"(?:(?i:of)\s+)?"
                              rf"(?i:(?P<which>this|last|next))\s+(?i:year)\b", _month_which_year),
        p("month", rf"(?:\b(?i:(?P<cue>{month_cue}))\s+)?(?:\b(?i:(?P<which>this|last|next))\s+)?"
                   rf"(?:\b(?i:(?P<mod>{month_mod}))(?:\s*-\s*|\s+))?(?P<mon>{month_full})\b(?!\s*\d)",
          _month_alone),
        p("year-range", rf"{lead}(?P<y1>{year})(?P<sep>\s*[–—/]\s*|-)(?P<y2>{year}|\d{{2}})"
                        rf"{year_end}(?![-\w])",
          _year_range),
        p("year-range-words", rf"\b(?i:from|between)\s+(?P<y1>{year})\s+(?i:to|and|until|till|through)\s+"
                              rf"(?P<y2>{year}){year_end}", _year_range),
        p("year", rf"(?:\b(?i:(?P<cue>{year_cue}))(?:\s+|\s*-\s*)|\b(?i:mid-))(?P<y>{year})"
                  rf"{year_end}(?![-\w])",
          _year),
        p("year-possessive", rf"{lead}(?<![\w-])(?P<y>{year})(?=['’]s\b)", _year),
        p("deictic", r"\b(?i:(?P<word>today|tonight|yesterday|tomorrow))\b", _deictic),
        p("this-last-next", rf"(?<!\bthe\s)\b(?:(?i:(?P<mod>{month_mod}))(?:\s*-\s*|\s+))?"
                            rf"(?i:(?P<which>this|last|next))\s+(?i:(?P<unit>{units}))\b", _this_last_next),
        p("ago", rf"\b(?i:(?P<n>\d+|{numbers}))\s+(?i:(?P<unit>day|week|month|year|decade))s?\s+(?i:ago)"
                 rf"(?:\s+(?i:(?P<today>today)))?\b", _ago),
        p("weekday", rf"(?:\b(?i:(?P<cue>on))\s+)?(?:\b(?i:(?P<which>last|next|this|coming))\s+)?"
                     rf"(?P<wd>{wd})(?![\w])",
          _weekday),
        p("name-year", rf"(?<![\w-])(?!(?:{name_stop})\b)(?!(?i:{year_cue})\b)(?P<name>[A-Z][\w'’]+)[-\s]"
                       rf"(?P<y>{year}){year_end}(?![-\w])", _name_year),
    )


@lru_cache(maxsize=1)
def _prepositions() -> frozenset[str]:
    """Cues left out of a mention's span; modifiers such as "early" or "spring" stay in it."""
    return frozenset(_data()["month_cues"]) | {"in the year", "the year", "year", "around", "circa"}


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
               include_names: bool = False) -> list[DateMention]:
    """Every date expression in `text`, in order, resolved against `reference` where needed.

    `tense_hint` ("past"/"future") overrides the tense read from each clause.
    Overlapping matches are settled longest first, so "18-21 October" is one
    range, not a day and a month.
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
    return out
