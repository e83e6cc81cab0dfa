"""How each kind of date expression resolves: the handlers of kg/extract/dates.py's patterns.

A handler gets the pattern's match, the reference date (the article's publication date), the
clause's tense and returns the `Resolved` value, or None when the words do not give a date
at the reference's precision ("on Tuesday" needs a day).
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
from kg.extract.dates_tense import FUTURE, PAST, UNKNOWN


@dataclass(frozen=True)
class Resolved:
    value: PartialDate
    end_value: PartialDate | None = None
    relative: bool = False
    direction: str = UNKNOWN




@lru_cache(maxsize=1)
def data() -> dict:
    return json.loads(files("kg.data").joinpath("dates.json").read_text(encoding="utf-8"))


def alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def cased(words) -> list[str]:
    return [v for w in words for v in (w, w.upper())]


def _month_number(word: str) -> int:
    d = data()
    key = word.rstrip(".").capitalize()
    return d["months"].get(key) or d["month_abbreviations"][key]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    """(year, month) k months on (or back, k < 0)."""
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def years_from(date: PartialDate, n: int) -> PartialDate:
    """`date` n years on (or back), at its own precision; 29 February becomes the 28th."""
    day = 28 if (date.month, date.day) == (2, 29) else date.day
    return PartialDate(date.year + n, date.month, day)


# --- resolution against a reference ------------------------------------------------------------

def _pick_year(make: Callable[[int], tuple[PartialDate, PartialDate | None]],
               reference: PartialDate, direction: str) -> Resolved | None:
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
    return Resolved(best[3], best[4], relative=True, direction=direction)


def _direction(tense: str, which: str | None) -> str:
    which = (which or "").lower()
    if which in ("last", "past") or which.startswith("earlier"):
        return PAST
    if which in ("next", "coming") or which.startswith("later"):
        return FUTURE
    return tense


# --- handlers ----------------------------------------------------------------------------------

def full_date(m, ref, tense, ctx) -> Resolved | None:
    try:
        year = int(m["y"])
        if m.groupdict().get("iso_m"):
            return Resolved(PartialDate(year, int(m["iso_m"]), int(m["iso_d"])))
        if m.groupdict().get("dot_m"):
            return Resolved(PartialDate(year, int(m["dot_m"]), int(m["dot_d"])))
        a, b = int(m["sl_a"]), int(m["sl_b"])
        if a > 12 >= b:
            return Resolved(PartialDate(year, b, a))
        if b > 12 >= a:
            return Resolved(PartialDate(year, a, b))
        return None  # 5/4/2016: day-first or month-first cannot be told
    except ValueError:
        return None


def day_month(m, ref, tense, ctx) -> Resolved | None:
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
        return Resolved(value, end)
    if ref is None:
        return None
    return _pick_year(make, ref, tense)


def fixed_day(m, ref, tense, ctx) -> Resolved | None:
    """"on New Year's Day 2015": a day every year has, named, with its year."""
    said = " ".join(m["fixed"].replace("’", "'").split()).lower()
    month, day = next(v for k, v in data()["fixed_days"].items() if k.lower() == said)
    return Resolved(PartialDate(int(m["y"]), month, day))


def month_year(m, ref, tense, ctx) -> Resolved | None:
    return Resolved(PartialDate(int(m["y"]), _month_number(m["mon"])))


def month_range(m, ref, tense, ctx) -> Resolved | None:
    m1, m2 = _month_number(m["m1"]), _month_number(m["m2"])
    if m1 == m2:
        return None

    def make(year: int):
        end_year = year if m2 > m1 else year + 1
        return PartialDate(year, m1), PartialDate(end_year, m2)

    if m["y"]:  # "January-September 2014": the year belongs to the end month
        y2 = int(m["y"])
        return Resolved(PartialDate(y2 if m2 > m1 else y2 - 1, m1), PartialDate(y2, m2))
    if ref is None:
        return None
    return _pick_year(make, ref, tense)


def month_alone(m, ref, tense, ctx) -> Resolved | None:
    which, mod = m["which"], m["mod"]
    if not (m["cue"] or which or mod) or ref is None:
        return None
    month = _month_number(m["mon"])
    direction = _direction(tense, which or mod)
    resolved = _pick_year(lambda y: (PartialDate(y, month), None), ref, direction)
    if resolved and which and which.lower() in ("last", "next") and resolved.value.overlaps(ref):
        # "last March" said in March means the year before
        step = -1 if which.lower() == "last" else 1
        resolved = Resolved(PartialDate(resolved.value.year + step, month), None, True, direction)
    return resolved


AFTER_PREVIOUS = "after-previous"


def following_month(m, ref, tense, ctx) -> Resolved | None:
    """"the following April": a month after the date written before it. Its year is settled by the caller
    (kg/extract/dates.py), which knows that date; here it is only marked."""
    return Resolved(PartialDate(ref.year if ref else 1900, _month_number(m["mon"])), relative=True,
                    direction=AFTER_PREVIOUS)


YEARS_AFTER_PREVIOUS = "years-after-previous"


def years_after(m, ref, tense, ctx) -> Resolved | None:
    """"the following year", "the same year", "two years later": a year counted from the date written before
    it, settled by the caller (kg/extract/dates.py) with `years_count`; here it is only marked."""
    return Resolved(PartialDate(ref.year if ref else 1900), relative=True, direction=YEARS_AFTER_PREVIOUS)


def years_count(text: str) -> int:
    """How many years after the date before it a `years_after` expression is."""
    words = text.lower().split()
    if words[0] in ("the", "later", "that") and words[1] in ("same", "that", "year"):
        return 0
    if words[-1] == "later":
        return int(words[0]) if words[0].isdigit() else data()["number_words"][words[0]]
    return 1


def month_which_year(m, ref, tense, ctx) -> Resolved | None:
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
    return Resolved(value, relative=True, direction=direction)


def year(m, ref, tense, ctx) -> Resolved | None:
    return Resolved(PartialDate(int(m["y"])))


def year_range(m, ref, tense, ctx) -> Resolved | None:
    y1, raw = int(m["y1"]), m["y2"]
    y2 = int(raw) if len(raw) == 4 else y1 // 100 * 100 + int(raw)
    if len(raw) == 2 and m.groupdict().get("sep") == "-":
        return None  # "2010-11" may be November 2010
    if not y1 < y2 <= 2099:
        return None
    return Resolved(PartialDate(y1), PartialDate(y2))


def deictic(m, ref, tense, ctx) -> Resolved | None:
    """today, yesterday, tomorrow."""
    if ref is None:
        return None
    word = m["word"].lower()
    if word in ("today", "tonight"):
        return Resolved(ref, relative=True)
    if ref.precision != "day":
        return None
    step = -1 if word == "yesterday" else 1
    day = ref.first_day() + datetime.timedelta(days=step)
    return Resolved(PartialDate.from_date(day), relative=True, direction=PAST if step < 0 else FUTURE)


def this_last_next(m, ref, tense, ctx) -> Resolved | None:
    if ref is None:
        return None
    which, unit = m["which"].lower(), m["unit"].lower()
    step = {"this": 0, "last": -1, "next": 1}[which]
    direction = {0: UNKNOWN, -1: PAST, 1: FUTURE}[step]
    if unit == "year":
        return Resolved(PartialDate(ref.year + step), relative=True, direction=direction)
    if ref.month is None:
        return None
    if unit == "month":
        month = PartialDate(*add_months(ref.year, ref.month, step))
        return Resolved(month, relative=True, direction=direction)
    return _week_month(ref, step, direction)


def _week_month(ref: PartialDate, step: int, direction: str) -> Resolved | None:
    """A week as its month, and only when the whole week lies in one month."""
    if ref.precision != "day":
        return None
    day = ref.first_day()
    monday = day - datetime.timedelta(days=day.weekday()) + datetime.timedelta(weeks=step)
    sunday = monday + datetime.timedelta(days=6)
    if (monday.year, monday.month) != (sunday.year, sunday.month):
        return None
    return Resolved(PartialDate(monday.year, monday.month), relative=True, direction=direction)


def ago(m, ref, tense, ctx) -> Resolved | None:
    if ref is None:
        return None
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else data()["number_words"][raw]
    unit = m["unit"].lower()
    if unit == "decade":
        unit, n = "year", 10 * n
    if unit == "year" and m["today"] and ref.precision == "day":  # "Twenty years ago today": that very day
        return Resolved(years_from(ref, -n), relative=True, direction=PAST)
    if unit == "year":
        return Resolved(PartialDate(ref.year - n), relative=True, direction=PAST)
    if unit == "month" and ref.month is not None:
        return Resolved(PartialDate(*add_months(ref.year, ref.month, -n)), relative=True, direction=PAST)
    if unit == "day" and ref.precision == "day":
        day = ref.first_day() - datetime.timedelta(days=n)
        return Resolved(PartialDate.from_date(day), relative=True, direction=PAST)
    return None


def weekday(m, ref, tense, ctx) -> Resolved | None:
    if ref is None or ref.precision != "day":
        return None
    wd = data()["weekdays"][(m["wd"] or m["wdl"]).capitalize()]
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
    return Resolved(PartialDate.from_date(target), relative=True, direction=direction)


def name_year(m, ref, tense, ctx) -> Resolved | None:
    return Resolved(PartialDate(int(m["y"])))


# --- patterns ----------------------------------------------------------------------------------
