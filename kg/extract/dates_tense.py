"""Which way in time a date expression points, judged from the words of its clause.

"on April 2" means the last April 2 in "elections were held on April 2" and the next
one in "talks will be held on April 2". The nearest tense cue in the same clause
decides; future cues are matched first and masked, so the participle in "will be
held" does not count as a past verb.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files

PAST, FUTURE, UNKNOWN = "past", "future", "unknown"
WINDOW = 300  # characters either side of a mention within which tense cues count

# A clause ends at a sentence end, a semicolon or a line break.
_BOUNDARY = re.compile(r"[.!?;](?=\s)|\n")


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    data = json.loads(files("kg.data").joinpath("dates.json").read_text(encoding="utf-8"))
    future = re.compile(r"(?<![\w'’])(?:" + "|".join(data["future_cues"]) + r")(?![\w])", re.IGNORECASE)
    past = frozenset(w.lower() for w in [*data["past_cues"], *data["past_verbs"]])
    return future, past, frozenset(w.lower() for w in data["not_past_ed"])


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: from the previous boundary to the next one.

    A cue further than WINDOW characters away is not "nearby", so the clause is cut
    there; this also keeps the cost per mention constant on long texts.
    """
    left = max(0, start - WINDOW)
    for m in _BOUNDARY.finditer(text, left, start):
        left = m.end()
    right = min(len(text), end + WINDOW)
    m = _BOUNDARY.search(text, end, right)
    return left, (m.start() if m else right)


def detect_tense(text: str, start: int, end: int) -> str:
    """"past", "future" or "unknown" for the expression at text[start:end], from the nearest cue."""
    future, past, not_past = _cues()
    left, right = clause_bounds(text, start, end)
    cues: list[tuple[int, str]] = []
    masked: list[tuple[int, int]] = [(start, end)]
    for m in future.finditer(text, left, right):
        if m.start() < end and start < m.end():
            continue
        cues.append((_distance(m.start(), m.end(), start, end), FUTURE))
        masked.append(m.span())
    for m in _WORD.finditer(text, left, right):
        word = m.group(0).lower()
        if word not in past and not (word.endswith("ed") and len(word) > 3 and word not in not_past):
            continue
        if any(m.start() < e and s < m.end() for s, e in masked):
            continue
        if word not in past and m.group(0)[0].isupper() and m.start() > left + 1:
            continue  # "United", "Dubbed": a capitalised -ed word inside a clause is a name
        cues.append((_distance(m.start(), m.end(), start, end), PAST))
    if not cues:
        return UNKNOWN
    return min(cues)[1]


def _distance(s1: int, e1: int, s2: int, e2: int) -> int:
    return max(0, s2 - e1, s1 - e2)
