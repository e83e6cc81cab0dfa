"""Dates known to year, month or day precision.

News text often gives only a year ("in 2013") or a month ("September 2017"); the
graph must never claim more than the text says, so a date carries its precision
and becomes xsd:gYear, xsd:gYearMonth or xsd:date accordingly.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import total_ordering

from rdflib import Literal
from rdflib.namespace import XSD

_ISO = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A calendar date of year, month or day precision.

    Ordered by (year, month or 0, day or 0): a less precise date sorts before the
    more precise dates inside it, which keeps sorting total and deterministic.
    Use `first_day`/`last_day` for interval comparisons.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None and not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
            raise ValueError(f"day out of range: {self.year}-{self.month:02d}-{self.day}")

    @classmethod
    def parse(cls, s: str) -> PartialDate:
        """Read "2017", "2017-04" or "2017-04-02" (an ISO 8601 date-time keeps only its date)."""
        m = _ISO.fullmatch(s.strip()) if isinstance(s, str) else None
        if not m:
            raise ValueError(f"not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): {s!r}")
        month = int(m["m"]) if m["m"] else None
        day = int(m["d"]) if m["d"] else None
        return cls(int(m["y"]), month, day)

    @classmethod
    def from_date(cls, d: datetime.date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    def literal(self) -> Literal:
        """The typed literal of exactly this precision."""
        datatype = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}[self.precision]
        return Literal(self.iso(), datatype=datatype)

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.day is None:
            return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return datetime.date(self.year, self.month, self.day)

    def contains(self, other: PartialDate) -> bool:
        """True when `other` lies wholly inside this date's interval."""
        return self.first_day() <= other.first_day() and other.last_day() <= self.last_day()

    def overlaps(self, other: PartialDate) -> bool:
        return self.first_day() <= other.last_day() and other.first_day() <= self.last_day()

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()
